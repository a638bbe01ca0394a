//! `Watch` and `AsyncWatch`: the core's `Watch` as a Python iterator, and an asyncio async
//! iterator over it.
//!
//! Waiting happens with the GIL released, in slices of [`SLICE`] so Ctrl-C (and asyncio's
//! cancellation) is noticed between them. The async form waits in the event loop's default
//! executor without taking the event, then takes it on the loop's thread: a cancelled wait
//! loses nothing.

use crate::clock::duration;
use crate::convert::{to_out, to_py};
use crate::errors::{core_error, internal_error};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long one uninterruptible wait lasts at most.
const SLICE: Duration = Duration::from_millis(100);

/// Committed events one by one as they come: `for event in engine.watch(actor): ...`.
#[pyclass(name = "Watch", module = "connectnow_queue", frozen)]
pub struct PyWatch {
    /// `None` once closed.
    watch: Mutex<Option<queue_core::Watch>>,
    /// How long iteration waits for an event before it stops; `None`: forever.
    timeout: Option<Duration>,
    /// The last delivered sequence number, readable while another thread waits.
    seq: AtomicU64,
}

/// A timeout argument: seconds or a timedelta, not negative; `None` stays `None`.
pub fn timeout_arg(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Duration>> {
    obj.map(|t| {
        duration(t)?
            .to_std()
            .map_err(|_| PyValueError::new_err("timeout must not be negative"))
    })
    .transpose()
}

impl PyWatch {
    pub fn new(watch: queue_core::Watch, timeout: Option<Duration>) -> PyWatch {
        PyWatch {
            seq: AtomicU64::new(watch.seq()),
            watch: Mutex::new(Some(watch)),
            timeout,
        }
    }

    /// Runs `f` on the watch with the GIL released; a closed watch answers `None`.
    fn with<R: Send>(
        &self,
        py: Python<'_>,
        f: impl FnOnce(&mut queue_core::Watch) -> queue_core::Result<R> + Send,
    ) -> PyResult<Option<R>> {
        let out = py.detach(|| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let mut slot = self.watch.lock().unwrap_or_else(|p| p.into_inner());
                let Some(w) = slot.as_mut() else {
                    return Ok(None);
                };
                let r = f(w).map(Some);
                self.seq.store(w.seq(), Ordering::Relaxed);
                r
            }))
        });
        match out {
            Ok(r) => r.map_err(|e| core_error(py, e)),
            Err(_) => Err(internal_error(
                py,
                "internal error: a panic while watching (a bug in connectnow_queue)".into(),
            )),
        }
    }

    /// Waits up to `timeout` (forever if `None`) for an event to be ready, in slices.
    fn wait_ready(&self, py: Python<'_>, timeout: Option<Duration>) -> PyResult<bool> {
        let deadline = timeout.and_then(|t| Instant::now().checked_add(t));
        loop {
            let left = match (timeout, deadline) {
                (None, _) | (Some(_), None) => SLICE,
                (Some(_), Some(d)) => d.saturating_duration_since(Instant::now()).min(SLICE),
            };
            match self.with(py, move |w| w.ready(left))? {
                Some(true) => return Ok(true),
                None => return Ok(false),
                Some(false) => {}
            }
            if deadline.is_some_and(|d| Instant::now() >= d) {
                return Ok(false);
            }
            py.check_signals()?;
        }
    }

    fn take(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        match self.with(py, |w| w.try_next())?.flatten() {
            Some(e) => {
                let out = to_out(&e).map_err(|e| internal_error(py, format!("{e}")))?;
                to_py(py, out).map(Some)
            }
            None => Ok(None),
        }
    }
}

#[pymethods]
impl PyWatch {
    /// The next event, waiting at most `timeout` (seconds or a timedelta; forever if None);
    /// None if none came, or the watch is closed.
    #[pyo3(signature = (timeout = None))]
    fn next(
        &self,
        py: Python<'_>,
        timeout: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Option<Py<PyAny>>> {
        let timeout = timeout_arg(timeout)?;
        if self.wait_ready(py, timeout)? {
            self.take(py)
        } else {
            Ok(None)
        }
    }

    /// Waits at most `timeout` seconds for an event without taking it; True if one is ready.
    /// The async iterator waits with it in an executor thread.
    fn _ready(&self, py: Python<'_>, timeout: f64) -> PyResult<bool> {
        let timeout = Duration::try_from_secs_f64(timeout.max(0.0)).unwrap_or(SLICE);
        self.wait_ready(py, Some(timeout))
    }

    /// The next event if one is ready, without waiting.
    fn _take(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        self.take(py)
    }

    /// True once closed.
    #[getter]
    fn closed(&self) -> bool {
        self.watch.lock().map(|w| w.is_none()).unwrap_or(false)
    }

    /// The sequence number of the last event delivered: pass it as `after_seq` to resume.
    #[getter]
    fn seq(&self) -> u64 {
        self.seq.load(Ordering::Relaxed)
    }

    /// Stops watching and releases the watch's handle on the store. Idempotent.
    fn close(&self, py: Python<'_>) {
        py.detach(|| {
            let w = self.watch.lock().unwrap_or_else(|p| p.into_inner()).take();
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| drop(w)));
        });
    }

    fn __iter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    /// The next event; stops when `timeout` (given to `watch`) passes without one.
    fn __next__(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        if self.wait_ready(py, self.timeout)? {
            self.take(py)
        } else {
            Ok(None)
        }
    }

    fn __enter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    #[pyo3(signature = (*_exc))]
    fn __exit__(&self, py: Python<'_>, _exc: &Bound<'_, pyo3::types::PyTuple>) -> bool {
        self.close(py);
        false
    }

    fn __repr__(&self) -> String {
        format!("Watch(seq={})", self.seq())
    }
}

/// The asyncio form, in Python: awaiting in the loop's executor is asyncio's own mechanism.
const ASYNC_WATCH: &std::ffi::CStr = cr#"
import asyncio

class AsyncWatch:
    """Committed events as they come: `async for event in engine.watch_async(actor): ...`.

    Waits in the event loop's default executor, a tenth of a second at a time, and takes
    the event on the loop's thread, so cancelling a waiting task loses no event."""

    def __init__(self, watch, timeout):
        self._watch = watch
        self._timeout = timeout

    @property
    def seq(self):
        """The sequence number of the last event delivered: pass it as `after_seq` to resume."""
        return self._watch.seq

    def close(self):
        """Stops watching. Idempotent."""
        self._watch.close()

    async def next(self, timeout=None):
        """The next event, waiting at most `timeout` seconds (forever if None); None if none came."""
        loop = asyncio.get_running_loop()
        deadline = None if timeout is None else loop.time() + _seconds(timeout)
        while not self._watch.closed:
            event = self._watch._take()
            if event is not None:
                return event
            left = 0.1 if deadline is None else max(0.0, min(0.1, deadline - loop.time()))
            ready = await loop.run_in_executor(None, self._watch._ready, left)
            if not ready and deadline is not None and loop.time() >= deadline:
                return None
        return None

    def __aiter__(self):
        return self

    async def __anext__(self):
        event = await self.next(self._timeout)
        if event is None:
            raise StopAsyncIteration
        return event

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        self.close()
        return False

    def __repr__(self):
        return f"AsyncWatch(seq={self.seq})"


def _seconds(t):
    import datetime
    if isinstance(t, datetime.timedelta):
        return t.total_seconds()
    if isinstance(t, bool) or not isinstance(t, (int, float)):
        raise TypeError("expected a datetime.timedelta or a number of seconds")
    if t < 0:
        raise ValueError("timeout must not be negative")
    return float(t)
"#;

/// Adds `Watch` and `AsyncWatch` to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyWatch>()?;
    let code = PyModule::from_code(
        m.py(),
        ASYNC_WATCH,
        c"connectnow_queue/async_watch.py",
        c"connectnow_queue._async_watch",
    )?;
    let class = code.getattr("AsyncWatch")?;
    class.setattr("__module__", "connectnow_queue")?;
    m.add("AsyncWatch", class)?;
    Ok(())
}
