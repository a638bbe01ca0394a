//! Several processes on one file: four children route against the same database at once,
//! each for a fixed number of random operations; afterwards the file is audited (see
//! `common::audit`) and every stay any child created is accounted for. The same with four
//! threads of one process, each with its own connection.
//!
//! Operations per child: `QUEUE_SQLITE_CONCURRENT_OPS` (default 250).

mod common;

use chrono::Duration;
use common::*;
use std::io::{BufRead, BufReader, Read};

const PROCESSES: usize = 4;

#[test]
#[ignore = "a child process of the concurrency test; started by it"]
fn concurrent_child() {
    child_main();
}

#[test]
fn four_processes_routing_on_one_file_never_assign_twice_nor_overload() {
    let ops = count_from_env("QUEUE_SQLITE_CONCURRENT_OPS", 250);
    let seed = seed_from_env("QUEUE_SQLITE_CONCURRENT_SEED");
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("shared.db");
    let centre = create_centre(&db);
    let start = base_time() + Duration::hours(1);
    let children: Vec<_> = (0..PROCESSES)
        .map(|i| {
            let mut child = spawn_child(
                "concurrent_child",
                "concurrent",
                &db,
                seed.wrapping_add(i as u64),
                ops,
                start,
                false,
            );
            let stdout = child.stdout.take().expect("stdout");
            let stderr = child.stderr.take().expect("stderr");
            // Read both pipes on threads so no child ever blocks on a full pipe.
            let out = std::thread::spawn(move || {
                BufReader::new(stdout)
                    .lines()
                    .map_while(Result::ok)
                    .collect::<Vec<_>>()
            });
            let err = std::thread::spawn(move || {
                let mut s = String::new();
                let _ = BufReader::new(stderr).read_to_string(&mut s);
                s
            });
            (child, out, err)
        })
        .collect();
    let mut acks = Acks::default();
    let mut per_child = Vec::new();
    for (i, (mut child, out, err)) in children.into_iter().enumerate() {
        let status = child.wait().expect("wait");
        let lines = out.join().expect("stdout reader");
        let err = err.join().expect("stderr reader");
        assert!(status.success(), "child {i} failed ({status}):\n{err}");
        let before = acks.total;
        for line in &lines {
            acks.record(line);
        }
        per_child.push(acks.total - before);
    }
    let audit = audit(&db, &centre, &acks)
        .unwrap_or_else(|e| panic!("QUEUE_SQLITE_CONCURRENT_SEED={seed}: {e}"));
    // Nobody crashed, so every stay in the file was acknowledged to some child, and back.
    assert_eq!(
        audit.stays,
        acks.enqueued.len(),
        "stays in the file vs enqueues acknowledged"
    );
    eprintln!(
        "concurrency test: {PROCESSES} processes x {ops} operations, acknowledged {per_child:?}; \
         {} stays, {} assignments, {} events audited",
        audit.stays, audit.assignments, audit.events
    );
    assert!(audit.assignments > 0);
}

#[test]
fn four_threads_with_their_own_connections_never_assign_twice_nor_overload() {
    let ops = count_from_env("QUEUE_SQLITE_CONCURRENT_OPS", 250);
    let seed = seed_from_env("QUEUE_SQLITE_CONCURRENT_SEED");
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("shared.db");
    let centre = create_centre(&db);
    let start = base_time() + Duration::hours(1);
    let threads: Vec<_> = (0..PROCESSES)
        .map(|i| {
            let store = queue_sqlite::SqliteStore::open(&db).expect("open");
            std::thread::spawn(move || {
                let mut lines = Vec::new();
                let seed = seed.wrapping_add(100 + i as u64);
                run_workload(Box::new(store), start, seed, ops, true, &mut |l| {
                    lines.push(l)
                });
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
    let audit = audit(&db, &centre, &acks)
        .unwrap_or_else(|e| panic!("QUEUE_SQLITE_CONCURRENT_SEED={seed}: {e}"));
    assert_eq!(audit.stays, acks.enqueued.len());
    assert!(audit.assignments > 0);
}
