//! The engine under a coverage-guided fuzzer.
//!
//! [`run`] decodes bytes (with `arbitrary`) into a sequence of [`Cmd`]s — every resource and
//! life-cycle command, with arbitrary values: instants at both ends of the calendar, huge and
//! negative numbers, empty and long strings, unknown ids, every enum, actors of every kind —
//! and runs them on an in-memory engine with a manual clock. After every command it checks
//! the routing invariants through the public API and panics (a crash the fuzzer keeps) when
//! one breaks:
//! - an agent's load never grows past their capacity;
//! - an object is never assigned twice, and an assigned object has no other live stay;
//! - no live stay is lost: each waiting stay is in its queue's waiting line, each offered or
//!   assigned one among its agent's stays, and the lines hold nothing else;
//! - routing misses nothing: no waiting stay has an agent eligible for it right now;
//! - a refused command stores nothing (no event is appended).
//!
//! A panic inside the engine is a crash too: the target does not use `Engine::guarded`.
//! Queue passwords are left out: one argon2 hash costs tens of milliseconds, which would
//! slow every input that touched one a hundredfold (the behaviour suite covers them).

use arbitrary::{Arbitrary, Unstructured};
use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc, Weekday};
use queue_core::clock::{EARLIEST, LATEST};
use queue_core::*;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

const SYS: Actor = Actor::System;

/// An instant, chosen the way trouble comes: near now, or at the ends of the calendar.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum When {
    Now,
    Offset(i32),
    Earliest,
    Latest,
    ChronoMin,
    ChronoMax,
    Timestamp(i64),
}

/// A clock step.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Step {
    Seconds(u16),
    Millis(u32),
    Days(u16),
    Huge(i64),
    Max,
}

/// Text: short and ordinary, empty, long, or arbitrary.
#[derive(Arbitrary, Debug, Clone)]
pub enum Text {
    Name(u8),
    Empty,
    Long(u16),
    Raw(String),
}

impl Text {
    fn get(&self) -> String {
        match self {
            Text::Name(n) => format!("name{n}"),
            Text::Empty => String::new(),
            Text::Long(n) => "x".repeat(usize::from(*n) % 5000),
            Text::Raw(s) => s.clone(),
        }
    }
}

/// Who a command acts for.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Who {
    System,
    Anonymous,
    /// The user of the n-th agent made so far.
    Agent(u8),
    Unknown,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum ShowPick {
    Chat,
    Available,
    Dnd,
    Away,
    Xa,
    Unavailable,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum StrategyPick {
    LongestIdle,
    LeastOccupied,
    RoundRobin,
    MostSkilled,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum RolePick {
    Agent,
    Supervisor,
    Admin,
    Owner,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Zone {
    Utc,
    Amsterdam,
    Kiritimati,
    Samoa,
    Bad,
}

/// One command. Indices (`u8`) pick among the things made so far; past the end they name
/// an unknown id.
#[derive(Arbitrary, Debug, Clone)]
pub enum Cmd {
    Advance(Step),
    SetClock(When),
    CreateCompany {
        zone: Zone,
        capacity: u32,
        pick: bool,
        name: Text,
    },
    UpdateCompany {
        company: u8,
        capacity: Option<u32>,
        zone: Option<Zone>,
    },
    DeleteCompany(u8),
    CreateAgent {
        company: u8,
        role: RolePick,
        capacity: Option<u32>,
        pick: Option<bool>,
        name: Text,
    },
    UpdateAgent {
        agent: u8,
        active: Option<bool>,
        capacity: Option<u32>,
        auto: Option<bool>,
        role: Option<RolePick>,
    },
    DeleteAgent(u8),
    Presence(u8, ShowPick),
    Lock(u8, ShowPick),
    Unlock(u8),
    CreateQueue {
        company: u8,
        name: Text,
        delay: Option<u32>,
        timeout: Option<u32>,
        strategy: StrategyPick,
        personal: Option<u8>,
        active: bool,
    },
    UpdateQueue {
        queue: u8,
        delay: Option<Option<u32>>,
        timeout: Option<Option<u32>>,
        active: Option<bool>,
        strategy: Option<StrategyPick>,
        name: Option<Text>,
    },
    DeleteQueue(u8),
    Staff {
        queue: u8,
        agent: u8,
        tier: u8,
    },
    Restaff {
        queue: u8,
        agent: u8,
        enabled: Option<bool>,
        tier: Option<u8>,
    },
    Unstaff {
        queue: u8,
        agent: u8,
    },
    CreateSkill(u8, Text),
    DeleteSkill(u8),
    AgentSkill {
        agent: u8,
        skill: u8,
        level: u8,
    },
    QueueSkill {
        queue: u8,
        skill: u8,
        level: u8,
    },
    SetHours {
        company: u8,
        queue: Option<u8>,
        intervals: Vec<(u8, u32, u32)>,
    },
    ClearHours {
        company: u8,
        queue: Option<u8>,
    },
    Closure {
        company: u8,
        queue: Option<u8>,
        from: When,
        to: When,
    },
    DeleteClosure(u8),
    Enqueue {
        queue: u8,
        priority: i32,
        skills: Vec<(u8, u8)>,
        name: Text,
    },
    EnqueueAgain {
        object: u8,
        queue: u8,
    },
    Accept(u8),
    Reject(u8),
    Complete(u8),
    Abandon(u8),
    Transfer {
        stay: u8,
        queue: u8,
    },
    Pick {
        agent: u8,
        stay: u8,
    },
    Priority {
        object: u8,
        priority: i32,
    },
    Rate {
        object: u8,
        score: u8,
    },
    Note(u8, Text),
    Explain(u8),
    Stats {
        company: u8,
        from: When,
        to: When,
        threshold: u32,
    },
    Waiting {
        queue: u8,
        limit: u16,
        page: Option<Text>,
    },
    IsOpen(u8, When),
    Team {
        company: u8,
        name: Text,
        members: Vec<u8>,
    },
    TeamPresence {
        team: u8,
        key: Option<Text>,
        limit: Option<u16>,
    },
    Events {
        company: Option<u8>,
        from: Option<When>,
        limit: Option<u16>,
    },
    Reload,
    /// The command, acted for someone else than the system.
    As(Who, Box<Cmd>),
}

fn actor_of(who: Who, made: &Made) -> Actor {
    match who {
        Who::System => SYS,
        Who::Anonymous => Actor::Anonymous,
        Who::Agent(i) => pick(&made.agents, i).map_or(SYS, |(_, u, _)| Actor::User(u)),
        Who::Unknown => Actor::User(UserId(unknown())),
    }
}

/// What the run has made, to pick from.
#[derive(Default)]
struct Made {
    companies: Vec<CompanyId>,
    agents: Vec<(CompanyUserId, UserId, CompanyId)>,
    queues: Vec<QueueId>,
    skills: Vec<SkillId>,
    objects: Vec<ObjectId>,
    stays: Vec<StayId>,
    closures: Vec<BlacklistId>,
    teams: Vec<TeamId>,
}

fn pick<T: Copy>(v: &[T], i: u8) -> Option<T> {
    v.get(usize::from(i)).copied()
}

fn unknown() -> uuid::Uuid {
    uuid::Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_dead_beef)
}

macro_rules! id_or_unknown {
    ($v:expr, $i:expr, $t:ident) => {
        pick(&$v, $i).unwrap_or($t(unknown()))
    };
}

fn instant(w: When, now: DateTime<Utc>) -> DateTime<Utc> {
    match w {
        When::Now => now,
        When::Offset(s) => now
            .checked_add_signed(Duration::seconds(i64::from(s)))
            .unwrap_or(now),
        When::Earliest => EARLIEST,
        When::Latest => LATEST,
        When::ChronoMin => DateTime::<Utc>::MIN_UTC,
        When::ChronoMax => DateTime::<Utc>::MAX_UTC,
        When::Timestamp(t) => DateTime::from_timestamp(t, 0).unwrap_or(DateTime::<Utc>::MAX_UTC),
    }
}

fn show(s: ShowPick) -> Show {
    match s {
        ShowPick::Chat => Show::Chat,
        ShowPick::Available => Show::Available,
        ShowPick::Dnd => Show::Dnd,
        ShowPick::Away => Show::Away,
        ShowPick::Xa => Show::Xa,
        ShowPick::Unavailable => Show::Unavailable,
    }
}

fn strategy(s: StrategyPick) -> Strategy {
    match s {
        StrategyPick::LongestIdle => Strategy::LongestIdle,
        StrategyPick::LeastOccupied => Strategy::LeastOccupied,
        StrategyPick::RoundRobin => Strategy::RoundRobin,
        StrategyPick::MostSkilled => Strategy::MostSkilled,
    }
}

fn role(r: RolePick) -> Role {
    match r {
        RolePick::Agent => Role::Agent,
        RolePick::Supervisor => Role::Supervisor,
        RolePick::Admin => Role::Admin,
        RolePick::Owner => Role::Owner,
    }
}

fn zone(z: Zone) -> String {
    match z {
        Zone::Utc => "UTC",
        Zone::Amsterdam => "Europe/Amsterdam",
        Zone::Kiritimati => "Pacific/Kiritimati",
        Zone::Samoa => "Pacific/Apia",
        Zone::Bad => "Mars/Olympus",
    }
    .to_owned()
}

/// The test: decode, run, check after every command.
pub fn run(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let start = match u.arbitrary::<When>() {
        Ok(w) => instant(w, Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap()),
        Err(_) => return,
    };
    let Ok(cmds) = u.arbitrary::<Vec<Cmd>>() else {
        return;
    };
    let clock = Arc::new(ManualClock::new(start));
    let Ok(mut engine) = Engine::open_seeded(Box::new(MemoryStore::new()), clock.clone(), 1) else {
        panic!("opening an empty memory store failed");
    };
    let mut made = Made::default();
    for (n, cmd) in cmds.iter().take(64).enumerate() {
        let before = Snapshot::take(&mut engine, &made);
        let events_before = event_count(&mut engine);
        // Unwrapped here, not by recursion: a long chain of `As` must not exhaust the stack.
        let (mut me, mut cmd) = (SYS, cmd);
        while let Cmd::As(who, inner) = cmd {
            me = actor_of(*who, &made);
            cmd = inner;
        }
        let started = trace().then(std::time::Instant::now);
        let ok = apply(&mut engine, &clock, &mut made, me, cmd);
        if let Some(t) = started {
            eprintln!(
                "{n:3} {:>9.3} ms ok={ok} {cmd:?}",
                t.elapsed().as_secs_f64() * 1e3
            );
        }
        if !ok && !time_passes(cmd) {
            assert_eq!(
                event_count(&mut engine),
                events_before,
                "command {n} ({cmd:?}) was refused but appended events"
            );
        }
        check(&mut engine, &made, &before, n, cmd);
    }
}

/// `QUEUE_FUZZ_TRACE=1` prints each command of an input with its time, to study a slow or
/// crashing input: `QUEUE_FUZZ_TRACE=1 fuzz/target/…/release/engine artifact`.
fn trace() -> bool {
    static TRACE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *TRACE.get_or_init(|| std::env::var_os("QUEUE_FUZZ_TRACE").is_some())
}

/// Whether the command moves the clock (whose effects are kept even when a command fails).
fn time_passes(cmd: &Cmd) -> bool {
    match cmd {
        Cmd::Advance(_) | Cmd::SetClock(_) | Cmd::Reload => true,
        Cmd::As(_, inner) => time_passes(inner),
        _ => false,
    }
}

fn event_count(engine: &mut Engine) -> usize {
    engine
        .events(&SYS, &EventQuery::default())
        .map(|e| e.len())
        .unwrap_or(0)
}

/// Runs one command; true when the engine accepted it.
fn apply(engine: &mut Engine, clock: &ManualClock, made: &mut Made, me: Actor, cmd: &Cmd) -> bool {
    let now = engine.now();
    let company = |i: u8, made: &Made| id_or_unknown!(made.companies, i, CompanyId);
    let agent =
        |i: u8, made: &Made| pick(&made.agents, i).map_or(CompanyUserId(unknown()), |(a, _, _)| a);
    let queue = |i: u8, made: &Made| id_or_unknown!(made.queues, i, QueueId);
    let stay = |i: u8, made: &Made| id_or_unknown!(made.stays, i, StayId);
    let object = |i: u8, made: &Made| id_or_unknown!(made.objects, i, ObjectId);
    let skill = |i: u8, made: &Made| id_or_unknown!(made.skills, i, SkillId);
    match cmd {
        Cmd::Advance(step) => {
            let d = match *step {
                Step::Seconds(s) => Duration::seconds(i64::from(s)),
                Step::Millis(ms) => Duration::milliseconds(i64::from(ms)),
                Step::Days(d) => Duration::days(i64::from(d)),
                Step::Huge(ms) => Duration::try_milliseconds(ms).unwrap_or(Duration::MAX),
                Step::Max => Duration::MAX,
            };
            clock.advance(d);
            let _ = clock.try_advance(d);
            engine.tick().is_ok()
        }
        Cmd::SetClock(w) => {
            clock.set(instant(*w, now));
            engine.tick().is_ok()
        }
        Cmd::CreateCompany {
            zone: z,
            capacity,
            pick,
            name,
        } => {
            let new = NewCompany {
                name: name.get(),
                time_zone: zone(*z),
                default_max_number_of_objects_handled: *capacity,
                default_ability_to_pick_from_queue: *pick,
                ..Default::default()
            };
            match engine.create_company(&me, new) {
                Ok(c) => {
                    made.companies.push(c.id);
                    true
                }
                Err(_) => false,
            }
        }
        Cmd::UpdateCompany {
            company: c,
            capacity,
            zone: z,
        } => {
            let update = CompanyUpdate {
                default_max_number_of_objects_handled: *capacity,
                time_zone: z.map(zone),
                ..Default::default()
            };
            engine
                .update_company(&me, company(*c, made), update)
                .is_ok()
        }
        Cmd::DeleteCompany(c) => engine.delete_company(&me, company(*c, made)).is_ok(),
        Cmd::CreateAgent {
            company: c,
            role: r,
            capacity,
            pick,
            name,
        } => {
            let n = made.agents.len();
            let user = NewUser {
                username: format!("agent{n}"),
                firstname: "Agent".into(),
                lastname: if matches!(name, Text::Name(_)) {
                    "Tester".into()
                } else {
                    name.get()
                },
                email: format!("agent{n}@example.org"),
                ..Default::default()
            };
            let Ok(user) = engine.create_user(&me, user) else {
                return false;
            };
            let cid = company(*c, made);
            let new = NewCompanyUser {
                role: role(*r),
                max_number_of_objects_handled: capacity.unwrap_or(1),
                is_auto_max_number_handled: capacity.is_none(),
                ability_to_pick_from_queue: pick.unwrap_or(false),
                is_auto_ability_to_pick_from_queue: pick.is_none(),
                ..NewCompanyUser::agent(cid, user.id)
            };
            // Two commands: the user stays even when the membership is refused, so the
            // pair counts as accepted for the "refused stores nothing" check.
            if let Ok(cu) = engine.create_company_user(&me, new) {
                made.agents.push((cu.id, user.id, cid));
            }
            true
        }
        Cmd::UpdateAgent {
            agent: a,
            active,
            capacity,
            auto,
            role: r,
        } => {
            let update = CompanyUserUpdate {
                is_active: *active,
                max_number_of_objects_handled: *capacity,
                is_auto_max_number_handled: *auto,
                role: r.map(role),
                ..Default::default()
            };
            engine
                .update_company_user(&me, agent(*a, made), update)
                .is_ok()
        }
        Cmd::DeleteAgent(a) => engine.delete_company_user(&me, agent(*a, made)).is_ok(),
        Cmd::Presence(a, s) => {
            let update = PresenceUpdate {
                show: Some(show(*s)),
                ..Default::default()
            };
            engine.set_presence(&me, agent(*a, made), update).is_ok()
        }
        Cmd::Lock(a, s) => engine.lock_presence(&me, agent(*a, made), show(*s)).is_ok(),
        Cmd::Unlock(a) => engine.unlock_presence(&me, agent(*a, made)).is_ok(),
        Cmd::CreateQueue {
            company: c,
            name,
            delay,
            timeout,
            strategy: s,
            personal,
            active,
        } => {
            let new = NewQueue {
                priority_delay: *delay,
                offer_timeout: *timeout,
                strategy: strategy(*s),
                company_user_id: personal.map(|p| agent(p, made)),
                is_active: *active,
                ..NewQueue::named(company(*c, made), &name.get())
            };
            match engine.create_queue(&me, new) {
                Ok(q) => {
                    made.queues.push(q.id);
                    true
                }
                Err(_) => false,
            }
        }
        Cmd::UpdateQueue {
            queue: q,
            delay,
            timeout,
            active,
            strategy: s,
            name,
        } => {
            let update = QueueUpdate {
                priority_delay: *delay,
                offer_timeout: *timeout,
                is_active: *active,
                strategy: s.map(strategy),
                name: name.as_ref().map(Text::get),
                ..Default::default()
            };
            engine.update_queue(&me, queue(*q, made), update).is_ok()
        }
        Cmd::DeleteQueue(q) => engine.delete_queue(&me, queue(*q, made)).is_ok(),
        Cmd::Staff {
            queue: q,
            agent: a,
            tier,
        } => engine
            .assign_operator(&me, queue(*q, made), agent(*a, made), *tier)
            .is_ok(),
        Cmd::Restaff {
            queue: q,
            agent: a,
            enabled,
            tier,
        } => {
            let update = OperatorUpdate {
                enabled: *enabled,
                tier: *tier,
            };
            engine
                .update_operator(&me, queue(*q, made), agent(*a, made), update)
                .is_ok()
        }
        Cmd::Unstaff { queue: q, agent: a } => engine
            .unassign_operator(&me, queue(*q, made), agent(*a, made))
            .is_ok(),
        Cmd::CreateSkill(c, name) => match engine.create_skill(&me, company(*c, made), &name.get())
        {
            Ok(s) => {
                made.skills.push(s.id);
                true
            }
            Err(_) => false,
        },
        Cmd::DeleteSkill(s) => engine.delete_skill(&me, skill(*s, made)).is_ok(),
        Cmd::AgentSkill {
            agent: a,
            skill: s,
            level,
        } => engine
            .set_agent_skill(&me, agent(*a, made), skill(*s, made), *level)
            .is_ok(),
        Cmd::QueueSkill {
            queue: q,
            skill: s,
            level,
        } => engine
            .set_queue_skill(&me, queue(*q, made), skill(*s, made), *level)
            .is_ok(),
        Cmd::SetHours {
            company: c,
            queue: q,
            intervals,
        } => {
            let intervals = intervals
                .iter()
                .take(80)
                .map(|(d, o, c)| OpenInterval {
                    weekday: Weekday::try_from(d % 7).unwrap_or(Weekday::Mon),
                    opens: NaiveTime::from_num_seconds_from_midnight_opt(o % 86_400, 0)
                        .unwrap_or(NaiveTime::MIN),
                    closes: NaiveTime::from_num_seconds_from_midnight_opt(c % 86_400, 0)
                        .unwrap_or(NaiveTime::MIN),
                })
                .collect();
            engine
                .set_hours(&me, company(*c, made), q.map(|q| queue(q, made)), intervals)
                .is_ok()
        }
        Cmd::ClearHours {
            company: c,
            queue: q,
        } => engine
            .clear_hours(&me, company(*c, made), q.map(|q| queue(q, made)))
            .is_ok(),
        Cmd::Closure {
            company: c,
            queue: q,
            from,
            to,
        } => {
            let new = NewBlacklistHours {
                starts_at: instant(*from, now),
                ends_at: instant(*to, now),
                reason: String::new(),
            };
            let r = match q {
                Some(q) => engine.add_blacklist_hours(&me, queue(*q, made), new),
                None => engine.add_common_blacklist_hours(&me, company(*c, made), new),
            };
            match r {
                Ok(b) => {
                    made.closures.push(b.id);
                    true
                }
                Err(_) => false,
            }
        }
        Cmd::DeleteClosure(b) => engine
            .delete_blacklist_hours(&me, id_or_unknown!(made.closures, *b, BlacklistId))
            .is_ok(),
        Cmd::Enqueue {
            queue: q,
            priority,
            skills,
            name,
        } => {
            let qid = queue(*q, made);
            let company_id = engine
                .get_queue(&SYS, qid)
                .map_or(CompanyId(unknown()), |q| q.company_id);
            let new = NewObject {
                priority: *priority,
                required_skills: skills
                    .iter()
                    .take(5)
                    .map(|(s, l)| SkillRequirement {
                        skill_id: skill(*s, made),
                        min_level: *l,
                    })
                    .collect(),
                ..NewObject::chat(company_id, &name.get())
            };
            match engine.enqueue_new(&me, new, qid, None) {
                Ok(s) => {
                    made.objects.push(s.object_id);
                    made.stays.push(s.id);
                    true
                }
                Err(_) => false,
            }
        }
        Cmd::EnqueueAgain {
            object: o,
            queue: q,
        } => match engine.enqueue(&me, object(*o, made), queue(*q, made), None) {
            Ok(s) => {
                made.stays.push(s.id);
                true
            }
            Err(_) => false,
        },
        Cmd::Accept(s) => engine.accept_offer(&me, stay(*s, made)).is_ok(),
        Cmd::Reject(s) => engine.reject_offer(&me, stay(*s, made)).is_ok(),
        Cmd::Complete(s) => engine.complete(&me, stay(*s, made)).is_ok(),
        Cmd::Abandon(s) => engine.abandon(&me, stay(*s, made)).is_ok(),
        Cmd::Transfer { stay: s, queue: q } => {
            match engine.transfer(&me, stay(*s, made), queue(*q, made)) {
                Ok(new) => {
                    made.stays.push(new.id);
                    true
                }
                Err(_) => false,
            }
        }
        Cmd::Pick { agent: a, stay: s } => {
            engine.pick(&me, agent(*a, made), stay(*s, made)).is_ok()
        }
        Cmd::Priority {
            object: o,
            priority,
        } => engine
            .set_object_priority(&me, object(*o, made), *priority)
            .is_ok(),
        Cmd::Rate { object: o, score } => {
            engine.rate(&me, object(*o, made), *score, "fuzz").is_ok()
        }
        Cmd::Note(s, text) => engine.add_note(&me, stay(*s, made), &text.get()).is_ok(),
        Cmd::Explain(o) => engine.explain(&me, object(*o, made)).is_ok(),
        Cmd::Stats {
            company: c,
            from,
            to,
            threshold,
        } => {
            let q = StatsQuery {
                company_id: company(*c, made),
                from: instant(*from, now),
                to: instant(*to, now),
                service_level_seconds: *threshold,
            };
            engine.queue_stats(&me, &q).is_ok() && engine.agent_stats(&me, &q).is_ok()
        }
        Cmd::Waiting {
            queue: q,
            limit,
            page,
        } => match page {
            Some(key) => engine
                .list_waiting_page(
                    &me,
                    queue(*q, made),
                    Some(&key.get()),
                    Some(usize::from(*limit)),
                )
                .is_ok(),
            None => engine
                .list_waiting(&me, queue(*q, made), usize::from(*limit))
                .is_ok(),
        },
        Cmd::IsOpen(q, w) => engine
            .is_open(&me, queue(*q, made), instant(*w, now))
            .is_ok(),
        Cmd::Team {
            company: c,
            name,
            members,
        } => {
            let Ok(team) = engine.create_team(&me, company(*c, made), &name.get()) else {
                return false;
            };
            made.teams.push(team.id);
            let ids: Vec<CompanyUserId> = members.iter().map(|a| agent(*a, made)).collect();
            let _ = engine.add_team_members(&me, team.id, &ids);
            true
        }
        Cmd::TeamPresence { team, key, limit } => engine
            .list_team_presence(
                &me,
                id_or_unknown!(made.teams, *team, TeamId),
                key.as_ref().map(Text::get).as_deref(),
                limit.map(usize::from),
            )
            .is_ok(),
        Cmd::Events {
            company: c,
            from,
            limit,
        } => {
            let q = EventQuery {
                company_id: c.map(|c| company(c, made)),
                from: from.map(|w| instant(w, now)),
                limit: limit.map(usize::from),
                ..Default::default()
            };
            engine.events(&me, &q).is_ok()
        }
        Cmd::Reload => engine.reload().is_ok(),
        // `run` unwraps these before calling.
        Cmd::As(..) => false,
    }
}

/// Each agent's load and capacity before a command.
struct Snapshot {
    load: BTreeMap<CompanyUserId, usize>,
}

impl Snapshot {
    fn take(engine: &mut Engine, made: &Made) -> Snapshot {
        let load = made
            .agents
            .iter()
            .filter_map(|(a, _, _)| Some((*a, engine.list_agent_stays(&SYS, *a).ok()?.len())))
            .collect();
        Snapshot { load }
    }
}

fn capacity(engine: &mut Engine, agent: CompanyUserId) -> Option<usize> {
    let cu = engine.get_company_user(&SYS, agent).ok()?;
    let cap = if cu.is_auto_max_number_handled {
        engine
            .get_company(&SYS, cu.company_id, &[])
            .ok()?
            .company
            .default_max_number_of_objects_handled
    } else {
        cu.max_number_of_objects_handled
    };
    Some(cap as usize)
}

/// The invariants, through the public API.
fn check(engine: &mut Engine, made: &Made, before: &Snapshot, n: usize, cmd: &Cmd) {
    let at = || format!("after command {n} ({cmd:?})");
    // Never over capacity: a command never pushes an agent's load past their capacity
    // (lowering a capacity below the current load is allowed; it only stops new work).
    let mut held: BTreeMap<StayId, CompanyUserId> = BTreeMap::new();
    for (a, _, _) in &made.agents {
        let Ok(stays) = engine.list_agent_stays(&SYS, *a) else {
            continue;
        };
        for s in &stays {
            assert!(
                matches!(s.state, StayState::Offered | StayState::Assigned)
                    && s.holder() == Some(*a),
                "{}: agent {a} lists stay {} in state {:?}",
                at(),
                s.id,
                s.state
            );
            assert!(
                held.insert(s.id, *a).is_none(),
                "{}: stay {} held twice",
                at(),
                s.id
            );
        }
        let load = stays.len();
        let was = before.load.get(a).copied().unwrap_or(0);
        if load > was {
            let cap = capacity(engine, *a).unwrap_or(0);
            assert!(
                load <= cap,
                "{}: agent {a} has {load} objects, capacity {cap}",
                at()
            );
        }
    }
    // Never assigned twice; no live stay lost.
    let mut waiting: BTreeSet<StayId> = BTreeSet::new();
    for q in &made.queues {
        let Ok(line) = engine.list_waiting(&SYS, *q, 10_000) else {
            continue;
        };
        for s in line {
            assert!(
                s.state == StayState::Waiting && s.queue_id == *q,
                "{}: queue {q}'s line holds stay {} ({:?} in {})",
                at(),
                s.id,
                s.state,
                s.queue_id
            );
            assert!(waiting.insert(s.id), "{}: stay {} waits twice", at(), s.id);
        }
    }
    let mut live_waiting = Vec::new();
    for o in &made.objects {
        let Ok(stays) = engine.list_object_stays(&SYS, *o) else {
            continue;
        };
        let assigned = stays
            .iter()
            .filter(|s| s.state == StayState::Assigned)
            .count();
        assert!(
            assigned <= 1,
            "{}: object {o} is assigned {assigned} times",
            at()
        );
        if assigned == 1 {
            let other_live = stays
                .iter()
                .filter(|s| matches!(s.state, StayState::Waiting | StayState::Offered))
                .count();
            assert_eq!(
                other_live,
                0,
                "{}: object {o} is assigned and still queued",
                at()
            );
        }
        for s in stays {
            match s.state {
                StayState::Waiting => {
                    assert!(
                        waiting.contains(&s.id),
                        "{}: waiting stay {} is in no line",
                        at(),
                        s.id
                    );
                    live_waiting.push(s);
                }
                StayState::Offered | StayState::Assigned => assert!(
                    s.holder().is_some_and(|h| held.get(&s.id) == Some(&h)),
                    "{}: live stay {} is not among its agent's stays",
                    at(),
                    s.id
                ),
                _ => {}
            }
        }
    }
    let (indexed, _) = engine.routing_index_sizes();
    assert_eq!(
        indexed,
        waiting.len(),
        "{}: the router indexes {indexed} waiting stays",
        at()
    );
    // Routing misses nothing: no waiting stay has an agent eligible for it now.
    for s in &live_waiting {
        for (a, _, company) in &made.agents {
            if *company != s.company_id {
                continue;
            }
            if let Ok(None) = engine.eligibility(&SYS, *a, s.id) {
                panic!(
                    "{}: stay {} waits although agent {a} is eligible for it",
                    at(),
                    s.id
                );
            }
        }
    }
}
