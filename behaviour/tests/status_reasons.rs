//! Status reasons: a company defines presence statuses ("Lunch" → away, "Training" → dnd);
//! an agent sets one, or a supervisor locks them in one; events carry it, and statistics
//! report the time spent in each.

use queue_behaviour::*;
use queue_core::*;

const SYS: Actor = Actor::System;

fn in_status(status: PresenceStatusId) -> PresenceUpdate {
    PresenceUpdate {
        status_id: Some(status),
        ..Default::default()
    }
}

fn status(h: &mut Harness, c: CompanyId, name: &str, show: Show) -> PresenceStatusId {
    h.engine
        .create_presence_status(&SYS, c, name, show)
        .unwrap()
        .id
}

fn last_presence_event(h: &mut Harness) -> EventKind {
    let events = h.engine.events(&SYS, &EventQuery::default()).unwrap();
    events
        .into_iter()
        .rev()
        .map(|e| e.kind)
        .find(|k| matches!(k, EventKind::PresenceChanged { .. }))
        .unwrap()
}

fn a_status_sets_its_show_and_the_event_carries_it(h: &mut Harness) {
    let (c, q, a) = h.staffed_queue(1, |q| q);
    let lunch = status(h, c, "Lunch", Show::Away);
    h.available(a[0]);
    h.advance(60);
    let p = h.engine.set_presence(&SYS, a[0], in_status(lunch)).unwrap();
    assert_eq!((p.show, p.status_id), (Show::Away, Some(lunch)));
    assert_eq!(p.status_since, Some(h.engine.now()));
    assert!(matches!(
        last_presence_event(h),
        EventKind::PresenceChanged { show: Show::Away, status_id: Some(s), .. } if s == lunch
    ));
    let s = h.chat(c, q, 0);
    assert_eq!(h.holder(s.id), None, "away at lunch");
    // Back at work: a plain show leaves the status.
    h.available(a[0]);
    let p = h.engine.get_presence(&SYS, a[0]).unwrap();
    assert_eq!((p.status_id, p.status_since), (None, None));
    assert_eq!(h.holder(s.id), Some(a[0]));
    assert!(matches!(
        last_presence_event(h),
        EventKind::PresenceChanged {
            status_id: None,
            ..
        }
    ));
}

fn a_status_with_a_ready_show_gets_work_until_the_show_changes(h: &mut Harness) {
    let (c, q, a) = h.staffed_queue(1, |q| NewQueue {
        offer_timeout: Some(10),
        ..q
    });
    let update = CompanyUpdate {
        max_missed_offers: Some(1),
        ..Default::default()
    };
    h.engine.update_company(&SYS, c, update).unwrap();
    let outbound = status(h, c, "Outbound", Show::Chat);
    h.engine
        .set_presence(&SYS, a[0], in_status(outbound))
        .unwrap();
    let s = h.chat(c, q, 0);
    assert_eq!(h.holder(s.id), Some(a[0]));
    // The engine sets them away for a missed offer: that leaves the status too.
    h.advance(10);
    let p = h.engine.get_presence(&SYS, a[0]).unwrap();
    assert_eq!(
        (p.show, p.reason),
        (Show::Away, Some(PresenceReason::MissedOffers))
    );
    assert_eq!(p.status_id, None);
}

fn a_show_beside_a_status_must_be_the_same(h: &mut Harness) {
    let (c, _, a) = h.staffed_queue(1, |q| q);
    let lunch = status(h, c, "Lunch", Show::Away);
    h.refused(invalid("show"), |e| {
        let update = PresenceUpdate {
            show: Some(Show::Available),
            ..in_status(lunch)
        };
        e.set_presence(&SYS, a[0], update)
    });
    let update = PresenceUpdate {
        show: Some(Show::Away),
        ..in_status(lunch)
    };
    let p = h.engine.set_presence(&SYS, a[0], update).unwrap();
    assert_eq!(p.status_id, Some(lunch));
}

fn an_unknown_or_foreign_status_is_invalid_input(h: &mut Harness) {
    let (c, _, a) = h.staffed_queue(1, |q| q);
    let other = h.company_in("Other", "UTC");
    let theirs = status(h, other, "Lunch", Show::Away);
    let unknown = PresenceStatusId(uuid::Uuid::from_u128(42));
    for s in [theirs, unknown] {
        h.refused(invalid("status_id"), |e| {
            e.set_presence(&SYS, a[0], in_status(s))
        });
        h.refused(invalid("status_id"), |e| {
            e.lock_presence_status(&SYS, a[0], s)
        });
    }
    let _ = c;
}

fn a_supervisor_locks_an_agent_in_a_status(h: &mut Harness) {
    let (c, _, a) = h.staffed_queue(1, |q| q);
    let training = status(h, c, "Training", Show::Dnd);
    let lunch = status(h, c, "Lunch", Show::Away);
    let (sup, _) = h.member(c, "Sue", Role::Supervisor);
    let sup = Actor::User(sup);
    let p = h.engine.lock_presence_status(&sup, a[0], training).unwrap();
    assert_eq!((p.show, p.status_id), (Show::Dnd, Some(training)));
    assert!(p.lock.is_some());
    assert!(matches!(
        last_presence_event(h),
        EventKind::PresenceChanged { status_id: Some(s), .. } if s == training
    ));
    h.refused(conflict(ConflictReason::StatusLocked), |e| {
        e.set_presence(&SYS, a[0], in_status(lunch))
    });
    h.refused(conflict(ConflictReason::StatusLocked), |e| {
        let update = PresenceUpdate {
            show: Some(Show::Available),
            ..Default::default()
        };
        e.set_presence(&SYS, a[0], update)
    });
    // A client reporting what the lock holds passes, and keeps the status.
    let update = PresenceUpdate {
        show: Some(Show::Dnd),
        connection: Some(Connection::Online),
        ..Default::default()
    };
    let p = h.engine.set_presence(&SYS, a[0], update).unwrap();
    assert_eq!(p.status_id, Some(training));
    // Agents cannot lock.
    let (agent_user, _) = h.member(c, "Bob", Role::Agent);
    h.refused(forbidden(), |e| {
        e.lock_presence_status(&Actor::User(agent_user), a[0], lunch)
    });
    h.engine.unlock_presence(&sup, a[0]).unwrap();
    let p = h.engine.set_presence(&SYS, a[0], in_status(lunch)).unwrap();
    assert_eq!(p.status_id, Some(lunch));
    // A plain lock leaves the status.
    let p = h.engine.lock_presence(&sup, a[0], Show::Away).unwrap();
    assert_eq!((p.show, p.status_id), (Show::Away, None));
}

fn statuses_are_listed_renamed_and_deleted(h: &mut Harness) {
    let (c, _, a) = h.staffed_queue(1, |q| q);
    let training = status(h, c, "Training", Show::Dnd);
    let lunch = status(h, c, "lunch", Show::Away);
    let names: Vec<String> = h
        .engine
        .list_presence_statuses(&SYS, c)
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(names, ["lunch", "Training"], "by name, case-insensitively");
    h.refused(conflict(ConflictReason::NameTaken), |e| {
        e.create_presence_status(&SYS, c, "LUNCH", Show::Xa)
    });
    h.refused(conflict(ConflictReason::NameTaken), |e| {
        e.rename_presence_status(&SYS, training, "Lunch")
    });
    h.refused(invalid("name"), |e| {
        e.create_presence_status(&SYS, c, "", Show::Away)
    });
    h.refused(invalid("name"), |e| {
        e.rename_presence_status(&SYS, lunch, "")
    });
    let (agent_user, _) = h.member(c, "Bob", Role::Agent);
    let agent = Actor::User(agent_user);
    h.refused(forbidden(), |e| {
        e.create_presence_status(&agent, c, "Coffee", Show::Away)
    });
    assert_eq!(h.engine.list_presence_statuses(&agent, c).unwrap().len(), 2);
    let renamed = h
        .engine
        .rename_presence_status(&SYS, lunch, "Lunch break")
        .unwrap();
    assert_eq!(
        (renamed.name.as_str(), renamed.show),
        ("Lunch break", Show::Away)
    );
    // In use: refused until the agent leaves it.
    h.engine.set_presence(&SYS, a[0], in_status(lunch)).unwrap();
    h.refused(conflict(ConflictReason::StatusInUse), |e| {
        e.delete_presence_status(&SYS, lunch)
    });
    h.available(a[0]);
    h.engine.delete_presence_status(&SYS, lunch).unwrap();
    h.refused(not_found(), |e| e.get_presence_status(&SYS, lunch));
    h.refused(invalid("status_id"), |e| {
        e.set_presence(&SYS, a[0], in_status(lunch))
    });
    // Another company's members do not see it.
    let other = h.company_in("Other", "UTC");
    let (outsider, _) = h.member(other, "Olga", Role::Owner);
    h.refused(not_found(), |e| {
        e.get_presence_status(&Actor::User(outsider), training)
    });
}

fn agent_stats_report_time_per_status(h: &mut Harness) {
    let (c, _, a) = h.staffed_queue(1, |q| q);
    let lunch = status(h, c, "Lunch", Show::Away);
    let training = status(h, c, "Training", Show::Dnd);
    let from = h.engine.now();
    h.available(a[0]);
    h.advance(600);
    h.engine.set_presence(&SYS, a[0], in_status(lunch)).unwrap();
    // Across quarter-hour pieces.
    h.advance(1800);
    h.engine
        .set_presence(&SYS, a[0], in_status(training))
        .unwrap();
    h.advance(300);
    let query = |to| StatsQuery {
        company_id: c,
        from,
        to,
        service_level_seconds: 20,
    };
    let mut expected = vec![
        StatusSeconds {
            status_id: lunch,
            seconds: 1800.0,
        },
        StatusSeconds {
            status_id: training,
            seconds: 300.0,
        },
    ];
    expected.sort_by_key(|s| s.status_id);
    // Training is still open: it counts up to the window's end.
    let stats = h.engine.agent_stats(&SYS, &query(h.engine.now())).unwrap();
    assert_eq!(stats[0].status_seconds, expected);
    assert_eq!(
        stats[0].staffed_seconds, 600.0,
        "away and dnd are not staffed"
    );
    h.available(a[0]);
    h.advance(100);
    let stats = h.engine.agent_stats(&SYS, &query(h.engine.now())).unwrap();
    assert_eq!(stats[0].status_seconds, expected);
    assert_eq!(stats[0].staffed_seconds, 700.0);
    // A window inside the lunch sees only its share.
    let inside = StatsQuery {
        from: from + chrono::Duration::seconds(900),
        to: from + chrono::Duration::seconds(1200),
        ..query(from)
    };
    let stats = h.engine.agent_stats(&SYS, &inside).unwrap();
    assert_eq!(
        stats[0].status_seconds,
        vec![StatusSeconds {
            status_id: lunch,
            seconds: 300.0
        }]
    );
}

fn deleting_the_company_deletes_its_statuses(h: &mut Harness) {
    let c = h.company();
    let lunch = status(h, c, "Lunch", Show::Away);
    h.engine.delete_company(&SYS, c).unwrap();
    h.refused(not_found(), |e| e.get_presence_status(&SYS, lunch));
}

scenarios!(
    a_status_sets_its_show_and_the_event_carries_it,
    a_status_with_a_ready_show_gets_work_until_the_show_changes,
    a_show_beside_a_status_must_be_the_same,
    an_unknown_or_foreign_status_is_invalid_input,
    a_supervisor_locks_an_agent_in_a_status,
    statuses_are_listed_renamed_and_deleted,
    agent_stats_report_time_per_status,
    deleting_the_company_deletes_its_statuses,
);
