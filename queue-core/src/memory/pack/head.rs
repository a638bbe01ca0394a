//! Heads: what the memory store reads of an event or a time piece without unpacking it —
//! an event's instant and company (to search and filter the log) and its [`Fact`], a time
//! piece's [`Piece`] — so that a report over an hour reads a few bytes of each.

use super::*;
use crate::ids::{CompanyUserId, PresenceStatusId, QueueId};
use crate::model::fact::{Fact, FactKind};
use crate::model::interval::Piece;
use chrono::{DateTime, Utc};

/// What a head holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(in crate::memory) struct Head {
    pub(in crate::memory) at: DateTime<Utc>,
    pub(in crate::memory) company: Option<Uuid>,
    pub(in crate::memory) fact: Option<Fact>,
    /// Where the event's body starts.
    pub(in crate::memory) len: usize,
}

/// Writes an event's head.
pub(in crate::memory) fn write_head(
    out: &mut Vec<u8>,
    dict: &Dict,
    at: DateTime<Utc>,
    company: Option<Uuid>,
    fact: Option<&Fact>,
) {
    varint(out, zigzag(at.timestamp() - EPOCH));
    varint(out, u64::from(at.timestamp_subsec_nanos()));
    id(out, dict, company);
    let Some(f) = fact else {
        out.push(0);
        return;
    };
    varint(out, f.kind.code() as u64);
    id(out, dict, f.queue_id.map(|q| q.0));
    id(out, dict, f.company_user_id.map(|a| a.0));
    match f.since.and_then(|s| (s - at).num_nanoseconds()) {
        Some(d) => {
            out.push(1);
            varint(out, zigzag(d));
        }
        None => out.push(0),
    }
    varint(out, f.score.map_or(0, |s| u64::from(s) + 1));
}

/// Reads a head written by [`write_head`].
pub(in crate::memory) fn read_head(bytes: &[u8], dict: &Dict) -> R<Head> {
    let mut u = Unpacker {
        bytes,
        at: 0,
        dict,
        locals: None,
        last: None,
    };
    let secs = unzigzag(u.varint()?).saturating_add(EPOCH);
    let nanos = u32::try_from(u.varint()?).map_err(|_| corrupt("bad time"))?;
    let at = DateTime::from_timestamp(secs, nanos).ok_or_else(|| corrupt("bad time"))?;
    let company = read_id(&mut u)?;
    let code = u.varint()?;
    let fact = match code {
        0 => None,
        _ => {
            let kind = i64::try_from(code).ok().and_then(FactKind::from_code);
            let kind = kind.ok_or_else(|| corrupt("unknown fact"))?;
            let queue_id = read_id(&mut u)?.map(QueueId);
            let company_user_id = read_id(&mut u)?.map(CompanyUserId);
            let since = match u.varint()? {
                0 => None,
                _ => {
                    let d = chrono::Duration::nanoseconds(unzigzag(u.varint()?));
                    Some(
                        at.checked_add_signed(d)
                            .ok_or_else(|| corrupt("bad time"))?,
                    )
                }
            };
            let score = match u.varint()? {
                0 => None,
                s => Some(u8::try_from(s - 1).map_err(|_| corrupt("bad score"))?),
            };
            Some(Fact {
                at,
                kind,
                queue_id,
                company_user_id,
                since,
                score,
            })
        }
    };
    Ok(Head {
        at,
        company,
        fact,
        len: u.at,
    })
}

/// Writes the head of a time piece's record.
pub(in crate::memory) fn write_piece(out: &mut Vec<u8>, dict: &Dict, p: &Piece) {
    id(out, dict, Some(p.company_user_id.0));
    id(out, dict, p.queue_id.map(|q| q.0));
    varint(out, zigzag(p.start.timestamp() - EPOCH));
    varint(out, u64::from(p.start.timestamp_subsec_nanos()));
    varint(
        out,
        zigzag((p.end - p.start).num_nanoseconds().unwrap_or(0)),
    );
    out.push(u8::from(p.wrap_up));
    id(out, dict, p.status_id.map(|s| s.0));
}

/// Reads a head written by [`write_piece`], and where the record's body starts.
pub(in crate::memory) fn read_piece(bytes: &[u8], dict: &Dict) -> R<(Piece, usize)> {
    let mut u = Unpacker {
        bytes,
        at: 0,
        dict,
        locals: None,
        last: None,
    };
    let agent = read_id(&mut u)?.ok_or_else(|| corrupt("piece without agent"))?;
    let queue_id = read_id(&mut u)?.map(QueueId);
    let secs = unzigzag(u.varint()?).saturating_add(EPOCH);
    let nanos = u32::try_from(u.varint()?).map_err(|_| corrupt("bad time"))?;
    let start = DateTime::from_timestamp(secs, nanos).ok_or_else(|| corrupt("bad time"))?;
    let length = chrono::Duration::nanoseconds(unzigzag(u.varint()?));
    let end = start
        .checked_add_signed(length)
        .ok_or_else(|| corrupt("bad time"))?;
    let wrap_up = u.take(1)?.first() == Some(&1);
    let status_id = read_id(&mut u)?.map(PresenceStatusId);
    let piece = Piece {
        company_user_id: CompanyUserId(agent),
        queue_id,
        wrap_up,
        status_id,
        start,
        end,
    };
    Ok((piece, u.at))
}

/// An optional id: 0 none, 1 sixteen bytes, `n + 2` the dict's id `n`.
fn id(out: &mut Vec<u8>, dict: &Dict, id: Option<Uuid>) {
    match id.map(|c| (c, dict.id_of.get(&c))) {
        None => out.push(0),
        Some((_, Some(n))) => varint(out, u64::from(*n) + 2),
        Some((c, None)) => {
            out.push(1);
            out.extend_from_slice(c.as_bytes());
        }
    }
}

fn read_id(u: &mut Unpacker<'_>) -> R<Option<Uuid>> {
    Ok(match u.varint()? {
        0 => None,
        1 => Some(Uuid::from_slice(u.take(16)?).map_err(|_| corrupt("bad id"))?),
        n => {
            let n = usize::try_from(n - 2).map_err(|_| corrupt("unknown id"))?;
            Some(*u.dict.ids.get(n).ok_or_else(|| corrupt("unknown id"))?)
        }
    })
}
