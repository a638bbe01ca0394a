//! The `Store` contract on SQLite: the same answers as the in-memory store, secrets stored
//! hashed, other connections' writes delivered, and unseen overwrites refused.

use chrono::{DateTime, Duration, TimeZone, Utc};
use queue_core::*;
use queue_sqlite::{SqliteStore, SCHEMA_VERSION};
use std::sync::Arc;

const SYS: Actor = Actor::System;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap()
}

/// A small day in two companies, run the same way on any store; returns the companies.
fn small_day(e: &mut Engine, clock: &ManualClock) -> Vec<CompanyId> {
    let mut companies = Vec::new();
    for name in ["Acme", "Globex"] {
        let c = e
            .create_company(
                &SYS,
                NewCompany {
                    name: name.into(),
                    ..Default::default()
                },
            )
            .unwrap()
            .id;
        let u = e
            .create_user(
                &SYS,
                NewUser {
                    username: format!("agent.{}", name.to_lowercase()),
                    firstname: "Agent".into(),
                    lastname: "Tester".into(),
                    email: format!("agent@{}.example", name.to_lowercase()),
                    ..Default::default()
                },
            )
            .unwrap()
            .id;
        let a = e
            .create_company_user(&SYS, NewCompanyUser::agent(c, u))
            .unwrap()
            .id;
        let q = e
            .create_queue(&SYS, NewQueue::named(c, "support"))
            .unwrap()
            .id;
        e.assign_operator(&SYS, q, a, 1).unwrap();
        e.set_presence(
            &SYS,
            a,
            PresenceUpdate {
                show: Some(Show::Available),
                ..Default::default()
            },
        )
        .unwrap();
        for i in 0..3 {
            clock.advance(Duration::seconds(7));
            let s = e
                .enqueue_new(&SYS, NewObject::chat(c, &format!("visitor {i}")), q, None)
                .unwrap();
            clock.advance(Duration::milliseconds(1500));
            if e.get_stay(&SYS, s.id).unwrap().state == StayState::Assigned {
                e.complete(&SYS, s.id).unwrap();
            }
        }
        companies.push(c);
    }
    companies
}

#[test]
fn events_are_answered_exactly_as_by_the_in_memory_store() {
    let run = |store: Box<dyn Store>| {
        let clock = Arc::new(ManualClock::new(t0()));
        let mut e = Engine::open_seeded(store, clock.clone(), 42).unwrap();
        let companies = small_day(&mut e, &clock);
        (e, companies)
    };
    let (mut mem, companies) = run(Box::new(MemoryStore::new()));
    let (mut sql, same) = run(Box::new(SqliteStore::open_temporary().unwrap()));
    assert_eq!(companies, same);
    let all = mem.events(&SYS, &EventQuery::default()).unwrap();
    assert!(all.len() > 20);
    let mid = all[all.len() / 2].at;
    let queries = [
        EventQuery::default(),
        EventQuery {
            company_id: Some(companies[1]),
            ..Default::default()
        },
        EventQuery {
            from: Some(mid),
            ..Default::default()
        },
        EventQuery {
            to: Some(mid),
            ..Default::default()
        },
        EventQuery {
            // Sub-second bounds compare exactly.
            from: Some(mid - Duration::milliseconds(500)),
            to: Some(mid + Duration::milliseconds(1)),
            company_id: Some(companies[0]),
            ..Default::default()
        },
        EventQuery {
            after_seq: Some(5),
            limit: Some(4),
            ..Default::default()
        },
        EventQuery {
            company_id: Some(companies[0]),
            after_seq: Some(3),
            limit: Some(0),
            ..Default::default()
        },
        EventQuery {
            after_seq: Some(u64::MAX),
            limit: Some(usize::MAX),
            ..Default::default()
        },
    ];
    for q in &queries {
        assert_eq!(
            sql.events(&SYS, q).unwrap(),
            mem.events(&SYS, q).unwrap(),
            "{q:?}"
        );
    }
}

#[test]
fn queue_passwords_and_access_tokens_are_never_stored_in_clear() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("queue.db");
    let clock = Arc::new(ManualClock::new(t0()));
    let mut e = Engine::open(Box::new(SqliteStore::open(&path).unwrap()), clock).unwrap();
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
    let password = "correct-horse-battery-staple";
    let q = e
        .create_queue(
            &SYS,
            NewQueue {
                password: Some(password.into()),
                ..NewQueue::named(acme, "vip")
            },
        )
        .unwrap();
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
    let issued = e.issue_token(&SYS, ann, "laptop").unwrap();
    assert!(issued.secret.len() > 20);

    // Read the rows directly, as someone with a copy of the file would.
    let raw = rusqlite::Connection::open(&path).unwrap();
    let stored_password: String = raw
        .query_row(
            "SELECT body FROM queue_password WHERE id = ?1",
            [q.id.to_string()],
            |r| r.get(0),
        )
        .unwrap();
    assert!(!stored_password.contains(password), "{stored_password}");
    assert!(stored_password.contains("$argon2id$"), "{stored_password}");
    let stored_token: String = raw
        .query_row(
            "SELECT body FROM access_token WHERE id = ?1",
            [issued.token.id.to_string()],
            |r| r.get(0),
        )
        .unwrap();
    assert!(!stored_token.contains(&issued.secret), "{stored_token}");
    let secret_body = issued.secret.trim_start_matches("cnq_");
    assert!(!stored_token.contains(secret_body), "{stored_token}");
    drop(raw);

    // Nowhere in the files either (the database and its write-ahead log).
    for suffix in ["", "-wal"] {
        let mut name = path.clone().into_os_string();
        name.push(suffix);
        let bytes = std::fs::read(&name).unwrap_or_default();
        for secret in [password, secret_body] {
            assert!(
                !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
                "{secret} found in {name:?}"
            );
        }
    }
    // And still usable: the token authenticates, the password admits.
    assert_eq!(e.authenticate(&issued.secret).unwrap(), Actor::User(ann));
    e.enqueue_new(&SYS, NewObject::chat(acme, "v"), q.id, Some(password))
        .unwrap();
}

#[test]
fn a_commit_based_on_a_stale_view_is_refused_as_a_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("queue.db");
    let clock = Arc::new(ManualClock::new(t0()));
    let mut writer =
        Engine::open(Box::new(SqliteStore::open(&path).unwrap()), clock.clone()).unwrap();
    let acme = writer
        .create_company(
            &SYS,
            NewCompany {
                name: "Acme".into(),
                ..Default::default()
            },
        )
        .unwrap();

    let mut stale = SqliteStore::open(&path).unwrap();
    let records = stale.load().unwrap();
    let company = records
        .iter()
        .find(|r| r.kind() == Kind::Company)
        .cloned()
        .unwrap();

    // Someone else renames the company after `stale` read the file.
    writer
        .update_company(
            &SYS,
            acme.id,
            CompanyUpdate {
                name: Some("Acme Inc".into()),
                ..Default::default()
            },
        )
        .unwrap();

    // Writing without catching up first is refused, whatever it writes: the old version of
    // the same row, a deletion, or some other row entirely (a decision made on stale state).
    let mut other = company.clone();
    if let Record::Company(c) = &mut other {
        c.id = CompanyId(uuid::Uuid::now_v7());
        c.name = "Initech".into();
    }
    let attempts = [
        vec![Change::Put(company.clone())],
        vec![Change::Delete(Kind::Company, company.id())],
        vec![Change::Put(other.clone())],
    ];
    for changes in &attempts {
        stale.begin().unwrap();
        let result = stale.commit(changes, &[]);
        stale.rollback();
        assert!(
            matches!(result, Err(Error::Conflict { .. })),
            "{changes:?}: {result:?}"
        );
    }

    // ...and nothing of it was written.
    let companies = writer.list_companies(&SYS, &[]).unwrap();
    assert_eq!(companies.len(), 1);
    assert_eq!(companies[0].company.name, "Acme Inc");

    // Having caught up, the same connection may write.
    stale.begin().unwrap();
    let Changes::Since(changes) = stale.changes().unwrap() else {
        panic!("nothing was pruned: no reload")
    };
    assert!(
        changes
            .iter()
            .any(|c| matches!(c, Change::Put(Record::Company(c)) if c.name == "Acme Inc")),
        "the rename is delivered: {changes:?}"
    );
    stale.commit(&[Change::Put(other)], &[]).unwrap();
    // Nobody wrote since: nothing to deliver; the writer sees the new company.
    assert_eq!(stale.changes().unwrap(), Changes::Since(Vec::new()));
    assert_eq!(writer.list_companies(&SYS, &[]).unwrap().len(), 2);
}

#[test]
fn a_commit_is_all_or_nothing_and_rollback_discards_it() {
    let mut store = SqliteStore::open_in_memory().unwrap();
    assert_eq!(store.path(), None);
    assert!(store.load().unwrap().is_empty());
    // Commit outside a transaction is refused.
    assert!(matches!(store.commit(&[], &[]), Err(Error::Storage { .. })));
    let clock = Arc::new(ManualClock::new(t0()));
    let mut e = Engine::open(Box::new(store), clock).unwrap();
    let acme = e
        .create_company(
            &SYS,
            NewCompany {
                name: "Acme".into(),
                ..Default::default()
            },
        )
        .unwrap();
    // A command that fails validation writes nothing, and the engine goes on.
    let bad = e.create_queue(&SYS, NewQueue::named(acme.id, ""));
    assert!(matches!(bad, Err(Error::InvalidInput { .. })));
    assert!(e.list_queues(&SYS, acme.id).unwrap().is_empty());
    e.create_queue(&SYS, NewQueue::named(acme.id, "support"))
        .unwrap();
    assert_eq!(e.list_queues(&SYS, acme.id).unwrap().len(), 1);
}

#[test]
fn a_temporary_database_disappears_with_its_store() {
    let store = SqliteStore::open_temporary().unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let path = std::path::PathBuf::from(store.path().expect("a file"));
    assert!(path.exists());
    drop(store);
    assert!(!path.exists());
    let mut wal = path.into_os_string();
    wal.push("-wal");
    assert!(!std::path::Path::new(&wal).exists());
}

#[test]
fn processes_opening_a_new_file_at_the_same_moment_all_get_one_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fresh.db");
    let openers: Vec<_> = (0..4)
        .map(|i| {
            let path = path.clone();
            std::thread::spawn(move || {
                let clock = Arc::new(ManualClock::new(t0()));
                let store = SqliteStore::open(&path)?;
                let mut e = Engine::open(Box::new(store), clock)?;
                let new = NewCompany {
                    name: format!("Company {i}"),
                    ..Default::default()
                };
                e.create_company(&SYS, new).map(|c| c.id)
            })
        })
        .collect();
    let created: Vec<CompanyId> = openers
        .into_iter()
        .map(|t| t.join().unwrap().unwrap())
        .collect();
    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let mut e = Engine::open(Box::new(store), Arc::new(ManualClock::new(t0()))).unwrap();
    let mut stored: Vec<CompanyId> = e
        .list_companies(&SYS, &[])
        .unwrap()
        .into_iter()
        .map(|c| c.company.id)
        .collect();
    stored.sort();
    let mut created = created;
    created.sort();
    assert_eq!(stored, created);
}

#[test]
fn a_connection_that_missed_pruned_history_reloads_instead_of_routing_on_phantoms() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("queue.db");
    let clock = Arc::new(ManualClock::new(t0()));
    let open = || Engine::open(Box::new(SqliteStore::open(&path).unwrap()), clock.clone()).unwrap();
    let mut a = open();
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
    let user = a
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
        .unwrap();
    let ann = a
        .create_company_user(&SYS, NewCompanyUser::agent(acme, user.id))
        .unwrap()
        .id;
    let q = a
        .create_queue(&SYS, NewQueue::named(acme, "support"))
        .unwrap()
        .id;
    a.assign_operator(&SYS, q, ann, 1).unwrap();
    let ready = PresenceUpdate {
        show: Some(Show::Available),
        ..Default::default()
    };
    a.set_presence(&SYS, ann, ready).unwrap();
    let first = a
        .enqueue_new(&SYS, NewObject::chat(acme, "first"), q, None)
        .unwrap();
    let second = a
        .enqueue_new(&SYS, NewObject::chat(acme, "second"), q, None)
        .unwrap();

    // B looks now: Ann busy with the first chat, the second waiting.
    let mut b = open();
    assert_eq!(
        b.get_stay(&SYS, second.id).unwrap().state,
        StayState::Waiting
    );

    // A handles both and prunes them before B looks again: the rows that would tell B they
    // ended are gone.
    clock.advance(Duration::seconds(60));
    a.complete(&SYS, first.id).unwrap();
    a.complete(&SYS, second.id).unwrap();
    clock.advance(Duration::seconds(60));
    let pruned = a.prune_history(&SYS, clock.now()).unwrap();
    assert_eq!(pruned.stays, 2);

    // B reloads rather than believe Ann still busy: a new chat goes to her at once.
    let third = b
        .enqueue_new(&SYS, NewObject::chat(acme, "third"), q, None)
        .unwrap();
    assert_eq!(third.assigned_to, Some(ann));
    assert!(b.get_stay(&SYS, first.id).is_err());
    assert_eq!(b.working_set_size(), {
        a.get_stay(&SYS, third.id).unwrap();
        a.working_set_size()
    });
}
