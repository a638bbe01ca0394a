//! A waiting object's place in its queue and the queue's recent answers, for the position
//! and wait estimate customers are told. Counting costs the objects ahead (each pool is in
//! serving order), never the queue's whole length; the answers kept are the latest few
//! per queue, so memory does not grow with the past.

use super::Router;
use crate::ids::{QueueId, StayId};
use crate::model::record::Record;
use crate::model::stay::StayState;
use crate::model::waiting::RECENT_ANSWERS;
use chrono::{DateTime, Utc};
use std::collections::VecDeque;

impl Router {
    /// Waiting stays of its queue ahead of `stay` in serving order, if it waits.
    pub(crate) fn ahead_of(&self, stay: StayId) -> Option<(QueueId, u64)> {
        let st = self.stays.get(&stay)?;
        let rt = self.queues.get(&st.queue)?;
        let ahead = rt
            .pools
            .sets()
            .map(|set| set.range(..st.key).count() as u64)
            .sum();
        Some((st.queue, ahead))
    }

    /// The queue's latest answers, oldest first.
    pub(crate) fn recent_answers(&self, q: QueueId) -> Option<&VecDeque<DateTime<Utc>>> {
        self.answers.get(&q)
    }

    /// Keeps the latest answers in step with a stay record changing from `old` to `new`:
    /// an assignment adds its instant; undoing one (back to waiting or offered) takes it out.
    pub(super) fn note_answer(&mut self, old: Option<&Record>, new: Option<&Record>) {
        let (old, new) = match (old, new) {
            (Some(Record::Stay(o)), Some(Record::Stay(n))) => (Some(o), n),
            (None, Some(Record::Stay(n))) => (None, n),
            _ => return,
        };
        let was = old.is_some_and(|o| o.state == StayState::Assigned);
        let is = new.state == StayState::Assigned;
        match (was, is, new.assigned_at, old.and_then(|o| o.assigned_at)) {
            (false, true, Some(at), _) => {
                let ring = self.answers.entry(new.queue_id).or_default();
                let place = ring.partition_point(|t| *t <= at);
                ring.insert(place, at);
                if ring.len() > RECENT_ANSWERS {
                    ring.pop_front();
                }
            }
            (true, false, _, Some(at))
                if matches!(new.state, StayState::Waiting | StayState::Offered) =>
            {
                if let Some(ring) = self.answers.get_mut(&new.queue_id) {
                    if let Some(i) = ring.iter().rposition(|t| *t == at) {
                        ring.remove(i);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Seconds until an object with `ahead` objects before it is likely answered: the queue
/// answered `answers.len()` objects from the oldest of them to `now`, so `ahead + 1` more
/// take that time in proportion.
pub(crate) fn estimate(
    answers: &VecDeque<DateTime<Utc>>,
    ahead: u64,
    now: DateTime<Utc>,
) -> Option<f64> {
    let oldest = answers.front()?;
    let span = ((now - *oldest).num_milliseconds() as f64 / 1000.0).max(1.0);
    Some(span * (ahead + 1) as f64 / answers.len() as f64)
}
