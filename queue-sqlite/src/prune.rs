//! Retention: removing history older than a cutoff, and telling other connections when that
//! may have removed something they still hold.
//!
//! Pruned rows are deleted outright, leaving no tombstones, so the file stops growing with
//! the past. The one hazard is another connection that has not looked since a stay it holds
//! as live ended: the row that would tell it so may now be gone. So a prune raises the *prune
//! horizon* to the latest commit that wrote a stay it removed, and a connection that has not
//! seen that commit reloads its working set instead of reading changes
//! ([`queue_core::Changes::Reload`]).

use crate::error::ctx;
use crate::events;
use chrono::{DateTime, Utc};
use queue_core::{Pruned, Result};
use rusqlite::Connection;

/// Stays that ended before `?1`: the rows everything else is pruned along with.
const STAYS: &str = "SELECT id FROM \"stay\" WHERE keep = 3 AND since_s < ?1 AND body IS NOT NULL";

/// Objects created before `?1` that no stay is left for.
const OBJECTS: &str = "SELECT o.id FROM \"queueable_object\" o
    WHERE o.since_s < ?1 AND o.body IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM \"stay\" s WHERE s.parent = o.id)";

/// Removes history before `cutoff` (whole seconds); call inside a write transaction.
pub(crate) fn prune(conn: &Connection, cutoff: DateTime<Utc>) -> Result<Pruned> {
    let at = cutoff.timestamp();
    let run = |sql: &str, what: &str| -> Result<u64> {
        conn.prepare_cached(sql)
            .and_then(|mut s| s.execute([at]))
            .map(|n| n as u64)
            .map_err(ctx(what))
    };
    run(
        "UPDATE store_meta SET value = MAX(value,
             (SELECT COALESCE(MAX(seq), 0) FROM \"stay\" WHERE keep = 3 AND since_s < ?1))
         WHERE key = 'prune_horizon'",
        "raise the prune horizon",
    )?;
    let notes = run(
        &format!("DELETE FROM \"note\" WHERE parent IN ({STAYS})"),
        "prune notes",
    )?;
    let stays = run(
        "DELETE FROM \"stay\" WHERE keep = 3 AND since_s < ?1 AND body IS NOT NULL",
        "prune stays",
    )?;
    let ratings = run(
        &format!("DELETE FROM \"rating\" WHERE parent IN ({OBJECTS})"),
        "prune ratings",
    )?;
    let objects = run(
        &format!("DELETE FROM \"queueable_object\" WHERE id IN ({OBJECTS})"),
        "prune objects",
    )?;
    let intervals = run(
        "DELETE FROM \"interval\" WHERE since_s < ?1 AND body IS NOT NULL",
        "prune time pieces",
    )?;
    run("DELETE FROM piece WHERE start_s < ?1", "prune time pieces")?;
    let events = events::prune(conn, cutoff)?;
    Ok(Pruned {
        stays,
        notes,
        objects,
        ratings,
        intervals,
        events,
    })
}

/// The prune horizon: a connection that has not seen this commit must reload.
pub(crate) fn horizon(conn: &Connection) -> Result<i64> {
    conn.prepare_cached("SELECT value FROM store_meta WHERE key = 'prune_horizon'")
        .and_then(|mut s| s.query_row([], |r| r.get(0)))
        .map_err(ctx("read the prune horizon"))
}
