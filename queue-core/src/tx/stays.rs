//! Stays: writes spanning several records, for the commands.

use crate::error::ConflictReason;
use crate::ids::{ObjectId, QueueId, StayId};
use crate::model::event::EventKind;
use crate::model::stay::*;
use crate::tx::Tx;
use crate::{Error, Result};
use chrono::{DateTime, Utc};

impl Tx<'_> {
    /// Starts a stay of `object` in `queue`, refusing closed, inactive, full and
    /// wrong-password queues. Nothing is written unless it succeeds.
    pub(crate) fn start_stay(
        &mut self,
        object: ObjectId,
        queue: QueueId,
        password_hash_seen: Option<&str>,
        wait_since: Option<DateTime<Utc>>,
        preferred: Option<Preferred>,
    ) -> Result<crate::model::stay::Stay> {
        let q = self.state.queue(queue)?.clone();
        let o = self.state.any_object(self.store, object)?;
        if o.company_id != q.company_id {
            return Err(Error::invalid(
                "queue_id",
                "must be a queue of the object's company",
            ));
        }
        if let Some(seen) = password_hash_seen {
            let current = self
                .state
                .queue_passwords
                .get(&queue)
                .map(|p| p.hash.as_str());
            if current != Some(seen) {
                return Err(Error::conflict(
                    ConflictReason::PasswordChanged,
                    "the queue's password changed; try again",
                ));
            }
        }
        if !q.is_active {
            return Err(Error::conflict(
                ConflictReason::QueueInactive,
                "the queue is inactive",
            ));
        }
        // The router already knows whether the queue is open now (it acts at the same
        // instant); recomputing the hours of the coming weeks on every enqueue is not needed.
        self.router.refresh(self.state);
        let open = self
            .router
            .queue_open(queue)
            .unwrap_or_else(|| self.state.queue_open_at(&q, self.now).0);
        if !open {
            return Err(Error::conflict(
                ConflictReason::QueueClosed,
                "the queue is closed",
            ));
        }
        if let Some(max) = q.max_waiting {
            if self.router.waiting_len(queue) >= max as usize {
                return Err(Error::conflict(
                    ConflictReason::QueueFull,
                    format!("{max} objects already wait in the queue (max_waiting)"),
                ));
            }
        }
        let preferred_until = match preferred {
            Some(p) => {
                crate::validate::range(
                    "preferred_for_seconds",
                    p.seconds,
                    1,
                    crate::model::queue::MAX_DELAY_SECONDS,
                )?;
                if !self.state.can_serve(p.agent, &q) {
                    return Err(Error::invalid(
                        "preferred_agent_id",
                        "must be an operator of the queue (or the owner of a personal queue)",
                    ));
                }
                Some(crate::clock::plus_seconds(self.now, i64::from(p.seconds)))
            }
            None => None,
        };
        let stays = self.state.object_stays(object);
        if stays
            .iter()
            .any(|s| s.state.is_live() && s.queue_id == queue)
        {
            return Err(Error::conflict(
                ConflictReason::AlreadyQueued,
                "the object already waits in this queue",
            ));
        }
        if stays.iter().any(|s| s.state == StayState::Assigned) {
            return Err(Error::conflict(
                ConflictReason::BeingHandled,
                "the object is being handled; transfer it instead",
            ));
        }
        let stay = Stay {
            id: StayId(self.new_id()),
            object_id: object,
            queue_id: queue,
            company_id: q.company_id,
            state: StayState::Waiting,
            wait_since: wait_since.unwrap_or(self.now),
            enqueued_at: self.now,
            offered_to: None,
            ringing: Vec::new(),
            offer_expires_at: None,
            assigned_to: None,
            assigned_at: None,
            picked: false,
            ended_at: None,
            excluded: Vec::new(),
            transferred_from: None,
            transferred_to: None,
            preferred_agent_id: preferred.map(|p| p.agent),
            preferred_until,
        };
        if !self.state.objects.contains_key(&object) {
            // Back from the history into the working set: a live stay holds it again.
            self.put(o.clone());
        }
        self.put(stay.clone());
        self.emit(
            Some(q.company_id),
            EventKind::Enqueued {
                stay_id: stay.id,
                object_id: object,
                queue_id: queue,
                wait_since: stay.wait_since,
                priority: o.priority,
            },
        );
        Ok(stay)
    }
}
