//! Crash safety: a child process runs a random workload on a database file and is killed with
//! SIGKILL at a random moment, over and over on the same file; after every kill the file is
//! reopened and audited (see `common::audit`): every acknowledged operation is there, nothing
//! was assigned twice, no agent was over capacity, and the event log matches the state.
//!
//! Kill points: `QUEUE_SQLITE_CRASH_ROUNDS` (default 60); every 100 kill points start a fresh
//! file, so a long run costs the same per kill. Replay a run with `QUEUE_SQLITE_CRASH_SEED`.

mod common;

use chrono::Duration;
use common::*;
use std::io::{BufRead, BufReader, Read};
use std::os::unix::process::ExitStatusExt;

#[test]
#[ignore = "the child process of the crash test; started by it"]
fn crash_child() {
    child_main();
}

#[test]
fn killed_at_random_moments_the_file_loses_nothing_and_assigns_nothing_twice() {
    let rounds = count_from_env("QUEUE_SQLITE_CRASH_ROUNDS", 60);
    let seed = seed_from_env("QUEUE_SQLITE_CRASH_SEED");
    let mut rng = Rng::new(seed);
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut kills, mut finished, mut acked) = (0, 0, 0);
    let mut totals = Audit::default();
    for first in (0..rounds).step_by(ROUNDS_PER_FILE) {
        let db = dir.path().join(format!("crash-{first}.db"));
        let last = rounds.min(first + ROUNDS_PER_FILE);
        let (k, f, acks, audit) = crash_rounds(&db, first..last, &mut rng, seed);
        kills += k;
        finished += f;
        acked += acks.total;
        totals.stays += audit.stays;
        totals.assignments += audit.assignments;
        totals.events += audit.events;
    }
    eprintln!(
        "crash test: {kills} kills, {finished} children finished, {acked} acknowledged operations, \
         {} stays, {} assignments, {} events audited",
        totals.stays, totals.assignments, totals.events
    );
    assert!(
        kills >= rounds.min(50),
        "only {kills} of {rounds} rounds ended in a kill"
    );
    assert!(totals.stays > 0 && totals.assignments > 0);
}

/// Kill points on one file before starting afresh, so a long run's audits stay cheap.
const ROUNDS_PER_FILE: usize = 100;

/// Runs `rounds` kill points on a fresh file `db`; returns kills, children that finished on
/// their own, what they acknowledged, and the last audit's figures.
fn crash_rounds(
    db: &std::path::Path,
    rounds: std::ops::Range<usize>,
    rng: &mut Rng,
    seed: u64,
) -> (usize, usize, Acks, Audit) {
    let centre = create_centre(db);
    let mut acks = Acks::default();
    let (mut kills, mut finished) = (0, 0);
    let mut audit_figures = Audit::default();
    for round in rounds {
        // Each child starts an hour after the previous one, as after a restart.
        let start = base_time() + Duration::hours(round as i64 + 1);
        let full = round % 4 == 3;
        let mut child = spawn_child("crash_child", "crash", db, rng.next(), 400, start, full);
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
            panic!("round {round}: child failed ({status}):\n{err}");
        }
        audit_figures = audit(db, &centre, &acks)
            .unwrap_or_else(|e| panic!("round {round} (QUEUE_SQLITE_CRASH_SEED={seed}): {e}"));
    }
    (kills, finished, acks, audit_figures)
}
