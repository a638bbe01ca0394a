//! Missed offers: after the company's `max_missed_offers` offers in a row lapse unanswered,
//! the agent is set `away` with the reason `missed_offers`, in the command (or tick) that saw
//! the last one lapse. Accepting or picking resets the count; rejecting leaves it as it is.

use crate::ids::CompanyUserId;
use crate::model::event::EventKind;
use crate::model::presence::{PresenceReason, Show};
use crate::tx::Tx;

impl Tx<'_> {
    /// Counts a lapsed offer of `agent`'s; at the company's limit, sets them away.
    pub(crate) fn offer_missed(&mut self, agent: CompanyUserId) {
        let Some(mut p) = self.state.presence.get(&agent).cloned() else {
            return;
        };
        let Some(company) = self.state.company_users.get(&agent).map(|cu| cu.company_id) else {
            return;
        };
        let limit = self
            .state
            .companies
            .get(&company)
            .map_or(0, |c| c.max_missed_offers);
        p.missed_offers = p.missed_offers.saturating_add(1);
        // A supervisor's lock holds the show where they put it.
        let away = limit > 0 && p.missed_offers >= limit && p.lock.is_none() && p.show.is_ready();
        if away {
            self.change_show(company, &mut p, Show::Away);
            p.reason = Some(PresenceReason::MissedOffers);
        }
        self.put(p.clone());
        if away {
            self.emit_system(
                Some(company),
                EventKind::PresenceChanged {
                    company_user_id: agent,
                    show: p.show,
                    connection: p.connection,
                    reason: p.reason,
                    status_id: p.status_id,
                },
            );
        }
    }

    /// `agent` answered: accepted an offer or picked an object.
    pub(crate) fn offer_answered(&mut self, agent: CompanyUserId) {
        if let Some(mut p) = self.state.presence.get(&agent).cloned() {
            if p.missed_offers > 0 {
                p.missed_offers = 0;
                self.put(p);
            }
        }
    }
}
