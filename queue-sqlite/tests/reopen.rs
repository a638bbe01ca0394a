//! Restarting on the same file continues exactly where the engine stopped: waiting objects
//! keep their enqueue time and order, offers keep their deadlines, routing carries on.

use chrono::{DateTime, Duration, TimeZone, Utc};
use queue_core::*;
use queue_sqlite::SqliteStore;
use std::path::Path;
use std::sync::Arc;

const SYS: Actor = Actor::System;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap()
}

/// An engine on `path` with a manual clock at `at`: a process (re)starting.
fn start(path: &Path, at: DateTime<Utc>) -> (Engine, Arc<ManualClock>) {
    let clock = Arc::new(ManualClock::new(at));
    let store = SqliteStore::open(path).expect("open");
    let engine = Engine::open(Box::new(store), clock.clone()).expect("engine");
    (engine, clock)
}

fn waiting_ids(e: &mut Engine, q: QueueId) -> Vec<StayId> {
    e.list_waiting(&SYS, q, 100)
        .expect("waiting")
        .into_iter()
        .map(|s| s.id)
        .collect()
}

#[test]
fn a_restarted_engine_continues_exactly_where_it_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("queue.db");

    // Monday 09:00: three chats arrive while the only agent is away.
    let (mut e, clock) = start(&db, t0());
    let acme = e
        .create_company(
            &SYS,
            NewCompany {
                name: "Acme".into(),
                ..Default::default()
            },
        )
        .unwrap()
        .id;
    let ann = e
        .create_user(
            &SYS,
            NewUser {
                username: "ann".into(),
                firstname: "Ann".into(),
                lastname: "Smit".into(),
                email: "ann@example.org".into(),
                ..Default::default()
            },
        )
        .unwrap()
        .id;
    let agent = e
        .create_company_user(&SYS, NewCompanyUser::agent(acme, ann))
        .unwrap()
        .id;
    let support = e
        .create_queue(
            &SYS,
            NewQueue {
                offer_timeout: Some(20),
                ..NewQueue::named(acme, "support")
            },
        )
        .unwrap()
        .id;
    e.assign_operator(&SYS, support, agent, 1).unwrap();
    let mut chats = Vec::new();
    for (i, priority) in [0, 0, 5].into_iter().enumerate() {
        clock.set(t0() + Duration::seconds(10 * i as i64));
        let new = NewObject {
            priority,
            ..NewObject::chat(acme, &format!("visitor {i}"))
        };
        chats.push(e.enqueue_new(&SYS, new, support, None).unwrap());
    }
    let order = waiting_ids(&mut e, support);
    // The urgent chat first, then the others by longest wait.
    assert_eq!(order, vec![chats[2].id, chats[0].id, chats[1].id]);
    let sizes = e.routing_index_sizes();
    let events_before = e.events(&SYS, &EventQuery::default()).unwrap();
    drop(e);

    // The process restarts a minute later: same waiting line, same enqueue times.
    let (mut e, clock) = start(&db, t0() + Duration::seconds(60));
    assert_eq!(e.routing_index_sizes(), sizes);
    assert_eq!(waiting_ids(&mut e, support), order);
    for chat in &chats {
        let stored = e.get_stay(&SYS, chat.id).unwrap();
        assert_eq!(stored.enqueued_at, chat.enqueued_at);
        assert_eq!(stored.wait_since, chat.wait_since);
        assert_eq!(stored.state, StayState::Waiting);
    }
    // Ann comes back: the urgent chat is offered to her, for 20 seconds.
    e.set_presence(
        &SYS,
        agent,
        PresenceUpdate {
            show: Some(Show::Available),
            ..Default::default()
        },
    )
    .unwrap();
    let offered = e.get_stay(&SYS, chats[2].id).unwrap();
    assert_eq!(offered.state, StayState::Offered);
    let deadline = t0() + Duration::seconds(80);
    assert_eq!(offered.offer_expires_at, Some(deadline));
    clock.advance(Duration::seconds(5));
    drop(e);

    // Restart mid-offer: the offer and its deadline survive, and the deadline is what is due.
    let (mut e, clock) = start(&db, t0() + Duration::seconds(70));
    let still = e.get_stay(&SYS, chats[2].id).unwrap();
    assert_eq!(still.state, StayState::Offered);
    assert_eq!(still.offer_expires_at, Some(deadline));
    assert_eq!(e.next_due(), Some(deadline));
    // Ann lets it lapse: it waits again without her, and the next chat is offered to her.
    clock.set(deadline + Duration::seconds(1));
    e.tick().unwrap();
    let lapsed = e.get_stay(&SYS, chats[2].id).unwrap();
    assert_eq!(lapsed.state, StayState::Waiting);
    assert_eq!(lapsed.excluded, vec![agent]);
    assert_eq!(e.holder_of(chats[0].id), Some(agent));
    drop(e);

    // Restart again: she accepts and completes; routing hands her the last chat.
    let (mut e, clock) = start(&db, deadline + Duration::seconds(5));
    assert_eq!(e.holder_of(chats[0].id), Some(agent));
    e.accept_offer(&SYS, chats[0].id).unwrap();
    clock.advance(Duration::minutes(3));
    e.complete(&SYS, chats[0].id).unwrap();
    assert_eq!(e.holder_of(chats[1].id), Some(agent));
    assert_eq!(waiting_ids(&mut e, support), vec![chats[2].id]);

    // The event log carried on from where it was, without gaps.
    let events = e.events(&SYS, &EventQuery::default()).unwrap();
    assert_eq!(events[..events_before.len()], events_before[..]);
    assert!(events
        .iter()
        .enumerate()
        .all(|(i, ev)| ev.seq == i as u64 + 1));
    assert!(events.len() > events_before.len());
}

#[test]
fn a_second_engine_on_the_same_file_sees_what_the_first_wrote_and_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("queue.db");
    let (mut a, _) = start(&db, t0());
    let (mut b, _) = start(&db, t0());
    let acme = a
        .create_company(
            &SYS,
            NewCompany {
                name: "Acme".into(),
                ..Default::default()
            },
        )
        .unwrap()
        .id;
    let q = a
        .create_queue(&SYS, NewQueue::named(acme, "support"))
        .unwrap();
    // B notices A's writes before answering.
    assert_eq!(b.get_queue(&SYS, q.id).unwrap(), q);
    // B deletes the queue; A no longer finds it.
    b.delete_queue(&SYS, q.id).unwrap();
    assert!(matches!(
        a.get_queue(&SYS, q.id),
        Err(Error::NotFound { .. })
    ));
    assert!(a.list_queues(&SYS, acme).unwrap().is_empty());
    // And a third engine opened now never sees it either.
    let (mut c, _) = start(&db, t0());
    assert!(c.list_queues(&SYS, acme).unwrap().is_empty());
}

/// Who holds a stay now.
trait HolderOf {
    fn holder_of(&mut self, id: StayId) -> Option<CompanyUserId>;
}

impl HolderOf for Engine {
    fn holder_of(&mut self, id: StayId) -> Option<CompanyUserId> {
        self.get_stay(&SYS, id).expect("stay").holder()
    }
}
