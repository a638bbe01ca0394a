//! Company users (seed 000) — memberships with their role and capacity — and their states
//! (presence: what they show, set by the agent or a supervisor).

use super::{created, deleted, ok, path_id};
use crate::auth::Caller;
use crate::body::{self, query_list};
use crate::error::ApiResult;
use crate::error::ErrorBody;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::Json;
use queue_core::{
    CompanyId, CompanyUserId, CompanyUserUpdate, Error, NewCompanyUser, PresenceUpdate,
};
use serde_json::Value;

/// The members of the companies named (the caller must belong to each).
#[utoipa::path(get, path = "/api/company-users", tag = "company users",
    params(("company_ids[]" = Vec<String>, Query, description = "Companies to list the users of")),
    responses((status = 200, description = "The members", body = Vec<Object>),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "A company the caller does not belong to", body = ErrorBody),
        (status = 422, description = "A bad id", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn list(
    State(s): State<AppState>,
    Caller(me): Caller,
    RawQuery(q): RawQuery,
) -> ApiResult<Json<Value>> {
    let ids = query_list(q.as_deref(), "company_ids")
        .iter()
        .map(|id| id.parse::<CompanyId>())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| Error::invalid("company_ids", "each must be a company id"))?;
    Ok(ok(s
        .engine
        .call(move |e| e.list_company_users(&me, &ids))
        .await?))
}

/// Adds a member (an existing user, or an invitation by e-mail; admin and up).
#[utoipa::path(post, path = "/api/company-users", tag = "company users",
    request_body(content = Object, description = "`company_id`, `user_id` or `invited_email`, `role`, capacity and pick settings"),
    responses((status = 201, description = "The member", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Role too low", body = ErrorBody),
        (status = 409, description = "Already a member", body = ErrorBody),
        (status = 422, description = "A bad field", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn create(
    State(s): State<AppState>,
    Caller(me): Caller,
    b: Bytes,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let new: NewCompanyUser = body::json(&b)?;
    Ok(created(
        s.engine
            .call(move |e| e.create_company_user(&me, new))
            .await?,
    ))
}

/// One member (members of the same company).
#[utoipa::path(get, path = "/api/company-users/{company_user_id}", tag = "company users",
    params(("company_user_id" = String, Path)),
    responses((status = 200, description = "The member", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such member the caller may see", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn get(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let id: CompanyUserId = path_id(&id, "company user")?;
    Ok(ok(s
        .engine
        .call(move |e| e.get_company_user(&me, id))
        .await?))
}

/// Edits a member (admin and up; an agent may change little of their own).
#[utoipa::path(put, path = "/api/company-users/{company_user_id}", tag = "company users",
    params(("company_user_id" = String, Path)),
    request_body(content = Object, description = "Any of `role`, `is_active`, capacity and pick settings"),
    responses((status = 200, description = "The member", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Role too low", body = ErrorBody),
        (status = 404, description = "No such member", body = ErrorBody),
        (status = 422, description = "A bad field", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn update(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(id): Path<String>,
    b: Bytes,
) -> ApiResult<Json<Value>> {
    let id: CompanyUserId = path_id(&id, "company user")?;
    let update: CompanyUserUpdate = body::json(&b)?;
    Ok(ok(s
        .engine
        .call(move |e| e.update_company_user(&me, id, update))
        .await?))
}

/// Removes a member (admin and up).
#[utoipa::path(delete, path = "/api/company-users/{company_user_id}", tag = "company users",
    params(("company_user_id" = String, Path)),
    responses((status = 200, description = "Deleted", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Role too low", body = ErrorBody),
        (status = 404, description = "No such member", body = ErrorBody),
        (status = 409, description = "The member still handles work or is the last owner", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn delete(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let id: CompanyUserId = path_id(&id, "company user")?;
    s.engine
        .call(move |e| e.delete_company_user(&me, id))
        .await?;
    Ok(deleted())
}

/// A member's state (presence).
#[utoipa::path(get, path = "/api/company-user-states/{company_user_id}", tag = "company user states",
    params(("company_user_id" = String, Path)),
    responses((status = 200, description = "The presence", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such member the caller may see", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn get_state(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let id: CompanyUserId = path_id(&id, "company user")?;
    Ok(ok(s.engine.call(move |e| e.get_presence(&me, id)).await?))
}

/// Sets a member's state: `show`, a company `status_id`, `connection`, `active_channels`
/// (the agent, or a supervisor and up). Becoming ready routes waiting work at once.
#[utoipa::path(put, path = "/api/company-user-states/{company_user_id}", tag = "company user states",
    params(("company_user_id" = String, Path)),
    request_body(content = Object, description = "Any of `show`, `status_id`, `connection`, `active_channels`"),
    responses((status = 200, description = "The presence", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Another agent's state", body = ErrorBody),
        (status = 404, description = "No such member", body = ErrorBody),
        (status = 409, description = "Locked by a supervisor", body = ErrorBody),
        (status = 422, description = "A bad field", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn set_state(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(id): Path<String>,
    b: Bytes,
) -> ApiResult<Json<Value>> {
    let id: CompanyUserId = path_id(&id, "company user")?;
    let update: PresenceUpdate = body::json(&b)?;
    Ok(ok(s
        .engine
        .call(move |e| e.set_presence(&me, id, update))
        .await?))
}
