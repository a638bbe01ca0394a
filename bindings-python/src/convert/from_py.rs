//! Python arguments to core inputs: ids, integers and instants as typed arguments, and keyword
//! arguments to the core's input structs through `queue_core::input` (the structs derive
//! `Deserialize`, with the core's own defaults and `deny_unknown_fields`; the decoder's rules
//! are the same in Node).

use crate::errors::core_error;
use chrono::{DateTime, NaiveTime, Utc};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{
    PyBool, PyDate, PyDateTime, PyDict, PyFloat, PyFrozenSet, PyInt, PyList, PySet, PyString,
    PyTime, PyTuple, PyTzInfoAccess,
};
use pyo3::{Borrowed, IntoPyObject};
use queue_core::input::{decode, decode_arg, DecodeError, Problem, Value};
use serde::de::DeserializeOwned;
use uuid::Uuid;

/// The Python type name of `obj`, for messages.
fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".into())
}

/// An id argument: a `uuid.UUID` or its string form.
#[derive(Debug, Clone, Copy)]
pub struct Id(pub Uuid);

impl FromPyObject<'_, '_> for Id {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        if let Ok(s) = obj.cast::<PyString>() {
            let s = s.to_str()?;
            return Uuid::parse_str(s.trim())
                .map(Id)
                .map_err(|_| PyValueError::new_err(format!("{s:?} is not a valid UUID")));
        }
        match obj.extract::<Uuid>() {
            Ok(u) => Ok(Id(u)),
            Err(_) => Err(PyTypeError::new_err(format!(
                "expected uuid.UUID or str, got {}",
                type_name(&obj.to_owned())
            ))),
        }
    }
}

impl Id {
    /// The core's typed id.
    pub fn to<T: From<Uuid>>(self) -> T {
        T::from(self.0)
    }
}

/// One id or a sequence of them (a lone `str` is one id, not a sequence of characters).
pub struct Ids(pub Vec<Uuid>);

impl FromPyObject<'_, '_> for Ids {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        if obj.is_instance_of::<PyString>() {
            return obj.extract::<Id>().map(|i| Ids(vec![i.0]));
        }
        if let Ok(u) = obj.extract::<Uuid>() {
            return Ok(Ids(vec![u]));
        }
        let mut out = Vec::new();
        for item in obj.try_iter().map_err(|_| {
            PyTypeError::new_err(format!(
                "expected an id or a sequence of ids, got {}",
                type_name(&obj.to_owned())
            ))
        })? {
            out.push(item?.extract::<Id>()?.0);
        }
        Ok(Ids(out))
    }
}

impl Ids {
    /// The core's typed ids.
    pub fn to<T: From<Uuid>>(self) -> Vec<T> {
        self.0.into_iter().map(T::from).collect()
    }
}

/// An integer argument: `bool` and `float` are refused here (a `TypeError`), the range of
/// the core's type is checked by [`Int::get`], which names the parameter.
#[derive(Debug, Clone, Copy)]
pub struct Int(pub i128);

impl FromPyObject<'_, '_> for Int {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        if obj.is_instance_of::<PyBool>() || !obj.is_instance_of::<PyInt>() {
            return Err(PyTypeError::new_err(format!(
                "expected int, got {}",
                type_name(&obj.to_owned())
            )));
        }
        Ok(Int(big_int(&obj.to_owned())))
    }
}

impl Int {
    /// The value as the core's type `T`; out of `T`'s range it is the core's `InvalidInput`
    /// on `name`.
    pub fn get<T: DeserializeOwned>(self, py: Python<'_>, name: &str) -> PyResult<T> {
        decode_arg(name, Value::Int(self.0)).map_err(|e| decode_error(py, "", e))
    }
}

/// A Python `int` as an `i128`, saturated (a value that large is out of every range anyway).
fn big_int(obj: &Bound<'_, PyAny>) -> i128 {
    obj.extract::<i128>().unwrap_or_else(|_| {
        let negative = obj.lt(0i32).unwrap_or(false);
        if negative {
            i128::MIN
        } else {
            i128::MAX
        }
    })
}

/// An instant argument: a timezone-aware `datetime` (any zone; converted to UTC).
#[derive(Debug, Clone, Copy)]
pub struct Instant(pub DateTime<Utc>);

impl FromPyObject<'_, '_> for Instant {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        let obj = obj.to_owned();
        match obj.cast::<PyDateTime>() {
            Ok(dt) => aware_utc(dt).map(Instant),
            Err(_) => Err(PyTypeError::new_err(format!(
                "expected a timezone-aware datetime.datetime, got {}",
                type_name(&obj)
            ))),
        }
    }
}

/// A timezone-aware `datetime` as a UTC instant; a naive one is refused rather than guessed.
fn aware_utc(dt: &Bound<'_, PyDateTime>) -> PyResult<DateTime<Utc>> {
    let py = dt.py();
    let naive = || {
        PyValueError::new_err(
            "naive datetime: pass a timezone-aware datetime (e.g. with tzinfo=datetime.timezone.utc)",
        )
    };
    if dt.get_tzinfo().is_none() || dt.call_method0("utcoffset")?.is_none() {
        return Err(naive());
    }
    let utc = Utc.into_pyobject(py)?;
    dt.call_method1("astimezone", (utc,))
        .and_then(|u| u.extract::<DateTime<Utc>>())
        .map_err(|e| PyValueError::new_err(format!("datetime out of range: {e}")))
}

/// A local wall time (`datetime.time`, without tzinfo).
fn wall_time(t: &Bound<'_, PyTime>) -> PyResult<NaiveTime> {
    if t.get_tzinfo().is_some() {
        return Err(PyValueError::new_err(
            "hours are local times in the company's time zone: pass a datetime.time without tzinfo",
        ));
    }
    t.extract()
}

/// Converts a Python argument to the core's input value, keeping what Python knows of its
/// type (a `datetime` stays an instant, never its text); `path` names it in errors.
pub fn to_value(obj: &Bound<'_, PyAny>, path: &str) -> PyResult<Value> {
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        return Ok(Value::Int(big_int(obj)));
    }
    if let Ok(x) = obj.cast::<PyFloat>() {
        return Ok(Value::Float(x.value()));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::Text(s.to_str()?.to_owned()));
    }
    if let Ok(dt) = obj.cast::<PyDateTime>() {
        let t = aware_utc(dt).map_err(|e| prefixed(obj.py(), path, e))?;
        return Ok(Value::Instant(t));
    }
    if obj.is_instance_of::<PyDate>() {
        return Ok(Value::Other("a date".into()));
    }
    if let Ok(t) = obj.cast::<PyTime>() {
        return wall_time(t)
            .map(Value::Time)
            .map_err(|e| prefixed(obj.py(), path, e));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut entries = Vec::with_capacity(d.len());
        for (k, v) in d.iter() {
            let key: String = k.extract().map_err(|_| {
                PyTypeError::new_err(format!("{path}: dict keys must be str, got {k:?}"))
            })?;
            let value = to_value(&v, &format!("{path}.{key}"))?;
            entries.push((key, value));
        }
        return Ok(Value::Map(entries));
    }
    if obj.is_instance_of::<PyList>()
        || obj.is_instance_of::<PyTuple>()
        || obj.is_instance_of::<PySet>()
        || obj.is_instance_of::<PyFrozenSet>()
    {
        let mut items = Vec::new();
        for (i, item) in obj.try_iter()?.enumerate() {
            items.push(to_value(&item?, &format!("{path}[{i}]"))?);
        }
        return Ok(Value::List(items));
    }
    if let Ok(u) = obj.extract::<Uuid>() {
        return Ok(Value::Id(u));
    }
    Ok(Value::Other(type_name(obj)))
}

/// The same error class with `path` in front of its message.
fn prefixed(py: Python<'_>, path: &str, e: PyErr) -> PyErr {
    let message = format!("{path}: {}", e.value(py));
    if e.is_instance_of::<PyTypeError>(py) {
        PyTypeError::new_err(message)
    } else {
        PyValueError::new_err(message)
    }
}

/// The Python exception for a value the core's decoder refused: a wrong type or shape is a
/// `TypeError` (as Python reports for its own functions), an unacceptable value the core's
/// `InvalidInput` naming the field. `method` names the call for keyword arguments.
pub fn decode_error(py: Python<'_>, method: &str, e: DecodeError) -> PyErr {
    let top_level = e.path.is_empty() && !method.is_empty();
    match (&e.problem, top_level) {
        (Problem::UnknownField { field, expected }, true) => PyTypeError::new_err(format!(
            "{method}() got an unexpected keyword argument '{field}' (it takes: {})",
            expected.join(", ")
        )),
        (Problem::MissingField { field }, true) => PyTypeError::new_err(format!(
            "{method}() missing required keyword argument '{field}'"
        )),
        _ if e.is_type_error() => {
            let message = e.message(str::to_owned);
            PyTypeError::new_err(if method.is_empty() {
                message
            } else {
                format!("{method}(): {message}")
            })
        }
        _ => match e.into_error() {
            Some(core) => core_error(py, core),
            None => PyTypeError::new_err("invalid argument"),
        },
    }
}

/// A core input struct from keyword arguments plus fields the method took positionally.
pub fn from_kwargs<T: DeserializeOwned>(
    py: Python<'_>,
    method: &str,
    kwargs: Option<&Bound<'_, PyDict>>,
    positional: Vec<(&str, Value)>,
) -> PyResult<T> {
    let mut entries = match kwargs {
        Some(k) => match to_value(k.as_any(), method)? {
            Value::Map(m) => m,
            _ => Vec::new(),
        },
        None => Vec::new(),
    };
    entries.extend(positional.into_iter().map(|(k, v)| (k.to_owned(), v)));
    decode(Value::Map(entries)).map_err(|e| decode_error(py, method, e))
}

/// A core value (an enum name, a list of intervals…) from the argument `name`.
pub fn from_arg<T: DeserializeOwned>(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<T> {
    decode_arg(name, to_value(obj, name)?).map_err(|e| decode_error(obj.py(), "", e))
}
