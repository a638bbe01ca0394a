//! Routing scenarios: each eligibility rule of SPEC §3 flipping eligibility, the four
//! strategies, escalation, offers, picking, transfers, personal and multi-queue objects.

use chrono::Duration;
use queue_behaviour::*;
use queue_core::*;

const SYS: Actor = Actor::System;

/// A company, one queue (built by `f`) and `n` agents with capacity 1 staffing it in tier 1.
fn setup(
    h: &mut Harness,
    n: usize,
    f: impl FnOnce(NewQueue) -> NewQueue,
) -> (CompanyId, QueueId, Vec<CompanyUserId>) {
    let c = h.company();
    let q = h.queue_with(f(NewQueue::named(c, "support")));
    let agents = (0..n)
        .map(|i| {
            let a = h.agent(c, &format!("agent{i}"), 1);
            h.staff(q, a, 1);
            a
        })
        .collect();
    (c, q, agents)
}

fn rule1_an_inactive_agent_gets_nothing_until_reactivated(h: &mut Harness) {
    let (c, q, a) = setup(h, 1, |q| q);
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
    let (c, q, a) = setup(h, 1, |q| q);
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
    let (c, q, _) = setup(h, 0, |q| q);
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
    let (c, q, a) = setup(h, 1, |q| q);
    let s = h.chat(c, q, 0);
    for show in [Show::Away, Show::Xa, Show::Dnd, Show::Unavailable] {
        h.show(a[0], show);
        assert_eq!(h.holder(s.id), None, "{show} must not receive work");
    }
    h.show(a[0], Show::Chat);
    assert_eq!(h.holder(s.id), Some(a[0]));
}

fn rule3_capacity_limits_load_and_completion_frees_it(h: &mut Harness) {
    let (c, q, a) = setup(h, 1, |q| q);
    h.available(a[0]);
    let first = h.chat(c, q, 0);
    let second = h.chat(c, q, 0);
    assert_eq!(h.holder(first.id), Some(a[0]));
    assert_eq!(h.holder(second.id), None);
    h.engine.complete(&SYS, first.id).unwrap();
    assert_eq!(h.holder(second.id), Some(a[0]));
}

fn rule3_raising_capacity_routes_at_once(h: &mut Harness) {
    let (c, q, a) = setup(h, 1, |q| q);
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
    let (c, q, a) = setup(h, 1, |q| q);
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
    let (c, q, a) = setup(h, 1, |q| q);
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
    let (c, q, a) = setup(h, 2, |q| q);
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
    let (c, q, a) = setup(h, 1, |q| q);
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
    let (c, q, a) = setup(h, 1, |q| q);
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
    let (c, q, a) = setup(h, 2, |q| NewQueue {
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
    let (c, q, a) = setup(h, 2, |q| NewQueue {
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

fn longest_idle_prefers_the_agent_whose_last_assignment_ended_first(h: &mut Harness) {
    let (c, q, a) = setup(h, 2, |q| q);
    h.available(a[0]);
    h.available(a[1]);
    let x = h.chat(c, q, 0); // both idle since creation: lower id (agent0) wins the tie
    assert_eq!(h.holder(x.id), Some(a[0]));
    let y = h.chat(c, q, 0);
    assert_eq!(h.holder(y.id), Some(a[1]));
    h.advance(10);
    h.engine.complete(&SYS, y.id).unwrap(); // agent1 idle since t+10
    h.advance(10);
    h.engine.complete(&SYS, x.id).unwrap(); // agent0 idle since t+20
    let z = h.chat(c, q, 0);
    assert_eq!(h.holder(z.id), Some(a[1]), "agent1 has been idle longer");
}

fn least_occupied_prefers_the_lowest_load_over_capacity(h: &mut Harness) {
    let c = h.company();
    let q = h.queue_with(NewQueue {
        strategy: Strategy::LeastOccupied,
        ..NewQueue::named(c, "support")
    });
    let small = h.agent(c, "small", 2);
    let big = h.agent(c, "big", 4);
    h.staff(q, small, 1);
    h.staff(q, big, 1);
    h.available(small);
    let first = h.chat(c, q, 0);
    assert_eq!(h.holder(first.id), Some(small));
    h.available(big);
    let second = h.chat(c, q, 0);
    assert_eq!(h.holder(second.id), Some(big), "0/4 beats 1/2");
    let third = h.chat(c, q, 0);
    assert_eq!(h.holder(third.id), Some(big), "1/4 beats 1/2");
    let fourth = h.chat(c, q, 0);
    assert_eq!(h.holder(fourth.id), Some(small), "1/2 ties 2/4: lower id");
}

fn round_robin_takes_turns(h: &mut Harness) {
    let (c, q, a) = setup(h, 3, |q| NewQueue {
        strategy: Strategy::RoundRobin,
        ..q
    });
    for agent in &a {
        let cap = CompanyUserUpdate {
            max_number_of_objects_handled: Some(10),
            ..Default::default()
        };
        h.engine.update_company_user(&SYS, *agent, cap).unwrap();
        h.available(*agent);
    }
    let mut order = Vec::new();
    for _ in 0..6 {
        let s = h.chat(c, q, 0);
        order.push(h.holder(s.id).unwrap());
        h.advance(1);
    }
    assert_eq!(order, vec![a[0], a[1], a[2], a[0], a[1], a[2]]);
}

/// A burst at one instant (normal under load) still rotates: the order comes from the
/// queue's routing sequence, not from timestamps that tie.
fn round_robin_rotates_within_one_instant(h: &mut Harness) {
    let (c, q, a) = setup(h, 3, |q| NewQueue {
        strategy: Strategy::RoundRobin,
        ..q
    });
    for agent in &a {
        h.available(*agent);
    }
    let mut order = Vec::new();
    for _ in 0..6 {
        let s = h.chat(c, q, 0);
        let agent = h.holder(s.id).unwrap();
        order.push(agent);
        if h.stay(s.id).state == StayState::Offered {
            h.engine.accept_offer(&SYS, s.id).unwrap();
        }
        h.engine.complete(&SYS, s.id).unwrap();
    }
    assert_eq!(order, vec![a[0], a[1], a[2], a[0], a[1], a[2]]);
}

/// The whole waiting line, page by page, in serving order; a stay routed mid-walk does not
/// break it or repeat anyone.
fn the_waiting_line_pages_in_serving_order(h: &mut Harness) {
    let (c, q, a) = setup(h, 1, |q| q);
    let mut stays: Vec<Stay> = (0..250).map(|i| h.chat(c, q, i % 3)).collect();
    // Serving order: priority first, then arrival.
    stays.sort_by_key(|s| {
        std::cmp::Reverse(h.engine.get_object(&SYS, s.object_id).unwrap().priority)
    });
    let expected: Vec<StayId> = stays.iter().map(|s| s.id).collect();
    assert_eq!(
        h.engine
            .list_waiting(&SYS, q, 10_000)
            .unwrap()
            .iter()
            .map(|s| s.id)
            .collect::<Vec<_>>(),
        expected
    );
    let mut seen = Vec::new();
    let mut key: Option<String> = None;
    loop {
        let page = h
            .engine
            .list_waiting_page(&SYS, q, key.as_deref(), Some(100))
            .unwrap();
        seen.extend(page.data.iter().map(|s| s.id));
        if seen.len() == 100 {
            h.available(a[0]); // takes the head of the line, already seen
        }
        match page.next_page_key {
            Some(k) => key = Some(k),
            None => break,
        }
    }
    assert_eq!(seen, expected);
    h.refused(invalid("page_key"), |e| {
        e.list_waiting_page(&SYS, q, Some("forged"), None)
    });
    h.refused(invalid("page_limit"), |e| {
        e.list_waiting_page(&SYS, q, None, Some(1001))
    });
}

fn most_skilled_prefers_the_highest_summed_level(h: &mut Harness) {
    let (c, q, a) = setup(h, 3, |q| NewQueue {
        strategy: Strategy::MostSkilled,
        ..q
    });
    let dutch = h.skill(c, "dutch");
    let billing = h.skill(c, "billing");
    h.engine.set_queue_skill(&SYS, q, dutch, 1).unwrap();
    for (agent, level) in a.iter().zip([3, 7, 5]) {
        h.engine
            .set_agent_skill(&SYS, *agent, dutch, level)
            .unwrap();
        h.engine
            .set_agent_skill(&SYS, *agent, billing, 10 - level)
            .unwrap();
        h.available(*agent);
    }
    let s = h.chat(c, q, 0);
    assert_eq!(h.holder(s.id), Some(a[1]), "dutch 7 is the highest");
    // With billing required too, the sums are 3+7, 5+5 (agent1 is busy): a tie broken by id.
    let new = NewObject {
        required_skills: vec![SkillRequirement {
            skill_id: billing,
            min_level: 1,
        }],
        ..NewObject::chat(c, "x")
    };
    let s2 = h.engine.enqueue_new(&SYS, new, q, None).unwrap();
    assert_eq!(h.holder(s2.id), Some(a[0]));
}

fn higher_priority_then_longest_waiting_is_served_first(h: &mut Harness) {
    let (c, q, a) = setup(h, 1, |q| q);
    let old_low = h.chat(c, q, 0);
    h.advance(5);
    let new_high = h.chat(c, q, 5);
    h.advance(5);
    let newer_low = h.chat(c, q, 0);
    let order: Vec<StayId> = h
        .engine
        .list_waiting(&SYS, q, 10)
        .unwrap()
        .iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(order, vec![new_high.id, old_low.id, newer_low.id]);
    h.available(a[0]);
    assert_eq!(h.holder(new_high.id), Some(a[0]));
    h.engine.complete(&SYS, new_high.id).unwrap();
    assert_eq!(h.holder(old_low.id), Some(a[0]));
}

fn an_agent_on_several_queues_gets_the_best_object_across_them(h: &mut Harness) {
    let c = h.company();
    let q1 = h.queue(c, "sales");
    let q2 = h.queue(c, "support");
    let a = h.agent(c, "ann", 1);
    h.staff(q1, a, 1);
    h.staff(q2, a, 1);
    let older = h.chat(c, q2, 0);
    h.advance(30);
    let _newer = h.chat(c, q1, 0);
    h.available(a);
    assert_eq!(h.holder(older.id), Some(a));
}

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
    let (c, q, a) = setup(h, 1, |q| q);
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
    let (c, q, a) = setup(h, 1, |q| NewQueue {
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
    let (_, q, a) = setup(h, 3, |q| q);
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
    let (c, q, a) = setup(h, 1, |q| NewQueue {
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
    longest_idle_prefers_the_agent_whose_last_assignment_ended_first,
    least_occupied_prefers_the_lowest_load_over_capacity,
    round_robin_takes_turns,
    round_robin_rotates_within_one_instant,
    the_waiting_line_pages_in_serving_order,
    most_skilled_prefers_the_highest_summed_level,
    higher_priority_then_longest_waiting_is_served_first,
    an_agent_on_several_queues_gets_the_best_object_across_them,
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
