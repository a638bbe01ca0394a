//! Who is calling: `Authorization: Bearer <personal access token>` (seed 000, and the
//! LibraryH3lp routes), or the `apiKey` header (seeds 003 and 004, `/beta` and `/api/v2`),
//! which carries the same personal access token; either is resolved by the engine to its
//! user. The server-side admin token (`--admin-token-file`) is the system actor — there is
//! no other way to act as the system, and none by default.

use crate::error::ApiError;
use crate::AppState;
use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use queue_core::{Actor, Error};

/// The authenticated actor of a request.
pub struct Caller(pub Actor);

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Caller, ApiError> {
        let token = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|h| h.strip_prefix("Bearer "));
        Ok(Caller(actor_of(token, state).await?))
    }
}

/// The authenticated actor of a `/beta` or `/api/v2` request (the `apiKey` header).
pub struct ApiKeyCaller(pub Actor);

impl FromRequestParts<AppState> for ApiKeyCaller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<ApiKeyCaller, ApiError> {
        let token = parts.headers.get("apikey").and_then(|v| v.to_str().ok());
        Ok(ApiKeyCaller(actor_of(token, state).await?))
    }
}

async fn actor_of(token: Option<&str>, state: &AppState) -> Result<Actor, ApiError> {
    let token = token
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or(Error::Unauthenticated)?;
    if let Some(admin) = &state.admin_token {
        if same(admin.as_bytes(), token.as_bytes()) {
            return Ok(Actor::System);
        }
    }
    let token = token.to_owned();
    Ok(state.engine.call(move |e| e.authenticate(&token)).await?)
}

/// Compares in time independent of where the two differ (the admin token is a secret).
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
