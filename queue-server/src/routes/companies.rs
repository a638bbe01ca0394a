//! Companies (seed 000): list the public ones and the caller's, create, read, edit, delete.

use super::{created, deleted, ok, path_id};
use crate::auth::Caller;
use crate::body::{self, query_list};
use crate::error::ApiResult;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::Json;
use queue_core::{CompanyId, CompanyUpdate, CompanyWith, NewCompany};
use serde_json::Value;

fn with(raw: Option<&str>) -> ApiResult<Vec<CompanyWith>> {
    query_list(raw, "with")
        .into_iter()
        .map(|w| body::decoded(queue_core::input::Value::Text(w)))
        .collect::<ApiResult<Vec<CompanyWith>>>()
        .map_err(|_| queue_core::Error::invalid("with", "each must be one of users, queues").into())
}

/// Every public company and every company the caller belongs to.
#[utoipa::path(get, path = "/api/companies", tag = "companies",
    params(("with[]" = Option<Vec<String>>, Query, description = "`users`, `queues`: what to append")),
    responses((status = 200, description = "The companies", body = Vec<Object>),
        (status = 401, description = "No valid token", body = crate::error::ErrorBody),
        (status = 422, description = "A bad parameter", body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn list(
    State(s): State<AppState>,
    Caller(me): Caller,
    RawQuery(q): RawQuery,
) -> ApiResult<Json<Value>> {
    let with = with(q.as_deref())?;
    Ok(ok(s
        .engine
        .call(move |e| e.list_companies(&me, &with))
        .await?))
}

/// Creates a company; the caller becomes its owner.
#[utoipa::path(post, path = "/api/companies", tag = "companies",
    request_body(content = Object, description = "`name` (required), `logo_url`, `is_public`, `time_zone`, …"),
    responses((status = 201, description = "The company", body = Object),
        (status = 401, description = "No valid token", body = crate::error::ErrorBody),
        (status = 422, description = "A bad field", body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn create(
    State(s): State<AppState>,
    Caller(me): Caller,
    b: Bytes,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let new: NewCompany = body::json(&b)?;
    Ok(created(
        s.engine.call(move |e| e.create_company(&me, new)).await?,
    ))
}

/// One company (members, or any user for a public one).
#[utoipa::path(get, path = "/api/companies/{company_id}", tag = "companies",
    params(("company_id" = String, Path), ("with[]" = Option<Vec<String>>, Query, description = "`users`, `queues`")),
    responses((status = 200, description = "The company", body = Object),
        (status = 401, description = "No valid token", body = crate::error::ErrorBody),
        (status = 404, description = "No such company the caller may see", body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn get(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> ApiResult<Json<Value>> {
    let id: CompanyId = path_id(&id, "company")?;
    let with = with(q.as_deref())?;
    Ok(ok(s
        .engine
        .call(move |e| e.get_company(&me, id, &with))
        .await?))
}

/// Edits a company (admin and up); absent fields stay as they are.
#[utoipa::path(put, path = "/api/companies/{company_id}", tag = "companies",
    params(("company_id" = String, Path)),
    request_body(content = Object, description = "Any of `name`, `logo_url`, `is_public`, `time_zone`, …"),
    responses((status = 200, description = "The company", body = Object),
        (status = 401, description = "No valid token", body = crate::error::ErrorBody),
        (status = 403, description = "Role too low", body = crate::error::ErrorBody),
        (status = 404, description = "No such company", body = crate::error::ErrorBody),
        (status = 422, description = "A bad field", body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn update(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(id): Path<String>,
    b: Bytes,
) -> ApiResult<Json<Value>> {
    let id: CompanyId = path_id(&id, "company")?;
    let update: CompanyUpdate = body::json(&b)?;
    Ok(ok(s
        .engine
        .call(move |e| e.update_company(&me, id, update))
        .await?))
}

/// Deletes a company and everything in it (owner only).
#[utoipa::path(delete, path = "/api/companies/{company_id}", tag = "companies",
    params(("company_id" = String, Path)),
    responses((status = 200, description = "Deleted", body = Object),
        (status = 401, description = "No valid token", body = crate::error::ErrorBody),
        (status = 403, description = "Not the owner", body = crate::error::ErrorBody),
        (status = 404, description = "No such company", body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn delete(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let id: CompanyId = path_id(&id, "company")?;
    s.engine.call(move |e| e.delete_company(&me, id)).await?;
    Ok(deleted())
}
