//! Routing scenarios: each eligibility rule of SPEC §3 flipping eligibility, escalation and
//! offers. Strategies and serving order are in `strategies.rs`, the rest of an object's life
//! in `lifecycle.rs`.

use chrono::Duration;

use queue_behaviour::*;

use queue_core::*;

const SYS: Actor = Actor::System;

fn rule1_an_inactive_agent_gets_nothing_until_reactivated(h: &mut Harness) {
    let (c, q, a) = h.staffed_queue(1, |q| q);
    h.available(a[0]);
    let deactivate = CompanyUserUpdate {
        is_active: Some(false),
        ..Default::default()
    };
    h.engine
        .update_company_user(&SYS, a[0], deactivate)
        .unwrap();
    let s = h.chat(c, q, 0);
    assert_eq!(h.holder(s.id), None);
    let activate = CompanyUserUpdate {
        is_active: Some(true),
        ..Default::default()
    };
    h.engine.update_company_user(&SYS, a[0], activate).unwrap();
    assert_eq!(h.holder(s.id), Some(a[0]));
}

fn rule1_a_suspended_operator_gets_nothing_until_enabled(h: &mut Harness) {
    let (c, q, a) = h.staffed_queue(1, |q| q);
    h.available(a[0]);
    let suspend = OperatorUpdate {
        enabled: Some(false),
        ..Default::default()
    };
    h.engine.update_operator(&SYS, q, a[0], suspend).unwrap();
    let s = h.chat(c, q, 0);
    assert_eq!(h.holder(s.id), None);
    let enable = OperatorUpdate {
        enabled: Some(true),
        ..Default::default()
    };
    h.engine.update_operator(&SYS, q, a[0], enable).unwrap();
    assert_eq!(h.holder(s.id), Some(a[0]));
}

fn rule1_an_agent_who_does_not_staff_the_queue_gets_nothing(h: &mut Harness) {
    let (c, q, _) = h.staffed_queue(0, |q| q);
    let a = h.agent(c, "outsider", 1);
    h.available(a);
    let s = h.chat(c, q, 0);
    assert_eq!(h.holder(s.id), None);
    h.staff(q, a, 1);
    assert_eq!(h.holder(s.id), Some(a));
    h.engine.complete(&SYS, s.id).unwrap();
    h.engine.unassign_operator(&SYS, q, a).unwrap();
    let s2 = h.chat(c, q, 0);
    assert_eq!(h.holder(s2.id), None);
}

fn rule2_only_chat_or_available_receives_work(h: &mut Harness) {
    let (c, q, a) = h.staffed_queue(1, |q| q);
    let s = h.chat(c, q, 0);
    for show in [Show::Away, Show::Xa, Show::Dnd, Show::Unavailable] {
        h.show(a[0], show);
        assert_eq!(h.holder(s.id), None, "{show} must not receive work");
    }
    h.show(a[0], Show::Chat);
    assert_eq!(h.holder(s.id), Some(a[0]));
}

fn rule3_capacity_limits_load_and_completion_frees_it(h: &mut Harness) {
    let (c, q, a) = h.staffed_queue(1, |q| q);
    h.available(a[0]);
    let first = h.chat(c, q, 0);
    let second = h.chat(c, q, 0);
    assert_eq!(h.holder(first.id), Some(a[0]));
    assert_eq!(h.holder(second.id), None);
    h.engine.complete(&SYS, first.id).unwrap();
    assert_eq!(h.holder(second.id), Some(a[0]));
}

fn rule3_raising_capacity_routes_at_once(h: &mut Harness) {
    let (c, q, a) = h.staffed_queue(1, |q| q);
    h.available(a[0]);
    let first = h.chat(c, q, 0);
    let second = h.chat(c, q, 0);
    assert_eq!(h.holder(first.id), Some(a[0]));
    let raise = CompanyUserUpdate {
        max_number_of_objects_handled: Some(2),
        ..Default::default()
    };
    h.engine.update_company_user(&SYS, a[0], raise).unwrap();
    assert_eq!(h.holder(second.id), Some(a[0]));
}

fn rule3_the_company_default_capacity_applies_on_auto(h: &mut Harness) {
    let (c, q, a) = h.staffed_queue(1, |q| q);
    let auto = CompanyUserUpdate {
        is_auto_max_number_handled: Some(true),
        ..Default::default()
    };
    h.engine.update_company_user(&SYS, a[0], auto).unwrap();
    h.available(a[0]);
    let first = h.chat(c, q, 0);
    let second = h.chat(c, q, 0);
    assert_eq!(h.holder(first.id), Some(a[0]));
    assert_eq!(h.holder(second.id), None, "company default is 1");
    let update = CompanyUpdate {
        default_max_number_of_objects_handled: Some(3),
        ..Default::default()
    };
    h.engine.update_company(&SYS, c, update).unwrap();
    assert_eq!(h.holder(second.id), Some(a[0]));
}

fn rule4_queue_skill_minimum_must_be_met(h: &mut Harness) {
    let (c, q, a) = h.staffed_queue(1, |q| q);
    let dutch = h.skill(c, "dutch");
    h.engine.set_queue_skill(&SYS, q, dutch, 5).unwrap();
    h.engine.set_agent_skill(&SYS, a[0], dutch, 4).unwrap();
    h.available(a[0]);
    let s = h.chat(c, q, 0);
    assert_eq!(h.holder(s.id), None);
    h.engine.set_agent_skill(&SYS, a[0], dutch, 5).unwrap();
    assert_eq!(h.holder(s.id), Some(a[0]));
}

fn rule4_an_object_can_require_extra_skills(h: &mut Harness) {
    let (c, q, a) = h.staffed_queue(2, |q| q);
    let billing = h.skill(c, "billing");
    h.engine.set_agent_skill(&SYS, a[1], billing, 3).unwrap();
    h.available(a[0]);
    h.available(a[1]);
    let new = NewObject {
        required_skills: vec![SkillRequirement {
            skill_id: billing,
            min_level: 3,
        }],
        ..NewObject::chat(c, "Invoice question")
    };
    let s = h.engine.enqueue_new(&SYS, new, q, None).unwrap();
    // agent0 is the longest idle but lacks billing.
    assert_eq!(h.holder(s.id), Some(a[1]));
}

fn rule5_a_closed_queue_keeps_its_objects_until_it_reopens(h: &mut Harness) {
    let (c, q, a) = h.staffed_queue(1, |q| q);
    let s = h.chat(c, q, 0);
    let now = h.engine.now();
    let closure = NewBlacklistHours {
        starts_at: now,
        ends_at: now + Duration::minutes(30),
        reason: "meeting".into(),
    };
    h.engine.add_blacklist_hours(&SYS, q, closure).unwrap();
    h.available(a[0]);
    assert_eq!(h.holder(s.id), None, "closed queue routes nothing");
    h.advance(29 * 60 + 59);
    assert_eq!(h.holder(s.id), None);
    h.advance(1);
    assert_eq!(h.holder(s.id), Some(a[0]), "routed the instant it reopens");
}

fn rule5_an_inactive_queue_routes_nothing_until_reactivated(h: &mut Harness) {
    let (c, q, a) = h.staffed_queue(1, |q| q);
    let s = h.chat(c, q, 0);
    h.engine
        .update_queue(
            &SYS,
            q,
            QueueUpdate {
                is_active: Some(false),
                ..Default::default()
            },
        )
        .unwrap();
    h.available(a[0]);
    assert_eq!(h.holder(s.id), None);
    h.engine
        .update_queue(
            &SYS,
            q,
            QueueUpdate {
                is_active: Some(true),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(h.holder(s.id), Some(a[0]));
}

fn rule6_an_object_escalates_to_tier_2_after_priority_delay_and_tier_3_after_twice_it(
    h: &mut Harness,
) {
    let c = h.company();
    let q = h.queue_with(NewQueue {
        priority_delay: Some(60),
        ..NewQueue::named(c, "support")
    });
    let t2 = h.agent(c, "second", 1);
    let t3 = h.agent(c, "third", 1);
    h.staff(q, t2, 2);
    h.staff(q, t3, 3);
    h.available(t3);
    let s = h.chat(c, q, 0);
    h.available(t2);
    h.advance(59);
    assert_eq!(h.holder(s.id), None, "tier 2 is not reached before 60 s");
    h.advance(1);
    assert_eq!(h.holder(s.id), Some(t2), "tier 2 exactly at 60 s");
    // Tier 3 needs twice the delay.
    let s2 = h.chat(c, q, 0);
    h.advance(119);
    assert_eq!(h.holder(s2.id), None);
    h.advance(1);
    assert_eq!(h.holder(s2.id), Some(t3), "tier 3 exactly at 120 s");
}

fn rule6_without_priority_delay_every_tier_is_reached_at_once(h: &mut Harness) {
    let c = h.company();
    let q = h.queue(c, "support");
    let t5 = h.agent(c, "fifth", 1);
    h.staff(q, t5, 5);
    h.available(t5);
    let s = h.chat(c, q, 0);
    assert_eq!(h.holder(s.id), Some(t5));
}

fn rule7_a_rejecting_agent_is_not_offered_the_same_stay_again(h: &mut Harness) {
    let (c, q, a) = h.staffed_queue(2, |q| NewQueue {
        offer_timeout: Some(20),
        ..q
    });
    h.available(a[0]);
    let s = h.chat(c, q, 0);
    assert_eq!(h.stay(s.id).offered_to, Some(a[0]));
    h.engine.reject_offer(&SYS, s.id).unwrap();
    let after = h.stay(s.id);
    assert_eq!(after.state, StayState::Waiting, "no one else is available");
    assert_eq!(after.excluded, vec![a[0]]);
    h.available(a[1]);
    assert_eq!(h.stay(s.id).offered_to, Some(a[1]));
    // A fresh stay may go to the agent who rejected the first.
    let s2 = h.chat(c, q, 0);
    assert_eq!(h.stay(s2.id).offered_to, Some(a[0]));
}

fn an_offer_that_times_out_goes_to_the_next_agent(h: &mut Harness) {
    let (c, q, a) = h.staffed_queue(2, |q| NewQueue {
        offer_timeout: Some(20),
        ..q
    });
    h.available(a[0]);
    h.available(a[1]);
    let s = h.chat(c, q, 0);
    let first = h.stay(s.id).offered_to.unwrap();
    h.advance(19);
    assert_eq!(h.stay(s.id).offered_to, Some(first));
    h.advance(1);
    let second = h.stay(s.id);
    assert_eq!(second.state, StayState::Offered);
    assert_ne!(second.offered_to, Some(first));
    assert_eq!(second.excluded, vec![first]);
    h.engine.accept_offer(&SYS, s.id).unwrap();
    let assigned = h.stay(s.id);
    assert_eq!(assigned.state, StayState::Assigned);
    assert_eq!(assigned.assigned_to, second.offered_to);
    let events = h.engine.events(&SYS, &EventQuery::default()).unwrap();
    assert!(events.iter().any(|e| matches!(e.kind, EventKind::OfferTimedOut { company_user_id, .. } if company_user_id == first)));
}

scenarios!(
    rule1_an_inactive_agent_gets_nothing_until_reactivated,
    rule1_a_suspended_operator_gets_nothing_until_enabled,
    rule1_an_agent_who_does_not_staff_the_queue_gets_nothing,
    rule2_only_chat_or_available_receives_work,
    rule3_capacity_limits_load_and_completion_frees_it,
    rule3_raising_capacity_routes_at_once,
    rule3_the_company_default_capacity_applies_on_auto,
    rule4_queue_skill_minimum_must_be_met,
    rule4_an_object_can_require_extra_skills,
    rule5_a_closed_queue_keeps_its_objects_until_it_reopens,
    rule5_an_inactive_queue_routes_nothing_until_reactivated,
    rule6_an_object_escalates_to_tier_2_after_priority_delay_and_tier_3_after_twice_it,
    rule6_without_priority_delay_every_tier_is_reached_at_once,
    rule7_a_rejecting_agent_is_not_offered_the_same_stay_again,
    an_offer_that_times_out_goes_to_the_next_agent,
);
