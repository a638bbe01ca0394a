//! Hours of operation (seed 000): a company's weekly schedule — its default, or one queue's
//! own — addressed as the core keys it, by `company_id` and an optional `queue_id`; and
//! whether a queue is open at an instant (its schedule, the company default, and closures).

use super::queues::company_param;
use super::{deleted, ok, path_id};
use crate::auth::Caller;
use crate::body::{self, query_one};
use crate::error::ApiResult;
use crate::error::ErrorBody;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::Json;
use queue_core::{CompanyId, Error, OpenInterval, QueueId};
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Schedule {
    intervals: Vec<OpenInterval>,
}

/// The schedule's address: `company_id` (required) and `queue_id` (absent: the company
/// default).
fn target(q: Option<&str>) -> ApiResult<(CompanyId, Option<QueueId>)> {
    let company = company_param(q)?;
    let queue = query_one(q, "queue_id")
        .map(|raw| {
            raw.parse()
                .map_err(|_| Error::invalid("queue_id", "must be a queue id"))
        })
        .transpose()?;
    Ok((company, queue))
}

/// The schedule of a queue, or without `queue_id` the company default; `null` when none is
/// set (a queue then follows the company default, the default is "always open") (members).
#[utoipa::path(get, path = "/api/hours-of-operation", tag = "hours of operation",
    params(("company_id" = String, Query),
        ("queue_id" = Option<String>, Query, description = "Absent: the company default")),
    responses((status = 200, description = "The schedule, or null", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "A company the caller does not belong to", body = ErrorBody),
        (status = 422, description = "A bad or missing company_id, a bad queue_id", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn get(
    State(s): State<AppState>,
    Caller(me): Caller,
    RawQuery(q): RawQuery,
) -> ApiResult<Json<Value>> {
    let (company, queue) = target(q.as_deref())?;
    Ok(ok(s
        .engine
        .call(move |e| e.get_hours(&me, company, queue))
        .await?))
}

/// Sets the weekly schedule of a queue, or without `queue_id` the company default,
/// replacing any (admin and up). Intervals are local to the company's time zone; an empty
/// list is never open.
#[utoipa::path(put, path = "/api/hours-of-operation", tag = "hours of operation",
    params(("company_id" = String, Query),
        ("queue_id" = Option<String>, Query, description = "Absent: the company default")),
    request_body(content = Object, description = "`intervals`: `[{\"weekday\": \"mon\", \"opens\": \"09:00\", \"closes\": \"17:00\"}, …]`"),
    responses((status = 200, description = "The schedule", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Role too low", body = ErrorBody),
        (status = 404, description = "A company the caller does not belong to", body = ErrorBody),
        (status = 422, description = "A bad field, or a queue_id not of the company", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn set(
    State(s): State<AppState>,
    Caller(me): Caller,
    RawQuery(q): RawQuery,
    b: Bytes,
) -> ApiResult<Json<Value>> {
    let (company, queue) = target(q.as_deref())?;
    let schedule: Schedule = body::json(&b)?;
    Ok(ok(s
        .engine
        .call(move |e| e.set_hours(&me, company, queue, schedule.intervals))
        .await?))
}

/// Removes a schedule: the queue falls back to the company default, the company default to
/// "always open"; removing none is not an error (admin and up).
#[utoipa::path(delete, path = "/api/hours-of-operation", tag = "hours of operation",
    params(("company_id" = String, Query),
        ("queue_id" = Option<String>, Query, description = "Absent: the company default")),
    responses((status = 200, description = "Deleted", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Role too low", body = ErrorBody),
        (status = 404, description = "A company the caller does not belong to", body = ErrorBody),
        (status = 422, description = "A bad or missing company_id, a bad queue_id", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn clear(
    State(s): State<AppState>,
    Caller(me): Caller,
    RawQuery(q): RawQuery,
) -> ApiResult<Json<Value>> {
    let (company, queue) = target(q.as_deref())?;
    s.engine
        .call(move |e| e.clear_hours(&me, company, queue))
        .await?;
    Ok(deleted())
}

/// Whether a queue is open at `at` (default: now), and when that next changes: `open`,
/// `next_change`, `next_open` (members).
#[utoipa::path(get, path = "/api/queues/{queue_id}/open", tag = "hours of operation",
    params(("queue_id" = String, Path),
        ("at" = Option<String>, Query, description = "RFC 3339; default now")),
    responses((status = 200, description = "Open or not, and the next change", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such queue the caller may see", body = ErrorBody),
        (status = 422, description = "A bad `at`", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn is_open(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> ApiResult<Json<Value>> {
    let id: QueueId = path_id(&id, "queue")?;
    let at = query_one(q.as_deref(), "at")
        .map(|v| {
            chrono::DateTime::parse_from_rfc3339(&v)
                .map(|at| at.to_utc())
                .map_err(|_| Error::invalid("at", "must be an RFC 3339 date-time"))
        })
        .transpose()?;
    Ok(ok(s
        .engine
        .call(move |e| {
            let at = at.unwrap_or_else(|| e.now());
            e.is_open(&me, id, at)
        })
        .await?))
}
