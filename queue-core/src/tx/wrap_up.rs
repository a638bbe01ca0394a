//! Wrap-up (after-contact work): after a completion in a queue with `wrap_up_seconds`, the
//! agent gets no new object until the wrap-up ends — at its time (`Tx::advance`, through the
//! router's due heap) or early (`Engine::end_wrap_up`).

use crate::ids::{CompanyUserId, QueueId};
use crate::model::event::EventKind;
use crate::model::interval::Activity;
use crate::tx::Tx;

impl Tx<'_> {
    /// Starts, or prolongs to the later end, `agent`'s wrap-up for a completion in `queue`.
    pub(crate) fn start_wrap_up(&mut self, agent: CompanyUserId, queue: QueueId) {
        let secs = self
            .state
            .queues
            .get(&queue)
            .map_or(0, |q| q.wrap_up_seconds);
        if secs == 0 {
            return;
        }
        let Some(mut p) = self.state.presence.get(&agent).cloned() else {
            return;
        };
        let company = self.state.company_users.get(&agent).map(|cu| cu.company_id);
        let until = crate::clock::plus_seconds(self.now, i64::from(secs));
        let until = p.wrap_up_until.map_or(until, |u| u.max(until));
        if p.wrap_up_since.is_none() {
            p.wrap_up_since = Some(self.now);
        }
        p.wrap_up_until = Some(until);
        p.wrap_up_queue_id = Some(queue);
        self.put(p);
        self.emit_system(
            company,
            EventKind::WrapUpStarted {
                company_user_id: agent,
                queue_id: queue,
                until,
            },
        );
    }

    /// Ends `agent`'s wrap-up now (`early` when before its time), storing its time for
    /// statistics; the router sees them ready again at the same instant.
    pub(crate) fn end_wrap_up(&mut self, agent: CompanyUserId, early: bool) {
        let Some(mut p) = self.state.presence.get(&agent).cloned() else {
            return;
        };
        if p.wrap_up_until.take().is_none() {
            return;
        }
        let since = p.wrap_up_since.take().unwrap_or(self.now);
        let queue = p.wrap_up_queue_id.take();
        let company = self.state.company_users.get(&agent).map(|cu| cu.company_id);
        if let (Some(c), Some(queue_id)) = (company, queue) {
            self.close_interval(c, agent, Activity::WrapUp { queue_id }, since);
        }
        self.put(p);
        let event = EventKind::WrapUpEnded {
            company_user_id: agent,
            queue_id: queue,
            early,
        };
        if early {
            self.emit(company, event);
        } else {
            self.emit_system(company, event);
        }
    }
}
