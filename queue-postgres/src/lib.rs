//! # ConnectNow Queue — PostgreSQL store
//!
//! A durable [`queue_core::Store`] on PostgreSQL, so several application nodes (processes
//! on different machines, behind a load balancer) share one queue without assigning a chat
//! twice.
//!
//! ```no_run
//! use queue_core::*;
//! use queue_postgres::PostgresStore;
//! use std::sync::Arc;
//! let store = PostgresStore::connect("postgresql://queue@db.internal/queue").unwrap();
//! let mut engine = Engine::open(Box::new(store), Arc::new(SystemClock)).unwrap();
//! let acme = engine.create_company(&Actor::System, NewCompany { name: "Acme".into(), ..Default::default() }).unwrap();
//! # let _ = acme;
//! ```
//!
//! How it works: every command is one transaction that starts by locking its scope's row
//! (`SELECT … FOR UPDATE`): a company's command its company's row (and the global row
//! `FOR SHARE`), so commands of different companies go on side by side and one company's
//! take turns; a global command the global row, so it waits for everyone (see `scope.rs`).
//! Holding it, the store hands the engine what other nodes committed in that scope since it
//! last looked (every row is stamped with its commit's scope and number), so every routing
//! decision is made on fresh state, and the commit refuses to write if this node missed a
//! commit. The commit numbers, not a notification, are the truth: `LISTEN/NOTIFY` only wakes
//! watchers sooner. A dropped connection fails the command in flight with a storage error
//! and is opened again by the
//! next command. A URL with `sslmode=require` connects with TLS, the server's certificate
//! verified (see [`PostgresOptions::tls_root_cert`]). See the README's "Several nodes"
//! section for what is guaranteed.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod commit;
mod conn;
mod error;
mod events;
mod feed;
mod options;
mod pieces;
mod prune;
mod schema;
mod scope;
mod store;
mod tls;

pub use feed::POLL;
pub use options::PostgresOptions;
pub use schema::SCHEMA_VERSION;

use crate::error::ctx;
use queue_core::{Error, Result};

/// A [`queue_core::Store`] kept in a PostgreSQL database.
///
/// One `PostgresStore` is one connection; give each engine its own.
pub struct PostgresStore {
    client: conn::Conn,
    config: tls::Server,
    options: PostgresOptions,
    /// Per scope (the nil UUID for the global one, else a company's id): the latest commit
    /// this node has seen (or made) in full.
    seen: std::collections::HashMap<uuid::Uuid, i64>,
    /// The open write transaction, between `begin_in` and its end.
    locked: Option<store::Locked>,
    /// Pruning by age, if the options asked for it.
    retention: Option<queue_core::store::Retention>,
    /// A schema of our own, dropped with the store ([`PostgresStore::connect_temporary`]).
    temporary: Option<String>,
}

impl std::fmt::Debug for PostgresStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PostgresStore")
            .field("schema", &self.options.schema)
            .field("seen", &self.seen)
            .finish_non_exhaustive()
    }
}

impl PostgresStore {
    /// Connects to the database at `url` (`postgresql://user:password@host:port/db`, or
    /// `host=… user=…`) with default options, creating or migrating our tables.
    pub fn connect(url: &str) -> Result<PostgresStore> {
        PostgresStore::connect_with(url, PostgresOptions::default())
    }

    /// Connects to the database at `url` with `options`.
    pub fn connect_with(url: &str, options: PostgresOptions) -> Result<PostgresStore> {
        let config = tls::server(url, &options)?;
        options.checked_schema()?;
        let mut client = conn::Conn::new(open_session(&config, &options)?);
        schema::migrate(&mut client, schema::MIGRATIONS)
            .map_err(|e| error::within("open the database", e))?;
        Ok(PostgresStore {
            client,
            config,
            retention: options.retention.map(queue_core::store::Retention::new),
            options,
            seen: std::collections::HashMap::new(),
            locked: None,
            temporary: None,
        })
    }

    /// A fresh schema of its own in the database at `url`, dropped with the store: for
    /// tests and benchmarks that want a real server without cleanup.
    pub fn connect_temporary(url: &str) -> Result<PostgresStore> {
        PostgresStore::connect_temporary_with(url, PostgresOptions::default())
    }

    /// Like [`PostgresStore::connect_temporary`], with `options` (whose schema is replaced).
    pub fn connect_temporary_with(url: &str, options: PostgresOptions) -> Result<PostgresStore> {
        let name = temporary_schema_name()?;
        let mut store = PostgresStore::connect_with(
            url,
            PostgresOptions {
                schema: Some(name.clone()),
                ..options
            },
        )?;
        store.temporary = Some(name);
        Ok(store)
    }

    /// Like [`PostgresStore::connect_with`], after dropping our tables (and everything in
    /// them) from the schema `options` names: a fresh start for a simulation or a demo that
    /// replaces its last run, as `simulate --db postgresql://…` does. Nothing but our `cnq_`
    /// tables is touched; a newer or foreign database is refused, dropping nothing.
    pub fn connect_replacing(url: &str, options: PostgresOptions) -> Result<PostgresStore> {
        let config = tls::server(url, &options)?;
        options.checked_schema()?;
        let mut client = open_session(&config, &options)?;
        schema::check(&mut client, SCHEMA_VERSION)
            .map_err(|e| error::within("replace the database", e))?;
        let tables = schema::our_tables(&mut client)?;
        if !tables.is_empty() {
            client
                .batch_execute(&format!("DROP TABLE {} CASCADE", tables.join(", ")))
                .map_err(ctx("drop the tables of the last run"))?;
        }
        drop(client);
        PostgresStore::connect_with(url, options)
    }

    /// The schema our tables live in.
    pub fn schema(&mut self) -> Result<String> {
        self.client()?
            .query_one("SELECT current_schema()::text", &[])
            .map(|r| r.get(0))
            .map_err(ctx("read the current schema"))
    }

    /// Whether this node's session with the server is encrypted (TLS), as the server sees
    /// it (`pg_stat_ssl`).
    pub fn tls_in_use(&mut self) -> Result<bool> {
        self.client()?
            .query_one(
                "SELECT COALESCE((SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()), false)",
                &[],
            )
            .map(|r| r.get(0))
            .map_err(ctx("read the session's TLS state"))
    }

    /// The schema version of the database (always [`SCHEMA_VERSION`] once connected).
    pub fn schema_version(&mut self) -> Result<u32> {
        schema::check(self.client()?, SCHEMA_VERSION)
    }

    /// The connection, opened again first if it was lost (outside a transaction only:
    /// a transaction does not survive its connection).
    pub(crate) fn client(&mut self) -> Result<&mut conn::Conn> {
        if self.client.is_closed() {
            if self.locked.is_some() {
                return Err(Error::storage(
                    "the connection to the server was lost inside a transaction; nothing of \
                     it was written",
                ));
            }
            self.client = open_session(&self.config, &self.options)
                .map(conn::Conn::new)
                .map_err(|e| error::within("reconnect", e))?;
        }
        Ok(&mut self.client)
    }
}

/// A connection with our session settings: the lock timeout, and the schema (created if
/// missing) first on the search path.
pub(crate) fn open_session(
    server: &tls::Server,
    options: &PostgresOptions,
) -> Result<postgres::Client> {
    let mut config = server.pg.clone();
    config.connect_timeout(options.connect_timeout);
    let connected = match &server.tls {
        Some(tls) => config.connect(tls.clone()),
        None => config.connect(postgres::NoTls),
    };
    let mut client = connected.map_err(ctx("connect to the server"))?;
    let ms = options.lock_timeout.as_millis().clamp(1, i32::MAX as u128);
    client
        .batch_execute(&format!("SET lock_timeout = {ms}"))
        .map_err(ctx("set the lock timeout"))?;
    if let Some(schema) = options.checked_schema()? {
        let create = format!("CREATE SCHEMA IF NOT EXISTS {schema}");
        // Nodes starting together may race to create it; the loser's second try finds it.
        if client.batch_execute(&create).is_err() {
            client
                .batch_execute(&create)
                .map_err(ctx("create the schema"))?;
        }
        client
            .batch_execute(&format!("SET search_path TO {schema}"))
            .map_err(ctx("use the schema"))?;
    }
    Ok(client)
}

/// A schema name no other temporary store uses.
fn temporary_schema_name() -> Result<String> {
    let mut bytes = [0u8; 8];
    getrandom::getrandom(&mut bytes)
        .map_err(|e| Error::storage(format!("no randomness for a schema name: {e}")))?;
    Ok(format!("cnq_tmp_{:016x}", u64::from_le_bytes(bytes)))
}

impl Drop for PostgresStore {
    fn drop(&mut self) {
        use queue_core::Store;
        self.rollback();
        if let Some(schema) = self.temporary.take() {
            // Best effort: a server that is gone keeps the schema, which is harmless.
            let _ = self
                .client
                .batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
        }
    }
}

/// True when `location` names a PostgreSQL server (a `postgresql://` or `postgres://` URL)
/// rather than a file: how the bindings' `Engine("…")` and `simulate --db` choose the store.
///
/// ```
/// assert!(queue_postgres::is_url("postgresql://queue@db.internal/queue"));
/// assert!(queue_postgres::is_url("Postgres://localhost"));
/// assert!(!queue_postgres::is_url("queue.db"));
/// ```
pub fn is_url(location: &str) -> bool {
    let head = location.trim_start().as_bytes();
    ["postgresql://", "postgres://"].iter().any(|scheme| {
        head.len() >= scheme.len() && head[..scheme.len()].eq_ignore_ascii_case(scheme.as_bytes())
    })
}

/// `url` with its password, if any, replaced by `***`: how a URL may be shown or logged.
///
/// ```
/// assert_eq!(
///     queue_postgres::redacted("postgresql://queue:s3cret@db/queue"),
///     "postgresql://queue:***@db/queue"
/// );
/// assert_eq!(queue_postgres::redacted("postgresql://db/queue"), "postgresql://db/queue");
/// ```
pub fn redacted(url: &str) -> String {
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else {
        return url.to_owned();
    };
    let rest = &url[scheme_end..];
    // The credentials end at the last '@' before the path.
    let authority = rest.find('/').map_or(rest, |i| &rest[..i]);
    let Some(at) = authority.rfind('@') else {
        return url.to_owned();
    };
    match authority[..at].find(':') {
        Some(colon) => format!(
            "{}{}:***{}",
            &url[..scheme_end],
            &authority[..colon],
            &rest[at..]
        ),
        None => url.to_owned(),
    }
}
