//! The value tree of [`Out`] to Python objects: dicts, lists, str, int, float, bool, None,
//! timezone-aware `datetime` (UTC) and `datetime.time`.

use super::out::Out;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use pyo3::IntoPyObjectExt;

/// Builds the Python object for a serialised result.
pub fn to_py(py: Python<'_>, out: Out) -> PyResult<Py<PyAny>> {
    Ok(match out {
        Out::Null => py.None(),
        Out::Bool(b) => b.into_py_any(py)?,
        Out::I64(n) => n.into_py_any(py)?,
        Out::U64(n) => n.into_py_any(py)?,
        Out::F64(x) => x.into_py_any(py)?,
        Out::Str(s) => s.into_py_any(py)?,
        Out::DateTime(t) => t.into_py_any(py)?,
        Out::Time(t) => t.into_py_any(py)?,
        Out::Seq(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(to_py(py, item)?)?;
            }
            list.into_any().unbind()
        }
        Out::Map(entries) => {
            let dict = PyDict::new(py);
            for (k, v) in entries {
                dict.set_item(k, to_py(py, v)?)?;
            }
            dict.into_any().unbind()
        }
    })
}
