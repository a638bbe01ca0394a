//! The baseline implements the same rules as the engine: fed the same random day — arrivals,
//! completions, agents coming and going, customers leaving, escalation — both routers make
//! exactly the same decisions. The benchmarks compare like with like.

use queue_benches::baseline::Id;
use queue_benches::setup::{id, millis, Built};
use queue_benches::workload::{Shape, Workload};
use queue_core::{Actor, Clock, EventKind, EventQuery, MemoryStore, PresenceUpdate, Show, StayId};
use queue_examples::rng::Rng;

const SYS: Actor = Actor::System;

fn engine_decisions(b: &mut Built, seen: &mut u64) -> Vec<(Id, Id)> {
    let events = b
        .engine
        .events(
            &SYS,
            &EventQuery {
                after_seq: Some(*seen),
                ..Default::default()
            },
        )
        .unwrap();
    let mut out = Vec::new();
    for e in events {
        *seen = e.seq;
        if let EventKind::Assigned {
            stay_id,
            company_user_id,
            ..
        } = e.kind
        {
            out.push((id(stay_id.0), id(company_user_id.0)));
        }
    }
    out.sort();
    out
}

fn sorted(mut v: Vec<(Id, Id)>) -> Vec<(Id, Id)> {
    v.sort();
    v
}

#[test]
fn engine_and_baseline_make_the_same_decisions() {
    for seed in 1..=3 {
        let mut w = Workload::new(Shape {
            agents: 24,
            skills: 12,
            queues: 6,
            seed,
        });
        let mut rng = Rng::new(seed, 99);
        for (i, q) in w.queues.iter_mut().enumerate() {
            q.priority_delay = (i % 2 == 0).then_some(20);
        }
        for a in w.agents.iter_mut() {
            a.capacity = 1 + rng.below(3) as u32;
        }
        let mut b = Built::new(w, Box::new(MemoryStore::new())).unwrap();
        let mut base = b.baseline().unwrap();
        let mut seen = 0;
        engine_decisions(&mut b, &mut seen);
        let mut live: Vec<(StayId, Id)> = Vec::new(); // stay, baseline id
        let mut assigned: Vec<Id> = Vec::new();
        let mut ready = vec![true; b.agents.len()];
        let mut total = 0;
        for step in 0..500 {
            // Time passes; both routers act at every instant the engine has something due.
            let target = b.clock.now() + chrono::Duration::milliseconds(rng.below(6000) as i64);
            while let Some(due) = b.engine.next_due().filter(|d| *d <= target) {
                b.clock.set(due);
                b.engine.tick().unwrap();
                let got = sorted(base.route_all(millis(due)).unwrap());
                assert_eq!(
                    engine_decisions(&mut b, &mut seen),
                    got,
                    "seed {seed} step {step} tick"
                );
                assigned.extend(got.iter().map(|(s, _)| *s));
            }
            b.clock.set(target);
            let now = millis(target);
            let r = rng.below(100);
            let got = if r < 45 {
                let o = b.workload.next_object();
                let skills: Vec<(u32, u8)> =
                    o.skills.iter().map(|(s, l)| (*s as u32, *l)).collect();
                let (q, p) = (id(b.queues[o.queue].0), o.priority);
                let stay = b.enqueue(o).unwrap();
                live.push((stay, id(stay.0)));
                let agent = base.enqueue(id(stay.0), q, p, &skills, now).unwrap();
                agent.map(|a| vec![(id(stay.0), a)]).unwrap_or_default()
            } else if r < 75 && !assigned.is_empty() {
                let stay = assigned.swap_remove(rng.below(assigned.len() as u64) as usize);
                let Some((sid, _)) = live.iter().find(|(_, i)| *i == stay).copied() else {
                    continue;
                };
                b.engine.complete(&SYS, sid).unwrap();
                sorted(base.complete(stay, now).unwrap())
            } else if r < 90 {
                let a = rng.below(b.agents.len() as u64) as usize;
                ready[a] = !ready[a];
                let show = if ready[a] {
                    Show::Available
                } else {
                    Show::Away
                };
                b.engine
                    .set_presence(
                        &SYS,
                        b.agents[a],
                        PresenceUpdate {
                            show: Some(show),
                            ..Default::default()
                        },
                    )
                    .unwrap();
                sorted(base.set_ready(id(b.agents[a].0), ready[a], now).unwrap())
            } else {
                let waiting: Vec<(StayId, Id)> = live
                    .iter()
                    .filter(|(_, i)| !assigned.contains(i))
                    .copied()
                    .collect();
                let Some((sid, i)) = waiting
                    .get(rng.below(waiting.len().max(1) as u64) as usize)
                    .copied()
                else {
                    continue;
                };
                let stay = b.engine.get_stay(&SYS, sid).unwrap();
                if stay.state != queue_core::StayState::Waiting {
                    continue;
                }
                b.engine.abandon(&SYS, sid).unwrap();
                base.abandon(i).unwrap();
                live.retain(|(_, x)| *x != i);
                Vec::new()
            };
            assert_eq!(
                engine_decisions(&mut b, &mut seen),
                got,
                "seed {seed} step {step} (r={r})"
            );
            assigned.extend(got.iter().map(|(s, _)| *s));
            total += got.len();
        }
        assert_eq!(
            b.engine.routing_index_sizes().0 as u64,
            base.waiting().unwrap()
        );
        assert!(total > 100, "seed {seed}: only {total} decisions");
    }
}
