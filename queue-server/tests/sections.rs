//! The sections of seed 000 that were headings only, over HTTP: hours of operation,
//! blacklist and common blacklist hours, company user skills, queue skills, queued object
//! notes, ratings, and queueable objects with their queues — each one's success, and its
//! 401, 403 (an agent), 404 (another company's) and 422 (naming the field).

mod common;

use common::*;
use reqwest::Method;
use serde_json::{json, Value};

async fn get(s: &Server, path: &str, token: &str) -> Value {
    s.ok(Method::GET, path, token, None).await
}

async fn put(s: &Server, path: &str, token: &str, body: Value) -> Value {
    s.ok(Method::PUT, path, token, Some(body)).await
}

async fn del(s: &Server, path: &str, token: &str) -> Value {
    s.ok(Method::DELETE, path, token, None).await
}

/// A POST that must answer 201.
async fn post(s: &Server, path: &str, token: &str, body: Value) -> Value {
    let (st, v) = s.call(Method::POST, path, Some(token), Some(body)).await;
    assert_eq!(st, 201, "{path}: {v}");
    v
}

/// Acme (Ann owns it, Bob is an agent, a "support" queue) and Other (Carl owns it, with a
/// queue of its own).
struct World {
    acme: String,
    ann: String,
    ann_cu: String,
    bob: String,
    bob_cu: String,
    other: String,
    carl: String,
    carl_cu: String,
    support: String,
    other_q: String,
}

/// A company of `token`'s user, with a queue: (company, the owner's membership, queue).
async fn company(s: &Server, token: &str, name: &str) -> (String, String, String) {
    let c = id(&post(s, "/api/companies", token, json!({ "name": name })).await);
    let members = get(s, &format!("/api/company-users?company_ids[]={c}"), token).await;
    let q = json!({"company_id": c, "name": "support", "offer_timeout": 30});
    let q = id(&post(s, "/api/queues", token, q).await);
    (c, id(&members[0]), q)
}

async fn world(s: &Server) -> World {
    let (_, ann) = s.user("ann").await;
    let (bob_id, bob) = s.user("bob").await;
    let (_, carl) = s.user("carl").await;
    let (acme, ann_cu, support) = company(s, &ann, "Acme").await;
    let (other, carl_cu, other_q) = company(s, &carl, "Other").await;
    let agent = json!({"company_id": acme, "user_id": bob_id, "role": "agent"});
    let bob_cu = id(&post(s, "/api/company-users", &ann, agent).await);
    World {
        acme,
        ann,
        ann_cu,
        bob,
        bob_cu,
        other,
        carl,
        carl_cu,
        support,
        other_q,
    }
}

/// A request (method, path, token, body) and what it must answer: the status, and the
/// field (422) or the conflict's reason (409) it names.
type Case<'a> = (
    Method,
    String,
    Option<&'a str>,
    Option<Value>,
    u16,
    Option<&'a str>,
);

/// `METHOD path, token, body => status ["field or reason"];` as [`Case`]s.
macro_rules! cases {
    ($($m:ident $path:expr, $tok:expr, $body:expr => $st:literal $($named:literal)?;)*) => {
        vec![$(
            (Method::$m, String::from($path), $tok, $body, $st, None$(.or(Some($named)))?)
        ),*]
    };
}

async fn fails(s: &Server, cases: Vec<Case<'_>>) {
    for (method, path, token, body, status, named) in cases {
        let what = format!("{method} {path}");
        let (st, v) = s.call(method, &path, token, body).await;
        assert_eq!(st.as_u16(), status, "{what}: {v}");
        assert_eq!(
            v["code"].as_str().map(|c| c.starts_with("ERR_")),
            Some(true),
            "{what}: {v}"
        );
        if let Some(n) = named {
            let key = if status == 409 { "reason" } else { "field" };
            assert_eq!(v[key], n, "{what}: {v}");
        }
    }
}

fn weekdays(opens: &str, closes: &str) -> Value {
    let days = ["mon", "tue", "wed", "thu", "fri"];
    json!({"intervals": days.map(|d| json!({"weekday": d, "opens": opens, "closes": closes}))})
}

#[tokio::test]
async fn a_queue_closed_by_its_hours_is_not_open_at_20_00() {
    let s = Server::start().await;
    let w = world(&s).await;
    let hours = format!(
        "/api/hours-of-operation?company_id={}&queue_id={}",
        w.acme, w.support
    );
    // Nothing set: null, and the queue is always open.
    assert_eq!(get(&s, &hours, &w.ann).await, Value::Null);
    let set = put(&s, &hours, &w.ann, weekdays("10:00", "17:00")).await;
    assert_eq!(set["queue_id"], w.support.as_str());
    assert_eq!(set["intervals"][0]["opens"], "10:00:00");
    assert_eq!(
        get(&s, &hours, &w.bob).await["intervals"]
            .as_array()
            .unwrap()
            .len(),
        5
    );
    // Tuesday 3 March 2026: open at noon, closed at 20:00 until Wednesday 10:00.
    let open = |at: &str| format!("/api/queues/{}/open?at={at}", w.support);
    let noon = get(&s, &open("2026-03-03T12:00:00Z"), &w.bob).await;
    assert_eq!(
        (noon["open"].as_bool(), noon["next_change"].as_str()),
        (Some(true), Some("2026-03-03T17:00:00Z"))
    );
    let evening = get(&s, &open("2026-03-03T20:00:00Z"), &w.bob).await;
    assert_eq!(evening["open"], false, "{evening}");
    assert_eq!(evening["next_open"], "2026-03-04T10:00:00Z");
    // Now (09:00, no `at`) it is closed, and refuses a chat.
    let now = format!("/api/queues/{}/open", w.support);
    assert_eq!(get(&s, &now, &w.ann).await["open"], false);
    let chat = json!({"queue_id": w.support, "company_id": w.acme, "name": "Early bird"});
    fails(
        &s,
        cases! { POST "/api/queued-objects", Some(&w.ann), Some(chat) => 409 "queue_closed"; },
    )
    .await;
    // The company default opens 08:00–09:00; without its own hours the queue follows it.
    let default = format!("/api/hours-of-operation?company_id={}", w.acme);
    let d = put(&s, &default, &w.ann, weekdays("08:00", "09:00")).await;
    assert_eq!(d["queue_id"], Value::Null);
    del(&s, &hours, &w.ann).await;
    assert_eq!(get(&s, &hours, &w.ann).await, Value::Null);
    assert_eq!(
        get(&s, &open("2026-03-03T08:30:00Z"), &w.ann).await["open"],
        true
    );
    assert_eq!(get(&s, &now, &w.ann).await["open"], false);
    del(&s, &default, &w.ann).await;
    assert_eq!(get(&s, &now, &w.ann).await["open"], true, "always open");

    let week = || Some(weekdays("09:00", "17:00"));
    let bad_day =
        json!({"intervals": [{"weekday": "funday", "opens": "09:00", "closes": "17:00"}]});
    let late = json!({"intervals": [{"weekday": "mon", "opens": "25:99", "closes": "17:00"}]});
    let others = format!("/api/hours-of-operation?company_id={}", w.other);
    let carls_q = format!(
        "/api/hours-of-operation?company_id={}&queue_id={}",
        w.acme, w.other_q
    );
    let no_queue = format!("/api/hours-of-operation?company_id={}&queue_id=x", w.acme);
    fails(
        &s,
        cases! {
            GET &hours, None, None => 401;
            PUT &hours, None, week() => 401;
            GET &now, None, None => 401;
            PUT &hours, Some(&w.bob), week() => 403;
            DELETE &hours, Some(&w.bob), None => 403;
            PUT &default, Some(&w.bob), week() => 403;
            GET &others, Some(&w.ann), None => 404;
            PUT &others, Some(&w.ann), week() => 404;
            DELETE &others, Some(&w.ann), None => 404;
            GET format!("/api/queues/{}/open", w.other_q), Some(&w.ann), None => 404;
            GET "/api/queues/nope/open", Some(&w.ann), None => 404;
            PUT &hours, Some(&w.ann), Some(bad_day) => 422 "intervals[0].weekday";
            PUT &hours, Some(&w.ann), Some(late) => 422 "intervals[0].opens";
            PUT &hours, Some(&w.ann), Some(json!({"days": []})) => 422 "days";
            GET "/api/hours-of-operation", Some(&w.ann), None => 422 "company_id";
            GET &no_queue, Some(&w.ann), None => 422 "queue_id";
            PUT &carls_q, Some(&w.ann), week() => 422 "queue_id";
            GET open("tomorrow"), Some(&w.ann), None => 422 "at";
        },
    )
    .await;
}

#[tokio::test]
async fn a_christmas_closure_closes_a_queue_and_a_holiday_closes_them_all() {
    let s = Server::start().await;
    let w = world(&s).await;
    let xmas = json!({"queue_id": w.support, "starts_at": "2026-12-25T00:00:00Z",
        "ends_at": "2026-12-26T00:00:00Z", "reason": "Christmas"});
    let closure = post(&s, "/api/blacklist-hours", &w.ann, xmas.clone()).await;
    assert_eq!(closure["reason"], "Christmas");
    let own = |q: &str| format!("/api/blacklist-hours?queue_id={q}");
    assert_eq!(
        get(&s, &own(&w.support), &w.bob).await[0]["id"],
        id(&closure).as_str()
    );
    let open = |q: &str, at: &str| format!("/api/queues/{q}/open?at={at}");
    let on_xmas = open(&w.support, "2026-12-25T12:00:00Z");
    let status = get(&s, &on_xmas, &w.ann).await;
    assert_eq!(status["open"], false, "{status}");
    assert_eq!(status["next_open"], "2026-12-26T00:00:00Z");
    del(
        &s,
        &format!("/api/blacklist-hours/{}", id(&closure)),
        &w.ann,
    )
    .await;
    assert_eq!(get(&s, &on_xmas, &w.ann).await["open"], true);
    assert_eq!(get(&s, &own(&w.support), &w.bob).await, json!([]));
    // New Year's Day closes every queue of Acme, this one and a new one alike.
    let ny = json!({"company_id": w.acme, "starts_at": "2027-01-01T00:00:00Z",
        "ends_at": "2027-01-02T00:00:00Z", "reason": "New Year"});
    let common = post(&s, "/api/common-blacklist-hours", &w.ann, ny.clone()).await;
    assert_eq!(common["queue_id"], Value::Null);
    let sales = json!({"company_id": w.acme, "name": "sales"});
    let sales = id(&post(&s, "/api/queues", &w.ann, sales).await);
    for q in [&w.support, &sales] {
        let st = get(&s, &open(q, "2027-01-01T09:00:00Z"), &w.ann).await;
        assert_eq!(st["open"], false, "{st}");
    }
    let commons = format!("/api/common-blacklist-hours?company_id={}", w.acme);
    assert_eq!(get(&s, &commons, &w.bob).await[0]["reason"], "New Year");
    // A queue's own list does not hold the common closure.
    assert_eq!(get(&s, &own(&sales), &w.ann).await, json!([]));

    let backwards = json!({"queue_id": w.support, "starts_at": "2026-12-26T00:00:00Z",
        "ends_at": "2026-12-25T00:00:00Z"});
    let not_a_date = json!({"company_id": w.acme, "starts_at": "Christmas",
        "ends_at": "2026-12-26T00:00:00Z"});
    let carls = json!({"queue_id": w.other_q, "starts_at": "2026-12-25T00:00:00Z",
        "ends_at": "2026-12-26T00:00:00Z"});
    let no_queue = json!({"starts_at": "2026-12-25T00:00:00Z", "ends_at": "2026-12-26T00:00:00Z"});
    let long = json!({"company_id": w.acme, "starts_at": "2026-12-25T00:00:00Z",
        "ends_at": "2026-12-26T00:00:00Z", "reason": "x".repeat(201)});
    let gone = format!("/api/blacklist-hours/{}", id(&common));
    let others = format!("/api/common-blacklist-hours?company_id={}", w.other);
    fails(
        &s,
        cases! {
            GET own(&w.support), None, None => 401;
            POST "/api/blacklist-hours", None, Some(xmas.clone()) => 401;
            GET &commons, None, None => 401;
            POST "/api/common-blacklist-hours", None, Some(ny.clone()) => 401;
            DELETE &gone, None, None => 401;
            POST "/api/blacklist-hours", Some(&w.bob), Some(xmas.clone()) => 403;
            POST "/api/common-blacklist-hours", Some(&w.bob), Some(ny.clone()) => 403;
            DELETE &gone, Some(&w.bob), None => 403;
            GET own(&w.other_q), Some(&w.ann), None => 404;
            POST "/api/blacklist-hours", Some(&w.ann), Some(carls) => 404;
            GET &others, Some(&w.ann), None => 404;
            DELETE &gone, Some(&w.carl), None => 404;
            DELETE "/api/blacklist-hours/nope", Some(&w.ann), None => 404;
            POST "/api/blacklist-hours", Some(&w.ann), Some(backwards) => 422 "ends_at";
            POST "/api/blacklist-hours", Some(&w.ann), Some(no_queue) => 422 "queue_id";
            POST "/api/common-blacklist-hours", Some(&w.ann), Some(not_a_date) => 422 "starts_at";
            POST "/api/common-blacklist-hours", Some(&w.ann), Some(long) => 422 "reason";
            GET "/api/blacklist-hours", Some(&w.ann), None => 422 "queue_id";
            GET "/api/common-blacklist-hours?company_id=7", Some(&w.ann), None => 422 "company_id";
        },
    )
    .await;
    del(&s, &gone, &w.ann).await;
    assert_eq!(get(&s, &commons, &w.ann).await, json!([]));
}

#[tokio::test]
async fn an_agent_speaks_dutch_at_level_7_and_a_queue_asks_for_5() {
    let s = Server::start().await;
    let w = world(&s).await;
    let dutch = json!({"company_id": w.acme, "name": "dutch"});
    let dutch = id(&post(&s, "/api/skills", &w.ann, dutch).await);
    let carls_dutch = json!({"company_id": w.other, "name": "dutch"});
    let carls_dutch = id(&post(&s, "/api/skills", &w.carl, carls_dutch).await);
    let bobs = format!("/api/company-users/{}/skills", w.bob_cu);
    let bob_dutch = format!("{bobs}/{dutch}");
    let row = put(&s, &bob_dutch, &w.ann, json!({"level": 7})).await;
    assert_eq!(
        (row["skill_id"].as_str(), row["level"].as_u64()),
        (Some(dutch.as_str()), Some(7))
    );
    put(&s, &bob_dutch, &w.ann, json!({"level": 9})).await;
    let listed = get(&s, &bobs, &w.bob).await;
    assert_eq!(
        listed.as_array().unwrap().len(),
        1,
        "replaced, not added: {listed}"
    );
    assert_eq!(listed[0]["level"], 9);
    del(&s, &bob_dutch, &w.ann).await;
    assert_eq!(get(&s, &bobs, &w.ann).await, json!([]));

    let qs = format!("/api/queues/{}/skills", w.support);
    let q_dutch = format!("{qs}/{dutch}");
    assert_eq!(
        put(&s, &q_dutch, &w.ann, json!({"min_level": 5})).await["min_level"],
        5
    );
    assert_eq!(get(&s, &qs, &w.bob).await[0]["skill_id"], dutch.as_str());
    del(&s, &q_dutch, &w.ann).await;
    del(&s, &q_dutch, &w.ann).await; // removing none is no error
    assert_eq!(get(&s, &qs, &w.ann).await, json!([]));

    let carls = format!("/api/company-users/{}/skills", w.carl_cu);
    let carls_q = format!("/api/queues/{}/skills", w.other_q);
    let l = |n: i64| Some(json!({ "level": n }));
    let m = |n: i64| Some(json!({ "min_level": n }));
    fails(
        &s,
        cases! {
            GET &bobs, None, None => 401;
            PUT &bob_dutch, None, l(5) => 401;
            DELETE &bob_dutch, None, None => 401;
            GET &qs, None, None => 401;
            PUT &q_dutch, None, m(5) => 401;
            DELETE &q_dutch, None, None => 401;
            PUT &bob_dutch, Some(&w.bob), l(10) => 403;
            DELETE &bob_dutch, Some(&w.bob), None => 403;
            PUT &q_dutch, Some(&w.bob), m(1) => 403;
            DELETE &q_dutch, Some(&w.bob), None => 403;
            GET &carls, Some(&w.ann), None => 404;
            PUT format!("{carls}/{carls_dutch}"), Some(&w.ann), l(5) => 404;
            GET &carls_q, Some(&w.ann), None => 404;
            PUT format!("{carls_q}/{carls_dutch}"), Some(&w.ann), m(5) => 404;
            DELETE format!("{carls_q}/{carls_dutch}"), Some(&w.ann), None => 404;
            PUT format!("{bobs}/nope"), Some(&w.ann), l(5) => 404;
            DELETE format!("{qs}/nope"), Some(&w.ann), None => 404;
            PUT &bob_dutch, Some(&w.ann), l(11) => 422 "level";
            PUT &bob_dutch, Some(&w.ann), l(-1) => 422 "level";
            PUT &bob_dutch, Some(&w.ann), None => 422 "level";
            PUT format!("{bobs}/{carls_dutch}"), Some(&w.ann), l(5) => 422 "skill_id";
            PUT &q_dutch, Some(&w.ann), m(0) => 422 "min_level";
            PUT &q_dutch, Some(&w.ann), l(5) => 422 "level";
            PUT format!("{qs}/{carls_dutch}"), Some(&w.ann), m(5) => 422 "skill_id";
        },
    )
    .await;
}

/// A chat in Ann's personal queue, offered to her, accepted and completed: (object, stay).
async fn handled_chat(s: &Server, w: &World) -> (String, String) {
    let state = format!("/api/company-user-states/{}", w.ann_cu);
    put(s, &state, &w.ann, json!({"show": "available"})).await;
    let mine = json!({"company_id": w.acme, "name": "ann-direct", "company_user_id": w.ann_cu,
        "offer_timeout": 30});
    let mine = id(&post(s, "/api/queues", &w.ann, mine).await);
    let chat = json!({"queue_id": mine, "company_id": w.acme, "name": "Regular"});
    let chat = post(s, "/api/queued-objects", &w.ann, chat).await;
    assert_eq!(chat["state"], "offered", "{chat}");
    let stay = id(&chat);
    for step in ["accept", "complete"] {
        let path = format!("/api/queued-objects/{stay}/{step}");
        s.ok(Method::POST, &path, &w.ann, None).await;
    }
    (chat["object_id"].as_str().unwrap().to_owned(), stay)
}

#[tokio::test]
async fn a_note_added_to_a_chat_is_listed_and_a_handled_chat_is_rated_once() {
    let s = Server::start().await;
    let w = world(&s).await;
    let (object, stay) = handled_chat(&s, &w).await;
    let notes = format!("/api/queued-objects/{stay}/notes");
    assert_eq!(get(&s, &notes, &w.ann).await, json!([]));
    let note = post(
        &s,
        &notes,
        &w.bob,
        json!({"text": "Asked about invoice 42"}),
    )
    .await;
    assert_eq!(note["stay_id"], stay.as_str());
    post(&s, &notes, &w.ann, json!({"text": "Sent a copy"})).await;
    let listed = get(&s, &notes, &w.ann).await;
    let texts: Vec<_> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["text"].clone())
        .collect();
    assert_eq!(
        texts,
        [json!("Asked about invoice 42"), json!("Sent a copy")]
    );
    assert_eq!(listed[0]["object_id"], object.as_str());

    let rating = format!("/api/queueable-objects/{object}/rating");
    assert_eq!(get(&s, &rating, &w.ann).await, Value::Null, "not rated yet");
    let (st, r) = s
        .call(
            Method::PUT,
            &rating,
            Some(&w.bob),
            Some(json!({"score": 5, "comment": "Quick"})),
        )
        .await;
    assert_eq!(st, 201, "{r}");
    let got = get(&s, &rating, &w.ann).await;
    assert_eq!(
        (got["score"].as_u64(), got["stay_id"].as_str()),
        (Some(5), Some(stay.as_str()))
    );
    assert_eq!(got["comment"], "Quick");

    // A chat still waiting in the support queue: not handled, not to be rated.
    let waiting = json!({"queue_id": w.support, "company_id": w.acme, "name": "Visitor"});
    let waiting = post(&s, "/api/queued-objects", &w.ann, waiting).await;
    let unhandled = format!(
        "/api/queueable-objects/{}/rating",
        waiting["object_id"].as_str().unwrap()
    );
    let five = || Some(json!({"score": 5}));
    let hi = || Some(json!({"text": "hi"}));
    fails(
        &s,
        cases! {
            GET &notes, None, None => 401;
            POST &notes, None, hi() => 401;
            GET &rating, None, None => 401;
            PUT &rating, None, five() => 401;
            GET &notes, Some(&w.carl), None => 404;
            POST &notes, Some(&w.carl), hi() => 404;
            GET "/api/queued-objects/nope/notes", Some(&w.ann), None => 404;
            GET &rating, Some(&w.carl), None => 404;
            PUT &rating, Some(&w.carl), five() => 404;
            PUT "/api/queueable-objects/nope/rating", Some(&w.ann), five() => 404;
            PUT &rating, Some(&w.ann), five() => 409 "already_rated";
            PUT &unhandled, Some(&w.ann), five() => 409 "not_handled";
            POST &notes, Some(&w.ann), Some(json!({"text": ""})) => 422 "text";
            POST &notes, Some(&w.ann), Some(json!({"note": "hi"})) => 422 "note";
            PUT &unhandled, Some(&w.ann), Some(json!({"score": 6})) => 422 "score";
            PUT &unhandled, Some(&w.ann), Some(json!({"score": 4, "comment": 7})) => 422 "comment";
        },
    )
    .await;
}

#[tokio::test]
async fn a_phone_call_is_created_then_queued_twice_and_escalated() {
    let s = Server::start().await;
    let w = world(&s).await;
    let call = json!({"company_id": w.acme, "name": "+31 20 555 0100", "channel": "phone"});
    let object = id(&post(&s, "/api/queueable-objects", &w.bob, call).await);
    let path = format!("/api/queueable-objects/{object}");
    let got = get(&s, &path, &w.ann).await;
    assert_eq!(
        (got["channel"].as_str(), got["priority"].as_i64()),
        (Some("phone"), Some(0))
    );
    let queues = format!("{path}/queues");
    assert_eq!(get(&s, &queues, &w.ann).await, json!([]), "not queued yet");
    let sales = json!({"company_id": w.acme, "name": "sales"});
    let sales = id(&post(&s, "/api/queues", &w.ann, sales).await);
    for q in [&w.support, &sales] {
        let stay = post(&s, &queues, &w.bob, json!({ "queue_id": q })).await;
        assert_eq!(stay["state"], "waiting");
    }
    let stays = get(&s, &queues, &w.bob).await;
    let in_queues: Vec<_> = stays
        .as_array()
        .unwrap()
        .iter()
        .map(|st| st["queue_id"].clone())
        .collect();
    assert_eq!(in_queues, [json!(w.support), json!(sales)]);
    let raised = put(
        &s,
        &format!("{path}/priority"),
        &w.ann,
        json!({"priority": 10}),
    )
    .await;
    assert_eq!(raised["priority"], 10);
    assert_eq!(get(&s, &path, &w.bob).await["priority"], 10);

    let carls = json!({"company_id": w.other, "name": "x"});
    let carls = format!(
        "/api/queueable-objects/{}",
        id(&post(&s, "/api/queueable-objects", &w.carl, carls).await)
    );
    let new = |c: &str| Some(json!({"company_id": c, "name": "x"}));
    let p = |n: i64| Some(json!({ "priority": n }));
    let to = |q: &str| Some(json!({ "queue_id": q }));
    let priority = format!("{path}/priority");
    let preferring = Some(json!({"queue_id": w.support, "preferred_agent_id": w.bob_cu}));
    let wrong = Some(json!({"company_id": w.acme, "name": "x", "priority": "high"}));
    let nameless = Some(json!({ "company_id": w.acme }));
    fails(
        &s,
        cases! {
            POST "/api/queueable-objects", None, new(&w.acme) => 401;
            GET &path, None, None => 401;
            GET &queues, None, None => 401;
            POST &queues, None, to(&sales) => 401;
            PUT &priority, None, p(1) => 401;
            PUT &priority, Some(&w.bob), p(1) => 403;
            POST "/api/queueable-objects", Some(&w.ann), new(&w.other) => 404;
            GET &carls, Some(&w.ann), None => 404;
            GET format!("{carls}/queues"), Some(&w.ann), None => 404;
            POST format!("{carls}/queues"), Some(&w.ann), to(&w.support) => 404;
            POST &queues, Some(&w.ann), to(&w.other_q) => 404;
            PUT format!("{carls}/priority"), Some(&w.ann), p(1) => 404;
            GET "/api/queueable-objects/nope", Some(&w.ann), None => 404;
            POST &queues, Some(&w.ann), to(&sales) => 409 "already_queued";
            POST "/api/queueable-objects", Some(&w.ann), nameless => 422 "name";
            POST "/api/queueable-objects", Some(&w.ann), wrong => 422 "priority";
            PUT &priority, Some(&w.ann), p(2_000_000) => 422 "priority";
            POST &queues, Some(&w.ann), Some(json!({})) => 422 "queue_id";
            POST &queues, Some(&w.ann), preferring => 422 "preferred_agent_id";
        },
    )
    .await;
}
