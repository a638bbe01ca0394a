//! The waiting line of a queue, in the order routing serves it: the first stays at once
//! ([`Engine::list_waiting`]) or every one, page by page ([`Engine::list_waiting_page`]).

use crate::auth::Actor;
use crate::engine::Engine;
use crate::ids::{QueueId, StayId};
use crate::routing::StayKey;
use crate::stay::Stay;
use crate::validate;
use crate::{Error, Result};
use base64::Engine as _;
use chrono::DateTime;
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;

/// Most stays [`Engine::list_waiting`] returns.
pub const MAX_WAITING_LIMIT: usize = 10_000;

/// The `limit` of [`Engine::list_waiting`] when Python or Node leave it out.
pub const DEFAULT_WAITING_LIMIT: usize = 100;

/// Default `page_limit` of [`Engine::list_waiting_page`].
pub const DEFAULT_WAITING_PAGE: usize = 100;
/// Largest `page_limit` of [`Engine::list_waiting_page`].
pub const MAX_WAITING_PAGE: usize = 1_000;

/// One page of a queue's waiting line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitingPage {
    /// Waiting stays of this page, in serving order.
    pub data: Vec<Stay>,
    /// Pass to get the next page; `None` on the last page. Opaque: do not build or edit it.
    pub next_page_key: Option<String>,
}

/// A page key names the last stay's place in serving order, not the stay: a stay routed or
/// gone meanwhile does not break the walk, which goes on after that place.
fn encode_key(k: &StayKey) -> String {
    let text = format!(
        "w1:{}:{}:{}:{}",
        k.priority.0,
        k.wait_since.timestamp(),
        k.wait_since.timestamp_subsec_nanos(),
        k.id
    );
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text)
}

fn decode_key(key: &str) -> Result<StayKey> {
    let bad = || Error::invalid("page_key", "is not a page key this library issued");
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(key)
        .map_err(|_| bad())?;
    let text = String::from_utf8(bytes).map_err(|_| bad())?;
    let mut parts = text.strip_prefix("w1:").ok_or_else(bad)?.split(':');
    let mut next = || parts.next().ok_or_else(bad);
    let priority: i32 = next()?.parse().map_err(|_| bad())?;
    let secs: i64 = next()?.parse().map_err(|_| bad())?;
    let nanos: u32 = next()?.parse().map_err(|_| bad())?;
    let id: StayId = next()?.parse().map_err(|_| bad())?;
    let wait_since = DateTime::from_timestamp(secs, nanos).ok_or_else(bad)?;
    Ok(StayKey {
        priority: Reverse(priority),
        wait_since,
        id,
    })
}

impl Engine {
    /// The stays waiting in a queue, in the order routing serves them (priority, then longest
    /// wait), at most `limit` (1–10 000) (members). [`Engine::list_waiting_page`] walks the
    /// whole line.
    pub fn list_waiting(
        &mut self,
        actor: &Actor,
        queue_id: QueueId,
        limit: usize,
    ) -> Result<Vec<Stay>> {
        validate::range("limit", limit, 1, MAX_WAITING_LIMIT)?;
        Ok(self.waiting(actor, queue_id, None, limit)?.0)
    }

    /// One page of a queue's waiting line, in serving order (members). Start without
    /// `page_key`; pass each page's `next_page_key` to get the next. `page_limit` is 1–1000
    /// (default 100) and may change between pages. A page costs its own length, however
    /// long the line.
    ///
    /// ```
    /// # use queue_core::*;
    /// # let (mut engine, acme, _) = queue_core::doc_support::company_with_agent();
    /// let q = engine.create_queue(&Actor::System, NewQueue::named(acme, "support")).unwrap();
    /// for i in 0..3 {
    ///     engine.enqueue_new(&Actor::System, NewObject::chat(acme, &format!("Visitor {i}")), q.id, None).unwrap();
    /// }
    /// let first = engine.list_waiting_page(&Actor::System, q.id, None, Some(2)).unwrap();
    /// assert_eq!(first.data.len(), 2);
    /// let key = first.next_page_key.unwrap();
    /// let rest = engine.list_waiting_page(&Actor::System, q.id, Some(&key), Some(2)).unwrap();
    /// assert_eq!((rest.data.len(), rest.next_page_key), (1, None));
    /// ```
    pub fn list_waiting_page(
        &mut self,
        actor: &Actor,
        queue_id: QueueId,
        page_key: Option<&str>,
        page_limit: Option<usize>,
    ) -> Result<WaitingPage> {
        let limit = page_limit.unwrap_or(DEFAULT_WAITING_PAGE);
        validate::range("page_limit", limit, 1, MAX_WAITING_PAGE)?;
        let after = page_key.map(decode_key).transpose()?;
        let (data, more) = self.waiting(actor, queue_id, after, limit)?;
        let next_page_key = match (more, data.last()) {
            (Some(last), Some(_)) => Some(encode_key(&last)),
            _ => None,
        };
        Ok(WaitingPage {
            data,
            next_page_key,
        })
    }

    /// Up to `limit` waiting stays after `after`, and the last one's key when more follow.
    fn waiting(
        &mut self,
        actor: &Actor,
        queue_id: QueueId,
        after: Option<StayKey>,
        limit: usize,
    ) -> Result<(Vec<Stay>, Option<StayKey>)> {
        self.read(|s| {
            s.queue_access(actor, queue_id)?;
            // One more than asked tells whether another page follows.
            let keys = s
                .router
                .waiting_page(queue_id, after.as_ref(), limit.saturating_add(1));
            let more = keys
                .get(limit)
                .and_then(|_| keys.get(limit.wrapping_sub(1)))
                .copied();
            let data = keys
                .iter()
                .take(limit)
                .filter_map(|k| s.stays.get(&k.id))
                .cloned()
                .collect();
            Ok((data, more))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;
    use uuid::Uuid;

    #[test]
    fn page_keys_round_trip_and_refuse_forgeries() {
        let k = StayKey {
            priority: Reverse(-7),
            wait_since: Utc::now(),
            id: StayId(Uuid::now_v7()),
        };
        assert_eq!(decode_key(&encode_key(&k)).unwrap(), k);
        for bad in ["", "x", "dzE6", "w1:1:2:3:4"] {
            assert_eq!(decode_key(bad).unwrap_err().field(), Some("page_key"));
        }
    }
}
