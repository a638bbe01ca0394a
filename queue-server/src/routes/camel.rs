//! The camelCase seeds (003 teams, 004 user controller): the library's snake_case results
//! with their keys renamed, and their error answers — 400 `{"message": "Invalid value in
//! request"}` for a bad value, the field named in camelCase beside it.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use queue_core::Error;
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;

/// `snake_case` → `camelCase`.
pub fn camel(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut upper = false;
    for c in key.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// `v` with every object key in camelCase, at every depth.
pub fn camel_keys(v: Value) -> Value {
    match v {
        Value::Object(o) => Value::Object(
            o.into_iter()
                .map(|(k, v)| (camel(&k), camel_keys(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(camel_keys).collect()),
        v => v,
    }
}

/// `{"data": v}` with camelCase keys: the envelope of seed 003.
pub fn data<T: Serialize>(v: T) -> Json<Value> {
    let v = serde_json::to_value(v).unwrap_or(Value::Null);
    Json(serde_json::json!({ "data": camel_keys(v) }))
}

/// The error body of the camelCase routes.
#[derive(Serialize, ToSchema)]
pub struct CamelError {
    /// `Invalid value in request` (400), `An entity in this request could not be found`
    /// (404), or what went wrong.
    pub message: String,
    /// The library's error code.
    pub code: String,
    /// The offending field (camelCase), for a bad value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// A conflict's stable reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// What exactly was wrong with the value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// An error of a camelCase route: invalid input is 400, as the seeds answer it. The field
/// is turned camelCase unless it already is the seed's name (`named`).
pub struct CamelApiError {
    /// The error.
    pub error: Error,
    /// True when the field already is named as the seed names it.
    pub named: bool,
}

impl CamelApiError {
    /// `e`, whose field is already the seed's name (seed 004 spells some in snake_case).
    pub fn named(e: Error) -> CamelApiError {
        CamelApiError {
            error: e,
            named: true,
        }
    }
}

impl From<Error> for CamelApiError {
    fn from(e: Error) -> CamelApiError {
        CamelApiError {
            error: e,
            named: false,
        }
    }
}

impl From<crate::ApiError> for CamelApiError {
    fn from(e: crate::ApiError) -> CamelApiError {
        e.0.into()
    }
}

impl IntoResponse for CamelApiError {
    fn into_response(self) -> Response {
        let named = self.named;
        let e = self.error;
        let (status, message, detail) = match &e {
            Error::InvalidInput { .. } => (
                StatusCode::BAD_REQUEST,
                "Invalid value in request".to_owned(),
                Some(e.to_string()),
            ),
            Error::NotFound { .. } => (
                StatusCode::NOT_FOUND,
                "An entity in this request could not be found".to_owned(),
                Some(e.to_string()),
            ),
            _ => (crate::error::status_of(&e), e.to_string(), None),
        };
        let body = CamelError {
            message,
            code: e.code().to_owned(),
            field: e
                .field()
                .map(|f| if named { f.to_owned() } else { camel(f) }),
            reason: e.reason().map(|r| r.to_string()),
            detail,
        };
        (status, Json(body)).into_response()
    }
}

/// What the camelCase handlers return.
pub type CamelResult<T> = std::result::Result<T, CamelApiError>;

/// A path id of a camelCase route: not an id is 400 naming the parameter, as seed 003 says
/// ("Invalid value for: path parameter teamId").
pub fn path_uuid<T: From<uuid::Uuid>>(raw: &str, param: &'static str) -> CamelResult<T> {
    raw.parse::<uuid::Uuid>()
        .map(T::from)
        .map_err(|_| Error::invalid(param, "must be a UUID").into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_turn_camel_at_every_depth() {
        assert_eq!(camel("company_user_id"), "companyUserId");
        assert_eq!(camel("name"), "name");
        let v = serde_json::json!({"next_page_key": null, "data": [{"last_seen": 1}]});
        assert_eq!(
            camel_keys(v),
            serde_json::json!({"nextPageKey": null, "data": [{"lastSeen": 1}]})
        );
    }
}
