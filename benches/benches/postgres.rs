//! Bench 7: several application nodes on one database. Each node is a process of its own
//! with its own engine; the unit of work is an enqueue → complete pair (two commands: an
//! object arrives and is assigned to a free agent in the same command, then the agent
//! completes it), on a company of 20 agents and one queue. For `POSTGRES_BENCH_SECS`
//! seconds (default 5) every node runs pairs as fast as it can; the figure is the commands
//! all nodes completed per second, for:
//!
//! - 1, 2 and 4 nodes on distinct companies (one company each: tenants that never share);
//! - 2 nodes on one company (the serialised case: their commands must take turns);
//!
//! on PostgreSQL (the server `QUEUE_POSTGRES_URL` names, a schema of its own per run) and on
//! an SQLite file (WAL, synchronous NORMAL) with the same workload. The baseline is the
//! least a serialised durable write costs on the same server: per "command" a transaction
//! that locks one row, inserts one row and commits, from the same number of processes.
//!
//! `QUEUE_POSTGRES_URL=… cargo bench -p queue-benches --bench postgres` (about a minute and a
//! half). Without the URL only the SQLite rows run. Server and nodes share this machine's
//! cores; see the README's performance section for what that means for the figures.

use chrono::{TimeZone, Utc};
use queue_core::{
    Actor, Engine, ManualClock, NewCompany, NewCompanyUser, NewObject, NewQueue, NewUser,
    PresenceUpdate, Show, Store,
};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const SYS: Actor = Actor::System;
const AGENTS: usize = 20;
/// The child's job, in its environment: `store|location|company|seed|start_ms|secs`.
const JOB_VAR: &str = "CNQ_NODE_BENCH_JOB";

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Sqlite,
    Postgres,
    /// The baseline: raw SQL on PostgreSQL.
    PostgresSql,
}

fn open(kind: Kind, location: &str) -> Box<dyn Store> {
    let patience = Duration::from_secs(60);
    match kind {
        Kind::Sqlite => {
            let options = queue_sqlite::SqliteOptions {
                busy_timeout: patience,
                ..Default::default()
            };
            Box::new(queue_sqlite::SqliteStore::open_with(location, options).expect("open"))
        }
        Kind::Postgres | Kind::PostgresSql => {
            let (schema, url) = location.split_once(' ').expect("schema and url");
            let options = queue_postgres::PostgresOptions {
                schema: Some(schema.into()),
                lock_timeout: patience,
                ..Default::default()
            };
            Box::new(queue_postgres::PostgresStore::connect_with(url, options).expect("connect"))
        }
    }
}

fn clock() -> Arc<ManualClock> {
    Arc::new(ManualClock::new(
        Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap(),
    ))
}

/// `companies` companies of 20 available agents of capacity 1 and one queue each.
fn create_companies(kind: Kind, location: &str, companies: usize) {
    let mut e = Engine::open(open(kind, location), clock()).expect("engine");
    for c in 0..companies {
        let new = NewCompany {
            name: format!("Tenant {c}"),
            ..Default::default()
        };
        let company = e.create_company(&SYS, new).expect("company").id;
        let queue = e
            .create_queue(&SYS, NewQueue::named(company, "support"))
            .expect("queue")
            .id;
        for i in 0..AGENTS {
            let username = format!("t{c}-agent{i}");
            let user = NewUser {
                email: format!("{username}@example.org"),
                username,
                firstname: "Agent".into(),
                lastname: "Tester".into(),
                ..Default::default()
            };
            let user = e.create_user(&SYS, user).expect("user").id;
            let member = NewCompanyUser {
                max_number_of_objects_handled: 1,
                is_auto_max_number_handled: false,
                ..NewCompanyUser::agent(company, user)
            };
            let a = e.create_company_user(&SYS, member).expect("member").id;
            e.assign_operator(&SYS, queue, a, 1).expect("operator");
            let ready = PresenceUpdate {
                show: Some(Show::Available),
                ..Default::default()
            };
            e.set_presence(&SYS, a, ready).expect("presence");
        }
    }
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

fn sleep_until(ms: u64) {
    let now = now_ms();
    if ms > now {
        std::thread::sleep(Duration::from_millis(ms - now));
    }
}

/// A child: runs pairs on its company from `start_ms` for `secs`, prints its count.
fn node_main(job: &str) {
    let parts: Vec<&str> = job.splitn(6, '|').collect();
    let kind = match parts[0] {
        "sqlite" => Kind::Sqlite,
        "postgres" => Kind::Postgres,
        _ => Kind::PostgresSql,
    };
    let location = parts[1];
    let company: usize = parts[2].parse().expect("company");
    let seed: u64 = parts[3].parse().expect("seed");
    let start: u64 = parts[4].parse().expect("start");
    let secs: u64 = parts[5].parse().expect("secs");
    let end = start + secs * 1000;
    let (commands, conflicts) = if kind == Kind::PostgresSql {
        (baseline_node(location, company, start, end), 0)
    } else {
        engine_node(kind, location, company, seed, start, end)
    };
    println!("COUNT {commands} {conflicts}");
}

fn engine_node(
    kind: Kind,
    location: &str,
    company: usize,
    seed: u64,
    start: u64,
    end: u64,
) -> (u64, u64) {
    let clock = clock();
    let mut e = Engine::open_seeded(open(kind, location), clock.clone(), seed).expect("engine");
    let mut companies = e.list_companies(&SYS, &[]).expect("companies");
    companies.sort_by(|a, b| a.company.name.cmp(&b.company.name));
    let company = companies[company].company.id;
    let queue = e.list_queues(&SYS, company).expect("queues")[0].id;
    sleep_until(start);
    let (mut commands, mut conflicts) = (0, 0);
    while now_ms() < end {
        clock.advance(chrono::Duration::milliseconds(100));
        let stay = match e.enqueue_new(&SYS, NewObject::chat(company, "visitor"), queue, None) {
            Ok(s) => s,
            Err(queue_core::Error::Conflict { .. }) => {
                conflicts += 1;
                continue;
            }
            Err(err) => panic!("enqueue: {err}"),
        };
        commands += 1;
        let done = if stay.assigned_to.is_some() {
            e.complete(&SYS, stay.id)
        } else {
            e.abandon(&SYS, stay.id)
        };
        match done {
            Ok(_) => commands += 1,
            Err(queue_core::Error::Conflict { .. }) => conflicts += 1,
            Err(err) => panic!("complete: {err}"),
        }
    }
    (commands, conflicts)
}

/// The baseline node: per "command", lock the company's row, insert a row, commit.
fn baseline_node(location: &str, company: usize, start: u64, end: u64) -> u64 {
    let (schema, url) = location.split_once(' ').expect("schema and url");
    let mut client = postgres::Client::connect(url, postgres::NoTls).expect("connect");
    client
        .batch_execute(&format!("SET search_path TO {schema}"))
        .expect("schema");
    let key = company as i64;
    sleep_until(start);
    let mut commands = 0;
    while now_ms() < end {
        let mut tx = client.transaction().expect("begin");
        tx.query_one(
            "SELECT seq FROM bench_lock WHERE company = $1 FOR UPDATE",
            &[&key],
        )
        .expect("lock");
        tx.execute(
            "INSERT INTO bench_row (company, body) VALUES ($1, $2)",
            &[&key, &"{\"state\":\"waiting\"}"],
        )
        .expect("insert");
        tx.execute(
            "UPDATE bench_lock SET seq = seq + 1 WHERE company = $1",
            &[&key],
        )
        .expect("count");
        tx.commit().expect("commit");
        commands += 1;
    }
    commands
}

struct Row {
    store: &'static str,
    nodes: usize,
    companies: usize,
    per_sec: f64,
    conflicts: u64,
}

/// One configuration: a fresh database, `companies` tenants, `nodes` processes.
fn run(kind: Kind, nodes: usize, companies: usize, secs: u64, url: Option<&str>) -> Row {
    let dir = std::env::temp_dir().join(format!("node-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let mut _owner = None;
    let location = match kind {
        Kind::Sqlite => {
            let path = dir.join(format!("n{nodes}-c{companies}.db"));
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
            path.display().to_string()
        }
        Kind::Postgres | Kind::PostgresSql => {
            let url = url.expect("a server");
            let mut owner =
                queue_postgres::PostgresStore::connect_temporary(url).expect("a schema");
            let schema = owner.schema().expect("its name");
            _owner = Some(owner);
            format!("{schema} {url}")
        }
    };
    if kind == Kind::PostgresSql {
        let (schema, url) = location.split_once(' ').expect("schema and url");
        let mut c = postgres::Client::connect(url, postgres::NoTls).expect("connect");
        c.batch_execute(&format!(
            "SET search_path TO {schema};
             CREATE TABLE bench_lock (company BIGINT PRIMARY KEY, seq BIGINT NOT NULL);
             CREATE TABLE bench_row (id BIGSERIAL PRIMARY KEY, company BIGINT, body TEXT);
             INSERT INTO bench_lock SELECT g, 0 FROM generate_series(0, {companies}) g;"
        ))
        .expect("baseline tables");
    } else {
        create_companies(kind, &location, companies);
    }
    let store = match kind {
        Kind::Sqlite => "sqlite",
        Kind::Postgres => "postgres",
        Kind::PostgresSql => "baseline",
    };
    let start = now_ms() + 1500;
    let children: Vec<_> = (0..nodes)
        .map(|i| {
            let job = format!(
                "{store}|{location}|{}|{}|{start}|{secs}",
                i % companies,
                100 + i
            );
            Command::new(std::env::current_exe().expect("this bench"))
                .env(JOB_VAR, job)
                .stdout(Stdio::piped())
                .spawn()
                .expect("a node process")
        })
        .collect();
    let (mut commands, mut conflicts) = (0u64, 0u64);
    for mut child in children {
        let out = child.stdout.take().expect("stdout");
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            if let Some(rest) = line.strip_prefix("COUNT ") {
                let mut it = rest.split(' ').map(|n| n.parse::<u64>().unwrap_or(0));
                commands += it.next().unwrap_or(0);
                conflicts += it.next().unwrap_or(0);
            }
        }
        assert!(child.wait().expect("wait").success(), "a node failed");
    }
    let _ = std::fs::remove_dir_all(&dir);
    Row {
        store: match kind {
            Kind::Sqlite => "SQLite file",
            Kind::Postgres => "PostgreSQL",
            Kind::PostgresSql => "baseline: lock + insert",
        },
        nodes,
        companies,
        per_sec: commands as f64 / secs as f64,
        conflicts,
    }
}

fn main() {
    if let Ok(job) = std::env::var(JOB_VAR) {
        node_main(&job);
        return;
    }
    let secs: u64 = std::env::var("POSTGRES_BENCH_SECS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|s| *s > 0)
        .unwrap_or(5);
    let url = std::env::var("QUEUE_POSTGRES_URL")
        .ok()
        .filter(|u| !u.trim().is_empty());
    if url.is_none() {
        eprintln!("note: QUEUE_POSTGRES_URL is not set: only the SQLite rows run");
    }
    let configs = [(1, 1), (2, 2), (4, 4), (2, 1)];
    let mut kinds = vec![Kind::Sqlite];
    if url.is_some() {
        kinds.extend([Kind::Postgres, Kind::PostgresSql]);
    }
    let mut rows = Vec::new();
    for kind in kinds {
        for (nodes, companies) in configs {
            let row = run(kind, nodes, companies, secs, url.as_deref());
            eprintln!(
                "{:<24} {} node(s), {} compan{}: {:.0} commands/s",
                row.store,
                nodes,
                companies,
                if companies == 1 { "y" } else { "ies" },
                row.per_sec
            );
            rows.push(row);
        }
    }
    println!("\nseveral nodes ({secs} s per row; commands per second, all nodes together)");
    println!(
        "{:<24} {:>6} {:>10} {:>12} {:>10}",
        "store", "nodes", "companies", "commands/s", "conflicts"
    );
    for r in &rows {
        println!(
            "{:<24} {:>6} {:>10} {:>12.0} {:>10}",
            r.store, r.nodes, r.companies, r.per_sec, r.conflicts
        );
    }
}
