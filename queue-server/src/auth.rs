//! Who is calling: `Authorization: Bearer <personal access token>` (seed 000), resolved by
//! the engine to its user; the server-side admin token (`--admin-token-file`) is the system
//! actor — there is no other way to act as the system, and none by default.

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
            .and_then(|h| h.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or(Error::Unauthenticated)?;
        if let Some(admin) = &state.admin_token {
            if same(admin.as_bytes(), token.as_bytes()) {
                return Ok(Caller(Actor::System));
            }
        }
        let token = token.to_owned();
        let actor = state.engine.call(move |e| e.authenticate(&token)).await?;
        Ok(Caller(actor))
    }
}

/// Compares in time independent of where the two differ (the admin token is a secret).
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
