//! A PostgreSQL server that goes away mid-run and comes back: the node's commands in flight
//! fail with a storage error, nothing acknowledged is lost, and the same engine (and the same
//! watch) works again once the server is back, without being reopened.
//!
//! The test runs a server of its own ([`queue_behaviour::pg_server::PgServer`]), since it
//! stops it; without a PostgreSQL server on the machine it is skipped with a notice (never
//! under `CI`).

use chrono::Duration;
use queue_behaviour::audit::{audit, Acks};
use queue_behaviour::pg_server::PgServer;
use queue_behaviour::workload::*;
use queue_core::*;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

const SYS: Actor = Actor::System;

/// What the node thread saw: acknowledged lines, and the errors of the outage.
#[derive(Default)]
struct Seen {
    acks: Mutex<Vec<String>>,
    storage_errors: AtomicUsize,
    done: AtomicBool,
}

impl Seen {
    fn acked(&self) -> usize {
        self.acks.lock().map_or(0, |a| a.len())
    }
}

/// Runs random operations until told to stop; every error must be a storage error (the
/// outage) or a benign conflict. Returns what the engine itself holds at the end: every
/// queue's waiting stays and every agent's stays, to compare with a fresh engine.
fn node(target: Target, seen: Arc<Seen>, seed: u64) -> Vec<Vec<(StayId, StayState)>> {
    let (mut e, clock) = target.engine(base_time()).expect("node: engine");
    let centre = find_centres(&mut e).remove(0);
    let mut rng = Rng::new(seed);
    let mut i = 0;
    while !seen.done.load(Ordering::SeqCst) {
        clock.advance(Duration::seconds(rng.below(6) as i64));
        // Now and then a batch, so the outage also hits a transaction held open.
        let batch = rng.below(6) == 0 && e.begin_batch().is_ok();
        let mut lines = Vec::new();
        let mut failed = None;
        for _ in 0..if batch { 3 } else { 1 } {
            i += 1;
            if let Err(err) = step(&mut e, &centre, &mut rng, i, &mut |l| lines.push(l)) {
                failed = Some(err);
                break;
            }
        }
        let result = match failed {
            Some(err) if batch => {
                e.abort_batch();
                Err(err)
            }
            Some(err) => Err(err),
            None if batch => e.commit_batch(),
            None => Ok(()),
        };
        match result {
            Ok(()) => seen.acks.lock().expect("acks").extend(lines),
            Err(Error::Storage { .. }) => {
                seen.storage_errors.fetch_add(1, Ordering::SeqCst);
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(Error::Conflict { .. }) => {}
            Err(other) => panic!("node: operation {i} failed: {other:?}"),
        }
    }
    held_by(&mut e, &centre)
}

fn held_by(e: &mut Engine, c: &Centre) -> Vec<Vec<(StayId, StayState)>> {
    let mut out = Vec::new();
    for q in &c.queues {
        let waiting = e.list_waiting(&SYS, *q, 1000).expect("waiting");
        out.push(waiting.iter().map(|s| (s.id, s.state)).collect());
    }
    for a in &c.agents {
        let stays = e.list_agent_stays(&SYS, *a).expect("agent stays");
        out.push(stays.iter().map(|s| (s.id, s.state)).collect());
    }
    out
}

/// A watch in the test process, through the outage: every event of the log, once, in order.
fn watcher(target: Target, seen: Arc<Seen>) -> std::thread::JoinHandle<(Vec<u64>, usize)> {
    let (mut e, _) = target.engine(base_time()).expect("watcher: engine");
    let mut watch = e.watch(&SYS, WatchQuery::default()).expect("watch");
    std::thread::spawn(move || {
        let (mut events, mut errors) = (Vec::new(), 0);
        loop {
            match watch.next_timeout(std::time::Duration::from_millis(300)) {
                Ok(Some(ev)) => events.push(ev.seq),
                Ok(None) if seen.done.load(Ordering::SeqCst) => break,
                Ok(None) => {}
                Err(Error::Storage { .. }) => {
                    errors += 1;
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                Err(other) => panic!("watcher: {other:?}"),
            }
        }
        drop(e);
        (events, errors)
    })
}

fn wait_for(what: &str, limit: std::time::Duration, mut ok: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ok() {
        assert!(start.elapsed() < limit, "waited {limit:?} for {what}");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[test]
fn a_node_whose_server_goes_away_fails_in_flight_commands_loses_nothing_and_carries_on() {
    let Some(server) = PgServer::start().expect("a PostgreSQL server of the test's own") else {
        return;
    };
    let target = Target::Postgres {
        url: server.url(),
        schema: "outage".into(),
    };
    let centres = create_centres(&target, &["Outage"]);
    let seed = seed_from_env("QUEUE_OUTAGE_SEED");
    let seen = Arc::new(Seen::default());
    let watch = watcher(target.clone(), seen.clone());
    let node = {
        let (target, seen) = (target.clone(), seen.clone());
        std::thread::spawn(move || node(target, seen, seed))
    };
    let minute = std::time::Duration::from_secs(60);

    wait_for("100 acknowledged operations", minute, || {
        seen.acked() >= 100
    });
    // A second node holds a batch open when the server dies (the first node waits for its
    // lock meanwhile): the commit fails, and neither node's memory keeps any of it.
    let (mut second, _) = target.engine(base_time()).expect("second node");
    second.begin_batch().expect("a batch");
    let lost = second
        .enqueue_new(
            &SYS,
            NewObject::chat(centres[0].company, "in flight"),
            centres[0].queues[0],
            None,
        )
        .expect("an enqueue inside the batch");
    server.stop().expect("stop the server");
    let at_stop = seen.acked();
    let commit = second.commit_batch();
    assert!(
        matches!(commit, Err(Error::Storage { .. })),
        "a commit on a dead server: {commit:?}"
    );
    wait_for("storage errors while the server is down", minute, || {
        seen.storage_errors.load(Ordering::SeqCst) >= 5
    });
    let during = seen.acked();
    server.resume().expect("start the server again");
    wait_for("100 operations after the restart", minute, || {
        seen.acked() >= during + 100
    });
    seen.done.store(true, Ordering::SeqCst);
    let node_view = node.join().expect("the node thread");
    assert!(
        matches!(second.get_stay(&SYS, lost.id), Err(Error::NotFound { .. })),
        "the failed batch's enqueue is not in the second node's memory"
    );
    let (watched, watch_errors) = watch.join().expect("the watcher");

    // A command may have been acknowledged just before the server died, none while down.
    assert!(
        during <= at_stop + 1,
        "acknowledged while the server was down"
    );
    let mut acks = Acks::default();
    let lines = seen.acks.lock().expect("acks").clone();
    lines.iter().for_each(|l| acks.record_ack(l));
    let audit =
        audit(&target, &centres, &acks).unwrap_or_else(|e| panic!("QUEUE_OUTAGE_SEED={seed}: {e}"));

    // The node's memory after the outage is what the database holds.
    let (mut fresh, _) = target.engine(base_time()).expect("reopen");
    assert_eq!(
        node_view,
        held_by(&mut fresh, &centres[0]),
        "the node's view after the outage"
    );
    // The watch came back too, and saw every event once, in order.
    let log: Vec<u64> = fresh
        .events(&SYS, &EventQuery::default())
        .expect("events")
        .iter()
        .map(|e| e.seq)
        .collect();
    let first = watched.first().copied().unwrap_or(1);
    let expected: Vec<u64> = log.into_iter().filter(|s| *s >= first).collect();
    assert_eq!(watched, expected, "the watch saw exactly the log");
    assert!(matches!(
        fresh.get_stay(&SYS, lost.id),
        Err(Error::NotFound { .. })
    ));
    eprintln!(
        "outage: {} acknowledged ({at_stop} before the stop), {} storage errors, {} watch \
         errors; audit: {} stays, {} assignments, {} events",
        acks.total,
        seen.storage_errors.load(Ordering::SeqCst),
        watch_errors,
        audit.stays,
        audit.assignments,
        audit.events
    );
}
