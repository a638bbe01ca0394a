//! Bench 5: wall time of `simulate`'s default day (in memory and on an SQLite file).

use criterion::{criterion_group, criterion_main, Criterion};
use queue_examples::{sim, Scenario};
use std::time::Duration;

fn simulate(c: &mut Criterion) {
    let scenario = Scenario::default_day().unwrap();
    let seed = scenario.seed;
    let (start, _) = scenario.day();
    let mut group = c.benchmark_group("simulate_default_day");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(15));
    group.bench_function("memory", |b| {
        b.iter(|| {
            let (mut engine, clock) = sim::open_engine(None, start, seed).unwrap();
            sim::run(&scenario, seed, 1, &mut engine, &clock, &mut |_| {}).unwrap()
        })
    });
    let dir = std::env::temp_dir().join(format!("queue-bench-simulate-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let mut n = 0;
    group.bench_function("sqlite", |b| {
        b.iter(|| {
            n += 1;
            let path = dir.join(format!("day-{n}.sqlite"));
            let (mut engine, clock) = sim::open_engine(Some(&path), start, seed).unwrap();
            let out = sim::run(&scenario, seed, 1, &mut engine, &clock, &mut |_| {}).unwrap();
            drop(engine);
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
            out
        })
    });
    let _ = std::fs::remove_dir_all(&dir);
    group.finish();
}

criterion_group!(benches, simulate);
criterion_main!(benches);
