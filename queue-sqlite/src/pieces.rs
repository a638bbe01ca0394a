//! Agents' time pieces in columns (`piece`), beside the `interval` records they come from:
//! what statistics read ([`queue_core::interval::Piece`], projected by the core), so a report
//! decodes no record. Written and deleted with their records in the same transaction.

use crate::error::ctx;
use crate::events::{join, split, text_id};
use chrono::{DateTime, Utc};
use queue_core::interval::Piece;
use queue_core::{Change, CompanyId, CompanyUserId, Error, Kind, QueueId, Record, Result};
use rusqlite::{params, Connection};

/// The table and its covering index, created by migration 4.
pub(crate) const SCHEMA: &str = "CREATE TABLE piece (
        id TEXT PRIMARY KEY NOT NULL,
        company TEXT NOT NULL,
        agent TEXT NOT NULL,
        queue TEXT,
        start_s INTEGER NOT NULL,
        start_ns INTEGER NOT NULL,
        end_s INTEGER NOT NULL,
        end_ns INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX piece_company ON piece (company, start_s, start_ns, agent, queue, end_s, end_ns);";

/// Keeps the piece of `change` in step, if it is about an interval record.
pub(crate) fn write(conn: &Connection, change: &Change) -> Result<()> {
    match change {
        Change::Put(Record::Interval(i)) => {
            let p = Piece::of(i);
            let (start_s, start_ns) = split(p.start);
            let (end_s, end_ns) = split(p.end);
            conn.prepare_cached(
                "INSERT OR REPLACE INTO piece (id, company, agent, queue, start_s, start_ns,
                     end_s, end_ns) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    i.id.0.to_string(),
                    i.company_id.0.to_string(),
                    p.company_user_id.0.to_string(),
                    p.queue_id.map(|q| q.0.to_string()),
                    start_s,
                    start_ns,
                    end_s,
                    end_ns
                ])
            })
            .map(|_| ())
            .map_err(ctx("write a time piece"))
        }
        Change::Delete(Kind::Interval, id) => conn
            .prepare_cached("DELETE FROM piece WHERE id = ?1")
            .and_then(|mut s| s.execute([id.to_string()]))
            .map(|_| ())
            .map_err(ctx("delete a time piece")),
        _ => Ok(()),
    }
}

/// A company's pieces starting in `[from, to)`, by start, from the covering index alone.
pub(crate) fn read(
    conn: &Connection,
    company: CompanyId,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<Piece>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT agent, queue, start_s, start_ns, end_s, end_ns FROM piece
             WHERE company = ?1 AND (start_s, start_ns) >= (?2, ?3)
               AND (start_s, start_ns) < (?4, ?5)
             ORDER BY start_s, start_ns",
        )
        .map_err(ctx("read time pieces"))?;
    let (from_s, from_ns) = split(from);
    let (to_s, to_ns) = split(to);
    let rows = stmt
        .query_map(
            params![company.0.to_string(), from_s, from_ns, to_s, to_ns],
            |r| {
                Ok((
                    text_id(r, 0)?,
                    text_id(r, 1)?,
                    (r.get::<_, i64>(2)?, r.get::<_, i64>(3)?),
                    (r.get::<_, i64>(4)?, r.get::<_, i64>(5)?),
                ))
            },
        )
        .map_err(ctx("read time pieces"))?;
    let mut out = Vec::new();
    for row in rows {
        let (agent, queue, start, end) = row.map_err(ctx("read time pieces"))?;
        let corrupt = || Error::storage(format!("corrupt time piece at {start:?}"));
        out.push(Piece {
            company_user_id: CompanyUserId(agent.ok_or_else(corrupt)?),
            queue_id: queue.map(QueueId),
            start: join(start).ok_or_else(corrupt)?,
            end: join(end).ok_or_else(corrupt)?,
        });
    }
    Ok(out)
}

/// Creates the table and fills it from the interval records already stored, if their table
/// exists yet (migration 4).
pub(crate) fn migrate(conn: &Connection, intervals_exist: bool) -> Result<()> {
    conn.execute_batch(SCHEMA)
        .map_err(ctx("create the time piece table"))?;
    if !intervals_exist {
        return Ok(());
    }
    let bodies: Vec<String> = {
        let mut stmt = conn
            .prepare("SELECT body FROM \"interval\" WHERE body IS NOT NULL")
            .map_err(ctx("read time pieces"))?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(ctx("read time pieces"))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(ctx("read time pieces"))?
    };
    for body in bodies {
        let record = Record::from_json(Kind::Interval, &body)?;
        write(conn, &Change::Put(record))?;
    }
    Ok(())
}
