//! Queue wait limits: a stay that has waited its queue's `max_wait_seconds` (counted from
//! entering that queue) leaves it — into the overflow queue, keeping its original wait as a
//! transfer does, or, when there is none or it would refuse the object as an enqueue would
//! (inactive, closed, full, gone), its stay ends as `timed_out`.

use crate::ids::StayId;
use crate::model::auth::Actor;
use crate::model::event::EventKind;
use crate::model::stay::StayState;
use crate::tx::Tx;
use crate::Result;

impl Tx<'_> {
    /// Applies the wait limit to `stay_id` if it waits and its deadline has come.
    pub(crate) fn wait_limit_reached(&mut self, stay_id: StayId) -> Result<()> {
        let Some(mut stay) = self.state.stays.get(&stay_id).cloned() else {
            return Ok(());
        };
        let Some(q) = self.state.queues.get(&stay.queue_id).cloned() else {
            return Ok(());
        };
        let Some(max) = q.max_wait_seconds else {
            return Ok(());
        };
        let deadline = crate::clock::plus_seconds(stay.enqueued_at, i64::from(max));
        if stay.state != StayState::Waiting || deadline > self.now {
            return Ok(());
        }
        // `start_stay` checks everything before it writes, so a refusal leaves no trace. The
        // router moves it, whoever's command found the deadline passed: its `enqueued` event
        // is the system's.
        let actor = std::mem::replace(&mut self.actor, Actor::System);
        let moved = match q.overflow_queue_id {
            Some(target) => self
                .start_stay(stay.object_id, target, None, Some(stay.wait_since), None)
                .ok(),
            None => None,
        };
        self.actor = actor;
        stay.ended_at = Some(self.now);
        match &moved {
            Some(new) => {
                let mut new = new.clone();
                new.transferred_from = Some(stay_id);
                self.put(new);
                stay.state = StayState::Transferred;
                stay.transferred_to = moved.as_ref().map(|n| n.id);
            }
            None => stay.state = StayState::TimedOut,
        }
        self.put(stay.clone());
        self.emit_system(
            Some(stay.company_id),
            EventKind::WaitLimitReached {
                stay_id,
                object_id: stay.object_id,
                queue_id: stay.queue_id,
                wait_since: stay.wait_since,
                to_queue_id: moved.as_ref().map(|n| n.queue_id),
                to_stay_id: moved.as_ref().map(|n| n.id),
            },
        );
        Ok(())
    }
}
