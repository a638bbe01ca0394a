//! The binary as an operator runs it: `connectnow-queue-server --db FILE` serves, and SIGTERM
//! in the middle of a burst of enqueues lets the requests in flight finish: every enqueue
//! answered 201 is in the SQLite file afterwards, the process exits 0, and an event stream
//! open at the time ends rather than holding the shutdown.

use queue_core::{Actor, Engine, StayId};
use serde_json::{json, Value};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

const TOKEN: &str = "shutdown-test-admin";

#[tokio::test]
async fn sigterm_finishes_the_requests_in_flight_and_loses_none() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("queue.db");
    let token_file = dir.path().join("admin.token");
    std::fs::write(&token_file, TOKEN).unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut server = Command::new(env!("CARGO_BIN_EXE_connectnow-queue-server"))
        .args([
            "--db",
            db.to_str().unwrap(),
            "--listen",
            &format!("127.0.0.1:{port}"),
        ])
        .arg("--admin-token-file")
        .arg(&token_file)
        .env("RUST_LOG", "warn")
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let http = reqwest::Client::new();
    let mut up = false;
    for _ in 0..100 {
        if http.get(format!("{base}/healthz")).send().await.is_ok() {
            up = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(up, "the server did not come up");
    let post = |path: &str, body: Value| {
        http.post(format!("{base}{path}"))
            .bearer_auth(TOKEN)
            .json(&body)
            .send()
    };
    let company: Value = post("/api/companies", json!({"name": "Acme"}))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let company = company["id"].as_str().unwrap().to_owned();
    let queue: Value = post(
        "/api/queues",
        json!({"company_id": company, "name": "chat"}),
    )
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    let queue = queue["id"].as_str().unwrap().to_owned();
    let mut events = http
        .get(format!("{base}/api/events"))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    // A burst of enqueues from 8 clients; SIGTERM lands while they are going.
    let body = Arc::new(json!({"queue_id": queue, "company_id": company, "name": "Visitor"}));
    let clients: Vec<_> = (0..8)
        .map(|_| {
            let (http, base, body) = (http.clone(), base.clone(), body.clone());
            tokio::spawn(async move {
                let mut created = Vec::new();
                for _ in 0..200 {
                    let r = http
                        .post(format!("{base}/api/queued-objects"))
                        .bearer_auth(TOKEN)
                        .json(&*body)
                        .send()
                        .await;
                    let Ok(r) = r else { break };
                    if r.status() != 201 {
                        break;
                    }
                    let Ok(v) = r.json::<Value>().await else {
                        break;
                    };
                    created.push(v["id"].as_str().unwrap().to_owned());
                }
                created
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let killed = Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let mut acknowledged = Vec::new();
    for c in clients {
        acknowledged.extend(c.await.unwrap());
    }
    // The event stream ends with the server.
    let drained = tokio::time::timeout(Duration::from_secs(10), async {
        while let Ok(Some(_)) = events.chunk().await {}
    })
    .await;
    assert!(drained.is_ok(), "the event stream held on after SIGTERM");
    let status = tokio::task::spawn_blocking(move || server.wait())
        .await
        .unwrap()
        .unwrap();
    assert!(status.success(), "exit status {status}");
    assert!(
        !acknowledged.is_empty(),
        "no enqueue got through before the stop"
    );
    let store = queue_sqlite::SqliteStore::open(&db).unwrap();
    let mut engine = Engine::open(Box::new(store), Arc::new(queue_core::SystemClock)).unwrap();
    for id in &acknowledged {
        let stay: StayId = id.parse().unwrap();
        engine
            .get_stay(&Actor::System, stay)
            .unwrap_or_else(|e| panic!("acknowledged stay {id} is missing: {e}"));
    }
    eprintln!(
        "{} enqueues acknowledged before SIGTERM, all stored",
        acknowledged.len()
    );
}
