//! A command's writes and its `COMMIT` in one message: its records (deletions as
//! tombstones), the time pieces beside its intervals, its events, the scope's next commit
//! number and the notification, as one multi-statement simple query ending in `COMMIT`.
//!
//! Why text and not a prepared statement with parameters: the event counter is shared by
//! every company's commits and stays locked from the statement that moves it until the
//! `COMMIT`. With parameters, the `COMMIT` is another round trip, and every other company's
//! commit waits for it; in one message the counter is held only while the server runs the
//! rest of it. Values are literals: numbers and UUIDs formatted here, text in single quotes
//! with quotes doubled (the session sets `standard_conforming_strings`, so a backslash is
//! just a backslash); JSON never holds a NUL.

use crate::events::{split, FactColumns};
use queue_core::interval::Piece;
use queue_core::record::Keep;
use queue_core::{Change, Error, Event, Kind, Record, Result};
use std::fmt::Write;
use uuid::Uuid;

fn keep_code(keep: Keep) -> i16 {
    match keep {
        Keep::Always => 0,
        Keep::Live => 1,
        Keep::WhileHeld => 2,
        Keep::History => 3,
    }
}

/// `s` as an SQL string literal.
fn text(out: &mut String, s: &str) {
    out.push('\'');
    for c in s.chars() {
        if c == '\'' {
            out.push('\'');
        }
        out.push(c);
    }
    out.push('\'');
}

fn uuid(out: &mut String, id: Option<Uuid>) {
    match id {
        Some(id) => {
            let _ = write!(out, "'{id}'::uuid");
        }
        None => out.push_str("NULL::uuid"),
    }
}

fn int(out: &mut String, n: Option<i64>) {
    match n {
        Some(n) => {
            let _ = write!(out, "{n}::bigint");
        }
        None => out.push_str("NULL::bigint"),
    }
}

/// Separates the rows of a `VALUES` list.
fn comma(out: &mut String, first: &mut bool) {
    if !std::mem::take(first) {
        out.push_str(",\n");
    }
}

fn records(out: &mut String, changes: &[&Change], scope: Uuid, seq: i64) {
    if changes.is_empty() {
        return;
    }
    out.push_str(
        "INSERT INTO cnq_record (kind, id, scope, seq, body, keep, parent, company, since_s) \
         VALUES\n",
    );
    let mut first = true;
    for change in changes {
        comma(out, &mut first);
        let (kind, id) = change.key();
        out.push('(');
        text(out, kind.name());
        let _ = write!(out, ", '{id}', '{scope}', {seq}, ");
        match change {
            Change::Put(record) => {
                let at = record.placement();
                text(out, &record.to_json());
                let _ = write!(out, ", {}, ", keep_code(at.keep));
                uuid(out, at.parent);
                out.push_str(", ");
                uuid(out, at.company);
                out.push_str(", ");
                int(out, at.since.map(|t| t.timestamp()));
            }
            Change::Delete(..) => {
                let _ = write!(out, "NULL, {}, NULL, NULL, NULL", keep_code(Keep::History));
            }
        }
        out.push(')');
    }
    out.push_str(
        "\nON CONFLICT (kind, id) DO UPDATE SET scope = excluded.scope, seq = excluded.seq, \
         body = excluded.body, keep = excluded.keep, parent = excluded.parent, \
         company = excluded.company, since_s = excluded.since_s;\n",
    );
}

fn pieces(out: &mut String, changes: &[&Change]) {
    let gone: Vec<Uuid> = changes
        .iter()
        .filter_map(|c| match c {
            Change::Delete(Kind::Interval, id) => Some(*id),
            _ => None,
        })
        .collect();
    if !gone.is_empty() {
        out.push_str("DELETE FROM cnq_piece WHERE id IN (");
        for (i, id) in gone.iter().enumerate() {
            let _ = write!(out, "{}'{id}'", if i == 0 { "" } else { ", " });
        }
        out.push_str(");\n");
    }
    let mut first = true;
    for change in changes {
        let Change::Put(Record::Interval(i)) = change else {
            continue;
        };
        if first {
            out.push_str(
                "INSERT INTO cnq_piece (id, company, agent, queue, start_s, start_ns, end_s, \
                 end_ns) VALUES\n",
            );
        }
        comma(out, &mut first);
        let piece = Piece::of(i);
        let (s, sn) = split(piece.start);
        let (e, en) = split(piece.end);
        let _ = write!(
            out,
            "('{}', '{}', '{}', ",
            i.id.0, i.company_id.0, piece.company_user_id.0
        );
        uuid(out, piece.queue_id.map(|q| q.0));
        let _ = write!(out, ", {s}, {sn}, {e}, {en})");
    }
    if !first {
        out.push_str(
            "\nON CONFLICT (id) DO UPDATE SET company = excluded.company, \
             agent = excluded.agent, queue = excluded.queue, start_s = excluded.start_s, \
             start_ns = excluded.start_ns, end_s = excluded.end_s, end_ns = excluded.end_ns;\n",
        );
    }
}

/// The events, numbered after the event counter, which the same statement moves.
fn events(out: &mut String, events: &[Event]) -> Result<()> {
    if events.is_empty() {
        return Ok(());
    }
    let n = events.len();
    let _ = write!(
        out,
        "WITH counter AS (UPDATE cnq_meta SET value = value + {n} WHERE key = 'event_seq' \
         RETURNING value - {n} AS base)\n\
         INSERT INTO cnq_event (seq, at_s, at_ns, company_id, body, fact, fact_queue, \
         fact_agent, fact_since_s, fact_since_ns, fact_score)\n\
         SELECT c.base + e.n, e.a, e.an, e.co, \
         jsonb_set(e.b::jsonb, '{{seq}}', to_jsonb(c.base + e.n))::text, \
         e.f, e.fq, e.fa, e.fs, e.fsn, e.fsc FROM counter c, (VALUES\n"
    );
    let mut first = true;
    for (i, e) in events.iter().enumerate() {
        comma(out, &mut first);
        let body = serde_json::to_string(e)
            .map_err(|err| Error::storage(format!("cannot encode an event: {err}")))?;
        let (s, ns) = split(e.at);
        let f = FactColumns::of(e);
        let _ = write!(out, "({}::bigint, {s}::bigint, {ns}::bigint, ", i + 1);
        uuid(out, e.company_id.map(|c| c.0));
        out.push_str(", ");
        text(out, &body);
        out.push_str("::text, ");
        int(out, f.kind);
        out.push_str(", ");
        uuid(out, f.queue);
        out.push_str(", ");
        uuid(out, f.agent);
        out.push_str(", ");
        int(out, f.since_s);
        out.push_str(", ");
        int(out, f.since_ns);
        out.push_str(", ");
        int(out, f.score);
        out.push(')');
    }
    out.push_str(") AS e(n, a, an, co, b, f, fq, fa, fs, fsn, fsc);\n");
    Ok(())
}

/// The message that writes `changes` (at most one per record) stamped with commit `seq` of
/// `scope`, the time pieces of their intervals and `events`, moves the scope's commit
/// number to `seq`, notifies watchers when there are events, and commits.
pub(crate) fn sql(
    changes: &[&Change],
    scope: Uuid,
    seq: i64,
    new_events: &[Event],
) -> Result<String> {
    let mut out = String::with_capacity(1024 + 600 * (changes.len() + new_events.len()));
    records(&mut out, changes, scope, seq);
    pieces(&mut out, changes);
    events(&mut out, new_events)?;
    let _ = writeln!(
        out,
        "UPDATE cnq_lock SET seq = {seq} WHERE scope = '{scope}';"
    );
    if !new_events.is_empty() {
        // The notification is sent at the commit, with it or not at all.
        out.push_str("SELECT pg_notify('cnq_commit', current_schema());\n");
    }
    out.push_str("COMMIT");
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_doubles_quotes_and_keeps_everything_else() {
        let mut out = String::new();
        text(&mut out, r#"it's {"a":"\"b\\"}"#);
        assert_eq!(out, r#"'it''s {"a":"\"b\\"}'"#);
    }
}
