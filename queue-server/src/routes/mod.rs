//! The HTTP routes, one file per resource group of seed 000 (`/api`), as the core's
//! commands are grouped; each handler converts, calls one engine command on the engine
//! thread, and answers.

pub mod blacklist_hours;
pub mod camel;
pub mod companies;
pub mod company_user_skills;
pub mod company_users;
pub mod events;
pub mod hours;
pub mod libraryh3lp;
pub mod notes;
pub mod presence_statuses;
pub mod queue_skills;
pub mod queueable_objects;
pub mod queued_objects;
pub mod queues;
pub mod ratings;
pub mod skills;
pub mod teams;
pub mod users;
pub mod users_v2;

use axum::http::StatusCode;
use axum::Json;
use serde::Serialize;
use serde_json::Value;

/// 200 with `v` as JSON.
pub fn ok<T: Serialize>(v: T) -> Json<Value> {
    Json(serde_json::to_value(v).unwrap_or(Value::Null))
}

/// 201 with `v` as JSON.
pub fn created<T: Serialize>(v: T) -> (StatusCode, Json<Value>) {
    (StatusCode::CREATED, ok(v))
}

/// 200 with `{}`: what a deletion answers.
pub fn deleted() -> Json<Value> {
    Json(Value::Object(Default::default()))
}

/// The memberships of user `u` that `me` may see, as (company, company user): how the
/// seeds that address a person rather than a membership find the agent meant.
pub fn memberships(
    e: &mut queue_core::Engine,
    me: &queue_core::Actor,
    u: queue_core::UserId,
) -> queue_core::Result<Vec<(queue_core::CompanyId, queue_core::CompanyUserId)>> {
    let user = e.get_user(me, u, &[queue_core::UserWith::Companies])?;
    Ok(user
        .companies
        .unwrap_or_default()
        .into_iter()
        .map(|c| (c.company.id, c.company_user_id))
        .collect())
}

/// A path id: text that is not a UUID is 404 (no such resource), as the seeds' routes do.
pub fn path_id<T: std::str::FromStr>(raw: &str, what: &'static str) -> Result<T, crate::ApiError> {
    raw.parse()
        .map_err(|_| crate::ApiError(queue_core::Error::not_found(what, raw)))
}
