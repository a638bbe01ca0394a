//! The waiting line: the public commands.

use crate::engine::Engine;
use crate::ids::QueueId;
use crate::model::auth::Actor;
use crate::model::stay::Stay;
use crate::model::waiting::*;
use crate::routing::{decode_page_key, encode_page_key, StayKey};
use crate::validate;
use crate::Result;

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
        let after = page_key.map(decode_page_key).transpose()?;
        let (data, more) = self.waiting(actor, queue_id, after, limit)?;
        let next_page_key = match (more, data.last()) {
            (Some(last), Some(_)) => Some(encode_page_key(&last)),
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
        self.read_routed(|s, router| {
            s.queue_access(actor, queue_id)?;
            // One more than asked tells whether another page follows.
            let keys = router.waiting_page(queue_id, after.as_ref(), limit.saturating_add(1));
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

impl Engine {
    /// Where a waiting object stands: its position in its queue's serving order, how many
    /// wait ahead of it, and an estimate of its wait from the queue's recent answers —
    /// "you are number 3, about 2 minutes" (members). A stay that is not waiting (on offer,
    /// assigned, ended) is the conflict `not_waiting`. Costs the objects ahead, not the
    /// queue's length.
    ///
    /// ```
    /// # use queue_core::*;
    /// # let (mut engine, acme, _) = queue_core::doc_support::company_with_agent();
    /// let q = engine.create_queue(&Actor::System, NewQueue::named(acme, "support")).unwrap();
    /// let first = engine.enqueue_new(&Actor::System, NewObject::chat(acme, "A"), q.id, None).unwrap();
    /// let second = engine.enqueue_new(&Actor::System, NewObject::chat(acme, "B"), q.id, None).unwrap();
    /// let p = engine.queue_position(&Actor::System, second.id).unwrap();
    /// assert_eq!((p.position, p.ahead, p.estimated_wait_seconds), (2, 1, None));
    /// ```
    pub fn queue_position(
        &mut self,
        actor: &Actor,
        stay_id: crate::ids::StayId,
    ) -> Result<QueuePosition> {
        let now = self.now();
        // Access, and not-found for unknown ids, as reading the stay answers them.
        let stay = self.get_stay(actor, stay_id)?;
        if stay.state != crate::model::stay::StayState::Waiting {
            return Err(crate::Error::conflict(
                crate::error::ConflictReason::NotWaiting,
                format!("the stay is {:?}, not waiting", stay.state),
            ));
        }
        self.read_routed(|_, router| {
            let (queue_id, ahead) = router.ahead_of(stay_id).unwrap_or((stay.queue_id, 0));
            let estimated_wait_seconds = router
                .recent_answers(queue_id)
                .and_then(|a| crate::routing::estimate(a, ahead, now));
            Ok(QueuePosition {
                stay_id,
                queue_id,
                position: ahead + 1,
                ahead,
                estimated_wait_seconds,
            })
        })
    }
}
