//! Position and estimated wait of a waiting object, as a customer is told them: "you are
//! number 3, about 2 minutes".

use queue_behaviour::*;
use queue_core::*;

const SYS: Actor = Actor::System;

fn position(h: &mut Harness, s: StayId) -> QueuePosition {
    h.engine.queue_position(&SYS, s).unwrap()
}

fn positions_follow_the_serving_order(h: &mut Harness) {
    let (c, q, _) = h.staffed_queue(0, |q| q);
    let a = h.chat(c, q, 0);
    h.advance(1);
    let b = h.chat(c, q, 0);
    h.advance(1);
    let vip = h.chat(c, q, 5);
    assert_eq!(position(h, vip.id).position, 1, "higher priority first");
    assert_eq!(position(h, a.id).position, 2);
    let p = position(h, b.id);
    assert_eq!((p.position, p.ahead, p.queue_id), (3, 2, q));
    assert_eq!(p.estimated_wait_seconds, None, "no answers yet");
    h.engine.abandon(&SYS, vip.id).unwrap();
    assert_eq!(position(h, b.id).position, 2, "the line moves up");
}

fn objects_of_every_skill_class_count(h: &mut Harness) {
    let (c, q, _) = h.staffed_queue(0, |q| q);
    let french = h.skill(c, "french");
    let needs = NewObject {
        required_skills: vec![SkillRequirement {
            skill_id: french,
            min_level: 1,
        }],
        ..NewObject::chat(c, "bonjour")
    };
    h.engine.enqueue_new(&SYS, needs, q, None).unwrap();
    h.advance(1);
    let plain = h.chat(c, q, 0);
    assert_eq!(position(h, plain.id).ahead, 1);
}

fn the_estimate_follows_the_recent_answer_rate(h: &mut Harness) {
    let (c, q, a) = h.staffed_queue(1, |q| q);
    h.available(a[0]);
    let first = h.chat(c, q, 0);
    let second = h.chat(c, q, 0);
    h.advance(60);
    h.engine.complete(&SYS, first.id).unwrap();
    assert_eq!(h.holder(second.id), Some(a[0]));
    // Two answers in the last 60 s: one every 30 s.
    let third = h.chat(c, q, 0);
    let fourth = h.chat(c, q, 0);
    assert_eq!(position(h, third.id).estimated_wait_seconds, Some(30.0));
    assert_eq!(position(h, fourth.id).estimated_wait_seconds, Some(60.0));
    // Time without answers slows the rate down.
    h.advance(60);
    assert_eq!(position(h, third.id).estimated_wait_seconds, Some(60.0));
}

fn only_a_waiting_object_has_a_position(h: &mut Harness) {
    let (c, q, a) = h.staffed_queue(1, |q| q);
    h.available(a[0]);
    let s = h.chat(c, q, 0);
    h.refused(conflict(ConflictReason::NotWaiting), |e| {
        e.queue_position(&SYS, s.id)
    });
    h.engine.complete(&SYS, s.id).unwrap();
    h.refused(conflict(ConflictReason::NotWaiting), |e| {
        e.queue_position(&SYS, s.id)
    });
    let unknown = StayId(uuid::Uuid::nil());
    h.refused(not_found(), |e| e.queue_position(&SYS, unknown));
}

scenarios!(
    positions_follow_the_serving_order,
    objects_of_every_skill_class_count,
    the_estimate_follows_the_recent_answer_rate,
    only_a_waiting_object_has_a_position,
);
