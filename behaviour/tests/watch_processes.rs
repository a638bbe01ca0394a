//! Watching across processes: a watcher in this process sees every event another process
//! commits to the same database (an SQLite file, a PostgreSQL schema), once each and in
//! order, and the delay from the other process's commit to delivery here is measured and
//! printed (`-- --nocapture`). No timing is asserted: this machine is shared and noisy; the
//! figures are quoted in the README.
//!
//! Commands in the child: `QUEUE_WATCH_OPS` (default 200), one every 2 ms.

use chrono::Duration;
use queue_behaviour::workload::*;
use queue_behaviour::StoreKind;
use queue_core::*;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

const SYS: Actor = Actor::System;
const CHILD: &str = "QUEUE_WATCH_CHILD";

fn micros_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_micros() as i64)
}

#[test]
#[ignore = "a child process of the watch test; started by it"]
fn watch_child() {
    let Ok(target) = std::env::var(CHILD) else {
        return;
    };
    let target = Target::decode(&target).expect("child: target");
    let ops = count_from_env("QUEUE_WATCH_OPS", 200);
    let (mut e, clock) = target
        .engine(base_time() + Duration::hours(1))
        .expect("child: engine");
    let centre = find_centres(&mut e).remove(0);
    let mut last = 0;
    for i in 0..ops {
        clock.advance(Duration::seconds(5));
        let object = NewObject::chat(centre.company, &format!("visitor {i}"));
        let stay = e
            .enqueue_new(&SYS, object, centre.queues[1], None)
            .expect("enqueue");
        let at = micros_now();
        let events = e
            .events(
                &SYS,
                &EventQuery {
                    after_seq: Some(last),
                    ..Default::default()
                },
            )
            .expect("events");
        last = events.last().map_or(last, |ev| ev.seq);
        println!("COMMIT {last} {at}");
        if stay.assigned_to.is_some() {
            e.complete(&SYS, stay.id).expect("complete");
        } else {
            e.abandon(&SYS, stay.id).expect("abandon");
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    println!("DONE {}", micros_now());
}

#[test]
fn a_watcher_sees_another_process_commits_once_each_and_in_order_sqlite() {
    watched(StoreKind::Sqlite);
}

#[test]
fn a_watcher_sees_another_process_commits_once_each_and_in_order_postgres() {
    queue_behaviour::on_store(StoreKind::Postgres, watched);
}

fn watched(kind: StoreKind) {
    let dir = tempfile::tempdir().expect("temp dir");
    let (target, _owner) = fresh_target(kind, dir.path(), "watched").expect("a target");
    let centre = create_centres(&target, &["Watched"]).remove(0);
    let (mut e, _) = target.engine(base_time()).unwrap();
    for &a in &centre.agents {
        let ready = PresenceUpdate {
            show: Some(Show::Available),
            ..Default::default()
        };
        e.set_presence(&SYS, a, ready).unwrap();
    }
    let mut watch = e.watch(&SYS, WatchQuery::default()).unwrap();
    let start = watch.seq();

    let exe = std::env::current_exe().expect("test binary");
    let mut child = Command::new(exe)
        .args(["--exact", "watch_child", "--ignored", "--nocapture", "-q"])
        .env(CHILD, target.encode())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn child");
    let out = child.stdout.take().expect("child stdout");
    let reader = std::thread::spawn(move || {
        BufReader::new(out)
            .lines()
            .map_while(std::result::Result::ok)
            .collect::<Vec<String>>()
    });

    // Delivery times, by sequence number, until the child is done and nothing more comes.
    let mut received: Vec<(u64, i64)> = Vec::new();
    loop {
        match watch
            .next_timeout(std::time::Duration::from_secs(2))
            .unwrap()
        {
            Some(ev) => received.push((ev.seq, micros_now())),
            None if child.try_wait().unwrap().is_some() => break,
            None => {}
        }
    }
    assert!(child.wait().unwrap().success(), "the child failed");
    let lines = reader.join().unwrap();

    let expected: Vec<u64> = e
        .events(
            &SYS,
            &EventQuery {
                after_seq: Some(start),
                ..Default::default()
            },
        )
        .unwrap()
        .iter()
        .map(|ev| ev.seq)
        .collect();
    let got: Vec<u64> = received.iter().map(|(s, _)| *s).collect();
    assert_eq!(got, expected, "every event once, in order");
    assert!(got.len() > 200, "{} events", got.len());

    let mut delays: Vec<i64> = lines
        .iter()
        .filter_map(|l| {
            let mut parts = l.strip_prefix("COMMIT ")?.split(' ');
            let seq: u64 = parts.next()?.parse().ok()?;
            let at: i64 = parts.next()?.parse().ok()?;
            let (_, seen) = received.iter().find(|(s, _)| *s == seq)?;
            Some(seen - at)
        })
        .collect();
    assert!(
        !delays.is_empty(),
        "the child reported its commits: {lines:?}"
    );
    delays.sort_unstable();
    let pct = |p: usize| delays[(delays.len() - 1) * p / 100] as f64 / 1000.0;
    println!(
        "watch across processes ({kind:?}): {} commits, delay from commit to delivery p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms (poll {:?})",
        delays.len(),
        pct(50),
        pct(99),
        pct(100),
        match kind {
            StoreKind::Postgres => queue_postgres::POLL,
            _ => queue_sqlite::POLL,
        }
    );
}
