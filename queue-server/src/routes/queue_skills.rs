//! Queue skills (seed 000): a queue's minimum level (1–10) in skills of its company; only
//! agents at or above every minimum are routed its objects.

use super::{deleted, ok, path_id};
use crate::auth::Caller;
use crate::body;
use crate::error::ApiResult;
use crate::error::ErrorBody;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::Json;
use queue_core::{QueueId, SkillId};
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MinLevel {
    min_level: u8,
}

/// A queue's skill minimums (members).
#[utoipa::path(get, path = "/api/queues/{queue_id}/skills", tag = "queue skills",
    params(("queue_id" = String, Path)),
    responses((status = 200, description = "The queue's skills with their minimum levels", body = Vec<Object>),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such queue the caller may see", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn list(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let id: QueueId = path_id(&id, "queue")?;
    Ok(ok(s
        .engine
        .call(move |e| e.list_queue_skills(&me, id))
        .await?))
}

/// Sets a queue's minimum level in a skill of its company, adding or replacing it (admin
/// and up).
#[utoipa::path(put, path = "/api/queues/{queue_id}/skills/{skill_id}", tag = "queue skills",
    params(("queue_id" = String, Path), ("skill_id" = String, Path)),
    request_body(content = Object, description = "`min_level`: 1–10"),
    responses((status = 200, description = "The queue's skill", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Role too low", body = ErrorBody),
        (status = 404, description = "No such queue, or a skill id that is not an id", body = ErrorBody),
        (status = 422, description = "A bad min_level, or a skill not of the company (`skill_id`)", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn set(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path((id, skill)): Path<(String, String)>,
    b: Bytes,
) -> ApiResult<Json<Value>> {
    let id: QueueId = path_id(&id, "queue")?;
    let skill: SkillId = path_id(&skill, "skill")?;
    let m: MinLevel = body::json(&b)?;
    Ok(ok(s
        .engine
        .call(move |e| e.set_queue_skill(&me, id, skill, m.min_level))
        .await?))
}

/// Removes a queue's skill minimum; removing one it lacks is not an error (admin and up).
#[utoipa::path(delete, path = "/api/queues/{queue_id}/skills/{skill_id}", tag = "queue skills",
    params(("queue_id" = String, Path), ("skill_id" = String, Path)),
    responses((status = 200, description = "Deleted", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Role too low", body = ErrorBody),
        (status = 404, description = "No such queue, or a skill id that is not an id", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn remove(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path((id, skill)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let id: QueueId = path_id(&id, "queue")?;
    let skill: SkillId = path_id(&skill, "skill")?;
    s.engine
        .call(move |e| e.remove_queue_skill(&me, id, skill))
        .await?;
    Ok(deleted())
}
