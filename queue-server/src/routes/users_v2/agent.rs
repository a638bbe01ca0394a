//! The agent half of seed 004's user controller: `userID`'s capacity (`maxChats`), settings,
//! watched statistics and presence status (`updateStatus`, `statusLock`, `statusLockDelete`).

use super::{agent, fields, out, seed_field};
use crate::auth::ApiKeyCaller;
use crate::body::query_one;
use crate::form::Fields;
use crate::routes::camel::{CamelError, CamelResult};
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use axum::Json;
use queue_core::{
    Actor, AgentSettingsUpdate, CompanyUserUpdate, Error, PresenceStatusId, PresenceUpdate, Result,
    WatchedStatistic,
};
use serde_json::Value;

/// Sets how many objects the agent handles at once (`userID`, `maxChats`; admins and up).
#[utoipa::path(put, path = "/api/v2/user/maxChats", tag = "user controller",
    request_body(content = Object, content_type = "application/x-www-form-urlencoded", description = "`userID`, `maxChats`"),
    responses((status = 200, description = "The company user", body = Object),
        (status = 400, description = "Invalid value in request", body = CamelError),
        (status = 401, description = "No valid apiKey", body = CamelError),
        (status = 403, description = "Role too low", body = CamelError),
        (status = 404, description = "No such agent", body = CamelError)),
    security(("apiKey" = [])))]
pub async fn max_chats(
    State(s): State<AppState>,
    ApiKeyCaller(me): ApiKeyCaller,
    headers: HeaderMap,
    b: Bytes,
) -> CamelResult<Json<Value>> {
    let f = fields(&headers, b).await?;
    let who = f.id("userID")?;
    let update = CompanyUserUpdate {
        max_number_of_objects_handled: Some(f.number("maxChats")?),
        ..Default::default()
    };
    let cu = s
        .engine
        .call(move |e| {
            let id = agent(e, &me, who)?;
            e.update_company_user(&me, id, update)
        })
        .await
        .map_err(|e| seed_field(e, &[]))?;
    Ok(out(cu))
}

/// `chatSoundNewMessage`, `notifyOnTicketAssignment`, `callsAutoAnswer`: `userID`, `state`.
async fn setting(
    s: AppState,
    me: Actor,
    headers: HeaderMap,
    b: Bytes,
    set: fn(&mut AgentSettingsUpdate, bool),
) -> CamelResult<Json<Value>> {
    let f = fields(&headers, b).await?;
    let who = f.id("userID")?;
    let mut update = AgentSettingsUpdate::default();
    set(&mut update, f.flag("state")?);
    let settings = s
        .engine
        .call(move |e| {
            let id = agent(e, &me, who)?;
            e.update_agent_settings(&me, id, update)
        })
        .await?;
    Ok(out(settings))
}

macro_rules! setting_route {
    ($fn:ident, $path:literal, $what:literal, $field:ident) => {
        #[doc = concat!("Turns ", $what, " on (`state=1`) or off (`state=0`) for the agent (`userID`; the agent, or admins and up).")]
        #[utoipa::path(put, path = $path, tag = "user controller",
            request_body(content = Object, content_type = "application/x-www-form-urlencoded", description = "`userID`, `state` (1 or 0)"),
            responses((status = 200, description = "The agent's settings", body = Object),
                (status = 400, description = "Invalid value in request", body = CamelError),
                (status = 401, description = "No valid apiKey", body = CamelError),
                (status = 403, description = "Another agent's settings", body = CamelError),
                (status = 404, description = "No such agent", body = CamelError)),
            security(("apiKey" = [])))]
        pub async fn $fn(
            State(s): State<AppState>,
            ApiKeyCaller(me): ApiKeyCaller,
            headers: HeaderMap,
            b: Bytes,
        ) -> CamelResult<Json<Value>> {
            setting(s, me, headers, b, |u, v| u.$field = Some(v)).await
        }
    };
}

setting_route!(
    chat_sound,
    "/api/v2/user/chatSoundNewMessage",
    "the sound on a new chat message",
    sound_on_new_message
);
setting_route!(
    notify_on_assignment,
    "/api/v2/user/notifyOnTicketAssignment",
    "the notice on a ticket assignment",
    notify_on_assignment
);
setting_route!(
    calls_auto_answer,
    "/api/v2/user/callsAutoAnswer",
    "answering calls automatically",
    auto_answer_calls
);

/// The agent's settings (`userID`; the agent, or admins and up).
#[utoipa::path(get, path = "/api/v2/user/settings", tag = "user controller",
    params(("userID" = String, Query, description = "The agent")),
    responses((status = 200, description = "The agent's settings", body = Object),
        (status = 400, description = "Invalid value in request", body = CamelError),
        (status = 401, description = "No valid apiKey", body = CamelError),
        (status = 403, description = "Another agent's settings", body = CamelError),
        (status = 404, description = "No such agent", body = CamelError)),
    security(("apiKey" = [])))]
pub async fn settings(
    State(s): State<AppState>,
    ApiKeyCaller(me): ApiKeyCaller,
    RawQuery(q): RawQuery,
) -> CamelResult<Json<Value>> {
    let who: uuid::Uuid = query_one(q.as_deref(), "userID")
        .ok_or_else(|| Error::invalid("userID", "is required"))?
        .parse()
        .map_err(|_| Error::invalid("userID", "must be an id"))?;
    let settings = s
        .engine
        .call(move |e| {
            let id = agent(e, &me, who)?;
            e.get_agent_settings(&me, id)
        })
        .await?;
    Ok(out(settings))
}

fn statistic(f: &Fields) -> Result<WatchedStatistic> {
    Ok(WatchedStatistic {
        statistic: f.require("statistic")?.to_owned(),
        option: f
            .get("statisticOption")
            .or_else(|| f.get("statisticPrimaryOption"))
            .unwrap_or("")
            .to_owned(),
        secondary_option: f.get("statisticSecondaryOption").unwrap_or("").to_owned(),
    })
}

async fn change_statistic(
    s: AppState,
    me: Actor,
    f: Fields,
    watch: bool,
) -> CamelResult<Json<Value>> {
    let who = f.id("userID")?;
    let stat = statistic(&f)?;
    // DELETE and `watch` spell the first option `statisticPrimaryOption`.
    let primary = if f.get("statisticOption").is_some() {
        "statisticOption"
    } else {
        "statisticPrimaryOption"
    };
    let settings = s
        .engine
        .call(move |e| {
            let id = agent(e, &me, who)?;
            if watch {
                e.watch_statistic(&me, id, stat)
            } else {
                e.unwatch_statistic(&me, id, stat)
            }
        })
        .await
        .map_err(|e| seed_field(e, &[("option", primary)]))?;
    Ok(out(settings))
}

/// Adds a statistic (KPI) to the agent's watch list (`userID`, `statistic`,
/// `statisticOption`, `statisticSecondaryOption`).
#[utoipa::path(post, path = "/api/v2/user/userStatistic", tag = "user controller",
    request_body(content = Object, content_type = "multipart/form-data", description = "`userID`, `statistic` (`^[a-zA-Z_]+$`), `statisticOption`, `statisticSecondaryOption` (`^[0-9a-zA-Z]*$`)"),
    responses((status = 200, description = "The agent's settings", body = Object),
        (status = 400, description = "Invalid value in request", body = CamelError),
        (status = 401, description = "No valid apiKey", body = CamelError),
        (status = 403, description = "Another agent's settings", body = CamelError),
        (status = 404, description = "No such agent", body = CamelError)),
    security(("apiKey" = [])))]
pub async fn add_statistic(
    State(s): State<AppState>,
    ApiKeyCaller(me): ApiKeyCaller,
    headers: HeaderMap,
    b: Bytes,
) -> CamelResult<Json<Value>> {
    let f = fields(&headers, b).await?;
    change_statistic(s, me, f, true).await
}

/// Removes a statistic from the agent's watch list.
#[utoipa::path(delete, path = "/api/v2/user/userStatistic", tag = "user controller",
    request_body(content = Object, content_type = "application/x-www-form-urlencoded", description = "`userID`, `statistic`, `statisticPrimaryOption`, `statisticSecondaryOption`"),
    responses((status = 200, description = "The agent's settings", body = Object),
        (status = 400, description = "Invalid value in request", body = CamelError),
        (status = 401, description = "No valid apiKey", body = CamelError),
        (status = 403, description = "Another agent's settings", body = CamelError),
        (status = 404, description = "No such agent", body = CamelError)),
    security(("apiKey" = [])))]
pub async fn remove_statistic(
    State(s): State<AppState>,
    ApiKeyCaller(me): ApiKeyCaller,
    headers: HeaderMap,
    b: Bytes,
) -> CamelResult<Json<Value>> {
    let f = fields(&headers, b).await?;
    change_statistic(s, me, f, false).await
}

/// Watches (`watchToggle=watch`) or stops watching (`unwatch`) a statistic.
#[utoipa::path(put, path = "/api/v2/user/watch", tag = "user controller",
    request_body(content = Object, content_type = "application/x-www-form-urlencoded", description = "`userID`, `statistic`, `statisticPrimaryOption`, `statisticSecondaryOption`, `watchToggle` (`watch` or `unwatch`)"),
    responses((status = 200, description = "The agent's settings", body = Object),
        (status = 400, description = "Invalid value in request", body = CamelError),
        (status = 401, description = "No valid apiKey", body = CamelError),
        (status = 403, description = "Another agent's settings", body = CamelError),
        (status = 404, description = "No such agent", body = CamelError)),
    security(("apiKey" = [])))]
pub async fn watch(
    State(s): State<AppState>,
    ApiKeyCaller(me): ApiKeyCaller,
    headers: HeaderMap,
    b: Bytes,
) -> CamelResult<Json<Value>> {
    let f = fields(&headers, b).await?;
    let on = match f.require("watchToggle")? {
        "watch" => true,
        "unwatch" => false,
        _ => return Err(Error::invalid("watchToggle", "must be watch or unwatch").into()),
    };
    change_statistic(s, me, f, on).await
}

/// Puts the agent in a presence status of their company (`userID`, `statusID`; the agent,
/// or supervisors and up).
#[utoipa::path(post, path = "/api/v2/user/updateStatus", tag = "user controller",
    request_body(content = Object, content_type = "multipart/form-data", description = "`userID`, `statusID` (a presence status of the agent's company)"),
    responses((status = 200, description = "The agent's presence", body = Object),
        (status = 400, description = "Invalid value in request", body = CamelError),
        (status = 401, description = "No valid apiKey", body = CamelError),
        (status = 403, description = "Another agent", body = CamelError),
        (status = 404, description = "No such agent", body = CamelError),
        (status = 409, description = "Locked by a supervisor", body = CamelError)),
    security(("apiKey" = [])))]
pub async fn update_status(
    State(s): State<AppState>,
    ApiKeyCaller(me): ApiKeyCaller,
    headers: HeaderMap,
    b: Bytes,
) -> CamelResult<Json<Value>> {
    let f = fields(&headers, b).await?;
    let who = f.id("userID")?;
    let status = PresenceStatusId(f.id("statusID")?);
    let p = s
        .engine
        .call(move |e| {
            let id = agent(e, &me, who)?;
            let update = PresenceUpdate {
                status_id: Some(status),
                ..Default::default()
            };
            e.set_presence(&me, id, update)
        })
        .await
        .map_err(|e| seed_field(e, &[]))?;
    Ok(out(p))
}

/// Puts the agent in a presence status and locks it there (`userID`, `status`;
/// supervisors and up).
#[utoipa::path(post, path = "/api/v2/user/statusLock", tag = "user controller",
    request_body(content = Object, content_type = "multipart/form-data", description = "`userID`, `status` (a presence status of the agent's company)"),
    responses((status = 200, description = "The agent's presence", body = Object),
        (status = 400, description = "Invalid value in request", body = CamelError),
        (status = 401, description = "No valid apiKey", body = CamelError),
        (status = 403, description = "Role too low", body = CamelError),
        (status = 404, description = "No such agent", body = CamelError)),
    security(("apiKey" = [])))]
pub async fn status_lock(
    State(s): State<AppState>,
    ApiKeyCaller(me): ApiKeyCaller,
    headers: HeaderMap,
    b: Bytes,
) -> CamelResult<Json<Value>> {
    let f = fields(&headers, b).await?;
    let who = f.id("userID")?;
    let status = PresenceStatusId(f.id("status")?);
    let p = s
        .engine
        .call(move |e| {
            let id = agent(e, &me, who)?;
            e.lock_presence_status(&me, id, status)
        })
        .await
        .map_err(|e| seed_field(e, &[("status_id", "status")]))?;
    Ok(out(p))
}

/// Lifts the agent's status lock (`userID`; supervisors and up).
#[utoipa::path(post, path = "/api/v2/user/statusLockDelete", tag = "user controller",
    request_body(content = Object, content_type = "multipart/form-data", description = "`userID`"),
    responses((status = 200, description = "The agent's presence", body = Object),
        (status = 400, description = "Invalid value in request", body = CamelError),
        (status = 401, description = "No valid apiKey", body = CamelError),
        (status = 403, description = "Role too low", body = CamelError),
        (status = 404, description = "No such agent", body = CamelError)),
    security(("apiKey" = [])))]
pub async fn status_lock_delete(
    State(s): State<AppState>,
    ApiKeyCaller(me): ApiKeyCaller,
    headers: HeaderMap,
    b: Bytes,
) -> CamelResult<Json<Value>> {
    let f = fields(&headers, b).await?;
    let who = f.id("userID")?;
    let p = s
        .engine
        .call(move |e| {
            let id = agent(e, &me, who)?;
            e.unlock_presence(&me, id)
        })
        .await?;
    Ok(out(p))
}
