//! Bench 3: durable enqueue → assign → complete cycles per second on SQLite files (WAL,
//! `synchronous` NORMAL and FULL), ours against the baseline. One cycle is two commands,
//! each its own transaction: an object arrives and is assigned to a free agent in the same
//! command, then the agent completes it. 20 agents, one queue; files in the temp directory.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use queue_benches::baseline::{NaiveRouter, Sync};
use queue_benches::setup::{id, millis, synthetic_id, Built};
use queue_benches::workload::{Shape, Workload};
use queue_core::{Actor, Clock};
use queue_sqlite::{SqliteOptions, SqliteStore, Synchronous};
use std::time::Duration;

const SYS: Actor = Actor::System;

fn shape() -> Shape {
    Shape {
        agents: 20,
        skills: 4,
        queues: 2,
        seed: 3,
    }
}

fn durable(c: &mut Criterion) {
    let mut group = c.benchmark_group("durable_cycle");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
        .throughput(Throughput::Elements(1));
    for (name, ours, theirs) in [
        ("normal", Synchronous::Normal, Sync::Normal),
        ("full", Synchronous::Full, Sync::Full),
    ] {
        let store = SqliteStore::open_temporary_with(SqliteOptions {
            synchronous: ours,
            ..Default::default()
        })
        .unwrap();
        let mut b = Built::new(Workload::new(shape()), Box::new(store)).unwrap();
        let queue = b.queues[0];
        group.bench_function(BenchmarkId::new("engine", name), |bench| {
            bench.iter(|| {
                b.clock.advance(chrono::Duration::milliseconds(1));
                let o = b.new_object(&queue_benches::workload::ObjectDef {
                    queue: 0,
                    priority: 0,
                    skills: Vec::new(),
                });
                let stay = b.engine.enqueue_new(&SYS, o, queue, None).unwrap();
                b.engine.complete(&SYS, stay.id).unwrap()
            })
        });
        drop(b);

        let path = std::env::temp_dir().join(format!(
            "queue-bench-baseline-{}-{name}.db",
            std::process::id()
        ));
        let remove = |p: &std::path::Path| {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", p.display()));
            }
        };
        remove(&path);
        let mut r = NaiveRouter::open(&path, theirs).unwrap();
        let mut b = Built::new(
            Workload::new(shape()),
            Box::new(queue_core::MemoryStore::new()),
        )
        .unwrap();
        b.copy_into(&mut r).unwrap();
        let mut next = 0;
        group.bench_function(BenchmarkId::new("baseline", name), |bench| {
            bench.iter(|| {
                b.clock.advance(chrono::Duration::milliseconds(1));
                let now = millis(b.clock.now());
                next += 1;
                let stay = synthetic_id(next);
                r.enqueue(stay, id(queue.0), 0, &[], now).unwrap();
                r.complete(stay, now).unwrap()
            })
        });
        drop(r);
        remove(&path);
    }
    group.finish();
}

criterion_group!(benches, durable);
criterion_main!(benches);
