//! Exceptions: `QueueError` and one subclass per `queue_core::Error` kind, each carrying the
//! kind's HTTP `status` and stable `code` (and `field` for invalid input, `reason` for a
//! conflict).

use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyTuple, PyType};

/// The exception classes, created once when the module is imported.
struct Classes {
    base: Py<PyType>,
    unauthenticated: Py<PyType>,
    forbidden: Py<PyType>,
    not_found: Py<PyType>,
    invalid_input: Py<PyType>,
    conflict: Py<PyType>,
    storage: Py<PyType>,
}

static CLASSES: PyOnceLock<Classes> = PyOnceLock::new();

/// Status and code of the base class: it is raised on its own only for internal errors.
const INTERNAL: (u16, &str) = (500, "ERR_INTERNAL");

/// Creates a class with `type(name, bases, namespace)`, so `InvalidInput` can also be a
/// `ValueError` (a single-base `create_exception!` cannot express that).
fn new_class<'py>(
    py: Python<'py>,
    name: &str,
    doc: &str,
    bases: Vec<Bound<'py, PyAny>>,
    (status, code): (u16, &str),
) -> PyResult<Bound<'py, PyType>> {
    let namespace = PyDict::new(py);
    namespace.set_item("__module__", "connectnow_queue")?;
    namespace.set_item("__doc__", doc)?;
    namespace.set_item("status", status)?;
    namespace.set_item("code", code)?;
    namespace.set_item("field", py.None())?;
    namespace.set_item("reason", py.None())?;
    let bases = PyTuple::new(py, bases)?;
    Ok(py
        .get_type::<PyType>()
        .call1((name, bases, namespace))?
        .cast_into::<PyType>()?)
}

/// Creates the exception classes and adds them to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    let classes = CLASSES.get_or_try_init(py, || -> PyResult<Classes> {
        let base = new_class(
            py,
            "QueueError",
            "Base of every error the queue reports. `status` is the HTTP status, `code` a \
             stable machine-readable code. Raised as itself only for internal errors (500).",
            vec![py.get_type::<PyException>().into_any()],
            INTERNAL,
        )?;
        let sub = |name: &str, doc: &str, extra: Option<Bound<'_, PyAny>>, kind: (u16, &str)| {
            let mut bases = vec![base.clone().into_any()];
            bases.extend(extra);
            new_class(py, name, doc, bases, kind).map(Bound::unbind)
        };
        Ok(Classes {
            unauthenticated: sub(
                "Unauthenticated",
                "No valid credentials: an anonymous actor, or a token that is unknown or revoked (401).",
                None,
                (401, "ERR_UNAUTHENTICATED"),
            )?,
            forbidden: sub(
                "Forbidden",
                "The actor is known but its role does not allow the action (403).",
                None,
                (403, "ERR_FORBIDDEN"),
            )?,
            not_found: sub(
                "NotFound",
                "The resource does not exist, or the actor may not know it exists (404).",
                None,
                (404, "ERR_NOT_FOUND"),
            )?,
            invalid_input: sub(
                "InvalidInput",
                "A field broke a validation rule (422); `field` names it. Also a ValueError.",
                Some(py.get_type::<PyValueError>().into_any()),
                (422, "ERR_INVALID_INPUT"),
            )?,
            conflict: sub(
                "Conflict",
                "The current state does not allow the operation (409); `reason` names the rule \
                 with a stable code, e.g. \"queue_closed\".",
                None,
                (409, "ERR_CONFLICT"),
            )?,
            storage: sub(
                "Storage",
                "The store failed; nothing of the operation was applied (500).",
                None,
                (500, "ERR_STORAGE"),
            )?,
            base: base.unbind(),
        })
    })?;
    for class in [
        &classes.base,
        &classes.unauthenticated,
        &classes.forbidden,
        &classes.not_found,
        &classes.invalid_input,
        &classes.conflict,
        &classes.storage,
    ] {
        let class = class.bind(py);
        m.add(class.name()?, class)?;
    }
    Ok(())
}

/// Which class to raise.
#[derive(Clone, Copy)]
enum Which {
    Base,
    Unauthenticated,
    Forbidden,
    NotFound,
    InvalidInput,
    Conflict,
    Storage,
}

impl Classes {
    fn get(&self, which: Which) -> &Py<PyType> {
        match which {
            Which::Base => &self.base,
            Which::Unauthenticated => &self.unauthenticated,
            Which::Forbidden => &self.forbidden,
            Which::NotFound => &self.not_found,
            Which::InvalidInput => &self.invalid_input,
            Which::Conflict => &self.conflict,
            Which::Storage => &self.storage,
        }
    }
}

/// Builds an instance of a queue error class with the message and the attributes every
/// queue error has.
fn raise(
    py: Python<'_>,
    which: Which,
    message: String,
    status: u16,
    code: &str,
    field: Option<&str>,
    reason: Option<&str>,
) -> PyErr {
    let Some(classes) = CLASSES.get(py) else {
        return PyException::new_err(message);
    };
    let err = PyErr::from_type(classes.get(which).bind(py).clone(), message);
    let value = err.value(py);
    let attrs = value
        .setattr("status", status)
        .and_then(|()| value.setattr("code", code))
        .and_then(|()| value.setattr("field", field))
        .and_then(|()| value.setattr("reason", reason));
    match attrs {
        Ok(()) => err,
        Err(e) => e,
    }
}

/// The Python exception for a core error.
pub fn core_error(py: Python<'_>, e: queue_core::Error) -> PyErr {
    use queue_core::Error as E;
    let which = match &e {
        E::Unauthenticated => Which::Unauthenticated,
        E::Forbidden { .. } => Which::Forbidden,
        E::NotFound { .. } => Which::NotFound,
        E::InvalidInput { .. } => Which::InvalidInput,
        E::Conflict { .. } => Which::Conflict,
        E::Storage { .. } => Which::Storage,
        // A kind added to core later still carries its own status and code.
        _ => Which::Base,
    };
    let reason = e.reason().map(|r| r.as_str());
    raise(
        py,
        which,
        e.to_string(),
        e.status(),
        e.code(),
        e.field(),
        reason,
    )
}

/// The base `QueueError` for a failure that is a bug, never the caller's fault.
pub fn internal_error(py: Python<'_>, message: String) -> PyErr {
    raise(py, Which::Base, message, INTERNAL.0, INTERNAL.1, None, None)
}
