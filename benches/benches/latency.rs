//! Bench 2: latency of one routing decision, p50 and p99, ours against the baseline on the
//! same state (1000 agents, 100 skills, 50 queues, a backlog of `QUEUE_BENCH_WAITING`
//! objects, default `10000,100000`):
//!
//! - after an enqueue: an object arrives in the quiet queue, whose agents are idle, and is
//!   assigned in the same command (timed: the enqueue with its routing);
//! - after an agent frees capacity: a busy agent completes an object and the router gives
//!   them the best waiting object they are eligible for (timed: the completion with its
//!   routing).
//!
//! Criterion reports means and medians, not tails, so this bench times each decision itself
//! and prints percentiles. `QUEUE_BENCH_SAMPLES` (default 2000) decisions of each kind.

use queue_benches::baseline::NaiveRouter;
use queue_benches::setup::{busy_agents, id, millis, sizes, synthetic_id, Built};
use queue_benches::workload::{Shape, Workload};
use queue_core::{Actor, Clock, Engine, MemoryStore, NewObject, QueueId, Stay, StayId, StayState};
use std::time::{Duration, Instant};

const SYS: Actor = Actor::System;

fn pct(v: &mut [Duration], p: f64) -> f64 {
    v.sort();
    let rank = ((p * v.len() as f64).ceil() as usize).clamp(1, v.len().max(1));
    v.get(rank - 1).map_or(0.0, |d| d.as_secs_f64() * 1e6)
}

fn report(what: &str, router: &str, v: &mut [Duration]) {
    println!(
        "{what:<28} {router:<9} p50 {:>10.1} µs   p99 {:>10.1} µs   ({} decisions)",
        pct(v, 0.5),
        pct(v, 0.99),
        v.len()
    );
}

// Not inlined, so a profiler (`valgrind --tool=callgrind --toggle-collect=…`) can count
// one timed command by name.
#[inline(never)]
fn enqueue_new(e: &mut Engine, o: NewObject, q: QueueId) -> Stay {
    e.enqueue_new(&SYS, o, q, None).unwrap()
}

#[inline(never)]
fn complete(e: &mut Engine, stay: StayId) {
    e.complete(&SYS, stay).unwrap();
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let samples = sizes("QUEUE_BENCH_SAMPLES", &[2000])[0];
    let agents = sizes("QUEUE_BENCH_AGENTS", &[1000])[0];
    let baseline_max = sizes("QUEUE_BENCH_BASELINE_MAX", &[1_000_000])[0];
    for w in sizes("QUEUE_BENCH_WAITING", &[10_000, 100_000]) {
        let workload = Workload::new(Shape::standard(agents));
        let busy = busy_agents(&workload);
        let mut b = Built::new(workload, Box::new(MemoryStore::new())).unwrap();
        b.fill(w).unwrap();
        let mut next = 0;
        let mut r = (w <= baseline_max).then(|| b.baseline().unwrap());
        println!("{agents} agents, {w} waiting:");
        let quiet_queue = b.queues[b.queues.len() - 1];

        // After an enqueue, on the engine.
        let mut times = Vec::new();
        for _ in 0..samples {
            b.clock.advance(chrono::Duration::milliseconds(1));
            let o = b.new_object(&b.workload.quiet_object());
            let t = Instant::now();
            let stay = enqueue_new(&mut b.engine, o, quiet_queue);
            times.push(t.elapsed());
            assert_eq!(
                stay.state,
                StayState::Assigned,
                "the quiet queue's agents are idle"
            );
            b.engine.complete(&SYS, stay.id).unwrap();
        }
        report("decision after an enqueue", "engine", &mut times);

        if let Some(r) = r.as_mut() {
            // After an enqueue, on the baseline.
            let mut times = Vec::new();
            for _ in 0..samples {
                b.clock.advance(chrono::Duration::milliseconds(1));
                let now = millis(b.clock.now());
                next += 1;
                let stay = synthetic_id(next);
                let t = Instant::now();
                let agent = r.enqueue(stay, id(quiet_queue.0), 0, &[], now).unwrap();
                times.push(t.elapsed());
                assert!(agent.is_some(), "the quiet queue's agents are idle");
                r.complete(stay, now).unwrap();
            }
            report("decision after an enqueue", "baseline", &mut times);
        }

        // After an agent frees capacity, on the engine.
        let mut times = Vec::new();
        let mut turn = 0;
        while times.len() < samples {
            let agent = b.agents[busy[turn % busy.len()]];
            turn += 1;
            let stays = b.engine.list_agent_stays(&SYS, agent).unwrap();
            let Some(stay) = stays.iter().find(|s| s.state == StayState::Assigned) else {
                continue;
            };
            b.clock.advance(chrono::Duration::milliseconds(1));
            let t = Instant::now();
            complete(&mut b.engine, stay.id);
            times.push(t.elapsed());
            let o = b.workload.next_object();
            b.enqueue(o).unwrap();
        }
        report("decision after freed capacity", "engine", &mut times);

        if let Some(r) = r.as_mut() {
            // After an agent frees capacity, on the baseline.
            let mut times = Vec::new();
            let mut turn = 0;
            while times.len() < samples {
                let agent = id(b.agents[busy[turn % busy.len()]].0);
                turn += 1;
                let Some(stay) = r.assigned_to(agent).unwrap().first().copied() else {
                    continue;
                };
                b.clock.advance(chrono::Duration::milliseconds(1));
                let now = millis(b.clock.now());
                let t = Instant::now();
                r.complete(stay, now).unwrap();
                times.push(t.elapsed());
                let o = b.workload.next_object();
                let skills: Vec<(u32, u8)> =
                    o.skills.iter().map(|(s, l)| (*s as u32, *l)).collect();
                next += 1;
                r.enqueue(
                    synthetic_id(next),
                    id(b.queues[o.queue].0),
                    o.priority,
                    &skills,
                    now,
                )
                .unwrap();
            }
            report("decision after freed capacity", "baseline", &mut times);
        }
        drop::<Option<NaiveRouter>>(r);
    }
}
