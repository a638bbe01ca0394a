//! Agents' time pieces in columns (`cnq_piece`), beside the `interval` records they come
//! from: what statistics read ([`queue_core::interval::Piece`], projected by the core), so a
//! report decodes no record. Written and deleted with their records in the same transaction.

use crate::conn::Conn;
use crate::error::ctx;
use crate::events::{join, split};
use chrono::{DateTime, Utc};
use queue_core::interval::Piece;
use queue_core::{CompanyId, CompanyUserId, Error, PresenceStatusId, QueueId, Result};
use uuid::Uuid;

/// A company's pieces starting in `[from, to)`, by start, from the covering index alone.
pub(crate) fn read(
    client: &mut Conn,
    company: CompanyId,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<Piece>> {
    let (from_s, from_ns) = split(from);
    let (to_s, to_ns) = split(to);
    let rows = client
        .query(
            "SELECT agent, queue, start_s, start_ns, end_s, end_ns, wrap_up, status FROM cnq_piece
             WHERE company = $1 AND (start_s, start_ns) >= ($2, $3)
               AND (start_s, start_ns) < ($4, $5)
             ORDER BY start_s, start_ns",
            &[&company.0, &from_s, &from_ns, &to_s, &to_ns],
        )
        .map_err(ctx("read time pieces"))?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let start = (r.get::<_, i64>(2), r.get::<_, i64>(3));
        let end = (r.get::<_, i64>(4), r.get::<_, i64>(5));
        let corrupt = || Error::storage(format!("corrupt time piece at {start:?}"));
        out.push(Piece {
            company_user_id: CompanyUserId(r.get(0)),
            queue_id: r.get::<_, Option<Uuid>>(1).map(QueueId),
            wrap_up: r.get(6),
            status_id: r.get::<_, Option<Uuid>>(7).map(PresenceStatusId),
            start: join(start).ok_or_else(corrupt)?,
            end: join(end).ok_or_else(corrupt)?,
        });
    }
    Ok(out)
}
