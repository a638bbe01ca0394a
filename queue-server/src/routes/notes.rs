//! Queued object notes (seed 000): what agents (or the host) write on one stay of an
//! object, oldest first.

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
use queue_core::StayId;
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewNote {
    text: String,
}

/// A queued object's notes, oldest first (members).
#[utoipa::path(get, path = "/api/queued-objects/{stay_id}/notes", tag = "queued object notes",
    params(("stay_id" = String, Path)),
    responses((status = 200, description = "The notes", body = Vec<Object>),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such stay the caller may see", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn list(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let id: StayId = path_id(&id, "stay")?;
    Ok(ok(s.engine.call(move |e| e.list_notes(&me, id)).await?))
}

/// Adds a note to a queued object, live or ended (any member).
#[utoipa::path(post, path = "/api/queued-objects/{stay_id}/notes", tag = "queued object notes",
    params(("stay_id" = String, Path)),
    request_body(content = Object, description = "`text`: 1–10 000 characters"),
    responses((status = 201, description = "The note", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such stay the caller may see", body = ErrorBody),
        (status = 422, description = "A bad text", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn add(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(id): Path<String>,
    b: Bytes,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let id: StayId = path_id(&id, "stay")?;
    let n: NewNote = body::json(&b)?;
    Ok(created(
        s.engine.call(move |e| e.add_note(&me, id, &n.text)).await?,
    ))
}
