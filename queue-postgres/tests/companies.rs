//! Tenants are independent: a write transaction of one company holds up that company's
//! commands and the global ones (users, tokens, new companies), never another company's. On
//! the server at `QUEUE_POSTGRES_URL` (skipped with a notice when it is unset).
//!
//! A node whose command would wait for a lock gets a storage error once the lock timeout
//! (here 300 ms) passes, so "went through" below means "did not wait for the held lock".

use chrono::{TimeZone, Utc};
use queue_core::*;
use queue_postgres::{PostgresOptions, PostgresStore};
use std::sync::Arc;
use std::time::Duration;

const SYS: Actor = Actor::System;

fn url() -> Option<String> {
    let url = std::env::var("QUEUE_POSTGRES_URL")
        .ok()
        .filter(|u| !u.is_empty());
    if url.is_none() {
        eprintln!("note: QUEUE_POSTGRES_URL is not set: the PostgreSQL store tests are skipped");
    }
    url
}

fn company(e: &mut Engine, name: &str) -> (CompanyId, QueueId) {
    let c = e
        .create_company(
            &SYS,
            NewCompany {
                name: name.into(),
                ..Default::default()
            },
        )
        .unwrap();
    let q = e
        .create_queue(&SYS, NewQueue::named(c.id, "support"))
        .unwrap();
    (c.id, q.id)
}

fn is_lock_timeout(err: &Error) -> bool {
    matches!(err, Error::Storage { message } if message.contains("lock"))
}

#[test]
fn one_company_s_open_transaction_holds_up_its_own_and_global_commands_only() {
    let Some(url) = url() else { return };
    let clock = Arc::new(ManualClock::new(
        Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap(),
    ));
    let mut owner = PostgresStore::connect_temporary(&url).unwrap();
    let schema = owner.schema().unwrap();
    let mut first = Engine::open_seeded(Box::new(owner), clock.clone(), 1).unwrap();
    let (acme, acme_q) = company(&mut first, "Acme");
    let (bolt, bolt_q) = company(&mut first, "Bolt");
    let options = PostgresOptions {
        schema: Some(schema),
        lock_timeout: Duration::from_millis(300),
        ..Default::default()
    };
    let store = PostgresStore::connect_with(&url, options.clone()).unwrap();
    let mut second = Engine::open_seeded(Box::new(store), clock.clone(), 2).unwrap();

    // A third session holds Acme's write lock, as a node in the middle of an Acme command.
    let mut holder = PostgresStore::connect_with(&url, options.clone()).unwrap();
    holder.begin_in(Scope::Company(acme)).unwrap();

    // Bolt's commands go through meanwhile, on both nodes.
    let b1 = second
        .enqueue_new(&SYS, NewObject::chat(bolt, "Bo"), bolt_q, None)
        .unwrap();
    let b2 = first
        .enqueue_new(&SYS, NewObject::chat(bolt, "Bea"), bolt_q, None)
        .unwrap();
    // Acme's wait for the lock, and fail with nothing written; so do global commands.
    let events_before = second.events(&SYS, &EventQuery::default()).unwrap().len();
    let err = second
        .enqueue_new(&SYS, NewObject::chat(acme, "Al"), acme_q, None)
        .unwrap_err();
    assert!(is_lock_timeout(&err), "{err:?}");
    let err = second
        .create_company(
            &SYS,
            NewCompany {
                name: "Cogs".into(),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert!(is_lock_timeout(&err), "{err:?}");
    assert_eq!(
        second.events(&SYS, &EventQuery::default()).unwrap().len(),
        events_before
    );

    holder.rollback();
    let a = second
        .enqueue_new(&SYS, NewObject::chat(acme, "Al"), acme_q, None)
        .unwrap();
    // Each node sees what the other committed, in every company.
    assert_eq!(first.get_stay(&SYS, a.id).unwrap().queue_id, acme_q);
    assert_eq!(second.get_stay(&SYS, b2.id).unwrap().queue_id, bolt_q);
    let waiting = |e: &mut Engine, q| e.list_waiting(&SYS, q, 10).unwrap().len();
    assert_eq!(waiting(&mut first, bolt_q), 2);
    assert_eq!(waiting(&mut second, acme_q), 1);
    let _ = b1;
}
