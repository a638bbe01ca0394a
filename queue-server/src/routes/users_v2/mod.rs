//! Seed 004's user controller, under `/api/v2/user`: the `apiKey` header, form bodies
//! (`x-www-form-urlencoded` for its PUTs, `multipart/form-data` for its POSTs, or JSON), the
//! seed's field names (`userID`, `maxChats`, `statusID`, `dateFormat`, …) and patterns (the
//! library enforces them; a broken one is 400 naming the seed's field). Answers are the
//! changed resource in camelCase (the seed prints no bodies).
//!
//! `userID` names an agent: a company user's id, or a user's id when that user belongs to
//! one company (with several, their company user's id is needed: 400 naming `userID`). `id`
//! (`{id}`, `usernameUpdate`, …) names a user. Permissions are the library's roles, not the
//! seed's permission names: the agent themselves or admins for settings, supervisors for
//! locks, the user themselves for names, the admin token to create users. Not built (no
//! counterpart in the library): user views, tabs, incognito mode, campaigns,
//! `reserveUserForLiveChannel`. Of `create`, `groups` and `sendActivationMail`, and of
//! `updateStatus`, `userEmailAddress`, `lastInternalCallID` and `browserRequestTime`, are
//! accepted and ignored.

use super::camel::{camel_keys, CamelApiError, CamelError, CamelResult};
use crate::auth::ApiKeyCaller;
use crate::body::query_one;
use crate::form::Fields;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use queue_core::{Actor, CompanyUserId, Engine, Error, NewUser, Result, UserId, UserUpdate};
use serde::Serialize;
use serde_json::Value;

mod agent;
pub use agent::*;

/// The library's field names that seed 004 spells otherwise.
const SEED_NAMES: [(&str, &str); 8] = [
    ("username", "name"),
    ("telephone", "telephone"),
    ("date_format", "dateFormat"),
    ("max_number_of_objects_handled", "maxChats"),
    ("option", "statisticOption"),
    ("secondary_option", "statisticSecondaryOption"),
    ("status_id", "statusID"),
    ("limit", "limit"),
];

/// `e` naming the seed's field rather than the library's.
pub(super) fn seed_field(e: Error, own: &[(&str, &str)]) -> CamelApiError {
    CamelApiError::named(seed_name(e, own))
}

fn seed_name(e: Error, own: &[(&str, &str)]) -> Error {
    match e {
        Error::InvalidInput { field, reason } => {
            let named = own
                .iter()
                .chain(SEED_NAMES.iter())
                .find(|(lib, _)| *lib == field)
                .map(|(_, seed)| (*seed).to_owned())
                .unwrap_or(field);
            Error::InvalidInput {
                field: named,
                reason,
            }
        }
        e => e,
    }
}

pub(super) fn out<T: Serialize>(v: T) -> Json<Value> {
    Json(camel_keys(serde_json::to_value(v).unwrap_or(Value::Null)))
}

/// The agent `userID` names (see the module's doc).
pub(super) fn agent(e: &mut Engine, me: &Actor, raw: uuid::Uuid) -> Result<CompanyUserId> {
    if let Ok(cu) = e.get_company_user(me, CompanyUserId(raw)) {
        return Ok(cu.id);
    }
    let members =
        super::memberships(e, me, UserId(raw)).map_err(|_| Error::not_found("user", raw))?;
    match members.as_slice() {
        [(_, only)] => Ok(*only),
        _ => Err(Error::invalid(
            "userID",
            "the user belongs to several companies (or none): give their company user's id",
        )),
    }
}

pub(super) async fn fields(headers: &HeaderMap, b: Bytes) -> CamelResult<Fields> {
    Ok(Fields::read(headers, b).await?)
}

/// The seed's `search` pattern: `^([0-9a-zA-Z \+]+)|([A-Za-z0-9._+\-\']+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,})$`
/// — as written, text that starts with a letter, digit, space or `+`, or ends with an e-mail
/// address; or nothing (the seed's default).
fn search_ok(s: &str) -> bool {
    let starts = s
        .chars()
        .next()
        .is_none_or(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '+');
    let ends_with_email = s.rsplit_once('@').is_some_and(|(local, domain)| {
        let local_ok = local
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_alphanumeric() || "._+-'".contains(c));
        let tld = domain.rsplit_once('.').map(|(_, t)| t).unwrap_or("");
        local_ok
            && domain
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
            && tld.len() >= 2
            && tld.chars().all(|c| c.is_ascii_alphabetic())
    });
    starts || ends_with_email
}

/// The users the caller may see, by username, phone number or e-mail address.
#[utoipa::path(get, path = "/api/v2/user", tag = "user controller",
    params(("search" = Option<String>, Query, description = "A username, phone number or e-mail address (part of one); empty: all"),
        ("limit" = Option<u32>, Query, description = "At most this many (1–1000, default 15)")),
    responses((status = 200, description = "The users", body = Vec<Object>),
        (status = 400, description = "Invalid value in request", body = CamelError),
        (status = 401, description = "No valid apiKey", body = CamelError)),
    security(("apiKey" = [])))]
pub async fn index(
    State(s): State<AppState>,
    ApiKeyCaller(me): ApiKeyCaller,
    RawQuery(q): RawQuery,
) -> CamelResult<Json<Value>> {
    let search = query_one(q.as_deref(), "search").unwrap_or_default();
    if !search_ok(&search) {
        return Err(Error::invalid(
            "search",
            "must be a username, phone number or e-mail address",
        )
        .into());
    }
    let limit = match query_one(q.as_deref(), "limit") {
        Some(l) => l
            .parse::<usize>()
            .map_err(|_| Error::invalid("limit", "must be a whole number"))?,
        None => 15,
    };
    let users = s
        .engine
        .call(move |e| e.find_users(&me, &search, limit))
        .await
        .map_err(|e| seed_field(e, &[]))?;
    Ok(out(users))
}

/// Creates a user (the admin token): `firstname`, `lastname`, `name` (the username),
/// `email`, `telephone_number`, `language`, `dateFormat`.
#[utoipa::path(post, path = "/api/v2/user", tag = "user controller",
    request_body(content = Object, content_type = "multipart/form-data", description = "`firstname`, `lastname`, `name` (username), `email`, `telephone_number`, `language`, `dateFormat`"),
    responses((status = 201, description = "The user", body = Object),
        (status = 400, description = "Invalid value in request", body = CamelError),
        (status = 401, description = "No valid apiKey", body = CamelError),
        (status = 403, description = "Only the admin token creates users", body = CamelError),
        (status = 409, description = "The username is taken", body = CamelError)),
    security(("apiKey" = [])))]
pub async fn create(
    State(s): State<AppState>,
    ApiKeyCaller(me): ApiKeyCaller,
    headers: HeaderMap,
    b: Bytes,
) -> CamelResult<(StatusCode, Json<Value>)> {
    let f = fields(&headers, b).await?;
    let new = NewUser {
        username: f.require("name")?.to_owned(),
        firstname: f.require("firstname")?.to_owned(),
        lastname: f.require("lastname")?.to_owned(),
        email: f.require("email")?.to_owned(),
        telephone: f
            .get("telephone_number")
            .filter(|t| !t.is_empty())
            .map(str::to_owned),
        language: f.get("language").map(str::to_owned),
        date_format: f.get("dateFormat").map(str::to_owned),
    };
    let user = s
        .engine
        .call(move |e| e.create_user(&me, new))
        .await
        .map_err(|e| seed_field(e, &[("telephone", "telephone_number")]))?;
    Ok((StatusCode::CREATED, out(user)))
}

fn user_update(f: &Fields) -> UserUpdate {
    let text = |k: &str| f.get(k).map(str::to_owned);
    UserUpdate {
        username: text("name").or_else(|| text("username")),
        firstname: text("firstname"),
        lastname: text("lastname"),
        email: text("email"),
        // "Leaving any parameter empty will submit it as such": an empty phone clears it.
        telephone: f
            .get("telephone")
            .map(|t| (!t.is_empty()).then(|| t.to_owned())),
        language: text("language"),
        date_format: text("dateFormat"),
    }
}

/// Updates a user's data (the user themselves, or the admin token); a field left out stays.
#[utoipa::path(put, path = "/api/v2/user/{id}", tag = "user controller",
    params(("id" = String, Path, description = "The user")),
    request_body(content = Object, content_type = "application/x-www-form-urlencoded", description = "Any of `firstname`, `lastname`, `name` (username), `email`, `telephone`, `language`, `dateFormat`"),
    responses((status = 200, description = "The user", body = Object),
        (status = 400, description = "Invalid value in request", body = CamelError),
        (status = 401, description = "No valid apiKey", body = CamelError),
        (status = 403, description = "Another user", body = CamelError),
        (status = 404, description = "No such user", body = CamelError)),
    security(("apiKey" = [])))]
pub async fn update(
    State(s): State<AppState>,
    ApiKeyCaller(me): ApiKeyCaller,
    Path(id): Path<String>,
    headers: HeaderMap,
    b: Bytes,
) -> CamelResult<Json<Value>> {
    let id: UserId = super::camel::path_uuid(&id, "id")?;
    let update = user_update(&fields(&headers, b).await?);
    let user = s
        .engine
        .call(move |e| e.update_user(&me, id, update))
        .await
        .map_err(|e| seed_field(e, &[]))?;
    Ok(out(user))
}

/// `usernameUpdate`, `firstnameUpdate`, `lastnameUpdate`: `id` and the one field.
async fn one_name(
    s: AppState,
    me: Actor,
    headers: HeaderMap,
    b: Bytes,
    key: &'static str,
) -> CamelResult<Json<Value>> {
    let f = fields(&headers, b).await?;
    let id = UserId(f.id("id")?);
    let value = f.require(key)?.to_owned();
    let mut update = UserUpdate::default();
    match key {
        "username" => update.username = Some(value),
        "firstname" => update.firstname = Some(value),
        _ => update.lastname = Some(value),
    }
    let user = s
        .engine
        .call(move |e| e.update_user(&me, id, update))
        .await
        .map_err(|e| seed_field(e, &[("username", "username")]))?;
    Ok(out(user))
}

macro_rules! name_route {
    ($fn:ident, $path:literal, $key:literal) => {
        #[doc = concat!("Updates a user's ", $key, " (`id`, `", $key, "`; the user themselves).")]
        #[utoipa::path(put, path = $path, tag = "user controller",
            request_body(content = Object, content_type = "application/x-www-form-urlencoded", description = concat!("`id` (the user), `", $key, "`")),
            responses((status = 200, description = "The user", body = Object),
                (status = 400, description = "Invalid value in request", body = CamelError),
                (status = 401, description = "No valid apiKey", body = CamelError),
                (status = 403, description = "Another user", body = CamelError),
                (status = 404, description = "No such user", body = CamelError),
                (status = 409, description = "The username is taken", body = CamelError)),
            security(("apiKey" = [])))]
        pub async fn $fn(
            State(s): State<AppState>,
            ApiKeyCaller(me): ApiKeyCaller,
            headers: HeaderMap,
            b: Bytes,
        ) -> CamelResult<Json<Value>> {
            one_name(s, me, headers, b, $key).await
        }
    };
}

name_route!(username_update, "/api/v2/user/usernameUpdate", "username");
name_route!(
    firstname_update,
    "/api/v2/user/firstnameUpdate",
    "firstname"
);
name_route!(lastname_update, "/api/v2/user/lastnameUpdate", "lastname");

#[cfg(test)]
mod tests {
    use super::search_ok;

    #[test]
    fn the_search_pattern_as_the_seed_writes_it() {
        for ok in [
            "",
            "ann",
            "+3161234",
            "ann smit",
            "a.b@example.org",
            "x@example.org",
        ] {
            assert!(search_ok(ok), "{ok}");
        }
        for bad in ["@example.org", "%", "-ann", "(ann)"] {
            assert!(!search_ok(bad), "{bad}");
        }
    }
}
