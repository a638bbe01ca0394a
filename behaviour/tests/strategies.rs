//! Which object is served first and which agent gets it: serving order (priority, then
//! wait), the four strategies, an agent on several queues, and the waiting line in order.

use queue_behaviour::*;
use queue_core::*;

const SYS: Actor = Actor::System;

fn longest_idle_prefers_the_agent_whose_last_assignment_ended_first(h: &mut Harness) {
    let (c, q, a) = h.staffed_queue(2, |q| q);
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
    let (c, q, a) = h.staffed_queue(3, |q| NewQueue {
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
    let (c, q, a) = h.staffed_queue(3, |q| NewQueue {
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
    let (c, q, a) = h.staffed_queue(1, |q| q);
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
    let (c, q, a) = h.staffed_queue(3, |q| NewQueue {
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
    let (c, q, a) = h.staffed_queue(1, |q| q);
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

scenarios!(
    longest_idle_prefers_the_agent_whose_last_assignment_ended_first,
    least_occupied_prefers_the_lowest_load_over_capacity,
    round_robin_takes_turns,
    round_robin_rotates_within_one_instant,
    most_skilled_prefers_the_highest_summed_level,
    higher_priority_then_longest_waiting_is_served_first,
    an_agent_on_several_queues_gets_the_best_object_across_them,
    the_waiting_line_pages_in_serving_order,
);
