//! Whatever is wrong with the file — not SQLite, corrupt, read-only, full, from a newer
//! version, another application's — the host gets `Error::Storage`, never a panic.

use chrono::{TimeZone, Utc};
use queue_core::*;
use queue_sqlite::{SqliteStore, SCHEMA_VERSION};
use std::io::{Seek, SeekFrom, Write};
use std::path::Path;
use std::sync::Arc;

const SYS: Actor = Actor::System;

fn clock() -> Arc<ManualClock> {
    Arc::new(ManualClock::new(
        Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap(),
    ))
}

fn storage_message(r: Result<impl std::fmt::Debug>) -> String {
    match r {
        Err(Error::Storage { message }) => {
            eprintln!("storage error: {message}");
            message
        }
        other => panic!("expected a storage error, got {other:?}"),
    }
}

/// Opens `path` and runs a few reads; the first storage error, if any.
fn open_and_read(path: &Path) -> Result<()> {
    let store = SqliteStore::open(path)?;
    let mut e = Engine::open(Box::new(store), clock())?;
    for c in e.list_companies(&SYS, &[])? {
        e.list_queues(&SYS, c.company.id)?;
    }
    e.events(&SYS, &EventQuery::default())?;
    Ok(())
}

/// A database with some companies and queues in it, closed (so fully checkpointed).
fn populated(path: &Path) {
    let mut e = Engine::open(Box::new(SqliteStore::open(path).unwrap()), clock()).unwrap();
    for i in 0..40 {
        let c = e
            .create_company(
                &SYS,
                NewCompany {
                    name: format!("Company {i} with a reasonably long name to fill pages"),
                    ..Default::default()
                },
            )
            .unwrap();
        e.create_queue(&SYS, NewQueue::named(c.id, "support"))
            .unwrap();
    }
}

fn overwrite(path: &Path, at: u64, bytes: &[u8]) {
    let mut f = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    f.seek(SeekFrom::Start(at)).unwrap();
    f.write_all(bytes).unwrap();
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    let text = "Shopping list: milk, eggs, bread.\n".repeat(200);
    std::fs::write(&path, &text).unwrap();
    let message = storage_message(SqliteStore::open(&path));
    assert!(message.contains("not a SQLite database"), "{message}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn a_corrupt_schema_page_is_a_storage_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("queue.db");
    populated(&path);
    // Page 1 after the 100-byte header holds the schema.
    overwrite(&path, 100, &[0xA5; 3000]);
    let message = storage_message(open_and_read(&path));
    assert!(
        message.contains("corrupt") || message.contains("malformed"),
        "{message}"
    );
}

#[test]
fn corrupt_data_pages_are_a_storage_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("queue.db");
    populated(&path);
    let len = std::fs::metadata(&path).unwrap().len();
    assert!(len > 4 * 4096, "test database too small: {len} bytes");
    // Garble every page but the first: wherever the engine reads, it meets garbage.
    let garbage: Vec<u8> = (0..len - 4096).map(|i| (i * 7 + 3) as u8).collect();
    overwrite(&path, 4096, &garbage);
    storage_message(open_and_read(&path));
}

#[test]
fn a_truncated_file_is_a_storage_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("queue.db");
    populated(&path);
    let len = std::fs::metadata(&path).unwrap().len();
    let f = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
    f.set_len(len / 3).unwrap();
    drop(f);
    storage_message(open_and_read(&path));
}

#[test]
fn a_read_only_database_is_a_storage_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("queue.db");
    populated(&path);
    // Opened read-only through a SQLite URI (works even as root, unlike file modes).
    // Reading still works; every command fails and changes nothing.
    let uri = format!("file:{}?mode=ro", path.display());
    let mut e = Engine::open(Box::new(SqliteStore::open(&uri).unwrap()), clock()).unwrap();
    let before = e.list_companies(&SYS, &[]).unwrap().len();
    let new = NewCompany {
        name: "Read only".into(),
        ..Default::default()
    };
    let message = storage_message(e.create_company(&SYS, new));
    assert!(message.contains("read-only"), "{message}");
    assert_eq!(e.list_companies(&SYS, &[]).unwrap().len(), before);
    drop(e);

    // And with the file's write permission removed, where the OS enforces it (not as root).
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let enforced = std::fs::OpenOptions::new().write(true).open(&path).is_err();
    if enforced {
        let write = || {
            let mut e = Engine::open(Box::new(SqliteStore::open(&path)?), clock())?;
            e.create_company(
                &SYS,
                NewCompany {
                    name: "No".into(),
                    ..Default::default()
                },
            )
        };
        storage_message(write());
    }
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn a_path_that_cannot_be_created_is_a_storage_error() {
    // procfs accepts no new files, not even from root.
    let message = storage_message(SqliteStore::open("/proc/queue-sqlite-test/queue.db"));
    assert!(message.contains("cannot be opened"), "{message}");
    let dir = tempfile::tempdir().unwrap();
    storage_message(SqliteStore::open(dir.path()));
}

#[test]
fn a_full_disk_fails_the_command_and_keeps_everything_before_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("queue.db");
    let mut store = SqliteStore::open(&path).unwrap();
    // As full as it is now: the next page the database needs is not there.
    let cap = store.limit_pages(1).unwrap();
    assert!(cap > 1, "the cap never goes below the current size: {cap}");
    let mut e = Engine::open(Box::new(store), clock()).unwrap();
    let mut created = Vec::new();
    let message = loop {
        let new = NewCompany {
            name: format!("Company {} {}", created.len(), "x".repeat(80)),
            ..Default::default()
        };
        match e.create_company(&SYS, new) {
            Ok(c) => created.push(c.id),
            Err(Error::Storage { message }) => break message,
            Err(other) => panic!("expected a storage error, got {other:?}"),
        }
        assert!(created.len() < 10_000, "the size limit never hit");
    };
    assert!(message.contains("full"), "{message}");
    // The failed command left nothing behind, in memory or on disk.
    assert_eq!(e.list_companies(&SYS, &[]).unwrap().len(), created.len());
    drop(e);
    let mut e = Engine::open(Box::new(SqliteStore::open(&path).unwrap()), clock()).unwrap();
    let stored: Vec<CompanyId> = e
        .list_companies(&SYS, &[])
        .unwrap()
        .into_iter()
        .map(|c| c.company.id)
        .collect();
    assert_eq!(stored.len(), created.len());
    // Without the limit, work goes on.
    e.create_company(
        &SYS,
        NewCompany {
            name: "After".into(),
            ..Default::default()
        },
    )
    .unwrap();
}

#[test]
fn a_database_from_a_newer_version_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("queue.db");
    populated(&path);
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    drop(raw);
    let message = storage_message(SqliteStore::open(&path));
    assert!(message.contains("newer"), "{message}");
    let raw = rusqlite::Connection::open(&path).unwrap();
    let version: u32 = raw
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION + 1);
}

#[test]
fn another_applications_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crm.db");
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute_batch("CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT);")
        .unwrap();
    drop(raw);
    let message = storage_message(SqliteStore::open(&path));
    assert!(message.contains("another application"), "{message}");
    let raw = rusqlite::Connection::open(&path).unwrap();
    let mode: String = raw
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "delete");
    let tables: i64 = raw
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .unwrap();
    assert_eq!(tables, 1);
}

#[test]
fn a_writer_that_waits_longer_than_busy_timeout_gets_a_storage_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("queue.db");
    let mut holder = SqliteStore::open(&path).unwrap();
    let options = queue_sqlite::SqliteOptions {
        busy_timeout: std::time::Duration::from_millis(20),
        ..Default::default()
    };
    let mut waiter = SqliteStore::open_with(&path, options).unwrap();
    holder.begin().unwrap();
    let message = storage_message(waiter.begin());
    assert!(message.contains("busy_timeout"), "{message}");
    holder.rollback();
    waiter.begin().unwrap();
    waiter.rollback();
}
