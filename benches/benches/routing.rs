//! Bench 1: routing decisions per second in memory, agents × waiting objects, 100 skills and
//! 50 queues, ours against the naive baseline (SQLite in memory) on the same state.
//!
//! One decision: a busy agent completes an object, which frees capacity; the router finds
//! the best waiting object that agent is eligible for and assigns it (timed: the `complete`
//! command with the routing it triggers). A fresh object then arrives (untimed) so the
//! backlog stays the same size.
//!
//! `QUEUE_BENCH_AGENTS` (default `1000,10000`), `QUEUE_BENCH_WAITING` (default
//! `1000,10000,100000,1000000`) and `QUEUE_BENCH_BASELINE_MAX` (largest backlog the baseline
//! is measured at, default 100000) choose the sizes.

use criterion::{
    criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode, Throughput,
};
use queue_benches::baseline::NaiveRouter;
use queue_benches::setup::{busy_agents, id, millis, sizes, synthetic_id, Built};
use queue_benches::workload::{Shape, Workload};
use queue_core::{Actor, Clock, MemoryStore, StayState};
use std::time::{Duration, Instant};

const SYS: Actor = Actor::System;

/// Completes one object of the next busy agent on the engine; returns the time taken.
fn engine_step(b: &mut Built, busy: &[usize], turn: &mut usize) -> Duration {
    loop {
        let agent = b.agents[busy[*turn % busy.len()]];
        *turn += 1;
        let stays = b.engine.list_agent_stays(&SYS, agent).unwrap_or_default();
        let Some(stay) = stays.iter().find(|s| s.state == StayState::Assigned) else {
            continue;
        };
        b.clock.advance(chrono::Duration::milliseconds(1));
        let t = Instant::now();
        b.engine.complete(&SYS, stay.id).unwrap();
        let took = t.elapsed();
        let o = b.workload.next_object();
        b.enqueue(o).unwrap();
        return took;
    }
}

/// The same step on the baseline.
fn baseline_step(
    b: &mut Built,
    r: &mut NaiveRouter,
    busy: &[usize],
    turn: &mut usize,
    next: &mut u64,
) -> Duration {
    loop {
        let agent = id(b.agents[busy[*turn % busy.len()]].0);
        *turn += 1;
        let Some(stay) = r.assigned_to(agent).unwrap().first().copied() else {
            continue;
        };
        b.clock.advance(chrono::Duration::milliseconds(1));
        let now = millis(b.clock.now());
        let t = Instant::now();
        r.complete(stay, now).unwrap();
        let took = t.elapsed();
        let o = b.workload.next_object();
        let skills: Vec<(u32, u8)> = o.skills.iter().map(|(s, l)| (*s as u32, *l)).collect();
        *next += 1;
        r.enqueue(
            synthetic_id(*next),
            id(b.queues[o.queue].0),
            o.priority,
            &skills,
            now,
        )
        .unwrap();
        return took;
    }
}

fn decisions(c: &mut Criterion) {
    let agents = sizes("QUEUE_BENCH_AGENTS", &[1000, 10_000]);
    let waiting = sizes("QUEUE_BENCH_WAITING", &[1000, 10_000, 100_000, 1_000_000]);
    let baseline_max = sizes("QUEUE_BENCH_BASELINE_MAX", &[100_000])[0];
    let mut group = c.benchmark_group("decision_after_capacity_freed");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .throughput(Throughput::Elements(1));
    for &a in &agents {
        // The agents are built once per size; the backlog then grows in place, size by size.
        let setup = Instant::now();
        let workload = Workload::new(Shape::standard(a));
        let busy = busy_agents(&workload);
        let mut b = Built::new(workload, Box::new(MemoryStore::new())).unwrap();
        eprintln!(
            "[{a} agents built in {:.1} s]",
            setup.elapsed().as_secs_f64()
        );
        for &w in &waiting {
            let setup = Instant::now();
            b.fill(w).unwrap();
            eprintln!(
                "[{a} agents × {w} waiting: filled in {:.1} s]",
                setup.elapsed().as_secs_f64()
            );
            let label = format!("{a}x{w}");
            let mut turn = 0;
            group.bench_function(BenchmarkId::new("engine", &label), |bench| {
                bench.iter_custom(|iters| {
                    (0..iters)
                        .map(|_| engine_step(&mut b, &busy, &mut turn))
                        .sum()
                })
            });
            if w <= baseline_max {
                let setup = Instant::now();
                let mut r = b.baseline().unwrap();
                eprintln!(
                    "[baseline state copied in {:.1} s]",
                    setup.elapsed().as_secs_f64()
                );
                let (mut turn, mut next) = (0, 0);
                group.bench_function(BenchmarkId::new("baseline", &label), |bench| {
                    bench.iter_custom(|iters| {
                        (0..iters)
                            .map(|_| baseline_step(&mut b, &mut r, &busy, &mut turn, &mut next))
                            .sum()
                    })
                });
            }
        }
    }
    group.finish();
}

criterion_group!(benches, decisions);
criterion_main!(benches);
