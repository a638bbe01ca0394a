//! Ratings (seed 000): the one rating (score 1–5 and a comment) of a handled queueable
//! object.

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
use queue_core::ObjectId;
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewRating {
    score: u8,
    #[serde(default)]
    comment: String,
}

/// An object's rating; `null` while it has none (members).
#[utoipa::path(get, path = "/api/queueable-objects/{object_id}/rating", tag = "ratings",
    params(("object_id" = String, Path)),
    responses((status = 200, description = "The rating, or null", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such object the caller may see", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn get(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let id: ObjectId = path_id(&id, "queueable_object")?;
    Ok(ok(s.engine.call(move |e| e.get_rating(&me, id)).await?))
}

/// Records the rating of an object that was handled (assigned); once only (any member).
#[utoipa::path(put, path = "/api/queueable-objects/{object_id}/rating", tag = "ratings",
    params(("object_id" = String, Path)),
    request_body(content = Object, description = "`score`: 1–5, `comment`: up to 2 000 characters"),
    responses((status = 201, description = "The rating", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such object the caller may see", body = ErrorBody),
        (status = 409, description = "Already rated, or never handled", body = ErrorBody),
        (status = 422, description = "A bad field", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn rate(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(id): Path<String>,
    b: Bytes,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let id: ObjectId = path_id(&id, "queueable_object")?;
    let r: NewRating = body::json(&b)?;
    Ok(created(
        s.engine
            .call(move |e| e.rate(&me, id, r.score, &r.comment))
            .await?,
    ))
}
