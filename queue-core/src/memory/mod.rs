//! `MemoryStore`: the in-memory [`Store`], for tests, simulations and hosts that need no durability.

mod log;
mod pack;

use crate::ids::CompanyId;
use crate::model::event::Event;
use crate::model::fact::Fact;
use crate::model::interval::Piece;
use crate::model::record::{Keep, Kind, Record};
use crate::store::{prune_cutoff, Change, Changes, EventQuery, Pruned, Retention, Store};
use crate::watch::EventFeed;
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use log::{MemoryFeed, SharedLog};
use pack::Dict;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
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
    /// The working set's records (configuration, presence, live stays), as they are.
    live: BTreeMap<(Kind, Uuid), Record>,
    /// Every other record — objects, ended stays, notes, ratings, time pieces — packed
    /// (see [`pack`]): the history a long-running store holds is mostly these.
    packed: BTreeMap<(Kind, Uuid), Box<[u8]>>,
    /// The words and configuration ids packed records refer to.
    dict: Dict,
    /// `(kind, parent, id)` of the records of `kind` hanging off `parent`.
    children: BTreeSet<(Kind, Uuid, Uuid)>,
    /// `(kind, company, id)` of the company's records that have no instant (live stays);
    /// the others are in `timeline`.
    companies: BTreeSet<(Kind, Uuid, Uuid)>,
    /// `(kind, company)` → `(since, id)` of its records with an instant, in order: history
    /// by time, and what retention prunes from the front. Records come roughly in time
    /// order, so an insertion lands near the back.
    timeline: BTreeMap<(Kind, Uuid), Line>,
    /// The event log, shared with the feeds watching it.
    events: Arc<SharedLog>,
    retention: Option<Retention>,
    fail_commits: usize,
}

/// Above this many removals from one timeline in one commit (a company deleted), one pass
/// removes them all instead of one shift each.
const BULK_REMOVALS: usize = 16;

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// The stored form (JSON) of one record, as a durable store would hold it.
    pub fn raw(&self, kind: Kind, id: Uuid) -> Option<String> {
        self.record(kind, id).ok().flatten().map(|r| r.to_json())
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
        self.live.len() + self.packed.len()
    }

    /// True when nothing is stored.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn record(&self, kind: Kind, id: Uuid) -> Result<Option<Record>> {
        if let Some(r) = self.live.get(&(kind, id)) {
            return Ok(Some(r.clone()));
        }
        let Some(bytes) = self.packed.get(&(kind, id)) else {
            return Ok(None);
        };
        let bad = |e: pack::PackError| Error::storage(format!("corrupt {kind} record: {e}"));
        let body = match kind {
            Kind::Interval => pack::read_piece(bytes, &self.dict).map_err(bad)?.1,
            _ => 0,
        };
        let body = bytes.get(body..).unwrap_or_default();
        let r: Record = pack::unpack(body, &self.dict, None).map_err(bad)?;
        match r.kind() == kind {
            true => Ok(Some(r)),
            false => Err(Error::storage(format!("{kind} record of another kind"))),
        }
    }

    /// Takes `r` out of (`add` false) or into the indexes; timeline removals are gathered
    /// in `gone` and made by [`MemoryStore::remove_gone`].
    fn index(&mut self, r: &Record, add: bool, gone: &mut Gone) {
        let (kind, id) = (r.kind(), r.id());
        let p = r.placement();
        if let Some(parent) = p.parent {
            let entry = (kind, parent, id);
            if add {
                self.children.insert(entry);
            } else {
                self.children.remove(&entry);
            }
        }
        match (p.company, p.since) {
            (Some(company), Some(since)) if add => {
                let line = self.timeline.entry((kind, company)).or_default();
                let at = from_back(line, &(since, id));
                line.insert(at, (since, id));
            }
            (Some(company), Some(since)) => {
                gone.entry((kind, company)).or_default().push((since, id));
            }
            (Some(company), None) if add => {
                self.companies.insert((kind, company, id));
            }
            (Some(company), None) => {
                self.companies.remove(&(kind, company, id));
            }
            (None, _) => {}
        }
    }

    fn remove_gone(&mut self, gone: Gone) {
        for (key, mut entries) in gone {
            let Some(line) = self.timeline.get_mut(&key) else {
                continue;
            };
            // One occurrence each: a record put again at the same instant is in the line
            // twice until its old entry goes. Retention removes the oldest: from the front.
            entries.sort_unstable();
            let mut rest = Vec::new();
            for e in entries {
                if line.front() == Some(&e) {
                    line.pop_front();
                } else {
                    rest.push(e);
                }
            }
            if rest.len() > BULK_REMOVALS {
                // Both sorted: one walk.
                let mut next = 0;
                line.retain(|x| {
                    while rest.get(next).is_some_and(|r| r < x) {
                        next += 1;
                    }
                    let found = rest.get(next) == Some(x);
                    next += usize::from(found);
                    !found
                });
            } else {
                for e in rest {
                    let at = from_back(line, &e);
                    if line.get(at) == Some(&e) {
                        line.remove(at);
                    }
                }
            }
            if line.is_empty() {
                self.timeline.remove(&key);
            }
        }
    }

    /// Removes one stored record from wherever it is, with its index entries.
    fn take(&mut self, kind: Kind, id: Uuid, gone: &mut Gone) -> Result<bool> {
        let old = match self.live.remove(&(kind, id)) {
            Some(r) => r,
            None => match self.record(kind, id)? {
                Some(r) => {
                    self.packed.remove(&(kind, id));
                    r
                }
                None => return Ok(false),
            },
        };
        self.index(&old, false, gone);
        Ok(true)
    }

    /// The ids of `kind` whose instant is before `cutoff`, oldest first per company.
    fn aged(&self, kind: Kind, cutoff: DateTime<Utc>) -> Vec<Uuid> {
        let lo = (kind, Uuid::nil());
        let hi = (kind, Uuid::max());
        self.timeline
            .range(lo..=hi)
            .flat_map(|(_, line)| line.iter().take_while(|(t, _)| *t < cutoff))
            .map(|(_, id)| *id)
            .collect()
    }

    fn child_ids(&self, kind: Kind, parent: Uuid) -> Vec<Uuid> {
        self.children
            .range((kind, parent, Uuid::nil())..=(kind, parent, Uuid::max()))
            .map(|(_, _, id)| *id)
            .collect()
    }

    fn prune_before(&mut self, cutoff: DateTime<Utc>) -> Result<Pruned> {
        let mut pruned = Pruned::default();
        let mut gone = Gone::new();
        for stay in self.aged(Kind::Stay, cutoff) {
            for note in self.child_ids(Kind::Note, stay) {
                pruned.notes += u64::from(self.take(Kind::Note, note, &mut gone)?);
            }
            pruned.stays += u64::from(self.take(Kind::Stay, stay, &mut gone)?);
        }
        for object in self.aged(Kind::QueueableObject, cutoff) {
            if !self.child_ids(Kind::Stay, object).is_empty() {
                continue;
            }
            for rating in self.child_ids(Kind::Rating, object) {
                pruned.ratings += u64::from(self.take(Kind::Rating, rating, &mut gone)?);
            }
            pruned.objects += u64::from(self.take(Kind::QueueableObject, object, &mut gone)?);
        }
        for piece in self.aged(Kind::Interval, cutoff) {
            pruned.intervals += u64::from(self.take(Kind::Interval, piece, &mut gone)?);
        }
        self.remove_gone(gone);
        pruned.events = self.events.prune(cutoff)?;
        Ok(pruned)
    }
}

/// The first position in the sorted `line` not before `e`, searched from the back: a new
/// entry belongs near the back, so this costs a few comparisons on memory just touched,
/// where a binary search over a long history would miss the cache at every step.
fn from_back<T: Ord>(line: &VecDeque<T>, e: &T) -> usize {
    // Every entry from `hi` on is not before `e`; gallop back doubling the step.
    let (mut hi, mut step) = (line.len(), 1);
    while hi > 0 {
        let lo = hi.saturating_sub(step);
        if line[lo] < *e {
            // The answer is in `lo + 1..=hi`.
            let (mut a, mut b) = (lo + 1, hi);
            while a < b {
                let m = a + (b - a) / 2;
                if line[m] < *e {
                    a = m + 1;
                } else {
                    b = m;
                }
            }
            return a;
        }
        hi = lo;
        step *= 2;
    }
    0
}

#[cfg(test)]
#[test]
fn searching_from_the_back_agrees_with_partition_point() {
    let line: VecDeque<u32> = [1, 3, 3, 3, 5, 8, 8, 13, 21, 21, 34].into_iter().collect();
    for e in 0..40 {
        assert_eq!(
            from_back(&line, &e),
            line.partition_point(|x| *x < e),
            "{e}"
        );
    }
    assert_eq!(from_back(&VecDeque::new(), &1), 0);
}

/// One timeline: `(since, id)` in order.
type Line = VecDeque<(DateTime<Utc>, Uuid)>;

/// Timeline entries to remove, by timeline.
type Gone = BTreeMap<(Kind, Uuid), Vec<(DateTime<Utc>, Uuid)>>;

impl Store for MemoryStore {
    fn load(&mut self) -> Result<Vec<Record>> {
        let mut out = Vec::with_capacity(self.live.len());
        let mut held = BTreeSet::new();
        for r in self.live.values() {
            if let Record::Stay(s) = r {
                held.insert(s.object_id.0);
            }
            out.push(r.clone());
        }
        for object in held {
            if let Some(r) = self.record(Kind::QueueableObject, object)? {
                out.push(r);
            }
        }
        Ok(out)
    }

    fn get(&mut self, kind: Kind, id: Uuid) -> Result<Option<Record>> {
        self.record(kind, id)
    }

    fn children(&mut self, kind: Kind, parent: Uuid) -> Result<Vec<Record>> {
        let mut out = Vec::new();
        for id in self.child_ids(kind, parent) {
            out.extend(self.record(kind, id)?);
        }
        Ok(out)
    }

    fn company_records(&mut self, kind: Kind, company: CompanyId) -> Result<Vec<Uuid>> {
        let timed = self.timeline.get(&(kind, company.0)).into_iter().flatten();
        let untimed = self
            .companies
            .range((kind, company.0, Uuid::nil())..=(kind, company.0, Uuid::max()));
        Ok(timed
            .map(|(_, id)| *id)
            .chain(untimed.map(|(_, _, id)| *id))
            .collect())
    }

    fn company_history(
        &mut self,
        kind: Kind,
        company: CompanyId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<Record>> {
        let Some(line) = self.timeline.get(&(kind, company.0)).filter(|_| from < to) else {
            return Ok(Vec::new());
        };
        let start = line.partition_point(|(t, _)| *t < from);
        let ids: Vec<Uuid> = line
            .range(start..)
            .take_while(|(t, _)| *t < to)
            .map(|(_, id)| *id)
            .collect();
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            out.extend(self.record(kind, id)?);
        }
        Ok(out)
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
        // Configuration ids are the dicts', so the history that repeats them packs small.
        let mut config = Vec::new();
        for change in changes {
            if let Change::Put(r) = change {
                if r.placement().keep == Keep::Always {
                    self.dict.learn(r.id());
                    config.push(r.id());
                }
            }
        }
        // Pack first: a value that cannot be packed fails the commit before anything changed.
        let mut bodies = Vec::new();
        for change in changes {
            if let Change::Put(r) = change {
                if !matches!(r.placement().keep, Keep::Always | Keep::Live) {
                    let mut out = Vec::new();
                    // A time piece's record starts with its piece, so reports read only that.
                    if let Record::Interval(i) = r {
                        pack::write_piece(&mut out, &self.dict, &Piece::of(i));
                    }
                    pack::pack(r, &mut out, &mut self.dict, None)
                        .map_err(|e| Error::storage(format!("cannot pack {}: {e}", r.kind())))?;
                    bodies.push(out.into_boxed_slice());
                }
            }
        }
        self.events.append(events, &config)?;
        let mut bodies = bodies.into_iter();
        let mut gone = Gone::new();
        for change in changes {
            let (kind, id) = change.key();
            self.take(kind, id, &mut gone)?;
            if let Change::Put(r) = change {
                self.index(r, true, &mut gone);
                if matches!(r.placement().keep, Keep::Always | Keep::Live) {
                    self.live.insert((kind, id), r.clone());
                } else if let Some(body) = bodies.next() {
                    self.packed.insert((kind, id), body);
                }
            }
        }
        self.remove_gone(gone);
        let now = events.iter().map(|e| e.at).max();
        if let Some(cutoff) = now.and_then(|now| self.retention.as_mut()?.due(now)) {
            self.prune_before(cutoff)?;
        }
        Ok(())
    }

    /// Read from the events' heads: a report decodes a few bytes per event in its window.
    fn facts(
        &mut self,
        company: CompanyId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<Fact>> {
        self.events.facts(company, from, to)
    }

    /// Read from the records' heads: a report decodes a few bytes per piece in its window.
    fn pieces(
        &mut self,
        company: CompanyId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<Piece>> {
        let Some(line) = self.timeline.get(&(Kind::Interval, company.0)) else {
            return Ok(Vec::new());
        };
        let start = line.partition_point(|(t, _)| *t < from);
        let mut out = Vec::new();
        for (t, id) in line.range(start..) {
            if *t >= to {
                break;
            }
            if let Some(bytes) = self.packed.get(&(Kind::Interval, *id)) {
                let read = pack::read_piece(bytes, &self.dict);
                out.push(
                    read.map_err(|e| Error::storage(format!("corrupt piece: {e}")))?
                        .0,
                );
            }
        }
        Ok(out)
    }

    fn prune(&mut self, before: DateTime<Utc>) -> Result<Pruned> {
        self.prune_before(prune_cutoff(before))
    }

    fn rollback(&mut self) {}

    /// A query costs the events it returns (plus two binary searches), not the log's length.
    fn events(&mut self, query: &EventQuery) -> Result<Vec<Event>> {
        self.events.query(query)
    }

    fn feed(&mut self) -> Result<Box<dyn EventFeed>> {
        Ok(Box::new(MemoryFeed(self.events.clone())))
    }
}
