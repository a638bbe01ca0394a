//! Missed offers: after the company's `max_missed_offers` offers in a row lapse, the agent is
//! set `away` with the reason `missed_offers`, in the same command. Accepting resets the
//! count; rejecting does not count as missed.

use queue_behaviour::*;
use queue_core::*;

const SYS: Actor = Actor::System;

/// A company with `max_missed_offers = limit`, a queue with a 10 s offer timeout and one
/// available agent.
fn setup(h: &mut Harness, limit: u32) -> (CompanyId, QueueId, CompanyUserId) {
    let (c, q, a) = h.staffed_queue(1, |q| NewQueue {
        offer_timeout: Some(10),
        ..q
    });
    let update = CompanyUpdate {
        max_missed_offers: Some(limit),
        ..Default::default()
    };
    h.engine.update_company(&SYS, c, update).unwrap();
    h.available(a[0]);
    (c, q, a[0])
}

fn two_lapsed_offers_in_a_row_set_the_agent_away(h: &mut Harness) {
    let (c, q, a) = setup(h, 2);
    let one = h.chat(c, q, 0);
    assert_eq!(h.holder(one.id), Some(a));
    h.advance(10);
    let p = h.engine.get_presence(&SYS, a).unwrap();
    assert_eq!((p.show, p.missed_offers), (Show::Available, 1));
    let two = h.chat(c, q, 0);
    assert_eq!(h.holder(two.id), Some(a));
    h.advance(10);
    let p = h.engine.get_presence(&SYS, a).unwrap();
    assert_eq!(p.show, Show::Away);
    assert_eq!(p.reason, Some(PresenceReason::MissedOffers));
    let three = h.chat(c, q, 0);
    assert_eq!(h.holder(three.id), None, "away agents get nothing");
    let events = h.engine.events(&SYS, &EventQuery::default()).unwrap();
    assert!(events.iter().any(|e| matches!(
        e.kind,
        EventKind::PresenceChanged {
            show: Show::Away,
            reason: Some(PresenceReason::MissedOffers),
            ..
        }
    )));
    // Coming back clears the reason and the count.
    h.available(a);
    let p = h.engine.get_presence(&SYS, a).unwrap();
    assert_eq!((p.reason, p.missed_offers), (None, 0));
}

fn accepting_resets_the_count(h: &mut Harness) {
    let (c, q, a) = setup(h, 2);
    let one = h.chat(c, q, 0);
    h.advance(10);
    assert_eq!(h.engine.get_presence(&SYS, a).unwrap().missed_offers, 1);
    let two = h.chat(c, q, 0);
    h.engine.accept_offer(&SYS, two.id).unwrap();
    assert_eq!(h.engine.get_presence(&SYS, a).unwrap().missed_offers, 0);
    h.engine.complete(&SYS, two.id).unwrap();
    // `one` waits, excluded for `a`; a third lapse after the reset is the first again.
    assert_eq!(h.holder(one.id), None);
    let three = h.chat(c, q, 0);
    assert_eq!(h.holder(three.id), Some(a));
    h.advance(10);
    let p = h.engine.get_presence(&SYS, a).unwrap();
    assert_eq!((p.show, p.missed_offers), (Show::Available, 1));
}

fn rejecting_is_not_missing(h: &mut Harness) {
    let (c, q, a) = setup(h, 1);
    let one = h.chat(c, q, 0);
    h.engine.reject_offer(&SYS, one.id).unwrap();
    let p = h.engine.get_presence(&SYS, a).unwrap();
    assert_eq!((p.show, p.missed_offers), (Show::Available, 0));
}

fn without_a_limit_lapses_only_count(h: &mut Harness) {
    let (c, q, a) = setup(h, 0);
    for _ in 0..3 {
        let s = h.chat(c, q, 0);
        assert_eq!(h.holder(s.id), Some(a));
        h.advance(10);
    }
    let p = h.engine.get_presence(&SYS, a).unwrap();
    assert_eq!((p.show, p.missed_offers), (Show::Available, 3));
}

fn a_locked_status_stays_where_the_supervisor_put_it(h: &mut Harness) {
    let (c, q, a) = setup(h, 1);
    h.engine.lock_presence(&SYS, a, Show::Chat).unwrap();
    let s = h.chat(c, q, 0);
    assert_eq!(h.holder(s.id), Some(a));
    h.advance(10);
    let p = h.engine.get_presence(&SYS, a).unwrap();
    assert_eq!((p.show, p.missed_offers, p.reason), (Show::Chat, 1, None));
}

scenarios!(
    two_lapsed_offers_in_a_row_set_the_agent_away,
    accepting_resets_the_count,
    rejecting_is_not_missing,
    without_a_limit_lapses_only_count,
    a_locked_status_stays_where_the_supervisor_put_it,
);
