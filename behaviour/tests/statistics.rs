//! Statistics computed from the event log, checked against a small day worked out by hand.

use chrono::Duration;
use queue_behaviour::*;
use queue_core::*;

const SYS: Actor = Actor::System;

/// One agent, one queue, four chats:
/// - 09:00 agent available; chat A arrives, answered at once (wait 0), handled 5 min;
/// - 09:01 chat B arrives, waits 4 min (answered 09:05 when A completes), handled 5 min;
/// - 09:02 chat C arrives, abandons at 09:03 (1 min);
/// - 09:06 chat D arrives, answered 09:10 when B completes (wait 4 min), still in hand at 09:20;
/// - A rated 4, B rated 2.
fn a_small_day_gives_the_hand_computed_figures(h: &mut Harness) {
    let c = h.company();
    let q = h.queue(c, "support");
    let a = h.agent(c, "Ann", 1);
    h.staff(q, a, 1);
    h.available(a);
    let chat_a = h.chat(c, q, 0);
    h.advance(60);
    let chat_b = h.chat(c, q, 0);
    h.advance(60);
    let chat_c = h.chat(c, q, 0);
    h.advance(60);
    h.engine.abandon(&SYS, chat_c.id).unwrap();
    h.advance(120); // 09:05
    h.engine.complete(&SYS, chat_a.id).unwrap();
    assert_eq!(h.holder(chat_b.id), Some(a));
    h.advance(60); // 09:06
    let chat_d = h.chat(c, q, 0);
    h.advance(240); // 09:10
    h.engine.complete(&SYS, chat_b.id).unwrap();
    assert_eq!(h.holder(chat_d.id), Some(a));
    h.engine.rate(&SYS, chat_a.object_id, 4, "").unwrap();
    h.engine.rate(&SYS, chat_b.object_id, 2, "").unwrap();
    h.advance(600); // 09:20
    let window = StatsQuery {
        company_id: c,
        from: start(),
        to: start() + Duration::minutes(20),
        service_level_seconds: 20,
    };
    let qs = &h.engine.queue_stats(&SYS, &window).unwrap()[0];
    assert_eq!((qs.offered, qs.answered, qs.abandoned), (4, 3, 1));
    // Waits: 0, 240, 240 s. Within 20 s: 1 of (3 answered + 1 abandoned).
    assert_eq!(qs.service_level, Some(0.25));
    assert_eq!(qs.average_wait_seconds, Some(160.0));
    assert_eq!(qs.p90_wait_seconds, Some(240.0));
    assert_eq!(qs.average_handle_seconds, Some(300.0));
    assert_eq!(qs.average_rating, Some(3.0));
    // Handling in the window: A 300 + B 300 + D 600 = 1200 s of 1200 s staffed.
    assert_eq!(qs.occupancy, Some(1.0));
    let ag = &h.engine.agent_stats(&SYS, &window).unwrap()[0];
    assert_eq!((ag.answered, ag.completed, ag.offered), (3, 2, 0));
    assert_eq!(ag.busy_seconds, 1200.0);
    assert_eq!(ag.staffed_seconds, 1200.0);
    assert_eq!(ag.average_handle_seconds, Some(300.0));
    // A window of the first 10 minutes clips D's handling and the time after.
    let early = StatsQuery {
        to: start() + Duration::minutes(10),
        ..window.clone()
    };
    let ag = &h.engine.agent_stats(&SYS, &early).unwrap()[0];
    assert_eq!(ag.busy_seconds, 600.0);
}

fn offers_rejections_and_timeouts_are_counted_per_agent(h: &mut Harness) {
    let c = h.company();
    let q = h.queue_with(NewQueue {
        offer_timeout: Some(10),
        ..NewQueue::named(c, "support")
    });
    let a = h.agent(c, "Ann", 1);
    let b = h.agent(c, "Bob", 1);
    h.staff(q, a, 1);
    h.staff(q, b, 1);
    h.available(a);
    let s = h.chat(c, q, 0);
    h.engine.reject_offer(&SYS, s.id).unwrap();
    h.available(b);
    h.advance(10); // Bob lets it lapse
    assert_eq!(h.stay(s.id).state, StayState::Waiting);
    let window = StatsQuery {
        company_id: c,
        from: start(),
        to: start() + Duration::minutes(5),
        service_level_seconds: 20,
    };
    let stats = h.engine.agent_stats(&SYS, &window).unwrap();
    let of = |id| stats.iter().find(|x| x.company_user_id == id).unwrap();
    assert_eq!((of(a).offered, of(a).rejected, of(a).timed_out), (1, 1, 0));
    assert_eq!((of(b).offered, of(b).rejected, of(b).timed_out), (1, 0, 1));
    assert_eq!(of(a).occupancy, Some(0.0), "offers are not handling time");
}

scenarios!(
    a_small_day_gives_the_hand_computed_figures,
    offers_rejections_and_timeouts_are_counted_per_agent
);
