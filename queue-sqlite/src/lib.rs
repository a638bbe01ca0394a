//! # ConnectNow Queue — SQLite store
//!
//! A durable [`queue_core::Store`] on SQLite (bundled, so no system library is needed): open a
//! file path and the engine's state survives restarts, `kill -9`, and is shared safely by
//! several processes on the same file.
//!
//! ```
//! use queue_core::*;
//! use queue_sqlite::{SqliteOptions, SqliteStore, Synchronous};
//! use std::sync::Arc;
//! # let dir = tempfile::tempdir().unwrap();
//! # let path = dir.path().join("queue.db");
//! let clock = Arc::new(SystemClock);
//! let mut engine = Engine::open(Box::new(SqliteStore::open(&path).unwrap()), clock.clone()).unwrap();
//! let acme = engine.create_company(&Actor::System, NewCompany { name: "Acme".into(), ..Default::default() }).unwrap();
//! drop(engine);
//!
//! // Reopened later (or by another process): everything is still there. Here with every
//! // commit fsynced and a longer wait for other processes' transactions.
//! let options = SqliteOptions {
//!     synchronous: Synchronous::Full,
//!     busy_timeout: std::time::Duration::from_secs(30),
//!     ..Default::default()
//! };
//! let store = SqliteStore::open_with(&path, options).unwrap();
//! let mut engine = Engine::open(Box::new(store), clock).unwrap();
//! assert_eq!(engine.list_companies(&Actor::System, &[]).unwrap()[0].company.id, acme.id);
//! ```
//!
//! How it works: every command is one `BEGIN IMMEDIATE` transaction, so writers on one file
//! take turns; at the start of each, the store hands the engine what other connections
//! committed since it last looked (found through `PRAGMA data_version` and a commit number
//! stamped on every row), so every routing decision is made on fresh state. The commit itself is
//! conditional too: it is refused with [`queue_core::Error::Conflict`], writing nothing, if
//! another connection committed anything this one has not seen. See the README's persistence
//! section for what survives a crash.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod error;
mod events;
mod feed;
mod options;
mod pieces;
mod prune;
mod schema;
mod store;
mod temp;

pub use feed::POLL;
pub use options::{SqliteOptions, Synchronous};
pub use schema::SCHEMA_VERSION;

use crate::error::ctx;
use queue_core::{Error, Kind, Result};
use rusqlite::Connection;
use std::collections::BTreeMap;
use std::path::Path;

/// A [`queue_core::Store`] kept in a SQLite database (WAL mode).
///
/// One `SqliteStore` is one connection; give each engine (each process or thread) its own.
pub struct SqliteStore {
    conn: Connection,
    sql: BTreeMap<Kind, schema::KindSql>,
    /// The latest commit this connection has seen (or made) in full.
    seen_seq: i64,
    /// `PRAGMA data_version` when we last looked; unchanged means nobody else wrote.
    data_version: Option<i64>,
    /// Inside a `begin()` that has not ended.
    in_tx: bool,
    /// Pruning by age, if the options asked for it.
    retention: Option<queue_core::store::Retention>,
    /// Rung after commits that append events, for this process's watchers of the file.
    bell: Option<std::sync::Arc<feed::Bell>>,
    /// Declared after `conn` so the connection closes before its files are removed.
    _temp: Option<temp::TempFiles>,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore")
            .field("path", &self.conn.path())
            .field("seen_seq", &self.seen_seq)
            .finish_non_exhaustive()
    }
}

impl SqliteStore {
    /// Opens (creating if needed) the database at `path` with default options: WAL,
    /// `synchronous=NORMAL`, a 5 s busy timeout. Migrates an older schema in place.
    pub fn open(path: impl AsRef<Path>) -> Result<SqliteStore> {
        SqliteStore::open_with(path, SqliteOptions::default())
    }

    /// Opens (creating if needed) the database at `path` with `options`.
    pub fn open_with(path: impl AsRef<Path>, options: SqliteOptions) -> Result<SqliteStore> {
        let path = path.as_ref();
        let what = format!("open {}", path.display());
        let conn = Connection::open(path).map_err(ctx(&what))?;
        let mut store = SqliteStore::setup(conn, &options, true, &what)?;
        store.bell = Some(feed::bell(path));
        Ok(store)
    }

    /// A private database in memory: nothing survives the store, nobody else shares it.
    pub fn open_in_memory() -> Result<SqliteStore> {
        SqliteStore::open_in_memory_with(SqliteOptions::default())
    }

    /// Like [`SqliteStore::open_in_memory`], with `options` (of which durability and the
    /// busy timeout mean nothing to a private database; retention does).
    pub fn open_in_memory_with(options: SqliteOptions) -> Result<SqliteStore> {
        let conn = Connection::open_in_memory().map_err(ctx("open an in-memory database"))?;
        SqliteStore::setup(conn, &options, false, "open an in-memory database")
    }

    /// A fresh database file in the system temp directory, removed when the store is
    /// dropped: for tests and benchmarks that want real file I/O without cleanup.
    pub fn open_temporary() -> Result<SqliteStore> {
        SqliteStore::open_temporary_with(SqliteOptions::default())
    }

    /// Like [`SqliteStore::open_temporary`], with `options`.
    pub fn open_temporary_with(options: SqliteOptions) -> Result<SqliteStore> {
        let files = temp::TempFiles::new();
        let mut store = SqliteStore::open_with(files.path(), options)?;
        store._temp = Some(files);
        Ok(store)
    }

    fn setup(
        conn: Connection,
        options: &SqliteOptions,
        wal: bool,
        what: &str,
    ) -> Result<SqliteStore> {
        conn.busy_timeout(options.busy_timeout).map_err(ctx(what))?;
        // Per kind: load, changed, put, delete; plus events and transaction control.
        conn.set_prepared_statement_cache_capacity(4 * Kind::ALL.len() + 32);
        // Refuse foreign or newer files before changing anything in them.
        schema::check_file(&conn, SCHEMA_VERSION).map_err(|e| error::within(what, e))?;
        if wal {
            // Several processes switching a new file to WAL at once can find each other
            // holding locks; SQLite then answers "busy" at once instead of waiting (its
            // deadlock rule), so we wait here, within the same busy_timeout.
            let deadline = std::time::Instant::now() + options.busy_timeout;
            let mode: String = loop {
                match conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0)) {
                    Err(e)
                        if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy)
                            && std::time::Instant::now() < deadline =>
                    {
                        std::thread::sleep(std::time::Duration::from_millis(2));
                    }
                    other => break other.map_err(ctx(what))?,
                }
            };
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(Error::storage(format!(
                    "{what}: cannot switch the database to WAL mode (it stays {mode:?}; is it read-only?)"
                )));
            }
        }
        conn.pragma_update(None, "synchronous", options.synchronous.pragma())
            .map_err(ctx(what))?;
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(ctx(what))?;
        schema::migrate(&conn, schema::MIGRATIONS).map_err(|e| error::within(what, e))?;
        Ok(SqliteStore {
            conn,
            sql: schema::kind_sql()?,
            seen_seq: 0,
            data_version: None,
            in_tx: false,
            retention: options.retention.map(queue_core::store::Retention::new),
            bell: None,
            _temp: None,
        })
    }

    /// Caps the database at `pages` pages (`PRAGMA max_page_count`, this connection only):
    /// a write that would grow it further fails with a storage error, as on a full disk.
    /// Returns the cap in force, which is never below the current size.
    pub fn limit_pages(&mut self, pages: u64) -> Result<u64> {
        let pages = i64::try_from(pages).unwrap_or(i64::MAX);
        self.conn
            .pragma_update_and_check(None, "max_page_count", pages, |r| r.get::<_, i64>(0))
            .map(|n| n.max(0) as u64)
            .map_err(ctx("set max_page_count"))
    }

    /// The database file's path; `None` for an in-memory database.
    pub fn path(&self) -> Option<&str> {
        self.conn.path().filter(|p| !p.is_empty())
    }

    /// The schema version of the open file (always [`SCHEMA_VERSION`] once opened).
    pub fn schema_version(&self) -> Result<u32> {
        self.conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(ctx("read the schema version"))
    }
}
