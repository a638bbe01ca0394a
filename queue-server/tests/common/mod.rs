//! A server on `127.0.0.1:0` on a manual clock, and a client that calls it.
#![allow(dead_code)] // each test binary uses its share

use queue_core::{Engine, ManualClock, MemoryStore};
use queue_server::{worker, AppState};
use reqwest::{Client, Method, StatusCode};
use serde_json::{json, Value};
use std::sync::Arc;

pub const ADMIN: &str = "admin-secret-for-tests";

pub struct Server {
    pub base: String,
    pub http: Client,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Server {
    pub async fn start() -> Server {
        let clock = Arc::new(ManualClock::new(
            chrono::DateTime::parse_from_rfc3339("2026-03-03T09:00:00Z")
                .unwrap()
                .to_utc(),
        ));
        let (engine, thread) =
            worker::start(move || Engine::open_seeded(Box::new(MemoryStore::new()), clock, 5))
                .unwrap();
        let state = AppState::new(engine, Some(ADMIN.into()));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(async move {
            queue_server::serve(listener, state, async {
                let _ = stopped.await;
            })
            .await
            .unwrap();
            thread.join();
        });
        Server {
            base,
            http: Client::new(),
            stop: Some(stop),
        }
    }

    /// Sends `body` (JSON, if any) with `token`; answers the status and the JSON body.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut r = self.http.request(method, format!("{}{path}", self.base));
        if let Some(t) = token {
            r = r.bearer_auth(t);
        }
        if let Some(b) = body {
            r = r.json(&b);
        }
        let resp = r.send().await.unwrap();
        let status = resp.status();
        let text = resp.text().await.unwrap();
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }

    pub async fn ok(&self, method: Method, path: &str, token: &str, body: Option<Value>) -> Value {
        let (status, v) = self.call(method, path, Some(token), body).await;
        assert!(status.is_success(), "{path}: {status} {v}");
        v
    }

    /// A user with a token of their own.
    pub async fn user(&self, name: &str) -> (String, String) {
        let u = self
            .ok(
                Method::POST,
                "/api/users",
                ADMIN,
                Some(
                    json!({"username": name, "firstname": name, "lastname": "Tester",
                    "email": format!("{name}@example.org")}),
                ),
            )
            .await;
        let id = u["id"].as_str().unwrap().to_owned();
        let t = self
            .ok(
                Method::POST,
                &format!("/api/users/{id}/tokens"),
                ADMIN,
                Some(json!({"name": "laptop"})),
            )
            .await;
        (id, t["secret"].as_str().unwrap().to_owned())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
    }
}

pub fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_owned()
}
