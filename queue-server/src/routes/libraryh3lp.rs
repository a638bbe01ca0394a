//! LibraryH3lp's operators and assignments (seeds 001 and 002), under `/2011-12-03`: one
//! operator row seen from its queue (`/queues/{queueId}/operators`) or from its user
//! (`/users/{userId}/assignments`), in the seeds' camelCase, with their `{"success": …}`
//! answers and their rule that a PUT ignores an illegal value and answers the row unchanged.
//!
//! Where we differ from LibraryH3lp, and why: ids are the library's UUIDs, not integers; a
//! personal access token as `Authorization: Bearer` stands in for its session cookie; a
//! `{userId}` may be a user's id — meaning their membership in the queue's company (for
//! assignments: every membership the caller may see) — or a company user's id, since an
//! operator is a membership here (a user may belong to several companies). Methods the seeds
//! mark "not supported" answer 405. Failures answer `{"success": null, "message": …}` with
//! the status code and `code`/`field`/`reason` every other route gives.

use super::path_id;
use crate::auth::Caller;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use queue_core::{
    Actor, CompanyId, CompanyUserId, Engine, Error, OperatorUpdate, OperatorView, QueueId, Result,
    Show, UserId,
};
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;

/// An operator (seed 002) or assignment (seed 001).
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct H3lpOperator {
    /// The queue.
    pub queue_id: String,
    /// The queue's name.
    pub queue: String,
    /// The queue's availability: `chat`, `available`, `dnd`, `away`, `xa`, `unavailable`.
    pub queue_show: String,
    /// The operator's user (null while the membership is an invitation).
    pub user_id: Option<String>,
    /// The user's username.
    pub user: Option<String>,
    /// The user's availability.
    pub user_show: String,
    /// `true`, or `null` when suspended from the queue.
    pub enabled: Option<bool>,
    /// Beyond the seeds: the membership the operator is.
    pub company_user_id: String,
    /// Beyond the seeds: the operator's tier (1 = first line).
    pub tier: u8,
}

fn show(s: Show) -> String {
    serde_json::to_value(s)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

impl From<OperatorView> for H3lpOperator {
    fn from(v: OperatorView) -> H3lpOperator {
        H3lpOperator {
            queue_id: v.queue_id.to_string(),
            queue: v.queue,
            queue_show: show(v.queue_show),
            user_id: v.user_id.map(|u| u.to_string()),
            user: v.user,
            user_show: show(v.user_show),
            enabled: v.enabled.then_some(true),
            company_user_id: v.company_user_id.to_string(),
            tier: v.tier,
        }
    }
}

/// `{"success": true}` or `{"success": null, "message": …}`.
#[derive(Serialize, ToSchema)]
pub struct H3lpAnswer {
    /// True on success; null on failure.
    pub success: Option<bool>,
    /// Why it failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// On failure, the library's error code (`ERR_NOT_FOUND`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// On invalid input, the field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// On a conflict, its stable reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A failure in the seeds' shape.
pub struct H3lpError(Error);

impl From<Error> for H3lpError {
    fn from(e: Error) -> H3lpError {
        H3lpError(e)
    }
}

impl From<crate::ApiError> for H3lpError {
    fn from(e: crate::ApiError) -> H3lpError {
        H3lpError(e.0)
    }
}

impl IntoResponse for H3lpError {
    fn into_response(self) -> Response {
        let status = crate::error::status_of(&self.0);
        let e = crate::error::ErrorBody::of(&self.0);
        let body = H3lpAnswer {
            success: None,
            message: Some(e.message),
            code: Some(e.code),
            field: e.field,
            reason: e.reason,
        };
        (status, Json(body)).into_response()
    }
}

type H3lpResult<T> = std::result::Result<T, H3lpError>;

fn success() -> Json<H3lpAnswer> {
    Json(H3lpAnswer {
        success: Some(true),
        message: None,
        code: None,
        field: None,
        reason: None,
    })
}

fn rows(views: Vec<OperatorView>) -> Json<Vec<H3lpOperator>> {
    Json(views.into_iter().map(H3lpOperator::from).collect())
}

/// The membership `raw` names in `company`: a company user's id, or a user's id (their
/// membership there).
fn member_in(
    e: &mut Engine,
    me: &Actor,
    company: CompanyId,
    raw: uuid::Uuid,
) -> Result<CompanyUserId> {
    if let Ok(cu) = e.get_company_user(me, CompanyUserId(raw)) {
        return Ok(cu.id);
    }
    super::memberships(e, me, UserId(raw))?
        .into_iter()
        .find(|(c, _)| *c == company)
        .map(|(_, cu)| cu)
        .ok_or_else(|| Error::not_found("user", raw))
}

/// The memberships `raw` names: a company user's, or every one of a user that `me` may see.
fn members_of(
    e: &mut Engine,
    me: &Actor,
    raw: uuid::Uuid,
) -> Result<Vec<(CompanyId, CompanyUserId)>> {
    if let Ok(cu) = e.get_company_user(me, CompanyUserId(raw)) {
        return Ok(vec![(cu.company_id, cu.id)]);
    }
    super::memberships(e, me, UserId(raw))
}

/// The JSON body's `key` as an id; missing or not an id is invalid input naming it.
fn body_id(b: &Bytes, key: &'static str) -> Result<uuid::Uuid> {
    crate::body::object(b)?
        .get(key)
        .and_then(Value::as_str)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| Error::invalid(key, "must be an id"))
}

/// The seeds' PUT: `enabled` true enables, null (or false) suspends; any other value, and
/// any other property, is ignored.
fn update_of(b: &Bytes) -> OperatorUpdate {
    let v: Value = serde_json::from_slice(b).unwrap_or(Value::Null);
    let enabled = match v.get("enabled") {
        Some(Value::Bool(b)) => Some(*b),
        Some(Value::Null) => Some(false),
        _ => None,
    };
    OperatorUpdate {
        enabled,
        tier: None,
    }
}

fn queue_of(raw: &str) -> H3lpResult<QueueId> {
    Ok(path_id(raw, "queue")?)
}

fn uuid_of(raw: &str, what: &'static str) -> H3lpResult<uuid::Uuid> {
    Ok(path_id(raw, what)?)
}

/// A queue's operators (seed 002).
#[utoipa::path(get, path = "/2011-12-03/queues/{queueId}/operators", tag = "libraryh3lp",
    params(("queueId" = String, Path)),
    responses((status = 200, description = "The queue's operators", body = Vec<H3lpOperator>),
        (status = 401, description = "No valid token", body = crate::error::ErrorBody),
        (status = 404, description = "No such queue the caller may see", body = H3lpAnswer)),
    security(("bearer" = [])))]
pub async fn list_operators(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(queue): Path<String>,
) -> H3lpResult<Json<Vec<H3lpOperator>>> {
    let q = queue_of(&queue)?;
    Ok(rows(
        s.engine.call(move |e| e.list_operators(&me, q)).await?,
    ))
}

/// Makes a user an operator of the queue (`{"userId": …}`; supervisors and up), tier 1.
#[utoipa::path(post, path = "/2011-12-03/queues/{queueId}/operators", tag = "libraryh3lp",
    params(("queueId" = String, Path)),
    request_body(content = Object, description = "`userId`: a user of the queue's company (or a company user)"),
    responses((status = 200, description = "Assigned", body = H3lpAnswer),
        (status = 401, description = "No valid token", body = crate::error::ErrorBody),
        (status = 403, description = "Role too low", body = H3lpAnswer),
        (status = 404, description = "No such queue or user", body = H3lpAnswer),
        (status = 409, description = "Already an operator; a personal queue", body = H3lpAnswer),
        (status = 422, description = "A missing or bad userId", body = H3lpAnswer)),
    security(("bearer" = [])))]
pub async fn add_operator(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(queue): Path<String>,
    b: Bytes,
) -> H3lpResult<Json<H3lpAnswer>> {
    let q = queue_of(&queue)?;
    let user = body_id(&b, "userId")?;
    s.engine
        .call(move |e| {
            let company = e.get_queue(&me, q)?.company_id;
            let cu = member_in(e, &me, company, user)?;
            e.assign_operator(&me, q, cu, 1)
        })
        .await?;
    Ok(success())
}

/// Enables (`"enabled": true`) or suspends (`"enabled": null`) an operator; an illegal value
/// is ignored and the row answered unchanged.
#[utoipa::path(put, path = "/2011-12-03/queues/{queueId}/operators/{userId}", tag = "libraryh3lp",
    params(("queueId" = String, Path), ("userId" = String, Path)),
    request_body(content = Object, description = "`enabled`: true, or null to suspend"),
    responses((status = 200, description = "The operator, as a one-row list (as the seed shows)", body = Vec<H3lpOperator>),
        (status = 401, description = "No valid token", body = crate::error::ErrorBody),
        (status = 403, description = "Role too low", body = H3lpAnswer),
        (status = 404, description = "No such queue, user or operator", body = H3lpAnswer)),
    security(("bearer" = [])))]
pub async fn update_operator(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path((queue, user)): Path<(String, String)>,
    b: Bytes,
) -> H3lpResult<Json<Vec<H3lpOperator>>> {
    let q = queue_of(&queue)?;
    let user = uuid_of(&user, "user")?;
    let update = update_of(&b);
    let row = s
        .engine
        .call(move |e| {
            let company = e.get_queue(&me, q)?.company_id;
            let cu = member_in(e, &me, company, user)?;
            if update.enabled.is_some() {
                e.update_operator(&me, q, cu, update)?;
            }
            e.list_operators(&me, q)?
                .into_iter()
                .find(|v| v.company_user_id == cu)
                .ok_or_else(|| Error::not_found("operator", cu))
        })
        .await?;
    Ok(rows(vec![row]))
}

/// Unassigns an operator from the queue.
#[utoipa::path(delete, path = "/2011-12-03/queues/{queueId}/operators/{userId}", tag = "libraryh3lp",
    params(("queueId" = String, Path), ("userId" = String, Path)),
    responses((status = 200, description = "Unassigned", body = H3lpAnswer),
        (status = 401, description = "No valid token", body = crate::error::ErrorBody),
        (status = 403, description = "Role too low", body = H3lpAnswer),
        (status = 404, description = "No such queue, user or operator", body = H3lpAnswer)),
    security(("bearer" = [])))]
pub async fn remove_operator(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path((queue, user)): Path<(String, String)>,
) -> H3lpResult<Json<H3lpAnswer>> {
    let q = queue_of(&queue)?;
    let user = uuid_of(&user, "user")?;
    s.engine
        .call(move |e| {
            let company = e.get_queue(&me, q)?.company_id;
            let cu = member_in(e, &me, company, user)?;
            e.unassign_operator(&me, q, cu)
        })
        .await?;
    Ok(success())
}

/// A user's assignments (seed 001), over every membership the caller may see.
#[utoipa::path(get, path = "/2011-12-03/users/{userId}/assignments", tag = "libraryh3lp",
    params(("userId" = String, Path)),
    responses((status = 200, description = "The user's assignments", body = Vec<H3lpOperator>),
        (status = 401, description = "No valid token", body = crate::error::ErrorBody),
        (status = 404, description = "No such user the caller may see", body = H3lpAnswer)),
    security(("bearer" = [])))]
pub async fn list_assignments(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(user): Path<String>,
) -> H3lpResult<Json<Vec<H3lpOperator>>> {
    let user = uuid_of(&user, "user")?;
    let views = s
        .engine
        .call(move |e| {
            let mut all = Vec::new();
            for (_, cu) in members_of(e, &me, user)? {
                // A membership of a company the caller is not in is not theirs to list.
                match e.list_assignments(&me, cu) {
                    Ok(v) => all.extend(v),
                    Err(Error::NotFound { .. }) => {}
                    Err(err) => return Err(err),
                }
            }
            Ok(all)
        })
        .await?;
    Ok(rows(views))
}

/// Assigns the user to a queue (`{"queueId": …}`), tier 1.
#[utoipa::path(post, path = "/2011-12-03/users/{userId}/assignments", tag = "libraryh3lp",
    params(("userId" = String, Path)),
    request_body(content = Object, description = "`queueId`: a queue of one of the user's companies"),
    responses((status = 200, description = "Assigned", body = H3lpAnswer),
        (status = 401, description = "No valid token", body = crate::error::ErrorBody),
        (status = 403, description = "Role too low", body = H3lpAnswer),
        (status = 404, description = "No such queue or user", body = H3lpAnswer),
        (status = 409, description = "Already an operator; a personal queue", body = H3lpAnswer),
        (status = 422, description = "A missing or bad queueId", body = H3lpAnswer)),
    security(("bearer" = [])))]
pub async fn add_assignment(
    State(s): State<AppState>,
    Caller(me): Caller,
    Path(user): Path<String>,
    b: Bytes,
) -> H3lpResult<Json<H3lpAnswer>> {
    let user = uuid_of(&user, "user")?;
    let q = QueueId(body_id(&b, "queueId")?);
    s.engine
        .call(move |e| {
            let company = e.get_queue(&me, q)?.company_id;
            let cu = member_in(e, &me, company, user)?;
            e.assign_operator(&me, q, cu, 1)
        })
        .await?;
    Ok(success())
}

/// Enables or suspends an assignment, as the operator route does.
#[utoipa::path(put, path = "/2011-12-03/users/{userId}/assignments/{queueId}", tag = "libraryh3lp",
    params(("userId" = String, Path), ("queueId" = String, Path)),
    request_body(content = Object, description = "`enabled`: true, or null to suspend"),
    responses((status = 200, description = "The assignment, as a one-row list (as the seed shows)", body = Vec<H3lpOperator>),
        (status = 401, description = "No valid token", body = crate::error::ErrorBody),
        (status = 403, description = "Role too low", body = H3lpAnswer),
        (status = 404, description = "No such queue, user or assignment", body = H3lpAnswer)),
    security(("bearer" = [])))]
pub async fn update_assignment(
    state: State<AppState>,
    caller: Caller,
    Path((user, queue)): Path<(String, String)>,
    b: Bytes,
) -> H3lpResult<Json<Vec<H3lpOperator>>> {
    update_operator(state, caller, Path((queue, user)), b).await
}

/// Unassigns the user from the queue.
#[utoipa::path(delete, path = "/2011-12-03/users/{userId}/assignments/{queueId}", tag = "libraryh3lp",
    params(("userId" = String, Path), ("queueId" = String, Path)),
    responses((status = 200, description = "Unassigned", body = H3lpAnswer),
        (status = 401, description = "No valid token", body = crate::error::ErrorBody),
        (status = 403, description = "Role too low", body = H3lpAnswer),
        (status = 404, description = "No such queue, user or assignment", body = H3lpAnswer)),
    security(("bearer" = [])))]
pub async fn remove_assignment(
    state: State<AppState>,
    caller: Caller,
    Path((user, queue)): Path<(String, String)>,
) -> H3lpResult<Json<H3lpAnswer>> {
    remove_operator(state, caller, Path((queue, user))).await
}
