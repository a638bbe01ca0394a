//! A schema-1 file (before the working set left history out) is taken forward in place: the
//! placement of every record is filled in from its body, an engine opened on it loads only
//! the working set, and the history reads back as before.

use chrono::{DateTime, TimeZone, Utc};
use queue_core::*;
use queue_sqlite::{SqliteStore, SCHEMA_VERSION};
use rusqlite::Connection;
use std::path::Path;
use std::sync::Arc;

const SYS: Actor = Actor::System;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap()
}

fn engine(path: &Path) -> Engine {
    let store = SqliteStore::open(path).expect("open");
    Engine::open(Box::new(store), Arc::new(ManualClock::new(t0()))).expect("engine")
}

/// Turns a current file back into schema 1: the kind tables without their placement
/// columns and indexes, no time index on the event log, `user_version` 1.
fn back_to_schema_1(path: &Path) {
    let conn = Connection::open(path).unwrap();
    let indexes: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND name NOT LIKE '%_seq' AND name != 'event_log_company'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for i in indexes {
        conn.execute_batch(&format!("DROP INDEX \"{i}\"")).unwrap();
    }
    for kind in Kind::ALL {
        for column in ["keep", "parent", "company", "since_s"] {
            conn.execute_batch(&format!(
                "ALTER TABLE \"{}\" DROP COLUMN {column}",
                kind.name()
            ))
            .unwrap();
        }
    }
    conn.execute_batch("DROP TABLE piece").unwrap();
    for column in [
        "fact",
        "fact_queue",
        "fact_agent",
        "fact_since_s",
        "fact_since_ns",
        "fact_score",
    ] {
        conn.execute_batch(&format!("ALTER TABLE event_log DROP COLUMN {column}"))
            .unwrap();
    }
    conn.execute_batch("DELETE FROM store_meta WHERE key IN ('event_seq', 'prune_horizon')")
        .unwrap();
    conn.pragma_update(None, "user_version", 1).unwrap();
}

fn last_event_seq(e: &mut Engine) -> u64 {
    let all = e.events(&SYS, &EventQuery::default()).unwrap();
    all.last().map_or(0, |ev| ev.seq)
}

#[test]
fn a_schema_1_file_is_migrated_in_place_and_loads_only_its_working_set() {
    assert_eq!(SCHEMA_VERSION, 6);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("queue.db");
    let (done, waiting, q, seq_before) = {
        let mut e = engine(&db);
        let acme = e
            .create_company(
                &SYS,
                NewCompany {
                    name: "Acme".into(),
                    ..Default::default()
                },
            )
            .unwrap();
        let u = e
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
        let ann = e
            .create_company_user(&SYS, NewCompanyUser::agent(acme.id, u.id))
            .unwrap();
        let q = e
            .create_queue(&SYS, NewQueue::named(acme.id, "support"))
            .unwrap();
        e.assign_operator(&SYS, q.id, ann.id, 1).unwrap();
        let update = PresenceUpdate {
            show: Some(Show::Available),
            ..Default::default()
        };
        e.set_presence(&SYS, ann.id, update).unwrap();
        let done = e
            .enqueue_new(&SYS, NewObject::chat(acme.id, "first"), q.id, None)
            .unwrap();
        e.add_note(&SYS, done.id, "handled").unwrap();
        e.complete(&SYS, done.id).unwrap();
        e.rate(&SYS, done.object_id, 5, "").unwrap();
        let waiting = e
            .enqueue_new(&SYS, NewObject::chat(acme.id, "second"), q.id, None)
            .unwrap();
        (done, waiting, q.id, last_event_seq(&mut e))
    };
    back_to_schema_1(&db);

    let mut e = engine(&db);
    let version: u32 = Connection::open(&db)
        .unwrap()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    let loaded = e.store_mut().load().unwrap();
    let stays: Vec<StayId> = loaded
        .iter()
        .filter_map(|r| match r {
            Record::Stay(s) => Some(s.id),
            _ => None,
        })
        .collect();
    assert_eq!(stays, vec![waiting.id], "only the live stay is loaded");
    assert!(loaded
        .iter()
        .all(|r| !matches!(r, Record::Note(_) | Record::Rating(_))));
    assert!(loaded
        .iter()
        .any(|r| matches!(r, Record::QueueableObject(o) if o.id == waiting.object_id)));
    assert!(!loaded
        .iter()
        .any(|r| matches!(r, Record::QueueableObject(o) if o.id == done.object_id)));

    assert_eq!(
        e.get_stay(&SYS, done.id).unwrap().state,
        StayState::Completed
    );
    assert_eq!(e.list_notes(&SYS, done.id).unwrap()[0].text, "handled");
    assert_eq!(
        e.get_rating(&SYS, done.object_id).unwrap().unwrap().score,
        5
    );
    // The second chat went to Ann when the first was done: live, and routed on.
    assert_eq!(
        e.get_stay(&SYS, waiting.id).unwrap().state,
        StayState::Assigned
    );
    assert!(e.list_waiting(&SYS, q, 10).unwrap().is_empty());

    // Statistics read the facts filled in beside the old events.
    let window = StatsQuery {
        company_id: done.company_id,
        from: t0(),
        to: t0() + chrono::Duration::hours(1),
        service_level_seconds: 20,
    };
    let stats = e.queue_stats(&SYS, &window).unwrap();
    assert_eq!((stats[0].offered, stats[0].answered), (2, 2));
    assert_eq!(stats[0].average_rating, Some(5.0));

    // Every stored time piece got its columns.
    let conn = Connection::open(&db).unwrap();
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(
        count("SELECT COUNT(*) FROM piece"),
        count("SELECT COUNT(*) FROM \"interval\" WHERE body IS NOT NULL")
    );

    // The event counter starts where the log ended: new events number on, none reused.
    e.add_note(&SYS, waiting.id, "after the migration").unwrap();
    assert!(last_event_seq(&mut e) > seq_before);
}

/// A schema-4 file (time pieces without `wrap_up`) keeps its pieces through migration 5,
/// none of them wrap-up, and statistics read the same.
#[test]
fn a_schema_4_file_keeps_its_pieces_and_gains_wrap_up() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("queue.db");
    let pieces_before = {
        let clock = Arc::new(ManualClock::new(t0()));
        let store = SqliteStore::open(&db).expect("open");
        let mut e = Engine::open(Box::new(store), clock.clone()).expect("engine");
        let acme = e
            .create_company(
                &SYS,
                NewCompany {
                    name: "Acme".into(),
                    ..Default::default()
                },
            )
            .unwrap();
        let u = e
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
        let ann = e
            .create_company_user(&SYS, NewCompanyUser::agent(acme.id, u.id))
            .unwrap();
        let q = e
            .create_queue(&SYS, NewQueue::named(acme.id, "support"))
            .unwrap();
        e.assign_operator(&SYS, q.id, ann.id, 1).unwrap();
        let ready = PresenceUpdate {
            show: Some(Show::Available),
            ..Default::default()
        };
        e.set_presence(&SYS, ann.id, ready).unwrap();
        let s = e
            .enqueue_new(&SYS, NewObject::chat(acme.id, "first"), q.id, None)
            .unwrap();
        clock.advance(chrono::Duration::seconds(60));
        e.complete(&SYS, s.id).unwrap();
        clock.advance(chrono::Duration::seconds(60));
        let away = PresenceUpdate {
            show: Some(Show::Away),
            ..Default::default()
        };
        e.set_presence(&SYS, ann.id, away).unwrap();
        drop(e);
        let conn = Connection::open(&db).unwrap();
        conn.execute_batch(
            "DROP INDEX piece_company;
             ALTER TABLE piece DROP COLUMN status;
             ALTER TABLE piece DROP COLUMN wrap_up;
             CREATE INDEX piece_company ON piece (company, start_s, start_ns, agent, queue, end_s, end_ns);",
        )
        .unwrap();
        conn.pragma_update(None, "user_version", 4).unwrap();
        conn.query_row("SELECT COUNT(*) FROM piece", [], |r| r.get::<_, i64>(0))
            .unwrap()
    };
    assert!(pieces_before >= 2, "a handling and a ready piece");
    let _e = engine(&db);
    let conn = Connection::open(&db).unwrap();
    let (pieces, wrap_ups): (i64, i64) = conn
        .query_row(
            "SELECT COUNT(*), COALESCE(SUM(wrap_up), 0) FROM piece",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((pieces, wrap_ups), (pieces_before, 0));
    let version: u32 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
}
