//! Ring-all: an object is offered to every eligible agent at once; each ringing agent holds
//! the offer against their capacity; the first accept wins and the other offers are withdrawn
//! in the same command; with `offer_timeout` they all lapse together.

use queue_behaviour::*;
use queue_core::*;

const SYS: Actor = Actor::System;

/// A ring-all queue with `timeout` and `n` agents of capacity 1 at tier 1, each available;
/// returns the company, the queue, and the agents in id order (the ring's order).
fn ring(h: &mut Harness, n: usize, timeout: Option<u32>) -> (CompanyId, QueueId, Vec<Agent>) {
    let c = h.company();
    let q = h.queue_with(NewQueue {
        strategy: Strategy::RingAll,
        offer_timeout: timeout,
        ..NewQueue::named(c, "reference")
    });
    let mut agents: Vec<Agent> = (0..n)
        .map(|i| {
            let (user, cu) = h.member(c, &format!("librarian{i}"), Role::Agent);
            let update = CompanyUserUpdate {
                max_number_of_objects_handled: Some(1),
                is_auto_max_number_handled: Some(false),
                ..Default::default()
            };
            h.engine.update_company_user(&SYS, cu, update).unwrap();
            h.staff(q, cu, 1);
            h.available(cu);
            Agent {
                actor: Actor::User(user),
                id: cu,
            }
        })
        .collect();
    agents.sort_by_key(|a| a.id);
    (c, q, agents)
}

struct Agent {
    actor: Actor,
    id: CompanyUserId,
}

fn ids(agents: &[Agent]) -> Vec<CompanyUserId> {
    let mut ids: Vec<CompanyUserId> = agents.iter().map(|a| a.id).collect();
    ids.sort();
    ids
}

fn kinds(h: &mut Harness) -> Vec<EventKind> {
    let events = h.engine.events(&SYS, &EventQuery::default()).unwrap();
    events.into_iter().map(|e| e.kind).collect()
}

fn an_object_rings_every_eligible_agent_at_once(h: &mut Harness) {
    let (c, q, a) = ring(h, 3, Some(20));
    let s = h.chat(c, q, 0);
    let s = h.stay(s.id);
    assert_eq!(s.state, StayState::Offered);
    assert_eq!(s.ringing, ids(&a));
    assert_eq!(
        s.offered_to,
        Some(ids(&a)[0]),
        "the first of the ring, by id"
    );
    for agent in &a {
        assert!(s.offered_to_agent(agent.id));
    }
    let offered: Vec<CompanyUserId> = kinds(h)
        .into_iter()
        .filter_map(|k| match k {
            EventKind::Offered {
                company_user_id,
                expires_at,
                ..
            } => {
                assert_eq!(expires_at, Some(s.offer_expires_at.unwrap()));
                Some(company_user_id)
            }
            _ => None,
        })
        .collect();
    assert_eq!(offered, ids(&a), "one offer event per ringing agent");
    // Each ringing agent's capacity is held: a second object rings nobody.
    let second = h.chat(c, q, 0);
    assert_eq!(h.stay(second.id).state, StayState::Waiting);
    for agent in &a {
        let why = h.engine.eligibility(&SYS, agent.id, second.id).unwrap();
        assert!(
            matches!(why, Some(Ineligible::AtCapacity { .. })),
            "{why:?}"
        );
    }
}

fn an_agent_at_capacity_is_not_rung(h: &mut Harness) {
    let (c, q, a) = ring(h, 3, None);
    let other = h.queue(c, "sales");
    h.staff(other, a[1].id, 1);
    let busy = h.chat(c, other, 0);
    assert_eq!(h.holder(busy.id), Some(a[1].id));
    let s = h.chat(c, q, 0);
    assert_eq!(h.stay(s.id).ringing, vec![a[0].id, a[2].id]);
    // Freed while it rings: not added to the ring (it was decided when it started).
    h.engine.complete(&SYS, busy.id).unwrap();
    assert_eq!(h.stay(s.id).ringing, vec![a[0].id, a[2].id]);
}

fn the_first_accept_wins_and_the_other_offers_are_withdrawn(h: &mut Harness) {
    let (c, q, a) = ring(h, 3, Some(20));
    let s = h.chat(c, q, 0);
    let winner = &a[2];
    let got = h.engine.accept_offer(&winner.actor, s.id).unwrap();
    assert_eq!(got.state, StayState::Assigned);
    assert_eq!(got.assigned_to, Some(winner.id));
    assert!(got.ringing.is_empty());
    let withdrawn: Vec<CompanyUserId> = kinds(h)
        .into_iter()
        .filter_map(|k| match k {
            EventKind::OfferWithdrawn {
                company_user_id, ..
            } => Some(company_user_id),
            _ => None,
        })
        .collect();
    assert_eq!(withdrawn, vec![a[0].id, a[1].id]);
    // The losers' capacity is free again: the next object rings both of them.
    let next = h.chat(c, q, 0);
    assert_eq!(h.stay(next.id).ringing, vec![a[0].id, a[1].id]);
    // Accepting a finished ring: not on offer, nothing changed.
    let late = &a[0];
    h.refused(conflict(ConflictReason::NotOffered), |e| {
        e.accept_offer(&late.actor, s.id)
    });
}

fn two_agents_accepting_in_the_same_instant_one_wins(h: &mut Harness) {
    let (c, q, a) = ring(h, 2, Some(20));
    let s = h.chat(c, q, 0);
    h.engine.accept_offer(&a[0].actor, s.id).unwrap();
    // Same clock reading: the second accept is answered by the state, not by time.
    let loser = &a[1];
    h.refused(conflict(ConflictReason::NotOffered), |e| {
        e.accept_offer(&loser.actor, s.id)
    });
    assert_eq!(h.stay(s.id).assigned_to, Some(a[0].id));
}

fn only_a_ringing_agent_may_answer(h: &mut Harness) {
    let (c, q, a) = ring(h, 2, Some(20));
    let (outsider, _) = h.member(c, "outsider", Role::Agent);
    let s = h.chat(c, q, 0);
    h.refused(forbidden(), |e| {
        e.accept_offer(&Actor::User(outsider), s.id)
    });
    h.refused(forbidden(), |e| {
        e.reject_offer(&Actor::User(outsider), s.id)
    });
    // The system answers for the first of the ring.
    let got = h.engine.accept_offer(&SYS, s.id).unwrap();
    assert_eq!(got.assigned_to, Some(a[0].id));
}

fn a_reject_leaves_the_ring_to_the_others(h: &mut Harness) {
    let (c, q, a) = ring(h, 3, Some(20));
    let s = h.chat(c, q, 0);
    h.advance(5);
    let got = h.engine.reject_offer(&a[0].actor, s.id).unwrap();
    assert_eq!(got.state, StayState::Offered);
    assert_eq!(got.ringing, vec![a[1].id, a[2].id]);
    assert_eq!(got.offered_to, Some(a[1].id));
    assert!(got.excluded.contains(&a[0].id));
    // The rejecting agent is free for other work at once.
    let next = h.chat(c, q, 0);
    assert_eq!(h.stay(next.id).ringing, vec![a[0].id]);
    // The deadline did not move: the rest lapse at the original time.
    h.advance(15);
    let lapsed = h.stay(s.id);
    assert_eq!(lapsed.state, StayState::Waiting);
    // The last one to reject puts it back to waiting.
    let (c2, q2, b) = ring(h, 1, None);
    let t = h.chat(c2, q2, 0);
    let got = h.engine.reject_offer(&b[0].actor, t.id).unwrap();
    assert_eq!(got.state, StayState::Waiting);
    assert_eq!(got.excluded, vec![b[0].id]);
}

fn with_offer_timeout_every_offer_lapses_together(h: &mut Harness) {
    let (c, q, a) = ring(h, 3, Some(20));
    let update = CompanyUpdate {
        max_missed_offers: Some(5),
        ..Default::default()
    };
    h.engine.update_company(&SYS, c, update).unwrap();
    let s = h.chat(c, q, 0);
    h.advance(19);
    assert_eq!(h.stay(s.id).state, StayState::Offered, "one second left");
    h.advance(1);
    let s = h.stay(s.id);
    assert_eq!(s.state, StayState::Waiting);
    assert!(s.ringing.is_empty());
    assert_eq!(s.offered_to, None);
    let mut excluded = s.excluded.clone();
    excluded.sort();
    assert_eq!(excluded, ids(&a), "never rung again by any of them");
    let timed_out = kinds(h)
        .into_iter()
        .filter(|k| matches!(k, EventKind::OfferTimedOut { .. }))
        .count();
    assert_eq!(timed_out, 3);
    for agent in &a {
        let p = h.engine.get_presence(&SYS, agent.id).unwrap();
        assert_eq!(
            p.missed_offers, 1,
            "a lapse is a miss for every ringing agent"
        );
    }
}

fn without_offer_timeout_the_ring_stands(h: &mut Harness) {
    let (c, q, a) = ring(h, 2, None);
    let s = h.chat(c, q, 0);
    let offered = h.stay(s.id);
    assert_eq!(offered.offer_expires_at, None);
    assert!(kinds(h).iter().any(|k| matches!(
        k,
        EventKind::Offered {
            expires_at: None,
            ..
        }
    )));
    h.advance(24 * 3600);
    let s = h.stay(s.id);
    assert_eq!(s.state, StayState::Offered);
    assert_eq!(s.ringing, ids(&a));
}

fn an_ended_ring_frees_every_agent(h: &mut Harness) {
    let (c, q, a) = ring(h, 2, Some(20));
    let s = h.chat(c, q, 0);
    let got = h.engine.accept_offer(&a[1].actor, s.id).unwrap();
    assert_eq!(got.assigned_to, Some(a[1].id));
    h.engine.complete(&SYS, s.id).unwrap();
    // An abandoned ring ends for everyone too.
    let t = h.chat(c, q, 0);
    h.engine.abandon(&SYS, t.id).unwrap();
    let t = h.stay(t.id);
    assert!(t.ringing.is_empty());
    let next = h.chat(c, q, 0);
    assert_eq!(h.stay(next.id).ringing, ids(&a));
}

scenarios!(
    an_object_rings_every_eligible_agent_at_once,
    an_agent_at_capacity_is_not_rung,
    the_first_accept_wins_and_the_other_offers_are_withdrawn,
    two_agents_accepting_in_the_same_instant_one_wins,
    only_a_ringing_agent_may_answer,
    a_reject_leaves_the_ring_to_the_others,
    with_offer_timeout_every_offer_lapses_together,
    without_offer_timeout_the_ring_stands,
    an_ended_ring_frees_every_agent,
);
