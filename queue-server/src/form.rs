//! Form bodies of seed 004's user controller: `application/x-www-form-urlencoded` (its PUTs),
//! `multipart/form-data` (its POSTs) and, for clients that send what the seed's samples
//! print, a JSON object — each read into one map of text fields.
//!
//! The seed's samples quote values in single quotes (`userID='UID'&state=1`); a value wrapped
//! in a pair of them is taken without them, so a request copied from the seed works.

use crate::body::query_pairs;
use axum::body::Bytes;
use axum::http::header::CONTENT_TYPE;
use axum::http::HeaderMap;
use queue_core::{Error, Result};
use serde_json::Value;
use std::collections::BTreeMap;

/// A form's fields, by name; a repeated name keeps its last value.
#[derive(Debug, Default)]
pub struct Fields(pub BTreeMap<String, String>);

fn unquote(v: String) -> String {
    match v.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
        Some(inner) => inner.to_owned(),
        None => v,
    }
}

impl Fields {
    /// Reads the body as its `Content-Type` says.
    pub async fn read(headers: &HeaderMap, body: Bytes) -> Result<Fields> {
        let raw = headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        // The type is case-insensitive; the boundary is not.
        let kind = raw.to_ascii_lowercase();
        if kind.starts_with("multipart/form-data") {
            multipart(raw, body).await
        } else if kind.starts_with("application/json") {
            json(&body)
        } else {
            // x-www-form-urlencoded, and what comes without a type.
            let text = std::str::from_utf8(&body)
                .map_err(|_| Error::invalid("body", "is not UTF-8 text"))?;
            let text = text.trim().trim_matches('"');
            Ok(Fields(
                query_pairs(Some(text))
                    .into_iter()
                    .map(|(k, v)| (k, unquote(v)))
                    .collect(),
            ))
        }
    }

    /// The field's text, if sent.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str)
    }

    /// The field's text; missing is invalid input naming it.
    pub fn require(&self, name: &str) -> Result<&str> {
        self.get(name)
            .ok_or_else(|| Error::invalid(name, "is required"))
    }

    /// The field as a flag: `1`/`0`, `true`/`false`, `on`/`off`.
    pub fn flag(&self, name: &str) -> Result<bool> {
        match self.require(name)? {
            "1" | "true" | "on" => Ok(true),
            "0" | "false" | "off" => Ok(false),
            _ => Err(Error::invalid(name, "must be 1 or 0")),
        }
    }

    /// The field as a whole number.
    pub fn number<T: std::str::FromStr>(&self, name: &str) -> Result<T> {
        self.require(name)?
            .parse()
            .map_err(|_| Error::invalid(name, "must be a whole number"))
    }

    /// The field as an id (a UUID).
    pub fn id(&self, name: &str) -> Result<uuid::Uuid> {
        self.require(name)?
            .parse()
            .map_err(|_| Error::invalid(name, "must be an id"))
    }
}

fn json(body: &Bytes) -> Result<Fields> {
    let Value::Object(o) = crate::body::object(body)? else {
        return Err(Error::invalid("body", "must be a JSON object"));
    };
    Ok(Fields(
        o.into_iter()
            .map(|(k, v)| {
                let text = match v {
                    Value::String(s) => s,
                    Value::Bool(b) => if b { "1" } else { "0" }.to_owned(),
                    Value::Null => String::new(),
                    other => other.to_string(),
                };
                (k, text)
            })
            .collect(),
    ))
}

async fn multipart(kind: &str, body: Bytes) -> Result<Fields> {
    let boundary = multer::parse_boundary(kind)
        .map_err(|_| Error::invalid("body", "multipart/form-data without a boundary"))?;
    let stream = futures_util::stream::once(async move { Ok::<Bytes, std::io::Error>(body) });
    let mut parts = multer::Multipart::new(stream, boundary);
    let mut fields = BTreeMap::new();
    let bad = |e: multer::Error| Error::invalid("body", format!("bad multipart body: {e}"));
    while let Some(part) = parts.next_field().await.map_err(bad)? {
        let name = part.name().unwrap_or("").to_owned();
        let text = part.text().await.map_err(bad)?;
        if !name.is_empty() {
            fields.insert(name, unquote(text));
        }
    }
    Ok(Fields(fields))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn typed(kind: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(CONTENT_TYPE, HeaderValue::from_str(kind).unwrap());
        h
    }

    #[tokio::test]
    async fn the_seeds_three_body_shapes_read_alike() {
        let form = Fields::read(
            &typed("application/x-www-form-urlencoded"),
            Bytes::from("userID='abc'&state=1&name=a%20b"),
        )
        .await
        .unwrap();
        assert_eq!(form.get("userID"), Some("abc"));
        assert!(form.flag("state").unwrap());
        assert_eq!(form.get("name"), Some("a b"));
        let body = "--XyZ\r\nContent-Disposition: form-data; name=\"userID\"\r\n\r\nabc\r\n\
                    --XyZ\r\nContent-Disposition: form-data; name=\"status\"\r\n\r\n7\r\n--XyZ--\r\n";
        let multi = Fields::read(
            &typed("multipart/form-data; boundary=XyZ"),
            Bytes::from(body),
        )
        .await
        .unwrap();
        assert_eq!(multi.get("userID"), Some("abc"));
        assert_eq!(multi.number::<u32>("status").unwrap(), 7);
        let json = Fields::read(
            &typed("application/json"),
            Bytes::from(r#"{"userID": "abc", "statusID": 1, "on": true}"#),
        )
        .await
        .unwrap();
        assert_eq!(json.get("statusID"), Some("1"));
        assert!(json.flag("on").unwrap());
        assert_eq!(
            json.require("missing").unwrap_err().field(),
            Some("missing")
        );
    }
}
