//! Stays: lookups and access checks on the working set.

use crate::ids::{QueueId, StayId};
use crate::model::stay::*;
use crate::state::State;
use crate::{Error, Result};

impl State {
    pub(crate) fn stay(&self, id: StayId) -> Result<&Stay> {
        self.stays
            .get(&id)
            .ok_or_else(|| Error::not_found("stay", id))
    }

    /// Live stays of a queue, in id order.
    pub(crate) fn live_stays_of_queue(&self, q: QueueId) -> impl Iterator<Item = &Stay> + '_ {
        self.idx
            .live_by_queue
            .get(&q)
            .into_iter()
            .flatten()
            .filter_map(|s| self.stays.get(s))
    }
}
