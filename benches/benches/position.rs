//! Bench 8: what `queue_position` costs as the line grows. One queue with nobody staffing
//! it and `POSITION_BENCH_WAITING` chats waiting (default `1000,10000,100000`); criterion
//! times `queue_position` of the head of the line and of the 1000th chat, against a naive
//! baseline that finds the position by reading the whole line (every page of
//! `list_waiting_page`) — what a host without `queue_position` does, and what a position
//! that scans the queue would cost.
//!
//! `cargo bench -p queue-benches --bench position` (about a minute).

use criterion::{BenchmarkId, Criterion};
use queue_benches::setup::{sizes, t0};
use queue_core::{Actor, Engine, ManualClock, MemoryStore, NewCompany, NewObject, NewQueue};
use queue_core::{QueueId, StayId};
use std::sync::Arc;

const SYS: Actor = Actor::System;

/// An engine with `n` chats waiting in one queue, in serving order.
fn line(n: usize) -> (Engine, QueueId, Vec<StayId>) {
    let clock = Arc::new(ManualClock::new(t0()));
    let mut engine = Engine::open_seeded(Box::new(MemoryStore::new()), clock.clone(), 3).unwrap();
    let new = NewCompany {
        name: "Position".into(),
        ..Default::default()
    };
    let company = engine.create_company(&SYS, new).unwrap().id;
    let q = engine
        .create_queue(&SYS, NewQueue::named(company, "support"))
        .unwrap()
        .id;
    let mut stays = Vec::with_capacity(n);
    engine
        .batch(|e| {
            for i in 0..n {
                clock.advance(chrono::Duration::milliseconds(10));
                let chat = NewObject::chat(company, &format!("Visitor {i}"));
                stays.push(e.enqueue_new(&SYS, chat, q, None)?.id);
            }
            Ok(())
        })
        .unwrap();
    (engine, q, stays)
}

/// The naive position: read the whole line, page by page, and find the stay in it.
fn by_reading_the_line(e: &mut Engine, q: QueueId, stay: StayId) -> usize {
    let (mut key, mut seen, mut found) = (None, 0, 0);
    loop {
        let page = e
            .list_waiting_page(&SYS, q, key.as_deref(), Some(1000))
            .unwrap();
        for s in &page.data {
            seen += 1;
            if s.id == stay {
                found = seen;
            }
        }
        match page.next_page_key {
            Some(k) => key = Some(k),
            None => return found,
        }
    }
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let mut g = c.benchmark_group("queue_position");
    for n in sizes("POSITION_BENCH_WAITING", &[1000, 10_000, 100_000]) {
        let (mut engine, q, stays) = line(n);
        let head = stays[0];
        let thousandth = stays[999.min(n - 1)];
        assert_eq!(engine.queue_position(&SYS, head).unwrap().position, 1);
        assert_eq!(by_reading_the_line(&mut engine, q, head), 1);
        g.bench_with_input(BenchmarkId::new("head", n), &head, |b, s| {
            b.iter(|| engine.queue_position(&SYS, *s).unwrap())
        });
        g.bench_with_input(BenchmarkId::new("1000th", n), &thousandth, |b, s| {
            b.iter(|| engine.queue_position(&SYS, *s).unwrap())
        });
        g.bench_with_input(BenchmarkId::new("naive_head", n), &head, |b, s| {
            b.iter(|| by_reading_the_line(&mut engine, q, *s))
        });
    }
    g.finish();
    c.final_summary();
}
