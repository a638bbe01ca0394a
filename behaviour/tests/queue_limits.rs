//! Queue limits: `max_waiting` refuses an enqueue beyond it (conflict `queue_full`, nothing
//! stored); `max_wait_seconds` moves a waiting object to `overflow_queue_id` keeping its
//! wait, or, without one that takes it, ends its stay as `timed_out` — exactly at the
//! deadline, by `tick`.

use chrono::Duration;
use queue_behaviour::*;
use queue_core::*;

const SYS: Actor = Actor::System;

fn an_enqueue_into_a_full_queue_is_refused_and_stores_nothing(h: &mut Harness) {
    let (c, q, _) = h.staffed_queue(0, |q| NewQueue {
        max_waiting: Some(2),
        ..q
    });
    h.chat(c, q, 0);
    h.chat(c, q, 0);
    h.refused(conflict(ConflictReason::QueueFull), |e| {
        e.enqueue_new(&SYS, NewObject::chat(c, "third"), q, None)
    });
    let status = h.engine.queue_status(&SYS, q).unwrap();
    assert_eq!(status.waiting, 2);
}

fn an_assigned_object_frees_its_place(h: &mut Harness) {
    let (c, q, a) = h.staffed_queue(1, |q| NewQueue {
        max_waiting: Some(1),
        ..q
    });
    h.chat(c, q, 0);
    h.available(a[0]);
    // The first is assigned, so one place is free again.
    h.chat(c, q, 0);
    h.refused(conflict(ConflictReason::QueueFull), |e| {
        e.enqueue_new(&SYS, NewObject::chat(c, "third"), q, None)
    });
}

fn a_transfer_into_a_full_queue_is_refused(h: &mut Harness) {
    let (c, q, _) = h.staffed_queue(0, |q| q);
    let full = h.queue_with(NewQueue {
        max_waiting: Some(1),
        ..NewQueue::named(c, "full")
    });
    h.chat(c, full, 0);
    let s = h.chat(c, q, 0);
    h.refused(conflict(ConflictReason::QueueFull), |e| {
        e.transfer(&SYS, s.id, full)
    });
}

fn an_object_times_out_exactly_at_max_wait(h: &mut Harness) {
    let (c, q, a) = h.staffed_queue(1, |q| NewQueue {
        max_wait_seconds: Some(60),
        ..q
    });
    let s = h.chat(c, q, 0);
    h.advance(59);
    assert_eq!(h.stay(s.id).state, StayState::Waiting);
    h.advance(1);
    let st = h.stay(s.id);
    assert_eq!(st.state, StayState::TimedOut);
    assert_eq!(st.ended_at, Some(h.engine.now()));
    h.available(a[0]);
    assert_eq!(h.holder(s.id), None, "a timed-out object is gone");
    let events = h.engine.events(&SYS, &EventQuery::default()).unwrap();
    assert!(events.iter().any(|e| matches!(
        e.kind,
        EventKind::WaitLimitReached { stay_id, to_queue_id: None, .. } if stay_id == s.id
    )));
    let from = h.engine.now() - Duration::seconds(120);
    let stats = h
        .engine
        .queue_stats(
            &SYS,
            &StatsQuery {
                company_id: c,
                from,
                to: h.engine.now() + Duration::seconds(1),
                service_level_seconds: 20,
            },
        )
        .unwrap();
    assert_eq!(stats[0].wait_limit_reached, 1);
}

fn an_object_overflows_keeping_its_original_wait(h: &mut Harness) {
    let (c, q, _) = h.staffed_queue(0, |q| q);
    let backup = h.queue(c, "backup");
    let update = QueueUpdate {
        max_wait_seconds: Some(Some(30)),
        overflow_queue_id: Some(Some(backup)),
        ..Default::default()
    };
    h.engine.update_queue(&SYS, q, update).unwrap();
    let s = h.chat(c, q, 0);
    h.advance(30);
    let old = h.stay(s.id);
    assert_eq!(old.state, StayState::Transferred);
    let new = h.stay(old.transferred_to.expect("moved"));
    assert_eq!(new.queue_id, backup);
    assert_eq!(new.wait_since, s.wait_since, "keeps its original wait");
    assert_eq!(new.transferred_from, Some(s.id));
    let a = h.agent(c, "backup-agent", 1);
    h.staff(backup, a, 1);
    h.available(a);
    assert_eq!(h.holder(new.id), Some(a));
}

fn an_overflow_found_by_an_agents_command_is_the_systems_doing(h: &mut Harness) {
    let (c, q, _) = h.staffed_queue(0, |q| NewQueue {
        max_wait_seconds: Some(30),
        ..q
    });
    let backup = h.queue(c, "backup");
    let update = QueueUpdate {
        overflow_queue_id: Some(Some(backup)),
        ..Default::default()
    };
    h.engine.update_queue(&SYS, q, update).unwrap();
    let (ann, member) = h.member(c, "Ann", Role::Agent);
    let s = h.chat(c, q, 0);
    // No tick: Ann's own command is the first to run after the deadline.
    h.clock.advance(chrono::Duration::seconds(31));
    let away = PresenceUpdate {
        show: Some(Show::Away),
        ..Default::default()
    };
    h.engine
        .set_presence(&Actor::User(ann), member, away)
        .unwrap();
    let moved = h.stay(s.id).transferred_to.expect("moved at the deadline");
    let events = h.engine.events(&SYS, &EventQuery::default()).unwrap();
    let enqueued = events
        .iter()
        .find(|e| matches!(e.kind, EventKind::Enqueued { stay_id, .. } if stay_id == moved))
        .unwrap();
    assert_eq!(enqueued.actor, Actor::System);
    let presence = events
        .iter()
        .rev()
        .find(|e| matches!(e.kind, EventKind::PresenceChanged { .. }))
        .unwrap();
    assert_eq!(
        presence.actor,
        Actor::User(ann),
        "the agent's own change is theirs"
    );
}

fn overflow_into_a_closed_or_full_queue_times_out(h: &mut Harness) {
    let (c, q, _) = h.staffed_queue(0, |q| q);
    let backup = h.queue_with(NewQueue {
        max_waiting: Some(1),
        ..NewQueue::named(c, "backup")
    });
    let update = QueueUpdate {
        max_wait_seconds: Some(Some(30)),
        overflow_queue_id: Some(Some(backup)),
        ..Default::default()
    };
    h.engine.update_queue(&SYS, q, update).unwrap();
    let first = h.chat(c, q, 0);
    let second = h.chat(c, q, 0);
    h.advance(30);
    // The first fills the backup queue; the second finds it full.
    assert_eq!(h.stay(first.id).state, StayState::Transferred);
    assert_eq!(h.stay(second.id).state, StayState::TimedOut);
    // An inactive overflow queue refuses too.
    let off = QueueUpdate {
        is_active: Some(false),
        max_waiting: Some(None),
        ..Default::default()
    };
    h.engine.update_queue(&SYS, backup, off).unwrap();
    let third = h.chat(c, q, 0);
    h.advance(30);
    assert_eq!(h.stay(third.id).state, StayState::TimedOut);
}

fn an_offer_running_past_the_deadline_leaves_when_it_lapses(h: &mut Harness) {
    let (c, q, a) = h.staffed_queue(2, |q| NewQueue {
        max_wait_seconds: Some(30),
        offer_timeout: Some(20),
        ..q
    });
    let s = h.chat(c, q, 0);
    h.advance(15);
    h.available(a[0]);
    assert_eq!(h.holder(s.id), Some(a[0]));
    h.available(a[1]);
    h.advance(15);
    assert_eq!(
        h.stay(s.id).state,
        StayState::Offered,
        "ringing at the deadline"
    );
    h.advance(5);
    let st = h.stay(s.id);
    assert_eq!(
        st.state,
        StayState::TimedOut,
        "not offered to the next agent"
    );
}

fn deleting_the_overflow_queue_lets_objects_time_out(h: &mut Harness) {
    let (c, q, _) = h.staffed_queue(0, |q| q);
    let backup = h.queue(c, "backup");
    let update = QueueUpdate {
        max_wait_seconds: Some(Some(30)),
        overflow_queue_id: Some(Some(backup)),
        ..Default::default()
    };
    h.engine.update_queue(&SYS, q, update).unwrap();
    h.engine.delete_queue(&SYS, backup).unwrap();
    assert_eq!(h.engine.get_queue(&SYS, q).unwrap().overflow_queue_id, None);
    let s = h.chat(c, q, 0);
    h.advance(30);
    assert_eq!(h.stay(s.id).state, StayState::TimedOut);
}

fn bad_limits_are_refused_naming_the_field(h: &mut Harness) {
    let (c, q, _) = h.staffed_queue(0, |q| q);
    let other_company = h.company_in("Bolt", "UTC");
    let foreign = h.queue(other_company, "foreign");
    let cases: Vec<(&str, QueueUpdate)> = vec![
        (
            "wrap_up_seconds",
            QueueUpdate {
                wrap_up_seconds: Some(queue_core::queue::MAX_DELAY_SECONDS + 1),
                ..Default::default()
            },
        ),
        (
            "max_waiting",
            QueueUpdate {
                max_waiting: Some(Some(0)),
                ..Default::default()
            },
        ),
        (
            "max_wait_seconds",
            QueueUpdate {
                max_wait_seconds: Some(Some(0)),
                ..Default::default()
            },
        ),
        (
            "overflow_queue_id",
            QueueUpdate {
                overflow_queue_id: Some(Some(q)),
                ..Default::default()
            },
        ),
        (
            "overflow_queue_id",
            QueueUpdate {
                overflow_queue_id: Some(Some(foreign)),
                ..Default::default()
            },
        ),
    ];
    for (field, update) in cases {
        h.refused(invalid(field), |e| e.update_queue(&SYS, q, update));
    }
    h.refused(invalid("overflow_queue_id"), |e| {
        e.create_queue(
            &SYS,
            NewQueue {
                overflow_queue_id: Some(foreign),
                ..NewQueue::named(c, "new")
            },
        )
    });
    h.refused(invalid("max_missed_offers"), |e| {
        e.update_company(
            &SYS,
            c,
            CompanyUpdate {
                max_missed_offers: Some(101),
                ..Default::default()
            },
        )
    });
}

scenarios!(
    an_enqueue_into_a_full_queue_is_refused_and_stores_nothing,
    an_assigned_object_frees_its_place,
    a_transfer_into_a_full_queue_is_refused,
    an_object_times_out_exactly_at_max_wait,
    an_object_overflows_keeping_its_original_wait,
    an_overflow_found_by_an_agents_command_is_the_systems_doing,
    overflow_into_a_closed_or_full_queue_times_out,
    an_offer_running_past_the_deadline_leaves_when_it_lapses,
    deleting_the_overflow_queue_lets_objects_time_out,
    bad_limits_are_refused_naming_the_field,
);
