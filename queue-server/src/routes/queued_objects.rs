//! Routing, which the seeds imply but do not spell out, in the guide's style: a queued
//! object is one stay of an object in a queue (`/api/queued-objects/{stay_id}`). Enqueue,
//! answer an offer, pick, complete, transfer, abandon, position and estimated wait; why an
//! object waits (`explain`, by object); and the statistics of a company.

use super::{created, ok, path_id};
use crate::auth::Caller;
use crate::body::{self, query_one};
use crate::error::ApiResult;
use crate::error::ErrorBody;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::Json;
use queue_core::{
    CompanyId, CompanyUserId, Engine, Error, NewObject, ObjectId, Preferred, QueueId, Result,
    StatsQuery, Stay, StayId,
};
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Routing {
    queue_id: QueueId,
    #[serde(default)]
    password: Option<String>,
    #[serde(default)]
    preferred_agent_id: Option<CompanyUserId>,
    #[serde(default)]
    preferred_for_seconds: Option<u32>,
}

const ROUTING_FIELDS: [&str; 4] = [
    "queue_id",
    "password",
    "preferred_agent_id",
    "preferred_for_seconds",
];

/// Enqueues a new object: the routing fields (`queue_id`, `password`, `preferred_agent_id`,
/// `preferred_for_seconds`) beside the object's own (`company_id`, `name`, `channel`,
/// `priority`, `required_skills`, …). It is offered or assigned in the same request when an
/// agent is eligible.
#[utoipa::path(post, path = "/api/queued-objects", tag = "queued objects",
    request_body(content = Object, description = "`queue_id` and the new object's fields"),
    responses((status = 201, description = "The stay", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Role too low", body = ErrorBody),
        (status = 404, description = "No such queue the caller may see", body = ErrorBody),
        (status = 409, description = "The queue is inactive, closed or full", body = ErrorBody),
        (status = 422, description = "A bad field or password", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn enqueue(
    State(s): State<AppState>,
    Caller(me): Caller,
    b: Bytes,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let mut rest = b;
    let mut routing = serde_json::Map::new();
    for f in ROUTING_FIELDS {
        let (v, r) = body::split_field(&rest, f)?;
        if let Some(v) = v {
            routing.insert(f.to_owned(), v);
        }
        rest = r;
    }
    let routing: Routing = body::decoded(body::value_of(Value::Object(routing)))?;
    let new: NewObject = body::json(&rest)?;
    let stay = s
        .engine
        .call(move |e| {
            let preferred = routing
                .preferred_agent_id
                .map(|a| Preferred::new(a, routing.preferred_for_seconds));
            e.enqueue_new_preferring(
                &me,
                new,
                routing.queue_id,
                routing.password.as_deref(),
                preferred,
            )
        })
        .await?;
    Ok(created(stay))
}

async fn on_stay(
    s: &AppState,
    id: &str,
    f: impl FnOnce(&mut Engine, StayId) -> Result<Stay> + Send + 'static,
) -> ApiResult<Json<Value>> {
    let id: StayId = path_id(id, "stay")?;
    Ok(ok(s.engine.call(move |e| f(e, id)).await?))
}

/// One queued object (stay).
#[utoipa::path(get, path = "/api/queued-objects/{stay_id}", tag = "queued objects",
    params(("stay_id" = String, Path)),
    responses((status = 200, description = "The stay", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such stay the caller may see", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn get(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    on_stay(&s, &id, move |e, id| e.get_stay(&me, id)).await
}

/// Accepts the offer (the agent it rings for; the admin token answers for the first).
#[utoipa::path(post, path = "/api/queued-objects/{stay_id}/accept", tag = "queued objects",
    params(("stay_id" = String, Path)),
    responses((status = 200, description = "The stay, assigned", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not offered to the caller", body = ErrorBody),
        (status = 404, description = "No such stay", body = ErrorBody),
        (status = 409, description = "Not on offer (any more)", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn accept(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    on_stay(&s, &id, move |e, id| e.accept_offer(&me, id)).await
}

/// Rejects the offer: never offered to this agent again.
#[utoipa::path(post, path = "/api/queued-objects/{stay_id}/reject", tag = "queued objects",
    params(("stay_id" = String, Path)),
    responses((status = 200, description = "The stay", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not offered to the caller", body = ErrorBody),
        (status = 404, description = "No such stay", body = ErrorBody),
        (status = 409, description = "Not on offer (any more)", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn reject(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    on_stay(&s, &id, move |e, id| e.reject_offer(&me, id)).await
}

/// Completes a handled object (its agent, or a supervisor and up).
#[utoipa::path(post, path = "/api/queued-objects/{stay_id}/complete", tag = "queued objects",
    params(("stay_id" = String, Path)),
    responses((status = 200, description = "The stay, completed", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Another agent's object", body = ErrorBody),
        (status = 404, description = "No such stay", body = ErrorBody),
        (status = 409, description = "Not assigned", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn complete(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    on_stay(&s, &id, move |e, id| e.complete(&me, id)).await
}

/// The customer left: ends a waiting or offered stay.
#[utoipa::path(post, path = "/api/queued-objects/{stay_id}/abandon", tag = "queued objects",
    params(("stay_id" = String, Path)),
    responses((status = 200, description = "The stay, abandoned", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such stay", body = ErrorBody),
        (status = 409, description = "Already with an agent, or ended", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn abandon(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    on_stay(&s, &id, move |e, id| e.abandon(&me, id)).await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct To {
    queue_id: QueueId,
}

/// Transfers the object to another queue of the company, keeping its wait.
#[utoipa::path(post, path = "/api/queued-objects/{stay_id}/transfer", tag = "queued objects",
    params(("stay_id" = String, Path)),
    request_body(content = Object, description = "`queue_id`"),
    responses((status = 200, description = "The new stay", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Role too low", body = ErrorBody),
        (status = 404, description = "No such stay", body = ErrorBody),
        (status = 409, description = "The target refuses it, or the stay ended", body = ErrorBody),
        (status = 422, description = "A bad field", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn transfer(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(id): Path<String>,
    b: Bytes,
) -> ApiResult<Json<Value>> {
    let to: To = body::json(&b)?;
    on_stay(&s, &id, move |e, id| e.transfer(&me, id, to.queue_id)).await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Picker {
    company_user_id: CompanyUserId,
}

/// An agent takes a waiting object of their choice (pick-ability on, and eligible).
#[utoipa::path(post, path = "/api/queued-objects/{stay_id}/pick", tag = "queued objects",
    params(("stay_id" = String, Path)),
    request_body(content = Object, description = "`company_user_id`"),
    responses((status = 200, description = "The stay, assigned", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "May not pick", body = ErrorBody),
        (status = 404, description = "No such stay", body = ErrorBody),
        (status = 409, description = "Not waiting, or not eligible", body = ErrorBody),
        (status = 422, description = "A bad field", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn pick(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(id): Path<String>,
    b: Bytes,
) -> ApiResult<Json<Value>> {
    let p: Picker = body::json(&b)?;
    on_stay(&s, &id, move |e, id| e.pick(&me, p.company_user_id, id)).await
}

/// Where a waiting object stands: `position`, `ahead`, `estimated_wait_seconds`.
#[utoipa::path(get, path = "/api/queued-objects/{stay_id}/position", tag = "queued objects",
    params(("stay_id" = String, Path)),
    responses((status = 200, description = "Its position", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such stay", body = ErrorBody),
        (status = 409, description = "Not waiting", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn position(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let id: StayId = path_id(&id, "stay")?;
    Ok(ok(s
        .engine
        .call(move |e| e.queue_position(&me, id))
        .await?))
}

/// Why an object waits: every agent of its queues with the first rule that keeps them.
#[utoipa::path(get, path = "/api/queueable-objects/{object_id}/explain", tag = "queued objects",
    params(("object_id" = String, Path)),
    responses((status = 200, description = "One explanation per live stay", body = Vec<Object>),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Role too low", body = ErrorBody),
        (status = 404, description = "No such object", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn explain(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let id: ObjectId = path_id(&id, "object")?;
    Ok(ok(s.engine.call(move |e| e.explain(&me, id)).await?))
}

fn stats_query(company: &str, q: Option<&str>) -> ApiResult<StatsQuery> {
    let company_id: CompanyId = path_id(company, "company")?;
    let mut fields = vec![(
        "company_id".to_owned(),
        queue_core::input::Value::Text(company_id.to_string()),
    )];
    for key in ["from", "to"] {
        if let Some(v) = query_one(q, key) {
            let at = chrono::DateTime::parse_from_rfc3339(&v)
                .map_err(|_| Error::invalid(key, "must be an RFC 3339 date-time"))?;
            fields.push((
                key.to_owned(),
                queue_core::input::Value::Instant(at.to_utc()),
            ));
        }
    }
    if let Some(v) = query_one(q, "service_level_seconds") {
        let n = v
            .parse::<i128>()
            .map_err(|_| Error::invalid("service_level_seconds", "must be a whole number"))?;
        fields.push((
            "service_level_seconds".to_owned(),
            queue_core::input::Value::Int(n),
        ));
    }
    if query_one(q, "from").is_none() || query_one(q, "to").is_none() {
        return Err(Error::invalid("from", "from and to are required (RFC 3339)").into());
    }
    body::decoded(queue_core::input::Value::Map(fields))
}

/// Statistics of every queue of a company over `[from, to)` (supervisor and up).
#[utoipa::path(get, path = "/api/companies/{company_id}/queue-stats", tag = "statistics",
    params(("company_id" = String, Path), ("from" = String, Query, description = "RFC 3339"),
        ("to" = String, Query, description = "RFC 3339"),
        ("service_level_seconds" = Option<u32>, Query, description = "Default 20")),
    responses((status = 200, description = "One row per queue", body = Vec<Object>),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Role too low", body = ErrorBody),
        (status = 404, description = "No such company", body = ErrorBody),
        (status = 422, description = "A bad window", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn queue_stats(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(company): Path<String>,
    RawQuery(q): RawQuery,
) -> ApiResult<Json<Value>> {
    let query = stats_query(&company, q.as_deref())?;
    Ok(ok(s
        .engine
        .call(move |e| e.queue_stats(&me, &query))
        .await?))
}

/// Statistics of every agent of a company over `[from, to)` (supervisor and up).
#[utoipa::path(get, path = "/api/companies/{company_id}/agent-stats", tag = "statistics",
    params(("company_id" = String, Path), ("from" = String, Query, description = "RFC 3339"),
        ("to" = String, Query, description = "RFC 3339"),
        ("service_level_seconds" = Option<u32>, Query, description = "Default 20")),
    responses((status = 200, description = "One row per agent", body = Vec<Object>),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Role too low", body = ErrorBody),
        (status = 404, description = "No such company", body = ErrorBody),
        (status = 422, description = "A bad window", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn agent_stats(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(company): Path<String>,
    RawQuery(q): RawQuery,
) -> ApiResult<Json<Value>> {
    let query = stats_query(&company, q.as_deref())?;
    Ok(ok(s
        .engine
        .call(move |e| e.agent_stats(&me, &query))
        .await?))
}

/// The interval report: every queue's statistics for each `interval_minutes` of
/// `[from, to)` (supervisor and up) — what staffing is planned by.
#[utoipa::path(get, path = "/api/companies/{company_id}/queue-stats/intervals", tag = "statistics",
    params(("company_id" = String, Path), ("from" = String, Query, description = "RFC 3339; align it to the intervals wanted"),
        ("to" = String, Query, description = "RFC 3339"),
        ("interval_minutes" = Option<u32>, Query, description = "1–1440, default 30"),
        ("service_level_seconds" = Option<u32>, Query, description = "Default 20")),
    responses((status = 200, description = "One row per interval and queue", body = Vec<Object>),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Role too low", body = ErrorBody),
        (status = 404, description = "No such company", body = ErrorBody),
        (status = 422, description = "A bad window or interval", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn queue_stats_by_interval(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(company): Path<String>,
    RawQuery(q): RawQuery,
) -> ApiResult<Json<Value>> {
    let query = stats_query(&company, q.as_deref())?;
    let minutes = match query_one(q.as_deref(), "interval_minutes") {
        Some(m) => m
            .parse::<u32>()
            .map_err(|_| Error::invalid("interval_minutes", "must be a whole number"))?,
        None => 30,
    };
    Ok(ok(s
        .engine
        .call(move |e| e.queue_stats_by_interval(&me, &query, minutes))
        .await?))
}
