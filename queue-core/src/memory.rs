//! `MemoryStore`: the in-memory [`Store`], for tests, simulations and hosts that need no durability.

use crate::model::event::Event;
use crate::model::record::{Kind, Record};
use crate::store::{Change, EventQuery, Store};
use crate::{Error, Result};
use std::collections::BTreeMap;
use uuid::Uuid;

/// Keeps records and events in memory; nothing survives the process.
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
    events: Vec<Event>,
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
}

impl Store for MemoryStore {
    fn load(&mut self) -> Result<Vec<Record>> {
        Ok(self.records.values().cloned().collect())
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
            match change {
                Change::Put(r) => {
                    self.records.insert((r.kind(), r.id()), r.clone());
                }
                Change::Delete(kind, id) => {
                    self.records.remove(&(*kind, *id));
                }
            }
        }
        let next = self.events.last().map_or(0, |e| e.seq) + 1;
        for (seq, e) in (next..).zip(events) {
            self.events.push(Event { seq, ..e.clone() });
        }
        Ok(())
    }

    fn rollback(&mut self) {}

    fn events(&mut self, query: &EventQuery) -> Result<Vec<Event>> {
        let it = self.events.iter().filter(|e| query.matches(e)).cloned();
        Ok(match query.limit {
            Some(n) => it.take(n).collect(),
            None => it.collect(),
        })
    }
}
