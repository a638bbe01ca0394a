//! Teams over HTTP (seed 003): the `apiKey` header, `{"data": …}` envelopes, 204 deletions,
//! paged presence, and 400 `{"message": "Invalid value in request"}` for bad values.

mod common;

use common::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// A `/beta` call with the `apiKey` header.
async fn beta(
    s: &Server,
    method: Method,
    path: &str,
    key: Option<&str>,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let mut r = s.http.request(method, format!("{}{path}", s.base));
    if let Some(k) = key {
        r = r.header("apiKey", k);
    }
    if let Some(b) = body {
        r = r.json(&b);
    }
    let resp = r.send().await.unwrap();
    let status = resp.status();
    let text = resp.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

/// Acme, owned by Ann, with Bob an agent: (acme, ann's key, ann's and bob's memberships, bob's key).
async fn acme(s: &Server) -> (String, String, String, String, String) {
    let (_, ann) = s.user("ann").await;
    let (bob_id, bob) = s.user("bob").await;
    let acme = id(&s
        .ok(
            Method::POST,
            "/api/companies",
            &ann,
            Some(json!({"name": "Acme"})),
        )
        .await);
    let bob_cu = id(&s
        .ok(
            Method::POST,
            "/api/company-users",
            &ann,
            Some(json!({"company_id": acme, "user_id": bob_id, "role": "agent"})),
        )
        .await);
    let members = s
        .ok(
            Method::GET,
            &format!("/api/company-users?company_ids[]={acme}"),
            &ann,
            None,
        )
        .await;
    let ann_cu = members
        .as_array()
        .unwrap()
        .iter()
        .map(id)
        .find(|m| *m != bob_cu)
        .unwrap();
    (acme, ann, ann_cu, bob_cu, bob)
}

#[tokio::test]
async fn a_team_is_made_filled_read_paged_and_deleted() {
    let s = Server::start().await;
    let (_, ann, ann_cu, bob_cu, _) = acme(&s).await;
    let key = Some(ann.as_str());
    let (st, created) = beta(
        &s,
        Method::POST,
        "/beta/teams",
        key,
        Some(json!({"name": "Team A"})),
    )
    .await;
    assert_eq!(st, 201, "{created}");
    assert_eq!(created["data"]["name"], "Team A");
    let team = created["data"]["id"].as_str().unwrap().to_owned();
    let (st, list) = beta(&s, Method::GET, "/beta/teams", key, None).await;
    assert_eq!(st, 200);
    assert_eq!(list["data"][0]["id"], team.as_str());
    let (_, one) = beta(&s, Method::GET, &format!("/beta/teams/{team}"), key, None).await;
    assert_eq!(one["data"]["name"], "Team A");
    assert!(
        one["data"]["companyId"].is_string(),
        "camelCase keys: {one}"
    );
    let agents = format!("/beta/teams/{team}/agents");
    let (st, _) = beta(
        &s,
        Method::PATCH,
        &agents,
        key,
        Some(json!({"agentIds": [ann_cu, bob_cu]})),
    )
    .await;
    assert_eq!(st, 200);
    let (_, members) = beta(&s, Method::GET, &agents, key, None).await;
    let members = members["data"].as_array().unwrap().clone();
    assert_eq!(members.len(), 2);
    assert!(members
        .iter()
        .any(|m| m["name"] == "bob Tester" && m["email"] == "bob@example.org"));
    // Presence a page at a time, with the opaque key of the previous page.
    s.ok(
        Method::PUT,
        &format!("/api/company-user-states/{ann_cu}"),
        &ann,
        Some(json!({"show": "available"})),
    )
    .await;
    let presence = format!("/beta/teams/{team}/presence");
    let (st, first) = beta(
        &s,
        Method::GET,
        &format!("{presence}?pageLimit=1"),
        key,
        None,
    )
    .await;
    assert_eq!(st, 200, "{first}");
    assert_eq!(first["data"].as_array().unwrap().len(), 1);
    let row = &first["data"][0];
    for k in [
        "userId",
        "requestTime",
        "lastSeen",
        "presenceStatus",
        "connectionStatus",
        "activeChannels",
    ] {
        assert!(row.get(k).is_some(), "{k} in {row}");
    }
    let next = first["nextPageKey"].as_str().unwrap();
    let (_, second) = beta(
        &s,
        Method::GET,
        &format!("{presence}?pageLimit=1&pageKey={next}"),
        key,
        None,
    )
    .await;
    assert_eq!(second["data"].as_array().unwrap().len(), 1);
    assert_ne!(second["data"][0]["companyUserId"], row["companyUserId"]);
    assert_eq!(second["nextPageKey"], Value::Null);
    let (st, body) = beta(
        &s,
        Method::DELETE,
        &agents,
        key,
        Some(json!({"agentIds": [bob_cu]})),
    )
    .await;
    assert_eq!((st, body), (StatusCode::NO_CONTENT, Value::Null));
    let (_, members) = beta(&s, Method::GET, &agents, key, None).await;
    assert_eq!(members["data"].as_array().unwrap().len(), 1);
    let (st, _) = beta(
        &s,
        Method::DELETE,
        &format!("/beta/teams/{team}"),
        key,
        None,
    )
    .await;
    assert_eq!(st, 204);
    let (st, gone) = beta(&s, Method::GET, &format!("/beta/teams/{team}"), key, None).await;
    assert_eq!(st, 404);
    assert_eq!(
        gone["message"],
        "An entity in this request could not be found"
    );
}

#[tokio::test]
async fn bad_values_are_400_invalid_value_in_request_naming_the_field() {
    let s = Server::start().await;
    let (acme, ann, _, _, bob) = acme(&s).await;
    let key = Some(ann.as_str());
    let (_, created) = beta(
        &s,
        Method::POST,
        "/beta/teams",
        key,
        Some(json!({"name": "Team A"})),
    )
    .await;
    let team = created["data"]["id"].as_str().unwrap().to_owned();
    let cases = [
        (
            Method::GET,
            "/beta/teams/not-a-uuid".to_owned(),
            None,
            "teamId",
        ),
        (Method::DELETE, "/beta/teams/42".to_owned(), None, "teamId"),
        (
            Method::PATCH,
            format!("/beta/teams/{team}/agents"),
            Some(json!({"agentIds": "x"})),
            "agentIds",
        ),
        (
            Method::PATCH,
            format!("/beta/teams/{team}/agents"),
            Some(json!({"agentIds": ["x"]})),
            "agentIds",
        ),
        (
            Method::DELETE,
            format!("/beta/teams/{team}/agents"),
            Some(json!({})),
            "agentIds",
        ),
        (
            Method::POST,
            "/beta/teams".to_owned(),
            Some(json!({})),
            "name",
        ),
        (
            Method::POST,
            "/beta/teams".to_owned(),
            Some(json!({"name": ""})),
            "name",
        ),
        (
            Method::POST,
            "/beta/teams".to_owned(),
            Some(json!({"name": "B", "companyId": 7})),
            "companyId",
        ),
        (
            Method::GET,
            format!("/beta/teams/{team}/presence?pageLimit=0"),
            None,
            "pageLimit",
        ),
        (
            Method::GET,
            format!("/beta/teams/{team}/presence?pageLimit=lots"),
            None,
            "pageLimit",
        ),
        (
            Method::GET,
            format!("/beta/teams/{team}/presence?pageKey=garbage"),
            None,
            "pageKey",
        ),
    ];
    for (method, path, body, field) in cases {
        let (st, answer) = beta(&s, method.clone(), &path, key, body).await;
        assert_eq!(st, 400, "{method} {path}: {answer}");
        assert_eq!(answer["message"], "Invalid value in request", "{path}");
        assert_eq!(answer["field"], field, "{method} {path}: {answer}");
    }
    // No key, or a Bearer token where the seed wants apiKey: 401.
    assert_eq!(
        beta(&s, Method::GET, "/beta/teams", None, None).await.0,
        401
    );
    let bearer = s
        .http
        .get(format!("{}/beta/teams", s.base))
        .bearer_auth(&ann)
        .send()
        .await
        .unwrap();
    assert_eq!(bearer.status(), 401);
    // An agent may not make teams; the admin token must say which company.
    assert_eq!(
        beta(
            &s,
            Method::POST,
            "/beta/teams",
            Some(&bob),
            Some(json!({"name": "B"}))
        )
        .await
        .0,
        403
    );
    let (st, answer) = beta(&s, Method::GET, "/beta/teams", Some(ADMIN), None).await;
    assert_eq!(
        (st, answer["field"].clone()),
        (StatusCode::BAD_REQUEST, json!("companyId"))
    );
    let (st, listed) = beta(
        &s,
        Method::GET,
        &format!("/beta/teams?companyId={acme}"),
        Some(ADMIN),
        None,
    )
    .await;
    assert_eq!(st, 200);
    assert_eq!(listed["data"].as_array().unwrap().len(), 1);
    assert_eq!(
        beta(&s, Method::PUT, &format!("/beta/teams/{team}"), key, None)
            .await
            .0,
        405
    );
}
