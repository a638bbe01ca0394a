//! The engine's commands as JavaScript methods: every public method of `queue_core::Engine`
//! that acts for an actor, camelCased, each with an `…Async` twin on the libuv thread pool.
//! One file per group, as the Python binding's `engine/` has them; history, batches and time
//! here.

use crate::convert::{self, camel};
use crate::engine::Engine;
use crate::fault::Fault;
use crate::js::{Js, Kind, Raw};
use crate::options::*;
use crate::task::{run, settle, EngineTask, Job, Out};
use napi::bindgen_prelude::{AsyncTask, Env, Unknown};
use napi::JsValue;
use napi_derive::napi;
use queue_core::{
    Actor, AgentSettingsUpdate, BlacklistId, CompanyId, CompanyUpdate, CompanyUserId,
    CompanyUserUpdate, NewBlacklistHours, NewCompany, NewCompanyUser, NewObject, NewQueue, NewUser,
    ObjectId, OpenInterval, OperatorUpdate, PresenceStatusId, PresenceUpdate, QueueId, QueueUpdate,
    Show, SkillId, StatsQuery, StayId, TeamId, TokenId, UserId, UserUpdate, WatchedStatistic,
};
use serde::de::DeserializeOwned;
use std::str::FromStr;

// Argument conversions, one per kind of parameter, all `(js, value, name) -> T`.

fn as_actor(js: Js, v: Raw, _name: &str) -> Result<Actor, Fault> {
    convert::actor(js, v)
}

fn as_text(js: Js, v: Raw, name: &str) -> Result<String, Fault> {
    convert::string(js, v, name)
}

fn as_opt_text(js: Js, v: Raw, name: &str) -> Result<Option<String>, Fault> {
    convert::opt_string(js, v, name)
}

fn as_id<T: FromStr<Err = queue_core::Error>>(js: Js, v: Raw, name: &str) -> Result<T, Fault> {
    convert::id(js, v, name)
}

fn as_ids<T: FromStr<Err = queue_core::Error>>(
    js: Js,
    v: Raw,
    name: &str,
) -> Result<Vec<T>, Fault> {
    convert::ids(js, v, name)
}

fn as_int<T: DeserializeOwned>(js: Js, v: Raw, name: &str) -> Result<T, Fault> {
    convert::int(js, v, name)
}

/// An optional integer: `undefined` takes `default` (the core's, as in Python).
fn as_int_or<T: DeserializeOwned + Copy>(default: T) -> impl Fn(Js, Raw, &str) -> Result<T, Fault> {
    convert::int_or(default)
}

/// An optional string: `undefined` takes `default`.
fn as_text_or(default: &'static str) -> impl Fn(Js, Raw, &str) -> Result<String, Fault> {
    move |js, v, name| match js.kind(v)? {
        Kind::Undefined => Ok(default.to_owned()),
        _ => convert::string(js, v, name),
    }
}

fn as_when(js: Js, v: Raw, name: &str) -> Result<chrono::DateTime<chrono::Utc>, Fault> {
    convert::date(js, v, name)
}

/// A required value of a core input type (an object, an enum name, a list).
fn as_input<T: DeserializeOwned>(js: Js, v: Raw, name: &str) -> Result<T, Fault> {
    convert::input(js, v, name, None)
}

/// A required object of a core input type (`NewQueue`, `QueueUpdate`, `StatsQuery`…).
fn as_object<T: DeserializeOwned>(js: Js, v: Raw, name: &str) -> Result<T, Fault> {
    match js.kind(v)? {
        Kind::Object => convert::input(js, v, name, None),
        other => Err(Fault::Type(format!(
            "The \"{name}\" argument must be an object. Received {}",
            other.describe()
        ))),
    }
}

/// An optional options object.
fn as_opts<T: DeserializeOwned>(js: Js, v: Raw, name: &str) -> Result<T, Fault> {
    convert::options(js, v, name)
}

/// Defines each engine method twice: `name` (synchronous) and `name_async` (a Promise).
/// Arguments arrive as raw values and go through their conversion before the call, so a
/// wrong type throws on the calling thread before any work starts.
macro_rules! engine_methods {
    ($(
        $(#[doc = $doc:literal])*
        fn $name:ident / $name_async:ident ( $($arg:ident : $conv:expr),* )
            ts ($ts_args:literal) -> $ts_ret:literal / $ts_async:literal
            = |$e:ident| $body:expr;
    )*) => {
        // Generated for every arity, including none (`tick`), hence the allowances.
        #[napi]
        #[allow(clippy::redundant_closure_call, clippy::needless_lifetimes)]
        impl Engine {
            $(
                $(#[doc = $doc])*
                #[napi(ts_args_type = $ts_args, ts_return_type = $ts_ret)]
                #[allow(unused_variables)]
                pub fn $name<'env>(
                    &self,
                    env: &'env Env,
                    $($arg: Unknown<'env>),*
                ) -> napi::Result<Unknown<'env>> {
                    let js = Js { env: env.raw() };
                    let job = (|| -> Result<Job, Fault> {
                        $(let $arg = $conv(js, $arg.value().value, &camel(stringify!($arg)))?;)*
                        Ok(Box::new(move |$e: &mut queue_core::Engine| Out::of($body?)))
                    })();
                    settle(env, job.and_then(|job| run(&self.shared, job)))
                }

                $(#[doc = $doc])*
                #[doc = ""]
                #[doc = " Asynchronous: runs on a worker thread and resolves with the result."]
                #[napi(ts_args_type = $ts_args, ts_return_type = $ts_async)]
                #[allow(unused_variables)]
                pub fn $name_async<'env>(
                    &self,
                    env: &'env Env,
                    $($arg: Unknown<'env>),*
                ) -> napi::Result<AsyncTask<EngineTask>> {
                    let js = Js { env: env.raw() };
                    let job = (|| -> Result<Job, Fault> {
                        $(let $arg = $conv(js, $arg.value().value, &camel(stringify!($arg)))?;)*
                        Ok(Box::new(move |$e: &mut queue_core::Engine| Out::of($body?)))
                    })();
                    match job {
                        Ok(job) => Ok(AsyncTask::new(EngineTask::new(self.shared.clone(), job))),
                        // A pending JavaScript exception must surface now; the rest reject.
                        Err(Fault::Napi(e)) => Err(e),
                        Err(f) => Ok(AsyncTask::new(EngineTask::failed(f))),
                    }
                }
            )*
        }
    };
}

mod accounts;
mod companies;
mod queues;
mod stays;
mod teams;

engine_methods! {
    // ----- history -----
    #[doc = " Stored domain events, oldest first (the system, or admins of the queried company)."]
    fn events / events_async (actor: as_actor, query: as_opts::<queue_core::EventQuery>)
        ts ("actor: ActorLike, query?: EventQuery") -> "QueueEvent[]" / "Promise<QueueEvent[]>"
        = |e| e.events(&actor, &query);
    #[doc = " Removes history older than `before` (to the whole second): stays that ended before it"]
    #[doc = " with their notes, objects created before it that no stay is left for with their ratings,"]
    #[doc = " agents' time pieces, events; live work is untouched. Says how many of each went. The"]
    #[doc = " system actor only. For pruning by age as the engine runs, open it with `retentionMs`."]
    fn prune_history / prune_history_async (actor: as_actor, before: as_when)
        ts ("actor: ActorLike, before: Date") -> "Pruned" / "Promise<Pruned>"
        = |e| e.prune_history(&actor, before);

    // ----- batches -----
    #[doc = " Opens a batch: every command on this engine from now until `commitBatch` or `abortBatch`"]
    #[doc = " (from any callback) is applied, routed and answered as usual, but nothing of it is written,"]
    #[doc = " seen by other engines or by watchers until the batch commits, in one store commit. Throws"]
    #[doc = " `ERR_CONFLICT` with `reason: 'batch_open'` if a batch is open already. `batch(fn)` and"]
    #[doc = " `batchAsync(fn)` wrap the three calls."]
    fn begin_batch / begin_batch_async ()
        ts ("") -> "void" / "Promise<void>"
        = |e| e.begin_batch();
    #[doc = " Commits the open batch in one store commit; if that fails none of it happened. Does"]
    #[doc = " nothing without an open batch."]
    fn commit_batch / commit_batch_async ()
        ts ("") -> "void" / "Promise<void>"
        = |e| e.commit_batch();
    #[doc = " Undoes every command of the open batch and ends it; does nothing without one."]
    fn abort_batch / abort_batch_async ()
        ts ("") -> "void" / "Promise<void>"
        = |e| {
            e.abort_batch();
            Ok::<(), queue_core::Error>(())
        };

    // ----- time -----
    #[doc = " Processes everything due by now (offer timeouts, escalations, queues opening) and"]
    #[doc = " routes what that makes possible. Call it when `nextDue()` arrives."]
    fn tick / tick_async ()
        ts ("") -> "void" / "Promise<void>"
        = |e| e.tick();
    #[doc = " Drops the working set and loads it again from the store (after restoring a backup)."]
    fn reload / reload_async ()
        ts ("") -> "void" / "Promise<void>"
        = |e| e.reload();
}
