//! Agents' time pieces in columns (`piece`), beside the `interval` records they come from:
//! what statistics read ([`queue_core::interval::Piece`], projected by the core), so a report
//! decodes no record. Written and deleted with their records in the same transaction.

use crate::error::ctx;
use crate::events::{join, split, text_id};
use chrono::{DateTime, Utc};
use queue_core::interval::Piece;
use queue_core::{
    Change, CompanyId, CompanyUserId, Error, Kind, PresenceStatusId, QueueId, Record, Result,
};
use rusqlite::{params, Connection};

/// The table and its covering index as migration 4 created them; migration 5 adds
/// `wrap_up` (1 for wrap-up time) and covers it too.
const SCHEMA_V4: &str = "CREATE TABLE piece (
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
    write_as(conn, change, INSERT)
}

/// The insert of the current layout.
const INSERT: &str = "INSERT OR REPLACE INTO piece (id, company, agent, queue, start_s,
    start_ns, end_s, end_ns, wrap_up, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";

/// The insert of the layout migration 5 left (before `status`): what it fills the table
/// with, none of whose intervals can be a status's.
const INSERT_V5: &str = "INSERT OR REPLACE INTO piece (id, company, agent, queue, start_s,
    start_ns, end_s, end_ns, wrap_up) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

fn write_as(conn: &Connection, change: &Change, insert: &str) -> Result<()> {
    match change {
        Change::Put(Record::Interval(i)) => {
            let p = Piece::of(i);
            let (start_s, start_ns) = split(p.start);
            let (end_s, end_ns) = split(p.end);
            let status = p.status_id.map(|s| s.0.to_string());
            conn.prepare_cached(insert)
                .and_then(|mut s| {
                    let common = params![
                        i.id.0.to_string(),
                        i.company_id.0.to_string(),
                        p.company_user_id.0.to_string(),
                        p.queue_id.map(|q| q.0.to_string()),
                        start_s,
                        start_ns,
                        end_s,
                        end_ns,
                        p.wrap_up,
                        status,
                    ];
                    let n = if insert == INSERT_V5 { 9 } else { 10 };
                    s.execute(&common[..n])
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
            "SELECT agent, queue, start_s, start_ns, end_s, end_ns, wrap_up, status FROM piece
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
                    r.get::<_, bool>(6)?,
                    text_id(r, 7)?,
                ))
            },
        )
        .map_err(ctx("read time pieces"))?;
    let mut out = Vec::new();
    for row in rows {
        let (agent, queue, start, end, wrap_up, status) = row.map_err(ctx("read time pieces"))?;
        let corrupt = || Error::storage(format!("corrupt time piece at {start:?}"));
        out.push(Piece {
            company_user_id: CompanyUserId(agent.ok_or_else(corrupt)?),
            queue_id: queue.map(QueueId),
            wrap_up,
            status_id: status.map(PresenceStatusId),
            start: join(start).ok_or_else(corrupt)?,
            end: join(end).ok_or_else(corrupt)?,
        });
    }
    Ok(out)
}

/// Migration 4: creates the table (filled by migration 5, once it has every column).
pub(crate) fn migrate(conn: &Connection) -> Result<()> {
    conn.execute_batch(SCHEMA_V4)
        .map_err(ctx("create the time piece table"))
}

/// Migration 5: the `wrap_up` column, in the covering index too; and the pieces of the
/// interval records already stored, when the table is still empty (a file that came from
/// before migration 4 — one past it has every piece already, none of them wrap-up).
pub(crate) fn add_wrap_up(conn: &Connection, intervals_exist: bool) -> Result<()> {
    conn.execute_batch(
        "ALTER TABLE piece ADD COLUMN wrap_up INTEGER NOT NULL DEFAULT 0;
         DROP INDEX piece_company;
         CREATE INDEX piece_company ON piece (company, start_s, start_ns, agent, queue, end_s,
             end_ns, wrap_up);",
    )
    .map_err(ctx("add wrap-up to the time piece table"))?;
    let empty: bool = conn
        .query_row("SELECT NOT EXISTS (SELECT 1 FROM piece)", [], |r| r.get(0))
        .map_err(ctx("read time pieces"))?;
    if !intervals_exist || !empty {
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
        write_as(conn, &Change::Put(record), INSERT_V5)?;
    }
    Ok(())
}

/// Migration 6: the `status` column (time in a presence status), in the covering index
/// too. No piece before it was a status's.
pub(crate) fn add_status(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "ALTER TABLE piece ADD COLUMN status TEXT;
         DROP INDEX piece_company;
         CREATE INDEX piece_company ON piece (company, start_s, start_ns, agent, queue, end_s,
             end_ns, wrap_up, status);",
    )
    .map_err(ctx("add presence statuses to the time piece table"))
}
