//! Watching the event log: a host learns of every committed event — an assignment, an
//! abandonment — as it is committed, once each, in order, from where it chooses; on another
//! thread while the engine goes on; resuming from a saved sequence number.

use queue_behaviour::*;
use queue_core::*;
use std::time::Duration;

const SYS: Actor = Actor::System;

fn drain(w: &mut Watch) -> Vec<Event> {
    std::iter::from_fn(|| w.try_next().unwrap()).collect()
}

fn all_events(h: &mut Harness) -> Vec<Event> {
    h.engine.events(&SYS, &EventQuery::default()).unwrap()
}

fn a_watch_delivers_every_new_event_once_in_order(h: &mut Harness) {
    let (c, q, a) = h.staffed_queue(1, |q| q);
    let before = all_events(h).len();
    let mut w = h.engine.watch(&SYS, WatchQuery::default()).unwrap();
    assert!(
        w.try_next().unwrap().is_none(),
        "only what comes from now on"
    );
    h.available(a[0]);
    let s = h.chat(c, q, 0);
    let gone = h.chat(c, q, 0); // Ann is busy: this one waits, and the customer leaves
    h.engine.abandon(&SYS, gone.id).unwrap();
    let seen = drain(&mut w);
    assert_eq!(seen, all_events(h)[before..].to_vec());
    assert!(seen.iter().any(|e| matches!(
        e.kind,
        EventKind::Assigned { stay_id, company_user_id, .. } if stay_id == s.id && company_user_id == a[0]
    )));
    assert!(seen
        .iter()
        .any(|e| matches!(e.kind, EventKind::Abandoned { stay_id, .. } if stay_id == gone.id)));
    assert_eq!(w.seq(), seen.last().unwrap().seq);
    assert_eq!(w.next_timeout(Duration::ZERO).unwrap(), None);
}

fn a_watch_waiting_on_another_thread_wakes_at_the_commit(h: &mut Harness) {
    let (c, q, a) = h.staffed_queue(1, |q| q);
    h.available(a[0]);
    let mut w = h.engine.watch(&SYS, WatchQuery::default()).unwrap();
    let waiter = std::thread::spawn(move || {
        let first = w.next_timeout(Duration::from_secs(30)).unwrap();
        (first, w)
    });
    let s = h.chat(c, q, 0);
    let (first, mut w) = waiter.join().unwrap();
    let first = first.expect("woken by the commit");
    // As an iterator it waits as long as it takes; here the rest is already committed.
    let next = w.next().unwrap().unwrap();
    assert!(next.seq > first.seq);
    let mut seen = vec![first, next];
    seen.extend(drain(&mut w));
    assert!(seen
        .iter()
        .any(|e| matches!(e.kind, EventKind::Assigned { stay_id, .. } if stay_id == s.id)));
}

fn resuming_from_a_saved_seq_delivers_the_rest_exactly_once(h: &mut Harness) {
    let (c, q, a) = h.staffed_queue(1, |q| q);
    let mut w = h
        .engine
        .watch(
            &SYS,
            WatchQuery {
                after_seq: Some(0),
                ..Default::default()
            },
        )
        .unwrap();
    h.available(a[0]);
    let first = h.chat(c, q, 0);
    // The host handles two events, saves where it is, and stops.
    w.try_next().unwrap().unwrap();
    w.try_next().unwrap().unwrap();
    let saved = w.seq();
    drop(w);
    h.engine.complete(&SYS, first.id).unwrap();
    h.chat(c, q, 0);
    if h.kind != StoreKind::Memory {
        h.engine.reload().unwrap(); // as after a restart
    }
    let query = WatchQuery {
        after_seq: Some(saved),
        ..Default::default()
    };
    let mut resumed = h.engine.watch(&SYS, query).unwrap();
    let rest = drain(&mut resumed);
    let expected: Vec<Event> = all_events(h)
        .into_iter()
        .filter(|e| e.seq > saved)
        .collect();
    assert_eq!(rest, expected);
    assert!(!rest.is_empty());
}

fn a_company_watch_sees_only_its_company(h: &mut Harness) {
    let (c, q, a) = h.staffed_queue(1, |q| q);
    let (other, oq, oa) = h.staffed_queue(1, |q| q);
    let mut w = h
        .engine
        .watch(
            &SYS,
            WatchQuery {
                company_id: Some(c),
                ..Default::default()
            },
        )
        .unwrap();
    // Lots of traffic elsewhere, then one event of ours.
    h.available(oa[0]);
    for _ in 0..300 {
        let s = h.chat(other, oq, 0);
        h.engine.complete(&SYS, s.id).unwrap();
    }
    assert_eq!(w.try_next().unwrap(), None);
    h.available(a[0]);
    let seen = drain(&mut w);
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].company_id, Some(c));
    let s = h.chat(c, q, 0);
    let seen = drain(&mut w);
    assert!(seen.iter().all(|e| e.company_id == Some(c)));
    assert!(seen
        .iter()
        .any(|e| matches!(e.kind, EventKind::Enqueued { stay_id, .. } if stay_id == s.id)));
}

fn watching_needs_the_access_reading_events_needs(h: &mut Harness) {
    let (c, _, a) = h.staffed_queue(1, |q| q);
    let (admin, _) = h.member(c, "Ada", Role::Admin);
    let agent_user = h
        .engine
        .get_company_user(&SYS, a[0])
        .unwrap()
        .user_id
        .unwrap();
    let ours = WatchQuery {
        company_id: Some(c),
        ..Default::default()
    };
    assert!(h.engine.watch(&Actor::User(admin), ours).is_ok());
    let err = h.engine.watch(&Actor::User(agent_user), ours).unwrap_err();
    assert_eq!(err.code(), forbidden().code());
    let err = h
        .engine
        .watch(&Actor::User(admin), WatchQuery::default())
        .unwrap_err();
    assert_eq!(
        err.code(),
        forbidden().code(),
        "all companies: the system only"
    );
    let err = h.engine.watch(&Actor::Anonymous, ours).unwrap_err();
    assert_eq!(err.code(), unauthenticated().code());
}

fn an_agent_watches_their_own_offers_and_nobody_elses(h: &mut Harness) {
    let (c, q, a) = h.staffed_queue(2, |q| q);
    let (admin, _) = h.member(c, "Ada", Role::Admin);
    let user_of = |h: &mut Harness, cu| {
        h.engine
            .get_company_user(&SYS, cu)
            .unwrap()
            .user_id
            .unwrap()
    };
    let ann = user_of(h, a[0]);
    let bob = user_of(h, a[1]);
    let mine = WatchQuery {
        company_user_id: Some(a[0]),
        ..Default::default()
    };
    let mut w = h.engine.watch(&Actor::User(ann), mine).unwrap();
    // Bob's presence and work are not Ann's business; the enqueue itself names no agent.
    h.available(a[1]);
    let bobs = h.chat(c, q, 0);
    assert_eq!(w.try_next().unwrap(), None);
    h.engine.complete(&SYS, bobs.id).unwrap();
    h.available(a[0]);
    h.engine
        .set_presence(
            &SYS,
            a[1],
            PresenceUpdate {
                show: Some(Show::Away),
                ..Default::default()
            },
        )
        .unwrap();
    let s = h.chat(c, q, 0);
    let seen = drain(&mut w);
    assert!(!seen.is_empty());
    assert!(seen
        .iter()
        .all(|e| e.kind.company_user_id() == Some(a[0]) && e.company_id == Some(c)));
    assert!(seen.iter().any(|e| matches!(e.kind,
        EventKind::Assigned { stay_id, .. } | EventKind::Offered { stay_id, .. } if stay_id == s.id)));
    // An admin may watch Ann; Bob may not; a company beside must be Ann's.
    assert!(h.engine.watch(&Actor::User(admin), mine).is_ok());
    let err = h.engine.watch(&Actor::User(bob), mine).unwrap_err();
    assert_eq!(err.code(), forbidden().code());
    let (other, _, _) = h.staffed_queue(1, |q| q);
    let err = h
        .engine
        .watch(
            &SYS,
            WatchQuery {
                company_id: Some(other),
                ..mine
            },
        )
        .unwrap_err();
    assert_eq!(err.field(), Some("company_id"));
}

scenarios!(
    an_agent_watches_their_own_offers_and_nobody_elses,
    a_watch_delivers_every_new_event_once_in_order,
    a_watch_waiting_on_another_thread_wakes_at_the_commit,
    resuming_from_a_saved_seq_delivers_the_rest_exactly_once,
    a_company_watch_sees_only_its_company,
    watching_needs_the_access_reading_events_needs,
);
