//! ConnectNow Queue as an HTTP service: the seeds' API over the library — one more adapter,
//! thin like the bindings. Read it as a table of contents:
//!
//! - [`worker`]: the engine's own thread; every request's command runs there, in order,
//!   never on the async runtime, and it ticks when something is due.
//! - [`auth`]: bearer tokens to actors; the admin token is the system actor.
//! - [`body`]: JSON bodies and query strings decoded by the core's input rules.
//! - [`error`]: the core's errors as status codes and JSON bodies.
//! - [`form`]: seed 004's form-urlencoded and multipart bodies.
//! - [`routes`]: one file per resource group.
//! - [`openapi`]: the OpenAPI 3.1 document generated from the routes.
//!
//! ```no_run
//! # async fn run() -> std::io::Result<()> {
//! use queue_server::{worker, AppState};
//! let (engine, thread) = worker::start(|| queue_core::Engine::open(
//!     Box::new(queue_core::MemoryStore::new()), worker::system_clock())).unwrap();
//! let state = AppState::new(engine, Some("s3cret".into()));
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! queue_server::serve(listener, state, async { let _ = tokio::signal::ctrl_c().await; }).await?;
//! thread.join();
//! # Ok(()) }
//! ```

pub mod auth;
pub mod body;
pub mod error;
pub mod form;
pub mod openapi;
pub mod routes;
pub mod worker;

pub use error::{ApiError, ApiResult};
pub use worker::{EngineHandle, EngineThread};

use axum::extract::DefaultBodyLimit;
use axum::routing::{delete, get, post, put};
use axum::{Json, Router};
use routes::*;
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};
use tracing::Level;

/// The largest request body accepted (413 beyond).
pub const BODY_LIMIT: usize = 1 << 20;

/// The longest a request may take before it is answered 408.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// What every handler is given.
#[derive(Clone)]
pub struct AppState {
    /// The engine thread.
    pub engine: EngineHandle,
    /// The admin token (the system actor), if the server was given one.
    pub admin_token: Option<String>,
    /// Set when the server shuts down: ends the live event streams, which would otherwise
    /// hold a graceful shutdown open for ever.
    pub closing: Closing,
}

impl AppState {
    /// The state of a server on `engine`, with the admin token if one is given.
    pub fn new(engine: EngineHandle, admin_token: Option<String>) -> AppState {
        AppState {
            engine,
            admin_token,
            closing: Closing::default(),
        }
    }
}

/// A flag set once, when the server begins to shut down; cheap to clone and to look at from
/// any thread.
#[derive(Clone, Default, Debug)]
pub struct Closing(Arc<AtomicBool>);

impl Closing {
    /// True once the server is shutting down.
    pub fn is_closed(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }

    /// Sets the flag.
    pub fn close(&self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

/// Liveness: the engine thread answers.
#[utoipa::path(get, path = "/healthz", tag = "service",
    responses((status = 200, description = "Up", body = Object),
        (status = 500, description = "The engine does not answer", body = crate::error::ErrorBody)))]
pub async fn healthz(
    axum::extract::State(s): axum::extract::State<AppState>,
) -> ApiResult<Json<serde_json::Value>> {
    s.engine.call(|e| Ok(e.now())).await?;
    Ok(Json(serde_json::json!({ "status": "ok" })))
}

async fn openapi_json() -> ([(axum::http::HeaderName, &'static str); 1], String) {
    (
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        openapi::json(),
    )
}

/// Every route, with the body limit, the request timeout and request logs.
pub fn app(state: AppState) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/openapi.json", get(openapi_json))
        .route(
            "/api/companies",
            get(companies::list).post(companies::create),
        )
        .route(
            "/api/companies/{company_id}",
            get(companies::get)
                .put(companies::update)
                .delete(companies::delete),
        )
        .route(
            "/api/companies/{company_id}/queue-stats",
            get(queued_objects::queue_stats),
        )
        .route(
            "/api/companies/{company_id}/queue-stats/intervals",
            get(queued_objects::queue_stats_by_interval),
        )
        .route(
            "/api/companies/{company_id}/agent-stats",
            get(queued_objects::agent_stats),
        )
        .route(
            "/api/company-users",
            get(company_users::list).post(company_users::create),
        )
        .route(
            "/api/company-users/{company_user_id}",
            get(company_users::get)
                .put(company_users::update)
                .delete(company_users::delete),
        )
        .route(
            "/api/company-user-states/{company_user_id}",
            get(company_users::get_state).put(company_users::set_state),
        )
        .route("/api/users", post(users::create))
        .route("/api/users/{user_id}", get(users::get).put(users::update))
        .route("/api/users/{user_id}/tokens", post(users::issue_token))
        .route("/api/queues", get(queues::list).post(queues::create))
        .route(
            "/api/queues/{queue_id}",
            get(queues::get).put(queues::update).delete(queues::delete),
        )
        .route("/api/queues/{queue_id}/status", get(queues::status))
        .route("/api/skills", get(skills::list).post(skills::create))
        .route(
            "/api/skills/{skill_id}",
            get(skills::get).put(skills::update).delete(skills::delete),
        )
        .route("/api/queued-objects", post(queued_objects::enqueue))
        .route("/api/queued-objects/{stay_id}", get(queued_objects::get))
        .route(
            "/api/queued-objects/{stay_id}/accept",
            post(queued_objects::accept),
        )
        .route(
            "/api/queued-objects/{stay_id}/reject",
            post(queued_objects::reject),
        )
        .route(
            "/api/queued-objects/{stay_id}/complete",
            post(queued_objects::complete),
        )
        .route(
            "/api/queued-objects/{stay_id}/abandon",
            post(queued_objects::abandon),
        )
        .route(
            "/api/queued-objects/{stay_id}/transfer",
            post(queued_objects::transfer),
        )
        .route(
            "/api/queued-objects/{stay_id}/pick",
            post(queued_objects::pick),
        )
        .route(
            "/api/queued-objects/{stay_id}/position",
            get(queued_objects::position),
        )
        .route(
            "/api/presence-statuses",
            get(presence_statuses::list).post(presence_statuses::create),
        )
        .route(
            "/api/presence-statuses/{status_id}",
            get(presence_statuses::get)
                .put(presence_statuses::update)
                .delete(presence_statuses::delete),
        )
        .route("/api/events", get(events::stream))
        .route("/api/v2/user", get(users_v2::index).post(users_v2::create))
        .route("/api/v2/user/{id}", put(users_v2::update))
        .route(
            "/api/v2/user/usernameUpdate",
            put(users_v2::username_update),
        )
        .route(
            "/api/v2/user/firstnameUpdate",
            put(users_v2::firstname_update),
        )
        .route(
            "/api/v2/user/lastnameUpdate",
            put(users_v2::lastname_update),
        )
        .route("/api/v2/user/maxChats", put(users_v2::max_chats))
        .route(
            "/api/v2/user/chatSoundNewMessage",
            put(users_v2::chat_sound),
        )
        .route(
            "/api/v2/user/notifyOnTicketAssignment",
            put(users_v2::notify_on_assignment),
        )
        .route(
            "/api/v2/user/callsAutoAnswer",
            put(users_v2::calls_auto_answer),
        )
        .route("/api/v2/user/settings", get(users_v2::settings))
        .route(
            "/api/v2/user/userStatistic",
            post(users_v2::add_statistic).delete(users_v2::remove_statistic),
        )
        .route("/api/v2/user/watch", put(users_v2::watch))
        .route("/api/v2/user/updateStatus", post(users_v2::update_status))
        .route("/api/v2/user/statusLock", post(users_v2::status_lock))
        .route(
            "/api/v2/user/statusLockDelete",
            post(users_v2::status_lock_delete),
        )
        .route("/beta/teams", get(teams::list).post(teams::create))
        .route(
            "/beta/teams/{teamId}",
            get(teams::get).delete(teams::delete),
        )
        .route(
            "/beta/teams/{teamId}/agents",
            get(teams::members)
                .patch(teams::add_members)
                .delete(teams::remove_members),
        )
        .route("/beta/teams/{teamId}/presence", get(teams::presence))
        .route(
            "/2011-12-03/queues/{queueId}/operators",
            get(libraryh3lp::list_operators).post(libraryh3lp::add_operator),
        )
        .route(
            "/2011-12-03/queues/{queueId}/operators/{userId}",
            put(libraryh3lp::update_operator).delete(libraryh3lp::remove_operator),
        )
        .route(
            "/2011-12-03/users/{userId}/assignments",
            get(libraryh3lp::list_assignments).post(libraryh3lp::add_assignment),
        )
        .route(
            "/2011-12-03/users/{userId}/assignments/{queueId}",
            put(libraryh3lp::update_assignment).delete(libraryh3lp::remove_assignment),
        )
        .route(
            "/api/queueable-objects/{object_id}/explain",
            get(queued_objects::explain),
        )
        .route(
            "/api/hours-of-operation",
            get(hours::get).put(hours::set).delete(hours::clear),
        )
        .route("/api/queues/{queue_id}/open", get(hours::is_open))
        .route(
            "/api/blacklist-hours",
            get(blacklist_hours::list).post(blacklist_hours::create),
        )
        .route(
            "/api/blacklist-hours/{blacklist_hours_id}",
            delete(blacklist_hours::delete),
        )
        .route(
            "/api/common-blacklist-hours",
            get(blacklist_hours::list_common).post(blacklist_hours::create_common),
        )
        .route(
            "/api/company-users/{company_user_id}/skills",
            get(company_user_skills::list),
        )
        .route(
            "/api/company-users/{company_user_id}/skills/{skill_id}",
            put(company_user_skills::set).delete(company_user_skills::remove),
        )
        .route("/api/queues/{queue_id}/skills", get(queue_skills::list))
        .route(
            "/api/queues/{queue_id}/skills/{skill_id}",
            put(queue_skills::set).delete(queue_skills::remove),
        )
        .route(
            "/api/queued-objects/{stay_id}/notes",
            get(notes::list).post(notes::add),
        )
        .route(
            "/api/queueable-objects/{object_id}/rating",
            get(ratings::get).put(ratings::rate),
        )
        .route("/api/queueable-objects", post(queueable_objects::create))
        .route(
            "/api/queueable-objects/{object_id}",
            get(queueable_objects::get),
        )
        .route(
            "/api/queueable-objects/{object_id}/priority",
            put(queueable_objects::set_priority),
        )
        .route(
            "/api/queueable-objects/{object_id}/queues",
            get(queueable_objects::queues).post(queueable_objects::enqueue),
        )
        .with_state(state)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        // One line per request at INFO (method, path, status, time), so the default
        // filter shows them; `RUST_LOG=warn` quiets them.
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
}

/// Serves [`app`] on `listener` until `shutdown` completes; requests in flight finish
/// first (their commands run to the end on the engine thread: nothing is half-written), and
/// live event streams end.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let closing = state.closing.clone();
    axum::serve(listener, app(state))
        .with_graceful_shutdown(async move {
            shutdown.await;
            closing.close();
        })
        .await
}
