//! The PostgreSQL store on its own, on the server at `QUEUE_POSTGRES_URL` (skipped with a
//! notice when it is unset; `.ci/run` sets it): one commit writing a record twice or putting
//! and deleting it, and databases it must refuse untouched.

use chrono::{Duration, TimeZone, Utc};
use queue_core::*;
use queue_postgres::PostgresStore;

fn url() -> Option<String> {
    let url = std::env::var("QUEUE_POSTGRES_URL")
        .ok()
        .filter(|u| !u.is_empty());
    if url.is_none() {
        eprintln!("note: QUEUE_POSTGRES_URL is not set: the PostgreSQL store tests are skipped");
    }
    url
}

fn interval(id: IntervalId, minutes: i64) -> Record {
    let start = Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap();
    Record::Interval(Interval {
        id,
        company_id: CompanyId(uuid::Uuid::from_u128(1)),
        company_user_id: CompanyUserId(uuid::Uuid::from_u128(2)),
        activity: Activity::Ready,
        start,
        end: start + Duration::minutes(minutes),
    })
}

#[test]
fn a_commit_that_writes_one_record_twice_keeps_the_last_write() {
    let Some(url) = url() else { return };
    let mut store = PostgresStore::connect_temporary(&url).unwrap();
    let (kept, gone) = (
        IntervalId(uuid::Uuid::from_u128(3)),
        IntervalId(uuid::Uuid::from_u128(4)),
    );
    let (first, last) = (interval(kept, 5), interval(kept, 10));
    store.begin().unwrap();
    let changes = [
        Change::Put(first),
        Change::Put(last.clone()),
        Change::Put(interval(gone, 5)),
        Change::Delete(Kind::Interval, gone.0),
    ];
    store.commit(&changes, &[]).unwrap();
    assert_eq!(
        store.get(Kind::Interval, kept.0).unwrap(),
        Some(last.clone())
    );
    assert_eq!(store.get(Kind::Interval, gone.0).unwrap(), None);
    let Record::Interval(i) = &last else {
        unreachable!()
    };
    let pieces = store
        .pieces(i.company_id, i.start, i.start + Duration::hours(1))
        .unwrap();
    assert_eq!(pieces.len(), 1, "{pieces:?}");
    assert_eq!(pieces[0].end, i.end);
}

fn options(schema: &str) -> queue_postgres::PostgresOptions {
    queue_postgres::PostgresOptions {
        schema: Some(schema.to_string()),
        ..Default::default()
    }
}

/// Opens (`open`) a schema beside `schema` holding another application's `cnq_record`:
/// the error, and how many tables the schema holds afterwards (dropped then).
fn foreign_schema_refused(
    admin: &mut postgres::Client,
    schema: &str,
    open: impl FnOnce(queue_postgres::PostgresOptions) -> Result<PostgresStore>,
) -> (Error, i64) {
    let foreign = format!("{schema}_foreign");
    admin
        .batch_execute(&format!(
            "CREATE SCHEMA {foreign}; CREATE TABLE {foreign}.cnq_record (x INT)"
        ))
        .unwrap();
    let err = open(options(&foreign)).unwrap_err();
    let tables: i64 = admin
        .query_one(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = $1",
            &[&foreign],
        )
        .unwrap()
        .get(0);
    admin
        .batch_execute(&format!("DROP SCHEMA {foreign} CASCADE"))
        .unwrap();
    (err, tables)
}

#[test]
fn a_database_of_a_newer_version_or_another_application_is_refused_untouched() {
    let Some(url) = url() else { return };
    let mut owner = PostgresStore::connect_temporary(&url).unwrap();
    let schema = owner.schema().unwrap();
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    admin
        .batch_execute(&format!(
            "INSERT INTO {schema}.cnq_schema (version, description) VALUES (99, 'from the future')"
        ))
        .unwrap();
    let err = PostgresStore::connect_with(&url, options(&schema)).unwrap_err();
    assert!(
        matches!(&err, Error::Storage { message } if message.contains("newer")),
        "{err:?}"
    );
    let versions: i64 = admin
        .query_one(&format!("SELECT count(*) FROM {schema}.cnq_schema"), &[])
        .unwrap()
        .get(0);
    assert_eq!(
        versions,
        i64::from(queue_postgres::SCHEMA_VERSION) + 2,
        "rows 0, 1, … and 99, nothing added"
    );

    let (err, tables) = foreign_schema_refused(&mut admin, &schema, |o| {
        PostgresStore::connect_with(&url, o)
    });
    assert!(
        matches!(&err, Error::Storage { message } if message.contains("another application")),
        "{err:?}"
    );
    assert_eq!(tables, 1, "nothing created beside the foreign table");
}

#[test]
fn replacing_a_database_drops_our_tables_and_nothing_else() {
    let Some(url) = url() else { return };
    let mut owner = PostgresStore::connect_temporary(&url).unwrap();
    let schema = owner.schema().unwrap();
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    let sys = Actor::System;
    let clock = std::sync::Arc::new(ManualClock::new(
        Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap(),
    ));
    let store = PostgresStore::connect_with(&url, options(&schema)).unwrap();
    let mut e = Engine::open(Box::new(store), clock.clone()).unwrap();
    let new = NewCompany {
        name: "Acme".into(),
        ..Default::default()
    };
    e.create_company(&sys, new).unwrap();
    drop(e);
    admin
        .batch_execute(&format!(
            "CREATE TABLE {schema}.app_orders (id INT); INSERT INTO {schema}.app_orders VALUES (7)"
        ))
        .unwrap();

    let store = PostgresStore::connect_replacing(&url, options(&schema)).unwrap();
    let mut e = Engine::open(Box::new(store), clock).unwrap();
    assert!(
        e.list_companies(&sys, &[]).unwrap().is_empty(),
        "a fresh start"
    );
    let orders: i64 = admin
        .query_one(&format!("SELECT count(*) FROM {schema}.app_orders"), &[])
        .unwrap()
        .get(0);
    assert_eq!(orders, 1, "the application's own table is untouched");

    // Another application's cnq_ tables are refused, dropping nothing.
    let (err, left) = foreign_schema_refused(&mut admin, &schema, |o| {
        PostgresStore::connect_replacing(&url, o)
    });
    assert!(
        matches!(&err, Error::Storage { message } if message.contains("another application")),
        "{err:?}"
    );
    assert_eq!(left, 1);
}
