//! `Engine`: the core engine behind a mutex, every method a conversion in, one core call with
//! the GIL released, and a conversion out. Methods are grouped by concept, one file each.

mod accounts;
mod batch;
mod companies;
mod pager;
mod queues;
mod stays;
mod teams;

pub use batch::PyBatch;
pub use stays::WaitingIter;
pub use teams::TeamPresenceIter;

use crate::actor::PyActor;
use crate::clock::{duration, PyManualClock};
use crate::convert::{to_out, to_py, Id, Instant, Int, Out, OutError};
use crate::errors::{core_error, internal_error};
use crate::watch::{timeout_arg, PyWatch};
use chrono::{DateTime, Utc};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use queue_core::{
    Clock, CompanyId, CompanyUserId, ConflictReason, Engine, EventQuery, MemoryStore, Store,
    SystemClock, WatchQuery,
};
use queue_postgres::{PostgresOptions, PostgresStore};
use queue_sqlite::{SqliteOptions, SqliteStore, Synchronous};
use serde::Serialize;
use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// An embedded contact-centre queue: companies, agents, queues and the router.
#[pyclass(name = "Engine", module = "connectnow_queue", frozen)]
pub struct PyEngine {
    /// `None` once closed.
    engine: Mutex<Option<Engine>>,
    /// Where it is stored, for `repr`.
    location: String,
}

/// Why a call produced no result.
enum Failure {
    /// The core refused or failed: raised as the matching `QueueError` subclass.
    Core(queue_core::Error),
    /// A result could not be converted (a bug).
    Convert(OutError),
}

impl From<queue_core::Error> for Failure {
    fn from(e: queue_core::Error) -> Self {
        Failure::Core(e)
    }
}

impl From<OutError> for Failure {
    fn from(e: OutError) -> Self {
        Failure::Convert(e)
    }
}

impl Failure {
    fn into_pyerr(self, py: Python<'_>) -> PyErr {
        match self {
            Failure::Core(e) => core_error(py, e),
            Failure::Convert(e) => internal_error(py, format!("internal error: {e}")),
        }
    }
}

/// The message of a caught panic.
fn panic_message(p: Box<dyn Any + Send>) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".into()
    }
}

/// Runs `f` with no panic escaping: a panic becomes the core's internal error.
fn guarded<R>(f: impl FnOnce() -> Result<R, Failure>) -> Result<R, Failure> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|p| {
        Err(Failure::Core(queue_core::Error::internal(format!(
            "{} (a bug in connectnow_queue)",
            panic_message(p)
        ))))
    })
}

fn closed() -> Failure {
    Failure::Core(queue_core::Error::conflict(
        ConflictReason::EngineClosed,
        "the engine is closed",
    ))
}

impl PyEngine {
    /// Runs `f` on the engine with the GIL released, so other Python threads run meanwhile.
    /// The core's `Engine::guarded` turns a panic inside it into an internal error and
    /// reloads the engine's state from the store, so the engine stays usable.
    fn with_engine<R: Send>(
        &self,
        py: Python<'_>,
        f: impl FnOnce(&mut Engine) -> Result<R, Failure> + Send,
    ) -> PyResult<R> {
        py.detach(|| {
            guarded(|| {
                // A panic is caught inside the lock, so it is never poisoned in practice;
                // should it be, the engine reloads from the store before going on.
                let mut slot = match self.engine.lock() {
                    Ok(guard) => guard,
                    Err(poisoned) => {
                        let mut guard = poisoned.into_inner();
                        if let Some(e) = guard.as_mut() {
                            e.reload()?;
                        }
                        self.engine.clear_poison();
                        guard
                    }
                };
                let engine = slot.as_mut().ok_or_else(closed)?;
                let mut failure = None;
                let out = engine.guarded(|e| {
                    f(e).map_err(|err| match err {
                        Failure::Core(c) => c,
                        other => {
                            failure = Some(other);
                            queue_core::Error::internal("conversion failed")
                        }
                    })
                });
                match (out, failure) {
                    (_, Some(f)) => Err(f),
                    (out, None) => out.map_err(Failure::Core),
                }
            })
        })
        .map_err(|e| e.into_pyerr(py))
    }

    /// Runs a core call and returns its result as plain Python data (dicts, lists, datetimes).
    fn call<T: Serialize>(
        &self,
        py: Python<'_>,
        f: impl FnOnce(&mut Engine) -> queue_core::Result<T> + Send,
    ) -> PyResult<Py<PyAny>> {
        let out: Out = self.with_engine(py, |e| Ok(to_out(&f(e)?)?))?;
        to_py(py, out)
    }
}

#[pymethods]
impl PyEngine {
    /// Opens an engine: in memory when `path` is `None`; on the PostgreSQL server when it is
    /// a `postgresql://` URL; else on the SQLite file at `path` (created if missing;
    /// `":memory:"` for a private SQLite database in memory). `clock` defaults to the system
    /// clock; `seed` makes ids reproducible (engines sharing a store must use different
    /// seeds). `busy_timeout` (seconds or a timedelta): how long to wait for another
    /// process's write (SQLite) or another node's lock (PostgreSQL). SQLite only:
    /// `synchronous` ("normal" or "full"). PostgreSQL only: `schema`, the schema holding
    /// the tables (created if missing; default: the connection's search path), and
    /// `tls_root_cert`, a PEM file of the authorities to trust when the URL asks for TLS
    /// (`sslmode=require`; default: Mozilla's roots). `retention`
    /// (seconds or a timedelta of engine time): history older than that is pruned as
    /// commits come, on any store; by default none is.
    #[new]
    #[pyo3(signature = (path = None, *, clock = None, seed = None, synchronous = None, busy_timeout = None, retention = None, schema = None, tls_root_cert = None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        path: Option<PathBuf>,
        clock: Option<PyRef<'_, PyManualClock>>,
        seed: Option<Int>,
        synchronous: Option<String>,
        busy_timeout: Option<&Bound<'_, PyAny>>,
        retention: Option<&Bound<'_, PyAny>>,
        schema: Option<String>,
        tls_root_cert: Option<PathBuf>,
    ) -> PyResult<Self> {
        let keep = match retention {
            Some(r) => {
                let keep = duration(r)?;
                if keep <= chrono::Duration::zero() {
                    return Err(PyValueError::new_err("retention must be positive"));
                }
                Some(keep)
            }
            None => None,
        };
        let wait = busy_timeout
            .map(|t| {
                duration(t)?
                    .to_std()
                    .map_err(|_| PyValueError::new_err("busy_timeout must not be negative"))
            })
            .transpose()?;
        let postgres = (schema, tls_root_cert);
        let location = Location::of(path, synchronous.as_deref(), wait, keep, postgres)?;
        let clock: Arc<dyn Clock> = match clock {
            Some(c) => c.clock.clone(),
            None => Arc::new(SystemClock),
        };
        let name = location.name();
        let seed = seed.map(|s| s.get::<u64>(py, "seed")).transpose()?;
        let engine = py
            .detach(|| {
                guarded(|| {
                    let store = location.open()?;
                    Ok(match seed {
                        Some(s) => Engine::open_seeded(store, clock, s)?,
                        None => Engine::open(store, clock)?,
                    })
                })
            })
            .map_err(|e| e.into_pyerr(py))?;
        Ok(PyEngine {
            engine: Mutex::new(Some(engine)),
            location: name,
        })
    }

    /// Closes the engine and releases its store (the SQLite file and its locks). Calling it
    /// again does nothing; any other call afterwards raises `Conflict` with the reason
    /// `"engine_closed"`.
    fn close(&self, py: Python<'_>) {
        let engine = py.detach(|| {
            let mut slot = self.engine.lock().unwrap_or_else(|p| p.into_inner());
            slot.take()
        });
        // Dropping it closes the store; a panic there (a bug) must not cross into Python.
        py.detach(|| {
            let _ = catch_unwind(AssertUnwindSafe(|| drop(engine)));
        });
    }

    /// `with Engine(path) as engine:` closes it at the end of the block.
    fn __enter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    #[pyo3(signature = (*_exc))]
    fn __exit__(&self, py: Python<'_>, _exc: &Bound<'_, PyTuple>) -> bool {
        self.close(py);
        false
    }

    /// The engine's current time: the clock's, but never before the last instant it acted at.
    fn now(&self, py: Python<'_>) -> PyResult<DateTime<Utc>> {
        self.with_engine(py, |e| Ok(e.now()))
    }

    /// Drops the engine's working set and loads it again from the store, e.g. after the
    /// SQLite file was restored from a backup.
    fn reload(&self, py: Python<'_>) -> PyResult<()> {
        self.with_engine(py, |e| Ok(e.reload()?))
    }

    /// Processes everything due by now (offer timeouts, escalations, queues opening) and
    /// routes what that makes possible. Call it when `next_due()` arrives.
    fn tick(&self, py: Python<'_>) -> PyResult<()> {
        self.with_engine(py, |e| Ok(e.tick()?))
    }

    /// The next instant something is due, or `None`: when to call `tick()` next.
    fn next_due(&self, py: Python<'_>) -> PyResult<Option<DateTime<Utc>>> {
        self.with_engine(py, |e| Ok(e.next_due()))
    }

    /// How many waiting stays and ready-agent entries the routing indexes hold.
    fn routing_index_sizes(&self, py: Python<'_>) -> PyResult<(usize, usize)> {
        self.with_engine(py, |e| Ok(e.routing_index_sizes()))
    }

    /// How many records the engine holds in memory (its working set: live work only).
    fn working_set_size(&self, py: Python<'_>) -> PyResult<usize> {
        self.with_engine(py, |e| Ok(e.working_set_size()))
    }

    /// Stored domain events, oldest first (the system actor, or admins of `company_id`).
    #[pyo3(signature = (actor, *, company_id = None, from_ = None, to = None, after_seq = None, limit = None))]
    #[allow(clippy::too_many_arguments)]
    fn events(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        company_id: Option<Id>,
        from_: Option<Instant>,
        to: Option<Instant>,
        after_seq: Option<Int>,
        limit: Option<Int>,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        let query = EventQuery {
            company_id: company_id.map(Id::to::<CompanyId>),
            from: from_.map(|i| i.0),
            to: to.map(|i| i.0),
            after_seq: after_seq.map(|n| n.get(py, "after_seq")).transpose()?,
            limit: limit.map(|n| n.get(py, "limit")).transpose()?,
        };
        self.call(py, move |e| e.events(&actor, &query))
    }

    /// Watches the event log: a `Watch` iterating over every event committed after
    /// `after_seq` (from now on when None), of `company_id` or all companies, by this engine
    /// or any other on the same store (other processes on the SQLite file too). Iteration
    /// waits for each event, and stops when `timeout` (seconds or a timedelta) passes
    /// without one; forever without. The same access as `events`. With `company_user_id`,
    /// only the events about that agent (the agent themselves, or admins and up).
    #[pyo3(signature = (actor, *, company_id = None, company_user_id = None, after_seq = None, timeout = None))]
    fn watch(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        company_id: Option<Id>,
        company_user_id: Option<Id>,
        after_seq: Option<Int>,
        timeout: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyWatch> {
        let timeout = timeout_arg(timeout)?;
        let actor = actor.0;
        let query = WatchQuery {
            company_id: company_id.map(Id::to::<CompanyId>),
            company_user_id: company_user_id.map(Id::to::<CompanyUserId>),
            after_seq: after_seq.map(|n| n.get(py, "after_seq")).transpose()?,
        };
        let watch = self.with_engine(py, move |e| Ok(e.watch(&actor, query)?))?;
        Ok(PyWatch::new(watch, timeout))
    }

    /// `watch` for asyncio: `async for event in engine.watch_async(actor): ...`; waiting
    /// happens in the event loop's executor, and a cancelled wait loses no event.
    #[pyo3(signature = (actor, *, company_id = None, company_user_id = None, after_seq = None, timeout = None))]
    fn watch_async(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        company_id: Option<Id>,
        company_user_id: Option<Id>,
        after_seq: Option<Int>,
        timeout: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let seconds = timeout_arg(timeout)?.map(|t| t.as_secs_f64());
        let watch = self.watch(py, actor, company_id, company_user_id, after_seq, None)?;
        let class = py.import("connectnow_queue")?.getattr("AsyncWatch")?;
        Ok(class.call1((watch, seconds))?.unbind())
    }

    /// Removes history older than `before` (whole seconds): ended stays with their notes,
    /// objects no stay is left for with their ratings, agents' time pieces, events; says
    /// how many of each. Live work is untouched; statistics of a pruned window read empty.
    /// The system actor only.
    fn prune_history(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        before: Instant,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| e.prune_history(&actor, before.0))
    }

    fn __repr__(&self) -> String {
        let closed = self
            .engine
            .lock()
            .map(|slot| slot.is_none())
            .unwrap_or(false);
        if closed {
            format!("Engine({}, closed)", self.location)
        } else {
            format!("Engine({})", self.location)
        }
    }
}

/// Where an engine's state lives, from the constructor's arguments.
enum Location {
    Memory(Option<chrono::Duration>),
    Sqlite(PathBuf, SqliteOptions),
    Postgres(String, PostgresOptions),
}

impl Location {
    /// The store `path` names with the options that apply to it; an option of another
    /// store is a `ValueError` rather than silently ignored.
    fn of(
        path: Option<PathBuf>,
        synchronous: Option<&str>,
        wait: Option<std::time::Duration>,
        retention: Option<chrono::Duration>,
        (schema, tls_root_cert): (Option<String>, Option<PathBuf>),
    ) -> PyResult<Location> {
        let url = path
            .as_ref()
            .and_then(|p| p.to_str())
            .filter(|p| queue_postgres::is_url(p))
            .map(str::to_owned);
        if let Some(url) = url {
            if synchronous.is_some() {
                return Err(PyValueError::new_err(
                    "synchronous is an SQLite option; a PostgreSQL server decides durability",
                ));
            }
            let mut options = PostgresOptions {
                schema,
                retention,
                tls_root_cert,
                ..Default::default()
            };
            if let Some(w) = wait {
                options.lock_timeout = w;
            }
            return Ok(Location::Postgres(url, options));
        }
        if schema.is_some() || tls_root_cert.is_some() {
            return Err(PyValueError::new_err(
                "schema and tls_root_cert are PostgreSQL options; path is not a postgresql:// URL",
            ));
        }
        let Some(path) = path else {
            if synchronous.is_some() || wait.is_some() {
                return Err(PyValueError::new_err(
                    "synchronous and busy_timeout are SQLite options; give a path",
                ));
            }
            return Ok(Location::Memory(retention));
        };
        let mut options = SqliteOptions {
            retention,
            ..Default::default()
        };
        match synchronous {
            None => {}
            Some("normal") => options.synchronous = Synchronous::Normal,
            Some("full") => options.synchronous = Synchronous::Full,
            Some(other) => {
                return Err(PyValueError::new_err(format!(
                    "synchronous must be \"normal\" or \"full\", not {other:?}"
                )))
            }
        }
        if let Some(w) = wait {
            options.busy_timeout = w;
        }
        Ok(Location::Sqlite(path, options))
    }

    /// How `repr` names it (a URL without its password).
    fn name(&self) -> String {
        match self {
            Location::Memory(_) => "memory".to_owned(),
            Location::Sqlite(p, _) => p.display().to_string(),
            Location::Postgres(url, _) => queue_postgres::redacted(url),
        }
    }

    fn open(self) -> Result<Box<dyn Store>, Failure> {
        Ok(match self {
            Location::Memory(None) => Box::new(MemoryStore::new()),
            Location::Memory(Some(keep)) => Box::new(MemoryStore::new().with_retention(keep)),
            Location::Sqlite(p, options) if p.as_os_str() == ":memory:" => {
                Box::new(SqliteStore::open_in_memory_with(options)?)
            }
            Location::Sqlite(p, options) => Box::new(SqliteStore::open_with(&p, options)?),
            Location::Postgres(url, options) => {
                Box::new(PostgresStore::connect_with(&url, options)?)
            }
        })
    }
}
