//! Queueable objects and their queues (seed 000): an object (a chat, a call, …) exists
//! apart from the queues it waits in; each time it is put in a queue is one stay
//! (`/api/queued-objects/{stay_id}`). `POST /api/queued-objects` creates and enqueues in one
//! step; these routes create one, read it, change its priority, list its stays, and put an
//! existing object in a(nother) queue.

use super::{created, ok, path_id};
use crate::auth::Caller;
use crate::body;
use crate::error::ApiResult;
use crate::error::ErrorBody;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use queue_core::{CompanyUserId, NewObject, ObjectId, Preferred, QueueId};
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Priority {
    priority: i32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Target {
    queue_id: QueueId,
    #[serde(default)]
    password: Option<String>,
    #[serde(default)]
    preferred_agent_id: Option<CompanyUserId>,
    #[serde(default)]
    preferred_for_seconds: Option<u32>,
}

/// Creates an object without queueing it yet (any member).
#[utoipa::path(post, path = "/api/queueable-objects", tag = "queueable objects",
    request_body(content = Object, description = "`company_id`, `name`, `channel` (default `chat`), `priority`, `required_skills`"),
    responses((status = 201, description = "The object", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "A company the caller does not belong to", body = ErrorBody),
        (status = 422, description = "A bad field", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn create(
    State(s): State<AppState>,
    Caller(me): Caller,
    b: Bytes,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let new: NewObject = body::json(&b)?;
    Ok(created(
        s.engine.call(move |e| e.create_object(&me, new)).await?,
    ))
}

/// One object (members).
#[utoipa::path(get, path = "/api/queueable-objects/{object_id}", tag = "queueable objects",
    params(("object_id" = String, Path)),
    responses((status = 200, description = "The object", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such object the caller may see", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn get(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let id: ObjectId = path_id(&id, "queueable_object")?;
    Ok(ok(s.engine.call(move |e| e.get_object(&me, id)).await?))
}

/// Changes an object's priority; its waiting stays re-sort at once (supervisor and up).
#[utoipa::path(put, path = "/api/queueable-objects/{object_id}/priority", tag = "queueable objects",
    params(("object_id" = String, Path)),
    request_body(content = Object, description = "`priority`: −1 000 000 – 1 000 000"),
    responses((status = 200, description = "The object", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Role too low", body = ErrorBody),
        (status = 404, description = "No such object the caller may see", body = ErrorBody),
        (status = 422, description = "A bad priority", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn set_priority(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(id): Path<String>,
    b: Bytes,
) -> ApiResult<Json<Value>> {
    let id: ObjectId = path_id(&id, "queueable_object")?;
    let p: Priority = body::json(&b)?;
    Ok(ok(s
        .engine
        .call(move |e| e.set_object_priority(&me, id, p.priority))
        .await?))
}

/// The object's queues: every stay of it, in any state, oldest first (members).
#[utoipa::path(get, path = "/api/queueable-objects/{object_id}/queues", tag = "queueable objects",
    params(("object_id" = String, Path)),
    responses((status = 200, description = "Its stays", body = Vec<Object>),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such object the caller may see", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn queues(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let id: ObjectId = path_id(&id, "queueable_object")?;
    Ok(ok(s
        .engine
        .call(move |e| e.list_object_stays(&me, id))
        .await?))
}

/// Puts an existing object in a queue of its company (any member): it may wait in several
/// at once, the first assignment ends the others. Offered or assigned in the same request
/// when an agent is eligible.
#[utoipa::path(post, path = "/api/queueable-objects/{object_id}/queues", tag = "queueable objects",
    params(("object_id" = String, Path)),
    request_body(content = Object, description = "`queue_id`, and `password`, `preferred_agent_id`, `preferred_for_seconds`"),
    responses((status = 201, description = "The stay", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such object or queue the caller may see", body = ErrorBody),
        (status = 409, description = "The queue is inactive, closed or full; the object already waits there, or is being handled", body = ErrorBody),
        (status = 422, description = "A bad field or password, a queue of another company", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn enqueue(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(id): Path<String>,
    b: Bytes,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let id: ObjectId = path_id(&id, "queueable_object")?;
    let to: Target = body::json(&b)?;
    let stay = s
        .engine
        .call(move |e| {
            let preferred = to
                .preferred_agent_id
                .map(|a| Preferred::new(a, to.preferred_for_seconds));
            e.enqueue_preferring(&me, id, to.queue_id, to.password.as_deref(), preferred)
        })
        .await?;
    Ok(created(stay))
}
