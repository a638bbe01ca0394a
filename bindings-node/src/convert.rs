//! Conversions between JavaScript values and the core's serde shapes.
//!
//! Results: the core's `Serialize` output with camelCase keys and instants as `Date`s.
//! Arguments: plain objects with camelCase keys (and `Date`s) read as `queue_core::input`
//! values and decoded by the core's rules (the same as Python's) into its `Deserialize`
//! inputs, which reject unknown fields. A value of the wrong type throws a `TypeError`; a
//! `Date` outside years 1–9999 a `RangeError`; a well-typed but invalid value is the core's
//! `ERR_INVALID_INPUT`.

use crate::fault::Fault;
use crate::js::{Js, Kind, Raw};
pub(crate) use crate::names::camel;
use crate::names::snake;
use chrono::{DateTime, Utc};
use queue_core::clock::{EARLIEST, LATEST};
use queue_core::input::{decode, decode_arg, DecodeError, Value};
use queue_core::{Actor, Error as CoreError};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value as Json;
use std::str::FromStr;

/// Deepest nesting accepted from JavaScript (deeper is almost surely a cycle).
const MAX_DEPTH: usize = 32;

/// Result keys that hold instants (serialized by chrono as RFC 3339 strings): every `*_at`,
/// `*_since` and `*_until` key, and these.
const DATE_KEYS: &[&str] = &[
    "at",
    "until",
    "last_seen",
    "interval_start",
    "interval_end",
    "next_change",
    "next_open",
    "request_time",
];

fn is_date_key(key: &str) -> bool {
    key.ends_with("_at")
        || key.ends_with("_since")
        || key.ends_with("_until")
        || DATE_KEYS.contains(&key)
}

/// A core result as JSON (runs off the main thread for async calls).
pub(crate) fn to_value<T: Serialize>(v: T) -> Result<Json, CoreError> {
    serde_json::to_value(v)
        .map_err(|e| CoreError::storage(format!("could not serialize a result: {e}")))
}

/// Builds the JavaScript value of a core result: camelCase keys, `Date`s for instants.
pub(crate) fn to_js(js: Js, v: &Json) -> Result<Raw, Fault> {
    to_js_keyed(js, v, false)
}

fn to_js_keyed(js: Js, v: &Json, date: bool) -> Result<Raw, Fault> {
    match v {
        Json::Null => Ok(js.null()?),
        Json::Bool(b) => Ok(js.boolean(*b)?),
        Json::Number(n) => Ok(js.number(n.as_f64().unwrap_or(f64::NAN))?),
        Json::String(s) => match date.then(|| DateTime::parse_from_rfc3339(s)) {
            Some(Ok(t)) => Ok(js.date(t.timestamp_millis() as f64)?),
            _ => Ok(js.string(s)?),
        },
        Json::Array(items) => {
            let arr = js.array(items.len())?;
            for (i, item) in items.iter().enumerate() {
                let x = to_js_keyed(js, item, date)?;
                js.set_element(arr, i as u32, x)?;
            }
            Ok(arr)
        }
        Json::Object(map) => {
            let obj = js.object()?;
            for (k, item) in map {
                let x = to_js_keyed(js, item, is_date_key(k))?;
                js.set(obj, &camel(k), x)?;
            }
            Ok(obj)
        }
    }
}

/// A JavaScript date as a UTC instant; `what` names the value in errors. An invalid `Date`
/// is a `TypeError`; one outside years 1–9999 (the range the engine works in) a
/// `RangeError`.
fn date_of(js: Js, v: Raw, what: &str) -> Result<DateTime<Utc>, Fault> {
    let ms = js.get_date_millis(v)?;
    if !ms.is_finite() {
        return Err(Fault::Type(format!("{what} is an invalid Date")));
    }
    DateTime::from_timestamp_millis(ms as i64)
        .filter(|t| (EARLIEST..=LATEST).contains(t))
        .ok_or_else(|| {
            Fault::Range(format!(
                "{what} must be between 0001-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z"
            ))
        })
}

/// Reads a JavaScript value as the core's input value: keys to snake_case, `Date`s as
/// instants; `None` for `undefined` (an absent option). `path` names the value in errors.
fn from_js(js: Js, v: Raw, path: &str, depth: usize) -> Result<Option<Value>, Fault> {
    if depth > MAX_DEPTH {
        return Err(Fault::Type(format!(
            "{path} is nested too deeply (is it cyclic?)"
        )));
    }
    let kind = js.kind(v)?;
    Ok(Some(match kind {
        Kind::Undefined => return Ok(None),
        Kind::Null => Value::Null,
        Kind::Boolean => Value::Bool(js.get_bool(v)?),
        Kind::String => Value::Text(js.get_string(v)?),
        Kind::Number => {
            let n = js.get_f64(v)?;
            // Integral numbers go in as integers (beyond 2^53 they are out of every range
            // the core takes, and say so); the rest are refused where an integer is due.
            if n.is_finite() && n.fract() == 0.0 {
                Value::Int(n as i128)
            } else {
                Value::Float(n)
            }
        }
        Kind::Date => Value::Instant(date_of(js, v, path)?),
        Kind::Array => {
            let len = js.array_len(v)?;
            let mut items = Vec::with_capacity(len as usize);
            for i in 0..len {
                let p = format!("{path}[{i}]");
                let item = js.element(v, i)?;
                match from_js(js, item, &p, depth + 1)? {
                    Some(x) => items.push(x),
                    None => return Err(Fault::Type(format!("{p} must not be undefined"))),
                }
            }
            Value::List(items)
        }
        Kind::Object => {
            let mut entries = Vec::new();
            for key in js.own_keys(v)? {
                let p = format!("{path}.{key}");
                if key.contains('_') {
                    return Err(Fault::Type(format!(
                        "{p}: unknown option (options are camelCase, e.g. {})",
                        camel(&key)
                    )));
                }
                let item = js.get(v, &key)?;
                if let Some(x) = from_js(js, item, &p, depth + 1)? {
                    entries.push((snake(&key), x));
                }
            }
            Value::Map(entries)
        }
        Kind::Symbol | Kind::Function | Kind::BigInt | Kind::Other => {
            Value::Other(kind.describe().to_string())
        }
    }))
}

/// The fault for a value the core's decoder refused: a wrong type or shape is a `TypeError`
/// (`{name}.{field}: …`), an unacceptable value the core's `ERR_INVALID_INPUT` on the field.
fn refused(e: DecodeError, name: &str) -> Fault {
    if e.is_type_error() {
        let message = e.message(camel);
        return Fault::Type(if e.path.is_empty() && e.field(camel).is_empty() {
            format!("{name}: {message}")
        } else if message.starts_with(name) {
            message
        } else {
            format!("{name}.{message}")
        });
    }
    match e.into_error() {
        Some(core) => Fault::Core(core),
        None => Fault::Type(format!("{name} is not valid")),
    }
}

/// Decodes an options object into a core input type; fields are named within the object.
fn deserialize<T: DeserializeOwned>(value: Value, name: &str) -> Result<T, Fault> {
    decode(value).map_err(|e| refused(e, name))
}

/// The `TypeError` for an argument of the wrong type.
fn wrong(js: Js, v: Raw, name: &str, expected: &str) -> Fault {
    let got = js.kind(v).map(Kind::describe).unwrap_or("an unknown value");
    Fault::Type(format!(
        "The \"{name}\" argument must be {expected}. Received {got}"
    ))
}

/// A required string argument.
pub(crate) fn string(js: Js, v: Raw, name: &str) -> Result<String, Fault> {
    match js.kind(v)? {
        Kind::String => Ok(js.get_string(v)?),
        _ => Err(wrong(js, v, name, "of type string")),
    }
}

/// An optional string argument (`undefined` or `null` for none).
pub(crate) fn opt_string(js: Js, v: Raw, name: &str) -> Result<Option<String>, Fault> {
    match js.kind(v)? {
        Kind::Undefined | Kind::Null => Ok(None),
        Kind::String => Ok(Some(js.get_string(v)?)),
        _ => Err(wrong(js, v, name, "of type string, null or undefined")),
    }
}

/// An id argument: a UUID string. A malformed one is the core's invalid input on `name`.
pub(crate) fn id<T: FromStr<Err = CoreError>>(js: Js, v: Raw, name: &str) -> Result<T, Fault> {
    let s = string(js, v, name)?;
    s.parse().map_err(|e| match e {
        CoreError::InvalidInput { reason, .. } => Fault::Core(CoreError::invalid(name, reason)),
        other => Fault::Core(other),
    })
}

/// An array of ids.
pub(crate) fn ids<T: FromStr<Err = CoreError>>(
    js: Js,
    v: Raw,
    name: &str,
) -> Result<Vec<T>, Fault> {
    if js.kind(v)? != Kind::Array {
        return Err(wrong(js, v, name, "an array of id strings"));
    }
    (0..js.array_len(v)?)
        .map(|i| id(js, js.element(v, i)?, &format!("{name}[{i}]")))
        .collect()
}

/// An integer argument: a number that is not an integer is a `TypeError`; one outside `T`'s
/// range the core's `ERR_INVALID_INPUT` naming the parameter.
pub(crate) fn int<T: DeserializeOwned>(js: Js, v: Raw, name: &str) -> Result<T, Fault> {
    if js.kind(v)? != Kind::Number {
        return Err(wrong(js, v, name, "of type number"));
    }
    let n = js.get_f64(v)?;
    if !n.is_finite() || n.fract() != 0.0 {
        return Err(Fault::Type(format!(
            "The \"{name}\" argument must be an integer. Received {n}"
        )));
    }
    decode_arg(name, Value::Int(n as i128)).map_err(|e| refused(e, name))
}

/// An integer argument that may be left out (`undefined`): then `default`, the same default
/// the Python binding and the core document.
pub(crate) fn int_or<T: DeserializeOwned + Copy>(
    default: T,
) -> impl Fn(Js, Raw, &str) -> Result<T, Fault> {
    move |js, v, name| match js.kind(v)? {
        Kind::Undefined => Ok(default),
        _ => int(js, v, name),
    }
}

/// A `Date` argument.
pub(crate) fn date(js: Js, v: Raw, name: &str) -> Result<DateTime<Utc>, Fault> {
    if js.kind(v)? != Kind::Date {
        return Err(wrong(js, v, name, "a Date"));
    }
    date_of(js, v, &format!("\"{name}\""))
}

/// An argument deserialized into a core input type (option objects, enum names, lists).
/// `undefined` reads as `default` (e.g. `{}` for an options object).
pub(crate) fn input<T: DeserializeOwned>(
    js: Js,
    v: Raw,
    name: &str,
    default: Option<Value>,
) -> Result<T, Fault> {
    let value = match (from_js(js, v, name, 0)?, default) {
        (Some(x), _) => x,
        (None, Some(d)) => d,
        (None, None) => return Err(wrong(js, v, name, "given")),
    };
    if matches!(value, Value::Map(_)) {
        deserialize(value, name)
    } else {
        decode_arg(name, value).map_err(|e| refused(e, name))
    }
}

/// An options object (`undefined` for all defaults).
pub(crate) fn options<T: DeserializeOwned>(js: Js, v: Raw, name: &str) -> Result<T, Fault> {
    match js.kind(v)? {
        Kind::Undefined | Kind::Null => deserialize(Value::Map(Vec::new()), name),
        Kind::Object => input(js, v, name, None),
        _ => Err(wrong(js, v, name, "an object")),
    }
}

/// The actor a call is made for: an `Actor` instance or a plain `{ type, userId }` object.
pub(crate) fn actor(js: Js, v: Raw) -> Result<Actor, Fault> {
    let bad = || {
        Fault::Type(
            "The \"actor\" argument must be Actor.system(), Actor.user(id), \
             Actor.anonymous() or an object { type: 'user', userId }"
                .to_string(),
        )
    };
    if js.kind(v)? != Kind::Object {
        return Err(bad());
    }
    let t = js.get(v, "type")?;
    if js.kind(t)? != Kind::String {
        return Err(bad());
    }
    match js.get_string(t)?.as_str() {
        "system" => Ok(Actor::System),
        "anonymous" => Ok(Actor::Anonymous),
        "user" => {
            let user = js.get(v, "userId")?;
            Ok(Actor::User(id(js, user, "actor.userId")?))
        }
        _ => Err(bad()),
    }
}
