//! Intervals of agents' time, written as they close: statistics read them back by window.

use crate::ids::{CompanyId, CompanyUserId, IntervalId, PresenceStatusId};
use crate::model::interval::{pieces, Activity, Interval};
use crate::model::presence::{Presence, Show};
use crate::tx::Tx;
use chrono::{DateTime, Utc};

impl Tx<'_> {
    /// Stores a closed interval of `agent`'s time, cut into quarter-hour pieces.
    pub(crate) fn close_interval(
        &mut self,
        company_id: CompanyId,
        company_user_id: CompanyUserId,
        activity: Activity,
        start: DateTime<Utc>,
    ) {
        for (start, end) in pieces(start, self.now) {
            let piece = Interval {
                id: IntervalId(self.new_id()),
                company_id,
                company_user_id,
                activity,
                start,
                end,
            };
            self.put(piece);
        }
    }

    /// Puts an agent in `status` (a status of their company) or in none, showing `show`:
    /// leaving a status closes its interval. The caller stores `p`.
    pub(crate) fn set_show(
        &mut self,
        company: CompanyId,
        p: &mut Presence,
        show: Show,
        status: Option<PresenceStatusId>,
    ) {
        if p.status_id != status {
            self.leave_status(company, p);
            p.status_id = status;
            p.status_since = status.map(|_| self.now);
            p.changed_at = self.now;
        }
        self.change_show(company, p, show);
    }

    fn leave_status(&mut self, company: CompanyId, p: &mut Presence) {
        if let (Some(status_id), Some(since)) = (p.status_id.take(), p.status_since.take()) {
            let activity = Activity::Status { status_id };
            self.close_interval(company, p.company_user_id, activity, since);
        }
    }

    /// Changes what an agent shows, keeping `ready_since` and closing a ready interval when
    /// they stop showing chat or available; a change leaves the agent's status unless
    /// [`Tx::set_show`] puts them in one. The caller stores `p`.
    pub(crate) fn change_show(&mut self, company: CompanyId, p: &mut Presence, show: Show) {
        if show == p.show {
            return;
        }
        if p.status_id.is_some() {
            let status = p
                .status_id
                .and_then(|id| self.state.presence_statuses.get(&id));
            if status.is_none_or(|s| s.show != show) {
                self.leave_status(company, p);
            }
        }
        p.reason = None;
        match (p.show.is_ready(), show.is_ready()) {
            (false, true) => {
                p.ready_since = Some(self.now);
                // Back at work: missed offers count again from zero.
                p.missed_offers = 0;
            }
            (true, false) => {
                if let Some(since) = p.ready_since.take() {
                    self.close_interval(company, p.company_user_id, Activity::Ready, since);
                }
            }
            _ => {}
        }
        p.show = show;
        p.changed_at = self.now;
    }
}
