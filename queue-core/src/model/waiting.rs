//! The waiting line of a queue, in the order routing serves it: the first stays at once
//! ([`crate::Engine::list_waiting`]) or every one, page by page ([`crate::Engine::list_waiting_page`]).

use crate::model::stay::Stay;
use serde::{Deserialize, Serialize};

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
