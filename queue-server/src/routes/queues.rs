//! Queues (seed 000): a company's queues with their routing settings.

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
use queue_core::{CompanyId, Error, NewQueue, QueueId, QueueUpdate};
use serde_json::Value;

/// The `company_id` query parameter, required by list routes.
pub fn company_param(q: Option<&str>) -> ApiResult<CompanyId> {
    let raw =
        query_one(q, "company_id").ok_or_else(|| Error::invalid("company_id", "is required"))?;
    Ok(raw
        .parse()
        .map_err(|_| Error::invalid("company_id", "must be a company id"))?)
}

/// A company's queues (members).
#[utoipa::path(get, path = "/api/queues", tag = "queues",
    params(("company_id" = String, Query)),
    responses((status = 200, description = "The queues", body = Vec<Object>),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "A company the caller does not belong to", body = ErrorBody),
        (status = 422, description = "A bad or missing company_id", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn list(
    State(s): State<AppState>,
    Caller(me): Caller,
    RawQuery(q): RawQuery,
) -> ApiResult<Json<Value>> {
    let company = company_param(q.as_deref())?;
    Ok(ok(s
        .engine
        .call(move |e| e.list_queues(&me, company))
        .await?))
}

/// Creates a queue (admin and up).
#[utoipa::path(post, path = "/api/queues", tag = "queues",
    request_body(content = Object, description = "`company_id`, `name`, and routing settings (`strategy`, `priority_delay`, `offer_timeout`, `wrap_up_seconds`, `max_waiting`, …)"),
    responses((status = 201, description = "The queue", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Role too low", body = ErrorBody),
        (status = 409, description = "Name taken", body = ErrorBody),
        (status = 422, description = "A bad field", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn create(
    State(s): State<AppState>,
    Caller(me): Caller,
    b: Bytes,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let new: NewQueue = body::json(&b)?;
    Ok(created(
        s.engine.call(move |e| e.create_queue(&me, new)).await?,
    ))
}

/// One queue (members).
#[utoipa::path(get, path = "/api/queues/{queue_id}", tag = "queues",
    params(("queue_id" = String, Path)),
    responses((status = 200, description = "The queue", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such queue the caller may see", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn get(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let id: QueueId = path_id(&id, "queue")?;
    Ok(ok(s.engine.call(move |e| e.get_queue(&me, id)).await?))
}

/// Edits a queue (admin and up); absent fields stay, `null` clears an optional one.
#[utoipa::path(put, path = "/api/queues/{queue_id}", tag = "queues",
    params(("queue_id" = String, Path)),
    request_body(content = Object, description = "Any of the queue's settings"),
    responses((status = 200, description = "The queue", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Role too low", body = ErrorBody),
        (status = 404, description = "No such queue", body = ErrorBody),
        (status = 409, description = "Name taken", body = ErrorBody),
        (status = 422, description = "A bad field", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn update(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(id): Path<String>,
    b: Bytes,
) -> ApiResult<Json<Value>> {
    let id: QueueId = path_id(&id, "queue")?;
    let update: QueueUpdate = body::json(&b)?;
    Ok(ok(s
        .engine
        .call(move |e| e.update_queue(&me, id, update))
        .await?))
}

/// Deletes a queue with nothing live in it (admin and up).
#[utoipa::path(delete, path = "/api/queues/{queue_id}", tag = "queues",
    params(("queue_id" = String, Path)),
    responses((status = 200, description = "Deleted", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Role too low", body = ErrorBody),
        (status = 404, description = "No such queue", body = ErrorBody),
        (status = 409, description = "Objects still in it", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn delete(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let id: QueueId = path_id(&id, "queue")?;
    s.engine.call(move |e| e.delete_queue(&me, id)).await?;
    Ok(deleted())
}

/// The queue's state now (members): how many wait, are offered and are assigned, its availability
/// (`queue_show`), whether it is open — what a wallboard or a chat widget polls.
#[utoipa::path(get, path = "/api/queues/{queue_id}/status", tag = "queues",
    params(("queue_id" = String, Path)),
    responses((status = 200, description = "The queue's status", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such queue the caller may see", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn status(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let id: QueueId = path_id(&id, "queue")?;
    Ok(ok(s.engine.call(move |e| e.queue_status(&me, id)).await?))
}
