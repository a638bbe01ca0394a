//! `Tx`: one command in progress — the only writer of the working set. It applies changes
//! to the tables and tells the router what they touched, keeps the undo log that makes a
//! command all-or-nothing, collects the command's events, and carries out what routing
//! decides (`dispatch`). Writes that span several records live beside it, one file per
//! concept.

mod companies;
mod dispatch;
mod intervals;
mod members;
mod missed_offers;
mod objects;
mod queues;
mod stays;
mod wait_limits;
mod wrap_up;

use crate::ids::{CompanyId, IdGen, ObjectId};
use crate::model::auth::{Access, Actor};
use crate::model::event::{Event, EventKind, Op};
use crate::model::record::{Keep, Kind, Record};
use crate::routing::Router;
use crate::state::{Owner, State};
use crate::store::{Change, Scope, Store};
use crate::Result;
use chrono::{DateTime, Utc};
use std::collections::{BTreeSet, HashSet};
use uuid::Uuid;

/// Applies one change to the working set and tells the router what it touched: the one way
/// records change, for transactions, undo, loading and other writers' commits alike.
pub(crate) fn apply(state: &mut State, router: &mut Router, change: Change) -> Option<Record> {
    let (old, new) = state.apply(change);
    router.touch(old.as_ref(), new.as_ref());
    old
}

/// Drops from the working set what `changes` made history: ended stays, notes, ratings,
/// and the objects no live stay holds any more. They stay in the store, which answers
/// reads of them; the working set keeps only live work.
pub(crate) fn evict(state: &mut State, router: &mut Router, changes: &[Change]) {
    let mut objects = BTreeSet::new();
    for change in changes {
        let Change::Put(r) = change else { continue };
        match r.placement().keep {
            Keep::History => {
                if let Record::Stay(s) = r {
                    objects.insert(s.object_id);
                }
                apply(state, router, Change::Delete(r.kind(), r.id()));
            }
            Keep::WhileHeld => {
                objects.insert(ObjectId(r.id()));
            }
            Keep::Always | Keep::Live => {}
        }
    }
    for o in objects {
        if !state.object_is_live(o) {
            apply(state, router, Change::Delete(Kind::QueueableObject, o.0));
        }
    }
}

/// What a transaction did and has not committed yet: how to undo each record it touched
/// (oldest first) and its events. A batch gathers the logs of all its commands.
#[derive(Debug, Default)]
pub(crate) struct Log {
    undo: Vec<(Kind, Uuid, Option<Record>)>,
    events: Vec<Event>,
}

impl Log {
    /// Adds a later transaction's log.
    pub(crate) fn extend(&mut self, later: Log) {
        self.undo.extend(later.undo);
        self.events.extend(later.events);
    }

    /// Writes the log's net changes and its events to the store in one commit (or ends the
    /// store transaction when there is nothing to write), then drops from the working set
    /// what became history. If the store fails, everything in the log is undone.
    pub(crate) fn commit(
        self,
        state: &mut State,
        router: &mut Router,
        store: &mut dyn Store,
        scope: Scope,
    ) -> Result<()> {
        let changes = net_changes(state, &self.undo);
        if changes.is_empty() && self.events.is_empty() {
            store.rollback();
            return Ok(());
        }
        if let Err(e) = self.check_scope(state, scope, &changes) {
            self.undo(state, router);
            store.rollback();
            return Err(e);
        }
        match store.commit(&changes, &self.events) {
            Ok(()) => {
                evict(state, router, &changes);
                Ok(())
            }
            Err(e) => {
                self.undo(state, router);
                store.rollback();
                Err(e)
            }
        }
    }

    /// Refuses a commit in one company's scope that touched anything outside it (a record
    /// as it is now or as it was, or an event): the store locked only that company, so such
    /// a write could race another node's. A bug in the command's choice of scope, caught
    /// before anything is stored.
    fn check_scope(&self, state: &State, scope: Scope, changes: &[Change]) -> Result<()> {
        let Scope::Company(company) = scope else {
            return Ok(());
        };
        let outside = |r: &Record| match state.owner(r) {
            Owner::Global => true,
            Owner::Company(c) => c != company,
            Owner::Unknown => false,
        };
        let now = changes.iter().filter_map(|c| match c {
            Change::Put(r) => Some(r),
            Change::Delete(..) => None,
        });
        let before = self.undo.iter().filter_map(|(_, _, old)| old.as_ref());
        if let Some(r) = now.chain(before).find(|r| outside(r)) {
            return Err(crate::Error::internal(format!(
                "a command in the scope of company {} wrote the {} record {} outside it (a \
                 bug; nothing was written)",
                company.0,
                r.kind(),
                r.id()
            )));
        }
        if let Some(e) = self.events.iter().find(|e| e.company_id != Some(company)) {
            return Err(crate::Error::internal(format!(
                "a command in the scope of company {} logged an event of {:?} (a bug; nothing \
                 was written)",
                company.0, e.company_id
            )));
        }
        Ok(())
    }

    /// Restores every record the log touched, newest first.
    pub(crate) fn undo(mut self, state: &mut State, router: &mut Router) {
        undo_records(state, router, &mut self.undo, 0);
    }
}

/// Restores the records of `undo` after position `to`, newest first.
fn undo_records(
    state: &mut State,
    router: &mut Router,
    undo: &mut Vec<(Kind, Uuid, Option<Record>)>,
    to: usize,
) {
    while undo.len() > to {
        let Some((kind, id, old)) = undo.pop() else {
            break;
        };
        match old {
            Some(r) => apply(state, router, Change::Put(r)),
            None => apply(state, router, Change::Delete(kind, id)),
        };
    }
}

/// The net writes of an undo log: each touched record as it is now, or its deletion.
fn net_changes(state: &State, undo: &[(Kind, Uuid, Option<Record>)]) -> Vec<Change> {
    let mut seen = HashSet::new();
    undo.iter()
        .filter(|(k, id, _)| seen.insert((*k, *id)))
        .map(|(k, id, _)| match state.table_get(*k, *id) {
            Some(r) => Change::Put(r),
            None => Change::Delete(*k, *id),
        })
        .collect()
}

/// A position in a transaction's undo log and event list.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Mark {
    undo: usize,
    events: usize,
}

/// One command in progress: reads and writes state, records how to undo, collects events.
pub(crate) struct Tx<'a> {
    pub(crate) state: &'a mut State,
    /// The routing indexes, told of every change.
    pub(crate) router: &'a mut Router,
    /// The store, inside its write transaction: for reading history, and for the commit.
    pub(crate) store: &'a mut dyn Store,
    ids: &'a mut IdGen,
    /// The instant the command acts at.
    pub(crate) now: DateTime<Utc>,
    /// Who the command acts for.
    pub(crate) actor: Actor,
    /// What the command may touch: time is advanced and matches made there only.
    pub(crate) scope: Scope,
    undo: Vec<(Kind, Uuid, Option<Record>)>,
    events: Vec<Event>,
}

impl<'a> Tx<'a> {
    /// A transaction of `actor`'s command at `now`, on `state`.
    pub(crate) fn new(
        state: &'a mut State,
        router: &'a mut Router,
        store: &'a mut dyn Store,
        ids: &'a mut IdGen,
        now: DateTime<Utc>,
        actor: Actor,
        scope: Scope,
    ) -> Tx<'a> {
        Tx {
            state,
            router,
            store,
            ids,
            now,
            actor,
            scope,
            undo: Vec::new(),
            events: Vec::new(),
        }
    }

    /// Runs the command `f`, then routes what it made possible; on error, undoes both (what
    /// time made due before `f` stays).
    pub(crate) fn run<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        let mark = self.mark();
        let result = f(self).and_then(|v| self.dispatch().map(|()| v));
        if result.is_err() {
            self.undo_to(mark);
        }
        result
    }

    /// Undoes the whole transaction: its store commit failed, or processing time did.
    pub(crate) fn abort(&mut self) {
        self.undo_to(Mark::default());
    }

    /// Commits the transaction (see [`Log::commit`]).
    pub(crate) fn commit(&mut self) -> Result<()> {
        let log = self.take_log();
        log.commit(self.state, self.router, self.store, self.scope)
    }

    /// What the transaction did, for a batch to commit with the rest; the transaction is
    /// left empty.
    pub(crate) fn take_log(&mut self) -> Log {
        Log {
            undo: std::mem::take(&mut self.undo),
            events: std::mem::take(&mut self.events),
        }
    }
}

impl Tx<'_> {
    /// A fresh id stamped with the command's time.
    pub(crate) fn new_id(&mut self) -> Uuid {
        self.ids.next(self.now)
    }

    /// The actor's access to `company` (see [`State::access`]).
    pub(crate) fn access(&self, company: CompanyId) -> Result<Access> {
        self.state.access(&self.actor, company)
    }

    /// Inserts or replaces a record.
    pub(crate) fn put(&mut self, r: impl Into<Record>) {
        let r = r.into();
        let (kind, id) = (r.kind(), r.id());
        let old = apply(self.state, self.router, Change::Put(r));
        self.undo.push((kind, id, old));
    }

    /// Deletes a record; deleting one that is absent does nothing.
    pub(crate) fn delete(&mut self, kind: Kind, id: Uuid) {
        if let Some(old) = apply(self.state, self.router, Change::Delete(kind, id)) {
            self.undo.push((kind, id, Some(old)));
        }
    }

    /// Deletes a record that may be only in the store's history (not in the working set):
    /// the deletion is committed either way.
    pub(crate) fn delete_history(&mut self, kind: Kind, id: Uuid) {
        let old = apply(self.state, self.router, Change::Delete(kind, id));
        self.undo.push((kind, id, old));
    }

    /// Appends an event by the command's actor.
    pub(crate) fn emit(&mut self, company: Option<CompanyId>, kind: EventKind) {
        self.events.push(Event {
            seq: 0,
            at: self.now,
            actor: self.actor,
            company_id: company,
            kind,
        });
    }

    /// Appends an event by the router itself.
    pub(crate) fn emit_system(&mut self, company: Option<CompanyId>, kind: EventKind) {
        self.events.push(Event {
            seq: 0,
            at: self.now,
            actor: Actor::System,
            company_id: company,
            kind,
        });
    }

    /// Appends a configuration event.
    pub(crate) fn log(&mut self, op: Op, entity: Kind, id: Uuid, company: Option<CompanyId>) {
        self.emit(company, EventKind::Record { op, entity, id });
    }

    fn mark(&self) -> Mark {
        Mark {
            undo: self.undo.len(),
            events: self.events.len(),
        }
    }

    /// Restores every record changed after `mark`, newest first, and drops later events.
    fn undo_to(&mut self, mark: Mark) {
        undo_records(self.state, self.router, &mut self.undo, mark.undo);
        self.events.truncate(mark.events);
    }
}
