//! Python arguments to core inputs: ids, integers and instants as typed arguments, and keyword
//! arguments to the core's input structs through `serde` (they derive `Deserialize`, with the
//! core's own defaults and `deny_unknown_fields`).

use crate::errors::input_error;
use chrono::{DateTime, NaiveTime, SecondsFormat, Utc};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{
    PyBool, PyDate, PyDateTime, PyDict, PyFloat, PyFrozenSet, PyInt, PyList, PySet, PyString,
    PyTime, PyTuple, PyTzInfoAccess,
};
use pyo3::{Borrowed, IntoPyObject};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
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

/// An integer argument of the core's type `T`; `bool` and `float` are refused, and a value
/// outside `T`'s range is a `ValueError` (the core validates narrower ranges itself).
#[derive(Debug, Clone, Copy)]
pub struct Int<T>(pub T);

impl<T: TryFrom<i128>> FromPyObject<'_, '_> for Int<T> {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        if obj.is_instance_of::<PyBool>() || !obj.is_instance_of::<PyInt>() {
            return Err(PyTypeError::new_err(format!(
                "expected int, got {}",
                type_name(&obj.to_owned())
            )));
        }
        let out_of_range =
            || PyValueError::new_err(format!("integer {} is out of range", obj.to_owned()));
        let wide: i128 = obj.extract().map_err(|_| out_of_range())?;
        T::try_from(wide).map(Int).map_err(|_| out_of_range())
    }
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

/// A local wall time (`datetime.time`, without tzinfo) in the form the core parses.
fn wall_time(t: &Bound<'_, PyTime>) -> PyResult<String> {
    if t.get_tzinfo().is_some() {
        return Err(PyValueError::new_err(
            "hours are local times in the company's time zone: pass a datetime.time without tzinfo",
        ));
    }
    let naive: NaiveTime = t.extract()?;
    Ok(naive.format("%H:%M:%S%.f").to_string())
}

/// Converts a Python value to JSON for serde: dicts, sequences, scalars, ids, instants and
/// wall times. `path` names the value in error messages.
pub fn to_json(obj: &Bound<'_, PyAny>, path: &str) -> PyResult<Value> {
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(n) = obj.extract::<i64>() {
            return Ok(Value::from(n));
        }
        if let Ok(n) = obj.extract::<u64>() {
            return Ok(Value::from(n));
        }
        return Err(PyValueError::new_err(format!(
            "{path}: integer {obj} is out of range"
        )));
    }
    if let Ok(x) = obj.cast::<PyFloat>() {
        return serde_json::Number::from_f64(x.value())
            .map(Value::Number)
            .ok_or_else(|| PyValueError::new_err(format!("{path}: {x} is not a finite number")));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_str()?.to_owned()));
    }
    if let Ok(dt) = obj.cast::<PyDateTime>() {
        let t = aware_utc(dt).map_err(|e| prefixed(obj.py(), path, e))?;
        return Ok(Value::String(
            t.to_rfc3339_opts(SecondsFormat::AutoSi, true),
        ));
    }
    if obj.is_instance_of::<PyDate>() {
        return Err(PyTypeError::new_err(format!(
            "{path}: expected a timezone-aware datetime, got a date"
        )));
    }
    if let Ok(t) = obj.cast::<PyTime>() {
        return wall_time(t)
            .map(Value::String)
            .map_err(|e| prefixed(obj.py(), path, e));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = Map::new();
        for (k, v) in d.iter() {
            let key: String = k.extract().map_err(|_| {
                PyTypeError::new_err(format!("{path}: dict keys must be str, got {k:?}"))
            })?;
            let value = to_json(&v, &format!("{path}.{key}"))?;
            map.insert(key, value);
        }
        return Ok(Value::Object(map));
    }
    if obj.is_instance_of::<PyList>()
        || obj.is_instance_of::<PyTuple>()
        || obj.is_instance_of::<PySet>()
        || obj.is_instance_of::<PyFrozenSet>()
    {
        let mut items = Vec::new();
        for (i, item) in obj.try_iter()?.enumerate() {
            items.push(to_json(&item?, &format!("{path}[{i}]"))?);
        }
        return Ok(Value::Array(items));
    }
    if let Ok(u) = obj.extract::<Uuid>() {
        return Ok(Value::String(u.to_string()));
    }
    Err(PyTypeError::new_err(format!(
        "{path}: unsupported type {}",
        type_name(obj)
    )))
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

/// Deserialises a core input from a JSON value; `what` names it in error messages.
pub fn from_json<T: DeserializeOwned>(value: Value, what: &str) -> PyResult<T> {
    serde_json::from_value(value).map_err(|e| input_error(what, &e))
}

/// A core input struct from keyword arguments plus fields the method took positionally.
pub fn from_kwargs<T: DeserializeOwned>(
    what: &str,
    kwargs: Option<&Bound<'_, PyDict>>,
    positional: &[(&str, Value)],
) -> PyResult<T> {
    let mut map = match kwargs {
        Some(k) => match to_json(k.as_any(), what)? {
            Value::Object(m) => m,
            _ => Map::new(),
        },
        None => Map::new(),
    };
    for (k, v) in positional {
        map.insert((*k).to_owned(), v.clone());
    }
    from_json(Value::Object(map), what)
}

/// A core value (an enum name, a list of them…) from a Python argument.
pub fn from_arg<T: DeserializeOwned>(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<T> {
    from_json(to_json(obj, what)?, what)
}

/// An id as the JSON string the core's id types deserialise from.
pub fn id_json(id: Id) -> Value {
    Value::String(id.0.to_string())
}
