//! A random contact-centre workload for the crash, several-node and watch tests: where it
//! runs ([`Target`]: an SQLite file or a PostgreSQL schema), the centres it runs against,
//! child processes that run it and print every acknowledged operation, and the workload
//! itself. [`crate::audit`] checks what a database holds afterwards.

use chrono::{DateTime, Duration, TimeZone, Utc};
use queue_core::*;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;

/// Set in a child process: which workload to run (`crash` or `shared`).
pub const CHILD_ENV: &str = "QUEUE_WORKLOAD_CHILD";
const TARGET_ENV: &str = "QUEUE_WORKLOAD_TARGET";
const SEED_ENV: &str = "QUEUE_WORKLOAD_SEED";
const OPS_ENV: &str = "QUEUE_WORKLOAD_OPS";
const START_ENV: &str = "QUEUE_WORKLOAD_START";
const COMPANY_ENV: &str = "QUEUE_WORKLOAD_COMPANY";

/// Every acknowledged operation is printed as one line starting with this.
pub const ACK: &str = "ACK ";

const SYS: Actor = Actor::System;

/// Where a workload runs: what every process opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// An SQLite file; `full`: with `synchronous=FULL`.
    Sqlite {
        /// The database file.
        path: PathBuf,
        /// `synchronous=FULL` rather than `NORMAL`.
        full: bool,
    },
    /// A schema on a PostgreSQL server.
    Postgres {
        /// The server.
        url: String,
        /// The schema our tables are in.
        schema: String,
    },
}

impl Target {
    /// A store on the target, patient with other writers (many processes contend in tests).
    pub fn open(&self) -> Result<Box<dyn Store>> {
        let patience = std::time::Duration::from_secs(120);
        Ok(match self {
            Target::Sqlite { path, full } => {
                let options = queue_sqlite::SqliteOptions {
                    synchronous: if *full {
                        queue_sqlite::Synchronous::Full
                    } else {
                        queue_sqlite::Synchronous::Normal
                    },
                    busy_timeout: patience,
                    ..Default::default()
                };
                Box::new(queue_sqlite::SqliteStore::open_with(path, options)?)
            }
            Target::Postgres { url, schema } => {
                let options = queue_postgres::PostgresOptions {
                    schema: Some(schema.clone()),
                    lock_timeout: patience,
                    ..Default::default()
                };
                Box::new(queue_postgres::PostgresStore::connect_with(url, options)?)
            }
        })
    }

    /// An engine on the target with a manual clock at `at`.
    pub fn engine(&self, at: DateTime<Utc>) -> Result<(Engine, Arc<ManualClock>)> {
        let clock = Arc::new(ManualClock::new(at));
        Ok((Engine::open(self.open()?, clock.clone())?, clock))
    }

    /// The same target with `synchronous=FULL` on or off (SQLite only).
    pub fn with_full(&self, full: bool) -> Target {
        match self {
            Target::Sqlite { path, .. } => Target::Sqlite {
                path: path.clone(),
                full,
            },
            other => other.clone(),
        }
    }

    /// The target as one line, for a child's environment ([`Target::decode`] reads it).
    pub fn encode(&self) -> String {
        match self {
            Target::Sqlite { path, full } => {
                format!("sqlite {} {}", u8::from(*full), path.display())
            }
            Target::Postgres { url, schema } => format!("postgres {schema} {url}"),
        }
    }

    /// The target [`Target::encode`] wrote.
    pub fn decode(line: &str) -> Option<Target> {
        let mut parts = line.splitn(3, ' ');
        match (parts.next()?, parts.next()?, parts.next()?) {
            ("sqlite", full, path) => Some(Target::Sqlite {
                path: path.into(),
                full: full == "1",
            }),
            ("postgres", schema, url) => Some(Target::Postgres {
                url: url.into(),
                schema: schema.into(),
            }),
            _ => None,
        }
    }
}

/// A fresh, empty target of `kind` (memory has none: `None`): a file `name` in `dir`, or a
/// schema of its own on the server at `QUEUE_POSTGRES_URL` (if set), dropped with the store
/// returned beside it.
pub fn fresh_target(
    kind: crate::StoreKind,
    dir: &std::path::Path,
    name: &str,
) -> Option<(Target, Option<queue_postgres::PostgresStore>)> {
    match kind {
        crate::StoreKind::Memory => None,
        crate::StoreKind::Sqlite => Some((
            Target::Sqlite {
                path: dir.join(format!("{name}.db")),
                full: false,
            },
            None,
        )),
        crate::StoreKind::Postgres => {
            let url = crate::postgres_url()?;
            let mut owner = queue_postgres::PostgresStore::connect_temporary(&url)
                .expect("a temporary PostgreSQL schema");
            let schema = owner.schema().expect("its name");
            Some((Target::Postgres { url, schema }, Some(owner)))
        }
    }
}

/// Monday 5 January 2026, 09:00 UTC.
pub fn base_time() -> DateTime<Utc> {
    crate::start()
}

/// Small deterministic generator (splitmix64): reproducible from a printed seed.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator starting at `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next number.
    #[allow(clippy::should_implement_trait)]
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

/// Agents' capacities in each test contact centre.
pub const CAPACITIES: [u32; 4] = [1, 2, 2, 3];

/// A contact centre workloads run against: one company, two queues (one offering with a
/// timeout, one assigning directly with tier escalation) and four agents on both.
#[derive(Debug, Clone)]
pub struct Centre {
    /// Its company.
    pub company: CompanyId,
    /// "offers", then "direct".
    pub queues: Vec<QueueId>,
    /// The agents, oldest first; capacities [`CAPACITIES`].
    pub agents: Vec<CompanyUserId>,
}

/// Creates the centres `names` (one company each) on `target`, which must be fresh.
pub fn create_centres(target: &Target, names: &[&str]) -> Vec<Centre> {
    let (mut e, _) = target.engine(base_time()).expect("open the target");
    names
        .iter()
        .map(|name| create_centre(&mut e, name))
        .collect()
}

fn create_centre(e: &mut Engine, name: &str) -> Centre {
    let new = NewCompany {
        name: name.into(),
        ..Default::default()
    };
    let company = e.create_company(&SYS, new).expect("company").id;
    let offers = NewQueue {
        offer_timeout: Some(20),
        ..NewQueue::named(company, "offers")
    };
    let direct = NewQueue {
        priority_delay: Some(30),
        ..NewQueue::named(company, "direct")
    };
    let offers = e.create_queue(&SYS, offers).expect("queue").id;
    let direct = e.create_queue(&SYS, direct).expect("queue").id;
    let mut agents = Vec::new();
    for (i, cap) in CAPACITIES.iter().enumerate() {
        let username = format!("{}-agent{i}", name.to_lowercase());
        let new = NewUser {
            email: format!("{username}@example.org"),
            username,
            firstname: "Agent".into(),
            lastname: "Tester".into(),
            ..Default::default()
        };
        let user = e.create_user(&SYS, new).expect("user").id;
        let cu = e
            .create_company_user(&SYS, NewCompanyUser::agent(company, user))
            .expect("member")
            .id;
        let capacity = CompanyUserUpdate {
            max_number_of_objects_handled: Some(*cap),
            is_auto_max_number_handled: Some(false),
            ..Default::default()
        };
        e.update_company_user(&SYS, cu, capacity).expect("capacity");
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

/// The centres in an opened engine, by company name (children know only the target).
pub fn find_centres(e: &mut Engine) -> Vec<Centre> {
    let mut companies: Vec<Company> = e
        .list_companies(&SYS, &[])
        .expect("companies")
        .into_iter()
        .map(|c| c.company)
        .collect();
    companies.sort_by(|a, b| a.name.cmp(&b.name));
    companies
        .into_iter()
        .map(|c| {
            let mut queues: Vec<Queue> = e.list_queues(&SYS, c.id).expect("queues");
            queues.sort_by(|a, b| b.name.cmp(&a.name)); // "offers", "direct"
            let mut agents = e.list_company_users(&SYS, &[c.id]).expect("agents");
            agents.sort_by_key(|a| a.created_at);
            Centre {
                company: c.id,
                queues: queues.into_iter().map(|q| q.id).collect(),
                agents: agents.into_iter().map(|a| a.id).collect(),
            }
        })
        .collect()
}

/// What a child runs: where, from which seed, how many operations, from when, and on which
/// centre (index into [`find_centres`]; `None`: a random one per operation).
#[derive(Debug, Clone)]
pub struct ChildJob {
    /// `crash` (alone on the target) or `shared` (with other writers).
    pub mode: &'static str,
    /// Where.
    pub target: Target,
    /// The workload's seed.
    pub seed: u64,
    /// How many operations.
    pub ops: usize,
    /// The engine clock's start.
    pub start: DateTime<Utc>,
    /// Which centre.
    pub company: Option<usize>,
}

/// Starts a child: this test binary, running only the ignored test `child_test` (which calls
/// [`child_main`]), its output piped.
pub fn spawn_child(child_test: &str, job: &ChildJob) -> Child {
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
        .env(CHILD_ENV, job.mode)
        .env(TARGET_ENV, job.target.encode())
        .env(SEED_ENV, job.seed.to_string())
        .env(OPS_ENV, job.ops.to_string())
        .env(START_ENV, job.start.timestamp().to_string())
        .env(
            COMPANY_ENV,
            job.company.map_or(String::new(), |c| c.to_string()),
        )
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn child")
}

/// The child's side: runs the workload its environment describes, printing acks. Returns
/// without doing anything outside a child.
pub fn child_main() {
    let Ok(mode) = std::env::var(CHILD_ENV) else {
        return;
    };
    let env = |k: &str| std::env::var(k).unwrap_or_else(|_| panic!("{k} not set"));
    let target = Target::decode(&env(TARGET_ENV)).expect("child: target");
    let start = Utc
        .timestamp_opt(env(START_ENV).parse().expect("start"), 0)
        .single()
        .expect("start time");
    let job = ChildJob {
        mode: if mode == "shared" { "shared" } else { "crash" },
        seed: env(SEED_ENV).parse().expect("seed"),
        ops: env(OPS_ENV).parse().expect("ops"),
        start,
        company: env(COMPANY_ENV).parse().ok(),
        target,
    };
    let store = job.target.open().expect("child: open");
    run_workload(store, &job, &mut |line| {
        // One println per line, which reaches the pipe whole (stdout is line-buffered).
        println!("{ACK}{line}");
    });
}

/// Runs `job`'s random operations on an engine over `store`, some of them in batches,
/// handing each acknowledged one to `ack` (as the line a child prints, without the prefix)
/// once it has committed.
pub fn run_workload(store: Box<dyn Store>, job: &ChildJob, ack: &mut dyn FnMut(String)) {
    let shared = job.mode == "shared";
    let clock = Arc::new(ManualClock::new(job.start));
    let mut engine = Engine::open(store, clock.clone()).expect("workload: engine");
    let centres = find_centres(&mut engine);
    let mut rng = Rng::new(job.seed);
    let mut i = 0;
    while i < job.ops {
        // Now and then a few operations in one batch: acknowledged only once it committed,
        // and sometimes undone instead (then nothing of it may be stored).
        let batch = rng.below(8) == 0;
        let n = if batch { 2 + rng.below(7) } else { 1 };
        let abort = batch && rng.below(5) == 0;
        let mut acked = Vec::new();
        if batch {
            engine.begin_batch().expect("workload: begin a batch");
        }
        for _ in 0..n.min(job.ops - i) {
            clock.advance(Duration::seconds(rng.below(6) as i64));
            let centre = match job.company {
                Some(c) => &centres[c],
                None => &centres[rng.below(centres.len())],
            };
            let r = step(&mut engine, centre, &mut rng, i, &mut |line| {
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

/// One random operation on centre `c` (`i`: its number, in object names), handing `ack`
/// the line that acknowledges it; acknowledged once it has committed.
pub fn step(
    e: &mut Engine,
    c: &Centre,
    rng: &mut Rng,
    i: usize,
    ack: &mut dyn FnMut(String),
) -> Result<()> {
    let agent = c.agents[rng.below(c.agents.len())];
    let queue = c.queues[rng.below(c.queues.len())];
    let other = c.queues.iter().copied().find(|q| *q != queue);
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
            if let (Some(s), Some(other)) = (e.list_waiting(&SYS, queue, 3)?.first(), other) {
                let stay = e.enqueue(&SYS, s.object_id, other, None)?;
                ack(format!("ENQ {}", stay.id));
            }
        }
        95..=96 => {
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

/// Reads a child's output on threads (so it never blocks on a full pipe) and waits for it:
/// its exit status, its stdout lines (record them with [`crate::audit::Acks::record`]) and its stderr.
pub fn collect_child(mut child: Child) -> (std::process::ExitStatus, Vec<String>, String) {
    use std::io::{BufRead, BufReader, Read};
    let stdout = child.stdout.take().expect("stdout");
    let stderr = child.stderr.take().expect("stderr");
    let out = std::thread::spawn(move || {
        BufReader::new(stdout)
            .lines()
            .map_while(std::result::Result::ok)
            .collect::<Vec<_>>()
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = BufReader::new(stderr).read_to_string(&mut s);
        s
    });
    let status = child.wait().expect("wait for child");
    let lines = out.join().expect("stdout reader");
    let err = err.join().expect("stderr reader");
    (status, lines, err)
}
