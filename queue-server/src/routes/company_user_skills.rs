//! Company user skills (seed 000): an agent's level (1–10) in each of the company's skills,
//! one row per skill under the agent.

use super::{deleted, ok, path_id};
use crate::auth::Caller;
use crate::body;
use crate::error::ApiResult;
use crate::error::ErrorBody;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::Json;
use queue_core::{CompanyUserId, SkillId};
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Level {
    level: u8,
}

/// An agent's skill levels (members of the same company).
#[utoipa::path(get, path = "/api/company-users/{company_user_id}/skills", tag = "company user skills",
    params(("company_user_id" = String, Path)),
    responses((status = 200, description = "The agent's skills with their levels", body = Vec<Object>),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such member the caller may see", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn list(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let id: CompanyUserId = path_id(&id, "company user")?;
    Ok(ok(s
        .engine
        .call(move |e| e.list_agent_skills(&me, id))
        .await?))
}

/// Sets an agent's level in a skill of the company, adding or replacing it (admin and up).
#[utoipa::path(put, path = "/api/company-users/{company_user_id}/skills/{skill_id}", tag = "company user skills",
    params(("company_user_id" = String, Path), ("skill_id" = String, Path)),
    request_body(content = Object, description = "`level`: 1–10"),
    responses((status = 200, description = "The agent's skill", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Role too low", body = ErrorBody),
        (status = 404, description = "No such member, or a skill id that is not an id", body = ErrorBody),
        (status = 422, description = "A bad level, or a skill not of the company (`skill_id`)", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn set(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path((id, skill)): Path<(String, String)>,
    b: Bytes,
) -> ApiResult<Json<Value>> {
    let id: CompanyUserId = path_id(&id, "company user")?;
    let skill: SkillId = path_id(&skill, "skill")?;
    let l: Level = body::json(&b)?;
    Ok(ok(s
        .engine
        .call(move |e| e.set_agent_skill(&me, id, skill, l.level))
        .await?))
}

/// Removes an agent's skill; removing one they lack is not an error (admin and up).
#[utoipa::path(delete, path = "/api/company-users/{company_user_id}/skills/{skill_id}", tag = "company user skills",
    params(("company_user_id" = String, Path), ("skill_id" = String, Path)),
    responses((status = 200, description = "Deleted", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Role too low", body = ErrorBody),
        (status = 404, description = "No such member, or a skill id that is not an id", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn remove(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path((id, skill)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let id: CompanyUserId = path_id(&id, "company user")?;
    let skill: SkillId = path_id(&skill, "skill")?;
    s.engine
        .call(move |e| e.remove_agent_skill(&me, id, skill))
        .await?;
    Ok(deleted())
}
