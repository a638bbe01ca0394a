//! The memory store's event log: in sequence (and time) order, indexed by company, shared
//! with the feeds that watch it.

use crate::ids::CompanyId;
use crate::model::event::Event;
use crate::store::EventQuery;
use crate::watch::EventFeed;
use crate::Result;
use chrono::{DateTime, Utc};
use std::collections::{BTreeMap, VecDeque};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// The events, with positions that survive pruning the front.
#[derive(Debug, Default)]
pub(super) struct EventLog {
    /// `events[i]` has position `first + i`.
    events: VecDeque<Event>,
    /// Position of `events[0]` since the store was made: pruning the front keeps positions.
    first: usize,
    /// The last sequence number given, pruned or not: never reused.
    last_seq: u64,
    /// Each company's event positions, ascending.
    by_company: BTreeMap<CompanyId, VecDeque<usize>>,
}

impl EventLog {
    /// Appends `events`, numbering them.
    fn append(&mut self, events: &[Event]) {
        for e in events {
            self.last_seq += 1;
            if let Some(c) = e.company_id {
                let position = self.first + self.events.len();
                self.by_company.entry(c).or_default().push_back(position);
            }
            self.events.push_back(Event {
                seq: self.last_seq,
                ..e.clone()
            });
        }
    }

    /// The position of the first event that can match: after `after_seq` and at or after
    /// `from` (the log is in sequence and time order, so both are binary searches).
    fn start(&self, query: &EventQuery) -> usize {
        let by_seq = query
            .after_seq
            .map_or(0, |s| self.events.partition_point(|e| e.seq <= s));
        let by_time = query
            .from
            .map_or(0, |f| self.events.partition_point(|e| e.at < f));
        self.first + by_seq.max(by_time)
    }

    fn event_at(&self, position: usize) -> Option<&Event> {
        self.events.get(position.checked_sub(self.first)?)
    }

    /// A query costs the events it returns (plus two binary searches), not the log's length:
    /// the log is in sequence and time order (an engine's time never goes back), and each
    /// company's events are indexed.
    fn query(&self, query: &EventQuery) -> Vec<Event> {
        let start = self.start(query);
        let limit = query.limit.unwrap_or(usize::MAX);
        let in_time = |e: &&Event| query.to.is_none_or(|t| e.at < t);
        match query.company_id {
            Some(c) => {
                let list = self.by_company.get(&c);
                let from = list.map_or(0, |l| l.partition_point(|p| *p < start));
                list.into_iter()
                    .flat_map(|l| l.range(from..))
                    .filter_map(|p| self.event_at(*p))
                    .take_while(in_time)
                    .filter(|e| query.matches(e))
                    .take(limit)
                    .cloned()
                    .collect()
            }
            None => self
                .events
                .range(start - self.first..)
                .take_while(in_time)
                .filter(|e| query.matches(e))
                .take(limit)
                .cloned()
                .collect(),
        }
    }

    /// Removes the events before `cutoff`; returns how many.
    fn prune(&mut self, cutoff: DateTime<Utc>) -> u64 {
        let gone = self.events.partition_point(|e| e.at < cutoff);
        let end = self.first + gone;
        for e in self.events.drain(..gone) {
            if let Some(list) = e.company_id.and_then(|c| self.by_company.get_mut(&c)) {
                while list.front().is_some_and(|p| *p < end) {
                    list.pop_front();
                }
            }
        }
        self.by_company.retain(|_, list| !list.is_empty());
        self.first = end;
        gone as u64
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

    pub(super) fn append(&self, events: &[Event]) {
        if events.is_empty() {
            return;
        }
        self.lock().append(events);
        self.appended.notify_all();
    }

    pub(super) fn query(&self, query: &EventQuery) -> Vec<Event> {
        self.lock().query(query)
    }

    pub(super) fn prune(&self, cutoff: DateTime<Utc>) -> u64 {
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
        let events = log.query(&EventQuery::after(after_seq, company, limit));
        let scanned = match events.last() {
            Some(e) if events.len() == limit => e.seq,
            _ => log.last_seq,
        };
        Ok((events, scanned))
    }

    fn last_seq(&mut self) -> Result<u64> {
        Ok(self.0.lock().last_seq)
    }

    fn wait(&mut self, after_seq: u64, timeout: Duration) -> Result<bool> {
        let deadline = Instant::now().checked_add(timeout);
        let mut log = self.0.lock();
        while log.last_seq <= after_seq {
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
