//! Request input: JSON bodies and query strings turned into the core's input values and
//! decoded by the same rules the bindings use (`queue_core::input`), so a bad field is the
//! same `InvalidInput` naming it (422) from HTTP as from Python or Node.

use crate::error::ApiError;
use axum::body::Bytes;
use queue_core::input::{decode, Value};
use queue_core::Error;
use serde::de::DeserializeOwned;

/// The JSON value as an input value; integral numbers are integers.
pub fn value_of(v: serde_json::Value) -> Value {
    match v {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(b),
        serde_json::Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => Value::Int(i128::from(i)),
            (None, Some(u)) => Value::Int(i128::from(u)),
            (None, None) => Value::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        serde_json::Value::String(s) => Value::Text(s),
        serde_json::Value::Array(a) => Value::List(a.into_iter().map(value_of).collect()),
        serde_json::Value::Object(o) => {
            Value::Map(o.into_iter().map(|(k, v)| (k, value_of(v))).collect())
        }
    }
}

/// A JSON object body as it is; an empty body is `{}`, anything but an object invalid input.
pub fn object(body: &Bytes) -> Result<serde_json::Value, Error> {
    let v: serde_json::Value = if body.iter().all(u8::is_ascii_whitespace) {
        serde_json::Value::Object(Default::default())
    } else {
        serde_json::from_slice(body)
            .map_err(|e| Error::invalid("body", format!("not JSON: {e}")))?
    };
    if v.is_object() {
        Ok(v)
    } else {
        Err(Error::invalid("body", "must be a JSON object"))
    }
}

/// Decodes a JSON object body into `T`; an empty body is `{}`.
pub fn json<T: DeserializeOwned>(body: &Bytes) -> Result<T, ApiError> {
    decoded(value_of(object(body)?))
}

/// Decodes `v` into `T`: a wrong type or an unknown field is `InvalidInput` too, naming it
/// (HTTP has no type error of its own; the seeds answer 422).
pub fn decoded<T: DeserializeOwned>(v: Value) -> Result<T, ApiError> {
    decode(v).map_err(|e| {
        let field = e.field(str::to_owned);
        let message = e.message(str::to_owned);
        let err = e.into_error().unwrap_or_else(|| {
            Error::invalid(
                if field.is_empty() {
                    "body".to_owned()
                } else {
                    field
                },
                message,
            )
        });
        ApiError(err)
    })
}

/// Takes a field out of a JSON object body (for routes whose body mixes a path-like id
/// with the rest): the value and the body without it.
pub fn split_field(
    body: &Bytes,
    name: &str,
) -> Result<(Option<serde_json::Value>, Bytes), ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok((None, Bytes::new()));
    }
    let mut v: serde_json::Value = serde_json::from_slice(body)
        .map_err(|e| Error::invalid("body", format!("not JSON: {e}")))?;
    let Some(o) = v.as_object_mut() else {
        return Err(Error::invalid("body", "must be a JSON object").into());
    };
    let taken = o.remove(name);
    let rest = serde_json::to_vec(&v).unwrap_or_default();
    Ok((taken, Bytes::from(rest)))
}

/// The values of `key` in a query string, accepting `key[]=a&key[]=b` and `key=a`.
pub fn query_list(raw: Option<&str>, key: &str) -> Vec<String> {
    let bracketed = format!("{key}[]");
    raw.unwrap_or("")
        .split('&')
        .filter_map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let k = unescape(k);
            (k == key || k == bracketed).then(|| unescape(v))
        })
        .collect()
}

/// Every `key=value` pair of a query string (or a form-urlencoded body), unescaped.
pub fn query_pairs(raw: Option<&str>) -> Vec<(String, String)> {
    raw.unwrap_or("")
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (unescape(k), unescape(v))
        })
        .collect()
}

/// The last value of `key` in a query string.
pub fn query_one(raw: Option<&str>, key: &str) -> Option<String> {
    query_list(raw, key).pop()
}

/// Percent-decoding of one query component (`+` is a space).
fn unescape(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
                match u8::from_str_radix(hex, 16) {
                    Ok(b) => {
                        out.push(b);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_take_both_spellings_and_unescape() {
        let q = Some("with%5B%5D=users&with[]=queues&with=a+b&other=1&with=%zz");
        assert_eq!(query_list(q, "with"), ["users", "queues", "a b", "%zz"]);
        assert_eq!(query_one(q, "other").as_deref(), Some("1"));
        assert!(query_list(None, "with").is_empty());
    }
}
