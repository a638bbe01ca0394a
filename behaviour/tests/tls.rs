//! TLS to PostgreSQL: a URL with `sslmode=require` connects over TLS and verifies the
//! server's certificate (here against a test authority given as `tls_root_cert`), for the
//! store and for its watches; an untrusted certificate is refused with a storage error; a
//! URL without `sslmode` stays in plain TCP. On a server of the test's own, serving TLS
//! (skipped without a PostgreSQL server on the machine; never under `CI`).

use queue_behaviour::pg_server::PgServer;
use queue_core::*;
use queue_postgres::{PostgresOptions, PostgresStore};
use std::sync::Arc;

#[test]
fn a_url_asking_for_tls_gets_it_verified_and_one_without_stays_plain() {
    let Some(server) = PgServer::start_tls().expect("a TLS server of the test's own") else {
        return;
    };
    let plain = server.url();
    let tls = format!("{plain}?sslmode=require");
    let trusted = || PostgresOptions {
        schema: Some("tls".into()),
        tls_root_cert: Some(server.root_cert()),
        ..Default::default()
    };

    // Over TLS, verified: commands and a watch work, and the server sees an encrypted session.
    let mut store = PostgresStore::connect_with(&tls, trusted()).expect("TLS with the root");
    assert!(store.tls_in_use().unwrap(), "the session is encrypted");
    let clock = Arc::new(ManualClock::new(queue_behaviour::start()));
    let mut engine = Engine::open(Box::new(store), clock).unwrap();
    let mut watch = engine.watch(&Actor::System, WatchQuery::default()).unwrap();
    let new = NewCompany {
        name: "Acme".into(),
        ..Default::default()
    };
    let acme = engine.create_company(&Actor::System, new).unwrap();
    let seen = watch
        .next_timeout(std::time::Duration::from_secs(10))
        .unwrap()
        .expect("the watch, over TLS too, sees the event");
    assert_eq!(seen.company_id, Some(acme.id));

    // `prefer` takes TLS when the server offers it.
    let prefer = format!("{plain}?sslmode=prefer");
    let mut store = PostgresStore::connect_with(&prefer, trusted()).unwrap();
    assert!(store.tls_in_use().unwrap());

    // A certificate nobody vouches for (Mozilla's roots do not know the test authority).
    let err = PostgresStore::connect_with(&tls, PostgresOptions::default()).unwrap_err();
    assert!(
        matches!(&err, Error::Storage { message } if message.contains("certificate")),
        "{err:?}"
    );

    // No sslmode: plain TCP, as libpq's `disable`; a root given then is a mistake.
    let mut store = PostgresStore::connect_with(&plain, PostgresOptions::default()).unwrap();
    assert!(!store.tls_in_use().unwrap(), "plain TCP without sslmode");
    let err = PostgresStore::connect_with(&plain, trusted()).unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput { field, .. } if field == "tls_root_cert"),
        "{err:?}"
    );
    let missing = PostgresOptions {
        tls_root_cert: Some(server.root_cert().with_extension("missing")),
        ..Default::default()
    };
    let err = PostgresStore::connect_with(&tls, missing).unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput { field, .. } if field == "tls_root_cert"),
        "{err:?}"
    );
}
