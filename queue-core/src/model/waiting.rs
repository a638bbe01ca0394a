//! The waiting line of a queue, in the order routing serves it: the first stays at once
//! ([`crate::Engine::list_waiting`]) or every one, page by page ([`crate::Engine::list_waiting_page`]).

use crate::ids::{QueueId, StayId};
use crate::model::stay::Stay;
use serde::{Deserialize, Serialize};

/// How many of a queue's latest answers (assignments) the wait estimate of
/// [`crate::Engine::queue_position`] is computed from.
pub const RECENT_ANSWERS: usize = 20;

/// Where a waiting object stands in its queue, for "you are number 3, about 2 minutes".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueuePosition {
    /// The stay.
    pub stay_id: StayId,
    /// Its queue.
    pub queue_id: QueueId,
    /// 1 for the object served next: `ahead + 1`.
    pub position: u64,
    /// Objects of the queue waiting ahead of it in serving order (priority, then wait).
    pub ahead: u64,
    /// Seconds until it is likely answered, from the queue's recent answer rate: its
    /// latest [`RECENT_ANSWERS`] answers over the time from the oldest of them to now.
    /// `None` while the queue has answered nothing this engine has seen.
    pub estimated_wait_seconds: Option<f64>,
}

/// Most stays [`crate::Engine::list_waiting`] returns.
pub const MAX_WAITING_LIMIT: usize = 10_000;

/// The `limit` of [`crate::Engine::list_waiting`] when Python or Node leave it out.
pub const DEFAULT_WAITING_LIMIT: usize = 100;

/// Default `page_limit` of [`crate::Engine::list_waiting_page`].
pub const DEFAULT_WAITING_PAGE: usize = 100;

/// Largest `page_limit` of [`crate::Engine::list_waiting_page`].
pub const MAX_WAITING_PAGE: usize = 1_000;

/// One page of a queue's waiting line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitingPage {
    /// Waiting stays of this page, in serving order.
    pub data: Vec<Stay>,
    /// Pass to get the next page; `None` on the last page. Opaque: do not build or edit it.
    pub next_page_key: Option<String>,
}
