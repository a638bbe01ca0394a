//! `ManualClock`: a clock that moves only when told to, for tests and simulations.

use crate::convert::Instant;
use crate::errors::core_error;
use chrono::{DateTime, Duration, Utc};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDelta, PyFloat, PyInt};
use queue_core::{Clock, ManualClock};
use std::sync::Arc;

/// A clock for tests: pass it to `Engine(clock=...)`, then `advance` or `set` it.
#[pyclass(name = "ManualClock", module = "connectnow_queue", frozen)]
pub struct PyManualClock {
    /// Shared with every engine it was given to.
    pub clock: Arc<ManualClock>,
}

/// A duration argument: a `datetime.timedelta`, or a number of seconds.
pub fn duration(obj: &Bound<'_, PyAny>) -> PyResult<Duration> {
    if obj.is_instance_of::<PyDelta>() {
        return obj.extract::<Duration>();
    }
    if obj.is_instance_of::<PyBool>()
        || !(obj.is_instance_of::<PyInt>() || obj.is_instance_of::<PyFloat>())
    {
        return Err(PyTypeError::new_err(
            "expected a datetime.timedelta or a number of seconds",
        ));
    }
    let seconds: f64 = obj.extract()?;
    let micros = (seconds * 1e6).round();
    if !micros.is_finite() || micros.abs() > 1e17 {
        return Err(PyValueError::new_err(format!(
            "{seconds} seconds is out of range"
        )));
    }
    Ok(Duration::microseconds(micros as i64))
}

#[pymethods]
impl PyManualClock {
    /// A clock standing at `start` (timezone-aware), or at the current time.
    #[new]
    #[pyo3(signature = (start = None))]
    fn new(start: Option<Instant>) -> Self {
        let start = start.map_or_else(Utc::now, |i| i.0);
        PyManualClock {
            clock: Arc::new(ManualClock::new(start)),
        }
    }

    /// The clock's current instant (UTC).
    fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Moves the clock to `instant` (backwards too; an engine never goes back in its history).
    fn set(&self, py: Python<'_>, instant: Instant) -> PyResult<()> {
        self.clock.try_set(instant.0).map_err(|e| core_error(py, e))
    }

    /// Moves the clock forward by a `timedelta` or a number of seconds; a negative step, or
    /// one past 9999-12-31, raises `InvalidInput` (a `ValueError`) and leaves it where it is.
    fn advance(&self, py: Python<'_>, delta: &Bound<'_, PyAny>) -> PyResult<()> {
        let d = duration(delta)?;
        self.clock
            .try_advance(d)
            .map(|_| ())
            .map_err(|e| core_error(py, e))
    }

    fn __repr__(&self) -> String {
        format!("ManualClock({})", self.clock.now().to_rfc3339())
    }
}
