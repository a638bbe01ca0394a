//! Wrap-up (after-contact work): after completing an object of a queue with
//! `wrap_up_seconds`, the agent gets nothing new from any queue until it ends — at its time,
//! or early by `end_wrap_up` — and statistics count it as working.

use chrono::Duration;
use queue_behaviour::*;
use queue_core::*;

const SYS: Actor = Actor::System;

fn wrap_up(secs: u32) -> impl FnOnce(NewQueue) -> NewQueue {
    move |q| NewQueue {
        wrap_up_seconds: secs,
        ..q
    }
}

fn an_agent_gets_nothing_new_until_the_wrap_up_ends_to_the_second(h: &mut Harness) {
    let (c, q, a) = h.staffed_queue(1, wrap_up(30));
    h.available(a[0]);
    let first = h.chat(c, q, 0);
    let second = h.chat(c, q, 0);
    assert_eq!(h.holder(first.id), Some(a[0]));
    h.advance(10);
    h.engine.complete(&SYS, first.id).unwrap();
    let p = h.engine.get_presence(&SYS, a[0]).unwrap();
    let until = h.engine.now() + Duration::seconds(30);
    assert_eq!(p.wrap_up_until, Some(until));
    assert_eq!(p.wrap_up_queue_id, Some(q));
    assert_eq!(h.holder(second.id), None, "wrapping up");
    let why = h.engine.eligibility(&SYS, a[0], second.id).unwrap();
    assert_eq!(why, Some(Ineligible::WrappingUp { until }));
    assert_eq!(why.map(|w| w.rule()), Some(2));
    h.advance(29);
    assert_eq!(h.holder(second.id), None, "one second left");
    h.advance(1);
    assert_eq!(h.holder(second.id), Some(a[0]), "the instant it ends");
    let p = h.engine.get_presence(&SYS, a[0]).unwrap();
    assert_eq!((p.wrap_up_until, p.wrap_up_since), (None, None));
    let events = h.engine.events(&SYS, &EventQuery::default()).unwrap();
    let kinds: Vec<&EventKind> = events.iter().map(|e| &e.kind).collect();
    assert!(kinds
        .iter()
        .any(|k| matches!(k, EventKind::WrapUpStarted { until: u, .. } if *u == until)));
    assert!(kinds
        .iter()
        .any(|k| matches!(k, EventKind::WrapUpEnded { early: false, .. })));
}

fn a_wrap_up_blocks_every_queue_the_agent_staffs(h: &mut Harness) {
    let (c, q, a) = h.staffed_queue(1, wrap_up(60));
    let other = h.queue(c, "sales");
    h.staff(other, a[0], 1);
    h.available(a[0]);
    let first = h.chat(c, q, 0);
    h.engine.complete(&SYS, first.id).unwrap();
    let sale = h.chat(c, other, 0);
    assert_eq!(h.holder(sale.id), None, "no new object from any queue");
    h.advance(60);
    assert_eq!(h.holder(sale.id), Some(a[0]));
}

fn ending_a_wrap_up_early_routes_at_once(h: &mut Harness) {
    let (c, q, a) = h.staffed_queue(1, wrap_up(300));
    h.available(a[0]);
    let first = h.chat(c, q, 0);
    let second = h.chat(c, q, 0);
    h.engine.complete(&SYS, first.id).unwrap();
    h.advance(5);
    let p = h.engine.end_wrap_up(&SYS, a[0]).unwrap();
    assert_eq!(p.wrap_up_until, None);
    assert_eq!(h.holder(second.id), Some(a[0]));
    // Not wrapping up: nothing to end, nothing written.
    let before = h.snapshot();
    h.engine.end_wrap_up(&SYS, a[0]).unwrap();
    assert_eq!(h.snapshot(), before);
    let events = h.engine.events(&SYS, &EventQuery::default()).unwrap();
    assert!(events
        .iter()
        .any(|e| matches!(e.kind, EventKind::WrapUpEnded { early: true, .. })));
}

fn a_second_completion_prolongs_the_wrap_up_to_the_later_end(h: &mut Harness) {
    let (c, q, a) = h.staffed_queue(1, wrap_up(30));
    let capacity = CompanyUserUpdate {
        max_number_of_objects_handled: Some(2),
        ..Default::default()
    };
    h.engine.update_company_user(&SYS, a[0], capacity).unwrap();
    h.available(a[0]);
    let one = h.chat(c, q, 0);
    let two = h.chat(c, q, 0);
    h.engine.complete(&SYS, one.id).unwrap();
    let started = h.engine.now();
    h.advance(20);
    h.engine.complete(&SYS, two.id).unwrap();
    let p = h.engine.get_presence(&SYS, a[0]).unwrap();
    assert_eq!(p.wrap_up_since, Some(started));
    assert_eq!(
        p.wrap_up_until,
        Some(h.engine.now() + Duration::seconds(30))
    );
}

fn a_queue_without_wrap_up_routes_the_next_object_at_once(h: &mut Harness) {
    let (c, q, a) = h.staffed_queue(1, |q| q);
    h.available(a[0]);
    let first = h.chat(c, q, 0);
    let second = h.chat(c, q, 0);
    h.engine.complete(&SYS, first.id).unwrap();
    assert_eq!(h.holder(second.id), Some(a[0]));
    let p = h.engine.get_presence(&SYS, a[0]).unwrap();
    assert_eq!(p.wrap_up_until, None);
}

fn a_transfer_starts_no_wrap_up(h: &mut Harness) {
    let (c, q, a) = h.staffed_queue(1, wrap_up(30));
    let other = h.queue(c, "sales");
    h.available(a[0]);
    let s = h.chat(c, q, 0);
    h.engine.transfer(&SYS, s.id, other).unwrap();
    let p = h.engine.get_presence(&SYS, a[0]).unwrap();
    assert_eq!(p.wrap_up_until, None);
}

fn statistics_count_wrap_up_as_working_time(h: &mut Harness) {
    let (c, q, a) = h.staffed_queue(1, wrap_up(60));
    h.available(a[0]);
    let from = h.engine.now();
    let s = h.chat(c, q, 0);
    h.advance(60);
    h.engine.complete(&SYS, s.id).unwrap();
    h.advance(30);
    // Half-way through: the open wrap-up counts up to the window's end.
    let query = |to| StatsQuery {
        company_id: c,
        from,
        to,
        service_level_seconds: 20,
    };
    let mid = h.engine.agent_stats(&SYS, &query(h.engine.now())).unwrap();
    assert_eq!(mid[0].wrap_up_seconds, 30.0);
    assert_eq!(mid[0].busy_seconds, 90.0);
    h.advance(30);
    h.advance(60);
    let to = h.engine.now();
    let stats = h.engine.agent_stats(&SYS, &query(to)).unwrap();
    let me = &stats[0];
    assert_eq!(me.wrap_up_seconds, 60.0);
    assert_eq!(me.busy_seconds, 120.0, "handling 60 s + wrap-up 60 s");
    assert_eq!(me.staffed_seconds, 180.0);
    assert_eq!(me.occupancy, Some(120.0 / 180.0));
    let queues = h.engine.queue_stats(&SYS, &query(to)).unwrap();
    assert_eq!(queues[0].occupancy, Some(120.0 / 180.0));
}

scenarios!(
    an_agent_gets_nothing_new_until_the_wrap_up_ends_to_the_second,
    a_wrap_up_blocks_every_queue_the_agent_staffs,
    ending_a_wrap_up_early_routes_at_once,
    a_second_completion_prolongs_the_wrap_up_to_the_later_end,
    a_queue_without_wrap_up_routes_the_next_object_at_once,
    a_transfer_starts_no_wrap_up,
    statistics_count_wrap_up_as_working_time,
);
