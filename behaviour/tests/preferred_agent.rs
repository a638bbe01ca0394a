//! Preferred agent (known-agent routing): an object enqueued for an agent goes to them
//! alone for `preferred_for_seconds`, then to anyone eligible.

use queue_behaviour::*;
use queue_core::*;

const SYS: Actor = Actor::System;

fn enqueue_for(
    h: &mut Harness,
    c: CompanyId,
    q: QueueId,
    agent: CompanyUserId,
    secs: Option<u32>,
) -> Stay {
    h.engine
        .enqueue_new_preferring(
            &SYS,
            NewObject::chat(c, "returning customer"),
            q,
            None,
            Some(Preferred::new(agent, secs)),
        )
        .unwrap()
}

fn only_the_preferred_agent_gets_it_until_the_preference_ends(h: &mut Harness) {
    let (c, q, a) = h.staffed_queue(2, |q| q);
    h.available(a[0]);
    let s = enqueue_for(h, c, q, a[1], Some(30));
    assert_eq!(h.holder(s.id), None, "kept for a[1], who is away");
    let why = h.engine.eligibility(&SYS, a[0], s.id).unwrap();
    assert!(
        matches!(why, Some(Ineligible::KeptForAnother { preferred_agent_id, .. }) if preferred_agent_id == a[1])
    );
    assert_eq!(why.map(|w| w.rule()), Some(8));
    h.advance(29);
    assert_eq!(h.holder(s.id), None, "one second left");
    h.advance(1);
    assert_eq!(
        h.holder(s.id),
        Some(a[0]),
        "the instant it ends, anyone eligible"
    );
}

fn the_preferred_agent_gets_it_when_they_become_ready(h: &mut Harness) {
    let (c, q, a) = h.staffed_queue(2, |q| q);
    h.available(a[0]);
    let s = enqueue_for(h, c, q, a[1], None);
    assert_eq!(
        s.preferred_until,
        Some(h.engine.now() + chrono::Duration::seconds(60))
    );
    h.advance(10);
    h.available(a[1]);
    assert_eq!(h.holder(s.id), Some(a[1]));
}

fn a_rejecting_preferred_agent_ends_the_preference(h: &mut Harness) {
    let (c, q, a) = h.staffed_queue(2, |q| NewQueue {
        offer_timeout: Some(20),
        ..q
    });
    h.available(a[0]);
    h.available(a[1]);
    let s = enqueue_for(h, c, q, a[1], Some(300));
    assert_eq!(h.holder(s.id), Some(a[1]));
    h.engine.reject_offer(&SYS, s.id).unwrap();
    assert_eq!(h.holder(s.id), Some(a[0]), "free for anyone at once");
}

fn a_preferred_agent_who_cannot_serve_the_queue_is_invalid_input(h: &mut Harness) {
    let (c, q, _) = h.staffed_queue(1, |q| q);
    let outsider = h.agent(c, "outsider", 1);
    h.refused(invalid("preferred_agent_id"), |e| {
        e.enqueue_new_preferring(
            &SYS,
            NewObject::chat(c, "x"),
            q,
            None,
            Some(Preferred::new(outsider, Some(30))),
        )
    });
    let other = h.company_in("Bolt", "UTC");
    let stranger = h.agent(other, "stranger", 1);
    h.refused(invalid("preferred_agent_id"), |e| {
        e.enqueue_new_preferring(
            &SYS,
            NewObject::chat(c, "x"),
            q,
            None,
            Some(Preferred::new(stranger, Some(30))),
        )
    });
    let unknown = CompanyUserId(uuid::Uuid::nil());
    h.refused(invalid("preferred_agent_id"), |e| {
        e.enqueue_new_preferring(
            &SYS,
            NewObject::chat(c, "x"),
            q,
            None,
            Some(Preferred::new(unknown, Some(30))),
        )
    });
    let staff = h.agent(c, "staff", 1);
    h.staff(q, staff, 1);
    h.refused(invalid("preferred_for_seconds"), |e| {
        e.enqueue_new_preferring(
            &SYS,
            NewObject::chat(c, "x"),
            q,
            None,
            Some(Preferred::new(staff, Some(0))),
        )
    });
}

fn the_owner_of_a_personal_queue_may_be_preferred(h: &mut Harness) {
    let c = h.company();
    let ann = h.agent(c, "ann", 1);
    let personal = h.queue_with(NewQueue {
        company_user_id: Some(ann),
        ..NewQueue::named(c, "ann's")
    });
    let s = enqueue_for(h, c, personal, ann, Some(30));
    h.available(ann);
    assert_eq!(h.holder(s.id), Some(ann));
}

scenarios!(
    only_the_preferred_agent_gets_it_until_the_preference_ends,
    the_preferred_agent_gets_it_when_they_become_ready,
    a_rejecting_preferred_agent_ends_the_preference,
    a_preferred_agent_who_cannot_serve_the_queue_is_invalid_input,
    the_owner_of_a_personal_queue_may_be_preferred,
);
