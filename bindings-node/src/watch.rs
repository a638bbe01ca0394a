//! `Watch`: the events commands commit, delivered as they are committed
//! (`engine.watch(actor, options)`).
//!
//! Waiting happens neither on the JavaScript thread nor on libuv's thread pool (four threads
//! shared with `fs`, `dns` and every `…Async` engine call, which a long wait would starve):
//! each watch has a thread of its own that waits on the core's `Watch` and settles the
//! Promises `next()` returns through Node-API deferreds (thread-safe functions underneath).
//! A pending Promise keeps the event loop alive, as a read on a socket does; an idle watch
//! keeps nothing alive. The thread waits in slices of at most [`SLICE`], so a watch closed
//! (or collected) while it waits lets go of its store handle soon after; `close()` itself
//! settles whatever is pending at once.

use crate::convert;
use crate::engine::Engine;
use crate::fault::{panic_message, Fault};
use crate::js::{Js, Kind, Raw};
use crate::options::WatchOptions;
use crate::task::{run, Out};
use napi::bindgen_prelude::{Env, Object, Unknown};
use napi::{JsDeferred, JsValue};
use napi_derive::napi;
use queue_core::WatchQuery;
use serde_json::Value as Json;
use std::collections::VecDeque;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// The longest the watch's thread waits before looking whether it was closed.
const SLICE: Duration = Duration::from_millis(100);

/// What a `next()` Promise settles with: an event (as JSON, like `events()` results), `null`
/// for none in time, or a fault that rejects it.
type Delivery = Result<Option<Json>, Fault>;

/// Builds the settled value on the JavaScript thread.
type Settle = Box<dyn FnOnce(napi::Env) -> napi::Result<Raw> + Send>;

fn settler(delivery: Delivery) -> Settle {
    Box::new(move |env: napi::Env| {
        let js = Js { env: env.raw() };
        match delivery {
            Ok(Some(event)) => convert::to_js(js, &event).map_err(|f| f.into_napi(js)),
            Ok(None) => js.null(),
            Err(f) => Err(f.into_napi(js)),
        }
    })
}

/// One pending `next()`: its Promise, and until when it waits.
struct Request {
    reply: Option<JsDeferred<Raw, Settle>>,
    deadline: Option<Instant>,
}

impl Request {
    fn settle(mut self, delivery: Delivery) {
        if let Some(reply) = self.reply.take() {
            reply.resolve(settler(delivery));
        }
    }
}

impl Drop for Request {
    /// A Promise is never left pending (it would keep the process alive forever): one not
    /// settled otherwise resolves with `null`.
    fn drop(&mut self) {
        if let Some(reply) = self.reply.take() {
            reply.resolve(settler(Ok(None)));
        }
    }
}

#[derive(Default)]
struct State {
    /// `close()` was called, or the thread gave up after a panic.
    closed: bool,
    /// Why the thread gave up (a bug): later calls reject with it.
    broken: Option<String>,
    /// The JavaScript object is gone: the thread serves what is queued, then ends.
    detached: bool,
    /// The pending `next()` calls, oldest first; each gets the next event.
    queue: VecDeque<Request>,
    /// The sequence number of the last event delivered (or the starting point).
    seq: u64,
}

/// What the JavaScript object and the watch's thread share.
#[derive(Default)]
struct Shared {
    state: Mutex<State>,
    wake: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // Every change to the state is a single assignment or queue operation: a poisoned
        // lock still guards a consistent state.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The watch's thread: hands each event to the oldest pending `next()`, or `null` once its
/// time is up, until the watch is closed.
fn serve(shared: &Shared, mut watch: queue_core::Watch) {
    loop {
        let deadline = {
            let mut state = shared.lock();
            loop {
                if state.closed {
                    return;
                }
                if let Some(front) = state.queue.front() {
                    break front.deadline;
                }
                if state.detached {
                    return;
                }
                state = shared.wake.wait(state).unwrap_or_else(|p| p.into_inner());
            }
        };
        let slice = deadline.map_or(SLICE, |d| {
            d.saturating_duration_since(Instant::now()).min(SLICE)
        });
        let got = catch_unwind(AssertUnwindSafe(|| watch.next_timeout(slice)));
        let mut state = shared.lock();
        if state.closed {
            // An event taken now is not delivered, and `seq` stays before it.
            return;
        }
        let delivery = match got {
            Ok(Ok(Some(event))) => {
                state.seq = event.seq;
                convert::to_value(&event).map(Some).map_err(Fault::Core)
            }
            Ok(Ok(None)) if deadline.is_some_and(|d| Instant::now() >= d) => Ok(None),
            Ok(Ok(None)) => continue,
            Ok(Err(e)) => Err(Fault::Core(e)),
            Err(panic) => {
                let message = panic_message(panic);
                state.closed = true;
                state.broken = Some(message.clone());
                let pending: Vec<Request> = state.queue.drain(..).collect();
                drop(state);
                for r in pending {
                    r.settle(Err(Fault::Internal(message.clone())));
                }
                return;
            }
        };
        let request = state.queue.pop_front();
        drop(state);
        if let Some(r) = request {
            r.settle(delivery);
        }
    }
}

/// Committed events as they come, from `engine.watch(actor, options)`: `await next()` for
/// each, or `for await (const event of watch)`. Each event is delivered once, in order;
/// `seq` is where to resume (`afterSeq`) in a later watch. Waiting takes no thread of
/// libuv's pool; a pending `next()` keeps the process alive, a closed watch does not.
#[napi]
pub struct Watch {
    shared: Arc<Shared>,
    timeout_ms: Option<u64>,
}

impl Watch {
    /// Starts the thread that waits on `watch`.
    fn start(watch: queue_core::Watch, timeout_ms: Option<u64>) -> Result<Watch, Fault> {
        let shared = Arc::new(Shared::default());
        shared.lock().seq = watch.seq();
        let theirs = shared.clone();
        std::thread::Builder::new()
            .name("cnq-watch".to_string())
            .spawn(move || {
                // `serve` catches the core's panics; this catches its own (a bug) and leaves
                // no Promise pending.
                if let Err(panic) = catch_unwind(AssertUnwindSafe(|| serve(&theirs, watch))) {
                    let message = panic_message(panic);
                    let pending: Vec<Request> = {
                        let mut state = theirs.lock();
                        state.closed = true;
                        state.broken = Some(message.clone());
                        state.queue.drain(..).collect()
                    };
                    for r in pending {
                        r.settle(Err(Fault::Internal(message.clone())));
                    }
                }
            })
            .map_err(|e| {
                Fault::Core(queue_core::Error::internal(format!(
                    "could not start the watch's thread: {e}"
                )))
            })?;
        Ok(Watch { shared, timeout_ms })
    }
}

impl Drop for Watch {
    /// Collected without `close()`: the thread answers the `next()` calls still pending,
    /// then ends.
    fn drop(&mut self) {
        self.shared.lock().detached = true;
        self.shared.wake.notify_all();
    }
}

/// `timeoutMs` of `next()`: `undefined` or `null` to wait as long as it takes.
fn timeout_arg(js: Js, v: Raw) -> Result<Option<u64>, Fault> {
    match js.kind(v)? {
        Kind::Undefined | Kind::Null => Ok(None),
        _ => convert::int::<u64>(js, v, "timeoutMs").map(Some),
    }
}

#[napi]
impl Watch {
    /// The next event, once one is committed; `null` if `timeoutMs` passes first (without
    /// it, waits as long as it takes) or the watch is closed. Calls made before the last
    /// settled each get the next event in turn.
    #[napi(
        ts_args_type = "timeoutMs?: number",
        ts_return_type = "Promise<QueueEvent | null>"
    )]
    pub fn next<'env>(
        &self,
        env: &'env Env,
        timeout_ms: Unknown<'env>,
    ) -> napi::Result<Object<'env>> {
        let js = Js { env: env.raw() };
        let timeout = match timeout_arg(js, timeout_ms.value().value) {
            // A pending JavaScript exception must surface now; the rest reject.
            Err(Fault::Napi(e)) => return Err(e),
            other => other,
        };
        let (reply, promise) = env.create_deferred::<Raw, Settle>()?;
        let timeout = match timeout {
            Ok(t) => t,
            Err(f) => {
                reply.resolve(settler(Err(f)));
                return Ok(promise);
            }
        };
        let request = Request {
            reply: Some(reply),
            deadline: timeout.and_then(|ms| Instant::now().checked_add(Duration::from_millis(ms))),
        };
        let mut state = self.shared.lock();
        if state.closed {
            let broken = state.broken.clone();
            drop(state);
            request.settle(match broken {
                Some(message) => Err(Fault::Internal(message)),
                None => Ok(None),
            });
        } else {
            state.queue.push_back(request);
            drop(state);
            self.shared.wake.notify_all();
        }
        Ok(promise)
    }

    /// The sequence number of the last event delivered (at first, where the watch started):
    /// pass it as `afterSeq` to a later watch to go on from there.
    #[napi(getter)]
    pub fn seq(&self) -> f64 {
        self.shared.lock().seq as f64
    }

    /// Whether `close()` was called (or the watch broke on an internal error).
    #[napi(getter)]
    pub fn closed(&self) -> bool {
        self.shared.lock().closed
    }

    /// The `timeoutMs` the watch was made with (how long `for await` waits for each event),
    /// or `null`.
    #[napi(getter, ts_return_type = "number | null")]
    pub fn timeout_ms(&self) -> Option<f64> {
        self.timeout_ms.map(|ms| ms as f64)
    }

    /// Stops watching: pending `next()` calls resolve with `null`, later ones too, and the
    /// store handle is let go. Calling it again does nothing.
    #[napi]
    pub fn close(&self) {
        let pending: Vec<Request> = {
            let mut state = self.shared.lock();
            state.closed = true;
            state.queue.drain(..).collect()
        };
        self.shared.wake.notify_all();
        for r in pending {
            r.settle(Ok(None));
        }
    }
}

#[napi]
impl Engine {
    /// Watches the event log: a `Watch` delivering each event committed after `afterSeq`
    /// (from now on when absent), of `companyId` or of every company, by this engine or any
    /// other on the same store (other processes on the same file too); the same access as
    /// `events()`. `timeoutMs` ends a `for await` loop when no event comes for that long.
    /// The watch is independent of the engine (it has its own handle on the store); close it
    /// when done. A private in-memory SQLite database (`':memory:'`) cannot be watched
    /// (`ERR_STORAGE`).
    #[napi(ts_args_type = "actor: ActorLike, options?: WatchOptions")]
    pub fn watch(
        &self,
        env: &Env,
        actor: Unknown<'_>,
        options: Unknown<'_>,
    ) -> napi::Result<Watch> {
        let js = Js { env: env.raw() };
        let opened = (|| -> Result<Watch, Fault> {
            let actor = convert::actor(js, actor.value().value)?;
            let o: WatchOptions = convert::options(js, options.value().value, "options")?;
            let query = WatchQuery {
                company_id: o.company_id,
                company_user_id: o.company_user_id,
                after_seq: o.after_seq,
            };
            let slot = Arc::new(Mutex::new(None));
            let out = slot.clone();
            run(
                &self.shared,
                Box::new(move |e| {
                    let watch = e.watch(&actor, query)?;
                    *out.lock().unwrap_or_else(|p| p.into_inner()) = Some(watch);
                    Ok(Out::Undefined)
                }),
            )?;
            let watch = slot
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .take()
                .ok_or_else(|| Fault::Internal("internal error: no watch".to_string()))?;
            Watch::start(watch, o.timeout_ms)
        })();
        opened.map_err(|f| f.into_napi(js))
    }
}
