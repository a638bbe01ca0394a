//! LibraryH3lp's operators and assignments over HTTP (seeds 001, 002): camelCase rows,
//! `{"success": …}` answers, a PUT that ignores an illegal value, and the seeds' "not
//! supported" methods answered 405.

mod common;

use common::*;
use reqwest::Method;
use serde_json::{json, Value};

/// Acme (Ann owns it), its support queue, and Bob, an agent of Acme: (ann's token, queue,
/// bob's user id, bob's token).
async fn acme(s: &Server) -> (String, String, String, String) {
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
    let q = id(&s
        .ok(
            Method::POST,
            "/api/queues",
            &ann,
            Some(json!({"company_id": acme, "name": "support"})),
        )
        .await);
    s.ok(
        Method::POST,
        "/api/company-users",
        &ann,
        Some(json!({"company_id": acme, "user_id": bob_id, "role": "agent"})),
    )
    .await;
    (ann, q, bob_id, bob)
}

#[tokio::test]
async fn operators_and_assignments_as_libraryh3lp_shows_them() {
    let s = Server::start().await;
    let (ann, q, bob_id, _) = acme(&s).await;
    let ops = format!("/2011-12-03/queues/{q}/operators");
    let bob_op = format!("{ops}/{bob_id}");
    let added = s
        .ok(Method::POST, &ops, &ann, Some(json!({"userId": bob_id})))
        .await;
    assert_eq!(added, json!({"success": true}));
    let listed = s.ok(Method::GET, &ops, &ann, None).await;
    let row = &listed[0];
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(row["queueId"], q.as_str());
    assert_eq!(row["queue"], "support");
    assert_eq!(row["queueShow"], "unavailable");
    assert_eq!(row["userId"], bob_id.as_str());
    assert_eq!(row["user"], "bob");
    assert_eq!(row["userShow"], "unavailable");
    assert_eq!(row["enabled"], true);
    // Suspend with null, as the seed's example does; an illegal value is ignored and the
    // row answered as it is; true enables again.
    let suspended = s
        .ok(Method::PUT, &bob_op, &ann, Some(json!({"enabled": null})))
        .await;
    assert_eq!(suspended[0]["enabled"], Value::Null);
    for illegal in [
        json!({"enabled": "maybe"}),
        json!({"enabled": 3}),
        json!({"colour": "red"}),
    ] {
        let same = s.ok(Method::PUT, &bob_op, &ann, Some(illegal)).await;
        assert_eq!(same, suspended);
    }
    let enabled = s
        .ok(Method::PUT, &bob_op, &ann, Some(json!({"enabled": true})))
        .await;
    assert_eq!(enabled[0]["enabled"], true);
    // The same operator seen from the user: an assignment.
    let mine = format!("/2011-12-03/users/{bob_id}/assignments");
    let assignments = s.ok(Method::GET, &mine, &ann, None).await;
    assert_eq!(assignments, enabled);
    let gone = s
        .ok(Method::DELETE, &format!("{mine}/{q}"), &ann, None)
        .await;
    assert_eq!(gone, json!({"success": true}));
    assert_eq!(s.ok(Method::GET, &ops, &ann, None).await, json!([]));
    let again = s
        .ok(Method::POST, &mine, &ann, Some(json!({"queueId": q})))
        .await;
    assert_eq!(again, json!({"success": true}));
    let suspended = s
        .ok(
            Method::PUT,
            &format!("{mine}/{q}"),
            &ann,
            Some(json!({"enabled": null})),
        )
        .await;
    assert_eq!(suspended[0]["enabled"], Value::Null);
    assert_eq!(
        s.ok(Method::DELETE, &bob_op, &ann, None).await,
        json!({"success": true})
    );
}

/// A request (method, path, token, body) and what it must answer (status, conflict reason).
type Case<'a> = (
    Method,
    String,
    Option<&'a str>,
    Option<Value>,
    u16,
    Option<&'a str>,
);

#[tokio::test]
async fn libraryh3lp_failures_answer_success_null_with_a_message() {
    let s = Server::start().await;
    let (ann, q, bob_id, bob) = acme(&s).await;
    let ops = format!("/2011-12-03/queues/{q}/operators");
    let nobody = "019b8d62-7a80-7000-8000-00000000beef";
    s.ok(Method::POST, &ops, &ann, Some(json!({"userId": bob_id})))
        .await;
    let cases: Vec<Case> = vec![
        (Method::GET, ops.clone(), None, None, 401, None),
        (
            Method::POST,
            ops.clone(),
            Some(&bob),
            Some(json!({"userId": bob_id})),
            403,
            None,
        ),
        (
            Method::POST,
            ops.clone(),
            Some(&ann),
            Some(json!({"userId": bob_id})),
            409,
            Some("already_operator"),
        ),
        (
            Method::POST,
            ops.clone(),
            Some(&ann),
            Some(json!({})),
            422,
            None,
        ),
        (
            Method::POST,
            ops.clone(),
            Some(&ann),
            Some(json!({"userId": nobody})),
            404,
            None,
        ),
        (
            Method::GET,
            format!("/2011-12-03/queues/{nobody}/operators"),
            Some(&ann),
            None,
            404,
            None,
        ),
        (
            Method::GET,
            "/2011-12-03/queues/12/operators".into(),
            Some(&ann),
            None,
            404,
            None,
        ),
        (
            Method::DELETE,
            format!("{ops}/{nobody}"),
            Some(&ann),
            None,
            404,
            None,
        ),
        (
            Method::POST,
            format!("/2011-12-03/users/{bob_id}/assignments"),
            Some(&ann),
            Some(json!({"queueId": "x"})),
            422,
            None,
        ),
    ];
    for (method, path, token, body, status, reason) in cases {
        let (got, answer) = s.call(method.clone(), &path, token, body).await;
        assert_eq!(got, status, "{method} {path}: {answer}");
        if status != 401 {
            assert_eq!(answer["success"], Value::Null, "{path}: {answer}");
            assert!(answer["message"].is_string(), "{path}: {answer}");
        }
        if let Some(r) = reason {
            assert_eq!(answer["reason"], r);
        }
    }
    let (_, answer) = s
        .call(Method::POST, &ops, Some(&ann), Some(json!({"user": 1})))
        .await;
    assert_eq!(answer["field"], "userId");
    // The seeds' "Not supported" methods.
    for (method, path) in [
        (Method::GET, format!("{ops}/{bob_id}")),
        (Method::POST, format!("{ops}/{bob_id}")),
        (Method::PUT, ops.clone()),
        (Method::DELETE, ops.clone()),
        (
            Method::GET,
            format!("/2011-12-03/users/{bob_id}/assignments/{q}"),
        ),
        (
            Method::POST,
            format!("/2011-12-03/users/{bob_id}/assignments/{q}"),
        ),
        (
            Method::PUT,
            format!("/2011-12-03/users/{bob_id}/assignments"),
        ),
        (
            Method::DELETE,
            format!("/2011-12-03/users/{bob_id}/assignments"),
        ),
    ] {
        let (got, _) = s.call(method.clone(), &path, Some(&ann), None).await;
        assert_eq!(got, 405, "{method} {path}");
    }
}
