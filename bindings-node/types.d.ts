/* connectnow-queue: the shapes of arguments and results (hand-written header of the generated
 * index.d.ts; the classes and their methods below are generated from the Rust source).
 *
 * Conventions: ids are UUID strings; instants are `Date`s; optional settings that can be
 * cleared take `null`; enum values are the API's snake_case names (`longest_idle`). */

/** Access level in a company, lowest to highest. */
export type Role = 'agent' | 'supervisor' | 'admin' | 'owner'
/** Availability shown to others; only `chat` and `available` receive work. */
export type Show = 'chat' | 'available' | 'dnd' | 'away' | 'xa' | 'unavailable'
/** Whether an agent's client is connected. */
export type Connection = 'online' | 'offline'
/** How a queue chooses among the eligible agents. */
export type Strategy = 'longest_idle' | 'least_occupied' | 'round_robin' | 'most_skilled' | 'ring_all'
/** Where a stay is in its life cycle. */
export type StayState =
  | 'waiting'
  | 'offered'
  | 'assigned'
  | 'completed'
  | 'abandoned'
  | 'transferred'
  | 'expired'
  | 'timed_out'
/** What company reads may append. */
export type CompanyWith = 'users' | 'queues'
/** What user reads may append. */
export type UserWith = 'companies' | 'companies.skills' | 'companies.queues'
/** A day of the week, spelled as Python and the core spell it. */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun'
/** The kinds of configuration records events name. */
export type EntityKind =
  | 'user'
  | 'access_token'
  | 'company'
  | 'company_user'
  | 'presence'
  | 'skill'
  | 'company_user_skill'
  | 'queue_skill'
  | 'queue'
  | 'queue_password'
  | 'operator'
  | 'hours_of_operation'
  | 'blacklist_hours'
  | 'queueable_object'
  | 'stay'
  | 'note'
  | 'rating'
  | 'team'
  | 'agent_settings'
  | 'presence_status'

/** An actor as results show it (a note's author, an event's actor). */
export type ActorValue = { type: 'system' } | { type: 'anonymous' } | { type: 'user'; userId: string }
/** What calls accept as their actor: an `Actor`, or the same as a plain object. */
export type ActorLike = Actor | ActorValue

/** Options of `Engine.inMemory` and `Engine.open`. */
export interface EngineOptions {
  /** Time source (default: the system clock). */
  clock?: ManualClock
  /** Seed for reproducible ids; engines sharing a database need different seeds. */
  seed?: number
  /**
   * How long history (ended stays with their notes, objects no stay is left for with their
   * ratings, agents' time pieces, events) is kept, in ms of the engine's time (at least a
   * second); commits prune what is older, at most every 10 minutes. Absent or `null`: keep
   * everything (Python's `retention`, in seconds there).
   */
  retentionMs?: number | null
}

/** Options of `Engine.open`: those of `Engine.inMemory`, and how the store is reached. */
export interface OpenOptions extends EngineOptions {
  /** SQLite only: `'normal'` (default; a power cut may lose the last commits) or `'full'` (fsync every commit). */
  synchronous?: 'normal' | 'full'
  /** How long to wait for another process's transaction (SQLite) or node's lock (PostgreSQL), in ms (default 5000). */
  busyTimeoutMs?: number
  /** PostgreSQL only: the schema holding the tables, created if missing (default: the connection's search path). */
  schema?: string
  /** PostgreSQL only: a PEM file of the authorities to trust when the URL asks for TLS (`?sslmode=require`); default: Mozilla's roots. */
  tlsRootCert?: string
}

/** Sizes of the routing indexes. */
export interface RoutingIndexSizes {
  waitingStays: number
  readyAgents: number
}

/** A company running queues. */
export interface Company {
  id: string
  name: string
  logoUrl: string
  isPublic: boolean
  /** IANA time zone hours of operation are written in. */
  timeZone: string
  defaultMaxNumberOfObjectsHandled: number
  defaultAbilityToPickFromQueue: boolean
  /** Lapsed offers in a row that set an agent away (0: never). */
  maxMissedOffers: number
  createdAt: Date
}
/** A company with the expansions asked for. */
export interface CompanyView extends Company {
  users?: CompanyUser[]
  queues?: Queue[]
}
/** Fields of a new company. */
export interface NewCompany {
  name: string
  logoUrl?: string
  isPublic?: boolean
  /** Default `UTC`. */
  timeZone?: string
  /** Default 1. */
  defaultMaxNumberOfObjectsHandled?: number
  defaultAbilityToPickFromQueue?: boolean
  maxMissedOffers?: number
  /** For the system actor: the user to make owner. */
  ownerUserId?: string | null
}
/** Changes to a company; absent fields stay as they are. */
export interface CompanyUpdate {
  name?: string
  logoUrl?: string
  isPublic?: boolean
  timeZone?: string
  defaultMaxNumberOfObjectsHandled?: number
  defaultAbilityToPickFromQueue?: boolean
  maxMissedOffers?: number
}

/** A user's membership in a company (an agent). */
export interface CompanyUser {
  id: string
  companyId: string
  /** `null` while only invited. */
  userId: string | null
  invitedEmail: string | null
  role: Role
  isActive: boolean
  maxNumberOfObjectsHandled: number
  isAutoMaxNumberHandled: boolean
  abilityToPickFromQueue: boolean
  isAutoAbilityToPickFromQueue: boolean
  createdAt: Date
}
/** Fields of a new membership: an existing user, an invitation by e-mail, or both. */
export interface NewCompanyUser {
  companyId: string
  userId?: string | null
  invitedEmail?: string | null
  /** Default `agent`. */
  role?: Role
  isActive?: boolean
  maxNumberOfObjectsHandled?: number
  isAutoMaxNumberHandled?: boolean
  abilityToPickFromQueue?: boolean
  isAutoAbilityToPickFromQueue?: boolean
}
/** Changes to a membership. */
export interface CompanyUserUpdate {
  role?: Role
  isActive?: boolean
  maxNumberOfObjectsHandled?: number
  isAutoMaxNumberHandled?: boolean
  abilityToPickFromQueue?: boolean
  isAutoAbilityToPickFromQueue?: boolean
}

/** A person who can log in. */
export interface User {
  id: string
  username: string
  firstname: string
  lastname: string
  email: string
  telephone: string | null
  language: string
  dateFormat: string
  createdAt: Date
}
/** A user with the expansions asked for. */
export interface UserView extends User {
  companies?: UserCompany[]
}
/** One company of a `UserView`. */
export interface UserCompany extends Company {
  companyUserId: string
  skills?: Skill[]
  queues?: Queue[]
}
/** Fields of a new user. */
export interface NewUser {
  username: string
  firstname: string
  lastname: string
  email: string
  telephone?: string | null
  /** Default `en`. */
  language?: string | null
  /** Default `en_GB`. */
  dateFormat?: string | null
}
/** Changes to a user; `telephone: null` clears it. */
export interface UserUpdate {
  username?: string
  firstname?: string
  lastname?: string
  email?: string
  telephone?: string | null
  language?: string
  dateFormat?: string
}
/** A personal access token as stored (never its secret). */
export interface AccessToken {
  id: string
  userId: string
  name: string
  createdAt: Date
  revokedAt: Date | null
}
/** A freshly issued token: the only time its secret is visible. */
export interface IssuedToken {
  token: AccessToken
  /** The bearer secret for `engine.authenticate`. */
  secret: string
}

/** A supervisor's lock on an agent's show. */
export interface PresenceLock {
  lockedBy: ActorValue
  lockedAt: Date
}
/** An agent's presence. */
export interface Presence {
  companyUserId: string
  show: Show
  connection: Connection
  lastSeen: Date | null
  activeChannels: string[]
  lock: PresenceLock | null
  changedAt: Date
  /** When the agent's last assignment ended: the `longest_idle` key. */
  idleSince: Date
  /** Since when the agent has shown chat or available without a break (null otherwise). */
  readySince: Date | null
  /** While wrapping up after a completion: when the wrap-up ends. */
  wrapUpUntil: Date | null
  wrapUpSince: Date | null
  wrapUpQueueId: string | null
  /** Offers lapsed in a row since the agent last accepted or picked one. */
  missedOffers: number
  /** Why the engine set `show`: 'missed_offers'. */
  reason: 'missed_offers' | null
  /** The company-defined status the agent is in ("Lunch"), whose show they show. */
  statusId: string | null
  /** Since when they have been in it. */
  statusSince: Date | null
}
/** Where a waiting object stands in its queue. */
export interface QueuePosition {
  stayId: string
  queueId: string
  position: number
  ahead: number
  estimatedWaitSeconds: number | null
}
/** A presence report; absent fields stay as they are. */
export interface PresenceUpdate {
  /** Without `statusId`, leaves the agent's status. */
  show?: Show
  /** A presence status of the agent's company: they show its show (a `show` beside it must match). */
  statusId?: string
  connection?: Connection
  activeChannels?: string[]
}
/** A company-defined presence status ("Lunch" → away), the seeds' statusID. */
export interface PresenceStatus {
  id: string
  companyId: string
  name: string
  show: Show
  createdAt: Date
}
/** Time an agent spent in one presence status. */
export interface StatusSeconds {
  statusId: string
  seconds: number
}

/** A skill defined by a company. */
export interface Skill {
  id: string
  companyId: string
  name: string
  createdAt: Date
}
/** An agent's level (1–10) in a skill. */
export interface CompanyUserSkill {
  id: string
  companyUserId: string
  skillId: string
  level: number
}
/** A queue's minimum level (1–10) in a skill. */
export interface QueueSkill {
  id: string
  queueId: string
  skillId: string
  minLevel: number
}
/** A skill an object requires, at a minimum level. */
export interface SkillRequirement {
  skillId: string
  minLevel: number
}

/** A queue (its password is never returned). */
export interface Queue {
  id: string
  companyId: string
  name: string
  hasPassword: boolean
  /** Owner of a personal queue. */
  companyUserId: string | null
  /** Seconds after which a waiting object escalates to the next tier. */
  priorityDelay: number | null
  isActive: boolean
  strategy: Strategy
  /** Seconds an agent has to accept an offer; `null`: objects are assigned directly. */
  offerTimeout: number | null
  wrapUpSeconds: number
  maxWaiting: number | null
  maxWaitSeconds: number | null
  overflowQueueId: string | null
  skipEmptyTiers: boolean
  createdAt: Date
}
/** Fields of a new queue. */
export interface NewQueue {
  companyId: string
  name: string
  password?: string | null
  companyUserId?: string | null
  priorityDelay?: number | null
  isActive?: boolean
  strategy?: Strategy
  offerTimeout?: number | null
  wrapUpSeconds?: number
  maxWaiting?: number | null
  maxWaitSeconds?: number | null
  overflowQueueId?: string | null
  skipEmptyTiers?: boolean
}
/** Changes to a queue; `null` clears an optional setting. */
export interface QueueUpdate {
  name?: string
  password?: string | null
  priorityDelay?: number | null
  isActive?: boolean
  strategy?: Strategy
  offerTimeout?: number | null
  wrapUpSeconds?: number
  maxWaiting?: number | null
  maxWaitSeconds?: number | null
  overflowQueueId?: string | null
  skipEmptyTiers?: boolean
}
/** A queue's availability and load right now. */
export interface QueueStatus {
  queueId: string
  queueShow: Show
  open: boolean
  nextChange: Date | null
  waiting: number
  offered: number
  assigned: number
}

/** One agent staffing one queue. */
export interface Operator {
  id: string
  queueId: string
  companyUserId: string
  enabled: boolean
  tier: number
  lastRoutedAt: Date | null
  /** The queue's routing count when it last routed to this agent (0: never): the `round_robin` key. */
  routedSeq: number
  createdAt: Date
}
/** An operator row as listed per queue or per agent. */
export interface OperatorView {
  queueId: string
  /** The queue's name. */
  queue: string
  queueShow: Show
  companyUserId: string
  userId: string | null
  /** The agent's username. */
  user: string | null
  userShow: Show
  enabled: boolean
  tier: number
}
/** Changes to an operator. */
export interface OperatorUpdate {
  enabled?: boolean
  tier?: number
}

/** One weekly opening, in the company's time zone; `closes` ≤ `opens` runs past midnight. */
export interface OpenInterval {
  weekday: Weekday
  /** Local time, `'HH:MM:SS'`. */
  opens: string
  /** Local time, `'HH:MM:SS'`. */
  closes: string
}
/** A weekly schedule of a queue, or the company default (`queueId: null`). */
export interface HoursOfOperation {
  id: string
  companyId: string
  queueId: string | null
  intervals: OpenInterval[]
}
/** A closed date-time range of one queue, or of every queue (`queueId: null`). */
export interface BlacklistHours {
  id: string
  companyId: string
  queueId: string | null
  startsAt: Date
  endsAt: Date
  reason: string
}
/** Fields of a new closure. */
export interface NewBlacklistHours {
  startsAt: Date
  endsAt: Date
  reason?: string
}
/** Whether a queue is open at an instant, and when that changes. */
export interface OpenStatus {
  open: boolean
  nextChange: Date | null
  nextOpen: Date | null
}

/** Something a customer wants handled: a chat, a call, an e-mail. */
export interface QueueableObject {
  id: string
  companyId: string
  name: string
  channel: string
  priority: number
  requiredSkills: SkillRequirement[]
  createdAt: Date
}
/** Fields of a new object. */
export interface NewObject {
  companyId: string
  name: string
  /** Default `chat`. */
  channel?: string
  /** Default 0; higher is served first. */
  priority?: number
  requiredSkills?: SkillRequirement[]
}
/** One object's stay in one queue. */
export interface Stay {
  id: string
  objectId: string
  queueId: string
  companyId: string
  state: StayState
  /** Start of the wait that orders and escalates it (kept across transfers). */
  waitSince: Date
  enqueuedAt: Date
  /** The agent it is offered to (with `ring_all`, the first of `ringing`). */
  offeredTo: string | null
  /** With `ring_all`, while offered: every agent it rings, in id order; empty otherwise. */
  ringing: string[]
  /** When the offer lapses; null without an `offerTimeout`. */
  offerExpiresAt: Date | null
  assignedTo: string | null
  assignedAt: Date | null
  picked: boolean
  endedAt: Date | null
  /** Agents who rejected or let an offer lapse; never offered it again. */
  excluded: string[]
  transferredFrom: string | null
  transferredTo: string | null
  /** The agent only who may get it until `preferredUntil`. */
  preferredAgentId: string | null
  preferredUntil: Date | null
}
/** A note on a stay. */
export interface Note {
  id: string
  stayId: string
  objectId: string
  author: ActorValue
  text: string
  createdAt: Date
}
/** The customer's rating of a handled object. */
export interface Rating {
  id: string
  objectId: string
  stayId: string
  score: number
  comment: string
  ratedBy: ActorValue
  createdAt: Date
}

/** A named group of agents. */
export interface Team {
  id: string
  companyId: string
  name: string
  /** Company user ids. */
  members: string[]
  createdAt: Date
}
/** A team member. */
export interface TeamMember {
  id: string
  name: string
  email: string
}
/** A member's presence in a team listing. */
export interface TeamPresence {
  companyUserId: string
  userId: string | null
  requestTime: Date
  lastSeen: Date | null
  presenceStatus: Show
  connectionStatus: Connection
  activeChannels: string[]
}
/** One page of a team's presence. */
export interface TeamPresencePage {
  data: TeamPresence[]
  /** Pass as `pageKey` for the next page; `null` on the last. */
  nextPageKey: string | null
}
/** One page of a queue's waiting line, in serving order. */
export interface WaitingPage {
  data: Stay[]
  /** Pass as `pageKey` for the next page; `null` on the last. */
  nextPageKey: string | null
}

/** A statistic an agent watches on their dashboard. */
export interface WatchedStatistic {
  statistic: string
  option?: string
  secondaryOption?: string
}
/** An agent's personal settings. */
export interface AgentSettings {
  companyUserId: string
  notifyOnAssignment: boolean
  soundOnNewMessage: boolean
  autoAnswerCalls: boolean
  watchedStatistics: Required<WatchedStatistic>[]
}
/** Changes to settings. */
export interface AgentSettingsUpdate {
  notifyOnAssignment?: boolean
  soundOnNewMessage?: boolean
  autoAnswerCalls?: boolean
}

/** The window statistics are computed over. */
export interface StatsQuery {
  companyId: string
  /** Start of the window (inclusive). */
  from: Date
  /** End of the window (exclusive). */
  to: Date
  /** Service-level threshold in seconds (default 20). */
  serviceLevelSeconds?: number
}
/** Statistics of one queue over a window. */
export interface QueueStats {
  queueId: string
  offered: number
  answered: number
  abandoned: number
  /** Stays that left after `maxWaitSeconds` (overflowed or timed out). */
  waitLimitReached: number
  serviceLevel: number | null
  averageWaitSeconds: number | null
  p90WaitSeconds: number | null
  averageHandleSeconds: number | null
  occupancy: number | null
  averageRating: number | null
}
/** One queue's statistics over one interval of `queueStatsByInterval`. */
export interface IntervalQueueStats extends QueueStats {
  /** Start of the interval (inclusive). */
  intervalStart: Date
  /** End of the interval (exclusive). */
  intervalEnd: Date
}
/** Statistics of one agent over a window. */
export interface AgentStats {
  companyUserId: string
  offered: number
  answered: number
  rejected: number
  timedOut: number
  completed: number
  averageHandleSeconds: number | null
  busySeconds: number
  /** Seconds wrapping up (part of `busySeconds`). */
  wrapUpSeconds: number
  /** Seconds in each presence status the agent was in, by status id. */
  statusSeconds: StatusSeconds[]
  staffedSeconds: number
  occupancy: number | null
  averageRating: number | null
}

/** The first rule that keeps an agent from an object (`reason`), numbered as in SPEC §3. */
export type Ineligible =
  | { reason: 'not_waiting'; state: StayState }
  | { reason: 'inactive' }
  | { reason: 'other_company' }
  | { reason: 'not_operator' }
  | { reason: 'suspended' }
  | { reason: 'not_ready'; show: Show }
  | { reason: 'wrapping_up'; until: Date }
  | { reason: 'at_capacity'; load: number; capacity: number }
  | { reason: 'missing_skill'; skillId: string; required: number; level: number | null }
  | { reason: 'queue_inactive' }
  | { reason: 'queue_closed' }
  | { reason: 'tier_not_reached'; tier: number; reached: number; at: Date }
  | { reason: 'rejected' }
  | { reason: 'kept_for_another'; preferredAgentId: string; until: Date }
/** One agent's standing for one stay. */
export interface AgentVerdict {
  companyUserId: string
  tier: number | null
  /** `null` when eligible now. */
  ineligible: Ineligible | null
}
/** Why one stay of an object is where it is. */
export interface Explanation {
  stayId: string
  queueId: string
  state: StayState
  tierReached: number | null
  nextEscalationAt: Date | null
  agents: AgentVerdict[]
}

/** Which events `events()` returns; every bound is optional. */
export interface EventQuery {
  companyId?: string | null
  from?: Date | null
  to?: Date | null
  afterSeq?: number | null
  limit?: number | null
}
/** One domain event: who did what, when. */
export type QueueEvent = {
  seq: number
  at: Date
  actor: ActorValue
  companyId: string | null
} & (
  | { type: 'record'; op: 'created' | 'updated' | 'deleted'; entity: EntityKind; id: string }
  | {
      type: 'presence_changed'
      companyUserId: string
      show: Show
      connection: Connection
      /** Set when the engine changed it: 'missed_offers'. */
      reason?: 'missed_offers'
      /** The presence status the agent is now in, when one. */
      statusId?: string
    }
  | { type: 'wrap_up_started'; companyUserId: string; queueId: string; until: Date }
  | { type: 'wrap_up_ended'; companyUserId: string; queueId: string | null; early: boolean }
  | { type: 'enqueued'; stayId: string; objectId: string; queueId: string; waitSince: Date; priority: number }
  | { type: 'offered'; stayId: string; queueId: string; companyUserId: string; expiresAt: Date | null }
  | { type: 'offer_withdrawn'; stayId: string; queueId: string; companyUserId: string }
  | { type: 'offer_rejected'; stayId: string; queueId: string; companyUserId: string }
  | { type: 'offer_timed_out'; stayId: string; queueId: string; companyUserId: string }
  | {
      type: 'assigned'
      stayId: string
      objectId: string
      queueId: string
      companyUserId: string
      waitSince: Date
      picked: boolean
    }
  | { type: 'completed'; stayId: string; objectId: string; queueId: string; companyUserId: string; assignedAt: Date }
  | { type: 'abandoned'; stayId: string; objectId: string; queueId: string; waitSince: Date }
  | {
      type: 'transferred'
      stayId: string
      toStayId: string
      queueId: string
      toQueueId: string
      companyUserId: string | null
    }
  | { type: 'expired'; stayId: string; objectId: string; queueId: string }
  | {
      type: 'wait_limit_reached'
      stayId: string
      objectId: string
      queueId: string
      waitSince: Date
      /** The overflow queue it moved to; null when its stay ended `timed_out`. */
      toQueueId: string | null
      toStayId: string | null
    }
  | { type: 'rated'; objectId: string; stayId: string; queueId: string; companyUserId: string | null; score: number }
)

/** What `pruneHistory()` removed, by kind. */
export interface Pruned {
  /** Ended stays. */
  stays: number
  /** Notes of those stays. */
  notes: number
  /** Objects left with no stay, created before the cutoff. */
  objects: number
  /** Ratings of those objects. */
  ratings: number
  /** Pieces of agents' handling and ready time. */
  intervals: number
  /** Events. */
  events: number
}

/** Options of `watch()`; every one is optional. */
export interface WatchOptions {
  /** Only events of this company (the system, or admins of it; all companies: the system only). */
  companyId?: string | null
  /**
   * Only events about this agent: offers to them, their assignments, completions, presence
   * and wrap-ups (the agent themselves, or admins and up of their company).
   */
  companyUserId?: string | null
  /**
   * Deliver events with a greater sequence number: a `seq` saved from an earlier watch
   * resumes right after it. Absent: only events committed from now on.
   */
  afterSeq?: number | null
  /** How long `for await` waits for each event before the loop ends; absent: for ever. */
  timeoutMs?: number | null
}

/** The rule behind an `ERR_CONFLICT`, the same codes as Python's `Conflict.reason`. */
export type ConflictReason =
  | 'queue_inactive'
  | 'queue_closed'
  | 'queue_full'
  | 'password_changed'
  | 'already_queued'
  | 'being_handled'
  | 'not_offered'
  | 'not_waiting'
  | 'not_eligible'
  | 'not_assigned'
  | 'stay_assigned'
  | 'stay_ended'
  | 'already_rated'
  | 'not_handled'
  | 'status_locked'
  | 'personal_queue'
  | 'already_operator'
  | 'already_member'
  | 'last_owner'
  | 'agent_busy'
  | 'has_personal_queue'
  | 'queue_in_use'
  | 'skill_in_use'
  | 'status_in_use'
  | 'name_taken'
  | 'username_taken'
  | 'stale_connection'
  | 'engine_closed'
  | 'batch_open'

/**
 * The error every failing call throws (or rejects with). A value of the wrong type throws a
 * `TypeError` (`code: 'ERR_INVALID_ARG_TYPE'`), a `Date` outside years 1–9999 or a clock
 * step back a `RangeError` (`code: 'ERR_OUT_OF_RANGE'`).
 */
export interface QueueError extends Error {
  /** `ERR_UNAUTHENTICATED`, `ERR_FORBIDDEN`, `ERR_NOT_FOUND`, `ERR_INVALID_INPUT`, `ERR_CONFLICT`, `ERR_STORAGE`, `ERR_INTERNAL`. */
  code: string
  /** The HTTP status of the kind: 401, 403, 404, 422, 409 or 500. */
  status: number
  /** For `ERR_INVALID_INPUT`: the offending field, as the caller named it. */
  field?: string
  /** For `ERR_CONFLICT`: which rule refused the call. */
  reason?: ConflictReason
}

export interface Engine {
  /**
   * Every member's presence, page after page: an async iterator over
   * `listTeamPresenceAsync` that follows `nextPageKey` until the last page (Python's
   * `iter_team_presence`).
   */
  iterTeamPresence(
    actor: ActorLike,
    teamId: string,
    options?: { pageLimit?: number },
  ): AsyncIterableIterator<TeamPresence>
  /** The former name of `iterTeamPresence`. */
  teamPresence(
    actor: ActorLike,
    teamId: string,
    options?: { pageLimit?: number; pageKey?: string | null },
  ): AsyncIterableIterator<TeamPresence>
  /**
   * Every stay waiting in a queue, in serving order, page after page: an async iterator
   * over `listWaitingPageAsync` (Python's `iter_waiting`). `listWaiting` stops at 10 000.
   */
  iterWaiting(
    actor: ActorLike,
    queueId: string,
    options?: { pageLimit?: number },
  ): AsyncIterableIterator<Stay>
  /**
   * Runs `fn(engine)` as one batch (Python's `with engine.batch():`): `beginBatch`, then
   * `fn`, then `commitBatch`, returning what `fn` returns. Every command is applied, routed
   * and answered as usual, but the store commits them once, at the end; if `fn` throws (or
   * the commit fails) none of them happened, and the error is rethrown.
   *
   * While the batch is open, every command on this engine is part of it, whichever
   * callback makes it; so call only synchronous methods in `fn` — an `…Async` call's work
   * runs later, after the batch ended. `fn` must not return a Promise: that aborts the
   * batch and throws a `TypeError` (use `batchAsync`). Called while a batch is open, it
   * joins that batch: it just runs `fn`, and the outer batch commits or undoes its commands.
   */
  batch<T>(fn: (engine: Engine) => T): T
  /**
   * `batch` for an async `fn`: `beginBatchAsync`, then `await fn(engine)`, then
   * `commitBatchAsync`, resolving with what `fn` resolved with; if `fn` rejects (or the
   * commit fails) none of the batch happened, and the promise rejects with that error.
   *
   * Every command on this engine while the batch is open — from `fn`, or from any other
   * callback running meanwhile (a timer, another request's handler) — is part of the batch,
   * committed or undone with it. Called while a batch is open, it joins that batch: it just
   * awaits `fn`. Two `batchAsync` calls should not overlap on one engine: the second joins
   * the first if that one is open by then (so the first's end commits or undoes the
   * second's work so far), and rejects with `ERR_CONFLICT` / `reason: 'batch_open'` if both
   * are opening at once.
   */
  batchAsync<T>(fn: (engine: Engine) => T | PromiseLike<T>): Promise<T>
}

export interface Watch {
  /**
   * `for await (const event of watch)`: each event as it is committed. The loop ends when
   * the watch's `timeoutMs` passes without one (the watch stays open), or at `break`, which
   * closes the watch (as an exception out of the loop does).
   */
  [Symbol.asyncIterator](): AsyncGenerator<QueueEvent, void, undefined>
}
