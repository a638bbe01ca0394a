//! `Engine`: the library's entry point. Runs every command as one transaction against the
//! [`Store`], keeps the working set in memory, and routes after every change.

use crate::auth::{Access, Actor};
use crate::clock::{Clock, ManualClock, SystemClock};
use crate::event::{Event, EventKind, Op};
use crate::ids::{CompanyId, IdGen};
use crate::memory::MemoryStore;
use crate::record::{Kind, Record};
use crate::state::State;
use crate::store::{Change, EventQuery, Store};
use crate::Result;
use chrono::{DateTime, Utc};
use std::collections::HashSet;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;
use uuid::Uuid;

/// An embedded contact-centre queue: companies, agents, queues and the router, over a [`Store`].
///
/// Every method takes the [`Actor`] it acts for, checks what that actor may do, and runs as
/// one transaction: on error nothing changed. Commands that can create a match (an enqueue, an
/// agent becoming available, capacity freed, time passing) route in the same call.
///
/// ```
/// use queue_core::*;
/// use std::sync::Arc;
/// let clock = Arc::new(ManualClock::new(chrono::Utc::now()));
/// let mut engine = Engine::open(Box::new(MemoryStore::new()), clock.clone()).unwrap();
/// let acme = engine.create_company(&Actor::System, NewCompany { name: "Acme".into(), ..Default::default() }).unwrap();
/// assert_eq!(engine.list_companies(&Actor::System, &[]).unwrap().len(), 1);
/// # let _ = acme;
/// ```
pub struct Engine {
    store: Box<dyn Store>,
    clock: Arc<dyn Clock>,
    state: State,
    ids: IdGen,
    /// Set when a caught panic left the working set in doubt and reloading it failed:
    /// [`Engine::guarded`] tries again before the next call.
    needs_reload: bool,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("records", &self.state.record_count())
            .finish_non_exhaustive()
    }
}

impl Engine {
    /// Opens an engine over `store`, loading what it holds and rebuilding the routing indexes.
    pub fn open(store: Box<dyn Store>, clock: Arc<dyn Clock>) -> Result<Engine> {
        Engine::open_with_ids(store, clock, IdGen::random())
    }

    /// Like [`Engine::open`], with ids generated from `seed`, so a run is reproducible byte
    /// for byte. Engines sharing a store must use different seeds.
    pub fn open_seeded(store: Box<dyn Store>, clock: Arc<dyn Clock>, seed: u64) -> Result<Engine> {
        Engine::open_with_ids(store, clock, IdGen::seeded(seed))
    }

    fn open_with_ids(
        mut store: Box<dyn Store>,
        clock: Arc<dyn Clock>,
        ids: IdGen,
    ) -> Result<Engine> {
        let state = load_state(store.as_mut(), crate::clock::clamp(clock.now()))?;
        Ok(Engine {
            store,
            clock,
            state,
            ids,
            needs_reload: false,
        })
    }

    /// An engine on a fresh [`MemoryStore`] with the given clock.
    pub fn in_memory(clock: Arc<dyn Clock>) -> Engine {
        let mut state = State::default();
        state.router.now = crate::clock::clamp(clock.now());
        Engine {
            store: Box::new(MemoryStore::new()),
            clock,
            state,
            ids: IdGen::random(),
            needs_reload: false,
        }
    }

    /// An engine on a fresh [`MemoryStore`] with the system clock; handy in examples.
    pub fn in_memory_default() -> Engine {
        Engine::in_memory(Arc::new(SystemClock))
    }

    /// An engine on a fresh [`MemoryStore`] with a [`ManualClock`] at `start`, returned too.
    pub fn in_memory_manual(start: DateTime<Utc>) -> (Engine, Arc<ManualClock>) {
        let clock = Arc::new(ManualClock::new(start));
        (Engine::in_memory(clock.clone()), clock)
    }

    /// Drops the working set and loads it again from the store, ending any transaction the
    /// store holds open. [`Engine::guarded`] does this after a caught panic; a host may also
    /// call it after restoring the store from a backup.
    pub fn reload(&mut self) -> Result<()> {
        self.store.rollback();
        let now = self.now();
        self.state = load_state(self.store.as_mut(), now)?;
        self.needs_reload = false;
        Ok(())
    }

    /// Runs `f` on the engine with no panic escaping. A panic is a bug in this library, but
    /// if one happens mid-command the working set may hold half of it: the engine then
    /// reloads it from the store (where nothing of the command was committed) and `f`'s call
    /// fails with [`crate::Error::Internal`], so the engine stays usable. The bindings run
    /// every call through this.
    ///
    /// ```
    /// # use queue_core::*;
    /// let mut engine = Engine::in_memory_default();
    /// let err = engine.guarded(|_| -> Result<()> { panic!("a bug") }).unwrap_err();
    /// assert_eq!(err.code(), "ERR_INTERNAL");
    /// assert!(engine.guarded(|e| e.list_companies(&Actor::System, &[])).is_ok());
    /// ```
    pub fn guarded<T>(&mut self, f: impl FnOnce(&mut Engine) -> Result<T>) -> Result<T> {
        if self.needs_reload {
            self.reload()?;
        }
        let payload = match catch_unwind(AssertUnwindSafe(|| f(self))) {
            Ok(result) => return result,
            Err(payload) => payload,
        };
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_owned());
        self.needs_reload = true;
        match self.reload() {
            Ok(()) => Err(crate::Error::internal(format!(
                "{what} (a bug; the command in progress was not committed and the engine reloaded its \
                 state from the store)"
            ))),
            Err(e) => Err(crate::Error::internal(format!(
                "{what} (a bug; reloading the engine's state from the store failed too: {e})"
            ))),
        }
    }

    /// The current time: the clock's, but never before the last instant the engine acted at.
    pub fn now(&self) -> DateTime<Utc> {
        crate::clock::clamp(self.clock.now()).max(self.state.router.now)
    }

    /// Processes everything due by now — offer timeouts, escalations, queues opening — and
    /// routes what that makes possible. Every command does this first; call it when
    /// [`Engine::next_due`] arrives if nothing else happens.
    pub fn tick(&mut self) -> Result<()> {
        self.write(&Actor::System, |_| Ok(()))
    }

    /// The next instant something is due (an offer lapses, an object escalates, a queue opens
    /// or closes): when to call [`Engine::tick`] next.
    pub fn next_due(&mut self) -> Option<DateTime<Utc>> {
        self.state.refresh_router();
        self.state.router.next_due_at()
    }

    /// Stored events matching `query`, oldest first (the system actor, or admins of the
    /// queried company).
    pub fn events(&mut self, actor: &Actor, query: &EventQuery) -> Result<Vec<Event>> {
        for (field, t) in [("from", query.from), ("to", query.to)] {
            if let Some(t) = t {
                crate::clock::check(field, t)?;
            }
        }
        match query.company_id {
            Some(c) => self.read(|s| {
                s.access(actor, c)?
                    .require(crate::Role::Admin, "read events")
            })?,
            None if *actor == Actor::System => {}
            None => {
                self.read(|s| s.authenticated(actor))?;
                return Err(crate::Error::forbidden(
                    "read all events",
                    "the system actor",
                ));
            }
        }
        self.store.events(query)
    }

    /// Applies what other writers committed to the shared store since we last looked.
    fn sync(&mut self) -> Result<()> {
        for change in self.store.changes()? {
            self.state.apply(change);
        }
        Ok(())
    }

    /// Runs a read against fresh state.
    pub(crate) fn read<T>(&mut self, f: impl FnOnce(&State) -> Result<T>) -> Result<T> {
        self.sync()?;
        self.state.refresh_router();
        f(&self.state)
    }

    /// Runs a command as one transaction: sync, process what is due, run `f`, route, commit.
    ///
    /// What time made due is kept even when `f` fails; `f`'s own changes are all-or-nothing.
    pub(crate) fn write<T>(
        &mut self,
        actor: &Actor,
        f: impl FnOnce(&mut Tx<'_>) -> Result<T>,
    ) -> Result<T> {
        self.store.begin()?;
        if let Err(e) = self.sync() {
            self.store.rollback();
            return Err(e);
        }
        let now = self.now();
        let mut tx = Tx {
            state: &mut self.state,
            ids: &mut self.ids,
            now,
            actor: *actor,
            undo: Vec::new(),
            events: Vec::new(),
        };
        if let Err(e) = tx.advance(now) {
            tx.undo_to(Mark::default());
            self.store.rollback();
            return Err(e);
        }
        let mark = tx.mark();
        let result = f(&mut tx).and_then(|v| tx.dispatch().map(|()| v));
        if result.is_err() {
            tx.undo_to(mark);
        }
        let changes = tx.changes();
        if changes.is_empty() && tx.events.is_empty() {
            self.store.rollback();
            return result;
        }
        match self.store.commit(&changes, &tx.events) {
            Ok(()) => result,
            Err(e) => {
                tx.undo_to(Mark::default());
                self.store.rollback();
                Err(e)
            }
        }
    }

    /// How many waiting stays and ready-agent entries the routing indexes hold.
    pub fn routing_index_sizes(&mut self) -> (usize, usize) {
        self.state.refresh_router();
        self.state.router.sizes()
    }

    /// The store behind the engine, for host tooling and tests.
    pub fn store_mut(&mut self) -> &mut dyn Store {
        self.store.as_mut()
    }
}

/// The working set as the store holds it, with routing indexes built as of `now`.
fn load_state(store: &mut dyn Store, now: DateTime<Utc>) -> Result<State> {
    let mut state = State::default();
    state.router.now = now;
    for r in store.load()? {
        state.apply(Change::Put(r));
    }
    state.refresh_router();
    Ok(state)
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
    ids: &'a mut IdGen,
    /// The instant the command acts at.
    pub(crate) now: DateTime<Utc>,
    /// Who the command acts for.
    pub(crate) actor: Actor,
    undo: Vec<(Kind, Uuid, Option<Record>)>,
    events: Vec<Event>,
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
        let old = self.state.apply(Change::Put(r));
        self.undo.push((kind, id, old));
    }

    /// Deletes a record; deleting one that is absent does nothing.
    pub(crate) fn delete(&mut self, kind: Kind, id: Uuid) {
        if let Some(old) = self.state.apply(Change::Delete(kind, id)) {
            self.undo.push((kind, id, Some(old)));
        }
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
        while self.undo.len() > mark.undo {
            let Some((kind, id, old)) = self.undo.pop() else {
                break;
            };
            match old {
                Some(r) => self.state.apply(Change::Put(r)),
                None => self.state.apply(Change::Delete(kind, id)),
            };
        }
        self.events.truncate(mark.events);
    }

    /// The net writes of the transaction: each touched record as it is now, or its deletion.
    fn changes(&self) -> Vec<Change> {
        let mut seen = HashSet::new();
        self.undo
            .iter()
            .filter(|(k, id, _)| seen.insert((*k, *id)))
            .map(|(k, id, _)| match self.state.table_get(*k, *id) {
                Some(r) => Change::Put(r),
                None => Change::Delete(*k, *id),
            })
            .collect()
    }
}
