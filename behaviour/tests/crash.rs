//! Crash safety on every durable store: a child process runs a random workload and is killed
//! with SIGKILL at a random moment, over and over on the same database; after every kill the
//! database is opened afresh and audited (`queue_behaviour::audit`): every acknowledged
//! operation is there, nothing was assigned twice, no agent was over capacity, and the event
//! log matches the state.
//!
//! Kill points per store: `QUEUE_CRASH_ROUNDS` (default 200); every 100 kill points start a
//! fresh database, so a long run costs the same per kill. Replay with `QUEUE_CRASH_SEED`.

use chrono::Duration;
use queue_behaviour::audit::{audit, Acks, Audit};
use queue_behaviour::workload::*;
use queue_behaviour::StoreKind;
use std::io::{BufRead, BufReader, Read};
use std::os::unix::process::ExitStatusExt;

#[test]
#[ignore = "the child process of the crash test; started by it"]
fn crash_child() {
    child_main();
}

#[test]
fn killed_at_random_moments_an_sqlite_file_loses_nothing_and_assigns_nothing_twice() {
    crash_test(StoreKind::Sqlite);
}

#[test]
fn killed_at_random_moments_a_postgres_node_loses_nothing_and_assigns_nothing_twice() {
    queue_behaviour::on_store(StoreKind::Postgres, crash_test);
}

fn crash_test(kind: StoreKind) {
    let rounds = count_from_env("QUEUE_CRASH_ROUNDS", 200);
    let seed = seed_from_env("QUEUE_CRASH_SEED");
    let mut rng = Rng::new(seed);
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut kills, mut finished, mut acked) = (0, 0, 0);
    let mut totals = Audit::default();
    let started = std::time::Instant::now();
    for first in (0..rounds).step_by(ROUNDS_PER_DATABASE) {
        let (target, _owner) =
            fresh_target(kind, dir.path(), &format!("crash-{first}")).expect("a target");
        let last = rounds.min(first + ROUNDS_PER_DATABASE);
        let (k, f, acks, audit) = crash_rounds(kind, &target, first..last, &mut rng, seed);
        kills += k;
        finished += f;
        acked += acks.total;
        totals.stays += audit.stays;
        totals.assignments += audit.assignments;
        totals.events += audit.events;
    }
    eprintln!(
        "crash test ({kind:?}): {kills} kills, {finished} children finished, {acked} \
         acknowledged operations, {} stays, {} assignments, {} events audited, in {:.1} s",
        totals.stays,
        totals.assignments,
        totals.events,
        started.elapsed().as_secs_f64()
    );
    assert!(
        kills >= rounds.min(50),
        "only {kills} of {rounds} rounds ended in a kill"
    );
    assert!(totals.stays > 0 && totals.assignments > 0);
}

/// Kill points on one database before starting afresh, so a long run's audits stay cheap.
const ROUNDS_PER_DATABASE: usize = 100;

/// Runs `rounds` kill points on the fresh `target`; returns kills, children that finished on
/// their own, what they acknowledged, and the last audit's figures.
fn crash_rounds(
    kind: StoreKind,
    target: &Target,
    rounds: std::ops::Range<usize>,
    rng: &mut Rng,
    seed: u64,
) -> (usize, usize, Acks, Audit) {
    let centres = create_centres(target, &["Crashtest"]);
    let mut acks = Acks::default();
    let (mut kills, mut finished) = (0, 0);
    let mut audit_figures = Audit::default();
    for round in rounds {
        let job = ChildJob {
            mode: "crash",
            // One SQLite child in 4 runs with synchronous=FULL.
            target: target.with_full(round % 4 == 3),
            seed: rng.next(),
            ops: 400,
            // Each child starts an hour after the previous one, as after a restart.
            start: base_time() + Duration::hours(round as i64 + 1),
            company: None,
        };
        let mut child = spawn_child("crash_child", &job);
        let stdout = child.stdout.take().expect("child stdout");
        let mut lines = BufReader::new(stdout).lines();
        // Kill after a random number of acknowledged operations (0: while starting up);
        // the child runs on meanwhile, so the kill lands anywhere in a later operation.
        let kill_after = rng.below(30);
        let mut seen = 0;
        while seen < kill_after {
            match lines.next() {
                Some(Ok(line)) => seen += usize::from(acks.record(&line)),
                _ => break,
            }
        }
        let _ = child.kill(); // SIGKILL; fails only if the child already exited
        for line in lines {
            // Acks still in the pipe were committed before the kill: they count too.
            acks.record(&line.expect("child output"));
        }
        let status = child.wait().expect("wait for child");
        if status.signal() == Some(9) {
            kills += 1;
        } else if status.success() {
            finished += 1;
        } else {
            let mut err = String::new();
            if let Some(mut e) = child.stderr.take() {
                let _ = e.read_to_string(&mut err);
            }
            panic!("{kind:?} round {round}: child failed ({status}):\n{err}");
        }
        audit_figures = audit(target, &centres, &acks)
            .unwrap_or_else(|e| panic!("{kind:?} round {round} (QUEUE_CRASH_SEED={seed}): {e}"));
    }
    (kills, finished, acks, audit_figures)
}
