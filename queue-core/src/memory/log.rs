//! The memory store's event log: in sequence (and time) order, indexed by company, shared
//! with the feeds that watch it.

use super::pack::{self, Dict, Head, Locals, PackError};
use crate::ids::CompanyId;
use crate::model::event::Event;
use crate::model::fact::Fact;
use crate::store::EventQuery;
use crate::watch::EventFeed;
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use std::collections::{BTreeMap, VecDeque};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};
use uuid::Uuid;

/// Events per chunk: each chunk packs its events against a table of its own ids.
const CHUNK: usize = 1024;

/// Up to [`CHUNK`] consecutive events, packed.
#[derive(Debug, Default)]
struct Chunk {
    bytes: Vec<u8>,
    /// `ends[i]` is where event `i` of the chunk ends in `bytes`.
    ends: Vec<u32>,
    locals: Locals,
}

/// The events, packed in chunks, with positions that survive pruning the front.
///
/// An event's position is its sequence number minus one (both count every event ever
/// appended). Each packed event starts with its instant and company, so searching by time
/// and filtering by company decode a few bytes, not the event.
#[derive(Debug, Default)]
pub(super) struct EventLog {
    chunks: VecDeque<Chunk>,
    /// Position of the first event of `chunks[0]`; every chunk but the last is full.
    base: usize,
    /// Position of the first event not pruned (`base..first` are pruned but still packed
    /// in the first chunk, until the whole chunk goes).
    first: usize,
    /// Position after the last event: the last sequence number given, pruned or not.
    end: usize,
    /// Each company's event positions, ascending.
    by_company: BTreeMap<CompanyId, VecDeque<usize>>,
    dict: Dict,
    /// The last [`RECENT`] events as they are too: watchers read what was just committed,
    /// and should not pay for unpacking it.
    recent: VecDeque<Event>,
}

/// How many of the newest events are also kept unpacked.
const RECENT: usize = 256;

fn corrupt(e: impl std::fmt::Display) -> Error {
    Error::storage(format!("corrupt event in the memory store: {e}"))
}

impl EventLog {
    fn last_seq(&self) -> u64 {
        self.end as u64
    }

    /// Appends `events`, numbering them: all or none.
    fn append(&mut self, events: &[Event], config: &[Uuid]) -> Result<()> {
        for id in config {
            self.dict.learn(*id);
        }
        if self.chunks.is_empty() {
            self.chunks.push_back(Chunk::default());
        }
        let (mark_chunks, mark_end) = (self.chunks.len(), self.end);
        let marks = self.chunks.back().map(|c| (c.bytes.len(), c.ends.len()));
        for e in events {
            if let Err(err) = self.push(e) {
                // Undo the events of this commit already pushed.
                self.chunks.truncate(mark_chunks);
                if let (Some(c), Some((bytes, ends))) = (self.chunks.back_mut(), marks) {
                    c.bytes.truncate(bytes);
                    c.ends.truncate(ends);
                }
                for list in self.by_company.values_mut() {
                    while list.back().is_some_and(|p| *p >= mark_end) {
                        list.pop_back();
                    }
                }
                self.recent
                    .truncate(self.recent.len().saturating_sub(self.end - mark_end));
                self.end = mark_end;
                return Err(Error::storage(format!("cannot pack an event: {err}")));
            }
        }
        Ok(())
    }

    fn push(&mut self, e: &Event) -> std::result::Result<(), PackError> {
        if self.chunks.back().is_none_or(|c| c.ends.len() >= CHUNK) {
            if let Some(full) = self.chunks.back_mut() {
                full.bytes.shrink_to_fit();
                full.ends.shrink_to_fit();
                full.locals.seal();
            }
            self.chunks.push_back(Chunk::default());
        }
        let Some(chunk) = self.chunks.back_mut() else {
            return Ok(());
        };
        let start = chunk.bytes.len();
        let fact = Fact::of(e);
        let company = e.company_id.map(|c| c.0);
        pack::write_head(&mut chunk.bytes, &self.dict, e.at, company, fact.as_ref());
        let body = (&e.actor, &e.kind);
        let packed = pack::pack(
            &body,
            &mut chunk.bytes,
            &mut self.dict,
            Some(&mut chunk.locals),
        );
        if let Err(err) = packed {
            chunk.bytes.truncate(start);
            return Err(err);
        }
        chunk.ends.push(chunk.bytes.len() as u32);
        if let Some(c) = e.company_id {
            self.by_company.entry(c).or_default().push_back(self.end);
        }
        self.end += 1;
        if self.recent.len() >= RECENT {
            self.recent.pop_front();
        }
        self.recent.push_back(Event {
            seq: self.end as u64,
            ..e.clone()
        });
        Ok(())
    }

    /// The chunk holding `position`, and the event's bytes in it.
    fn packed(&self, position: usize) -> Option<(&Chunk, &[u8])> {
        if position < self.first || position >= self.end {
            return None;
        }
        let at = position - self.base;
        let chunk = self.chunks.get(at / CHUNK)?;
        let i = at % CHUNK;
        let from = if i == 0 {
            0
        } else {
            *chunk.ends.get(i - 1)? as usize
        };
        let to = *chunk.ends.get(i)? as usize;
        Some((chunk, chunk.bytes.get(from..to)?))
    }

    /// The instant and company an event starts with, and where its body starts.
    fn head(&self, bytes: &[u8]) -> Result<Head> {
        pack::read_head(bytes, &self.dict).map_err(corrupt)
    }

    fn event_at(&self, position: usize) -> Result<Event> {
        if let Some(i) = (position + self.recent.len()).checked_sub(self.end) {
            if position >= self.first {
                if let Some(e) = self.recent.get(i) {
                    return Ok(e.clone());
                }
            }
        }
        let (chunk, bytes) = self.packed(position).ok_or_else(|| corrupt("missing"))?;
        let head = self.head(bytes)?;
        let body = bytes.get(head.len..).unwrap_or_default();
        let (actor, kind) = pack::unpack(body, &self.dict, Some(&chunk.locals)).map_err(corrupt)?;
        Ok(Event {
            seq: position as u64 + 1,
            at: head.at,
            actor,
            company_id: head.company.map(CompanyId),
            kind,
        })
    }

    fn at(&self, position: usize) -> Result<DateTime<Utc>> {
        let (_, bytes) = self.packed(position).ok_or_else(|| corrupt("missing"))?;
        Ok(self.head(bytes)?.at)
    }

    /// The first position in `from..self.end` whose event is at or after `t` (the log is
    /// in time order: an engine's time never goes back).
    fn position_at(&self, mut lo: usize, t: DateTime<Utc>) -> Result<usize> {
        let mut hi = self.end;
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.at(mid)? < t {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        Ok(lo)
    }

    /// The position of the first event that can match: after `after_seq` and at or after
    /// `from` (both binary searches).
    fn start(&self, query: &EventQuery) -> Result<usize> {
        let by_seq = query
            .after_seq
            .map_or(0, |s| usize::try_from(s).unwrap_or(usize::MAX))
            .clamp(self.first, self.end);
        match query.from {
            Some(f) => self.position_at(by_seq, f),
            None => Ok(by_seq),
        }
    }

    /// A query costs the events it returns (plus two binary searches), not the log's length:
    /// the log is in sequence and time order, and each company's events are indexed.
    fn query(&self, query: &EventQuery) -> Result<Vec<Event>> {
        let start = self.start(query)?;
        let limit = query.limit.unwrap_or(usize::MAX);
        let positions: Box<dyn Iterator<Item = usize>> = match query.company_id {
            Some(c) => {
                let list = self.by_company.get(&c);
                let from = list.map_or(0, |l| l.partition_point(|p| *p < start));
                Box::new(list.into_iter().flat_map(move |l| l.range(from..)).copied())
            }
            None => Box::new(start..self.end),
        };
        let mut out = Vec::new();
        for p in positions {
            if out.len() >= limit {
                break;
            }
            let e = self.event_at(p)?;
            if query.to.is_some_and(|t| e.at >= t) {
                break;
            }
            if query.matches(&e) {
                out.push(e);
            }
        }
        Ok(out)
    }

    /// The facts of a company's events in `[from, to)`, read from the heads alone.
    fn facts(
        &self,
        company: CompanyId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<Fact>> {
        let start = self.position_at(self.first, from)?;
        let Some(list) = self.by_company.get(&company) else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        for p in list.range(list.partition_point(|p| *p < start)..) {
            let (_, bytes) = self.packed(*p).ok_or_else(|| corrupt("missing"))?;
            let head = self.head(bytes)?;
            if head.at >= to {
                break;
            }
            out.extend(head.fact);
        }
        Ok(out)
    }

    /// Removes the events before `cutoff`; returns how many.
    fn prune(&mut self, cutoff: DateTime<Utc>) -> Result<u64> {
        let end = self.position_at(self.first, cutoff)?;
        let gone = end - self.first;
        for list in self.by_company.values_mut() {
            while list.front().is_some_and(|p| *p < end) {
                list.pop_front();
            }
        }
        self.by_company.retain(|_, list| !list.is_empty());
        self.first = end;
        // Whole chunks of pruned events go; the rest stay packed until their chunk is done.
        while self.chunks.len() > 1 && self.base + CHUNK <= self.first {
            self.chunks.pop_front();
            self.base += CHUNK;
        }
        Ok(gone as u64)
    }
}

/// The log and the bell its feeds wait on.
#[derive(Debug, Default)]
pub(super) struct SharedLog {
    log: Mutex<EventLog>,
    appended: Condvar,
}

impl SharedLog {
    /// The log, locked. Every holder keeps it consistent between statements (no panics
    /// midway), so a poisoned lock's data is still good.
    fn lock(&self) -> MutexGuard<'_, EventLog> {
        self.log.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Appends `events` (all or none), with the configuration ids of the same commit.
    pub(super) fn append(&self, events: &[Event], config: &[Uuid]) -> Result<()> {
        if events.is_empty() && config.is_empty() {
            return Ok(());
        }
        self.lock().append(events, config)?;
        self.appended.notify_all();
        Ok(())
    }

    pub(super) fn query(&self, query: &EventQuery) -> Result<Vec<Event>> {
        self.lock().query(query)
    }

    pub(super) fn facts(
        &self,
        company: CompanyId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<Fact>> {
        self.lock().facts(company, from, to)
    }

    pub(super) fn prune(&self, cutoff: DateTime<Utc>) -> Result<u64> {
        self.lock().prune(cutoff)
    }
}

/// A [`EventFeed`] on a memory store's log: woken by the commit that appends.
pub(super) struct MemoryFeed(pub(super) Arc<SharedLog>);

impl EventFeed for MemoryFeed {
    fn read(
        &mut self,
        after_seq: u64,
        company: Option<CompanyId>,
        limit: usize,
    ) -> Result<(Vec<Event>, u64)> {
        let log = self.0.lock();
        let events = log.query(&EventQuery::after(after_seq, company, limit))?;
        let scanned = match events.last() {
            Some(e) if events.len() == limit => e.seq,
            _ => log.last_seq(),
        };
        Ok((events, scanned))
    }

    fn last_seq(&mut self) -> Result<u64> {
        Ok(self.0.lock().last_seq())
    }

    fn wait(&mut self, after_seq: u64, timeout: Duration) -> Result<bool> {
        let deadline = Instant::now().checked_add(timeout);
        let mut log = self.0.lock();
        while log.last_seq() <= after_seq {
            let left = match deadline {
                Some(d) => d.saturating_duration_since(Instant::now()),
                None => Duration::from_secs(3600),
            };
            if left.is_zero() {
                return Ok(false);
            }
            log = match self.0.appended.wait_timeout(log, left) {
                Ok((log, _)) => log,
                Err(p) => p.into_inner().0,
            };
        }
        Ok(true)
    }
}
