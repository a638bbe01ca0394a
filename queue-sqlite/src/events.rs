//! The event log table: appending a command's events and querying them back.

use crate::error::ctx;
use chrono::{DateTime, Utc};
use queue_core::{Error, Event, EventQuery, Result};
use rusqlite::{params, Connection};

/// Appends `events` with the next sequence numbers; call inside the write transaction.
pub(crate) fn append(conn: &Connection, events: &[Event]) -> Result<()> {
    if events.is_empty() {
        return Ok(());
    }
    // A counter, not MAX(seq): retention may have pruned the newest events too.
    let last: i64 = conn
        .prepare_cached("SELECT value FROM store_meta WHERE key = 'event_seq'")
        .and_then(|mut s| s.query_row([], |r| r.get(0)))
        .map_err(ctx("read the event counter"))?;
    let mut insert = conn
        .prepare_cached(
            "INSERT INTO event_log (seq, at_s, at_ns, company_id, body) VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .map_err(ctx("append events"))?;
    for (i, e) in events.iter().enumerate() {
        let seq = last + 1 + i as i64;
        let stored = Event {
            seq: seq as u64,
            ..e.clone()
        };
        let body = serde_json::to_string(&stored)
            .map_err(|err| Error::storage(format!("cannot encode an event: {err}")))?;
        let (s, ns) = split(e.at);
        insert
            .execute(params![
                seq,
                s,
                ns,
                e.company_id.map(|c| c.0.to_string()),
                body
            ])
            .map_err(ctx("append events"))?;
    }
    conn.prepare_cached("UPDATE store_meta SET value = ?1 WHERE key = 'event_seq'")
        .and_then(|mut s| s.execute([last + events.len() as i64]))
        .map_err(ctx("advance the event counter"))?;
    Ok(())
}

/// Removes the events before `cutoff` (whole seconds); returns how many.
pub(crate) fn prune(conn: &Connection, cutoff: DateTime<Utc>) -> Result<u64> {
    conn.prepare_cached("DELETE FROM event_log WHERE at_s < ?1")
        .and_then(|mut s| s.execute([cutoff.timestamp()]))
        .map(|n| n as u64)
        .map_err(ctx("prune the event log"))
}

/// Events matching `q`, oldest first, filtered and limited in SQL.
pub(crate) fn query(conn: &Connection, q: &EventQuery) -> Result<Vec<Event>> {
    // Every variant binds the same seven parameters; unused ones stay unreferenced.
    // With a time bound, read through the time index: left to itself the planner prefers
    // the (company, seq) index for ORDER BY seq and walks the company's whole log — a
    // one-hour report would cost the whole history. The window's rows are sorted by seq.
    let index = match (q.from.is_some() || q.to.is_some(), q.company_id.is_some()) {
        (false, _) => "",
        (true, true) => " INDEXED BY event_log_company_at",
        (true, false) => " INDEXED BY event_log_at",
    };
    let mut sql = format!("SELECT seq, body FROM event_log{index} WHERE seq > ?1");
    if q.company_id.is_some() {
        sql.push_str(" AND company_id = ?2");
    }
    if q.from.is_some() {
        sql.push_str(" AND (at_s, at_ns) >= (?3, ?4)");
    }
    if q.to.is_some() {
        sql.push_str(" AND (at_s, at_ns) < (?5, ?6)");
    }
    sql.push_str(" ORDER BY seq LIMIT ?7");
    let after = q
        .after_seq
        .map_or(0, |s| i64::try_from(s).unwrap_or(i64::MAX));
    let (from_s, from_ns) = q.from.map(split).unwrap_or_default();
    let (to_s, to_ns) = q.to.map(split).unwrap_or_default();
    let limit = q.limit.map_or(-1, |n| i64::try_from(n).unwrap_or(i64::MAX));
    let mut stmt = conn
        .prepare_cached(&sql)
        .map_err(ctx("query the event log"))?;
    let rows = stmt
        .query_map(
            params![
                after,
                q.company_id.map(|c| c.0.to_string()),
                from_s,
                from_ns,
                to_s,
                to_ns,
                limit
            ],
            |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)),
        )
        .map_err(ctx("query the event log"))?;
    let mut out = Vec::new();
    for row in rows {
        let (seq, body) = row.map_err(ctx("query the event log"))?;
        let mut event: Event = serde_json::from_str(&body)
            .map_err(|e| Error::storage(format!("corrupt event {seq}: {e}")))?;
        event.seq = seq as u64;
        out.push(event);
    }
    Ok(out)
}

/// Whole seconds and nanoseconds, so time bounds compare exactly at any precision.
fn split(at: DateTime<Utc>) -> (i64, i64) {
    (at.timestamp(), i64::from(at.timestamp_subsec_nanos()))
}
