//! Presence statuses (seed 004's `statusID`, routes in seed 000's style): a company's own
//! statuses ("Lunch" → away, "Training" → dnd) that agents are put in.

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
use queue_core::{CompanyId, PresenceStatusId, Show};
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewStatus {
    company_id: CompanyId,
    name: String,
    show: Show,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Rename {
    name: String,
}

/// A company's presence statuses (members).
#[utoipa::path(get, path = "/api/presence-statuses", tag = "presence statuses",
    params(("company_id" = String, Query)),
    responses((status = 200, description = "The statuses", body = Vec<Object>),
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
        .call(move |e| e.list_presence_statuses(&me, company))
        .await?))
}

/// Defines a status and the show it stands for (admin and up).
#[utoipa::path(post, path = "/api/presence-statuses", tag = "presence statuses",
    request_body(content = Object, description = "`company_id`, `name`, `show` (`available`, `away`, `dnd`, …)"),
    responses((status = 201, description = "The status", body = Object),
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
    let new: NewStatus = body::json(&b)?;
    Ok(created(
        s.engine
            .call(move |e| e.create_presence_status(&me, new.company_id, &new.name, new.show))
            .await?,
    ))
}

/// One status (members).
#[utoipa::path(get, path = "/api/presence-statuses/{status_id}", tag = "presence statuses",
    params(("status_id" = String, Path)),
    responses((status = 200, description = "The status", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such status the caller may see", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn get(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let id: PresenceStatusId = path_id(&id, "presence status")?;
    Ok(ok(s
        .engine
        .call(move |e| e.get_presence_status(&me, id))
        .await?))
}

/// Renames a status (admin and up); its show stays.
#[utoipa::path(put, path = "/api/presence-statuses/{status_id}", tag = "presence statuses",
    params(("status_id" = String, Path)),
    request_body(content = Object, description = "`name`"),
    responses((status = 200, description = "The status", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Role too low", body = ErrorBody),
        (status = 404, description = "No such status", body = ErrorBody),
        (status = 409, description = "Name taken", body = ErrorBody),
        (status = 422, description = "A bad field", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn update(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(id): Path<String>,
    b: Bytes,
) -> ApiResult<Json<Value>> {
    let id: PresenceStatusId = path_id(&id, "presence status")?;
    let r: Rename = body::json(&b)?;
    Ok(ok(s
        .engine
        .call(move |e| e.rename_presence_status(&me, id, &r.name))
        .await?))
}

/// Deletes a status (admin and up); refused while an agent is in it.
#[utoipa::path(delete, path = "/api/presence-statuses/{status_id}", tag = "presence statuses",
    params(("status_id" = String, Path)),
    responses((status = 200, description = "Deleted", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Role too low", body = ErrorBody),
        (status = 404, description = "No such status", body = ErrorBody),
        (status = 409, description = "An agent is in it (status_in_use)", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn delete(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let id: PresenceStatusId = path_id(&id, "presence status")?;
    s.engine
        .call(move |e| e.delete_presence_status(&me, id))
        .await?;
    Ok(deleted())
}
