//! Skip empty tiers: with `skip_empty_tiers`, an object escalates at once past tiers with
//! no ready operator (rules 1–3: active, enabled, showing chat or available and not
//! wrapping up, under capacity) instead of waiting `priority_delay` for each.

use queue_behaviour::*;
use queue_core::*;

const SYS: Actor = Actor::System;

/// A queue escalating every 60 s, with one agent in tier 1 and one in tier 2.
fn tiers(h: &mut Harness, skip: bool) -> (CompanyId, QueueId, CompanyUserId, CompanyUserId) {
    let c = h.company();
    let q = h.queue_with(NewQueue {
        priority_delay: Some(60),
        skip_empty_tiers: skip,
        ..NewQueue::named(c, "support")
    });
    let first = h.agent(c, "first", 1);
    let second = h.agent(c, "second", 1);
    h.staff(q, first, 1);
    h.staff(q, second, 2);
    (c, q, first, second)
}

fn with_no_one_ready_in_tier_1_tier_2_gets_the_object_at_once(h: &mut Harness) {
    let (c, q, _, second) = tiers(h, true);
    h.available(second);
    let s = h.chat(c, q, 0);
    assert_eq!(h.holder(s.id), Some(second));
}

fn without_the_setting_the_object_waits_for_the_delay(h: &mut Harness) {
    let (c, q, _, second) = tiers(h, false);
    h.available(second);
    let s = h.chat(c, q, 0);
    assert_eq!(h.holder(s.id), None);
    h.advance(60);
    assert_eq!(h.holder(s.id), Some(second));
}

fn an_agent_on_break_does_not_count_as_ready(h: &mut Harness) {
    let (c, q, first, second) = tiers(h, true);
    h.show(first, Show::Away);
    h.available(second);
    let s = h.chat(c, q, 0);
    assert_eq!(h.holder(s.id), Some(second), "tier 1 is on a break");
}

fn a_ready_tier_1_operator_keeps_the_tiers(h: &mut Harness) {
    let (c, q, first, second) = tiers(h, true);
    h.available(first);
    h.available(second);
    let busy = h.chat(c, q, 0);
    assert_eq!(h.holder(busy.id), Some(first));
    // `first` is at capacity now, so tier 1 has no ready operator: the next object skips.
    let next = h.chat(c, q, 0);
    assert_eq!(h.holder(next.id), Some(second));
}

fn when_tier_1_empties_waiting_objects_escalate_at_once(h: &mut Harness) {
    let (c, q, first, second) = tiers(h, true);
    let skill = h.skill(c, "german");
    // `first` is ready but cannot serve this object (no German): tier 1 is not empty.
    h.available(first);
    h.available(second);
    h.engine.set_agent_skill(&SYS, second, skill, 3).unwrap();
    let needs = NewObject {
        required_skills: vec![SkillRequirement {
            skill_id: skill,
            min_level: 1,
        }],
        ..NewObject::chat(c, "Guten Tag")
    };
    let s = h.engine.enqueue_new(&SYS, needs, q, None).unwrap();
    assert_eq!(
        h.holder(s.id),
        None,
        "a ready tier-1 operator counts, skills aside"
    );
    h.show(first, Show::Away);
    assert_eq!(
        h.holder(s.id),
        Some(second),
        "tier 1 emptied: skipped at once"
    );
}

scenarios!(
    with_no_one_ready_in_tier_1_tier_2_gets_the_object_at_once,
    without_the_setting_the_object_waits_for_the_delay,
    an_agent_on_break_does_not_count_as_ready,
    a_ready_tier_1_operator_keeps_the_tiers,
    when_tier_1_empties_waiting_objects_escalate_at_once,
);
