//! The engine under a coverage-guided fuzzer.
//!
//! [`run`] decodes bytes (with `arbitrary`) into a sequence of [`Cmd`]s — every resource and
//! life-cycle command, with arbitrary values: instants at both ends of the calendar, huge and
//! negative numbers, empty and long strings, unknown ids, every enum, actors of every kind —
//! and runs them on an in-memory engine with a manual clock. After every command it checks
//! the routing invariants through the public API and panics (a crash the fuzzer keeps) when
//! one breaks:
//! - an agent's load never grows past their capacity;
//! - an object is never assigned twice, and an assigned object has no other live stay;
//! - no live stay is lost: each waiting stay is in its queue's waiting line, each offered or
//!   assigned one among its agent's stays, and the lines hold nothing else;
//! - routing misses nothing: no waiting stay has an agent eligible for it right now;
//! - a refused command stores nothing (no event is appended).
//!
//! A panic inside the engine is a crash too: the target does not use `Engine::guarded`.
//! Queue passwords are left out: one argon2 hash costs tens of milliseconds, which would
//! slow every input that touched one a hundredfold (the behaviour suite covers them).

mod apply;
mod check;
mod cmd;

pub use cmd::Cmd;

use apply::{actor_of, apply, Made, SYS};
use arbitrary::Unstructured;
use check::{check, Snapshot};
use chrono::{TimeZone, Utc};
use cmd::{instant, When};
use queue_core::*;
use std::sync::Arc;

/// The test: decode, run, check after every command.
pub fn run(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let start = match u.arbitrary::<When>() {
        Ok(w) => instant(w, Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap()),
        Err(_) => return,
    };
    let Ok(cmds) = u.arbitrary::<Vec<Cmd>>() else {
        return;
    };
    let clock = Arc::new(ManualClock::new(start));
    let Ok(mut engine) = Engine::open_seeded(Box::new(MemoryStore::new()), clock.clone(), 1) else {
        panic!("opening an empty memory store failed");
    };
    let mut made = Made::default();
    let mut seen = 0;
    for (n, cmd) in cmds.iter().take(64).enumerate() {
        // Unwrapped here, not by recursion: a long chain of `As` must not exhaust the stack.
        let (mut me, mut cmd) = (SYS, cmd);
        while let Cmd::As(who, inner) = cmd {
            me = actor_of(*who, &made);
            cmd = inner;
        }
        if made.is_full(cmd) {
            continue;
        }
        // What time made due is kept even when a command fails (an offer made at the last
        // instant of the calendar lapses at once): process it first, so that a refused
        // command must leave the event log as it was.
        let _ = engine.tick();
        new_events(&mut engine, &mut seen);
        let before = Snapshot::take(&mut engine, &made);
        let started = trace().then(std::time::Instant::now);
        let ok = apply(&mut engine, &clock, &mut made, me, cmd);
        if let Some(t) = started {
            eprintln!(
                "{n:3} {:>9.3} ms ok={ok} {cmd:?}",
                t.elapsed().as_secs_f64() * 1e3
            );
        }
        let appended = new_events(&mut engine, &mut seen);
        if !ok && !time_passes(cmd) {
            assert_eq!(
                appended, 0,
                "command {n} ({cmd:?}) was refused but appended events"
            );
        }
        check(&mut engine, &made, &before, n, cmd);
    }
}

/// `QUEUE_FUZZ_TRACE=1` prints each command of an input with its time, to study a slow or
/// crashing input: `QUEUE_FUZZ_TRACE=1 fuzz/target/…/release/engine artifact`.
fn trace() -> bool {
    static TRACE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *TRACE.get_or_init(|| std::env::var_os("QUEUE_FUZZ_TRACE").is_some())
}

/// Whether the command moves the clock (whose effects are kept even when a command fails).
fn time_passes(cmd: &Cmd) -> bool {
    match cmd {
        Cmd::Advance(_) | Cmd::SetClock(_) | Cmd::Reload => true,
        Cmd::As(_, inner) => time_passes(inner),
        _ => false,
    }
}

/// How many events were appended since event `seen`; moves `seen` to the newest.
fn new_events(engine: &mut Engine, seen: &mut u64) -> usize {
    let query = EventQuery {
        after_seq: Some(*seen),
        ..Default::default()
    };
    let events = engine.events(&SYS, &query).unwrap_or_default();
    if let Some(last) = events.last() {
        *seen = last.seq;
    }
    events.len()
}
