//! Batches: many commands, one store commit, all or nothing. `begin_batch`, `commit_batch`,
//! `abort_batch` and `in_batch` are the core's calls; `with engine.batch():` is the core's
//! `Engine::batch` as a context manager, `Batch`.

use super::PyEngine;
use pyo3::prelude::*;
use pyo3::types::PyAny;
use std::sync::Mutex;

#[pymethods]
impl PyEngine {
    /// A context manager running the block's commands as one batch: `with engine.batch():`
    /// opens one (see `begin_batch`), commits it when the block ends and undoes all of it
    /// when the block raises. Inside a batch already open it joins that one instead.
    fn batch(slf: Py<Self>) -> PyBatch {
        PyBatch {
            engine: slf,
            opened: Mutex::new(Vec::new()),
        }
    }

    /// Opens a batch: every command on this engine from now until `commit_batch` or
    /// `abort_batch` — from any thread — is applied, routed and answered as usual, but the
    /// store commits them once, at `commit_batch`. Raises `Conflict` with the reason
    /// `"batch_open"` if one is open already.
    fn begin_batch(&self, py: Python<'_>) -> PyResult<()> {
        self.with_engine(py, |e| Ok(e.begin_batch()?))
    }

    /// Commits the open batch in one store commit; if that fails none of it happened. Does
    /// nothing without an open batch.
    fn commit_batch(&self, py: Python<'_>) -> PyResult<()> {
        self.with_engine(py, |e| Ok(e.commit_batch()?))
    }

    /// Undoes every command of the open batch and ends it; does nothing without one.
    fn abort_batch(&self, py: Python<'_>) -> PyResult<()> {
        self.with_engine(py, |e| {
            e.abort_batch();
            Ok(())
        })
    }

    /// True while a batch is open.
    fn in_batch(&self, py: Python<'_>) -> PyResult<bool> {
        self.with_engine(py, |e| Ok(e.in_batch()))
    }
}

/// `with engine.batch() as engine:` — what `Engine.batch()` returns.
#[pyclass(name = "Batch", module = "connectnow_queue", frozen)]
pub struct PyBatch {
    engine: Py<PyEngine>,
    /// For each `__enter__` not yet exited, innermost last: whether it opened the batch
    /// (`false`: a batch was open already and the block joined it).
    opened: Mutex<Vec<bool>>,
}

#[pymethods]
impl PyBatch {
    /// Opens a batch, or joins the one already open; gives the engine.
    fn __enter__(&self, py: Python<'_>) -> PyResult<Py<PyEngine>> {
        // Checking and opening under one lock of the engine: no other thread slips in between.
        let opened = self.engine.get().with_engine(py, |e| {
            if e.in_batch() {
                return Ok(false);
            }
            e.begin_batch()?;
            Ok(true)
        })?;
        self.opened
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(opened);
        Ok(self.engine.clone_ref(py))
    }

    /// Commits the batch this block opened (raising if that fails), or undoes it when the
    /// block raised (the exception goes on). A block that joined an outer batch does
    /// neither: the outer one decides.
    #[pyo3(signature = (exc_type, _exc_value = None, _traceback = None))]
    fn __exit__(
        &self,
        py: Python<'_>,
        exc_type: Option<&Bound<'_, PyAny>>,
        _exc_value: Option<&Bound<'_, PyAny>>,
        _traceback: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<bool> {
        let opened = self
            .opened
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .pop()
            .unwrap_or(false);
        if !opened {
            return Ok(false);
        }
        let engine = self.engine.get();
        match exc_type {
            Some(t) if !t.is_none() => {
                // The block's exception is what the caller must see. Undoing cannot leave the
                // batch open: if the engine was closed meanwhile its store dropped the
                // uncommitted work, and a caught panic reloaded it from the store.
                let _ = engine.abort_batch(py);
            }
            _ => engine.commit_batch(py)?,
        }
        Ok(false)
    }

    fn __repr__(&self) -> String {
        format!("Batch({})", self.engine.get().__repr__())
    }
}
