//! The event log table: appending a command's events and querying them back, and the
//! statistics facts kept in columns beside them.

use crate::conn::Conn;
use crate::error::ctx;
use chrono::{DateTime, Utc};
use postgres::types::ToSql;
use queue_core::{
    CompanyId, CompanyUserId, Error, Event, EventQuery, Fact, FactKind, QueueId, Result,
};
use uuid::Uuid;

/// Removes the events before `cutoff` (whole seconds); returns how many.
pub(crate) fn prune(client: &mut Conn, cutoff: DateTime<Utc>) -> Result<u64> {
    client
        .execute(
            "DELETE FROM cnq_event WHERE at_s < $1",
            &[&cutoff.timestamp()],
        )
        .map_err(ctx("prune the event log"))
}

/// Events matching `q`, oldest first, filtered and limited in SQL.
pub(crate) fn query(client: &mut Conn, q: &EventQuery) -> Result<Vec<Event>> {
    let after = q
        .after_seq
        .map_or(0, |s| i64::try_from(s).unwrap_or(i64::MAX));
    let company = q.company_id.map(|c| c.0);
    let from = q.from.map(split);
    let to = q.to.map(split);
    let limit = q.limit.map(|n| i64::try_from(n).unwrap_or(i64::MAX));
    let mut sql = String::from("SELECT seq, body FROM cnq_event WHERE seq > $1");
    let mut params: Vec<&(dyn ToSql + Sync)> = vec![&after];
    if let Some(c) = &company {
        params.push(c);
        sql.push_str(&format!(" AND company_id = ${}", params.len()));
    }
    if let Some((s, ns)) = &from {
        params.push(s);
        params.push(ns);
        let n = params.len();
        sql.push_str(&format!(" AND (at_s, at_ns) >= (${}, ${n})", n - 1));
    }
    if let Some((s, ns)) = &to {
        params.push(s);
        params.push(ns);
        let n = params.len();
        sql.push_str(&format!(" AND (at_s, at_ns) < (${}, ${n})", n - 1));
    }
    sql.push_str(" ORDER BY seq");
    if let Some(l) = &limit {
        params.push(l);
        sql.push_str(&format!(" LIMIT ${}", params.len()));
    }
    let rows = client
        .query(sql.as_str(), &params)
        .map_err(ctx("query the event log"))?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let seq: i64 = row.get(0);
        let body: &str = row.get(1);
        let mut event: Event = serde_json::from_str(body)
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
    pub queue: Option<Uuid>,
    pub agent: Option<Uuid>,
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
            queue: f.queue_id.map(|q| q.0),
            agent: f.company_user_id.map(|a| a.0),
            since_s: since.map(|s| s.0),
            since_ns: since.map(|s| s.1),
            score: f.score.map(i64::from),
        }
    }
}

/// A company's facts in `[from, to)` from the columns beside the events, in time order (and
/// sequence order within an instant), without decoding a single event body.
pub(crate) fn facts(
    client: &mut Conn,
    company: CompanyId,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<Fact>> {
    let (from_s, from_ns) = split(from);
    let (to_s, to_ns) = split(to);
    let rows = client
        .query(
            "SELECT at_s, at_ns, fact, fact_queue, fact_agent, fact_since_s, fact_since_ns,
                    fact_score
             FROM cnq_event
             WHERE company_id = $1 AND (at_s, at_ns) >= ($2, $3) AND (at_s, at_ns) < ($4, $5)
               AND fact IS NOT NULL
             ORDER BY at_s, at_ns, seq",
            &[&company.0, &from_s, &from_ns, &to_s, &to_ns],
        )
        .map_err(ctx("read statistics facts"))?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let at = (r.get::<_, i64>(0), r.get::<_, i64>(1));
        let corrupt = || Error::storage(format!("corrupt statistics fact at {at:?}"));
        let since = (r.get::<_, Option<i64>>(5), r.get::<_, Option<i64>>(6));
        out.push(Fact {
            at: join(at).ok_or_else(corrupt)?,
            kind: FactKind::from_code(r.get(2)).ok_or_else(corrupt)?,
            queue_id: r.get::<_, Option<Uuid>>(3).map(QueueId),
            company_user_id: r.get::<_, Option<Uuid>>(4).map(CompanyUserId),
            since: match since {
                (Some(s), Some(ns)) => Some(join((s, ns)).ok_or_else(corrupt)?),
                _ => None,
            },
            score: r
                .get::<_, Option<i64>>(7)
                .and_then(|s| u8::try_from(s).ok()),
        });
    }
    Ok(out)
}

/// The instant of whole seconds and nanoseconds stored by [`split`].
pub(crate) fn join((s, ns): (i64, i64)) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(s, u32::try_from(ns).ok()?)
}

/// Whole seconds and nanoseconds, so time bounds compare exactly at any precision.
pub(crate) fn split(at: DateTime<Utc>) -> (i64, i64) {
    (at.timestamp(), i64::from(at.timestamp_subsec_nanos()))
}
