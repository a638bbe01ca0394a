//! The database layout and its versioned migrations.
//!
//! Layout (every table prefixed `cnq_`, in the schema the options name):
//! - `cnq_record`: every record, keyed by `(kind, id)` ([`queue_core::Kind::name`], the
//!   record's id), with `body` (its JSON, NULL for a deleted record: a tombstone, so other
//!   nodes learn of the deletion), `scope` and `seq` (the commit that last wrote the row:
//!   its scope, the nil UUID or a company's id, and its number in that scope) and the
//!   record's placement (`keep`: 0 always in the working set, 1 a live stay, 2 an object held
//!   by live stays, 3 history; `parent`, `company`, `since_s`), each indexed, so a node loads
//!   only the working set and reads history by index.
//! - `cnq_event`: the event log, with the statistics facts in columns beside each event.
//! - `cnq_piece`: agents' time pieces in columns, beside their `interval` records.
//! - `cnq_lock`: one row per scope (the nil UUID for the global one, else a company's id):
//!   the row writers lock, the scope's commit number and prune horizon (see `scope.rs`).
//! - `cnq_meta`: the application id and the event counter.
//! - `cnq_schema`: one row per migration applied (version, what it did, when).
//!
//! Migration `i` (1-based) is applied in one transaction with its row in `cnq_schema`;
//! nodes starting together take turns on a row lock of that table, so each migration runs
//! once. A database with a newer version, or `cnq_` tables that are not ours, is refused
//! before anything is written.

use crate::error::ctx;
use queue_core::{Error, Result};

/// `application_id` in `cnq_meta` ("CNQ1"), as in the SQLite store's files.
pub(crate) const APPLICATION_ID: i64 = 0x434E_5131;

/// The schema version this library writes and reads.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// Every migration, oldest first, with what it does; never edit a released one.
pub(crate) const MIGRATIONS: &[(&str, &str)] = &[
    (
        "records, events, facts, time pieces and counters",
        "CREATE TABLE cnq_meta (key TEXT PRIMARY KEY, value BIGINT NOT NULL);
     INSERT INTO cnq_meta (key, value) VALUES ('application_id', 1129206065),
         ('commit_seq', 0), ('event_seq', 0), ('prune_horizon', 0);
     CREATE TABLE cnq_record (
         kind TEXT NOT NULL,
         id UUID NOT NULL,
         seq BIGINT NOT NULL,
         body TEXT,
         keep SMALLINT NOT NULL,
         parent UUID,
         company UUID,
         since_s BIGINT,
         PRIMARY KEY (kind, id)
     );
     CREATE INDEX cnq_record_seq ON cnq_record (seq);
     CREATE INDEX cnq_record_live ON cnq_record (kind, keep) WHERE keep IN (0, 1);
     CREATE INDEX cnq_record_parent ON cnq_record (kind, parent) WHERE parent IS NOT NULL;
     CREATE INDEX cnq_record_company ON cnq_record (kind, company, since_s)
         WHERE company IS NOT NULL;
     CREATE INDEX cnq_record_since ON cnq_record (kind, since_s) WHERE since_s IS NOT NULL;
     CREATE TABLE cnq_event (
         seq BIGINT PRIMARY KEY,
         at_s BIGINT NOT NULL,
         at_ns BIGINT NOT NULL,
         company_id UUID,
         body TEXT NOT NULL,
         fact BIGINT,
         fact_queue UUID,
         fact_agent UUID,
         fact_since_s BIGINT,
         fact_since_ns BIGINT,
         fact_score BIGINT
     );
     CREATE INDEX cnq_event_company ON cnq_event (company_id, seq);
     CREATE INDEX cnq_event_company_at ON cnq_event (company_id, at_s, at_ns);
     CREATE INDEX cnq_event_at ON cnq_event (at_s, at_ns);
     CREATE INDEX cnq_event_facts ON cnq_event (company_id, at_s, at_ns, seq, fact,
         fact_queue, fact_agent, fact_since_s, fact_since_ns, fact_score)
         WHERE fact IS NOT NULL;
     CREATE TABLE cnq_piece (
         id UUID PRIMARY KEY,
         company UUID NOT NULL,
         agent UUID NOT NULL,
         queue UUID,
         start_s BIGINT NOT NULL,
         start_ns BIGINT NOT NULL,
         end_s BIGINT NOT NULL,
         end_ns BIGINT NOT NULL
     );
     CREATE INDEX cnq_piece_company ON cnq_piece (company, start_s, start_ns, agent, queue,
         end_s, end_ns);",
    ),
    (
        "a write lock and commit number per company (cnq_lock), record rows stamped with scope",
        "CREATE TABLE cnq_lock (scope UUID PRIMARY KEY, seq BIGINT NOT NULL,
         horizon BIGINT NOT NULL);
     INSERT INTO cnq_lock (scope, seq, horizon) VALUES ('00000000-0000-0000-0000-000000000000',
         (SELECT value FROM cnq_meta WHERE key = 'commit_seq'),
         (SELECT value FROM cnq_meta WHERE key = 'prune_horizon'));
     DELETE FROM cnq_meta WHERE key IN ('commit_seq', 'prune_horizon');
     ALTER TABLE cnq_record ADD COLUMN scope UUID NOT NULL
         DEFAULT '00000000-0000-0000-0000-000000000000';
     DROP INDEX cnq_record_seq;
     CREATE INDEX cnq_record_scope ON cnq_record (scope, seq);",
    ),
    (
        "wrap-up time in the pieces (after-contact work counts as working)",
        "ALTER TABLE cnq_piece ADD COLUMN wrap_up BOOLEAN NOT NULL DEFAULT false;
     DROP INDEX cnq_piece_company;
     CREATE INDEX cnq_piece_company ON cnq_piece (company, start_s, start_ns, agent, queue,
         end_s, end_ns, wrap_up);",
    ),
    (
        "time in presence statuses in the pieces",
        "ALTER TABLE cnq_piece ADD COLUMN status UUID;
     DROP INDEX cnq_piece_company;
     CREATE INDEX cnq_piece_company ON cnq_piece (company, start_s, start_ns, agent, queue,
         end_s, end_ns, wrap_up, status);",
    ),
];

/// The `cnq_` tables in the connection's current schema.
pub(crate) fn our_tables(client: &mut postgres::Client) -> Result<Vec<String>> {
    let rows = client
        .query(
            "SELECT table_name::text FROM information_schema.tables
             WHERE table_schema = current_schema() AND table_name LIKE 'cnq\\_%'",
            &[],
        )
        .map_err(ctx("read the schema"))?;
    Ok(rows.iter().map(|r| r.get::<_, String>(0)).collect())
}

/// The version `cnq_schema` records, refused if newer than `latest`.
fn version(client: &mut impl postgres::GenericClient, latest: u32) -> Result<i64> {
    let version: i64 = client
        .query_one(
            "SELECT COALESCE(MAX(version), 0)::bigint FROM cnq_schema",
            &[],
        )
        .map_err(ctx("read the schema version"))?
        .get(0);
    if version > i64::from(latest) {
        return Err(Error::storage(format!(
            "the database has schema version {version}, newer than this library's {latest}; \
             connect with a newer queue-postgres"
        )));
    }
    Ok(version)
}

/// The version of the database (0 for one without our tables), refusing one that is newer
/// than `latest` or not ours. Reads only.
pub(crate) fn check(client: &mut postgres::Client, latest: u32) -> Result<u32> {
    let tables = our_tables(client)?;
    if tables.is_empty() {
        return Ok(0);
    }
    if !tables.iter().any(|t| t == "cnq_schema") {
        return Err(Error::storage(format!(
            "the database has tables named like ours ({}) but no cnq_schema: it belongs to \
             another application; use another schema or database",
            tables.join(", ")
        )));
    }
    let version = version(client, latest)?;
    if version > 0 {
        let app = client
            .query_opt(
                "SELECT value FROM cnq_meta WHERE key = 'application_id'",
                &[],
            )
            .map_err(ctx("read the application id"))?
            .map(|r| r.get::<_, i64>(0));
        if app != Some(APPLICATION_ID) {
            return Err(Error::storage(format!(
                "the database's cnq_meta does not say ConnectNow Queue (application_id \
                 {app:?}): it belongs to another application"
            )));
        }
    }
    Ok(version.max(0) as u32)
}

/// Brings the database to the last of `migrations`: refuses a newer or foreign one first
/// (reading only), then applies each missing step in a transaction of its own.
pub(crate) fn migrate(client: &mut postgres::Client, migrations: &[(&str, &str)]) -> Result<()> {
    let latest = migrations.len() as u32;
    if check(client, latest)? == latest {
        return Ok(());
    }
    // Several nodes may start on a fresh database at once: creating the table can race
    // (a unique violation in the catalog), which a second try resolves.
    let create = "CREATE TABLE IF NOT EXISTS cnq_schema (
            version INTEGER PRIMARY KEY,
            description TEXT NOT NULL,
            applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
        );
        INSERT INTO cnq_schema (version, description) VALUES (0, 'migrations table')
            ON CONFLICT (version) DO NOTHING;";
    if client.batch_execute(create).is_err() {
        client
            .batch_execute(create)
            .map_err(ctx("create the migrations table"))?;
    }
    for _ in 0..migrations.len() {
        let mut tx = client
            .transaction()
            .map_err(ctx("start the schema migration"))?;
        // Row 0 is the migrators' turn: one at a time, each re-reading the version.
        tx.query_one(
            "SELECT version FROM cnq_schema WHERE version = 0 FOR UPDATE",
            &[],
        )
        .map_err(ctx("wait for other nodes' migrations"))?;
        let version = version(&mut tx, latest)?;
        let Some((description, sql)) = usize::try_from(version)
            .ok()
            .and_then(|v| migrations.get(v))
        else {
            return Ok(());
        };
        let next = version + 1;
        let what = format!("migrate the schema to version {next}");
        tx.batch_execute(sql).map_err(ctx(&what))?;
        tx.execute(
            "INSERT INTO cnq_schema (version, description) VALUES ($1, $2)",
            &[&(next as i32), description],
        )
        .map_err(ctx(&what))?;
        tx.commit().map_err(ctx(&what))?;
    }
    Ok(())
}
