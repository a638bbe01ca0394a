//! Several nodes on one database: four child processes route against the same database at
//! once, each for a fixed number of random operations — all on one company, then two per
//! company — while this process watches the event log; afterwards the database is audited
//! (`queue_behaviour::audit`), every stay any child created is accounted for, and the watch
//! saw every event exactly once, in commit order. The same with four threads of one process,
//! each with its own connection. On SQLite (one file) and on PostgreSQL (one schema).
//!
//! Operations per child: `QUEUE_CONCURRENT_OPS` (default 250); replay with
//! `QUEUE_CONCURRENT_SEED`.

use chrono::Duration;
use queue_behaviour::audit::{audit, Acks};
use queue_behaviour::workload::*;
use queue_behaviour::StoreKind;
use queue_core::{Actor, CompanyId, WatchQuery};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

const NODES: usize = 4;

#[test]
#[ignore = "a child process of the several-node tests; started by them"]
fn node_child() {
    child_main();
}

#[test]
fn four_processes_on_one_company_sqlite() {
    processes(StoreKind::Sqlite, &["Acme"]);
}

#[test]
fn four_processes_on_one_company_postgres() {
    queue_behaviour::on_store(StoreKind::Postgres, |k| processes(k, &["Acme"]));
}

#[test]
fn four_processes_two_per_company_sqlite() {
    processes(StoreKind::Sqlite, &["Acme", "Bolt"]);
}

#[test]
fn four_processes_two_per_company_postgres() {
    queue_behaviour::on_store(StoreKind::Postgres, |k| processes(k, &["Acme", "Bolt"]));
}

#[test]
fn four_threads_with_their_own_connections_sqlite() {
    threads(StoreKind::Sqlite);
}

#[test]
fn four_threads_with_their_own_connections_postgres() {
    queue_behaviour::on_store(StoreKind::Postgres, threads);
}

/// Watches every event after the current end of the log until `done` is set and the log
/// has been quiet for a moment; returns (seq, company) of each, in delivery order.
fn watcher(
    target: Target,
    done: Arc<AtomicBool>,
) -> std::thread::JoinHandle<Vec<(u64, Option<CompanyId>)>> {
    let (mut e, _) = target.engine(base_time()).expect("watcher: engine");
    let mut watch = e
        .watch(&Actor::System, WatchQuery::default())
        .expect("watch");
    std::thread::spawn(move || {
        let mut seen = Vec::new();
        loop {
            match watch.next_timeout(std::time::Duration::from_millis(500)) {
                Ok(Some(ev)) => seen.push((ev.seq, ev.company_id)),
                Ok(None) if done.load(Ordering::SeqCst) => break,
                Ok(None) => {}
                Err(err) => panic!("watcher: {err}"),
            }
        }
        drop(e);
        seen
    })
}

/// Audits `target` after a run and checks the watch saw the log exactly.
fn check(
    target: &Target,
    centres: &[Centre],
    acks: &Acks,
    seen: &[(u64, Option<CompanyId>)],
    seed: u64,
) -> queue_behaviour::audit::Audit {
    let audit = audit(target, centres, acks)
        .unwrap_or_else(|e| panic!("QUEUE_CONCURRENT_SEED={seed}: {e}"));
    // Nobody crashed, so every stay stored was acknowledged to some node, and back.
    assert_eq!(
        audit.stays,
        acks.enqueued.len(),
        "stays stored vs enqueues acknowledged"
    );
    assert!(audit.assignments > 0);
    // The log was empty of workload events when the watch started; it saw all of them, once,
    // in order (so in commit order per company too).
    let (mut e, _) = target.engine(base_time()).expect("reopen");
    let log = e
        .events(&Actor::System, &Default::default())
        .expect("events");
    let first = seen.first().map_or(0, |(s, _)| *s);
    let expected: Vec<(u64, Option<CompanyId>)> = log
        .iter()
        .filter(|ev| ev.seq >= first)
        .map(|ev| (ev.seq, ev.company_id))
        .collect();
    assert!(
        seen.windows(2).all(|w| w[0].0 < w[1].0),
        "the watch delivered an event twice or out of order"
    );
    assert_eq!(seen, expected.as_slice(), "the watch saw exactly the log");
    let mut per_company: HashMap<Option<CompanyId>, usize> = HashMap::new();
    for (_, c) in seen {
        *per_company.entry(*c).or_default() += 1;
    }
    eprintln!(
        "watched events per company: {:?}",
        per_company.values().collect::<Vec<_>>()
    );
    audit
}

fn processes(kind: StoreKind, companies: &[&str]) {
    let ops = count_from_env("QUEUE_CONCURRENT_OPS", 250);
    let seed = seed_from_env("QUEUE_CONCURRENT_SEED");
    let dir = tempfile::tempdir().expect("temp dir");
    let (target, _owner) = fresh_target(kind, dir.path(), "shared").expect("a target");
    let centres = create_centres(&target, companies);
    let done = Arc::new(AtomicBool::new(false));
    let watch = watcher(target.clone(), done.clone());
    let children: Vec<_> = (0..NODES)
        .map(|i| {
            let job = ChildJob {
                mode: "shared",
                target: target.clone(),
                seed: seed.wrapping_add(i as u64),
                ops,
                start: base_time() + Duration::hours(1),
                // Node i works for company i mod n: all on one, or two per company.
                company: Some(i % companies.len()),
            };
            spawn_child("node_child", &job)
        })
        .collect();
    let mut acks = Acks::default();
    let mut per_child = Vec::new();
    for (i, child) in children.into_iter().enumerate() {
        let (status, lines, err) = collect_child(child);
        assert!(status.success(), "node {i} failed ({status}):\n{err}");
        let before = acks.total;
        for line in &lines {
            acks.record(line);
        }
        per_child.push(acks.total - before);
    }
    done.store(true, Ordering::SeqCst);
    let seen = watch.join().expect("watcher");
    let audit = check(&target, &centres, &acks, &seen, seed);
    eprintln!(
        "{kind:?}: {NODES} processes x {ops} operations on {} companies, acknowledged \
         {per_child:?}; {} stays, {} assignments, {} events audited and watched",
        companies.len(),
        audit.stays,
        audit.assignments,
        audit.events
    );
}

fn threads(kind: StoreKind) {
    let ops = count_from_env("QUEUE_CONCURRENT_OPS", 250);
    let seed = seed_from_env("QUEUE_CONCURRENT_SEED");
    let dir = tempfile::tempdir().expect("temp dir");
    let (target, _owner) = fresh_target(kind, dir.path(), "shared").expect("a target");
    let centres = create_centres(&target, &["Acme"]);
    let done = Arc::new(AtomicBool::new(false));
    let watch = watcher(target.clone(), done.clone());
    let threads: Vec<_> = (0..NODES)
        .map(|i| {
            let store = target.open().expect("open");
            let job = ChildJob {
                mode: "shared",
                target: target.clone(),
                seed: seed.wrapping_add(100 + i as u64),
                ops,
                start: base_time() + Duration::hours(1),
                company: None,
            };
            std::thread::spawn(move || {
                let mut lines = Vec::new();
                run_workload(store, &job, &mut |l| lines.push(l));
                lines
            })
        })
        .collect();
    let mut acks = Acks::default();
    for t in threads {
        for line in t.join().expect("workload thread") {
            acks.record_ack(&line);
        }
    }
    done.store(true, Ordering::SeqCst);
    let seen = watch.join().expect("watcher");
    check(&target, &centres, &acks, &seen, seed);
}
