//! Running engine calls: inline for the synchronous methods, on the libuv thread pool for
//! their `…Async` twins, always with panics caught so none crosses into Node.

use crate::convert::to_js;
use crate::fault::{panic_message, Fault};
use crate::js::{Js, Raw};
use napi::bindgen_prelude::{Env, Unknown};
use napi::ScopedTask;
use serde::Serialize;
use serde_json::Value;
use std::any::TypeId;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex};

/// The engine behind a JavaScript `Engine`; `None` once closed.
pub(crate) type Shared = Arc<Mutex<Option<queue_core::Engine>>>;

/// What a call hands back to JavaScript.
pub enum Out {
    /// `undefined`, for calls that return nothing.
    Undefined,
    /// A core result, serialized.
    Json(Value),
}

impl Out {
    /// Serializes a core result (`()` becomes `undefined`).
    pub(crate) fn of<T: Serialize + 'static>(v: T) -> queue_core::Result<Out> {
        if TypeId::of::<T>() == TypeId::of::<()>() {
            return Ok(Out::Undefined);
        }
        crate::convert::to_value(v).map(Out::Json)
    }

    /// The JavaScript value.
    pub(crate) fn to_js(&self, js: Js) -> Result<Raw, Fault> {
        match self {
            Out::Undefined => Ok(js.undefined()?),
            Out::Json(v) => to_js(js, v),
        }
    }
}

/// One engine call, its arguments already converted.
pub(crate) type Job = Box<dyn FnOnce(&mut queue_core::Engine) -> queue_core::Result<Out> + Send>;

/// Runs `job` on the engine, holding its lock. The core's `Engine::guarded` turns a panic
/// inside it (a bug) into `ERR_INTERNAL` and reloads the engine's state from the store, so
/// the engine stays usable; the outer guard keeps any other panic from crossing into Node.
pub(crate) fn run(shared: &Shared, job: Job) -> Result<Out, Fault> {
    catch_unwind(AssertUnwindSafe(|| {
        let mut guard = match shared.lock() {
            Ok(guard) => guard,
            Err(poisoned) => {
                let mut guard = poisoned.into_inner();
                if let Some(e) = guard.as_mut() {
                    e.reload().map_err(Fault::Core)?;
                }
                shared.clear_poison();
                guard
            }
        };
        let engine = guard.as_mut().ok_or_else(|| {
            Fault::Core(queue_core::Error::conflict(
                queue_core::ConflictReason::EngineClosed,
                "the engine is closed",
            ))
        })?;
        engine.guarded(job).map_err(Fault::Core)
    }))
    .unwrap_or_else(|p| Err(Fault::Internal(panic_message(p))))
}

/// Hands a result or fault to JavaScript: the value, or an `Err` that throws/rejects.
pub(crate) fn settle<'env>(env: &'env Env, r: Result<Out, Fault>) -> napi::Result<Unknown<'env>> {
    let js = Js { env: env.raw() };
    match r.and_then(|out| out.to_js(js)) {
        Ok(raw) => Ok(unsafe { Unknown::from_raw_unchecked(env.raw(), raw) }),
        Err(f) => Err(f.into_napi(js)),
    }
}

/// An engine call on the libuv thread pool: the event loop keeps turning meanwhile.
pub struct EngineTask {
    shared: Option<Shared>,
    job: Option<Job>,
    failed: Option<Fault>,
}

impl EngineTask {
    pub(crate) fn new(shared: Shared, job: Job) -> Self {
        EngineTask {
            shared: Some(shared),
            job: Some(job),
            failed: None,
        }
    }

    /// A task that only rejects: its arguments did not convert, and a Promise-returning
    /// call reports that by rejecting rather than throwing.
    pub(crate) fn failed(fault: Fault) -> Self {
        EngineTask {
            shared: None,
            job: None,
            failed: Some(fault),
        }
    }
}

impl<'task> ScopedTask<'task> for EngineTask {
    type Output = Result<Out, Fault>;
    type JsValue = Unknown<'task>;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        Ok(match (self.failed.take(), &self.shared, self.job.take()) {
            (Some(fault), _, _) => Err(fault),
            (None, Some(shared), Some(job)) => run(shared, job),
            _ => Err(Fault::Internal(
                "internal error: task ran twice".to_string(),
            )),
        })
    }

    fn resolve(&mut self, env: &'task Env, output: Self::Output) -> napi::Result<Unknown<'task>> {
        settle(env, output)
    }
}
