//! Users (seed 000): accounts, with the companies they belong to.

use super::{created, ok, path_id};
use crate::auth::Caller;
use crate::body::{self, query_list};
use crate::error::ApiResult;
use crate::error::ErrorBody;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::Json;
use queue_core::{Error, NewUser, UserId, UserUpdate, UserWith};
use serde_json::Value;

/// A user; `with[]` appends `companies`, `companies.skills`, `companies.queues`.
#[utoipa::path(get, path = "/api/users/{user_id}", tag = "users",
    params(("user_id" = String, Path), ("with[]" = Option<Vec<String>>, Query, description = "`companies`, `companies.skills`, `companies.queues`")),
    responses((status = 200, description = "The user", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such user the caller may see", body = ErrorBody),
        (status = 422, description = "A bad parameter", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn get(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> ApiResult<Json<Value>> {
    let id: UserId = path_id(&id, "user")?;
    let with = query_list(q.as_deref(), "with")
        .into_iter()
        .map(|w| body::decoded::<UserWith>(queue_core::input::Value::Text(w)))
        .collect::<ApiResult<Vec<_>>>()
        .map_err(|_| {
            Error::invalid(
                "with",
                "each must be one of companies, companies.skills, companies.queues",
            )
        })?;
    Ok(ok(s
        .engine
        .call(move |e| e.get_user(&me, id, &with))
        .await?))
}

/// Registers a user (the admin token only: accounts are the host's to make).
#[utoipa::path(post, path = "/api/users", tag = "users",
    request_body(content = Object, description = "`username`, `firstname`, `lastname`, `email`, …"),
    responses((status = 201, description = "The user", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not the admin token", body = ErrorBody),
        (status = 409, description = "Username taken", body = ErrorBody),
        (status = 422, description = "A bad field", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn create(
    State(s): State<AppState>,
    Caller(me): Caller,
    b: Bytes,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let new: NewUser = body::json(&b)?;
    Ok(created(
        s.engine.call(move |e| e.create_user(&me, new)).await?,
    ))
}

/// Edits a user (themselves, or the admin token).
#[utoipa::path(put, path = "/api/users/{user_id}", tag = "users",
    params(("user_id" = String, Path)),
    request_body(content = Object, description = "Any of `firstname`, `lastname`, `email`, `telephone`, …"),
    responses((status = 200, description = "The user", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Another user", body = ErrorBody),
        (status = 404, description = "No such user", body = ErrorBody),
        (status = 422, description = "A bad field", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn update(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(id): Path<String>,
    b: Bytes,
) -> ApiResult<Json<Value>> {
    let id: UserId = path_id(&id, "user")?;
    let update: UserUpdate = body::json(&b)?;
    Ok(ok(s
        .engine
        .call(move |e| e.update_user(&me, id, update))
        .await?))
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct NewToken {
    name: String,
}

/// Issues a personal access token (the user themselves, or the admin token): the answer
/// holds the `secret` to pass as `Authorization: Bearer …`, shown this once.
#[utoipa::path(post, path = "/api/users/{user_id}/tokens", tag = "users",
    params(("user_id" = String, Path)),
    request_body(content = Object, description = "`name`"),
    responses((status = 201, description = "The token and its secret", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Another user", body = ErrorBody),
        (status = 404, description = "No such user", body = ErrorBody),
        (status = 422, description = "A bad field", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn issue_token(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(id): Path<String>,
    b: Bytes,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let id: UserId = path_id(&id, "user")?;
    let t: NewToken = body::json(&b)?;
    Ok(created(
        s.engine
            .call(move |e| e.issue_token(&me, id, &t.name))
            .await?,
    ))
}
