//! Errors as HTTP answers: the core's status code (SPEC §4: 401, 403, 404, 422, 409, 500)
//! and a JSON body with the code, message, and — where there is one — the field or the
//! conflict's reason, so a client can act on it without parsing text.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use queue_core::Error;
use serde::Serialize;
use utoipa::ToSchema;

/// What every error answers: the core's error code, a message, and the field (invalid
/// input) or the conflict's stable reason, when there is one.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    /// Human-readable.
    pub message: String,
    /// `ERR_UNAUTHENTICATED`, `ERR_FORBIDDEN`, `ERR_NOT_FOUND`, `ERR_INVALID_INPUT`,
    /// `ERR_CONFLICT`, `ERR_STORAGE`, `ERR_INTERNAL`.
    pub code: String,
    /// The offending field, for invalid input.
    pub field: Option<String>,
    /// The conflict's reason (`queue_full`, `not_offered`, …).
    pub reason: Option<String>,
}

impl ErrorBody {
    /// The body answering `e`.
    pub fn of(e: &Error) -> ErrorBody {
        ErrorBody {
            message: e.to_string(),
            code: e.code().to_string(),
            field: e.field().map(|f| f.to_string()),
            reason: e.reason().map(|r| r.to_string()),
        }
    }
}

/// An error answered over HTTP.
#[derive(Debug)]
pub struct ApiError(pub Error);

impl From<Error> for ApiError {
    fn from(e: Error) -> ApiError {
        ApiError(e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let e = self.0;
        let status = status_of(&e);
        let body = ErrorBody::of(&e);
        (status, Json(body)).into_response()
    }
}

/// The status answering `e` (the core's, SPEC §4); a server error is logged here, whatever
/// shape of body the route answers it with.
pub fn status_of(e: &Error) -> StatusCode {
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    if status.is_server_error() {
        tracing::error!(error = %e, "command failed");
    }
    status
}

/// What handlers return.
pub type ApiResult<T> = std::result::Result<T, ApiError>;
