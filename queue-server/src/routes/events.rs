//! Live events (`GET /api/events`): the engine's watch as Server-Sent Events. Each event is
//! sent with its sequence number as the SSE `id`, its type (`offered`, `assigned`, …) as the
//! SSE `event` and the event as JSON `data`, so a browser's `EventSource` resumes after a
//! dropped connection by itself (it sends `Last-Event-ID`, which wins over `after_seq`).
//!
//! What a token sees is the core's rule for watches: the system (admin token) everything,
//! admins of a company that company's events (`company_id`), an agent the events about
//! themselves (`company_user_id`: their offers, assignments, presence, wrap-ups).
//!
//! The watch waits on a thread of the blocking pool, never on the async runtime; it stops
//! when the client goes away or the server shuts down.

use crate::auth::Caller;
use crate::body::query_one;
use crate::error::{ApiResult, ErrorBody};
use crate::AppState;
use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use futures_util::stream::Stream;
use queue_core::{CompanyId, CompanyUserId, Error, Event, Watch, WatchQuery};
use std::convert::Infallible;
use std::time::Duration;
use tokio::sync::mpsc;

/// How long the pump waits for an event before it looks whether anyone still listens.
const POLL: Duration = Duration::from_millis(250);

/// Events in flight between the watch and a slow client before the watch waits.
const BUFFER: usize = 256;

fn parse<T: std::str::FromStr>(raw: Option<String>, field: &'static str) -> ApiResult<Option<T>> {
    raw.map(|v| {
        v.parse()
            .map_err(|_| Error::invalid(field, "not a valid value").into())
    })
    .transpose()
}

/// Every event committed after `after_seq` (or the `Last-Event-ID` header), as it is
/// committed, as Server-Sent Events.
#[utoipa::path(get, path = "/api/events", tag = "events",
    params(
        ("after_seq" = Option<u64>, Query, description = "Send events after this sequence number; absent: from now on"),
        ("company_id" = Option<String>, Query, description = "Only this company's events (admins and up)"),
        ("company_user_id" = Option<String>, Query, description = "Only events about this agent (the agent, or admins and up)"),
        ("Last-Event-ID" = Option<u64>, Header, description = "Resume after this event (wins over after_seq)")),
    responses((status = 200, description = "A stream of events: `id` the sequence number, `event` its type, `data` the event as JSON", content_type = "text/event-stream", body = String),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Neither the system nor an admin of the company; another agent's events", body = ErrorBody),
        (status = 404, description = "No such company user the caller may see", body = ErrorBody),
        (status = 422, description = "A bad parameter", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn stream(
    State(s): State<AppState>,
    Caller(me): Caller,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> ApiResult<Sse<impl Stream<Item = Result<SseEvent, Infallible>>>> {
    let q = q.as_deref();
    let last_id = headers
        .get("last-event-id")
        .map(|v| v.to_str().unwrap_or("-").trim().to_owned());
    let after_seq = match parse::<u64>(last_id, "Last-Event-ID")? {
        Some(seq) => Some(seq),
        None => parse(query_one(q, "after_seq"), "after_seq")?,
    };
    let query = WatchQuery {
        company_id: parse::<CompanyId>(query_one(q, "company_id"), "company_id")?,
        company_user_id: parse::<CompanyUserId>(
            query_one(q, "company_user_id"),
            "company_user_id",
        )?,
        after_seq,
    };
    let watch = s.engine.call(move |e| e.watch(&me, query)).await?;
    let (tx, rx) = mpsc::channel(BUFFER);
    let closing = s.closing.clone();
    tokio::task::spawn_blocking(move || pump(watch, &tx, &closing));
    let events = futures_util::stream::unfold(rx, |mut rx| async move {
        let e = rx.recv().await?;
        Some((Ok(e), rx))
    });
    Ok(Sse::new(events).keep_alive(KeepAlive::default()))
}

/// Moves events from the watch to the client until the client is gone, the server closes,
/// or the store fails (sent as an `error` event, then the stream ends: the client resumes
/// with `Last-Event-ID`).
fn pump(mut watch: Watch, tx: &mpsc::Sender<SseEvent>, closing: &crate::Closing) {
    while !tx.is_closed() && !closing.is_closed() {
        match watch.next_timeout(POLL) {
            Ok(Some(e)) => {
                if tx.blocking_send(sse_of(&e)).is_err() {
                    return;
                }
            }
            Ok(None) => {}
            Err(e) => {
                let body = ErrorBody::of(&e);
                let _ = tx.blocking_send(
                    SseEvent::default()
                        .event("error")
                        .json_data(body)
                        .unwrap_or_default(),
                );
                return;
            }
        }
    }
}

fn sse_of(e: &Event) -> SseEvent {
    let data = serde_json::to_value(e).unwrap_or_default();
    let kind = data
        .get("type")
        .and_then(|t| t.as_str())
        .unwrap_or("event")
        .to_owned();
    SseEvent::default()
        .id(e.seq.to_string())
        .event(kind)
        .json_data(data)
        .unwrap_or_default()
}
