//! The event log table: appending a command's events and querying them back.

use crate::error::ctx;
use chrono::{DateTime, Utc};
use queue_core::{
    CompanyId, CompanyUserId, Error, Event, EventQuery, Fact, FactKind, QueueId, Result,
};
use rusqlite::{params, Connection};

/// Appends `events` with the next sequence numbers; call inside the write transaction.
pub(crate) fn append(conn: &Connection, events: &[Event]) -> Result<()> {
    if events.is_empty() {
        return Ok(());
    }
    // A counter, not MAX(seq): retention may have pruned the newest events too.
    let last = counter(conn)?;
    let mut insert = conn
        .prepare_cached(
            "INSERT INTO event_log (seq, at_s, at_ns, company_id, body, fact, fact_queue,
                 fact_agent, fact_since_s, fact_since_ns, fact_score)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
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
        let f = FactColumns::of(e);
        insert
            .execute(params![
                seq,
                s,
                ns,
                e.company_id.map(|c| c.0.to_string()),
                body,
                f.kind,
                f.queue,
                f.agent,
                f.since_s,
                f.since_ns,
                f.score
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

/// An event's [`Fact`] as the columns beside it; all NULL for events statistics do not count.
#[derive(Default)]
pub(crate) struct FactColumns {
    pub kind: Option<i64>,
    pub queue: Option<String>,
    pub agent: Option<String>,
    pub since_s: Option<i64>,
    pub since_ns: Option<i64>,
    pub score: Option<i64>,
}

impl FactColumns {
    pub(crate) fn of(e: &Event) -> FactColumns {
        let Some(f) = Fact::of(e) else {
            return FactColumns::default();
        };
        let since = f.since.map(split);
        FactColumns {
            kind: Some(f.kind.code()),
            queue: f.queue_id.map(|q| q.0.to_string()),
            agent: f.company_user_id.map(|a| a.0.to_string()),
            since_s: since.map(|s| s.0),
            since_ns: since.map(|s| s.1),
            score: f.score.map(i64::from),
        }
    }
}

/// A company's facts in `[from, to)` from the columns beside the events, in time order (and
/// sequence order within an instant): what statistics read, from one covering index,
/// without decoding a single event body.
pub(crate) fn facts(
    conn: &Connection,
    company: CompanyId,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<Fact>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT at_s, at_ns, fact, fact_queue, fact_agent, fact_since_s, fact_since_ns,
                    fact_score
             FROM event_log INDEXED BY event_log_facts
             WHERE company_id = ?1 AND (at_s, at_ns) >= (?2, ?3) AND (at_s, at_ns) < (?4, ?5)
               AND fact IS NOT NULL
             ORDER BY at_s, at_ns, seq",
        )
        .map_err(ctx("read statistics facts"))?;
    let (from_s, from_ns) = split(from);
    let (to_s, to_ns) = split(to);
    let rows = stmt
        .query_map(
            params![company.0.to_string(), from_s, from_ns, to_s, to_ns],
            |r| {
                Ok((
                    (r.get::<_, i64>(0)?, r.get::<_, i64>(1)?),
                    r.get::<_, i64>(2)?,
                    text_id(r, 3)?,
                    text_id(r, 4)?,
                    (r.get::<_, Option<i64>>(5)?, r.get::<_, Option<i64>>(6)?),
                    r.get::<_, Option<i64>>(7)?,
                ))
            },
        )
        .map_err(ctx("read statistics facts"))?;
    let mut out = Vec::new();
    for row in rows {
        let (at, kind, queue, agent, since, score) = row.map_err(ctx("read statistics facts"))?;
        let corrupt = || Error::storage(format!("corrupt statistics fact at {at:?}"));
        out.push(Fact {
            at: join(at).ok_or_else(corrupt)?,
            kind: FactKind::from_code(kind).ok_or_else(corrupt)?,
            queue_id: queue.map(QueueId),
            company_user_id: agent.map(CompanyUserId),
            since: match since {
                (Some(s), Some(ns)) => Some(join((s, ns)).ok_or_else(corrupt)?),
                _ => None,
            },
            score: score.and_then(|s| u8::try_from(s).ok()),
        });
    }
    Ok(out)
}

/// The instant of whole seconds and nanoseconds stored by [`split`].
pub(crate) fn join((s, ns): (i64, i64)) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(s, u32::try_from(ns).ok()?)
}

/// An id read straight from SQLite's text, without a String per column; `None` if absent.
pub(crate) fn text_id(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Option<uuid::Uuid>> {
    Ok(match r.get_ref(i)? {
        rusqlite::types::ValueRef::Text(t) => uuid::Uuid::try_parse_ascii(t).ok(),
        _ => None,
    })
}

/// The event counter: the last number given, pruned or not.
pub(crate) fn counter(conn: &Connection) -> Result<i64> {
    conn.prepare_cached("SELECT value FROM store_meta WHERE key = 'event_seq'")
        .and_then(|mut s| s.query_row([], |r| r.get(0)))
        .map_err(ctx("read the event counter"))
}

/// Whole seconds and nanoseconds, so time bounds compare exactly at any precision.
pub(crate) fn split(at: DateTime<Utc>) -> (i64, i64) {
    (at.timestamp(), i64::from(at.timestamp_subsec_nanos()))
}
