//! The database layout and its versioned migrations.
//!
//! Layout: one table per record kind (named by [`Kind::name`]) holding `(id, seq, body)`,
//! where `body` is the record's JSON or NULL for a deleted record (a tombstone, so other
//! processes learn of the deletion), and `seq` is the commit that last wrote the row, plus
//! the record's placement (`Record::placement`): `keep` (0 always in the working set, 1 a
//! live stay, 2 an object held by live stays, 3 history), `parent`, `company` and `since_s`,
//! each indexed, so an engine loads only its working set and reads history by index.
//! `store_meta` holds the latest commit number, the last event number and the prune horizon
//! (see `prune.rs`); `event_log` is
//! the event log, appended to by commits and pruned from the front by retention, indexed by
//! company and time.
//!
//! `PRAGMA user_version` is the schema version: migration `i` (0-based) takes a file from
//! version `i` to `i + 1`, all inside one write transaction, so an older file is upgraded in
//! place and a newer one is refused. Kind tables are created whenever a kind has none yet,
//! so a new record kind in core needs no schema version of its own.

use crate::error::ctx;
use queue_core::{Error, Kind, Result};
use rusqlite::Connection;
use std::collections::BTreeMap;

/// `PRAGMA application_id` of our files ("CNQ1"), so a foreign SQLite file is never adopted.
pub(crate) const APPLICATION_ID: i32 = 0x434E_5131;

/// The schema version this library writes and reads.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// One step of the schema: SQL, or code for what SQL alone cannot say (every kind table).
#[derive(Clone, Copy)]
pub(crate) enum Migration {
    Sql(&'static str),
    Code(fn(&Connection) -> Result<()>),
}

/// Every migration, oldest first; never edit a released one, append a new one.
pub(crate) const MIGRATIONS: &[Migration] = &[
    // 1: commit counter and event log.
    Migration::Sql(
        "CREATE TABLE store_meta (key TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL) WITHOUT ROWID;
     INSERT INTO store_meta (key, value) VALUES ('commit_seq', 0);
     CREATE TABLE event_log (
         seq INTEGER PRIMARY KEY,
         at_s INTEGER NOT NULL,
         at_ns INTEGER NOT NULL,
         company_id TEXT,
         body TEXT NOT NULL
     );
     CREATE INDEX event_log_company ON event_log (company_id, seq);",
    ),
    // 2: placement columns on every kind table, filled in from the bodies; events by time.
    Migration::Code(placement_columns),
    // 3: retention. Event numbers from a counter (so pruning the newest events never lets a
    // number be given twice), and objects aged by their creation.
    Migration::Code(retention),
    // 4: what statistics read, in columns: facts beside the events, and agents' time pieces.
    Migration::Code(fact_columns),
    // 5: wrap-up time in the pieces (after-contact work counts as working).
    Migration::Code(|conn| {
        let intervals = !missing_kind_tables(conn)?.contains(&Kind::Interval);
        crate::pieces::add_wrap_up(conn, intervals)
    }),
    // 6: time in presence statuses in the pieces.
    Migration::Code(crate::pieces::add_status),
];

/// The placement columns of a kind table, as created and as added to schema-1 tables.
const PLACEMENT: [(&str, &str); 4] = [
    ("keep", "INTEGER NOT NULL DEFAULT 0"),
    ("parent", "TEXT"),
    ("company", "TEXT"),
    ("since_s", "INTEGER"),
];

/// Migration 2: adds the placement columns to the kind tables a schema-1 file has, fills
/// them from the record bodies (stays, notes, ratings, objects; everything else is kept in
/// the working set), and indexes events by company and time.
fn placement_columns(conn: &Connection) -> Result<()> {
    let missing = missing_kind_tables(conn)?;
    let existing: Vec<Kind> = Kind::ALL
        .iter()
        .copied()
        .filter(|k| !missing.contains(k))
        .collect();
    for &kind in &existing {
        let t = table(kind)?;
        for (column, decl) in PLACEMENT {
            conn.execute_batch(&format!("ALTER TABLE {t} ADD COLUMN {column} {decl}"))
                .map_err(ctx(&format!("add {column} to the {kind} table")))?;
        }
        conn.execute_batch(&placement_indexes(kind)?)
            .map_err(ctx(&format!("index the {kind} table")))?;
    }
    let live = "json_extract(body, '$.state') IN ('waiting', 'offered', 'assigned')";
    let fill = [
        (
            Kind::Stay,
            format!(
                "UPDATE \"stay\" SET keep = CASE WHEN body IS NOT NULL AND {live} THEN 1 ELSE 3 END,
                     parent = json_extract(body, '$.object_id'),
                     company = json_extract(body, '$.company_id'),
                     since_s = unixepoch(json_extract(body, '$.ended_at'))"
            ),
        ),
        (
            Kind::Note,
            "UPDATE \"note\" SET keep = 3, parent = json_extract(body, '$.stay_id'),
                 since_s = unixepoch(json_extract(body, '$.created_at'))"
                .to_string(),
        ),
        (
            Kind::Rating,
            "UPDATE \"rating\" SET keep = 3, parent = json_extract(body, '$.object_id'),
                 since_s = unixepoch(json_extract(body, '$.created_at'))"
                .to_string(),
        ),
        (
            Kind::QueueableObject,
            "UPDATE \"queueable_object\" SET keep = 2, company = json_extract(body, '$.company_id')"
                .to_string(),
        ),
    ];
    for (kind, sql) in fill {
        if existing.contains(&kind) {
            conn.execute_batch(&sql)
                .map_err(ctx(&format!("fill in the placement of {kind} records")))?;
        }
    }
    conn.execute_batch(
        "CREATE INDEX event_log_company_at ON event_log (company_id, at_s, at_ns);
         CREATE INDEX event_log_at ON event_log (at_s, at_ns);",
    )
    .map_err(ctx("index the event log by time"))
}

/// Migration 4: the fact columns of the event log ([`queue_core::Fact`]), filled in for
/// the events already stored, so statistics never decode event bodies.
fn fact_columns(conn: &Connection) -> Result<()> {
    for (column, ty) in [
        ("fact", "INTEGER"),
        ("fact_queue", "TEXT"),
        ("fact_agent", "TEXT"),
        ("fact_since_s", "INTEGER"),
        ("fact_since_ns", "INTEGER"),
        ("fact_score", "INTEGER"),
    ] {
        conn.execute_batch(&format!("ALTER TABLE event_log ADD COLUMN {column} {ty}"))
            .map_err(ctx("add the fact columns to the event log"))?;
    }
    // Covering and partial: a report reads facts from the index alone, in time order,
    // never touching the events statistics do not count.
    conn.execute_batch(
        "CREATE INDEX event_log_facts ON event_log (company_id, at_s, at_ns, seq, fact,
             fact_queue, fact_agent, fact_since_s, fact_since_ns, fact_score)
         WHERE fact IS NOT NULL",
    )
    .map_err(ctx("index the facts"))?;
    crate::pieces::migrate(conn)?;
    let mut read = conn
        .prepare("SELECT seq, body FROM event_log")
        .map_err(ctx("read the event log"))?;
    let mut update = conn
        .prepare(
            "UPDATE event_log SET fact = ?2, fact_queue = ?3, fact_agent = ?4,
                 fact_since_s = ?5, fact_since_ns = ?6, fact_score = ?7 WHERE seq = ?1",
        )
        .map_err(ctx("fill the fact columns"))?;
    let rows = read
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
        .map_err(ctx("read the event log"))?;
    for row in rows {
        let (seq, body) = row.map_err(ctx("read the event log"))?;
        let event: queue_core::Event = serde_json::from_str(&body)
            .map_err(|e| Error::storage(format!("corrupt event {seq}: {e}")))?;
        let f = crate::events::FactColumns::of(&event);
        if f.kind.is_none() {
            continue;
        }
        update
            .execute(rusqlite::params![
                seq, f.kind, f.queue, f.agent, f.since_s, f.since_ns, f.score
            ])
            .map_err(ctx("fill the fact columns"))?;
    }
    Ok(())
}

/// Migration 3: the event counter and the prune horizon (the latest commit that wrote a
/// stay some prune removed) in `store_meta`, and `since_s` of objects.
fn retention(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "INSERT INTO store_meta (key, value)
             VALUES ('event_seq', (SELECT COALESCE(MAX(seq), 0) FROM event_log));
         INSERT INTO store_meta (key, value) VALUES ('prune_horizon', 0);",
    )
    .map_err(ctx("start the event counter"))?;
    if !missing_kind_tables(conn)?.contains(&Kind::QueueableObject) {
        conn.execute_batch(
            "UPDATE \"queueable_object\"
                 SET since_s = unixepoch(json_extract(body, '$.created_at'))
                 WHERE body IS NOT NULL",
        )
        .map_err(ctx("age the objects"))?;
    }
    Ok(())
}

/// The indexes over a kind table's placement: the working set, children, a company's.
fn placement_indexes(kind: Kind) -> Result<String> {
    let t = table(kind)?;
    let n = kind.name();
    Ok(format!(
        "CREATE INDEX \"{n}_live\" ON {t} (keep) WHERE keep = 1;
         CREATE INDEX \"{n}_parent\" ON {t} (parent) WHERE parent IS NOT NULL;
         CREATE INDEX \"{n}_company\" ON {t} (company, since_s) WHERE company IS NOT NULL;
         CREATE INDEX \"{n}_since\" ON {t} (since_s) WHERE since_s IS NOT NULL;"
    ))
}

/// The SQL of one kind's table, prepared (and cached) on first use.
#[derive(Debug)]
pub(crate) struct KindSql {
    /// The records of the working set (objects: those a live stay holds).
    pub load: String,
    /// One record by id: `(?1 id)`.
    pub get: String,
    /// The records hanging off `?1`, by id.
    pub children: String,
    /// The ids of company `?1`'s records.
    pub company: String,
    /// Company `?1`'s records with `since_s` in `[?2, ?3]`, by time.
    pub company_history: String,
    /// Rows written by commits after `?1`: `(seq, id, body)`, body NULL for a deletion.
    pub changed: String,
    /// Upsert of `(?1 id, ?2 seq, ?3 body, ?4 keep, ?5 parent, ?6 company, ?7 since_s)`.
    pub put: String,
    /// Tombstone of `(?1 id, ?2 seq)`: other connections learn of the deletion from it.
    pub delete: String,
}

/// The per-kind SQL for every kind.
pub(crate) fn kind_sql() -> Result<BTreeMap<Kind, KindSql>> {
    let mut map = BTreeMap::new();
    for &kind in Kind::ALL {
        let t = table(kind)?;
        let load = if kind == Kind::QueueableObject {
            format!(
                "SELECT body FROM {t} WHERE body IS NOT NULL AND id IN
                     (SELECT parent FROM \"stay\" WHERE keep = 1 AND body IS NOT NULL)"
            )
        } else {
            format!("SELECT body FROM {t} WHERE body IS NOT NULL AND keep IN (0, 1)")
        };
        map.insert(
            kind,
            KindSql {
                load,
                get: format!("SELECT body FROM {t} WHERE id = ?1 AND body IS NOT NULL"),
                children: format!(
                    "SELECT body FROM {t} WHERE parent = ?1 AND body IS NOT NULL ORDER BY id"
                ),
                company: format!("SELECT id FROM {t} WHERE company = ?1 AND body IS NOT NULL"),
                company_history: format!(
                    "SELECT body FROM {t} WHERE company = ?1 AND since_s BETWEEN ?2 AND ?3
                         AND body IS NOT NULL ORDER BY since_s"
                ),
                changed: format!("SELECT seq, id, body FROM {t} WHERE seq > ?1"),
                put: format!(
                    "INSERT INTO {t} (id, seq, body, keep, parent, company, since_s)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                     ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, body = excluded.body,
                         keep = excluded.keep, parent = excluded.parent,
                         company = excluded.company, since_s = excluded.since_s"
                ),
                delete: format!(
                    "INSERT INTO {t} (id, seq, body, keep) VALUES (?1, ?2, NULL, 3)
                     ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, body = NULL, keep = 3,
                         parent = NULL, company = NULL, since_s = NULL"
                ),
            },
        );
    }
    Ok(map)
}

/// The quoted table name of `kind`; kind names are plain identifiers, checked anyway.
fn table(kind: Kind) -> Result<String> {
    let name = kind.name();
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
        return Err(Error::storage(format!(
            "record kind {name:?} is not usable as a table name"
        )));
    }
    Ok(format!("\"{name}\""))
}

fn pragma_i64(conn: &Connection, name: &str) -> Result<i64> {
    conn.pragma_query_value(None, name, |r| r.get(0))
        .map_err(ctx(&format!("read PRAGMA {name}")))
}

/// Refuses a file that belongs to another application or to a newer version of this library;
/// returns its schema version. Reads only: a refused file is left untouched.
pub(crate) fn check_file(conn: &Connection, latest: u32) -> Result<u32> {
    let version = pragma_i64(conn, "user_version")?;
    let app = pragma_i64(conn, "application_id")?;
    if app != 0 && app != i64::from(APPLICATION_ID) {
        return Err(Error::storage(format!(
            "the file belongs to another application (application_id {app:#x}), not ConnectNow Queue"
        )));
    }
    if version > i64::from(latest) {
        return Err(Error::storage(format!(
            "the database has schema version {version}, newer than this library's {latest}; \
             open it with a newer queue-sqlite"
        )));
    }
    if version < 0 {
        return Err(Error::storage(format!(
            "the database has an invalid schema version {version}"
        )));
    }
    if version == 0 {
        let foreign: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'",
                [],
                |r| r.get(0),
            )
            .map_err(ctx("read the schema"))?;
        if foreign > 0 {
            return Err(Error::storage(
                "the file is a SQLite database of another application, not ConnectNow Queue",
            ));
        }
    }
    Ok(version as u32)
}

/// Brings the file to the last of `migrations` and creates missing kind tables, in one write
/// transaction (re-checked inside it, since another process may be migrating too).
pub(crate) fn migrate(conn: &Connection, migrations: &[Migration]) -> Result<()> {
    let latest = migrations.len() as u32;
    let version = check_file(conn, latest)?;
    if version == latest && missing_kind_tables(conn)?.is_empty() {
        return Ok(());
    }
    conn.execute_batch("BEGIN IMMEDIATE")
        .map_err(ctx("start the schema migration"))?;
    let result = migrate_locked(conn, migrations);
    let end = if result.is_ok() { "COMMIT" } else { "ROLLBACK" };
    let ended = conn
        .execute_batch(end)
        .map_err(ctx("finish the schema migration"));
    result.and(ended)
}

fn migrate_locked(conn: &Connection, migrations: &[Migration]) -> Result<()> {
    let latest = migrations.len() as u32;
    let version = check_file(conn, latest)?;
    for (i, step) in migrations.iter().enumerate().skip(version as usize) {
        let what = format!("migrate the schema to version {}", i + 1);
        match step {
            Migration::Sql(sql) => conn.execute_batch(sql).map_err(ctx(&what))?,
            Migration::Code(f) => f(conn).map_err(|e| crate::error::within(&what, e))?,
        }
    }
    for kind in missing_kind_tables(conn)? {
        let t = table(kind)?;
        let index = format!("\"{}_seq\"", kind.name());
        let columns: Vec<String> = PLACEMENT.iter().map(|(c, d)| format!("{c} {d}")).collect();
        conn.execute_batch(&format!(
            "CREATE TABLE {t} (id TEXT PRIMARY KEY NOT NULL, seq INTEGER NOT NULL, body TEXT, {})
                 WITHOUT ROWID;
             CREATE INDEX {index} ON {t} (seq);
             {}",
            columns.join(", "),
            placement_indexes(kind)?
        ))
        .map_err(ctx(&format!("create the {kind} table")))?;
    }
    conn.pragma_update(None, "application_id", APPLICATION_ID)
        .map_err(ctx("set the application id"))?;
    conn.pragma_update(None, "user_version", latest)
        .map_err(ctx("set the schema version"))?;
    Ok(())
}

fn missing_kind_tables(conn: &Connection) -> Result<Vec<Kind>> {
    let mut stmt = conn
        .prepare_cached("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1")
        .map_err(ctx("read the schema"))?;
    let mut missing = Vec::new();
    for &kind in Kind::ALL {
        let exists = stmt.exists([kind.name()]).map_err(ctx("read the schema"))?;
        if !exists {
            missing.push(kind);
        }
    }
    Ok(missing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_older_file_is_upgraded_in_place_keeping_its_data() {
        let conn = Connection::open_in_memory().unwrap();
        migrate(&conn, MIGRATIONS).unwrap();
        conn.execute(
            "INSERT INTO event_log (seq, at_s, at_ns, company_id, body) VALUES (1, 0, 0, NULL, '{}')",
            [],
        )
        .unwrap();
        let mut next: Vec<Migration> = MIGRATIONS.to_vec();
        next.push(Migration::Sql(
            "ALTER TABLE event_log ADD COLUMN note TEXT NOT NULL DEFAULT 'kept';",
        ));
        migrate(&conn, &next).unwrap();
        let version: u32 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION + 1);
        let note: String = conn
            .query_row("SELECT note FROM event_log WHERE seq = 1", [], |r| r.get(0))
            .unwrap();
        assert_eq!(note, "kept");
        // Migrating again is a no-op.
        migrate(&conn, &next).unwrap();
        // And the older library now refuses the file.
        let err = migrate(&conn, MIGRATIONS).unwrap_err();
        assert!(err.to_string().contains("newer"), "{err}");
    }

    #[test]
    fn a_failed_migration_leaves_the_file_as_it_was() {
        let conn = Connection::open_in_memory().unwrap();
        migrate(&conn, MIGRATIONS).unwrap();
        let mut broken: Vec<Migration> = MIGRATIONS.to_vec();
        broken.push(Migration::Sql(
            "CREATE TABLE extra (x INTEGER); THIS IS NOT SQL;",
        ));
        assert!(matches!(
            migrate(&conn, &broken),
            Err(Error::Storage { .. })
        ));
        let version: u32 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        let extra: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'extra'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(extra, 0);
    }
}
