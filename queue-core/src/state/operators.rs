//! Operators (assignments): lookups and access checks on the working set.

use crate::ids::{CompanyUserId, QueueId};
use crate::model::operator::*;
use crate::model::presence::Show;
use crate::state::State;
use crate::{Error, Result};

impl State {
    /// The seeds' row for `op`; `queue_show` is passed in because computing it walks every
    /// operator of the queue, which a per-queue listing must do only once.
    pub(crate) fn operator_view(&self, op: &Operator, queue_show: Show) -> Option<OperatorView> {
        let q = self.queues.get(&op.queue_id)?;
        let cu = self.company_users.get(&op.company_user_id)?;
        let user = cu.user_id.and_then(|u| self.users.get(&u));
        Some(OperatorView {
            queue_id: q.id,
            queue: q.name.clone(),
            queue_show,
            company_user_id: cu.id,
            user_id: cu.user_id,
            user: user.map(|u| u.username.clone()),
            user_show: self
                .presence
                .get(&cu.id)
                .map_or(Show::Unavailable, |p| p.show),
            enabled: op.enabled,
            tier: op.tier,
        })
    }

    pub(crate) fn operator_of(&self, queue: QueueId, agent: CompanyUserId) -> Result<&Operator> {
        self.idx
            .operators_by_queue
            .get(&queue)
            .and_then(|m| m.get(&agent))
            .and_then(|id| self.operators.get(id))
            .ok_or_else(|| Error::not_found("operator", format!("{queue}/{agent}")))
    }
}
