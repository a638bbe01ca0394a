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

/**
 * Which binding artifact the generated loader actually loaded: `'native'` for
 * a native addon, otherwise the `platformArchABI` of the WASI flavor. Every
 * flavor napi-rs can build is listed, because `NAPI_RS_NATIVE_LIBRARY_PATH`
 * can point the loader at a WASI artifact this package does not build itself.
 */
export declare const __napiBindingTarget: 'native' | 'wasm32-wasi' | 'wasm32-wasip1'

/**
 * Who a call acts for. `Actor.system()` is the trusted host; `engine.authenticate(token)`
 * returns a user's actor. Calls also accept plain `{ type: 'user', userId }` objects.
 */
export declare class Actor {
  /** The host application itself, trusted with everything. */
  static system(): Actor
  /** Nobody: every call made for it throws `ERR_UNAUTHENTICATED`. */
  static anonymous(): Actor
  /** The user with this id, trusted as authenticated (the host vouches for them). */
  static user(userId: string): Actor
  /** `'system'`, `'user'` or `'anonymous'`. */
  get type(): 'system' | 'user' | 'anonymous'
  /** The user's id, for a user actor. */
  get userId(): string | undefined
  /** The plain form `{ type, userId? }`, as results show actors. */
  toJSON(): ActorValue
}

/**
 * An embedded contact-centre queue: companies, agents, queues and the router.
 *
 * Every method takes the actor it acts for first (`Actor.system()` for the host itself,
 * or the actor `authenticate(token)` returns) and runs as one transaction. Each method
 * that reaches the store has an `…Async` twin returning a Promise, which does the work on
 * a worker thread; the synchronous form blocks the event loop while it runs.
 */
export declare class Engine {
  /**
   * An engine in memory: nothing is kept after the process ends. Pass a `ManualClock`
   * to control time (tests, simulations), a `seed` for reproducible ids and
   * `retentionMs` to keep history only that long (in the engine's time; default: all).
   */
  static inMemory(options?: EngineOptions): Engine
  /**
   * Opens (creating if needed) the SQLite database at `path`: state survives restarts
   * and crashes, and several processes may share the file (`':memory:'`: a private
   * SQLite database in memory, gone when the engine closes). A `postgresql://` URL opens
   * a node on that PostgreSQL server instead, which processes on several machines share.
   * Options: `clock`, `seed`, `retentionMs` (as for `Engine.inMemory`), `busyTimeoutMs`
   * (how long to wait for another process's transaction or node's lock, default 5000);
   * SQLite only: `synchronous` (`'normal'`, the default, or `'full'`: fsync every
   * commit); PostgreSQL only: `schema` (the schema of the tables, created if missing;
   * default: the connection's search path) and `tlsRootCert` (a PEM file of the
   * authorities to trust when the URL asks for TLS with `sslmode=require`; default:
   * Mozilla's roots).
   */
  static open(path: string, options?: OpenOptions): Engine
  /** Like `Engine.open`, on a worker thread (opening loads the whole database). */
  static openAsync(path: string, options?: OpenOptions): Promise<Engine>
  /**
   * Authenticates a bearer token (a personal access token's secret): the actor to pass
   * to later calls. Unknown or revoked tokens throw `ERR_UNAUTHENTICATED`.
   */
  authenticate(token: string): Actor
  /** The engine's current time: the clock's, but never before the last instant it acted at. */
  now(): Date
  /**
   * When something next falls due (an offer lapses, an object escalates, a queue opens
   * or closes): call `tick()` then. `null` when nothing is scheduled.
   */
  nextDue(): Date | null
  /** How many waiting stays and ready-agent entries the routing indexes hold. */
  routingIndexSizes(): RoutingIndexSizes
  /**
   * How many records the engine holds in memory: its working set (configuration,
   * presence, live stays and their objects), which follows live work, not the past.
   */
  workingSetSize(): number
  /** True while a batch is open (`beginBatch`, or inside `batch(fn)` / `batchAsync(fn)`). */
  inBatch(): boolean
  /**
   * Closes the engine (and its database file). Calling it again does nothing; any other
   * call afterwards throws `ERR_CONFLICT` with `reason: 'engine_closed'`.
   */
  close(): void
  /** Registers a user (the system actor only). */
  createUser(actor: ActorLike, newUser: NewUser): User
  /**
   * Registers a user (the system actor only).
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  createUserAsync(actor: ActorLike, newUser: NewUser): Promise<User>
  /** Reads a user, with the expansions asked for (`with: ['companies', 'companies.skills', 'companies.queues']`). */
  getUser(actor: ActorLike, userId: string, options?: { with?: UserWith[] }): UserView
  /**
   * Reads a user, with the expansions asked for (`with: ['companies', 'companies.skills', 'companies.queues']`).
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  getUserAsync(actor: ActorLike, userId: string, options?: { with?: UserWith[] }): Promise<UserView>
  /** Users whose username, name or e-mail contains `search` (case-insensitive; default all), at most `limit` (1–1000, default 100). */
  findUsers(actor: ActorLike, search?: string, limit?: number): User[]
  /**
   * Users whose username, name or e-mail contains `search` (case-insensitive; default all), at most `limit` (1–1000, default 100).
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  findUsersAsync(actor: ActorLike, search?: string, limit?: number): Promise<User[]>
  /** Changes a user (the user themselves or the system). */
  updateUser(actor: ActorLike, userId: string, update: UserUpdate): User
  /**
   * Changes a user (the user themselves or the system).
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  updateUserAsync(actor: ActorLike, userId: string, update: UserUpdate): Promise<User>
  /** Deletes a user with their tokens and memberships. */
  deleteUser(actor: ActorLike, userId: string): void
  /**
   * Deletes a user with their tokens and memberships.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  deleteUserAsync(actor: ActorLike, userId: string): Promise<void>
  /** Issues a personal access token; its `secret` is shown only this once. */
  issueToken(actor: ActorLike, userId: string, name: string): IssuedToken
  /**
   * Issues a personal access token; its `secret` is shown only this once.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  issueTokenAsync(actor: ActorLike, userId: string, name: string): Promise<IssuedToken>
  /** A user's tokens (without secrets). */
  listTokens(actor: ActorLike, userId: string): AccessToken[]
  /**
   * A user's tokens (without secrets).
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  listTokensAsync(actor: ActorLike, userId: string): Promise<AccessToken[]>
  /** Revokes a token; it authenticates nobody afterwards. */
  revokeToken(actor: ActorLike, tokenId: string): AccessToken
  /**
   * Revokes a token; it authenticates nobody afterwards.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  revokeTokenAsync(actor: ActorLike, tokenId: string): Promise<AccessToken>
  /** Creates a company; a user creating it becomes its owner. */
  createCompany(actor: ActorLike, newCompany: NewCompany): Company
  /**
   * Creates a company; a user creating it becomes its owner.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  createCompanyAsync(actor: ActorLike, newCompany: NewCompany): Promise<Company>
  /** Reads a company, with `users` and/or `queues` when asked for. */
  getCompany(actor: ActorLike, companyId: string, options?: { with?: CompanyWith[] }): CompanyView
  /**
   * Reads a company, with `users` and/or `queues` when asked for.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  getCompanyAsync(actor: ActorLike, companyId: string, options?: { with?: CompanyWith[] }): Promise<CompanyView>
  /** The companies the actor may see (theirs and the public ones; all for the system). */
  listCompanies(actor: ActorLike, options?: { with?: CompanyWith[] }): CompanyView[]
  /**
   * The companies the actor may see (theirs and the public ones; all for the system).
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  listCompaniesAsync(actor: ActorLike, options?: { with?: CompanyWith[] }): Promise<CompanyView[]>
  /** Changes a company (admin or owner). */
  updateCompany(actor: ActorLike, companyId: string, update: CompanyUpdate): Company
  /**
   * Changes a company (admin or owner).
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  updateCompanyAsync(actor: ActorLike, companyId: string, update: CompanyUpdate): Promise<Company>
  /** Deletes a company and everything in it (owner). */
  deleteCompany(actor: ActorLike, companyId: string): void
  /**
   * Deletes a company and everything in it (owner).
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  deleteCompanyAsync(actor: ActorLike, companyId: string): Promise<void>
  /** Adds a member (agent) to a company, or invites one by e-mail. */
  createCompanyUser(actor: ActorLike, newCompanyUser: NewCompanyUser): CompanyUser
  /**
   * Adds a member (agent) to a company, or invites one by e-mail.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  createCompanyUserAsync(actor: ActorLike, newCompanyUser: NewCompanyUser): Promise<CompanyUser>
  /** Reads a membership. */
  getCompanyUser(actor: ActorLike, companyUserId: string): CompanyUser
  /**
   * Reads a membership.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  getCompanyUserAsync(actor: ActorLike, companyUserId: string): Promise<CompanyUser>
  /** The members of the given companies. */
  listCompanyUsers(actor: ActorLike, companyIds: string[]): CompanyUser[]
  /**
   * The members of the given companies.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  listCompanyUsersAsync(actor: ActorLike, companyIds: string[]): Promise<CompanyUser[]>
  /** Changes a membership: role, activity, capacity, pick-ability. */
  updateCompanyUser(actor: ActorLike, companyUserId: string, update: CompanyUserUpdate): CompanyUser
  /**
   * Changes a membership: role, activity, capacity, pick-ability.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  updateCompanyUserAsync(actor: ActorLike, companyUserId: string, update: CompanyUserUpdate): Promise<CompanyUser>
  /** Accepts an invitation sent to the actor's e-mail address. */
  acceptInvitation(actor: ActorLike, companyUserId: string): CompanyUser
  /**
   * Accepts an invitation sent to the actor's e-mail address.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  acceptInvitationAsync(actor: ActorLike, companyUserId: string): Promise<CompanyUser>
  /** Removes a member with their presence, skills, operator rows and team places. */
  deleteCompanyUser(actor: ActorLike, companyUserId: string): void
  /**
   * Removes a member with their presence, skills, operator rows and team places.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  deleteCompanyUserAsync(actor: ActorLike, companyUserId: string): Promise<void>
  /** Reads an agent's presence. */
  getPresence(actor: ActorLike, companyUserId: string): Presence
  /**
   * Reads an agent's presence.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  getPresenceAsync(actor: ActorLike, companyUserId: string): Promise<Presence>
  /** Reports an agent's presence; becoming available routes waiting work in the same call. */
  setPresence(actor: ActorLike, companyUserId: string, update: PresenceUpdate): Presence
  /**
   * Reports an agent's presence; becoming available routes waiting work in the same call.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  setPresenceAsync(actor: ActorLike, companyUserId: string, update: PresenceUpdate): Promise<Presence>
  /** Locks an agent's show (supervisor and up). */
  lockPresence(actor: ActorLike, companyUserId: string, show: Show): Presence
  /**
   * Locks an agent's show (supervisor and up).
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  lockPresenceAsync(actor: ActorLike, companyUserId: string, show: Show): Promise<Presence>
  /** Puts an agent in a presence status of their company and locks them there (supervisor and up). */
  lockPresenceStatus(actor: ActorLike, companyUserId: string, statusId: string): Presence
  /**
   * Puts an agent in a presence status of their company and locks them there (supervisor and up).
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  lockPresenceStatusAsync(actor: ActorLike, companyUserId: string, statusId: string): Promise<Presence>
  /** Releases a presence lock (supervisor and up). */
  unlockPresence(actor: ActorLike, companyUserId: string): Presence
  /**
   * Releases a presence lock (supervisor and up).
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  unlockPresenceAsync(actor: ActorLike, companyUserId: string): Promise<Presence>
  /** Ends an agent's wrap-up early; nothing changes for an agent not wrapping up. */
  endWrapUp(actor: ActorLike, companyUserId: string): Presence
  /**
   * Ends an agent's wrap-up early; nothing changes for an agent not wrapping up.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  endWrapUpAsync(actor: ActorLike, companyUserId: string): Promise<Presence>
  /** Reads an agent's settings. */
  getAgentSettings(actor: ActorLike, companyUserId: string): AgentSettings
  /**
   * Reads an agent's settings.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  getAgentSettingsAsync(actor: ActorLike, companyUserId: string): Promise<AgentSettings>
  /** Changes an agent's settings. */
  updateAgentSettings(actor: ActorLike, companyUserId: string, update: AgentSettingsUpdate): AgentSettings
  /**
   * Changes an agent's settings.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  updateAgentSettingsAsync(actor: ActorLike, companyUserId: string, update: AgentSettingsUpdate): Promise<AgentSettings>
  /** Adds a statistic to an agent's dashboard. */
  watchStatistic(actor: ActorLike, companyUserId: string, statistic: WatchedStatistic): AgentSettings
  /**
   * Adds a statistic to an agent's dashboard.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  watchStatisticAsync(actor: ActorLike, companyUserId: string, statistic: WatchedStatistic): Promise<AgentSettings>
  /** Removes a statistic from an agent's dashboard. */
  unwatchStatistic(actor: ActorLike, companyUserId: string, statistic: WatchedStatistic): AgentSettings
  /**
   * Removes a statistic from an agent's dashboard.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  unwatchStatisticAsync(actor: ActorLike, companyUserId: string, statistic: WatchedStatistic): Promise<AgentSettings>
  /** Defines a presence status mapped to a show (admin or owner). */
  createPresenceStatus(actor: ActorLike, companyId: string, name: string, show: Show): PresenceStatus
  /**
   * Defines a presence status mapped to a show (admin or owner).
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  createPresenceStatusAsync(actor: ActorLike, companyId: string, name: string, show: Show): Promise<PresenceStatus>
  /** Reads a presence status. */
  getPresenceStatus(actor: ActorLike, statusId: string): PresenceStatus
  /**
   * Reads a presence status.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  getPresenceStatusAsync(actor: ActorLike, statusId: string): Promise<PresenceStatus>
  /** A company's presence statuses, by name. */
  listPresenceStatuses(actor: ActorLike, companyId: string): PresenceStatus[]
  /**
   * A company's presence statuses, by name.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  listPresenceStatusesAsync(actor: ActorLike, companyId: string): Promise<PresenceStatus[]>
  /** Renames a presence status. */
  renamePresenceStatus(actor: ActorLike, statusId: string, name: string): PresenceStatus
  /**
   * Renames a presence status.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  renamePresenceStatusAsync(actor: ActorLike, statusId: string, name: string): Promise<PresenceStatus>
  /** Deletes a presence status no agent is in. */
  deletePresenceStatus(actor: ActorLike, statusId: string): void
  /**
   * Deletes a presence status no agent is in.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  deletePresenceStatusAsync(actor: ActorLike, statusId: string): Promise<void>
  /** Defines a skill (admin or owner). */
  createSkill(actor: ActorLike, companyId: string, name: string): Skill
  /**
   * Defines a skill (admin or owner).
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  createSkillAsync(actor: ActorLike, companyId: string, name: string): Promise<Skill>
  /** Reads a skill. */
  getSkill(actor: ActorLike, skillId: string): Skill
  /**
   * Reads a skill.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  getSkillAsync(actor: ActorLike, skillId: string): Promise<Skill>
  /** A company's skills. */
  listSkills(actor: ActorLike, companyId: string): Skill[]
  /**
   * A company's skills.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  listSkillsAsync(actor: ActorLike, companyId: string): Promise<Skill[]>
  /** Renames a skill. */
  renameSkill(actor: ActorLike, skillId: string, name: string): Skill
  /**
   * Renames a skill.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  renameSkillAsync(actor: ActorLike, skillId: string, name: string): Promise<Skill>
  /** Deletes a skill that no agent, queue or object uses. */
  deleteSkill(actor: ActorLike, skillId: string): void
  /**
   * Deletes a skill that no agent, queue or object uses.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  deleteSkillAsync(actor: ActorLike, skillId: string): Promise<void>
  /** Sets an agent's level (1–10) in a skill. */
  setAgentSkill(actor: ActorLike, companyUserId: string, skillId: string, level: number): CompanyUserSkill
  /**
   * Sets an agent's level (1–10) in a skill.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  setAgentSkillAsync(actor: ActorLike, companyUserId: string, skillId: string, level: number): Promise<CompanyUserSkill>
  /** Takes a skill from an agent. */
  removeAgentSkill(actor: ActorLike, companyUserId: string, skillId: string): void
  /**
   * Takes a skill from an agent.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  removeAgentSkillAsync(actor: ActorLike, companyUserId: string, skillId: string): Promise<void>
  /** An agent's skill levels. */
  listAgentSkills(actor: ActorLike, companyUserId: string): CompanyUserSkill[]
  /**
   * An agent's skill levels.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  listAgentSkillsAsync(actor: ActorLike, companyUserId: string): Promise<CompanyUserSkill[]>
  /** Sets a queue's minimum level (1–10) in a skill. */
  setQueueSkill(actor: ActorLike, queueId: string, skillId: string, minLevel: number): QueueSkill
  /**
   * Sets a queue's minimum level (1–10) in a skill.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  setQueueSkillAsync(actor: ActorLike, queueId: string, skillId: string, minLevel: number): Promise<QueueSkill>
  /** Drops a queue's skill requirement. */
  removeQueueSkill(actor: ActorLike, queueId: string, skillId: string): void
  /**
   * Drops a queue's skill requirement.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  removeQueueSkillAsync(actor: ActorLike, queueId: string, skillId: string): Promise<void>
  /** A queue's skill requirements. */
  listQueueSkills(actor: ActorLike, queueId: string): QueueSkill[]
  /**
   * A queue's skill requirements.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  listQueueSkillsAsync(actor: ActorLike, queueId: string): Promise<QueueSkill[]>
  /** Creates a queue (admin or owner). */
  createQueue(actor: ActorLike, newQueue: NewQueue): Queue
  /**
   * Creates a queue (admin or owner).
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  createQueueAsync(actor: ActorLike, newQueue: NewQueue): Promise<Queue>
  /** Reads a queue. */
  getQueue(actor: ActorLike, queueId: string): Queue
  /**
   * Reads a queue.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  getQueueAsync(actor: ActorLike, queueId: string): Promise<Queue>
  /** A company's queues. */
  listQueues(actor: ActorLike, companyId: string): Queue[]
  /**
   * A company's queues.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  listQueuesAsync(actor: ActorLike, companyId: string): Promise<Queue[]>
  /** Changes a queue; `null` clears an optional setting. */
  updateQueue(actor: ActorLike, queueId: string, update: QueueUpdate): Queue
  /**
   * Changes a queue; `null` clears an optional setting.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  updateQueueAsync(actor: ActorLike, queueId: string, update: QueueUpdate): Promise<Queue>
  /** Deletes a queue nothing is waiting in. */
  deleteQueue(actor: ActorLike, queueId: string): void
  /**
   * Deletes a queue nothing is waiting in.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  deleteQueueAsync(actor: ActorLike, queueId: string): Promise<void>
  /** A queue's availability (`queueShow`), whether it is open, and its load. */
  queueStatus(actor: ActorLike, queueId: string): QueueStatus
  /**
   * A queue's availability (`queueShow`), whether it is open, and its load.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  queueStatusAsync(actor: ActorLike, queueId: string): Promise<QueueStatus>
  /** Assigns an agent to staff a queue in a tier (1 = first line, the default). */
  assignOperator(actor: ActorLike, queueId: string, companyUserId: string, tier?: number): Operator
  /**
   * Assigns an agent to staff a queue in a tier (1 = first line, the default).
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  assignOperatorAsync(actor: ActorLike, queueId: string, companyUserId: string, tier?: number): Promise<Operator>
  /** Enables, suspends or re-tiers an operator. */
  updateOperator(actor: ActorLike, queueId: string, companyUserId: string, update: OperatorUpdate): Operator
  /**
   * Enables, suspends or re-tiers an operator.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  updateOperatorAsync(actor: ActorLike, queueId: string, companyUserId: string, update: OperatorUpdate): Promise<Operator>
  /** Takes an agent off a queue. */
  unassignOperator(actor: ActorLike, queueId: string, companyUserId: string): void
  /**
   * Takes an agent off a queue.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  unassignOperatorAsync(actor: ActorLike, queueId: string, companyUserId: string): Promise<void>
  /** A queue's operators, with `queueShow` and `userShow`. */
  listOperators(actor: ActorLike, queueId: string): OperatorView[]
  /**
   * A queue's operators, with `queueShow` and `userShow`.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  listOperatorsAsync(actor: ActorLike, queueId: string): Promise<OperatorView[]>
  /** The queues an agent staffs. */
  listAssignments(actor: ActorLike, companyUserId: string): OperatorView[]
  /**
   * The queues an agent staffs.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  listAssignmentsAsync(actor: ActorLike, companyUserId: string): Promise<OperatorView[]>
  /** Sets the weekly hours of a queue (`{ queueId }`) or the company default. */
  setHours(actor: ActorLike, companyId: string, intervals: OpenInterval[], options?: { queueId?: string | null }): HoursOfOperation
  /**
   * Sets the weekly hours of a queue (`{ queueId }`) or the company default.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  setHoursAsync(actor: ActorLike, companyId: string, intervals: OpenInterval[], options?: { queueId?: string | null }): Promise<HoursOfOperation>
  /** The weekly hours of a queue or the company default, if set. */
  getHours(actor: ActorLike, companyId: string, options?: { queueId?: string | null }): HoursOfOperation | null
  /**
   * The weekly hours of a queue or the company default, if set.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  getHoursAsync(actor: ActorLike, companyId: string, options?: { queueId?: string | null }): Promise<HoursOfOperation | null>
  /** Removes weekly hours (a queue without them uses the company default; none: always open). */
  clearHours(actor: ActorLike, companyId: string, options?: { queueId?: string | null }): void
  /**
   * Removes weekly hours (a queue without them uses the company default; none: always open).
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  clearHoursAsync(actor: ActorLike, companyId: string, options?: { queueId?: string | null }): Promise<void>
  /** Closes one queue for a date-time range. */
  addBlacklistHours(actor: ActorLike, queueId: string, closure: NewBlacklistHours): BlacklistHours
  /**
   * Closes one queue for a date-time range.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  addBlacklistHoursAsync(actor: ActorLike, queueId: string, closure: NewBlacklistHours): Promise<BlacklistHours>
  /** Closes every queue of a company for a date-time range (a holiday). */
  addCommonBlacklistHours(actor: ActorLike, companyId: string, closure: NewBlacklistHours): BlacklistHours
  /**
   * Closes every queue of a company for a date-time range (a holiday).
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  addCommonBlacklistHoursAsync(actor: ActorLike, companyId: string, closure: NewBlacklistHours): Promise<BlacklistHours>
  /** A queue's own closures. */
  listBlacklistHours(actor: ActorLike, queueId: string): BlacklistHours[]
  /**
   * A queue's own closures.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  listBlacklistHoursAsync(actor: ActorLike, queueId: string): Promise<BlacklistHours[]>
  /** A company's company-wide closures. */
  listCommonBlacklistHours(actor: ActorLike, companyId: string): BlacklistHours[]
  /**
   * A company's company-wide closures.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  listCommonBlacklistHoursAsync(actor: ActorLike, companyId: string): Promise<BlacklistHours[]>
  /** Deletes a closure. */
  deleteBlacklistHours(actor: ActorLike, blacklistId: string): void
  /**
   * Deletes a closure.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  deleteBlacklistHoursAsync(actor: ActorLike, blacklistId: string): Promise<void>
  /** Whether a queue is open at an instant, and when that changes. */
  isOpen(actor: ActorLike, queueId: string, at: Date): OpenStatus
  /**
   * Whether a queue is open at an instant, and when that changes.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  isOpenAsync(actor: ActorLike, queueId: string, at: Date): Promise<OpenStatus>
  /** Creates an object (a chat, call, e-mail…) without queueing it yet. */
  createObject(actor: ActorLike, newObject: NewObject): QueueableObject
  /**
   * Creates an object (a chat, call, e-mail…) without queueing it yet.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  createObjectAsync(actor: ActorLike, newObject: NewObject): Promise<QueueableObject>
  /** Reads an object. */
  getObject(actor: ActorLike, objectId: string): QueueableObject
  /**
   * Reads an object.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  getObjectAsync(actor: ActorLike, objectId: string): Promise<QueueableObject>
  /** Every stay of an object, live or ended. */
  listObjectStays(actor: ActorLike, objectId: string): Stay[]
  /**
   * Every stay of an object, live or ended.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  listObjectStaysAsync(actor: ActorLike, objectId: string): Promise<Stay[]>
  /** Changes an object's priority; its waiting stays reorder. */
  setObjectPriority(actor: ActorLike, objectId: string, priority: number): QueueableObject
  /**
   * Changes an object's priority; its waiting stays reorder.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  setObjectPriorityAsync(actor: ActorLike, objectId: string, priority: number): Promise<QueueableObject>
  /** Puts an existing object in a queue (`{ password }` for a protected one); routes at once. */
  enqueue(actor: ActorLike, objectId: string, queueId: string, options?: { password?: string, preferredAgentId?: string, preferredForSeconds?: number }): Stay
  /**
   * Puts an existing object in a queue (`{ password }` for a protected one); routes at once.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  enqueueAsync(actor: ActorLike, objectId: string, queueId: string, options?: { password?: string, preferredAgentId?: string, preferredForSeconds?: number }): Promise<Stay>
  /** Creates an object and puts it in a queue in one transaction; routes at once. */
  enqueueNew(actor: ActorLike, newObject: NewObject, queueId: string, options?: { password?: string, preferredAgentId?: string, preferredForSeconds?: number }): Stay
  /**
   * Creates an object and puts it in a queue in one transaction; routes at once.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  enqueueNewAsync(actor: ActorLike, newObject: NewObject, queueId: string, options?: { password?: string, preferredAgentId?: string, preferredForSeconds?: number }): Promise<Stay>
  /** Where a waiting object stands: position, objects ahead and an estimated wait. */
  queuePosition(actor: ActorLike, stayId: string): QueuePosition
  /**
   * Where a waiting object stands: position, objects ahead and an estimated wait.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  queuePositionAsync(actor: ActorLike, stayId: string): Promise<QueuePosition>
  /** Reads a stay. */
  getStay(actor: ActorLike, stayId: string): Stay
  /**
   * Reads a stay.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  getStayAsync(actor: ActorLike, stayId: string): Promise<Stay>
  /**
   * The stays waiting in a queue in serving order, at most `limit` (1–10 000, default 100).
   * `iterWaiting()` walks the whole line.
   */
  listWaiting(actor: ActorLike, queueId: string, limit?: number): Stay[]
  /**
   * The stays waiting in a queue in serving order, at most `limit` (1–10 000, default 100).
   * `iterWaiting()` walks the whole line.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  listWaitingAsync(actor: ActorLike, queueId: string, limit?: number): Promise<Stay[]>
  /**
   * One page of a queue's waiting line in serving order (`pageLimit` 1–1000, default 100);
   * pass `nextPageKey` back as `pageKey` for the next. `iterWaiting()` iterates over every page.
   */
  listWaitingPage(actor: ActorLike, queueId: string, options?: { pageKey?: string | null, pageLimit?: number }): WaitingPage
  /**
   * One page of a queue's waiting line in serving order (`pageLimit` 1–1000, default 100);
   * pass `nextPageKey` back as `pageKey` for the next. `iterWaiting()` iterates over every page.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  listWaitingPageAsync(actor: ActorLike, queueId: string, options?: { pageKey?: string | null, pageLimit?: number }): Promise<WaitingPage>
  /** The stays offered or assigned to an agent. */
  listAgentStays(actor: ActorLike, companyUserId: string): Stay[]
  /**
   * The stays offered or assigned to an agent.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  listAgentStaysAsync(actor: ActorLike, companyUserId: string): Promise<Stay[]>
  /** Accepts an offer: the stay is assigned to the agent. */
  acceptOffer(actor: ActorLike, stayId: string): Stay
  /**
   * Accepts an offer: the stay is assigned to the agent.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  acceptOfferAsync(actor: ActorLike, stayId: string): Promise<Stay>
  /** Rejects an offer: the stay waits again, never offered to this agent again. */
  rejectOffer(actor: ActorLike, stayId: string): Stay
  /**
   * Rejects an offer: the stay waits again, never offered to this agent again.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  rejectOfferAsync(actor: ActorLike, stayId: string): Promise<Stay>
  /** An agent allowed to pick takes a waiting stay they are eligible for. */
  pick(actor: ActorLike, companyUserId: string, stayId: string): Stay
  /**
   * An agent allowed to pick takes a waiting stay they are eligible for.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  pickAsync(actor: ActorLike, companyUserId: string, stayId: string): Promise<Stay>
  /** Completes an assigned stay, freeing the agent's capacity. */
  complete(actor: ActorLike, stayId: string): Stay
  /**
   * Completes an assigned stay, freeing the agent's capacity.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  completeAsync(actor: ActorLike, stayId: string): Promise<Stay>
  /** Moves a stay to another queue, keeping its original wait; returns the new stay. */
  transfer(actor: ActorLike, stayId: string, toQueueId: string): Stay
  /**
   * Moves a stay to another queue, keeping its original wait; returns the new stay.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  transferAsync(actor: ActorLike, stayId: string, toQueueId: string): Promise<Stay>
  /** Ends a waiting or offered stay from the customer's side. */
  abandon(actor: ActorLike, stayId: string): Stay
  /**
   * Ends a waiting or offered stay from the customer's side.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  abandonAsync(actor: ActorLike, stayId: string): Promise<Stay>
  /** The first rule keeping an agent from a stay, or `null` when eligible now. */
  eligibility(actor: ActorLike, companyUserId: string, stayId: string): Ineligible | null
  /**
   * The first rule keeping an agent from a stay, or `null` when eligible now.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  eligibilityAsync(actor: ActorLike, companyUserId: string, stayId: string): Promise<Ineligible | null>
  /** Why each live stay of an object is where it is (supervisor and up). */
  explain(actor: ActorLike, objectId: string): Explanation[]
  /**
   * Why each live stay of an object is where it is (supervisor and up).
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  explainAsync(actor: ActorLike, objectId: string): Promise<Explanation[]>
  /** Adds a note to a stay. */
  addNote(actor: ActorLike, stayId: string, text: string): Note
  /**
   * Adds a note to a stay.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  addNoteAsync(actor: ActorLike, stayId: string, text: string): Promise<Note>
  /** A stay's notes. */
  listNotes(actor: ActorLike, stayId: string): Note[]
  /**
   * A stay's notes.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  listNotesAsync(actor: ActorLike, stayId: string): Promise<Note[]>
  /** Records the one rating (1–5, with an optional comment) of a handled object. */
  rate(actor: ActorLike, objectId: string, score: number, comment?: string): Rating
  /**
   * Records the one rating (1–5, with an optional comment) of a handled object.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  rateAsync(actor: ActorLike, objectId: string, score: number, comment?: string): Promise<Rating>
  /** An object's rating, if any. */
  getRating(actor: ActorLike, objectId: string): Rating | null
  /**
   * An object's rating, if any.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  getRatingAsync(actor: ActorLike, objectId: string): Promise<Rating | null>
  /** Statistics of every queue of a company over a window (supervisor and up). */
  queueStats(actor: ActorLike, query: StatsQuery): QueueStats[]
  /**
   * Statistics of every queue of a company over a window (supervisor and up).
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  queueStatsAsync(actor: ActorLike, query: StatsQuery): Promise<QueueStats[]>
  /**
   * Every queue's statistics for each `intervalMinutes` (1–1440, default 15) of the
   * window: one row per queue per interval (supervisor and up).
   */
  queueStatsByInterval(actor: ActorLike, query: StatsQuery, intervalMinutes?: number): IntervalQueueStats[]
  /**
   * Every queue's statistics for each `intervalMinutes` (1–1440, default 15) of the
   * window: one row per queue per interval (supervisor and up).
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  queueStatsByIntervalAsync(actor: ActorLike, query: StatsQuery, intervalMinutes?: number): Promise<IntervalQueueStats[]>
  /** Statistics of every agent of a company over a window (supervisor and up). */
  agentStats(actor: ActorLike, query: StatsQuery): AgentStats[]
  /**
   * Statistics of every agent of a company over a window (supervisor and up).
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  agentStatsAsync(actor: ActorLike, query: StatsQuery): Promise<AgentStats[]>
  /** Creates a team (supervisor and up). */
  createTeam(actor: ActorLike, companyId: string, name: string): Team
  /**
   * Creates a team (supervisor and up).
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  createTeamAsync(actor: ActorLike, companyId: string, name: string): Promise<Team>
  /** Reads a team. */
  getTeam(actor: ActorLike, teamId: string): Team
  /**
   * Reads a team.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  getTeamAsync(actor: ActorLike, teamId: string): Promise<Team>
  /** A company's teams. */
  listTeams(actor: ActorLike, companyId: string): Team[]
  /**
   * A company's teams.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  listTeamsAsync(actor: ActorLike, companyId: string): Promise<Team[]>
  /** Deletes a team. */
  deleteTeam(actor: ActorLike, teamId: string): void
  /**
   * Deletes a team.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  deleteTeamAsync(actor: ActorLike, teamId: string): Promise<void>
  /** Adds agents to a team (bulk). */
  addTeamMembers(actor: ActorLike, teamId: string, agentIds: string[]): Team
  /**
   * Adds agents to a team (bulk).
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  addTeamMembersAsync(actor: ActorLike, teamId: string, agentIds: string[]): Promise<Team>
  /** Removes agents from a team (bulk). */
  removeTeamMembers(actor: ActorLike, teamId: string, agentIds: string[]): Team
  /**
   * Removes agents from a team (bulk).
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  removeTeamMembersAsync(actor: ActorLike, teamId: string, agentIds: string[]): Promise<Team>
  /** A team's members with name and e-mail. */
  listTeamMembers(actor: ActorLike, teamId: string): TeamMember[]
  /**
   * A team's members with name and e-mail.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  listTeamMembersAsync(actor: ActorLike, teamId: string): Promise<TeamMember[]>
  /**
   * One page of a team's presence; pass `nextPageKey` back as `pageKey` for the next.
   * `teamPresence()` iterates over every page.
   */
  listTeamPresence(actor: ActorLike, teamId: string, options?: { pageKey?: string | null, pageLimit?: number }): TeamPresencePage
  /**
   * One page of a team's presence; pass `nextPageKey` back as `pageKey` for the next.
   * `teamPresence()` iterates over every page.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  listTeamPresenceAsync(actor: ActorLike, teamId: string, options?: { pageKey?: string | null, pageLimit?: number }): Promise<TeamPresencePage>
  /** Stored domain events, oldest first (the system, or admins of the queried company). */
  events(actor: ActorLike, query?: EventQuery): QueueEvent[]
  /**
   * Stored domain events, oldest first (the system, or admins of the queried company).
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  eventsAsync(actor: ActorLike, query?: EventQuery): Promise<QueueEvent[]>
  /**
   * Removes history older than `before` (to the whole second): stays that ended before it
   * with their notes, objects created before it that no stay is left for with their ratings,
   * agents' time pieces, events; live work is untouched. Says how many of each went. The
   * system actor only. For pruning by age as the engine runs, open it with `retentionMs`.
   */
  pruneHistory(actor: ActorLike, before: Date): Pruned
  /**
   * Removes history older than `before` (to the whole second): stays that ended before it
   * with their notes, objects created before it that no stay is left for with their ratings,
   * agents' time pieces, events; live work is untouched. Says how many of each went. The
   * system actor only. For pruning by age as the engine runs, open it with `retentionMs`.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  pruneHistoryAsync(actor: ActorLike, before: Date): Promise<Pruned>
  /**
   * Opens a batch: every command on this engine from now until `commitBatch` or `abortBatch`
   * (from any callback) is applied, routed and answered as usual, but nothing of it is written,
   * seen by other engines or by watchers until the batch commits, in one store commit. Throws
   * `ERR_CONFLICT` with `reason: 'batch_open'` if a batch is open already. `batch(fn)` and
   * `batchAsync(fn)` wrap the three calls.
   */
  beginBatch(): void
  /**
   * Opens a batch: every command on this engine from now until `commitBatch` or `abortBatch`
   * (from any callback) is applied, routed and answered as usual, but nothing of it is written,
   * seen by other engines or by watchers until the batch commits, in one store commit. Throws
   * `ERR_CONFLICT` with `reason: 'batch_open'` if a batch is open already. `batch(fn)` and
   * `batchAsync(fn)` wrap the three calls.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  beginBatchAsync(): Promise<void>
  /**
   * Commits the open batch in one store commit; if that fails none of it happened. Does
   * nothing without an open batch.
   */
  commitBatch(): void
  /**
   * Commits the open batch in one store commit; if that fails none of it happened. Does
   * nothing without an open batch.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  commitBatchAsync(): Promise<void>
  /** Undoes every command of the open batch and ends it; does nothing without one. */
  abortBatch(): void
  /**
   * Undoes every command of the open batch and ends it; does nothing without one.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  abortBatchAsync(): Promise<void>
  /**
   * Processes everything due by now (offer timeouts, escalations, queues opening) and
   * routes what that makes possible. Call it when `nextDue()` arrives.
   */
  tick(): void
  /**
   * Processes everything due by now (offer timeouts, escalations, queues opening) and
   * routes what that makes possible. Call it when `nextDue()` arrives.
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  tickAsync(): Promise<void>
  /** Drops the working set and loads it again from the store (after restoring a backup). */
  reload(): void
  /**
   * Drops the working set and loads it again from the store (after restoring a backup).
   *
   * Asynchronous: runs on a worker thread and resolves with the result.
   */
  reloadAsync(): Promise<void>
  /**
   * Watches the event log: a `Watch` delivering each event committed after `afterSeq`
   * (from now on when absent), of `companyId` or of every company, by this engine or any
   * other on the same store (other processes on the same file too); the same access as
   * `events()`. `timeoutMs` ends a `for await` loop when no event comes for that long.
   * The watch is independent of the engine (it has its own handle on the store); close it
   * when done. A private in-memory SQLite database (`':memory:'`) cannot be watched
   * (`ERR_STORAGE`).
   */
  watch(actor: ActorLike, options?: WatchOptions): Watch
}

/**
 * A clock for tests and simulations: it stands still until `advance` or `set` moves it.
 * Pass it as `{ clock }` when opening an engine.
 */
export declare class ManualClock {
  /** A clock standing at `start` (default: the current time). */
  constructor(start?: Date)
  /** The time the clock shows. */
  now(): Date
  /**
   * Moves the clock to `to` (backwards too; an engine never goes back in its own history).
   * A `Date` outside years 1–9999 throws a `RangeError`.
   */
  set(to: Date): void
  /**
   * Moves the clock forward by `milliseconds`. A negative step, or one that would pass
   * 9999-12-31, throws a `RangeError` and leaves the clock where it is.
   */
  advance(milliseconds: number): void
}

/**
 * Committed events as they come, from `engine.watch(actor, options)`: `await next()` for
 * each, or `for await (const event of watch)`. Each event is delivered once, in order;
 * `seq` is where to resume (`afterSeq`) in a later watch. Waiting takes no thread of
 * libuv's pool; a pending `next()` keeps the process alive, a closed watch does not.
 */
export declare class Watch {
  /**
   * The next event, once one is committed; `null` if `timeoutMs` passes first (without
   * it, waits as long as it takes) or the watch is closed. Calls made before the last
   * settled each get the next event in turn.
   */
  next(timeoutMs?: number): Promise<QueueEvent | null>
  /**
   * The sequence number of the last event delivered (at first, where the watch started):
   * pass it as `afterSeq` to a later watch to go on from there.
   */
  get seq(): number
  /** Whether `close()` was called (or the watch broke on an internal error). */
  get closed(): boolean
  /**
   * The `timeoutMs` the watch was made with (how long `for await` waits for each event),
   * or `null`.
   */
  get timeoutMs(): number | null
  /**
   * Stops watching: pending `next()` calls resolve with `null`, later ones too, and the
   * store handle is let go. Calling it again does nothing.
   */
  close(): void
}
