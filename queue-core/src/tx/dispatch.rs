//! Carrying out routing decisions inside a transaction: offers, assignments, returns, and
//! the passage of time.

use crate::error::ConflictReason;
use crate::ids::{CompanyId, CompanyUserId, StayId};
use crate::model::event::EventKind;
use crate::model::interval::Activity;
use crate::model::queue::Strategy;
use crate::model::stay::{Stay, StayState};
use crate::store::Scope;
use crate::tx::Tx;
use crate::{Error, Result};
use chrono::{DateTime, Utc};

impl Tx<'_> {
    /// Makes every match the current state allows in the transaction's scope, best stay
    /// first (company by company in the global scope: they never share agents).
    pub(crate) fn dispatch(&mut self) -> Result<()> {
        self.dispatch_in(self.scope.company())
    }

    /// Makes every match of `company` (of every company with `None`) the state allows.
    fn dispatch_in(&mut self, company: Option<CompanyId>) -> Result<()> {
        loop {
            self.router.refresh(self.state);
            match self.router.next_match(company) {
                Some((stay, agent)) => self.route(stay, agent)?,
                None => return Ok(()),
            }
        }
    }

    /// Routes what the command made possible, then returns the stay as routing left it, so
    /// callers see an offer or assignment made in the same call.
    pub(crate) fn routed(&mut self, stay: StayId) -> Result<Stay> {
        self.dispatch()?;
        Ok(self.state.stay(stay)?.clone())
    }

    /// Processes everything due up to `to` in the transaction's scope, in time order within
    /// each company — each instant's timeouts and escalations, then the matches they allow —
    /// so the outcome does not depend on how often the host ticks.
    pub(crate) fn advance(&mut self, to: DateTime<Utc>) -> Result<()> {
        match self.scope {
            Scope::Company(c) => {
                self.advance_company(c, to)?;
                self.now = to.max(self.router.now_of(c));
            }
            Scope::Global => {
                self.router.refresh(self.state);
                for c in self.router.companies_due_by(to) {
                    self.advance_company(c, to)?;
                }
                let to = to.max(self.router.latest());
                self.router.set_floor(to);
                self.now = to;
            }
        }
        self.router.settle_idle();
        self.dispatch()
    }

    /// Processes `company`'s due work up to `to` and moves its routing time there.
    fn advance_company(&mut self, company: CompanyId, to: DateTime<Utc>) -> Result<()> {
        loop {
            self.router.refresh(self.state);
            let Some(t) = self.router.next_due_at(Some(company)) else {
                break;
            };
            if t > to {
                break;
            }
            let t = t.max(self.router.now_of(company));
            self.now = t;
            self.router.set_now(company, t);
            let due = self.router.pop_due(company, t);
            for stay in due.lapsed {
                let lapsed = self.state.stays.get(&stay).is_some_and(|s| {
                    s.state == StayState::Offered && s.offer_expires_at.is_some_and(|e| e <= t)
                });
                if lapsed {
                    self.return_offer(stay, true)?;
                }
            }
            for agent in due.wrap_ups {
                let ends = self
                    .state
                    .presence
                    .get(&agent)
                    .is_some_and(|p| p.wrap_up_until.is_some_and(|u| u <= t));
                if ends {
                    self.end_wrap_up(agent, false);
                }
            }
            for stay in due.wait_limits {
                self.wait_limit_reached(stay)?;
            }
            self.dispatch_in(Some(company))?;
            self.router.after_flips();
        }
        self.router.set_now(company, to);
        Ok(())
    }

    /// Offers the stay to the agent when its queue has an offer timeout, else assigns it;
    /// with `ring_all`, offers it to every agent eligible for it now.
    pub(crate) fn route(&mut self, stay_id: StayId, agent: CompanyUserId) -> Result<()> {
        let mut stay = self.state.stay(stay_id)?.clone();
        let q = self.state.queue(stay.queue_id)?;
        let (timeout, ring_all) = (q.offer_timeout, q.strategy == Strategy::RingAll);
        self.mark_routed(&stay, agent);
        if timeout.is_none() && !ring_all {
            return self.assign(stay_id, agent, false).map(|_| ());
        }
        let expires_at = timeout.map(|secs| crate::clock::plus_seconds(self.now, i64::from(secs)));
        stay.ringing = if ring_all {
            self.state.ring(&stay, agent, self.now)
        } else {
            Vec::new()
        };
        stay.state = StayState::Offered;
        stay.offered_to = Some(stay.ringing.first().copied().unwrap_or(agent));
        stay.offer_expires_at = expires_at;
        self.put(stay.clone());
        for a in stay.holders() {
            self.emit_system(
                Some(stay.company_id),
                EventKind::Offered {
                    stay_id,
                    queue_id: stay.queue_id,
                    company_user_id: a,
                    expires_at,
                },
            );
        }
        Ok(())
    }

    /// Stamps the operator row with the queue's next routing number, for `round_robin`.
    pub(crate) fn mark_routed(&mut self, stay: &Stay, agent: CompanyUserId) {
        let op = self
            .state
            .idx
            .operators_by_queue
            .get(&stay.queue_id)
            .and_then(|m| m.get(&agent))
            .copied();
        if let Some(mut op) = op.and_then(|id| self.state.operators.get(&id)).cloned() {
            op.last_routed_at = Some(self.now);
            op.routed_seq = self.router.last_routed_seq(stay.queue_id) + 1;
            self.put(op);
        }
    }

    /// Assigns a stay to an agent and ends the object's other stays (first assignment wins).
    pub(crate) fn assign(
        &mut self,
        stay_id: StayId,
        agent: CompanyUserId,
        picked: bool,
    ) -> Result<Stay> {
        let mut stay = self.state.stay(stay_id)?.clone();
        if !matches!(stay.state, StayState::Waiting | StayState::Offered) {
            return Err(Error::conflict(
                ConflictReason::NotWaiting,
                "the stay is no longer waiting",
            ));
        }
        if picked {
            self.mark_routed(&stay, agent);
        }
        let withdrawn: Vec<CompanyUserId> = stay
            .ringing
            .iter()
            .copied()
            .filter(|a| *a != agent)
            .collect();
        stay.state = StayState::Assigned;
        stay.assigned_to = Some(agent);
        stay.assigned_at = Some(self.now);
        stay.picked = picked;
        stay.clear_offer();
        self.put(stay.clone());
        let event = EventKind::Assigned {
            stay_id,
            object_id: stay.object_id,
            queue_id: stay.queue_id,
            company_user_id: agent,
            wait_since: stay.wait_since,
            picked,
        };
        if picked {
            self.emit(Some(stay.company_id), event)
        } else {
            self.emit_system(Some(stay.company_id), event)
        }
        // The first accept of a ring-all offer wins; the others stop ringing at once.
        for other in withdrawn {
            self.emit_system(
                Some(stay.company_id),
                EventKind::OfferWithdrawn {
                    stay_id,
                    queue_id: stay.queue_id,
                    company_user_id: other,
                },
            );
        }
        for mut sibling in self.state.object_stays(stay.object_id) {
            if sibling.id == stay_id
                || !matches!(sibling.state, StayState::Waiting | StayState::Offered)
            {
                continue;
            }
            sibling.state = StayState::Expired;
            sibling.ended_at = Some(self.now);
            sibling.clear_offer();
            self.put(sibling.clone());
            self.emit_system(
                Some(sibling.company_id),
                EventKind::Expired {
                    stay_id: sibling.id,
                    object_id: sibling.object_id,
                    queue_id: sibling.queue_id,
                },
            );
        }
        Ok(stay)
    }

    /// `agent` rejects the stay's offer: it is never offered to them again. A ring-all offer
    /// keeps ringing for the others; the last rejection (or a single offer's) puts the stay
    /// back to waiting.
    pub(crate) fn decline(&mut self, stay_id: StayId, agent: CompanyUserId) -> Result<Stay> {
        let mut stay = self.state.stay(stay_id)?.clone();
        if stay.ringing.len() < 2 {
            return self.return_offer(stay_id, false);
        }
        stay.ringing.retain(|a| *a != agent);
        stay.offered_to = stay.ringing.first().copied();
        if !stay.excluded.contains(&agent) {
            stay.excluded.push(agent);
        }
        self.put(stay.clone());
        self.emit(
            Some(stay.company_id),
            EventKind::OfferRejected {
                stay_id,
                queue_id: stay.queue_id,
                company_user_id: agent,
            },
        );
        Ok(stay)
    }

    /// Puts an offered stay back to waiting, never to be offered to the agents it rang
    /// again (a ring-all offer lapses for all of them together).
    pub(crate) fn return_offer(&mut self, stay_id: StayId, timed_out: bool) -> Result<Stay> {
        let mut stay = self.state.stay(stay_id)?.clone();
        let agents: Vec<CompanyUserId> = if stay.state == StayState::Offered {
            stay.holders().collect()
        } else {
            Vec::new()
        };
        if agents.is_empty() {
            return Err(Error::conflict(
                ConflictReason::NotOffered,
                "the stay is not on offer",
            ));
        }
        stay.state = StayState::Waiting;
        stay.clear_offer();
        for agent in &agents {
            if !stay.excluded.contains(agent) {
                stay.excluded.push(*agent);
            }
        }
        self.put(stay.clone());
        let (company, queue_id) = (Some(stay.company_id), stay.queue_id);
        for agent in agents {
            if timed_out {
                self.emit_system(
                    company,
                    EventKind::OfferTimedOut {
                        stay_id,
                        queue_id,
                        company_user_id: agent,
                    },
                );
                self.offer_missed(agent);
            } else {
                self.emit(
                    company,
                    EventKind::OfferRejected {
                        stay_id,
                        queue_id,
                        company_user_id: agent,
                    },
                );
            }
        }
        // Back to waiting past its wait limit (the deadline came while it was on offer):
        // it leaves at once, before anything else can route it.
        self.wait_limit_reached(stay_id)?;
        Ok(self.state.stay(stay_id)?.clone())
    }

    /// Records that `agent`'s assignment of `stay` ended: the handling interval is stored
    /// for statistics, and the `longest_idle` clock restarts.
    pub(crate) fn end_assignment(&mut self, stay: &Stay, agent: CompanyUserId) {
        let handling = Activity::Handling {
            queue_id: stay.queue_id,
            stay_id: stay.id,
        };
        let start = stay.assigned_at.unwrap_or(self.now);
        self.close_interval(stay.company_id, agent, handling, start);
        if let Some(mut p) = self.state.presence.get(&agent).cloned() {
            p.idle_since = self.now;
            self.put(p);
        }
    }
}
