//! Live events over HTTP: an agent desktop listens to `/api/events` (Server-Sent Events),
//! gets its offer there, accepts and completes; a dropped connection resumes with
//! `Last-Event-ID`; what a token may watch is the core's rule.

mod common;

use common::*;
use reqwest::Method;
use serde_json::{json, Value};
use std::time::Duration;

/// One Server-Sent Events stream, read frame by frame.
struct Events {
    resp: reqwest::Response,
    buf: String,
}

/// One frame: the SSE `id`, `event` and the JSON `data`.
struct Frame {
    id: u64,
    event: String,
    data: Value,
}

impl Events {
    async fn open(s: &Server, path: &str, token: &str, last_id: Option<u64>) -> Events {
        let mut r = s.http.get(format!("{}{path}", s.base)).bearer_auth(token);
        if let Some(id) = last_id {
            r = r.header("Last-Event-ID", id.to_string());
        }
        let resp = r.send().await.unwrap();
        assert_eq!(resp.status(), 200, "{path}");
        assert_eq!(
            resp.headers()["content-type"].to_str().unwrap(),
            "text/event-stream"
        );
        Events {
            resp,
            buf: String::new(),
        }
    }

    /// The next event frame (keep-alive comments skipped), within five seconds.
    async fn next(&mut self) -> Frame {
        loop {
            if let Some(end) = self.buf.find("\n\n") {
                let frame: String = self.buf.drain(..end + 2).collect();
                let (mut id, mut event, mut data) = (None, String::new(), String::new());
                for line in frame.lines() {
                    if let Some(v) = line.strip_prefix("id:") {
                        id = Some(v.trim().parse().unwrap());
                    } else if let Some(v) = line.strip_prefix("event:") {
                        event = v.trim().to_owned();
                    } else if let Some(v) = line.strip_prefix("data:") {
                        data.push_str(v.trim_start());
                    }
                }
                if let Some(id) = id {
                    let data = serde_json::from_str(&data).unwrap();
                    return Frame { id, event, data };
                }
                continue;
            }
            let chunk = tokio::time::timeout(Duration::from_secs(5), self.resp.chunk())
                .await
                .expect("an event within 5 s")
                .unwrap()
                .expect("the stream goes on");
            self.buf.push_str(std::str::from_utf8(&chunk).unwrap());
        }
    }

    /// Frames until one of type `event`; all of them, that one last.
    async fn until(&mut self, event: &str) -> Vec<Frame> {
        let mut seen = Vec::new();
        loop {
            let f = self.next().await;
            let done = f.event == event;
            seen.push(f);
            if done {
                return seen;
            }
        }
    }
}

/// Ann's company, her membership and a queue of her own (she is its operator), her token.
async fn ann_with_a_queue(s: &Server) -> (String, String, String, String) {
    let (_, ann) = s.user("ann").await;
    let acme = id(&s
        .ok(
            Method::POST,
            "/api/companies",
            &ann,
            Some(json!({"name": "Acme"})),
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
    let me = members[0]["id"].as_str().unwrap().to_owned();
    let q = id(&s
        .ok(
            Method::POST,
            "/api/queues",
            &ann,
            Some(
                json!({"company_id": acme, "name": "ann-direct", "company_user_id": me,
                "offer_timeout": 30}),
            ),
        )
        .await);
    (ann, acme, me, q)
}

#[tokio::test]
async fn an_agent_gets_the_offer_through_the_event_stream_and_resumes_after_a_drop() {
    let s = Server::start().await;
    let (ann, acme, me, q) = ann_with_a_queue(&s).await;
    let mut events =
        Events::open(&s, &format!("/api/events?company_user_id={me}"), &ann, None).await;
    s.ok(
        Method::PUT,
        &format!("/api/company-user-states/{me}"),
        &ann,
        Some(json!({"show": "available"})),
    )
    .await;
    let ready = events.until("presence_changed").await;
    assert_eq!(ready.last().unwrap().data["show"], "available");
    // A chat arrives: the desktop hears of the offer without asking.
    let chat = s
        .ok(
            Method::POST,
            "/api/queued-objects",
            &ann,
            Some(json!({"queue_id": q, "company_id": acme, "name": "Visitor"})),
        )
        .await;
    let chat_id = id(&chat);
    let offered = events.until("offered").await;
    let offer = offered.last().unwrap();
    assert_eq!(offer.data["stay_id"], chat_id.as_str());
    assert_eq!(offer.data["company_user_id"], me.as_str());
    assert!(offered
        .iter()
        .all(|f| f.data["company_user_id"] == me.as_str()));
    s.ok(
        Method::POST,
        &format!("/api/queued-objects/{chat_id}/accept"),
        &ann,
        None,
    )
    .await;
    let assigned = events.until("assigned").await;
    assert!(assigned.last().unwrap().id > offer.id);
    s.ok(
        Method::POST,
        &format!("/api/queued-objects/{chat_id}/complete"),
        &ann,
        None,
    )
    .await;
    let completed = events.until("completed").await;
    let last = completed.last().unwrap().id;
    // The connection drops after the offer; the browser resumes with Last-Event-ID and gets
    // exactly what came after it.
    drop(events);
    let mut resumed = Events::open(
        &s,
        &format!("/api/events?company_user_id={me}"),
        &ann,
        Some(offer.id),
    )
    .await;
    let again = resumed.until("completed").await;
    assert!(again.iter().all(|f| f.id > offer.id));
    assert_eq!(again.last().unwrap().id, last);
    let ids: Vec<u64> = again.iter().map(|f| f.id).collect();
    let mut sorted = ids.clone();
    sorted.dedup();
    sorted.sort();
    assert_eq!(ids, sorted, "each once, in order");
    // after_seq does the same for a client that keeps its own position.
    let mut from_seq = Events::open(
        &s,
        &format!("/api/events?company_user_id={me}&after_seq={}", offer.id),
        &ann,
        None,
    )
    .await;
    assert_eq!(from_seq.next().await.id, again[0].id);
}

#[tokio::test]
async fn the_event_stream_shows_a_token_only_what_it_may_see() {
    let s = Server::start().await;
    let (ann, acme, me, _) = ann_with_a_queue(&s).await;
    let (_, bob) = s.user("bob").await;
    // The admin token sees every company; an owner sees hers.
    let mut all = Events::open(&s, "/api/events", ADMIN, None).await;
    Events::open(&s, &format!("/api/events?company_id={acme}"), &ann, None).await;
    s.ok(
        Method::PUT,
        &format!("/api/company-user-states/{me}"),
        &ann,
        Some(json!({"show": "available"})),
    )
    .await;
    assert_eq!(all.next().await.event, "presence_changed");
    let cases = [
        (None, "/api/events".to_owned(), 401, None),
        (Some(&ann), "/api/events".to_owned(), 403, None),
        (
            Some(&bob),
            format!("/api/events?company_id={acme}"),
            404,
            None,
        ),
        (
            Some(&bob),
            format!("/api/events?company_user_id={me}"),
            404,
            None,
        ),
        (
            Some(&ann),
            "/api/events?after_seq=-1".to_owned(),
            422,
            Some("after_seq"),
        ),
        (
            Some(&ann),
            "/api/events?company_id=nope".to_owned(),
            422,
            Some("company_id"),
        ),
        (
            Some(&ann),
            "/api/events?company_user_id=x".to_owned(),
            422,
            Some("company_user_id"),
        ),
    ];
    for (token, path, status, field) in cases {
        let (got, body) = s
            .call(Method::GET, &path, token.map(String::as_str), None)
            .await;
        assert_eq!(got, status, "{path}: {body}");
        if let Some(f) = field {
            assert_eq!(body["field"], f, "{path}");
        }
    }
    let bad_id = s
        .http
        .get(format!("{}/api/events?company_id={acme}", s.base))
        .bearer_auth(&ann)
        .header("Last-Event-ID", "yesterday")
        .send()
        .await
        .unwrap();
    assert_eq!(bad_id.status(), 422);
    let body: Value = bad_id.json().await.unwrap();
    assert_eq!(body["field"], "Last-Event-ID");
}
