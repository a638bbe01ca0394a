//! The JavaScript `Engine` class: opening (in memory, on a SQLite file or on a PostgreSQL
//! server), authentication,
//! time and closing. Its commands are in `methods.rs`.

use crate::clock::ManualClock;
use crate::convert;
use crate::fault::{panic_message, Fault};
use crate::js::{Js, Kind, Raw};
use crate::task::{run, settle, Out, Shared};
use napi::bindgen_prelude::{
    AsyncTask, ClassInstance, Env, FromNapiValue, JavaScriptClassExt, Unknown,
};
use napi::JsValue;
use napi::ScopedTask;
use napi_derive::napi;
use queue_core::{Actor, Clock, MemoryStore, SystemClock};
use queue_postgres::{PostgresOptions, PostgresStore};
use queue_sqlite::{SqliteOptions, SqliteStore, Synchronous};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex};

/// An embedded contact-centre queue: companies, agents, queues and the router.
///
/// Every method takes the actor it acts for first (`Actor.system()` for the host itself,
/// or the actor `authenticate(token)` returns) and runs as one transaction. Each method
/// that reaches the store has an `…Async` twin returning a Promise, which does the work on
/// a worker thread; the synchronous form blocks the event loop while it runs.
#[napi]
pub struct Engine {
    pub(crate) shared: Shared,
}

/// `{ clock?, seed?, retentionMs? }` of `Engine.inMemory`, plus `{ synchronous?,
/// busyTimeoutMs?, schema? }` of `Engine.open`.
pub struct EngineOptions {
    clock: Arc<dyn Clock>,
    seed: Option<u64>,
    /// The SQLite store's options; its `retention` serves the memory store too.
    sqlite: SqliteOptions,
    /// `synchronous` was given (an SQLite option, refused for a PostgreSQL URL).
    synchronous_given: bool,
    /// `busyTimeoutMs`, if given: the lock timeout on PostgreSQL.
    busy_timeout: Option<std::time::Duration>,
    /// `schema` (PostgreSQL only).
    schema: Option<String>,
    /// `tlsRootCert` (PostgreSQL only).
    tls_root_cert: Option<String>,
}

fn engine_options(env: &Env, v: Raw, file: bool) -> Result<EngineOptions, Fault> {
    let js = Js { env: env.raw() };
    let mut out = EngineOptions {
        clock: Arc::new(SystemClock),
        seed: None,
        sqlite: SqliteOptions::default(),
        synchronous_given: false,
        busy_timeout: None,
        schema: None,
        tls_root_cert: None,
    };
    let expected = if file {
        "clock, seed, retentionMs, synchronous, busyTimeoutMs, schema or tlsRootCert"
    } else {
        "clock, seed or retentionMs"
    };
    match js.kind(v)? {
        Kind::Undefined | Kind::Null => return Ok(out),
        Kind::Object => {}
        _ => {
            return Err(Fault::Type(format!(
                "The \"options\" argument must be an object ({expected})"
            )))
        }
    }
    for key in js.own_keys(v)? {
        let item = js.get(v, &key)?;
        match (key.as_str(), js.kind(item)?) {
            (_, Kind::Undefined) => {}
            ("clock", _) => {
                let unknown = unsafe { Unknown::from_raw_unchecked(js.env, item) };
                if !ManualClock::instance_of(env, &unknown).map_err(Fault::Napi)? {
                    return Err(Fault::Type(
                        "options.clock must be a ManualClock (omit it for the system clock)"
                            .to_string(),
                    ));
                }
                let clock = unsafe { ClassInstance::<ManualClock>::from_napi_value(js.env, item) }
                    .map_err(Fault::Napi)?;
                out.clock = clock.inner.clone();
            }
            ("seed", _) => out.seed = Some(convert::int::<u64>(js, item, "options.seed")?),
            ("synchronous", _) if file => {
                out.synchronous_given = true;
                out.sqlite.synchronous =
                    match convert::string(js, item, "options.synchronous")?.as_str() {
                        "normal" => Synchronous::Normal,
                        "full" => Synchronous::Full,
                        _ => {
                            return Err(Fault::Core(queue_core::Error::invalid(
                                "synchronous",
                                "must be 'normal' or 'full'",
                            )))
                        }
                    }
            }
            // `null`, like leaving it out, keeps everything (Python's `retention=None`).
            ("retentionMs", Kind::Null) => out.sqlite.retention = None,
            ("retentionMs", _) => {
                let ms = convert::int::<u64>(js, item, "options.retentionMs")?;
                // Past i64 milliseconds (292 million years) every period keeps everything.
                let keep = i64::try_from(ms)
                    .ok()
                    .and_then(chrono::Duration::try_milliseconds)
                    .unwrap_or(chrono::Duration::MAX);
                out.sqlite.retention = Some(keep);
            }
            ("busyTimeoutMs", _) if file => {
                let ms = convert::int::<u64>(js, item, "options.busyTimeoutMs")?;
                out.sqlite.busy_timeout = std::time::Duration::from_millis(ms);
                out.busy_timeout = Some(out.sqlite.busy_timeout);
            }
            ("schema", _) if file => {
                out.schema = Some(convert::string(js, item, "options.schema")?);
            }
            ("tlsRootCert", _) if file => {
                out.tls_root_cert = Some(convert::string(js, item, "options.tlsRootCert")?);
            }
            (other, _) => {
                return Err(Fault::Type(format!(
                    "options.{other}: unknown option (expected {expected})"
                )))
            }
        }
    }
    Ok(out)
}

/// Opens a core engine over `store` with the options' clock and id seed.
fn open_core(
    store: Box<dyn queue_core::Store>,
    o: EngineOptions,
) -> queue_core::Result<queue_core::Engine> {
    match o.seed {
        Some(seed) => queue_core::Engine::open_seeded(store, o.clock, seed),
        None => queue_core::Engine::open(store, o.clock),
    }
}

/// The store `path` names, as in Python: the PostgreSQL server of a `postgresql://` URL, a
/// private SQLite database in memory for `":memory:"`, else the SQLite file (created if
/// needed). An option of the other store is refused rather than ignored.
fn open_store(path: &str, o: &EngineOptions) -> Result<Box<dyn queue_core::Store>, Fault> {
    let refuse = |field: &str, why: &str| Err(Fault::Core(queue_core::Error::invalid(field, why)));
    if queue_postgres::is_url(path) {
        if o.synchronous_given {
            return refuse(
                "synchronous",
                "is an SQLite option; a PostgreSQL server decides durability",
            );
        }
        let mut options = PostgresOptions {
            schema: o.schema.clone(),
            retention: o.sqlite.retention,
            tls_root_cert: o.tls_root_cert.as_ref().map(std::path::PathBuf::from),
            ..Default::default()
        };
        if let Some(wait) = o.busy_timeout {
            options.lock_timeout = wait;
        }
        return Ok(Box::new(PostgresStore::connect_with(path, options)?));
    }
    if o.schema.is_some() {
        return refuse(
            "schema",
            "is a PostgreSQL option; path is not a postgresql:// URL",
        );
    }
    if o.tls_root_cert.is_some() {
        return refuse(
            "tls_root_cert",
            "is a PostgreSQL option; path is not a postgresql:// URL",
        );
    }
    Ok(if path == ":memory:" {
        Box::new(SqliteStore::open_in_memory_with(o.sqlite.clone())?)
    } else {
        Box::new(SqliteStore::open_with(path, o.sqlite.clone())?)
    })
}

/// Opens the store `path` names and an engine on it, with a panic guard.
fn open_file(path: &str, o: EngineOptions) -> Result<queue_core::Engine, Fault> {
    catch_unwind(AssertUnwindSafe(|| {
        let store = open_store(path, &o)?;
        open_core(store, o).map_err(Fault::Core)
    }))
    .unwrap_or_else(|p| Err(Fault::Internal(panic_message(p))))
}

/// Opens a database file on the libuv thread pool.
pub struct OpenTask {
    path: String,
    options: Option<EngineOptions>,
    failed: Option<Fault>,
}

impl<'task> ScopedTask<'task> for OpenTask {
    type Output = Result<queue_core::Engine, Fault>;
    type JsValue = Engine;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        Ok(match (self.failed.take(), self.options.take()) {
            (Some(f), _) => Err(f),
            (None, Some(o)) => open_file(&self.path, o),
            (None, None) => Err(Fault::Internal(
                "internal error: task ran twice".to_string(),
            )),
        })
    }

    fn resolve(&mut self, env: &'task Env, output: Self::Output) -> napi::Result<Engine> {
        let js = Js { env: env.raw() };
        output.map(wrap).map_err(|f| f.into_napi(js))
    }
}

fn wrap(engine: queue_core::Engine) -> Engine {
    Engine {
        shared: Arc::new(Mutex::new(Some(engine))),
    }
}

#[napi]
impl Engine {
    /// An engine in memory: nothing is kept after the process ends. Pass a `ManualClock`
    /// to control time (tests, simulations), a `seed` for reproducible ids and
    /// `retentionMs` to keep history only that long (in the engine's time; default: all).
    #[napi(factory, ts_args_type = "options?: EngineOptions")]
    pub fn in_memory(env: &Env, options: Unknown<'_>) -> napi::Result<Engine> {
        let js = Js { env: env.raw() };
        let o = engine_options(env, options.value().value, false).map_err(|f| f.into_napi(js))?;
        let store = match o.sqlite.retention {
            Some(keep) => MemoryStore::new().with_retention(keep),
            None => MemoryStore::new(),
        };
        open_core(Box::new(store), o)
            .map(wrap)
            .map_err(|e| Fault::Core(e).into_napi(js))
    }

    /// Opens (creating if needed) the SQLite database at `path`: state survives restarts
    /// and crashes, and several processes may share the file (`':memory:'`: a private
    /// SQLite database in memory, gone when the engine closes). A `postgresql://` URL opens
    /// a node on that PostgreSQL server instead, which processes on several machines share.
    /// Options: `clock`, `seed`, `retentionMs` (as for `Engine.inMemory`), `busyTimeoutMs`
    /// (how long to wait for another process's transaction or node's lock, default 5000);
    /// SQLite only: `synchronous` (`'normal'`, the default, or `'full'`: fsync every
    /// commit); PostgreSQL only: `schema` (the schema of the tables, created if missing;
    /// default: the connection's search path) and `tlsRootCert` (a PEM file of the
    /// authorities to trust when the URL asks for TLS with `sslmode=require`; default:
    /// Mozilla's roots).
    #[napi(factory, ts_args_type = "path: string, options?: OpenOptions")]
    pub fn open(env: &Env, path: Unknown<'_>, options: Unknown<'_>) -> napi::Result<Engine> {
        let js = Js { env: env.raw() };
        convert::string(js, path.value().value, "path")
            .and_then(|p| Ok((p, engine_options(env, options.value().value, true)?)))
            .and_then(|(p, o)| open_file(&p, o))
            .map(wrap)
            .map_err(|f| f.into_napi(js))
    }

    /// Like `Engine.open`, on a worker thread (opening loads the whole database).
    #[napi(
        ts_args_type = "path: string, options?: OpenOptions",
        ts_return_type = "Promise<Engine>"
    )]
    pub fn open_async(
        env: &Env,
        path: Unknown<'_>,
        options: Unknown<'_>,
    ) -> napi::Result<AsyncTask<OpenTask>> {
        let js = Js { env: env.raw() };
        let parsed = convert::string(js, path.value().value, "path")
            .and_then(|p| Ok((p, engine_options(env, options.value().value, true)?)));
        Ok(AsyncTask::new(match parsed {
            Ok((path, o)) => OpenTask {
                path,
                options: Some(o),
                failed: None,
            },
            Err(Fault::Napi(e)) => return Err(e),
            Err(f) => OpenTask {
                path: String::new(),
                options: None,
                failed: Some(f),
            },
        }))
    }

    /// Authenticates a bearer token (a personal access token's secret): the actor to pass
    /// to later calls. Unknown or revoked tokens throw `ERR_UNAUTHENTICATED`.
    #[napi(ts_args_type = "token: string")]
    pub fn authenticate(&self, env: &Env, token: Unknown<'_>) -> napi::Result<crate::actor::Actor> {
        let js = Js { env: env.raw() };
        let secret =
            convert::string(js, token.value().value, "token").map_err(|f| f.into_napi(js))?;
        let out = run(
            &self.shared,
            Box::new(move |e| Out::of(e.authenticate(&secret)?)),
        );
        let actor = match out {
            Ok(Out::Json(v)) => serde_json::from_value::<Actor>(v)
                .map_err(|e| Fault::Internal(format!("internal error: {e}"))),
            Ok(Out::Undefined) => Err(Fault::Internal("internal error: no actor".to_string())),
            Err(f) => Err(f),
        };
        actor
            .map(crate::actor::Actor::from_core)
            .map_err(|f| f.into_napi(js))
    }

    /// The engine's current time: the clock's, but never before the last instant it acted at.
    #[napi(ts_return_type = "Date")]
    pub fn now<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        let r = run(
            &self.shared,
            Box::new(|e| Ok(Out::Json(serde_json::json!({ "at": e.now() })))),
        );
        self.unwrap_at(env, r)
    }

    /// When something next falls due (an offer lapses, an object escalates, a queue opens
    /// or closes): call `tick()` then. `null` when nothing is scheduled.
    #[napi(ts_return_type = "Date | null")]
    pub fn next_due<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        let r = run(
            &self.shared,
            Box::new(|e| Ok(Out::Json(serde_json::json!({ "at": e.next_due() })))),
        );
        self.unwrap_at(env, r)
    }

    /// How many waiting stays and ready-agent entries the routing indexes hold.
    #[napi(ts_return_type = "RoutingIndexSizes")]
    pub fn routing_index_sizes<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        let r = run(
            &self.shared,
            Box::new(|e| {
                let (waiting_stays, ready_agents) = e.routing_index_sizes();
                Ok(Out::Json(serde_json::json!({
                    "waiting_stays": waiting_stays,
                    "ready_agents": ready_agents,
                })))
            }),
        );
        settle(env, r)
    }

    /// How many records the engine holds in memory: its working set (configuration,
    /// presence, live stays and their objects), which follows live work, not the past.
    #[napi]
    pub fn working_set_size(&self, env: &Env) -> napi::Result<u32> {
        let js = Js { env: env.raw() };
        match run(
            &self.shared,
            Box::new(|e| Ok(Out::Json(serde_json::json!(e.working_set_size())))),
        ) {
            Ok(Out::Json(v)) => Ok(v.as_u64().unwrap_or(0).min(u64::from(u32::MAX)) as u32),
            Ok(Out::Undefined) => Ok(0),
            Err(f) => Err(f.into_napi(js)),
        }
    }

    /// True while a batch is open (`beginBatch`, or inside `batch(fn)` / `batchAsync(fn)`).
    #[napi]
    pub fn in_batch(&self, env: &Env) -> napi::Result<bool> {
        let js = Js { env: env.raw() };
        match run(
            &self.shared,
            Box::new(|e| Ok(Out::Json(serde_json::json!(e.in_batch())))),
        ) {
            Ok(Out::Json(v)) => Ok(v.as_bool().unwrap_or(false)),
            Ok(Out::Undefined) => Ok(false),
            Err(f) => Err(f.into_napi(js)),
        }
    }

    /// Closes the engine (and its database file). Calling it again does nothing; any other
    /// call afterwards throws `ERR_CONFLICT` with `reason: 'engine_closed'`.
    #[napi]
    pub fn close(&self) {
        let engine = self.shared.lock().unwrap_or_else(|p| p.into_inner()).take();
        // Dropping it closes the store; a panic there (a bug) must not cross into Node.
        let _ = catch_unwind(AssertUnwindSafe(|| drop(engine)));
    }

    /// Unwraps `{ at }` into the date (or `null`) it holds.
    fn unwrap_at<'env>(
        &self,
        env: &'env Env,
        r: Result<Out, Fault>,
    ) -> napi::Result<Unknown<'env>> {
        let js = Js { env: env.raw() };
        let value = r
            .and_then(|out| out.to_js(js))
            .and_then(|obj| Ok(js.get(obj, "at")?));
        match value {
            Ok(raw) => Ok(unsafe { Unknown::from_raw_unchecked(env.raw(), raw) }),
            Err(f) => Err(f.into_napi(js)),
        }
    }
}
