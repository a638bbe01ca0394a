//! Skills (seed 000): what a company's agents know and its queues and objects require.

use super::queues::company_param;
use super::{created, deleted, ok, path_id};
use crate::auth::Caller;
use crate::body;
use crate::error::ApiResult;
use crate::error::ErrorBody;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::Json;
use queue_core::{CompanyId, SkillId};
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewSkill {
    company_id: CompanyId,
    name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Rename {
    name: String,
}

/// A company's skills (members).
#[utoipa::path(get, path = "/api/skills", tag = "skills",
    params(("company_id" = String, Query)),
    responses((status = 200, description = "The skills", body = Vec<Object>),
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
        .call(move |e| e.list_skills(&me, company))
        .await?))
}

/// Defines a skill (admin and up).
#[utoipa::path(post, path = "/api/skills", tag = "skills",
    request_body(content = Object, description = "`company_id`, `name`"),
    responses((status = 201, description = "The skill", body = Object),
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
    let new: NewSkill = body::json(&b)?;
    Ok(created(
        s.engine
            .call(move |e| e.create_skill(&me, new.company_id, &new.name))
            .await?,
    ))
}

/// One skill (members).
#[utoipa::path(get, path = "/api/skills/{skill_id}", tag = "skills",
    params(("skill_id" = String, Path)),
    responses((status = 200, description = "The skill", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such skill the caller may see", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn get(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let id: SkillId = path_id(&id, "skill")?;
    Ok(ok(s.engine.call(move |e| e.get_skill(&me, id)).await?))
}

/// Renames a skill (admin and up).
#[utoipa::path(put, path = "/api/skills/{skill_id}", tag = "skills",
    params(("skill_id" = String, Path)),
    request_body(content = Object, description = "`name`"),
    responses((status = 200, description = "The skill", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Role too low", body = ErrorBody),
        (status = 404, description = "No such skill", body = ErrorBody),
        (status = 409, description = "Name taken", body = ErrorBody),
        (status = 422, description = "A bad field", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn update(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(id): Path<String>,
    b: Bytes,
) -> ApiResult<Json<Value>> {
    let id: SkillId = path_id(&id, "skill")?;
    let r: Rename = body::json(&b)?;
    Ok(ok(s
        .engine
        .call(move |e| e.rename_skill(&me, id, &r.name))
        .await?))
}

/// Deletes a skill no live object requires (admin and up).
#[utoipa::path(delete, path = "/api/skills/{skill_id}", tag = "skills",
    params(("skill_id" = String, Path)),
    responses((status = 200, description = "Deleted", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Role too low", body = ErrorBody),
        (status = 404, description = "No such skill", body = ErrorBody),
        (status = 409, description = "A live object requires it", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn delete(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let id: SkillId = path_id(&id, "skill")?;
    s.engine.call(move |e| e.delete_skill(&me, id)).await?;
    Ok(deleted())
}
