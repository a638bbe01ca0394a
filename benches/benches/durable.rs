//! Bench 3: durable commands per second on SQLite files (WAL, `synchronous` NORMAL and
//! FULL), ours against the baseline. The unit is an enqueue → complete cycle, two commands:
//! an object arrives and is assigned to a free agent in the same command, then the agent
//! completes it. 20 agents, one queue; files in the temp directory. Throughput is counted in
//! commands.
//!
//! - `single`: each command its own transaction (one commit per command);
//! - `batch100`: 50 cycles, 100 commands, in one `Engine::batch` (the baseline: in one SQLite
//!   transaction), one commit per 100 commands.
//!
//! Afterwards it measures this disk's fsync (a 4 KiB write and `fdatasync`, the cost of a
//! WAL commit under FULL) and prints a FULL single command's time as a multiple of it.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use queue_benches::baseline::{NaiveRouter, Sync};
use queue_benches::setup::{id, millis, synthetic_id, Built};
use queue_benches::workload::{ObjectDef, Shape, Workload};
use queue_core::{Actor, Clock, Engine, NewObject, QueueId};
use queue_sqlite::{SqliteOptions, SqliteStore, Synchronous};
use std::io::Write;
use std::time::{Duration, Instant};

const SYS: Actor = Actor::System;
/// Cycles (two commands each) per batch.
const BATCH_CYCLES: usize = 50;

fn shape() -> Shape {
    Shape {
        agents: 20,
        skills: 4,
        queues: 2,
        seed: 3,
    }
}

fn object() -> ObjectDef {
    ObjectDef {
        queue: 0,
        priority: 0,
        skills: Vec::new(),
    }
}

fn engine(sync: Synchronous) -> Built {
    let store = SqliteStore::open_temporary_with(SqliteOptions {
        synchronous: sync,
        ..Default::default()
    })
    .unwrap();
    Built::new(Workload::new(shape()), Box::new(store)).unwrap()
}

fn cycle(e: &mut Engine, o: NewObject, queue: QueueId) -> queue_core::Result<()> {
    let stay = e.enqueue_new(&SYS, o, queue, None)?;
    e.complete(&SYS, stay.id).map(|_| ())
}

/// Runs `n` cycles on the engine, each command one commit, or all in one batch.
fn engine_cycles(b: &mut Built, n: usize, batch: bool) {
    let queue = b.queues[0];
    b.clock.advance(chrono::Duration::milliseconds(1));
    let objects: Vec<NewObject> = (0..n).map(|_| b.new_object(&object())).collect();
    let run = |e: &mut Engine| objects.into_iter().try_for_each(|o| cycle(e, o, queue));
    if batch {
        b.engine.batch(run).unwrap();
    } else {
        run(&mut b.engine).unwrap();
    }
}

struct Baseline {
    r: NaiveRouter,
    path: std::path::PathBuf,
    next: u64,
}

impl Baseline {
    fn new(name: &str, sync: Sync) -> Baseline {
        let path = std::env::temp_dir().join(format!(
            "queue-bench-baseline-{}-{name}.db",
            std::process::id()
        ));
        remove(&path);
        let mut r = NaiveRouter::open(&path, sync).unwrap();
        let mut b = Built::new(
            Workload::new(shape()),
            Box::new(queue_core::MemoryStore::new()),
        )
        .unwrap();
        b.copy_into(&mut r).unwrap();
        Baseline { r, path, next: 0 }
    }

    fn cycles(&mut self, queue: QueueId, now: i64, n: usize, batch: bool) {
        let next = &mut self.next;
        let mut run = |r: &mut NaiveRouter| {
            for _ in 0..n {
                *next += 1;
                let stay = synthetic_id(*next);
                r.enqueue(stay, id(queue.0), 0, &[], now)?;
                r.complete(stay, now)?;
            }
            Ok(())
        };
        if batch {
            self.r.transaction(run).unwrap();
        } else {
            run(&mut self.r).unwrap();
        }
    }
}

impl Drop for Baseline {
    fn drop(&mut self) {
        remove(&self.path);
    }
}

fn remove(p: &std::path::Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", p.display()));
    }
}

fn durable(c: &mut Criterion) {
    let mut group = c.benchmark_group("durable_commands");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    for (name, ours, theirs) in [
        ("normal", Synchronous::Normal, Sync::Normal),
        ("full", Synchronous::Full, Sync::Full),
    ] {
        let mut b = engine(ours);
        let mut base = Baseline::new(name, theirs);
        let queue = b.queues[0];
        for (kind, cycles, batch) in [("single", 1, false), ("batch100", BATCH_CYCLES, true)] {
            group.throughput(Throughput::Elements(2 * cycles as u64));
            let label = format!("{kind}/{name}");
            group.bench_function(BenchmarkId::new("engine", &label), |bench| {
                bench.iter(|| engine_cycles(&mut b, cycles, batch))
            });
            group.bench_function(BenchmarkId::new("baseline", &label), |bench| {
                bench.iter(|| {
                    b.clock.advance(chrono::Duration::milliseconds(1));
                    base.cycles(queue, millis(b.clock.now()), cycles, batch)
                })
            });
        }
    }
    group.finish();
    fsync_ratio();
}

/// This disk's fsync time, and a FULL single command's time as a multiple of it.
fn fsync_ratio() {
    let path = std::env::temp_dir().join(format!("queue-bench-fsync-{}", std::process::id()));
    let Ok(mut f) = std::fs::File::create(&path) else {
        return;
    };
    let n = 1000;
    let page = [7u8; 4096];
    let t = Instant::now();
    for _ in 0..n {
        if f.write_all(&page).and_then(|()| f.sync_data()).is_err() {
            return;
        }
    }
    let fsync = t.elapsed().as_secs_f64() / n as f64;
    let _ = std::fs::remove_file(&path);
    let mut b = engine(Synchronous::Full);
    let cycles = 500;
    let t = Instant::now();
    engine_cycles(&mut b, cycles, false);
    let command = t.elapsed().as_secs_f64() / (2 * cycles) as f64;
    println!(
        "disk: fsync of 4 KiB {:.1} µs ({:.0}/s); FULL single command {:.1} µs = {:.2} × fsync",
        fsync * 1e6,
        1.0 / fsync,
        command * 1e6,
        command / fsync
    );
}

criterion_group!(benches, durable);
criterion_main!(benches);
