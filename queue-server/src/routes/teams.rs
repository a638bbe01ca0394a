//! Teams (seed 003), under `/beta/teams`: the `apiKey` header, `{"data": …}` envelopes in
//! camelCase, 204 for deletions, 400 `{"message": "Invalid value in request"}` for a bad path
//! or body value.
//!
//! The seed's "organization" is a company. A caller who belongs to one company needs to say
//! nothing more; one with several (or the admin token) names it: `companyId` in the query
//! (list) or the body (create) — otherwise 400 naming `companyId`. Presence rows carry the
//! library's values (`presenceStatus` `available`, `connectionStatus` `online`, …) and
//! `nextPageKey` beside `data` for the next page.

use super::camel::{data, path_uuid, CamelError, CamelResult};
use crate::auth::ApiKeyCaller;
use crate::body::query_one;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::Json;
use queue_core::{Actor, CompanyId, CompanyUserId, Engine, Error, Result, TeamId};
use serde_json::Value;

/// The company a `/beta` call is about: `named`, or the caller's only one.
fn company(e: &mut Engine, me: &Actor, named: Option<CompanyId>) -> Result<CompanyId> {
    if let Some(c) = named {
        return Ok(c);
    }
    let none = || {
        Error::invalid(
            "company_id",
            "name the company: the caller has none or several",
        )
    };
    let Actor::User(u) = me else {
        return Err(none());
    };
    match super::memberships(e, me, *u)?.as_slice() {
        [(only, _)] => Ok(*only),
        _ => Err(none()),
    }
}

fn company_in(v: &Value, key: &'static str) -> Result<Option<CompanyId>> {
    match v.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => s
            .parse()
            .map(Some)
            .map_err(|_| Error::invalid("company_id", "must be a company id")),
        Some(_) => Err(Error::invalid("company_id", "must be a company id")),
    }
}

/// `agentIds`: a list of company user ids.
fn agent_ids(b: &Bytes) -> Result<Vec<CompanyUserId>> {
    let v = crate::body::object(b)?;
    let bad = || Error::invalid("agent_ids", "must be a list of agent ids");
    v.get("agentIds")
        .and_then(Value::as_array)
        .ok_or_else(bad)?
        .iter()
        .map(|id| id.as_str().and_then(|s| s.parse().ok()).ok_or_else(bad))
        .collect()
}

/// The company's teams.
#[utoipa::path(get, path = "/beta/teams", tag = "teams",
    params(("companyId" = Option<String>, Query, description = "The company (organization); needed when the caller has several")),
    responses((status = 200, description = "`{\"data\": [team…]}`", body = Object),
        (status = 400, description = "Invalid value in request", body = CamelError),
        (status = 401, description = "No valid apiKey", body = CamelError),
        (status = 404, description = "A company the caller does not belong to", body = CamelError)),
    security(("apiKey" = [])))]
pub async fn list(
    State(s): State<AppState>,
    ApiKeyCaller(me): ApiKeyCaller,
    RawQuery(q): RawQuery,
) -> CamelResult<Json<Value>> {
    let named = query_one(q.as_deref(), "companyId")
        .map(|c| {
            c.parse()
                .map_err(|_| Error::invalid("company_id", "must be a company id"))
        })
        .transpose()?;
    let teams = s
        .engine
        .call(move |e| {
            let c = company(e, &me, named)?;
            e.list_teams(&me, c)
        })
        .await?;
    Ok(data(teams))
}

/// Creates a team (supervisors and up).
#[utoipa::path(post, path = "/beta/teams", tag = "teams",
    request_body(content = Object, description = "`name` (1–100 characters), `companyId` when the caller has several"),
    responses((status = 201, description = "`{\"data\": team}`", body = Object),
        (status = 400, description = "Invalid value in request", body = CamelError),
        (status = 401, description = "No valid apiKey", body = CamelError),
        (status = 403, description = "Role too low", body = CamelError)),
    security(("apiKey" = [])))]
pub async fn create(
    State(s): State<AppState>,
    ApiKeyCaller(me): ApiKeyCaller,
    b: Bytes,
) -> CamelResult<(StatusCode, Json<Value>)> {
    let v = crate::body::object(&b)?;
    let named = company_in(&v, "companyId")?;
    let name = v
        .get("name")
        .and_then(Value::as_str)
        .ok_or_else(|| Error::invalid("name", "required, a string"))?
        .to_owned();
    let team = s
        .engine
        .call(move |e| {
            let c = company(e, &me, named)?;
            e.create_team(&me, c, &name)
        })
        .await?;
    Ok((StatusCode::CREATED, data(team)))
}

/// One team.
#[utoipa::path(get, path = "/beta/teams/{teamId}", tag = "teams",
    params(("teamId" = String, Path)),
    responses((status = 200, description = "`{\"data\": team}`", body = Object),
        (status = 400, description = "Invalid value for: path parameter teamId", body = CamelError),
        (status = 401, description = "No valid apiKey", body = CamelError),
        (status = 404, description = "An entity in this request could not be found", body = CamelError)),
    security(("apiKey" = [])))]
pub async fn get(
    State(s): State<AppState>,
    ApiKeyCaller(me): ApiKeyCaller,
    Path(id): Path<String>,
) -> CamelResult<Json<Value>> {
    let id: TeamId = path_uuid(&id, "team_id")?;
    Ok(data(s.engine.call(move |e| e.get_team(&me, id)).await?))
}

/// Deletes a team (supervisors and up): 204.
#[utoipa::path(delete, path = "/beta/teams/{teamId}", tag = "teams",
    params(("teamId" = String, Path)),
    responses((status = 204, description = "The team was deleted"),
        (status = 400, description = "Invalid value for: path parameter teamId", body = CamelError),
        (status = 401, description = "No valid apiKey", body = CamelError),
        (status = 403, description = "Role too low", body = CamelError),
        (status = 404, description = "An entity in this request could not be found", body = CamelError)),
    security(("apiKey" = [])))]
pub async fn delete(
    State(s): State<AppState>,
    ApiKeyCaller(me): ApiKeyCaller,
    Path(id): Path<String>,
) -> CamelResult<StatusCode> {
    let id: TeamId = path_uuid(&id, "team_id")?;
    s.engine.call(move |e| e.delete_team(&me, id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The team's agents and admins.
#[utoipa::path(get, path = "/beta/teams/{teamId}/agents", tag = "teams",
    params(("teamId" = String, Path)),
    responses((status = 200, description = "`{\"data\": [{id, name, email}…]}`", body = Object),
        (status = 400, description = "Invalid value for: path parameter teamId", body = CamelError),
        (status = 401, description = "No valid apiKey", body = CamelError),
        (status = 404, description = "An entity in this request could not be found", body = CamelError)),
    security(("apiKey" = [])))]
pub async fn members(
    State(s): State<AppState>,
    ApiKeyCaller(me): ApiKeyCaller,
    Path(id): Path<String>,
) -> CamelResult<Json<Value>> {
    let id: TeamId = path_uuid(&id, "team_id")?;
    Ok(data(
        s.engine.call(move |e| e.list_team_members(&me, id)).await?,
    ))
}

/// Adds agents to the team (`{"agentIds": [...]}`; supervisors and up).
#[utoipa::path(patch, path = "/beta/teams/{teamId}/agents", tag = "teams",
    params(("teamId" = String, Path)),
    request_body(content = Object, description = "`agentIds`: company user ids of the team's company"),
    responses((status = 200, description = "`{\"data\": team}`", body = Object),
        (status = 400, description = "Invalid value in request", body = CamelError),
        (status = 401, description = "No valid apiKey", body = CamelError),
        (status = 403, description = "Role too low", body = CamelError),
        (status = 404, description = "An entity in this request could not be found", body = CamelError)),
    security(("apiKey" = [])))]
pub async fn add_members(
    State(s): State<AppState>,
    ApiKeyCaller(me): ApiKeyCaller,
    Path(id): Path<String>,
    b: Bytes,
) -> CamelResult<Json<Value>> {
    let id: TeamId = path_uuid(&id, "team_id")?;
    let agents = agent_ids(&b)?;
    Ok(data(
        s.engine
            .call(move |e| e.add_team_members(&me, id, &agents))
            .await?,
    ))
}

/// Removes agents from the team: 204.
#[utoipa::path(delete, path = "/beta/teams/{teamId}/agents", tag = "teams",
    params(("teamId" = String, Path)),
    request_body(content = Object, description = "`agentIds`: company user ids"),
    responses((status = 204, description = "The agents were removed"),
        (status = 400, description = "Invalid value in request", body = CamelError),
        (status = 401, description = "No valid apiKey", body = CamelError),
        (status = 403, description = "Role too low", body = CamelError),
        (status = 404, description = "An entity in this request could not be found", body = CamelError)),
    security(("apiKey" = [])))]
pub async fn remove_members(
    State(s): State<AppState>,
    ApiKeyCaller(me): ApiKeyCaller,
    Path(id): Path<String>,
    b: Bytes,
) -> CamelResult<StatusCode> {
    let id: TeamId = path_uuid(&id, "team_id")?;
    let agents = agent_ids(&b)?;
    s.engine
        .call(move |e| e.remove_team_members(&me, id, &agents))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The presence of the team's agents, a page at a time.
#[utoipa::path(get, path = "/beta/teams/{teamId}/presence", tag = "teams",
    params(("teamId" = String, Path),
        ("pageKey" = Option<String>, Query, description = "The `nextPageKey` of the previous page; opaque"),
        ("pageLimit" = Option<i32>, Query, description = "Rows per page (1–1000, default 100)")),
    responses((status = 200, description = "`{\"data\": [presence…], \"nextPageKey\": …}`", body = Object),
        (status = 400, description = "Invalid value for: path parameter teamId, query parameter pageLimit or pageKey", body = CamelError),
        (status = 401, description = "No valid apiKey", body = CamelError),
        (status = 404, description = "An entity in this request could not be found", body = CamelError)),
    security(("apiKey" = [])))]
pub async fn presence(
    State(s): State<AppState>,
    ApiKeyCaller(me): ApiKeyCaller,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> CamelResult<Json<Value>> {
    let id: TeamId = path_uuid(&id, "team_id")?;
    let q = q.as_deref();
    let key = query_one(q, "pageKey");
    let limit = query_one(q, "pageLimit")
        .map(|l| {
            l.parse::<usize>()
                .map_err(|_| Error::invalid("page_limit", "must be a whole number from 1"))
        })
        .transpose()?;
    let page = s
        .engine
        .call(move |e| e.list_team_presence(&me, id, key.as_deref(), limit))
        .await?;
    let Json(mut v) = data(page.data);
    v["nextPageKey"] = page.next_page_key.map(Value::String).unwrap_or(Value::Null);
    Ok(Json(v))
}
