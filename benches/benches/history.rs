//! Bench 6: what a long-running engine costs as its past grows. 20 agents of capacity 1 on one
//! queue, always busy, 10 objects always waiting; one cycle completes the oldest chat (its
//! agent takes the next waiting one in the same command) and enqueues a new one, one second
//! of engine time apart. At 1/10 of the run and at its end (`HISTORY_CYCLES`, default
//! 1 000 000) it measures, on SQLite and on the memory store:
//!
//! - resident memory of the process, and for the memory store the bytes per handled chat;
//! - the last hour's `queue_stats` (criterion), against a naive baseline that reads the
//!   company's whole event log and tallies the hour (what statistics cost before they read
//!   only their window);
//! - one cycle (two commands), median of 20 batches of 500;
//! - SQLite: reopening the file with 10 000 more objects live (criterion), against a naive
//!   baseline that reads and parses every stored stay, as opening did when it loaded history;
//! - the memory store with a one-day retention: resident memory stays flat.
//!
//! - PostgreSQL (`HISTORY_STORES=postgres`, on the server `QUEUE_POSTGRES_URL` names): the
//!   same, the history filled in batches, and a node opening the database with it all
//!   stored (criterion) against reading and parsing every stored stay.
//!
//! `cargo bench -p queue-benches --bench history` (about twenty minutes at the default size;
//! `HISTORY_CYCLES=100000` for a quick look; `HISTORY_STORES=sqlite,memory,retention` picks
//! the parts, one per process for memory figures untouched by the others; add `postgres`
//! for the PostgreSQL part). A summary table is printed at the end.

use chrono::{Duration, TimeZone, Utc};
use criterion::Criterion;
use queue_core::{
    Actor, Engine, EventKind, EventQuery, ManualClock, MemoryStore, NewCompany, NewCompanyUser,
    NewObject, NewQueue, NewUser, PresenceUpdate, QueueId, Show, StatsQuery, StayId, Store,
};
use queue_sqlite::SqliteStore;
use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

const SYS: Actor = Actor::System;
const AGENTS: usize = 20;
const WAITING: usize = 10;

/// Resident memory of this process, MB.
fn rss_mb() -> f64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: f64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0.0);
    pages * 4096.0 / 1e6
}

struct Centre {
    engine: Engine,
    clock: Arc<ManualClock>,
    company: queue_core::CompanyId,
    queue: QueueId,
    /// Assigned stays, oldest first.
    assigned: VecDeque<StayId>,
    /// Waiting stays, oldest first (they are served in this order).
    waiting: VecDeque<StayId>,
    cycles: u64,
}

impl Centre {
    fn new(store: Box<dyn Store>) -> Centre {
        let clock = Arc::new(ManualClock::new(
            Utc.with_ymd_and_hms(2026, 1, 5, 8, 0, 0).unwrap(),
        ));
        let mut engine = Engine::open_seeded(store, clock.clone(), 11).unwrap();
        let company = engine
            .create_company(
                &SYS,
                NewCompany {
                    name: "History".into(),
                    ..Default::default()
                },
            )
            .unwrap()
            .id;
        let queue = engine
            .create_queue(&SYS, NewQueue::named(company, "support"))
            .unwrap()
            .id;
        for i in 0..AGENTS {
            let user = engine
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
                .unwrap();
            let member = NewCompanyUser {
                max_number_of_objects_handled: 1,
                is_auto_max_number_handled: false,
                ..NewCompanyUser::agent(company, user.id)
            };
            let a = engine.create_company_user(&SYS, member).unwrap().id;
            engine.assign_operator(&SYS, queue, a, 1).unwrap();
            let ready = PresenceUpdate {
                show: Some(Show::Available),
                ..Default::default()
            };
            engine.set_presence(&SYS, a, ready).unwrap();
        }
        let mut c = Centre {
            engine,
            clock,
            company,
            queue,
            assigned: VecDeque::new(),
            waiting: VecDeque::new(),
            cycles: 0,
        };
        for _ in 0..AGENTS + WAITING {
            c.arrive();
        }
        c
    }

    fn arrive(&mut self) {
        let object = NewObject::chat(self.company, "visitor");
        let stay = self
            .engine
            .enqueue_new(&SYS, object, self.queue, None)
            .unwrap();
        if stay.assigned_to.is_some() {
            self.assigned.push_back(stay.id);
        } else {
            self.waiting.push_back(stay.id);
        }
    }

    /// Completes the oldest chat (the oldest waiting one goes to its agent) and enqueues one.
    fn cycle(&mut self) {
        self.clock.advance(Duration::seconds(1));
        let done = self.assigned.pop_front().unwrap();
        self.engine.complete(&SYS, done).unwrap();
        if let Some(next) = self.waiting.pop_front() {
            self.assigned.push_back(next);
        }
        self.arrive();
        self.cycles += 1;
    }

    fn run_to(&mut self, cycles: u64) {
        while self.cycles < cycles {
            self.cycle();
        }
    }

    /// Like [`Centre::run_to`], committing 1 000 cycles at a time (to fill a server fast).
    fn run_to_batched(&mut self, cycles: u64) {
        while self.cycles < cycles {
            self.engine.begin_batch().unwrap();
            for _ in 0..(cycles - self.cycles).min(1_000) {
                self.cycle();
            }
            self.engine.commit_batch().unwrap();
        }
    }

    /// Median seconds per cycle over 20 batches of 500.
    fn cycle_cost(&mut self) -> f64 {
        let mut batches: Vec<f64> = (0..20)
            .map(|_| {
                let t = Instant::now();
                for _ in 0..500 {
                    self.cycle();
                }
                t.elapsed().as_secs_f64() / 500.0
            })
            .collect();
        batches.sort_by(f64::total_cmp);
        batches[batches.len() / 2]
    }

    fn last_hour(&self) -> StatsQuery {
        let now = self.engine.now();
        StatsQuery {
            company_id: self.company,
            from: now - Duration::hours(1),
            to: now,
            service_level_seconds: 20,
        }
    }
}

/// The baseline: the company's whole event log read, the hour's completions tallied.
fn naive_stats(engine: &mut Engine, q: &StatsQuery) -> usize {
    let all = engine
        .events(
            &SYS,
            &EventQuery {
                company_id: Some(q.company_id),
                ..Default::default()
            },
        )
        .unwrap();
    all.iter()
        .filter(|e| e.at >= q.from && e.at < q.to)
        .filter(|e| matches!(e.kind, EventKind::Completed { .. }))
        .count()
}

/// The baseline of reopening: every stored stay read and parsed.
fn naive_reopen(path: &PathBuf) -> usize {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare("SELECT body FROM stay WHERE body IS NOT NULL")
        .unwrap();
    let rows = stmt.query_map([], |r| r.get::<_, String>(0)).unwrap();
    rows.map(|b| serde_json::from_str::<serde_json::Value>(&b.unwrap()).is_ok() as usize)
        .sum()
}

#[derive(Default)]
struct Row {
    store: &'static str,
    cycles: u64,
    rss_mb: f64,
    cycle_us: f64,
    note: String,
}

fn measure(c: &mut Criterion, kind: &'static str, centre: &mut Centre, rows: &mut Vec<Row>) {
    let n = centre.cycles;
    let q = centre.last_hour();
    // Before the naive baseline, which reads the whole log into this process.
    let rss = rss_mb();
    let mut group = c.benchmark_group(format!("history_{kind}"));
    group
        .sample_size(20)
        .warm_up_time(std::time::Duration::from_millis(500))
        .measurement_time(std::time::Duration::from_secs(2));
    group.bench_function(format!("queue_stats_last_hour/{n}"), |b| {
        b.iter(|| centre.engine.queue_stats(&SYS, &q).unwrap())
    });
    group.sample_size(10);
    group.bench_function(format!("naive_whole_log_stats/{n}"), |b| {
        b.iter(|| naive_stats(&mut centre.engine, &q))
    });
    group.finish();
    let cycle = centre.cycle_cost();
    rows.push(Row {
        store: kind,
        cycles: n,
        rss_mb: rss,
        cycle_us: cycle * 1e6,
        ..Default::default()
    });
}

fn history(c: &mut Criterion) {
    let total: u64 = std::env::var("HISTORY_CYCLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let checkpoints = [total / 10, total];
    let mut rows = Vec::new();
    let parts =
        std::env::var("HISTORY_STORES").unwrap_or_else(|_| "sqlite,memory,retention".into());
    let part = |name: &str| parts.split(',').any(|p| p.trim() == name);

    // SQLite first, while the process is small.
    if part("sqlite") {
        sqlite_part(c, total, &checkpoints, &mut rows);
    }
    if part("memory") {
        memory_part(c, &checkpoints, &mut rows);
    }
    if part("retention") {
        retention_part(&checkpoints, &mut rows);
    }
    if part("postgres") {
        postgres_part(c, total, &checkpoints, &mut rows);
    }
    summary(total, &rows);
}

fn sqlite_part(c: &mut Criterion, total: u64, checkpoints: &[u64], rows: &mut Vec<Row>) {
    let dir = std::env::temp_dir().join(format!("history-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("history.db");
    {
        let mut centre = Centre::new(Box::new(SqliteStore::open(&path).unwrap()));
        for &n in checkpoints {
            centre.run_to(n);
            measure(c, "sqlite", &mut centre, rows);
        }
        // 10 000 more live objects, then reopen.
        for _ in 0..10_000 {
            centre.arrive();
        }
    }
    let size_mb = std::fs::metadata(&path).map_or(0.0, |m| m.len() as f64 / 1e6);
    let mut group = c.benchmark_group("history_sqlite_reopen");
    group
        .sample_size(10)
        .measurement_time(std::time::Duration::from_secs(5));
    group.bench_function(format!("open/{total}"), |b| {
        b.iter(|| {
            let store = SqliteStore::open(&path).unwrap();
            let clock = Arc::new(ManualClock::new(Utc::now()));
            Engine::open(Box::new(store), clock)
                .unwrap()
                .working_set_size()
        })
    });
    group.bench_function(format!("naive_read_every_stay/{total}"), |b| {
        b.iter(|| naive_reopen(&path))
    });
    group.finish();
    if let Some(r) = rows.last_mut() {
        r.note = format!(
            "file {size_mb:.0} MB, {:.2} KB per chat",
            size_mb * 1e3 / total as f64
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// PostgreSQL (the server `QUEUE_POSTGRES_URL` names, a schema of its own): the history is
/// filled in batches of 1 000 cycles (one at a time would take an hour), then measured as
/// on SQLite, and a node opening the database with all of it stored is timed.
fn postgres_part(c: &mut Criterion, total: u64, checkpoints: &[u64], rows: &mut Vec<Row>) {
    let Some(url) = std::env::var("QUEUE_POSTGRES_URL")
        .ok()
        .filter(|u| !u.is_empty())
    else {
        eprintln!("note: QUEUE_POSTGRES_URL is not set: the PostgreSQL part is skipped");
        return;
    };
    let mut owner = queue_postgres::PostgresStore::connect_temporary(&url).unwrap();
    let schema = owner.schema().unwrap();
    let options = || queue_postgres::PostgresOptions {
        schema: Some(schema.clone()),
        ..Default::default()
    };
    let connect =
        || Box::new(queue_postgres::PostgresStore::connect_with(&url, options()).unwrap());
    let filled = Instant::now();
    {
        let mut centre = Centre::new(connect());
        for &n in checkpoints {
            centre.run_to_batched(n);
            measure(c, "postgres", &mut centre, rows);
        }
        centre.engine.begin_batch().unwrap();
        for _ in 0..10_000 {
            centre.arrive();
        }
        centre.engine.commit_batch().unwrap();
    }
    let fill_s = filled.elapsed().as_secs_f64();
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    let size_mb = admin
        .query_one(
            "SELECT COALESCE(sum(pg_total_relation_size(c.oid)), 0)::bigint FROM pg_class c
             JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = $1 AND c.relkind = 'r'",
            &[&schema],
        )
        .map_or(0.0, |r| r.get::<_, i64>(0) as f64 / 1e6);
    let mut group = c.benchmark_group("history_postgres_reopen");
    group
        .sample_size(10)
        .measurement_time(std::time::Duration::from_secs(5));
    group.bench_function(format!("open/{total}"), |b| {
        b.iter(|| {
            let clock = Arc::new(ManualClock::new(Utc::now()));
            Engine::open(connect(), clock).unwrap().working_set_size()
        })
    });
    group.bench_function(format!("naive_read_every_stay/{total}"), |b| {
        b.iter(|| {
            let rows = admin
                .query(
                    &format!("SELECT body FROM {schema}.cnq_record WHERE kind = 'stay' AND body IS NOT NULL"),
                    &[],
                )
                .unwrap();
            rows.iter()
                .filter(|r| serde_json::from_str::<serde_json::Value>(r.get(0)).is_ok())
                .count()
        })
    });
    group.finish();
    if let Some(r) = rows.last_mut() {
        r.note = format!(
            "tables {size_mb:.0} MB, {:.2} KB per chat; filled in {fill_s:.0} s",
            size_mb * 1e3 / total as f64
        );
    }
    drop(owner);
}

/// The memory store: everything it holds, per handled chat.
fn memory_part(c: &mut Criterion, checkpoints: &[u64], rows: &mut Vec<Row>) {
    let base = rss_mb();
    {
        let mut centre = Centre::new(Box::new(MemoryStore::new()));
        for &n in checkpoints {
            centre.run_to(n);
            measure(c, "memory", &mut centre, rows);
            if let Some(r) = rows.last_mut() {
                let per = (r.rss_mb - base) * 1e6 / n as f64;
                r.note = format!("{per:.0} bytes per handled chat (RSS growth)");
            }
        }
    }
}

/// With retention the history is bounded: the same run keeps one day.
fn retention_part(checkpoints: &[u64], rows: &mut Vec<Row>) {
    let base = rss_mb();
    {
        let store = MemoryStore::new().with_retention(Duration::days(1));
        let mut centre = Centre::new(Box::new(store));
        for &n in checkpoints {
            centre.run_to(n);
            rows.push(Row {
                store: "memory, 1 day kept",
                cycles: n,
                rss_mb: rss_mb(),
                cycle_us: centre.cycle_cost() * 1e6,
                note: format!("RSS growth {:.0} MB", rss_mb() - base),
            });
        }
    }
}

fn summary(total: u64, rows: &[Row]) {
    println!("\nhistory bench summary ({total} cycles; criterion's figures above)");
    println!(
        "{:<20} {:>9} {:>9} {:>11}  note",
        "store", "cycles", "RSS MB", "µs/cycle"
    );
    for r in rows {
        println!(
            "{:<20} {:>9} {:>9.0} {:>11.1}  {}",
            r.store, r.cycles, r.rss_mb, r.cycle_us, r.note
        );
    }
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    history(&mut c);
    c.final_summary();
}
