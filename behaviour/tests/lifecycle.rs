//! An object's life beyond the first match: picking, transfers, personal, closed and
//! password queues, several queues at once, abandoning; and what a host can ask about it
//! (`explain`, `queueShow`, `next_due`).

use chrono::Duration;
use queue_behaviour::*;
use queue_core::*;

const SYS: Actor = Actor::System;

fn picking_from_the_queue_is_allowed_only_with_the_ability(h: &mut Harness) {
    let c = h.company();
    let q = h.queue_with(NewQueue {
        priority_delay: Some(600),
        ..NewQueue::named(c, "support")
    });
    let a = h.agent(c, "picker", 1);
    h.staff(q, a, 2); // tier 2: routing would not offer it anything for 10 minutes
    let first = h.chat(c, q, 5);
    let second = h.chat(c, q, 0);
    h.refused(forbidden(), |e| e.pick(&SYS, a, second.id));
    let allow = CompanyUserUpdate {
        ability_to_pick_from_queue: Some(true),
        is_auto_ability_to_pick_from_queue: Some(false),
        ..Default::default()
    };
    h.engine.update_company_user(&SYS, a, allow).unwrap();
    h.refused(conflict(ConflictReason::NotEligible), |e| {
        e.pick(&SYS, a, second.id)
    }); // not available yet
    h.available(a);
    let picked = h.engine.pick(&SYS, a, second.id).unwrap();
    assert_eq!(picked.state, StayState::Assigned);
    assert!(picked.picked);
    assert_eq!(
        h.stay(first.id).state,
        StayState::Waiting,
        "picking skips the higher-priority one by choice"
    );
    h.refused(conflict(ConflictReason::NotEligible), |e| {
        e.pick(&SYS, a, first.id)
    }); // at capacity now
}

fn a_transfer_keeps_the_original_wait_for_ordering(h: &mut Harness) {
    let c = h.company();
    let sales = h.queue(c, "sales");
    let support = h.queue(c, "support");
    let a = h.agent(c, "ann", 1);
    h.staff(support, a, 1);
    let moved = h.chat(c, sales, 0);
    h.advance(100);
    let local = h.chat(c, support, 0);
    h.advance(10);
    let new = h.engine.transfer(&SYS, moved.id, support).unwrap();
    assert_eq!(new.wait_since, moved.wait_since);
    assert_eq!(new.transferred_from, Some(moved.id));
    assert_eq!(h.stay(moved.id).state, StayState::Transferred);
    h.available(a);
    assert_eq!(
        h.holder(new.id),
        Some(a),
        "waited 110 s, beats the local 10 s"
    );
    assert_eq!(h.holder(local.id), None);
}

fn a_personal_queue_routes_to_its_owner_only(h: &mut Harness) {
    let c = h.company();
    let owner = h.agent(c, "owner", 1);
    let other = h.agent(c, "other", 1);
    let q = h.queue_with(NewQueue {
        company_user_id: Some(owner),
        ..NewQueue::named(c, "owner-personal")
    });
    h.refused(conflict(ConflictReason::PersonalQueue), |e| {
        e.assign_operator(&SYS, q, other, 1)
    });
    h.available(other);
    let s = h.chat(c, q, 0);
    assert_eq!(h.holder(s.id), None);
    h.available(owner);
    assert_eq!(h.holder(s.id), Some(owner));
}

fn a_closed_queue_refuses_objects_and_routes_waiting_ones_when_it_opens(h: &mut Harness) {
    let (c, q, a) = h.staffed_queue(1, |q| q);
    let nine = chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap();
    let ten = chrono::NaiveTime::from_hms_opt(10, 0, 0).unwrap();
    let monday = vec![OpenInterval {
        weekday: chrono::Weekday::Mon,
        opens: nine,
        closes: ten,
    }];
    h.engine.set_hours(&SYS, c, Some(q), monday).unwrap(); // the clock starts Monday 09:00
    let s = h.chat(c, q, 0);
    h.advance(3600); // 10:00: closed
    h.refused(conflict(ConflictReason::QueueClosed), |e| {
        e.enqueue_new(&SYS, NewObject::chat(c, "late"), q, None)
    });
    h.available(a[0]);
    assert_eq!(h.holder(s.id), None, "waiting object stays while closed");
    let status = h.engine.queue_status(&SYS, q).unwrap();
    assert!(!status.open);
    assert_eq!(status.queue_show, Show::Unavailable);
    assert_eq!(status.next_change, Some(start() + Duration::days(7)));
    // Next Monday 09:00 it opens and the object is routed in the same tick.
    h.clock.set(start() + Duration::days(7));
    h.engine.tick().unwrap();
    assert_eq!(h.holder(s.id), Some(a[0]));
}

fn a_password_queue_admits_only_with_its_password(h: &mut Harness) {
    let c = h.company();
    let q = h.queue_with(NewQueue {
        password: Some("s3cret".into()),
        ..NewQueue::named(c, "vip")
    });
    h.refused(invalid("password"), |e| {
        e.enqueue_new(&SYS, NewObject::chat(c, "x"), q, None)
    });
    h.refused(invalid("password"), |e| {
        e.enqueue_new(&SYS, NewObject::chat(c, "x"), q, Some("wrong"))
    });
    let s = h
        .engine
        .enqueue_new(&SYS, NewObject::chat(c, "x"), q, Some("s3cret"))
        .unwrap();
    assert_eq!(s.state, StayState::Waiting);
}

fn an_object_in_several_queues_is_assigned_once(h: &mut Harness) {
    let c = h.company();
    let q1 = h.queue(c, "sales");
    let q2 = h.queue(c, "support");
    let a1 = h.agent(c, "ann", 1);
    let a2 = h.agent(c, "bob", 1);
    h.staff(q1, a1, 1);
    h.staff(q2, a2, 1);
    let o = h
        .engine
        .create_object(&SYS, NewObject::chat(c, "both"))
        .unwrap();
    let s1 = h.engine.enqueue(&SYS, o.id, q1, None).unwrap();
    let s2 = h.engine.enqueue(&SYS, o.id, q2, None).unwrap();
    h.refused(conflict(ConflictReason::AlreadyQueued), |e| {
        e.enqueue(&SYS, o.id, q2, None)
    });
    h.available(a2);
    h.available(a1);
    assert_eq!(h.holder(s2.id), Some(a2));
    assert_eq!(h.stay(s1.id).state, StayState::Expired);
    assert_eq!(h.holder(s1.id), None);
    let stays = h.engine.list_object_stays(&SYS, o.id).unwrap();
    assert_eq!(
        stays
            .iter()
            .filter(|s| s.state == StayState::Assigned)
            .count(),
        1
    );
}

fn abandoning_an_offer_frees_the_agent(h: &mut Harness) {
    let (c, q, a) = h.staffed_queue(1, |q| NewQueue {
        offer_timeout: Some(30),
        ..q
    });
    h.available(a[0]);
    let s = h.chat(c, q, 0);
    let next = h.chat(c, q, 0);
    assert_eq!(h.stay(s.id).offered_to, Some(a[0]));
    let gone = h.engine.abandon(&SYS, s.id).unwrap();
    assert_eq!(gone.state, StayState::Abandoned);
    assert_eq!(h.stay(next.id).offered_to, Some(a[0]));
    h.refused(conflict(ConflictReason::StayEnded), |e| {
        e.abandon(&SYS, s.id)
    });
}

fn explain_names_the_first_rule_that_stops_each_agent(h: &mut Harness) {
    let c = h.company();
    let q = h.queue_with(NewQueue {
        priority_delay: Some(60),
        ..NewQueue::named(c, "support")
    });
    let away = h.agent(c, "away", 1);
    let tier2 = h.agent(c, "tiertwo", 1);
    let suspended = h.agent(c, "suspended", 1);
    h.staff(q, away, 1);
    h.staff(q, tier2, 2);
    h.staff(q, suspended, 1);
    h.engine
        .update_operator(
            &SYS,
            q,
            suspended,
            OperatorUpdate {
                enabled: Some(false),
                ..Default::default()
            },
        )
        .unwrap();
    h.available(tier2);
    let s = h.chat(c, q, 0);
    let why = h.engine.explain(&SYS, s.object_id).unwrap();
    assert_eq!(why.len(), 1);
    assert_eq!(why[0].tier_reached, Some(1));
    assert_eq!(
        why[0].next_escalation_at,
        Some(s.wait_since + Duration::seconds(60))
    );
    let rule = |agent| {
        why[0]
            .agents
            .iter()
            .find(|v| v.company_user_id == agent)
            .and_then(|v| v.ineligible.clone())
    };
    assert_eq!(
        rule(away),
        Some(Ineligible::NotReady {
            show: Show::Unavailable
        })
    );
    assert!(matches!(
        rule(tier2),
        Some(Ineligible::TierNotReached {
            tier: 2,
            reached: 1,
            ..
        })
    ));
    assert_eq!(rule(suspended), Some(Ineligible::Suspended));
}

fn queue_show_is_the_most_available_enabled_operator(h: &mut Harness) {
    let (_, q, a) = h.staffed_queue(3, |q| q);
    h.show(a[0], Show::Away);
    h.show(a[1], Show::Dnd);
    let status = h.engine.queue_status(&SYS, q).unwrap();
    assert_eq!(status.queue_show, Show::Away, "away ranks above dnd");
    h.show(a[2], Show::Chat);
    h.engine
        .update_operator(
            &SYS,
            q,
            a[2],
            OperatorUpdate {
                enabled: Some(false),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(
        h.engine.queue_status(&SYS, q).unwrap().queue_show,
        Show::Away,
        "suspended operators do not count"
    );
    let ops = h.engine.list_operators(&SYS, q).unwrap();
    assert!(ops.iter().all(|o| o.queue_show == Show::Away));
    assert_eq!(
        ops.iter()
            .find(|o| o.company_user_id == a[2])
            .map(|o| o.user_show),
        Some(Show::Chat)
    );
}

fn next_due_tells_the_host_when_to_tick(h: &mut Harness) {
    let (c, q, a) = h.staffed_queue(1, |q| NewQueue {
        offer_timeout: Some(15),
        ..q
    });
    h.available(a[0]);
    let s = h.chat(c, q, 0);
    assert_eq!(
        h.engine.next_due(),
        Some(s.enqueued_at + Duration::seconds(15))
    );
}

scenarios!(
    picking_from_the_queue_is_allowed_only_with_the_ability,
    a_transfer_keeps_the_original_wait_for_ordering,
    a_personal_queue_routes_to_its_owner_only,
    a_closed_queue_refuses_objects_and_routes_waiting_ones_when_it_opens,
    a_password_queue_admits_only_with_its_password,
    an_object_in_several_queues_is_assigned_once,
    abandoning_an_offer_frees_the_agent,
    explain_names_the_first_rule_that_stops_each_agent,
    queue_show_is_the_most_available_enabled_operator,
    next_due_tells_the_host_when_to_tick,
);
