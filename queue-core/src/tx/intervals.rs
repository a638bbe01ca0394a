//! Intervals of agents' time, written as they close: statistics read them back by window.

use crate::ids::{CompanyId, CompanyUserId, IntervalId};
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

    /// Changes what an agent shows, keeping `ready_since` and closing a ready interval when
    /// they stop showing chat or available. The caller stores `p`.
    pub(crate) fn change_show(&mut self, company: CompanyId, p: &mut Presence, show: Show) {
        if show == p.show {
            return;
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
