//! `MemoryStore`: the in-memory [`Store`], for tests, simulations and hosts that need no durability.

use crate::ids::CompanyId;
use crate::model::event::Event;
use crate::model::record::{Keep, Kind, Record};
use crate::store::{Change, EventQuery, Store};
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use std::collections::{BTreeMap, BTreeSet};
use uuid::Uuid;

/// Keeps records and events in memory; nothing survives the process.
///
/// Like a durable store it keeps indexes beside the records — the working set, each record's
/// children, each company's records, the event log by company and time — so that loading,
/// history reads and event queries never scan everything it holds.
///
/// ```
/// use queue_core::{Engine, ManualClock, MemoryStore};
/// use std::sync::Arc;
/// let clock = Arc::new(ManualClock::new(chrono::Utc::now()));
/// let engine = Engine::open(Box::new(MemoryStore::new()), clock).unwrap();
/// # let _ = engine;
/// ```
#[derive(Debug, Default)]
pub struct MemoryStore {
    records: BTreeMap<(Kind, Uuid), Record>,
    /// Records of the working set that are kept for themselves (`Keep::Always`, `Keep::Live`).
    working: BTreeSet<(Kind, Uuid)>,
    /// `(kind, parent)` → ids of the records of `kind` hanging off `parent`.
    children: BTreeMap<(Kind, Uuid), BTreeSet<Uuid>>,
    /// `(kind, company)` → ids of the company's records of `kind`.
    companies: BTreeMap<(Kind, Uuid), BTreeSet<Uuid>>,
    /// `(kind, company, since, id)` of every record with both: history by time.
    timeline: BTreeSet<(Kind, Uuid, DateTime<Utc>, Uuid)>,
    events: Vec<Event>,
    /// `(company, event index)` of every event with a company, for company queries.
    events_by_company: BTreeSet<(CompanyId, usize)>,
    fail_commits: usize,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// The stored form (JSON) of one record, as a durable store would hold it.
    pub fn raw(&self, kind: Kind, id: Uuid) -> Option<String> {
        self.records.get(&(kind, id)).map(Record::to_json)
    }

    /// Makes the next `n` commits fail with a storage error, to test that a failed write
    /// leaves nothing behind.
    pub fn fail_next_commits(&mut self, n: usize) {
        self.fail_commits = n;
    }

    /// Number of records stored.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// True when nothing is stored.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    fn index(&mut self, r: &Record, add: bool) {
        let key = (r.kind(), r.id());
        let p = r.placement();
        let link = |map: &mut BTreeMap<(Kind, Uuid), BTreeSet<Uuid>>, at: Option<Uuid>| {
            let Some(at) = at else { return };
            let slot = (key.0, at);
            if add {
                map.entry(slot).or_default().insert(key.1);
            } else if let Some(set) = map.get_mut(&slot) {
                set.remove(&key.1);
                if set.is_empty() {
                    map.remove(&slot);
                }
            }
        };
        link(&mut self.children, p.parent);
        link(&mut self.companies, p.company);
        if let (Some(company), Some(since)) = (p.company, p.since) {
            let entry = (key.0, company, since, key.1);
            if add {
                self.timeline.insert(entry);
            } else {
                self.timeline.remove(&entry);
            }
        }
        if add && matches!(p.keep, Keep::Always | Keep::Live) {
            self.working.insert(key);
        } else {
            self.working.remove(&key);
        }
    }

    /// The first event that can match: after `after_seq` and at or after `from` (the log
    /// is in sequence and time order, so both are binary searches).
    fn start(&self, query: &EventQuery) -> usize {
        let by_seq = query
            .after_seq
            .map_or(0, |s| self.events.partition_point(|e| e.seq <= s));
        let by_time = query
            .from
            .map_or(0, |f| self.events.partition_point(|e| e.at < f));
        by_seq.max(by_time)
    }
}

impl Store for MemoryStore {
    fn load(&mut self) -> Result<Vec<Record>> {
        let mut out = Vec::with_capacity(self.working.len());
        let mut held = BTreeSet::new();
        for key in &self.working {
            if let Some(r) = self.records.get(key) {
                if let (Record::Stay(_), Some(object)) = (r, r.placement().parent) {
                    held.insert(object);
                }
                out.push(r.clone());
            }
        }
        for object in held {
            if let Some(r) = self.records.get(&(Kind::QueueableObject, object)) {
                out.push(r.clone());
            }
        }
        Ok(out)
    }

    fn get(&mut self, kind: Kind, id: Uuid) -> Result<Option<Record>> {
        Ok(self.records.get(&(kind, id)).cloned())
    }

    fn children(&mut self, kind: Kind, parent: Uuid) -> Result<Vec<Record>> {
        Ok(self
            .children
            .get(&(kind, parent))
            .into_iter()
            .flatten()
            .filter_map(|id| self.records.get(&(kind, *id)).cloned())
            .collect())
    }

    fn company_records(&mut self, kind: Kind, company: CompanyId) -> Result<Vec<Uuid>> {
        Ok(self
            .companies
            .get(&(kind, company.0))
            .map(|s| s.iter().copied().collect())
            .unwrap_or_default())
    }

    fn company_history(
        &mut self,
        kind: Kind,
        company: CompanyId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<Record>> {
        if to <= from {
            return Ok(Vec::new());
        }
        let lo = (kind, company.0, from, Uuid::nil());
        let hi = (kind, company.0, to, Uuid::nil());
        Ok(self
            .timeline
            .range(lo..hi)
            .filter_map(|(k, _, _, id)| self.records.get(&(*k, *id)).cloned())
            .collect())
    }

    fn begin(&mut self) -> Result<()> {
        Ok(())
    }

    fn changes(&mut self) -> Result<Vec<Change>> {
        Ok(Vec::new())
    }

    fn commit(&mut self, changes: &[Change], events: &[Event]) -> Result<()> {
        if self.fail_commits > 0 {
            self.fail_commits -= 1;
            return Err(Error::storage("injected commit failure"));
        }
        for change in changes {
            let key = change.key();
            if let Some(old) = self.records.remove(&key) {
                self.index(&old, false);
            }
            if let Change::Put(r) = change {
                self.index(r, true);
                self.records.insert(key, r.clone());
            }
        }
        let next = self.events.last().map_or(0, |e| e.seq) + 1;
        for (seq, e) in (next..).zip(events) {
            if let Some(c) = e.company_id {
                self.events_by_company.insert((c, self.events.len()));
            }
            self.events.push(Event { seq, ..e.clone() });
        }
        Ok(())
    }

    fn rollback(&mut self) {}

    /// A query costs the events it returns (plus two binary searches), not the log's length:
    /// the log is in sequence and time order (an engine's time never goes back), and each
    /// company's events are indexed.
    fn events(&mut self, query: &EventQuery) -> Result<Vec<Event>> {
        let start = self.start(query);
        let limit = query.limit.unwrap_or(usize::MAX);
        let in_time = |e: &&Event| query.to.is_none_or(|t| e.at < t);
        let out = match query.company_id {
            Some(c) => self
                .events_by_company
                .range((c, start)..=(c, usize::MAX))
                .filter_map(|(_, i)| self.events.get(*i))
                .take_while(in_time)
                .filter(|e| query.matches(e))
                .take(limit)
                .cloned()
                .collect(),
            None => self
                .events
                .get(start..)
                .unwrap_or_default()
                .iter()
                .take_while(in_time)
                .filter(|e| query.matches(e))
                .take(limit)
                .cloned()
                .collect(),
        };
        Ok(out)
    }
}
