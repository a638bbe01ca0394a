//! Shared by the crash and concurrency tests: a contact centre to run against, a random
//! workload that prints every acknowledged operation, and the audit a reopened file must pass.

#![allow(dead_code)]

use chrono::{DateTime, Duration, TimeZone, Utc};
use queue_core::*;
use queue_sqlite::{SqliteOptions, SqliteStore, Synchronous};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;

/// Set in a child process: which workload to run (`crash` or `concurrent`).
pub const CHILD_ENV: &str = "QUEUE_SQLITE_CHILD";
const DB_ENV: &str = "QUEUE_SQLITE_CHILD_DB";
const SEED_ENV: &str = "QUEUE_SQLITE_CHILD_SEED";
const OPS_ENV: &str = "QUEUE_SQLITE_CHILD_OPS";
const START_ENV: &str = "QUEUE_SQLITE_CHILD_START";
const SYNC_ENV: &str = "QUEUE_SQLITE_CHILD_FULL";

/// Every acknowledged operation is printed as one line starting with this.
const ACK: &str = "ACK ";

const SYS: Actor = Actor::System;

/// Monday 5 January 2026, 09:00 UTC.
pub fn base_time() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap()
}

/// Small deterministic generator (splitmix64): reproducible from a printed seed.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A seed from `var`, or from the time; printed so a failure can be replayed.
pub fn seed_from_env(var: &str) -> u64 {
    let seed = std::env::var(var)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
        });
    eprintln!("{var}={seed}");
    seed
}

/// A number from `var`, or `default`.
pub fn count_from_env(var: &str, default: usize) -> usize {
    std::env::var(var)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// Agents' capacities in the test contact centre.
pub const CAPACITIES: [u32; 4] = [1, 2, 2, 3];

/// The contact centre every workload runs against: one company, two queues (one offering
/// with a timeout, one assigning directly with tier escalation) and four agents on both.
#[derive(Debug, Clone)]
pub struct Centre {
    pub company: CompanyId,
    pub queues: Vec<QueueId>,
    pub agents: Vec<CompanyUserId>,
}

/// Creates the centre in a fresh database file.
pub fn create_centre(path: &Path) -> Centre {
    let clock = Arc::new(ManualClock::new(base_time()));
    let store = SqliteStore::open(path).expect("open");
    let mut e = Engine::open(Box::new(store), clock).expect("engine");
    let company = e
        .create_company(
            &SYS,
            NewCompany {
                name: "Crashtest".into(),
                ..Default::default()
            },
        )
        .expect("company")
        .id;
    let offers = e
        .create_queue(
            &SYS,
            NewQueue {
                offer_timeout: Some(20),
                ..NewQueue::named(company, "offers")
            },
        )
        .expect("queue")
        .id;
    let direct = e
        .create_queue(
            &SYS,
            NewQueue {
                priority_delay: Some(30),
                ..NewQueue::named(company, "direct")
            },
        )
        .expect("queue")
        .id;
    let mut agents = Vec::new();
    for (i, cap) in CAPACITIES.iter().enumerate() {
        let user = e
            .create_user(
                &SYS,
                NewUser {
                    username: format!("agent{i}"),
                    firstname: "Agent".into(),
                    lastname: "Tester".into(),
                    email: format!("agent{i}@example.org"),
                    ..Default::default()
                },
            )
            .expect("user")
            .id;
        let cu = e
            .create_company_user(&SYS, NewCompanyUser::agent(company, user))
            .expect("member")
            .id;
        e.update_company_user(
            &SYS,
            cu,
            CompanyUserUpdate {
                max_number_of_objects_handled: Some(*cap),
                is_auto_max_number_handled: Some(false),
                ..Default::default()
            },
        )
        .expect("capacity");
        e.assign_operator(&SYS, offers, cu, 1).expect("operator");
        e.assign_operator(&SYS, direct, cu, 1 + (i % 2) as u8)
            .expect("operator");
        agents.push(cu);
    }
    Centre {
        company,
        queues: vec![offers, direct],
        agents,
    }
}

/// Finds the centre in an opened engine (children know only the file).
pub fn find_centre(e: &mut Engine) -> Centre {
    let company = e.list_companies(&SYS, &[]).expect("companies")[0]
        .company
        .id;
    let mut queues: Vec<Queue> = e.list_queues(&SYS, company).expect("queues");
    queues.sort_by(|a, b| b.name.cmp(&a.name)); // "offers", "direct"
    let mut agents: Vec<CompanyUser> = e.list_company_users(&SYS, &[company]).expect("agents");
    agents.sort_by_key(|a| a.created_at);
    Centre {
        company,
        queues: queues.into_iter().map(|q| q.id).collect(),
        agents: agents.into_iter().map(|a| a.id).collect(),
    }
}

/// Starts a child: this test binary, running only the ignored test `child_test`.
pub fn spawn_child(
    child_test: &str,
    mode: &str,
    db: &Path,
    seed: u64,
    ops: usize,
    start: DateTime<Utc>,
    full: bool,
) -> Child {
    let exe = std::env::current_exe().expect("test binary");
    Command::new(exe)
        .args([
            "--exact",
            child_test,
            "--ignored",
            "--nocapture",
            "--test-threads=1",
            "-q",
        ])
        .env(CHILD_ENV, mode)
        .env(DB_ENV, db)
        .env(SEED_ENV, seed.to_string())
        .env(OPS_ENV, ops.to_string())
        .env(START_ENV, start.timestamp().to_string())
        .env(SYNC_ENV, if full { "1" } else { "0" })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn child")
}

/// The child's side: runs the workload described by the environment, printing acks.
/// Returns without doing anything outside a child.
pub fn child_main() {
    let Ok(mode) = std::env::var(CHILD_ENV) else {
        return;
    };
    let env = |k: &str| std::env::var(k).unwrap_or_else(|_| panic!("{k} not set"));
    let db = env(DB_ENV);
    let seed: u64 = env(SEED_ENV).parse().expect("seed");
    let ops: usize = env(OPS_ENV).parse().expect("ops");
    let start = Utc
        .timestamp_opt(env(START_ENV).parse().expect("start"), 0)
        .single()
        .expect("start time");
    let options = SqliteOptions {
        synchronous: if env(SYNC_ENV) == "1" {
            Synchronous::Full
        } else {
            Synchronous::Normal
        },
        busy_timeout: std::time::Duration::from_secs(120),
        ..Default::default()
    };
    let store = SqliteStore::open_with(&db, options).expect("child: open");
    run_workload(
        Box::new(store),
        start,
        seed,
        ops,
        mode == "concurrent",
        &mut |line| {
            // One println per line, which reaches the pipe whole (stdout is line-buffered).
            println!("{ACK}{line}");
        },
    );
}

/// Runs `ops` random operations on an engine over `store`, some of them in batches, handing
/// each acknowledged one to `ack` (as the line a child prints, without the prefix) once it
/// has committed.
pub fn run_workload(
    store: Box<dyn Store>,
    start: DateTime<Utc>,
    seed: u64,
    ops: usize,
    shared: bool,
    ack: &mut dyn FnMut(String),
) {
    let clock = Arc::new(ManualClock::new(start));
    let mut engine = Engine::open(store, clock.clone()).expect("workload: engine");
    let centre = find_centre(&mut engine);
    let mut rng = Rng::new(seed);
    let mut i = 0;
    while i < ops {
        // Now and then a few operations in one batch: acknowledged only once it committed,
        // and sometimes undone instead (then nothing of it may be in the file).
        let batch = rng.below(8) == 0;
        let n = if batch { 2 + rng.below(7) } else { 1 };
        let abort = batch && rng.below(5) == 0;
        let mut acked = Vec::new();
        if batch {
            engine.begin_batch().expect("workload: begin a batch");
        }
        for _ in 0..n.min(ops - i) {
            clock.advance(Duration::seconds(rng.below(6) as i64));
            let r = step(&mut engine, &centre, &mut rng, i, &mut |line| {
                acked.push(line)
            });
            if let Err(e) = r {
                // Time passing (an offer lapsed at the start of the command) or, with several
                // writers, another one can make a command stale; anything else is a failure.
                let benign = matches!(e, Error::Conflict { .. })
                    || (shared && matches!(e, Error::NotFound { .. }));
                if !benign {
                    panic!("workload: operation {i} failed: {e:?}");
                }
            }
            i += 1;
        }
        if abort {
            engine.abort_batch();
            continue;
        }
        if batch {
            engine.commit_batch().expect("workload: commit a batch");
        }
        acked.into_iter().for_each(&mut *ack);
    }
}

/// One random operation; acknowledged once it has committed.
fn step(
    e: &mut Engine,
    c: &Centre,
    rng: &mut Rng,
    i: usize,
    ack: &mut dyn FnMut(String),
) -> Result<()> {
    let agent = c.agents[rng.below(c.agents.len())];
    let queue = c.queues[rng.below(c.queues.len())];
    match rng.below(100) {
        0..=29 => {
            let new = NewObject {
                priority: rng.below(3) as i32 - 1,
                ..NewObject::chat(c.company, &format!("visitor {i}"))
            };
            let stay = e.enqueue_new(&SYS, new, queue, None)?;
            ack(format!("ENQ {}", stay.id));
        }
        30..=44 => {
            let show = [Show::Available, Show::Chat, Show::Available, Show::Away][rng.below(4)];
            let update = PresenceUpdate {
                show: Some(show),
                ..Default::default()
            };
            e.set_presence(&SYS, agent, update)?;
            ack(format!("PRES {agent}"));
        }
        45..=62 => {
            if let Some(s) = held(e, agent, StayState::Offered)? {
                e.accept_offer(&SYS, s)?;
                ack(format!("ACC {s}"));
            }
        }
        63..=82 => {
            if let Some(s) = held(e, agent, StayState::Assigned)? {
                e.complete(&SYS, s)?;
                ack(format!("DONE {s}"));
            }
        }
        83..=86 => {
            if let Some(s) = held(e, agent, StayState::Offered)? {
                e.reject_offer(&SYS, s)?;
                ack(format!("REJ {s}"));
            }
        }
        87..=90 => {
            if let Some(s) = e.list_waiting(&SYS, queue, 3)?.first() {
                e.abandon(&SYS, s.id)?;
                ack(format!("ABN {}", s.id));
            }
        }
        91..=94 => {
            // The same object waiting in the other queue too: only one may ever win it.
            let other = c.queues.iter().copied().find(|q| *q != queue);
            if let (Some(s), Some(other)) = (e.list_waiting(&SYS, queue, 3)?.first(), other) {
                let stay = e.enqueue(&SYS, s.object_id, other, None)?;
                ack(format!("ENQ {}", stay.id));
            }
        }
        95..=96 => {
            let other = c.queues.iter().copied().find(|q| *q != queue);
            if let (Some(s), Some(other)) = (held(e, agent, StayState::Assigned)?, other) {
                let stay = e.get_stay(&SYS, s)?;
                if stay.queue_id != other {
                    let new = e.transfer(&SYS, s, other)?;
                    ack(format!("ENQ {}", new.id));
                }
            }
        }
        _ => {
            e.tick()?;
            ack("TICK".into());
        }
    }
    Ok(())
}

fn held(e: &mut Engine, agent: CompanyUserId, state: StayState) -> Result<Option<StayId>> {
    Ok(e.list_agent_stays(&SYS, agent)?
        .into_iter()
        .find(|s| s.state == state)
        .map(|s| s.id))
}

/// What children acknowledged: stay ids by operation.
#[derive(Debug, Default, Clone)]
pub struct Acks {
    pub enqueued: BTreeSet<StayId>,
    pub accepted: BTreeSet<StayId>,
    pub completed: BTreeSet<StayId>,
    pub abandoned: BTreeSet<StayId>,
    pub total: usize,
}

impl Acks {
    /// Records one line of child output; returns true if it was an ack.
    pub fn record(&mut self, line: &str) -> bool {
        // The test harness may print on the same line before the child's first output.
        let Some(at) = line.find(ACK) else {
            return false;
        };
        self.record_ack(&line[at + ACK.len()..]);
        true
    }

    /// Records one acknowledged operation (a line without the prefix).
    pub fn record_ack(&mut self, rest: &str) {
        self.total += 1;
        let mut parts = rest.split_whitespace();
        let op = parts.next().unwrap_or_default();
        let id = parts.next().and_then(|s| s.parse::<StayId>().ok());
        match (op, id) {
            ("ENQ", Some(id)) => self.enqueued.insert(id),
            ("ACC", Some(id)) => self.accepted.insert(id),
            ("DONE", Some(id)) => self.completed.insert(id),
            ("ABN", Some(id)) => self.abandoned.insert(id),
            _ => false,
        };
    }
}

/// Figures from one audit.
#[derive(Debug, Default, Clone, Copy)]
pub struct Audit {
    pub stays: usize,
    pub assignments: usize,
    pub events: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Replayed {
    object: ObjectId,
    state: StayState,
    holder: Option<CompanyUserId>,
}

/// Reopens the file and checks it against `acks`: every acknowledged operation is there, no
/// object was ever assigned twice at once, no agent was ever over capacity, and replaying the
/// event log gives exactly the stored state of every stay. Returns the figures, or what broke.
pub fn audit(path: &Path, centre: &Centre, acks: &Acks) -> std::result::Result<Audit, String> {
    let clock = Arc::new(ManualClock::new(base_time()));
    let store = SqliteStore::open(path).map_err(|e| format!("reopen: {e}"))?;
    let mut e = Engine::open(Box::new(store), clock).map_err(|e| format!("reload: {e}"))?;
    let events = e
        .events(&SYS, &EventQuery::default())
        .map_err(|e| format!("events: {e}"))?;
    let capacity: HashMap<CompanyUserId, u32> =
        centre.agents.iter().copied().zip(CAPACITIES).collect();

    let mut stays: BTreeMap<StayId, Replayed> = BTreeMap::new();
    let mut load: HashMap<CompanyUserId, u32> = HashMap::new();
    let mut assigned_stay_of: HashMap<ObjectId, StayId> = HashMap::new();
    let mut assignments = 0;
    for (i, ev) in events.iter().enumerate() {
        if ev.seq != i as u64 + 1 {
            return Err(format!("event seq {} at position {i}", ev.seq));
        }
        let (stay_id, state, holder) = match &ev.kind {
            EventKind::Enqueued {
                stay_id, object_id, ..
            } => {
                let fresh = Replayed {
                    object: *object_id,
                    state: StayState::Waiting,
                    holder: None,
                };
                if stays.insert(*stay_id, fresh).is_some() {
                    return Err(format!("stay {stay_id} enqueued twice"));
                }
                continue;
            }
            EventKind::Offered {
                stay_id,
                company_user_id,
                ..
            } => (*stay_id, StayState::Offered, Some(*company_user_id)),
            EventKind::OfferRejected { stay_id, .. } | EventKind::OfferTimedOut { stay_id, .. } => {
                (*stay_id, StayState::Waiting, None)
            }
            EventKind::Assigned {
                stay_id,
                object_id,
                company_user_id,
                ..
            } => {
                assignments += 1;
                if let Some(other) = assigned_stay_of.insert(*object_id, *stay_id) {
                    return Err(format!(
                        "object {object_id} assigned in stay {stay_id} while stay {other} still had it (event {})",
                        ev.seq
                    ));
                }
                (*stay_id, StayState::Assigned, Some(*company_user_id))
            }
            EventKind::Completed { stay_id, .. } => (*stay_id, StayState::Completed, None),
            EventKind::Abandoned { stay_id, .. } => (*stay_id, StayState::Abandoned, None),
            EventKind::Expired { stay_id, .. } => (*stay_id, StayState::Expired, None),
            EventKind::Transferred { stay_id, .. } => (*stay_id, StayState::Transferred, None),
            _ => continue,
        };
        let Some(s) = stays.get_mut(&stay_id) else {
            return Err(format!("event {} about unknown stay {stay_id}", ev.seq));
        };
        if s.state == StayState::Assigned && state != StayState::Assigned {
            assigned_stay_of.remove(&s.object);
        }
        if let Some(old) = s.holder {
            *load.entry(old).or_default() -= 1;
        }
        if let Some(new) = holder {
            let l = load.entry(new).or_default();
            *l += 1;
            let cap = capacity.get(&new).copied().unwrap_or(0);
            if *l > cap {
                return Err(format!(
                    "agent {new} holds {l} stays, capacity {cap} (event {})",
                    ev.seq
                ));
            }
        }
        s.state = state;
        s.holder = holder;
    }

    // The stored state is exactly what the log says.
    for (id, r) in &stays {
        let stored = e
            .get_stay(&SYS, *id)
            .map_err(|err| format!("stay {id} in the log but not stored: {err}"))?;
        if stored.state != r.state || stored.holder() != r.holder {
            return Err(format!(
                "stay {id}: stored {:?}/{:?}, log says {:?}/{:?}",
                stored.state,
                stored.holder(),
                r.state,
                r.holder
            ));
        }
    }
    for (agent, cap) in &capacity {
        let held = e
            .list_agent_stays(&SYS, *agent)
            .map_err(|err| format!("agent stays: {err}"))?;
        let expected = load.get(agent).copied().unwrap_or(0) as usize;
        if held.len() != expected || held.len() > *cap as usize {
            return Err(format!(
                "agent {agent} holds {} stays (log: {expected}, capacity {cap})",
                held.len()
            ));
        }
    }

    // Nothing acknowledged is lost.
    let state_of = |id: &StayId| stays.get(id).map(|r| r.state);
    for id in &acks.enqueued {
        if state_of(id).is_none() {
            return Err(format!("acknowledged enqueue of stay {id} is lost"));
        }
    }
    for id in &acks.accepted {
        if !matches!(
            state_of(id),
            Some(StayState::Assigned | StayState::Completed | StayState::Transferred)
        ) {
            return Err(format!(
                "acknowledged accept of {id} is lost: {:?}",
                state_of(id)
            ));
        }
    }
    for id in &acks.completed {
        if state_of(id) != Some(StayState::Completed) {
            return Err(format!("acknowledged completion of {id} is lost"));
        }
    }
    for id in &acks.abandoned {
        if state_of(id) != Some(StayState::Abandoned) {
            return Err(format!("acknowledged abandonment of {id} is lost"));
        }
    }
    Ok(Audit {
        stays: stays.len(),
        assignments,
        events: events.len(),
    })
}
