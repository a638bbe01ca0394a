//! Agents' time pieces in columns (`cnq_piece`), beside the `interval` records they come
//! from: what statistics read ([`queue_core::interval::Piece`], projected by the core), so a
//! report decodes no record. Written and deleted with their records in the same transaction.

use crate::conn::Conn;
use crate::error::ctx;
use crate::events::{join, split};
use chrono::{DateTime, Utc};
use queue_core::interval::Piece;
use queue_core::{Change, CompanyId, CompanyUserId, Error, Kind, QueueId, Record, Result};
use uuid::Uuid;

/// Keeps the pieces of `changes` (at most one per record) in step: one upsert for the
/// intervals put, one delete for those deleted.
pub(crate) fn write<'a>(
    client: &mut Conn,
    changes: impl Iterator<Item = &'a Change>,
) -> Result<()> {
    let (mut id, mut company, mut agent, mut queue) = (vec![], vec![], vec![], vec![]);
    let (mut ss, mut sns, mut es, mut ens) = (vec![], vec![], vec![], vec![]);
    let mut gone: Vec<Uuid> = vec![];
    for change in changes {
        match change {
            Change::Put(Record::Interval(i)) => {
                let p = Piece::of(i);
                let (s, sn) = split(p.start);
                let (e, en) = split(p.end);
                id.push(i.id.0);
                company.push(i.company_id.0);
                agent.push(p.company_user_id.0);
                queue.push(p.queue_id.map(|q| q.0));
                ss.push(s);
                sns.push(sn);
                es.push(e);
                ens.push(en);
            }
            Change::Delete(Kind::Interval, i) => gone.push(*i),
            _ => {}
        }
    }
    if !gone.is_empty() {
        client
            .execute("DELETE FROM cnq_piece WHERE id = ANY($1)", &[&gone])
            .map_err(ctx("delete time pieces"))?;
    }
    if !id.is_empty() {
        client
            .execute(
                "INSERT INTO cnq_piece (id, company, agent, queue, start_s, start_ns, end_s, end_ns)
                 SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[],
                     $5::bigint[], $6::bigint[], $7::bigint[], $8::bigint[])
                 ON CONFLICT (id) DO UPDATE SET company = excluded.company,
                     agent = excluded.agent, queue = excluded.queue, start_s = excluded.start_s,
                     start_ns = excluded.start_ns, end_s = excluded.end_s, end_ns = excluded.end_ns",
                &[&id, &company, &agent, &queue, &ss, &sns, &es, &ens],
            )
            .map_err(ctx("write time pieces"))?;
    }
    Ok(())
}

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
            "SELECT agent, queue, start_s, start_ns, end_s, end_ns FROM cnq_piece
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
            start: join(start).ok_or_else(corrupt)?,
            end: join(end).ok_or_else(corrupt)?,
        });
    }
    Ok(out)
}
