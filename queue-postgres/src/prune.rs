//! Retention: removing history older than a cutoff, and telling other nodes when that may
//! have removed something they still hold (a prune horizon per scope: a node that has not
//! seen the latest commit of a scope that wrote a pruned stay reloads). Runs in the global
//! scope, which no other writer holds meanwhile.

use crate::conn::Conn;
use crate::error::ctx;
use crate::events;
use chrono::{DateTime, Utc};
use queue_core::{Pruned, Result};

/// Stays that ended before `$1`: the rows everything else is pruned along with.
const STAYS: &str = "SELECT id FROM cnq_record
    WHERE kind = 'stay' AND keep = 3 AND since_s < $1 AND body IS NOT NULL";

/// Objects created before `$1` that no stay is left for.
const OBJECTS: &str = "SELECT o.id FROM cnq_record o
    WHERE o.kind = 'queueable_object' AND o.since_s < $1 AND o.body IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM cnq_record s WHERE s.kind = 'stay' AND s.parent = o.id)";

/// Removes history before `cutoff` (whole seconds); call inside a write transaction.
pub(crate) fn prune(client: &mut Conn, cutoff: DateTime<Utc>) -> Result<Pruned> {
    let at = cutoff.timestamp();
    let mut run =
        |sql: &str, what: &str| -> Result<u64> { client.execute(sql, &[&at]).map_err(ctx(what)) };
    run(
        "UPDATE cnq_lock l SET horizon = GREATEST(l.horizon, p.top)
         FROM (SELECT scope, MAX(seq) AS top FROM cnq_record
               WHERE kind = 'stay' AND keep = 3 AND since_s < $1 GROUP BY scope) p
         WHERE l.scope = p.scope",
        "raise the prune horizons",
    )?;
    let notes = run(
        &format!("DELETE FROM cnq_record WHERE kind = 'note' AND parent IN ({STAYS})"),
        "prune notes",
    )?;
    let stays = run(
        "DELETE FROM cnq_record
         WHERE kind = 'stay' AND keep = 3 AND since_s < $1 AND body IS NOT NULL",
        "prune stays",
    )?;
    let ratings = run(
        &format!("DELETE FROM cnq_record WHERE kind = 'rating' AND parent IN ({OBJECTS})"),
        "prune ratings",
    )?;
    let objects = run(
        &format!("DELETE FROM cnq_record WHERE kind = 'queueable_object' AND id IN ({OBJECTS})"),
        "prune objects",
    )?;
    let intervals = run(
        "DELETE FROM cnq_record WHERE kind = 'interval' AND since_s < $1 AND body IS NOT NULL",
        "prune time pieces",
    )?;
    run(
        "DELETE FROM cnq_piece WHERE start_s < $1",
        "prune time pieces",
    )?;
    let events = events::prune(client, cutoff)?;
    Ok(Pruned {
        stays,
        notes,
        objects,
        ratings,
        intervals,
        events,
    })
}
