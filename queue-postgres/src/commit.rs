//! A command's writes in one statement: its records (deletions as tombstones), the time
//! pieces beside its intervals and its events, as data-modifying CTEs over `unnest`ed
//! columns (each runs once, to completion, whether referenced or not). One round trip
//! instead of three under the write lock; on loopback this measured no faster (the server's
//! work is the same), but it keeps a commit's writes in one place.

use crate::conn::Conn;
use crate::error::ctx;
use crate::events::{split, FactColumns};
use queue_core::interval::Piece;
use queue_core::record::Keep;
use queue_core::{Change, Error, Event, Kind, Record, Result};
use uuid::Uuid;

/// `$3` is the commit's scope, `$29` its number; `$18` holds each event's place in the
/// commit (1, 2, …). The event counter is moved here, in the commit's last statement, and
/// its row stays locked until the COMMIT: commits of different companies take event numbers
/// in the order they commit, so a watch reading past its last number misses nothing.
const SQL: &str = "
WITH records AS (
    INSERT INTO cnq_record (kind, id, scope, seq, body, keep, parent, company, since_s)
    SELECT k, i, $3, $29, b, kp, p, c, s FROM unnest($1::text[], $2::uuid[], $4::text[],
        $5::smallint[], $6::uuid[], $7::uuid[], $8::bigint[]) AS t(k, i, b, kp, p, c, s)
    ON CONFLICT (kind, id) DO UPDATE SET scope = excluded.scope, seq = excluded.seq,
        body = excluded.body, keep = excluded.keep, parent = excluded.parent,
        company = excluded.company, since_s = excluded.since_s
), pieces_gone AS (
    DELETE FROM cnq_piece WHERE id = ANY($9)
), pieces AS (
    INSERT INTO cnq_piece (id, company, agent, queue, start_s, start_ns, end_s, end_ns,
        wrap_up, status)
    SELECT * FROM unnest($10::uuid[], $11::uuid[], $12::uuid[], $13::uuid[],
        $14::bigint[], $15::bigint[], $16::bigint[], $17::bigint[], $30::boolean[],
        $31::uuid[])
    ON CONFLICT (id) DO UPDATE SET company = excluded.company,
        agent = excluded.agent, queue = excluded.queue, start_s = excluded.start_s,
        start_ns = excluded.start_ns, end_s = excluded.end_s, end_ns = excluded.end_ns,
        wrap_up = excluded.wrap_up, status = excluded.status
), counter AS (
    UPDATE cnq_meta SET value = value + cardinality($18::bigint[])
    WHERE key = 'event_seq' AND cardinality($18::bigint[]) > 0
    RETURNING value - cardinality($18::bigint[]) AS base
), events AS (
    INSERT INTO cnq_event (seq, at_s, at_ns, company_id, body, fact, fact_queue,
        fact_agent, fact_since_s, fact_since_ns, fact_score)
    SELECT c.base + e.n, e.a, e.an, e.co,
        jsonb_set(e.b::jsonb, '{seq}', to_jsonb(c.base + e.n))::text,
        e.f, e.fq, e.fa, e.fs, e.fsn, e.fsc
    FROM counter c, unnest($18::bigint[], $19::bigint[], $20::bigint[], $21::uuid[],
        $22::text[], $23::bigint[], $24::uuid[], $25::uuid[], $26::bigint[], $27::bigint[],
        $28::bigint[]) AS e(n, a, an, co, b, f, fq, fa, fs, fsn, fsc)
)
SELECT 1";

fn keep_code(keep: Keep) -> i16 {
    match keep {
        Keep::Always => 0,
        Keep::Live => 1,
        Keep::WhileHeld => 2,
        Keep::History => 3,
    }
}

#[derive(Default)]
struct Records {
    kind: Vec<&'static str>,
    id: Vec<Uuid>,
    body: Vec<Option<String>>,
    keep: Vec<i16>,
    parent: Vec<Option<Uuid>>,
    company: Vec<Option<Uuid>>,
    since: Vec<Option<i64>>,
}

#[derive(Default)]
struct Pieces {
    gone: Vec<Uuid>,
    id: Vec<Uuid>,
    company: Vec<Uuid>,
    agent: Vec<Uuid>,
    queue: Vec<Option<Uuid>>,
    start: (Vec<i64>, Vec<i64>),
    end: (Vec<i64>, Vec<i64>),
    wrap_up: Vec<bool>,
    status: Vec<Option<Uuid>>,
}

#[derive(Default)]
struct Events {
    seq: Vec<i64>,
    at: (Vec<i64>, Vec<i64>),
    company: Vec<Option<Uuid>>,
    body: Vec<String>,
    fact: Vec<Option<i64>>,
    queue: Vec<Option<Uuid>>,
    agent: Vec<Option<Uuid>>,
    since: (Vec<Option<i64>>, Vec<Option<i64>>),
    score: Vec<Option<i64>>,
}

fn records(changes: &[&Change]) -> (Records, Pieces) {
    let (mut r, mut p) = (Records::default(), Pieces::default());
    for change in changes {
        let (k, key) = change.key();
        r.kind.push(k.name());
        r.id.push(key);
        match change {
            Change::Put(record) => {
                let at = record.placement();
                r.body.push(Some(record.to_json()));
                r.keep.push(keep_code(at.keep));
                r.parent.push(at.parent);
                r.company.push(at.company);
                r.since.push(at.since.map(|t| t.timestamp()));
                if let Record::Interval(i) = record {
                    let piece = Piece::of(i);
                    let (s, sn) = split(piece.start);
                    let (e, en) = split(piece.end);
                    p.id.push(i.id.0);
                    p.company.push(i.company_id.0);
                    p.agent.push(piece.company_user_id.0);
                    p.queue.push(piece.queue_id.map(|q| q.0));
                    p.start.0.push(s);
                    p.start.1.push(sn);
                    p.end.0.push(e);
                    p.end.1.push(en);
                    p.wrap_up.push(piece.wrap_up);
                    p.status.push(piece.status_id.map(|s| s.0));
                }
            }
            Change::Delete(kind, id) => {
                r.body.push(None);
                r.keep.push(keep_code(Keep::History));
                r.parent.push(None);
                r.company.push(None);
                r.since.push(None);
                if *kind == Kind::Interval {
                    p.gone.push(*id);
                }
            }
        }
    }
    (r, p)
}

fn events(events: &[Event]) -> Result<Events> {
    let mut out = Events::default();
    for (i, e) in events.iter().enumerate() {
        // The place in the commit; the number is the counter's, in the statement.
        let number = 1 + i as i64;
        let text = serde_json::to_string(e)
            .map_err(|err| Error::storage(format!("cannot encode an event: {err}")))?;
        let (s, ns) = split(e.at);
        let f = FactColumns::of(e);
        out.seq.push(number);
        out.at.0.push(s);
        out.at.1.push(ns);
        out.company.push(e.company_id.map(|c| c.0));
        out.body.push(text);
        out.fact.push(f.kind);
        out.queue.push(f.queue);
        out.agent.push(f.agent);
        out.since.0.push(f.since_s);
        out.since.1.push(f.since_ns);
        out.score.push(f.score);
    }
    Ok(out)
}

/// Writes `changes` (at most one per record) stamped with commit `seq` of `scope`, the time
/// pieces of their intervals, and `events` numbered after the event counter, in one
/// statement; call inside the write transaction.
pub(crate) fn write(
    client: &mut Conn,
    changes: &[&Change],
    scope: Uuid,
    seq: i64,
    new_events: &[Event],
) -> Result<()> {
    if changes.is_empty() && new_events.is_empty() {
        return Ok(());
    }
    let (r, p) = records(changes);
    let e = events(new_events)?;
    client
        .execute(
            SQL,
            &[
                &r.kind, &r.id, &scope, &r.body, &r.keep, &r.parent, &r.company, &r.since, &p.gone,
                &p.id, &p.company, &p.agent, &p.queue, &p.start.0, &p.start.1, &p.end.0, &p.end.1,
                &e.seq, &e.at.0, &e.at.1, &e.company, &e.body, &e.fact, &e.queue, &e.agent,
                &e.since.0, &e.since.1, &e.score, &seq, &p.wrap_up, &p.status,
            ],
        )
        .map_err(ctx("write the commit"))?;
    Ok(())
}
