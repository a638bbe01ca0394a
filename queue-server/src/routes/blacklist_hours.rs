//! Blacklist hours of operation and common blacklist hours (seed 000): date-time ranges in
//! which one queue (`/api/blacklist-hours`) or every queue of a company
//! (`/api/common-blacklist-hours`, e.g. holidays) is closed, whatever its weekly hours say.

use super::queues::company_param;
use super::{created, deleted, ok, path_id};
use crate::auth::Caller;
use crate::body::{self, query_one};
use crate::error::ApiResult;
use crate::error::ErrorBody;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::Json;
use queue_core::{input, BlacklistId, CompanyId, Error, NewBlacklistHours, QueueId};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OfQueue {
    queue_id: QueueId,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OfCompany {
    company_id: CompanyId,
}

/// An instant field of a body: JSON has no date-time of its own, so RFC 3339 text stands
/// for one, given to the core as a date-time (which takes no text for one).
fn instant(field: &str, v: Value) -> ApiResult<input::Value> {
    match v {
        Value::String(t) => Ok(chrono::DateTime::parse_from_rfc3339(&t)
            .map(|at| input::Value::Instant(at.to_utc()))
            .map_err(|_| Error::invalid(field, "must be an RFC 3339 date-time"))?),
        other => Ok(body::value_of(other)),
    }
}

/// A body of the closure's fields beside its owner (`queue_id` or `company_id`): the
/// owner, decoded by itself, and the closure.
fn owner_and_closure<T: DeserializeOwned>(
    b: &Bytes,
    field: &str,
) -> ApiResult<(T, NewBlacklistHours)> {
    let (v, rest) = body::split_field(b, field)?;
    let mut owner = serde_json::Map::new();
    if let Some(v) = v {
        owner.insert(field.to_owned(), v);
    }
    let owner: T = body::decoded(body::value_of(Value::Object(owner)))?;
    // What is left is a JSON object, or nothing (an empty body).
    let rest: serde_json::Map<String, Value> = serde_json::from_slice(&rest).unwrap_or_default();
    let fields = rest
        .into_iter()
        .map(|(k, v)| match k.as_str() {
            "starts_at" | "ends_at" => Ok((k.clone(), instant(&k, v)?)),
            _ => Ok((k, body::value_of(v))),
        })
        .collect::<ApiResult<Vec<_>>>()?;
    Ok((owner, body::decoded(input::Value::Map(fields))?))
}

/// A queue's own closures, by start (members).
#[utoipa::path(get, path = "/api/blacklist-hours", tag = "blacklist hours",
    params(("queue_id" = String, Query)),
    responses((status = 200, description = "The closures", body = Vec<Object>),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such queue the caller may see", body = ErrorBody),
        (status = 422, description = "A bad or missing queue_id", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn list(
    State(s): State<AppState>,
    Caller(me): Caller,
    RawQuery(q): RawQuery,
) -> ApiResult<Json<Value>> {
    let raw = query_one(q.as_deref(), "queue_id")
        .ok_or_else(|| Error::invalid("queue_id", "is required"))?;
    let queue: QueueId = raw
        .parse()
        .map_err(|_| Error::invalid("queue_id", "must be a queue id"))?;
    Ok(ok(s
        .engine
        .call(move |e| e.list_blacklist_hours(&me, queue))
        .await?))
}

/// Closes one queue from `starts_at` until `ends_at` (admin and up).
#[utoipa::path(post, path = "/api/blacklist-hours", tag = "blacklist hours",
    request_body(content = Object, description = "`queue_id`, `starts_at`, `ends_at` (RFC 3339), `reason`"),
    responses((status = 201, description = "The closure", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Role too low", body = ErrorBody),
        (status = 404, description = "No such queue the caller may see", body = ErrorBody),
        (status = 422, description = "A bad field (`ends_at` not after `starts_at`, …)", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn create(
    State(s): State<AppState>,
    Caller(me): Caller,
    b: Bytes,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let (of, new): (OfQueue, _) = owner_and_closure(&b, "queue_id")?;
    Ok(created(
        s.engine
            .call(move |e| e.add_blacklist_hours(&me, of.queue_id, new))
            .await?,
    ))
}

/// Deletes a closure, a queue's or a common one (admin and up).
#[utoipa::path(delete, path = "/api/blacklist-hours/{blacklist_hours_id}", tag = "blacklist hours",
    params(("blacklist_hours_id" = String, Path)),
    responses((status = 200, description = "Deleted", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Role too low", body = ErrorBody),
        (status = 404, description = "No such closure the caller may see", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn delete(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let id: BlacklistId = path_id(&id, "blacklist_hours")?;
    s.engine
        .call(move |e| e.delete_blacklist_hours(&me, id))
        .await?;
    Ok(deleted())
}

/// A company's common closures (every queue closed), by start (members).
#[utoipa::path(get, path = "/api/common-blacklist-hours", tag = "blacklist hours",
    params(("company_id" = String, Query)),
    responses((status = 200, description = "The closures", body = Vec<Object>),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "A company the caller does not belong to", body = ErrorBody),
        (status = 422, description = "A bad or missing company_id", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn list_common(
    State(s): State<AppState>,
    Caller(me): Caller,
    RawQuery(q): RawQuery,
) -> ApiResult<Json<Value>> {
    let company = company_param(q.as_deref())?;
    Ok(ok(s
        .engine
        .call(move |e| e.list_common_blacklist_hours(&me, company))
        .await?))
}

/// Closes every queue of a company from `starts_at` until `ends_at`, e.g. a holiday (admin
/// and up). Deleted with `DELETE /api/blacklist-hours/{id}`.
#[utoipa::path(post, path = "/api/common-blacklist-hours", tag = "blacklist hours",
    request_body(content = Object, description = "`company_id`, `starts_at`, `ends_at` (RFC 3339), `reason`"),
    responses((status = 201, description = "The closure", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Role too low", body = ErrorBody),
        (status = 404, description = "A company the caller does not belong to", body = ErrorBody),
        (status = 422, description = "A bad field (`ends_at` not after `starts_at`, …)", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn create_common(
    State(s): State<AppState>,
    Caller(me): Caller,
    b: Bytes,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let (of, new): (OfCompany, _) = owner_and_closure(&b, "company_id")?;
    Ok(created(
        s.engine
            .call(move |e| e.add_common_blacklist_hours(&me, of.company_id, new))
            .await?,
    ))
}
