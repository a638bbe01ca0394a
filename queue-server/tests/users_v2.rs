//! Seed 004's user controller over HTTP: form-urlencoded PUTs, multipart POSTs, the `apiKey`
//! header, the seed's field names and patterns (400 naming the field), and a presence status
//! set, locked and unlocked.

mod common;

use common::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// A body as seed 004 sends it.
enum Body<'a> {
    None,
    /// `application/x-www-form-urlencoded`, written out as the seed's samples do.
    Form(&'a str),
    /// `multipart/form-data` with these text fields.
    Multipart(&'a [(&'a str, &'a str)]),
}

async fn v2(
    s: &Server,
    method: Method,
    path: &str,
    key: Option<&str>,
    body: Body<'_>,
) -> (StatusCode, Value) {
    let mut r = s.http.request(method, format!("{}{path}", s.base));
    if let Some(k) = key {
        r = r.header("apiKey", k);
    }
    r = match body {
        Body::None => r,
        Body::Form(f) => r
            .header("content-type", "application/x-www-form-urlencoded")
            .body(f.to_owned()),
        Body::Multipart(fields) => {
            let mut text = String::new();
            for (k, v) in fields {
                text.push_str(&format!(
                    "--BoUnDaRy\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"
                ));
            }
            text.push_str("--BoUnDaRy--\r\n");
            r.header("content-type", "multipart/form-data; boundary=BoUnDaRy")
                .body(text)
        }
    };
    let resp = r.send().await.unwrap();
    let status = resp.status();
    let text = resp.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

/// Ann, created through the user controller, with a key and a company of her own:
/// (user id, key, company id, membership).
async fn ann(s: &Server) -> (String, String, String, String) {
    let (st, user) = v2(
        s,
        Method::POST,
        "/api/v2/user",
        Some(ADMIN),
        Body::Multipart(&[
            ("firstname", "Ann"),
            ("lastname", "Smit"),
            ("name", "ann.smit"),
            ("email", "ann@example.org"),
            ("telephone_number", "+31612345678"),
            ("language", "en"),
            ("dateFormat", "en_GB"),
            ("groups", "[1]"),
            ("sendActivationMail", "true"),
        ]),
    )
    .await;
    assert_eq!(st, 201, "{user}");
    assert_eq!(user["username"], "ann.smit");
    assert_eq!(user["dateFormat"], "en_GB");
    let uid = id(&user);
    let token = s
        .ok(
            Method::POST,
            &format!("/api/users/{uid}/tokens"),
            ADMIN,
            Some(json!({"name": "desk"})),
        )
        .await["secret"]
        .as_str()
        .unwrap()
        .to_owned();
    let acme = id(&s
        .ok(
            Method::POST,
            "/api/companies",
            &token,
            Some(json!({"name": "Acme"})),
        )
        .await);
    let me = s
        .ok(
            Method::GET,
            &format!("/api/company-users?company_ids[]={acme}"),
            &token,
            None,
        )
        .await[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    (uid, token, acme, me)
}

#[tokio::test]
async fn the_user_controller_edits_a_user_and_their_agent_settings() {
    let s = Server::start().await;
    let (uid, key, _, me) = ann(&s).await;
    let k = Some(key.as_str());
    let (st, found) = v2(
        &s,
        Method::GET,
        "/api/v2/user?search=ann@example.org",
        k,
        Body::None,
    )
    .await;
    assert_eq!(st, 200);
    assert_eq!(found[0]["id"], uid.as_str());
    let (st, user) = v2(
        &s,
        Method::PUT,
        &format!("/api/v2/user/{uid}"),
        k,
        Body::Form("firstname='Anna'&telephone="),
    )
    .await;
    assert_eq!(st, 200, "{user}");
    assert_eq!(
        (user["firstname"].clone(), user["telephone"].clone()),
        (json!("Anna"), Value::Null)
    );
    let form = format!("id={uid}&username='anna.smit'");
    let (_, user) = v2(
        &s,
        Method::PUT,
        "/api/v2/user/usernameUpdate",
        k,
        Body::Form(&form),
    )
    .await;
    assert_eq!(user["username"], "anna.smit");
    let form = format!("id={uid}&lastname='de Vries'");
    let (_, user) = v2(
        &s,
        Method::PUT,
        "/api/v2/user/lastnameUpdate",
        k,
        Body::Form(&form),
    )
    .await;
    assert_eq!(user["lastname"], "de Vries");
    let form = format!("id={uid}&firstname=Ann");
    let (_, user) = v2(
        &s,
        Method::PUT,
        "/api/v2/user/firstnameUpdate",
        k,
        Body::Form(&form),
    )
    .await;
    assert_eq!(user["firstname"], "Ann");
    // userID may be the user (one company) or the membership.
    let form = format!("userID='{uid}'&maxChats=3");
    let (st, cu) = v2(
        &s,
        Method::PUT,
        "/api/v2/user/maxChats",
        k,
        Body::Form(&form),
    )
    .await;
    assert_eq!(st, 200, "{cu}");
    assert_eq!(cu["maxNumberOfObjectsHandled"], 3);
    for (path, state, key_) in [
        ("chatSoundNewMessage", "0", "soundOnNewMessage"),
        ("notifyOnTicketAssignment", "1", "notifyOnAssignment"),
        ("callsAutoAnswer", "1", "autoAnswerCalls"),
    ] {
        let form = format!("userID={me}&state={state}");
        let (st, settings) = v2(
            &s,
            Method::PUT,
            &format!("/api/v2/user/{path}"),
            k,
            Body::Form(&form),
        )
        .await;
        assert_eq!(st, 200, "{path}: {settings}");
        assert_eq!(settings[key_], state == "1", "{path}");
    }
    let stat = [
        ("userID", me.as_str()),
        ("statistic", "answered_chats"),
        ("statisticOption", "today"),
        ("statisticSecondaryOption", ""),
    ];
    let (st, settings) = v2(
        &s,
        Method::POST,
        "/api/v2/user/userStatistic",
        k,
        Body::Multipart(&stat),
    )
    .await;
    assert_eq!(st, 200, "{settings}");
    assert_eq!(
        settings["watchedStatistics"][0]["statistic"],
        "answered_chats"
    );
    let toggle = |t: &str| {
        format!("userID={me}&statistic=answered_chats&statisticPrimaryOption=today&statisticSecondaryOption=&watchToggle={t}")
    };
    let (_, settings) = v2(
        &s,
        Method::PUT,
        "/api/v2/user/watch",
        k,
        Body::Form(&toggle("unwatch")),
    )
    .await;
    assert_eq!(settings["watchedStatistics"], json!([]));
    v2(
        &s,
        Method::PUT,
        "/api/v2/user/watch",
        k,
        Body::Form(&toggle("watch")),
    )
    .await;
    let form = format!("userID={me}&statistic=answered_chats&statisticPrimaryOption=today&statisticSecondaryOption=");
    let (_, settings) = v2(
        &s,
        Method::DELETE,
        "/api/v2/user/userStatistic",
        k,
        Body::Form(&form),
    )
    .await;
    assert_eq!(settings["watchedStatistics"], json!([]));
    let (_, settings) = v2(
        &s,
        Method::GET,
        &format!("/api/v2/user/settings?userID={me}"),
        k,
        Body::None,
    )
    .await;
    assert_eq!(
        (
            settings["soundOnNewMessage"].clone(),
            settings["autoAnswerCalls"].clone()
        ),
        (json!(false), json!(true))
    );
}

#[tokio::test]
async fn an_agent_is_put_in_a_status_locked_there_and_freed() {
    let s = Server::start().await;
    let (uid, key, acme, me) = ann(&s).await;
    let k = Some(key.as_str());
    let lunch = id(&s
        .ok(
            Method::POST,
            "/api/presence-statuses",
            &key,
            Some(json!({"company_id": acme, "name": "Lunch", "show": "away"})),
        )
        .await);
    let training = id(&s
        .ok(
            Method::POST,
            "/api/presence-statuses",
            &key,
            Some(json!({"company_id": acme, "name": "Training", "show": "dnd"})),
        )
        .await);
    let listed = s
        .ok(
            Method::GET,
            &format!("/api/presence-statuses?company_id={acme}"),
            &key,
            None,
        )
        .await;
    assert_eq!(listed.as_array().unwrap().len(), 2);
    let sample = [
        ("userID", uid.as_str()),
        ("userEmailAddress", "ann@example.org"),
        ("statusID", lunch.as_str()),
        ("lastInternalCallID", "1"),
        ("browserRequestTime", "0"),
    ];
    let (st, p) = v2(
        &s,
        Method::POST,
        "/api/v2/user/updateStatus",
        k,
        Body::Multipart(&sample),
    )
    .await;
    assert_eq!(st, 200, "{p}");
    assert_eq!(
        (p["show"].clone(), p["statusId"].clone()),
        (json!("away"), json!(lunch))
    );
    let (st, p) = v2(
        &s,
        Method::POST,
        "/api/v2/user/statusLock",
        k,
        Body::Multipart(&[("userID", me.as_str()), ("status", training.as_str())]),
    )
    .await;
    assert_eq!(st, 200, "{p}");
    assert_eq!(p["show"], "dnd");
    assert!(p["lock"].is_object(), "{p}");
    let (st, refused) = v2(
        &s,
        Method::POST,
        "/api/v2/user/updateStatus",
        k,
        Body::Multipart(&sample),
    )
    .await;
    assert_eq!(st, 409, "locked: {refused}");
    let (_, p) = v2(
        &s,
        Method::POST,
        "/api/v2/user/statusLockDelete",
        k,
        Body::Multipart(&[("userID", me.as_str())]),
    )
    .await;
    assert_eq!(p["lock"], Value::Null);
    let (st, _) = v2(
        &s,
        Method::POST,
        "/api/v2/user/updateStatus",
        k,
        Body::Multipart(&sample),
    )
    .await;
    assert_eq!(st, 200);
    let (st, _) = s
        .call(
            Method::DELETE,
            &format!("/api/presence-statuses/{lunch}"),
            Some(&key),
            None,
        )
        .await;
    assert_eq!(st, 409, "in use");
}

#[tokio::test]
async fn each_seed_pattern_broken_is_400_naming_the_seeds_field() {
    let s = Server::start().await;
    let (uid, key, _, me) = ann(&s).await;
    let k = Some(key.as_str());
    let create = |field: &'static str, value: &'static str| {
        let mut f = vec![
            ("firstname", "Bob"),
            ("lastname", "Jones"),
            ("name", "bob"),
            ("email", "bob@example.org"),
        ];
        f.retain(|(k, _)| *k != field);
        f.push((field, value));
        f
    };
    for (field, value) in [
        ("firstname", "Bob1"),
        ("lastname", "<b>"),
        ("name", "bob jones"),
        ("email", "bob"),
        ("telephone_number", "0612"),
        ("language", "english"),
        ("dateFormat", "dd-mm"),
    ] {
        let fields = create(field, value);
        let (st, answer) = v2(
            &s,
            Method::POST,
            "/api/v2/user",
            Some(ADMIN),
            Body::Multipart(&fields),
        )
        .await;
        assert_eq!(st, 400, "{field}={value}: {answer}");
        assert_eq!(answer["message"], "Invalid value in request");
        assert_eq!(answer["field"], field, "{answer}");
    }
    let put = |p: &str| format!("/api/v2/user/{p}");
    let cases = [
        (
            Method::GET,
            "/api/v2/user?search=%25".to_owned(),
            Body::None,
            "search",
        ),
        (Method::PUT, put(&uid), Body::Form("name=a b"), "name"),
        (
            Method::PUT,
            put("maxChats"),
            Body::Form(&format!("userID={me}&maxChats=many")),
            "maxChats",
        ),
        (
            Method::PUT,
            put("maxChats"),
            Body::Form("maxChats=2"),
            "userID",
        ),
        (
            Method::PUT,
            put("maxChats"),
            Body::Form("userID=x&maxChats=2"),
            "userID",
        ),
        (
            Method::PUT,
            put("chatSoundNewMessage"),
            Body::Form(&format!("userID={me}&state=2")),
            "state",
        ),
        (
            Method::PUT,
            put("usernameUpdate"),
            Body::Form(&format!("id={uid}&username=a_b")),
            "username",
        ),
        (
            Method::PUT,
            put("firstnameUpdate"),
            Body::Form("id=1&firstname=Ann"),
            "id",
        ),
        (
            Method::PUT,
            put("watch"),
            Body::Form(&format!("userID={me}&statistic=x&watchToggle=maybe")),
            "watchToggle",
        ),
        (
            Method::POST,
            put("userStatistic"),
            Body::Multipart(&[("userID", &me), ("statistic", "a-b")]),
            "statistic",
        ),
        (
            Method::POST,
            put("userStatistic"),
            Body::Multipart(&[
                ("userID", &me),
                ("statistic", "ab"),
                ("statisticOption", "a b"),
            ]),
            "statisticOption",
        ),
        (
            Method::POST,
            put("statusLock"),
            Body::Multipart(&[("userID", &me), ("status", "lunch")]),
            "status",
        ),
        (Method::GET, put("settings"), Body::None, "userID"),
    ];
    for (method, path, body, field) in cases {
        let (st, answer) = v2(&s, method.clone(), &path, k, body).await;
        assert_eq!(st, 400, "{method} {path}: {answer}");
        assert_eq!(answer["field"], field, "{method} {path}: {answer}");
    }
    // No apiKey: 401; only the admin token registers users: 403.
    assert_eq!(
        v2(&s, Method::GET, "/api/v2/user", None, Body::None)
            .await
            .0,
        401
    );
    let fields = create("name", "bob");
    assert_eq!(
        v2(
            &s,
            Method::POST,
            "/api/v2/user",
            k,
            Body::Multipart(&fields)
        )
        .await
        .0,
        403
    );
}
