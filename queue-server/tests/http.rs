//! The server as a client sees it: a real HTTP client against a server on `127.0.0.1:0`,
//! every route's success and its error statuses, and a day in the life of an agent.

mod common;

use common::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

#[tokio::test]
async fn a_day_in_the_life_over_http() {
    let s = Server::start().await;
    assert_eq!(s.call(Method::GET, "/healthz", None, None).await.0, 200);
    let (_, ann) = s.user("ann").await;
    // Ann creates her company and is its owner; she staffs the support queue herself.
    let acme = s
        .ok(
            Method::POST,
            "/api/companies",
            &ann,
            Some(json!({"name": "Acme"})),
        )
        .await;
    let acme_id = id(&acme);
    let members = s
        .ok(
            Method::GET,
            &format!("/api/company-users?company_ids[]={acme_id}"),
            &ann,
            None,
        )
        .await;
    let me = members[0]["id"].as_str().unwrap().to_owned();
    let q = s
        .ok(
            Method::POST,
            "/api/queues",
            &ann,
            Some(json!({"company_id": acme_id, "name": "support", "offer_timeout": 30})),
        )
        .await;
    let q_id = id(&q);
    s.ok(
        Method::PUT,
        &format!("/api/company-user-states/{me}"),
        &ann,
        Some(json!({"show": "available"})),
    )
    .await;
    // The queue has no operators yet: Ann is not eligible, the chat waits.
    let (status, stay) = s
        .call(
            Method::POST,
            "/api/queued-objects",
            Some(&ann),
            Some(json!({"queue_id": q_id, "company_id": acme_id, "name": "Visitor"})),
        )
        .await;
    assert_eq!(status, 201, "{stay}");
    assert_eq!(stay["state"], "waiting");
    let stay_id = id(&stay);
    let pos = s
        .ok(
            Method::GET,
            &format!("/api/queued-objects/{stay_id}/position"),
            &ann,
            None,
        )
        .await;
    assert_eq!(pos["position"], 1);
    let status = s
        .ok(
            Method::GET,
            &format!("/api/queues/{q_id}/status"),
            &ann,
            None,
        )
        .await;
    assert_eq!(
        (status["waiting"].clone(), status["open"].clone()),
        (json!(1), json!(true))
    );
    let why = s
        .ok(
            Method::GET,
            &format!(
                "/api/queueable-objects/{}/explain",
                stay["object_id"].as_str().unwrap()
            ),
            &ann,
            None,
        )
        .await;
    assert!(why.is_array(), "{why}");
    // A second chat, after Ann is set as the queue's operator through the library's rule:
    // an owner with a personal queue. Here: a queue of her own.
    let mine = s
        .ok(
            Method::POST,
            "/api/queues",
            &ann,
            Some(
                json!({"company_id": acme_id, "name": "ann-direct", "company_user_id": me,
                "offer_timeout": 30}),
            ),
        )
        .await;
    let chat = s
        .ok(
            Method::POST,
            "/api/queued-objects",
            &ann,
            Some(json!({"queue_id": id(&mine), "company_id": acme_id, "name": "Regular"})),
        )
        .await;
    assert_eq!(chat["state"], "offered", "{chat}");
    let chat_id = id(&chat);
    let accepted = s
        .ok(
            Method::POST,
            &format!("/api/queued-objects/{chat_id}/accept"),
            &ann,
            None,
        )
        .await;
    assert_eq!(accepted["state"], "assigned");
    assert_eq!(accepted["assigned_to"], me.as_str());
    let done = s
        .ok(
            Method::POST,
            &format!("/api/queued-objects/{chat_id}/complete"),
            &ann,
            None,
        )
        .await;
    assert_eq!(done["state"], "completed");
    let stats = s
        .ok(
            Method::GET,
            &format!(
                "/api/companies/{acme_id}/queue-stats?from=2026-03-03T00:00:00Z&to=2026-03-04T00:00:00Z"
            ),
            &ann,
            None,
        )
        .await;
    assert_eq!(stats.as_array().unwrap().len(), 2);
    let intervals = s
        .ok(
            Method::GET,
            &format!(
                "/api/companies/{acme_id}/queue-stats/intervals?from=2026-03-03T09:00:00Z&to=2026-03-03T11:00:00Z&interval_minutes=60"
            ),
            &ann,
            None,
        )
        .await;
    assert_eq!(
        intervals.as_array().unwrap().len(),
        4,
        "two hours × two queues"
    );
    let (st, bad) = s
        .call(
            Method::GET,
            &format!(
                "/api/companies/{acme_id}/queue-stats/intervals?from=2026-03-03T09:00:00Z&to=2026-03-03T11:00:00Z&interval_minutes=0"
            ),
            Some(&ann),
            None,
        )
        .await;
    assert_eq!(
        (st, bad["field"].clone()),
        (StatusCode::UNPROCESSABLE_ENTITY, json!("interval_minutes"))
    );
    let gone = s
        .ok(
            Method::POST,
            &format!("/api/queued-objects/{stay_id}/abandon"),
            &ann,
            None,
        )
        .await;
    assert_eq!(gone["state"], "abandoned");
}

#[tokio::test]
async fn each_error_status_from_a_real_request() {
    let s = Server::start().await;
    let (ann_id, ann) = s.user("ann").await;
    let (bob_id, bob) = s.user("bob").await;
    let acme = id(&s
        .ok(
            Method::POST,
            "/api/companies",
            &ann,
            Some(json!({"name": "Acme"})),
        )
        .await);
    let other = id(&s
        .ok(
            Method::POST,
            "/api/companies",
            &bob,
            Some(json!({"name": "Other"})),
        )
        .await);
    // Bob joins Acme as an agent.
    s.ok(
        Method::POST,
        "/api/company-users",
        &ann,
        Some(json!({"company_id": acme, "user_id": bob_id, "role": "agent"})),
    )
    .await;

    // 401: no token, a wrong one.
    let (st, body) = s.call(Method::GET, "/api/companies", None, None).await;
    assert_eq!(st, 401);
    assert_eq!(body["code"], "ERR_UNAUTHENTICATED");
    assert_eq!(
        s.call(Method::GET, "/api/companies", Some("cnq_nonsense"), None)
            .await
            .0,
        401
    );
    // 403: an agent creating a queue.
    let (st, body) = s
        .call(
            Method::POST,
            "/api/queues",
            Some(&bob),
            Some(json!({"company_id": acme, "name": "sales"})),
        )
        .await;
    assert_eq!(st, 403, "{body}");
    // 404: another company's resource, and ids that are not ids.
    let (st, _) = s
        .call(
            Method::GET,
            &format!("/api/companies/{other}"),
            Some(&ann),
            None,
        )
        .await;
    assert_eq!(st, 404);
    assert_eq!(
        s.call(Method::GET, "/api/queues/not-an-id", Some(&ann), None)
            .await
            .0,
        404
    );
    // 405: a method the route does not have.
    let (st, _) = s
        .call(
            Method::DELETE,
            &format!("/api/users/{ann_id}"),
            Some(&ann),
            None,
        )
        .await;
    assert_eq!(st, 405);
    // 422: a bad field, a wrong type, an unknown field, not JSON — each naming the field.
    for (body, field) in [
        (
            json!({"company_id": acme, "name": "x", "priority_delay": -1}),
            "priority_delay",
        ),
        (json!({"company_id": acme, "name": 7}), "name"),
        (
            json!({"company_id": acme, "name": "x", "colour": "red"}),
            "colour",
        ),
    ] {
        let (st, v) = s
            .call(Method::POST, "/api/queues", Some(&ann), Some(body))
            .await;
        assert_eq!(st, 422, "{v}");
        assert_eq!(v["code"], "ERR_INVALID_INPUT");
        assert_eq!(v["field"], field, "{v}");
    }
    let raw = s
        .http
        .post(format!("{}/api/queues", s.base))
        .bearer_auth(&ann)
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(raw.status(), 422);
    // 409 with its reason: a full queue.
    let full = id(&s
        .ok(
            Method::POST,
            "/api/queues",
            &ann,
            Some(json!({"company_id": acme, "name": "tiny", "max_waiting": 1})),
        )
        .await);
    let chat = json!({"queue_id": full, "company_id": acme, "name": "Visitor"});
    s.ok(
        Method::POST,
        "/api/queued-objects",
        &ann,
        Some(chat.clone()),
    )
    .await;
    let (st, v) = s
        .call(Method::POST, "/api/queued-objects", Some(&ann), Some(chat))
        .await;
    assert_eq!(st, 409);
    assert_eq!(v["reason"], "queue_full");
    // 413: a body over the limit.
    let huge = "x".repeat(queue_server::BODY_LIMIT + 1);
    let r = s
        .http
        .post(format!("{}/api/companies", s.base))
        .bearer_auth(&ann)
        .body(huge)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 413);
}

#[tokio::test]
async fn the_crud_routes_answer_what_they_changed() {
    let s = Server::start().await;
    let (ann_id, ann) = s.user("ann").await;
    let acme = id(&s
        .ok(
            Method::POST,
            "/api/companies",
            &ann,
            Some(json!({"name": "Acme", "is_public": true})),
        )
        .await);
    let listed = s
        .ok(
            Method::GET,
            "/api/companies?with[]=queues&with[]=users",
            &ann,
            None,
        )
        .await;
    assert_eq!(listed[0]["queues"], json!([]));
    let (st, v) = s
        .call(
            Method::GET,
            "/api/companies?with[]=nonsense",
            Some(&ann),
            None,
        )
        .await;
    assert_eq!(
        (st, v["field"].clone()),
        (StatusCode::UNPROCESSABLE_ENTITY, json!("with"))
    );
    let renamed = s
        .ok(
            Method::PUT,
            &format!("/api/companies/{acme}"),
            &ann,
            Some(json!({"name": "Acme Inc"})),
        )
        .await;
    assert_eq!(renamed["name"], "Acme Inc");
    let skill = s
        .ok(
            Method::POST,
            "/api/skills",
            &ann,
            Some(json!({"company_id": acme, "name": "dutch"})),
        )
        .await;
    let skill_id = id(&skill);
    let skills = s
        .ok(
            Method::GET,
            &format!("/api/skills?company_id={acme}"),
            &ann,
            None,
        )
        .await;
    assert_eq!(skills[0]["name"], "dutch");
    s.ok(
        Method::PUT,
        &format!("/api/skills/{skill_id}"),
        &ann,
        Some(json!({"name": "Dutch"})),
    )
    .await;
    assert_eq!(
        s.ok(Method::GET, &format!("/api/skills/{skill_id}"), &ann, None)
            .await["name"],
        "Dutch"
    );
    s.ok(
        Method::DELETE,
        &format!("/api/skills/{skill_id}"),
        &ann,
        None,
    )
    .await;
    let q = id(&s
        .ok(
            Method::POST,
            "/api/queues",
            &ann,
            Some(json!({"company_id": acme, "name": "support"})),
        )
        .await);
    let changed = s
        .ok(
            Method::PUT,
            &format!("/api/queues/{q}"),
            &ann,
            Some(json!({"strategy": "ring_all", "priority_delay": null})),
        )
        .await;
    assert_eq!(changed["strategy"], "ring_all");
    let queues = s
        .ok(
            Method::GET,
            &format!("/api/queues?company_id={acme}"),
            &ann,
            None,
        )
        .await;
    assert_eq!(queues.as_array().unwrap().len(), 1);
    s.ok(Method::DELETE, &format!("/api/queues/{q}"), &ann, None)
        .await;
    let user = s
        .ok(
            Method::GET,
            &format!("/api/users/{ann_id}?with[]=companies"),
            &ann,
            None,
        )
        .await;
    assert_eq!(user["companies"][0]["name"], "Acme Inc");
    s.ok(
        Method::PUT,
        &format!("/api/users/{ann_id}"),
        &ann,
        Some(json!({"firstname": "Anna"})),
    )
    .await;
    s.ok(
        Method::DELETE,
        &format!("/api/companies/{acme}"),
        &ann,
        None,
    )
    .await;
    assert_eq!(
        s.call(
            Method::GET,
            &format!("/api/companies/{acme}"),
            Some(&ann),
            None
        )
        .await
        .0,
        404
    );
}

#[test]
fn the_committed_openapi_document_is_what_the_routes_say() {
    let committed = include_str!("../openapi.json");
    let generated = queue_server::openapi::json();
    if committed != generated {
        panic!(
            "queue-server/openapi.json is stale: run `cargo run -p queue-server -- --openapi > \
             queue-server/openapi.json`"
        );
    }
    let doc: Value = serde_json::from_str(&generated).unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    assert!(doc["paths"]["/api/queued-objects/{stay_id}/accept"]["post"].is_object());
}
