//! `MemoryStore`: the in-memory [`Store`], for tests, simulations and hosts that need no durability.

mod log;

use crate::ids::CompanyId;
use crate::model::event::Event;
use crate::model::record::{Keep, Kind, Record};
use crate::store::{prune_cutoff, Change, Changes, EventQuery, Pruned, Retention, Store};
use crate::watch::EventFeed;
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use log::{MemoryFeed, SharedLog};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
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
    /// `(kind, since, id)` of every ended stay, object and time piece: what retention
    /// prunes, oldest first.
    aging: BTreeSet<(Kind, DateTime<Utc>, Uuid)>,
    /// The event log, shared with the feeds watching it.
    events: Arc<SharedLog>,
    retention: Option<Retention>,
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

    /// Keeps history (ended stays, notes, ratings, objects no stay is left for, agents' time
    /// pieces, events) for `keep` of the engine's time, pruning older history as commits
    /// come (see [`crate::store::Retention`]).
    ///
    /// ```
    /// let store = queue_core::MemoryStore::new().with_retention(chrono::Duration::days(30));
    /// # let _ = store;
    /// ```
    pub fn with_retention(mut self, keep: chrono::Duration) -> Self {
        self.retention = Some(Retention::new(keep));
        self
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
        // Notes and ratings go with their stay or object, so only these three age.
        let ages = matches!(key.0, Kind::Stay | Kind::QueueableObject | Kind::Interval);
        if let (true, Some(since)) = (ages, p.since) {
            let entry = (key.0, since, key.1);
            if add {
                self.aging.insert(entry);
            } else {
                self.aging.remove(&entry);
            }
        }
        if add && matches!(p.keep, Keep::Always | Keep::Live) {
            self.working.insert(key);
        } else {
            self.working.remove(&key);
        }
    }

    fn remove(&mut self, kind: Kind, id: Uuid) -> bool {
        match self.records.remove(&(kind, id)) {
            Some(old) => {
                self.index(&old, false);
                true
            }
            None => false,
        }
    }

    /// The ids of `kind` in the aging index from before `cutoff`, oldest first.
    fn aged(&self, kind: Kind, cutoff: DateTime<Utc>) -> Vec<Uuid> {
        let lo = (kind, DateTime::<Utc>::MIN_UTC, Uuid::nil());
        let hi = (kind, cutoff, Uuid::nil());
        self.aging.range(lo..hi).map(|(_, _, id)| *id).collect()
    }

    fn prune_before(&mut self, cutoff: DateTime<Utc>) -> Pruned {
        let mut pruned = Pruned::default();
        for stay in self.aged(Kind::Stay, cutoff) {
            let notes: Vec<Uuid> = self
                .children
                .get(&(Kind::Note, stay))
                .map(|s| s.iter().copied().collect())
                .unwrap_or_default();
            for note in notes {
                pruned.notes += u64::from(self.remove(Kind::Note, note));
            }
            pruned.stays += u64::from(self.remove(Kind::Stay, stay));
        }
        for object in self.aged(Kind::QueueableObject, cutoff) {
            if self.children.contains_key(&(Kind::Stay, object)) {
                continue;
            }
            let ratings: Vec<Uuid> = self
                .children
                .get(&(Kind::Rating, object))
                .map(|s| s.iter().copied().collect())
                .unwrap_or_default();
            for rating in ratings {
                pruned.ratings += u64::from(self.remove(Kind::Rating, rating));
            }
            pruned.objects += u64::from(self.remove(Kind::QueueableObject, object));
        }
        for piece in self.aged(Kind::Interval, cutoff) {
            pruned.intervals += u64::from(self.remove(Kind::Interval, piece));
        }
        pruned.events = self.events.prune(cutoff);
        pruned
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

    fn changes(&mut self) -> Result<Changes> {
        Ok(Changes::Since(Vec::new()))
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
        self.events.append(events);
        let now = events.iter().map(|e| e.at).max();
        if let Some(cutoff) = now.and_then(|now| self.retention.as_mut()?.due(now)) {
            self.prune_before(cutoff);
        }
        Ok(())
    }

    fn prune(&mut self, before: DateTime<Utc>) -> Result<Pruned> {
        Ok(self.prune_before(prune_cutoff(before)))
    }

    fn rollback(&mut self) {}

    /// A query costs the events it returns (plus two binary searches), not the log's length.
    fn events(&mut self, query: &EventQuery) -> Result<Vec<Event>> {
        Ok(self.events.query(query))
    }

    fn feed(&mut self) -> Result<Box<dyn EventFeed>> {
        Ok(Box::new(MemoryFeed(self.events.clone())))
    }
}
