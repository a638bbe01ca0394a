//! The `Store` trait — the only way the engine reaches durable state — and the record types it moves.

use crate::ids::CompanyId;
use crate::model::event::Event;
use crate::model::record::{Kind, Record};
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
    /// True when `event` passes every bound but `limit`.
    pub fn matches(&self, event: &Event) -> bool {
        self.company_id.is_none_or(|c| event.company_id == Some(c))
            && self.from.is_none_or(|f| event.at >= f)
            && self.to.is_none_or(|t| event.at < t)
            && self.after_seq.is_none_or(|s| event.seq > s)
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

    /// Changes committed by other writers since this store last looked, oldest first.
    ///
    /// Called inside [`Store::begin`] before a command, and on its own before a read.
    fn changes(&mut self) -> Result<Vec<Change>>;

    /// Writes `changes`, appends `events` (assigning their sequence numbers) and ends the
    /// transaction: all of it is stored, or on error none of it.
    fn commit(&mut self, changes: &[Change], events: &[Event]) -> Result<()>;

    /// Ends the transaction without writing anything.
    fn rollback(&mut self);

    /// Stored events matching `query`, oldest first.
    fn events(&mut self, query: &EventQuery) -> Result<Vec<Event>>;
}
