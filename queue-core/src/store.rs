//! The `Store` trait — the only way the engine reaches durable state — and the record types it moves.

use crate::ids::CompanyId;
use crate::model::event::Event;
use crate::model::fact::Fact;
use crate::model::interval::Piece;
use crate::model::record::{Kind, Record};
use crate::watch::EventFeed;
use crate::Result;
use chrono::{DateTime, Utc};
use uuid::Uuid;

/// One write to the store: a whole record put (inserted or replaced) or deleted.
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)] // Changes are built once and moved; boxing would only add an allocation per write.
pub enum Change {
    /// Insert or replace the record under its kind and id.
    Put(Record),
    /// Remove the record of this kind and id, if present.
    Delete(Kind, Uuid),
}

impl Change {
    /// The kind and id the change is about.
    pub fn key(&self) -> (Kind, Uuid) {
        match self {
            Change::Put(r) => (r.kind(), r.id()),
            Change::Delete(k, id) => (*k, *id),
        }
    }
}

/// What one write transaction may touch, and so what a store must lock for it
/// ([`Store::begin_in`]). Routing never crosses companies, so most commands are one
/// company's; users, tokens and the creation or deletion of companies are everyone's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    /// Anything: writers of every company wait.
    Global,
    /// One company's records only: writers of other companies need not wait.
    Company(CompanyId),
}

impl Scope {
    /// The company, for a company's scope.
    ///
    /// ```
    /// use queue_core::{store::Scope, CompanyId};
    /// assert_eq!(Scope::Global.company(), None);
    /// let acme = CompanyId(uuid::Uuid::nil());
    /// assert_eq!(Scope::Company(acme).company(), Some(acme));
    /// ```
    pub fn company(self) -> Option<CompanyId> {
        match self {
            Scope::Global => None,
            Scope::Company(c) => Some(c),
        }
    }
}

/// What [`Store::changes`] found.
#[derive(Debug, Clone, PartialEq)]
pub enum Changes {
    /// What other writers committed since the last look, oldest first (often nothing).
    Since(Vec<Change>),
    /// The changes cannot be told: another writer pruned history that this connection may
    /// still hold as live work (a stay that ended and was pruned before this connection
    /// looked). Load the working set again.
    Reload,
}

/// Which events [`Store::events`] returns; every bound is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EventQuery {
    /// Only events of this company.
    pub company_id: Option<CompanyId>,
    /// Only events at or after this instant.
    #[serde(deserialize_with = "crate::input::optional_instant")]
    pub from: Option<DateTime<Utc>>,
    /// Only events strictly before this instant.
    #[serde(deserialize_with = "crate::input::optional_instant")]
    pub to: Option<DateTime<Utc>>,
    /// Only events with a sequence number greater than this.
    pub after_seq: Option<u64>,
    /// At most this many events, oldest first.
    pub limit: Option<usize>,
}

impl EventQuery {
    /// Up to `limit` events after `after_seq`, of `company` only if given: what an
    /// [`EventFeed`] reads.
    pub fn after(after_seq: u64, company: Option<CompanyId>, limit: usize) -> EventQuery {
        EventQuery {
            company_id: company,
            after_seq: Some(after_seq),
            limit: Some(limit),
            ..Default::default()
        }
    }

    /// True when `event` passes every bound but `limit`.
    pub fn matches(&self, event: &Event) -> bool {
        self.company_id.is_none_or(|c| event.company_id == Some(c))
            && self.from.is_none_or(|f| event.at >= f)
            && self.to.is_none_or(|t| event.at < t)
            && self.after_seq.is_none_or(|s| event.seq > s)
    }
}

/// What a prune ([`Store::prune`], [`crate::Engine::prune_history`]) removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Pruned {
    /// Ended stays.
    pub stays: u64,
    /// Notes of those stays.
    pub notes: u64,
    /// Objects left with no stay, and created before the cutoff.
    pub objects: u64,
    /// Ratings of those objects.
    pub ratings: u64,
    /// Pieces of agents' handling and ready time.
    pub intervals: u64,
    /// Events.
    pub events: u64,
}

impl Pruned {
    /// Everything removed, counted together.
    pub fn total(&self) -> u64 {
        self.stays + self.notes + self.objects + self.ratings + self.intervals + self.events
    }
}

/// The instant a prune before `before` cuts at: `before` rounded down to the whole second,
/// the precision durable stores index time at, so every store removes the same records.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// let t = Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap();
/// assert_eq!(queue_core::store::prune_cutoff(t + chrono::Duration::milliseconds(700)), t);
/// ```
pub fn prune_cutoff(before: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp(before.timestamp(), 0).unwrap_or(before)
}

/// How often (in the engine's time) a store with a retention period prunes, seconds: each
/// prune then removes about this much history, so no single commit pays for a long backlog
/// (except the first after opening a file that was kept without retention).
pub const AUTO_PRUNE_EVERY_SECONDS: i64 = 600;

/// Retention by age, as a store keeps it: prunes what is older than `retention` at most every
/// [`AUTO_PRUNE_EVERY_SECONDS`], timed by the commits' events (a store has no clock).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    /// How long history is kept.
    pub keep: chrono::Duration,
    next: Option<DateTime<Utc>>,
}

impl Retention {
    /// Keeps history for `keep` (at least one second).
    pub fn new(keep: chrono::Duration) -> Self {
        Retention {
            keep: keep.max(chrono::Duration::seconds(1)),
            next: None,
        }
    }

    /// The cutoff to prune before, if a prune is due at a commit whose latest event is at
    /// `now`.
    pub fn due(&mut self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        if self.next.is_some_and(|next| now < next) {
            return None;
        }
        self.next = crate::clock::checked_plus_seconds(now, AUTO_PRUNE_EVERY_SECONDS);
        if self.next.is_none() {
            // At the end of the calendar: never again rather than at every commit.
            self.next = Some(crate::clock::LATEST);
        }
        now.checked_sub_signed(self.keep).map(prune_cutoff)
    }
}

/// Durable state behind an [`crate::Engine`].
///
/// The engine keeps the working set and its routing indexes in memory and writes every
/// command through one [`Store::commit`]. A store shared by several engines (several processes
/// on one SQLite file) serialises writers in [`Store::begin`] and hands each engine what the
/// others wrote through [`Store::changes`], so every decision is made on fresh state.
///
/// What is not in the working set — ended stays, notes, ratings, objects no live stay holds,
/// events — is history, which the engine reads back through [`Store::get`],
/// [`Store::children`], [`Store::company_records`] and [`Store::events`]: each answered
/// from an index, at a cost that does not grow with the length of the history. Where a
/// record belongs is [`Record::placement`]; a store never interprets a record otherwise.
pub trait Store: Send {
    /// The working set, read when an engine opens the store: every record but history —
    /// stays that ended, notes, ratings — and objects no live stay holds.
    fn load(&mut self) -> Result<Vec<Record>>;

    /// The record of `kind` and `id`, in the working set or the history.
    fn get(&mut self, kind: Kind, id: Uuid) -> Result<Option<Record>>;

    /// The records of `kind` hanging off `parent` ([`crate::record::Placement::parent`]):
    /// an object's stays or rating, a stay's notes; in id order.
    fn children(&mut self, kind: Kind, parent: Uuid) -> Result<Vec<Record>>;

    /// The ids of a company's records of `kind` ([`crate::record::Placement::company`]):
    /// stays and objects, for a company's deletion to find its history.
    fn company_records(&mut self, kind: Kind, company: CompanyId) -> Result<Vec<Uuid>>;

    /// A company's records of `kind` whose [`crate::record::Placement::since`] falls in
    /// `[from, to)`: the intervals statistics read for a window.
    fn company_history(
        &mut self,
        kind: Kind,
        company: CompanyId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<Record>>;

    /// Starts the write transaction of one command; other writers wait until it ends.
    fn begin(&mut self) -> Result<()>;

    /// Starts the write transaction of a command that touches only `scope`: a store that
    /// locks per company lets writers of other companies go on meanwhile. The engine then
    /// writes nothing outside `scope` (it checks), and [`Store::changes`] inside it needs to
    /// hand over only what other writers committed in `scope` and in the global scope.
    /// This default locks everything ([`Store::begin`]).
    fn begin_in(&mut self, scope: Scope) -> Result<()> {
        let _ = scope;
        self.begin()
    }

    /// Changes committed by other writers since this store last looked, oldest first.
    ///
    /// Called inside [`Store::begin`] before a command, and on its own before a read.
    /// Inside [`Store::begin_in`] of a company it may leave out other companies' changes,
    /// which a later call (outside, or inside their own scope) hands over.
    fn changes(&mut self) -> Result<Changes>;

    /// Writes `changes`, appends `events` (assigning their sequence numbers) and ends the
    /// transaction: all of it is stored, or on error none of it.
    fn commit(&mut self, changes: &[Change], events: &[Event]) -> Result<()>;

    /// Ends the transaction without writing anything.
    fn rollback(&mut self);

    /// Stored events matching `query`, oldest first.
    fn events(&mut self, query: &EventQuery) -> Result<Vec<Event>>;

    /// What statistics count of a company's events in `[from, to)` ([`Fact::of`] of each),
    /// oldest first. A store that keeps facts beside its events answers without decoding
    /// the events themselves; this default decodes them.
    fn facts(
        &mut self,
        company: CompanyId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<Fact>> {
        let query = EventQuery {
            company_id: Some(company),
            from: Some(from),
            to: Some(to),
            ..Default::default()
        };
        Ok(self.events(&query)?.iter().filter_map(Fact::of).collect())
    }

    /// What statistics read of a company's time pieces starting in `[from, to)`
    /// ([`Piece::of`] of each), by start. A store that keeps pieces in columns answers
    /// without decoding the records; this default decodes them.
    fn pieces(
        &mut self,
        company: CompanyId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<Piece>> {
        Ok(self
            .company_history(Kind::Interval, company, from, to)?
            .iter()
            .filter_map(|r| match r {
                Record::Interval(i) => Some(Piece::of(i)),
                _ => None,
            })
            .collect())
    }

    /// Removes history older than [`prune_cutoff`]`(before)`, in one transaction of its own:
    /// stays that ended before it with their notes; then objects created before it that no
    /// stay is left for, with their ratings; agents' time pieces that started before it; and
    /// events before it. Live work is never touched, and event numbers are never reused.
    fn prune(&mut self, before: DateTime<Utc>) -> Result<Pruned>;

    /// A handle of its own on the event log, for a [`crate::Watch`]: it reads and waits
    /// independently of this store, on any thread, and sees every engine's commits.
    fn feed(&mut self) -> Result<Box<dyn EventFeed>>;
}
