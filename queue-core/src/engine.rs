//! `Engine`: the library's entry point. Runs every command as one transaction against the
//! [`Store`], keeps the working set in memory, and routes after every change.

use crate::clock::{Clock, ManualClock, SystemClock};
use crate::ids::IdGen;
use crate::ids::{CompanyId, CompanyUserId, ObjectId, QueueId, StayId};
use crate::memory::MemoryStore;
use crate::model::auth::Actor;
use crate::model::record::Kind;
use crate::routing::Router;
use crate::state::State;
use crate::store::{Change, Changes, Scope, Store};
use crate::tx::{self, Tx};
use crate::Result;
use chrono::{DateTime, Utc};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

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
    router: Router,
    ids: IdGen,
    /// Set when a caught panic left the working set in doubt and reloading it failed:
    /// [`Engine::guarded`] tries again before the next call.
    needs_reload: bool,
    /// The open batch (see [`Engine::batch`]): what its commands did, committed at its end.
    batch: Option<tx::Log>,
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
        let (state, router) = load_state(store.as_mut(), crate::clock::clamp(clock.now()))?;
        Ok(Engine {
            store,
            clock,
            state,
            router,
            ids,
            needs_reload: false,
            batch: None,
        })
    }

    /// An engine on a fresh [`MemoryStore`] with the given clock.
    pub fn in_memory(clock: Arc<dyn Clock>) -> Engine {
        let router = Router::at(crate::clock::clamp(clock.now()));
        Engine {
            store: Box::new(MemoryStore::new()),
            clock,
            state: State::default(),
            router,
            ids: IdGen::random(),
            needs_reload: false,
            batch: None,
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
        self.batch = None;
        self.store.rollback();
        let now = self.now();
        (self.state, self.router) = load_state(self.store.as_mut(), now)?;
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
        crate::clock::clamp(self.clock.now()).max(self.router.latest())
    }

    /// The current time for a command in `scope`: the clock's, but never before the last
    /// instant the engine acted at there.
    fn now_in(&self, scope: Scope) -> DateTime<Utc> {
        let clock = crate::clock::clamp(self.clock.now());
        match scope {
            Scope::Global => clock.max(self.router.latest()),
            Scope::Company(c) => clock.max(self.router.now_of(c)),
        }
    }

    /// Processes everything due by now — offer timeouts, escalations, queues opening — and
    /// routes what that makes possible: one transaction per company with something due, so
    /// on a store that locks per company it waits for no other company's commands. Every
    /// command does this first for its own company; call it when [`Engine::next_due`]
    /// arrives if nothing else happens.
    pub fn tick(&mut self) -> Result<()> {
        if self.batch.is_some() {
            return self.write(&Actor::System, |_| Ok(()));
        }
        self.sync()?;
        self.router.refresh(&self.state);
        let now = self.now();
        for c in self.router.companies_due_by(now) {
            self.write_in(Scope::Company(c), &Actor::System, |_| Ok(()))?;
        }
        Ok(())
    }

    /// The next instant something is due (an offer lapses, an object escalates, a queue opens
    /// or closes): when to call [`Engine::tick`] next.
    pub fn next_due(&mut self) -> Option<DateTime<Utc>> {
        self.router.refresh(&self.state);
        self.router.next_due_at(None)
    }

    /// The scope of a command about one company's record, which `find` looks up: from the
    /// working set, else after reading what other writers committed, else from the history
    /// with `history`. Global when the record is nowhere: the command then runs, and fails,
    /// on fully fresh state. A record's company never changes, so the answer cannot go stale.
    pub(crate) fn scope_of(
        &mut self,
        find: impl Fn(&State) -> Option<CompanyId>,
        history: Option<(Kind, uuid::Uuid)>,
    ) -> Scope {
        if let Some(c) = find(&self.state) {
            return Scope::Company(c);
        }
        if self.batch.is_some() {
            return Scope::Global;
        }
        if self.sync().is_ok() {
            if let Some(c) = find(&self.state) {
                return Scope::Company(c);
            }
        }
        let company = history
            .and_then(|(kind, id)| self.store.get(kind, id).ok().flatten())
            .and_then(|r| r.placement().company);
        match company {
            Some(c) => Scope::Company(CompanyId(c)),
            None => Scope::Global,
        }
    }

    /// The scope of a command about a stay.
    pub(crate) fn scope_of_stay(&mut self, id: StayId) -> Scope {
        self.scope_of(
            |s| s.stays.get(&id).map(|st| st.company_id),
            Some((Kind::Stay, id.0)),
        )
    }

    /// The scope of a command about an object.
    pub(crate) fn scope_of_object(&mut self, id: ObjectId) -> Scope {
        self.scope_of(
            |s| s.objects.get(&id).map(|o| o.company_id),
            Some((Kind::QueueableObject, id.0)),
        )
    }

    /// The scope of a command about a queue.
    pub(crate) fn scope_of_queue(&mut self, id: QueueId) -> Scope {
        self.scope_of(|s| s.queues.get(&id).map(|q| q.company_id), None)
    }

    /// The scope of a command about a company member.
    pub(crate) fn scope_of_member(&mut self, id: CompanyUserId) -> Scope {
        self.scope_of(|s| s.company_users.get(&id).map(|cu| cu.company_id), None)
    }

    /// The scope of a command inside one existing company.
    pub(crate) fn scope_of_company(&mut self, id: CompanyId) -> Scope {
        self.scope_of(|s| s.companies.get(&id).map(|c| c.id), None)
    }

    /// Applies what other writers committed to the shared store since we last looked.
    fn sync(&mut self) -> Result<()> {
        let changes = match self.store.changes()? {
            Changes::Since(changes) => changes,
            Changes::Reload => {
                let now = self.now();
                (self.state, self.router) = load_state(self.store.as_mut(), now)?;
                return Ok(());
            }
        };
        for change in &changes {
            tx::apply(&mut self.state, &mut self.router, change.clone());
        }
        tx::evict(&mut self.state, &mut self.router, &changes);
        Ok(())
    }

    /// Runs a read against fresh state.
    pub(crate) fn read<T>(&mut self, f: impl FnOnce(&State) -> Result<T>) -> Result<T> {
        self.read_routed(|s, _| f(s))
    }

    /// Runs a read against fresh state, with the store for what is history.
    pub(crate) fn read_history<T>(
        &mut self,
        f: impl FnOnce(&State, &mut dyn Store) -> Result<T>,
    ) -> Result<T> {
        self.sync()?;
        self.router.refresh(&self.state);
        f(&self.state, self.store.as_mut())
    }

    /// Runs a read against fresh state and up-to-date routing indexes.
    pub(crate) fn read_routed<T>(
        &mut self,
        f: impl FnOnce(&State, &Router) -> Result<T>,
    ) -> Result<T> {
        self.sync()?;
        self.router.refresh(&self.state);
        f(&self.state, &self.router)
    }

    /// Runs a command as one transaction of the global scope (see [`Engine::write_in`]).
    pub(crate) fn write<T>(
        &mut self,
        actor: &Actor,
        f: impl FnOnce(&mut Tx<'_>) -> Result<T>,
    ) -> Result<T> {
        self.write_in(Scope::Global, actor, f)
    }

    /// Runs a command that touches only `scope` as one transaction: lock the scope, sync,
    /// process what is due there, run `f`, route there, commit.
    ///
    /// What time made due is kept even when `f` fails; `f`'s own changes are all-or-nothing.
    pub(crate) fn write_in<T>(
        &mut self,
        scope: Scope,
        actor: &Actor,
        f: impl FnOnce(&mut Tx<'_>) -> Result<T>,
    ) -> Result<T> {
        if let Some(mut batch) = self.batch.take() {
            let result = self.write_in_batch(actor, f, &mut batch);
            self.batch = Some(batch);
            return result;
        }
        self.store.begin_in(scope)?;
        if let Err(e) = self.sync() {
            self.store.rollback();
            return Err(e);
        }
        let now = self.now_in(scope);
        let mut tx = Tx::new(
            &mut self.state,
            &mut self.router,
            self.store.as_mut(),
            &mut self.ids,
            now,
            *actor,
            scope,
        );
        if let Err(e) = tx.advance(now) {
            tx.abort();
            tx.store.rollback();
            return Err(e);
        }
        let result = tx.run(f);
        // What time made due is committed even when `f` failed (its own changes are undone).
        tx.commit()?;
        result
    }

    /// A command inside a batch: the store transaction is the batch's (already begun and
    /// synced; it holds the write lock, so no other writer can commit meanwhile), and what
    /// the command did joins the batch's log instead of being committed.
    fn write_in_batch<T>(
        &mut self,
        actor: &Actor,
        f: impl FnOnce(&mut Tx<'_>) -> Result<T>,
        batch: &mut tx::Log,
    ) -> Result<T> {
        let now = self.now_in(Scope::Global);
        let mut tx = Tx::new(
            &mut self.state,
            &mut self.router,
            self.store.as_mut(),
            &mut self.ids,
            now,
            *actor,
            // The batch holds the whole store: its commands may touch anything.
            Scope::Global,
        );
        if let Err(e) = tx.advance(now) {
            tx.abort();
            return Err(e);
        }
        let result = tx.run(f);
        batch.extend(tx.take_log());
        result
    }

    /// Runs `f`'s commands as one batch: each is applied and routed as usual, and answers
    /// as usual, but the store commits once, when `f` returns `Ok` — one transaction and one
    /// disk sync for all of them. All or nothing: if `f` returns an error (or a commit
    /// fails, or the process dies first) none of its commands happened, and nothing of them
    /// is visible to other engines or watchers before the commit. A command that fails
    /// inside changes nothing, as always; returning its error with `?` undoes the batch.
    /// A batch inside a batch is part of the outer one.
    ///
    /// ```
    /// use queue_core::*;
    /// let mut engine = Engine::in_memory_default();
    /// let sys = Actor::System;
    /// engine.batch(|e| {
    ///     for name in ["Acme", "Globex"] {
    ///         e.create_company(&sys, NewCompany { name: name.into(), ..Default::default() })?;
    ///     }
    ///     Ok(())
    /// }).unwrap();
    /// let failed: Result<()> = engine.batch(|e| {
    ///     e.create_company(&sys, NewCompany { name: "Initech".into(), ..Default::default() })?;
    ///     Err(Error::invalid("name", "changed my mind"))
    /// });
    /// assert!(failed.is_err());
    /// assert_eq!(engine.list_companies(&sys, &[]).unwrap().len(), 2);
    /// ```
    pub fn batch<T>(&mut self, f: impl FnOnce(&mut Engine) -> Result<T>) -> Result<T> {
        if self.batch.is_some() {
            return f(self);
        }
        self.begin_batch()?;
        match f(self) {
            Ok(v) => self.commit_batch().map(|()| v),
            Err(e) => {
                self.abort_batch();
                Err(e)
            }
        }
    }

    /// Opens a batch: the commands that follow, until [`Engine::commit_batch`] or
    /// [`Engine::abort_batch`], are one batch (see [`Engine::batch`], which is these three
    /// calls; bindings use them for Python's `with engine.batch():`). Opening a batch while
    /// one is open is a conflict.
    pub fn begin_batch(&mut self) -> Result<()> {
        if self.batch.is_some() {
            return Err(crate::error::Error::conflict(
                crate::error::ConflictReason::BatchOpen,
                "a batch is already open",
            ));
        }
        self.store.begin()?;
        if let Err(e) = self.sync() {
            self.store.rollback();
            return Err(e);
        }
        self.batch = Some(tx::Log::default());
        Ok(())
    }

    /// Commits the open batch in one store commit; on failure none of it happened. Without
    /// an open batch this does nothing.
    pub fn commit_batch(&mut self) -> Result<()> {
        match self.batch.take() {
            Some(log) => log.commit(
                &mut self.state,
                &mut self.router,
                self.store.as_mut(),
                Scope::Global,
            ),
            None => Ok(()),
        }
    }

    /// Undoes every command of the open batch and ends it; without one this does nothing.
    pub fn abort_batch(&mut self) {
        if let Some(log) = self.batch.take() {
            log.undo(&mut self.state, &mut self.router);
            self.store.rollback();
        }
    }

    /// True while a batch is open.
    pub fn in_batch(&self) -> bool {
        self.batch.is_some()
    }

    /// How many waiting stays and ready-agent entries the routing indexes hold.
    pub fn routing_index_sizes(&mut self) -> (usize, usize) {
        self.router.refresh(&self.state);
        self.router.sizes()
    }

    /// How many records the engine holds in memory: its working set — configuration,
    /// presence, live stays and the objects they hold. It follows live work, not the past:
    /// handled objects, ended stays, notes and ratings are read back from the store.
    ///
    /// ```
    /// # use queue_core::*;
    /// # let (mut engine, acme, ann) = queue_core::doc_support::company_with_agent();
    /// let q = engine.create_queue(&Actor::System, NewQueue::named(acme, "support")).unwrap();
    /// let before = engine.working_set_size();
    /// let stay = engine.enqueue_new(&Actor::System, NewObject::chat(acme, "Visitor"), q.id, None).unwrap();
    /// assert_eq!(engine.working_set_size(), before + 2); // the object and its stay
    /// engine.abandon(&Actor::System, stay.id).unwrap();
    /// assert_eq!(engine.working_set_size(), before); // history now, in the store
    /// assert_eq!(engine.get_stay(&Actor::System, stay.id).unwrap().state, StayState::Abandoned);
    /// ```
    pub fn working_set_size(&self) -> usize {
        self.state.record_count()
    }

    /// The store behind the engine, for host tooling and tests.
    pub fn store_mut(&mut self) -> &mut dyn Store {
        self.store.as_mut()
    }
}

/// The working set as the store holds it, and its routing indexes built as of `now`.
fn load_state(store: &mut dyn Store, now: DateTime<Utc>) -> Result<(State, Router)> {
    let mut state = State::default();
    let mut router = Router::at(now);
    for r in store.load()? {
        tx::apply(&mut state, &mut router, Change::Put(r));
    }
    router.refresh(&state);
    Ok((state, router))
}
