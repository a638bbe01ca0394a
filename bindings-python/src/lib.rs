//! `connectnow_queue`: ConnectNow Queue for Python.
//!
//! A thin pyo3 binding over `queue_core::Engine`: arguments are converted into the core's
//! inputs (keyword arguments through serde into its input structs), the core call runs with
//! the GIL released, and results come back as plain dicts with timezone-aware datetimes.
//! Errors map to `QueueError` subclasses. No logic lives here; it belongs in the core.

mod actor;
mod clock;
mod convert;
mod engine;
mod errors;
mod watch;

use pyo3::prelude::*;

/// The Python module.
#[pymodule]
fn connectnow_queue(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<engine::PyEngine>()?;
    m.add_class::<engine::PyBatch>()?;
    m.add_class::<engine::TeamPresenceIter>()?;
    m.add_class::<engine::WaitingIter>()?;
    m.add_class::<actor::PyActor>()?;
    m.add_class::<clock::PyManualClock>()?;
    errors::register(m)?;
    watch::register(m)?;
    Ok(())
}
