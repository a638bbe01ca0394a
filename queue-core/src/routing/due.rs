//! Time-driven routing: escalations, offer timeouts, queues opening or closing, wrap-ups
//! ending and wait limits, kept in one heap per company ordered by due time. Entries are
//! checked when popped, so stale ones cost nothing.

use super::keys::{level, next_escalation};
use super::Router;
use crate::ids::{CompanyId, CompanyUserId, QueueId, StayId};
use chrono::{DateTime, Utc};
use std::cmp::Reverse;

/// Something that becomes due at an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Due {
    /// A waiting stay reaches the next tier.
    Escalate(StayId),
    /// An offer lapses.
    OfferTimeout(StayId),
    /// A queue opens or closes.
    QueueChange(QueueId),
    /// An agent's wrap-up ends.
    WrapUpEnd(CompanyUserId),
    /// A waiting stay reaches its queue's `max_wait_seconds`.
    WaitLimit(StayId),
    /// A waiting stay's preference for one agent ends: anyone eligible may get it.
    PreferenceEnds(StayId),
}

/// What came due that the transaction carries out (writes), in this order: offers lapsing,
/// wrap-ups ending, stays reaching their wait limit.
#[derive(Debug, Default)]
pub(crate) struct Popped {
    /// Offers that may have lapsed.
    pub lapsed: Vec<StayId>,
    /// Agents whose wrap-up ends.
    pub wrap_ups: Vec<CompanyUserId>,
    /// Waiting stays at their wait limit, in the order they came due.
    pub wait_limits: Vec<StayId>,
}

impl Router {
    /// The earliest instant anything of `company` is due (of any company with `None`),
    /// skipping stale entries.
    pub(crate) fn next_due_at(&mut self, company: Option<CompanyId>) -> Option<DateTime<Utc>> {
        match company {
            Some(c) => self.lane_next_due(c),
            None => {
                let companies: Vec<CompanyId> = self.lanes.by_company.keys().copied().collect();
                companies
                    .into_iter()
                    .filter_map(|c| self.lane_next_due(c))
                    .min()
            }
        }
    }

    /// The companies with something due at or before `t`, in order.
    pub(crate) fn companies_due_by(&mut self, t: DateTime<Utc>) -> Vec<CompanyId> {
        let companies: Vec<CompanyId> = self.lanes.by_company.keys().copied().collect();
        companies
            .into_iter()
            .filter(|c| self.lane_next_due(*c).is_some_and(|at| at <= t))
            .collect()
    }

    fn lane_next_due(&mut self, company: CompanyId) -> Option<DateTime<Utc>> {
        loop {
            let lane = self.lanes.by_company.get(&company)?;
            let Reverse((t, due)) = lane.due.peek().copied()?;
            if self.is_current(t, due) {
                return Some(t);
            }
            if let Some(lane) = self.lanes.by_company.get_mut(&company) {
                lane.due.pop();
            }
        }
    }

    /// Whether a heap entry still describes a pending event.
    fn is_current(&self, t: DateTime<Utc>, due: Due) -> bool {
        match due {
            Due::Escalate(s) => self
                .stays
                .get(&s)
                .is_some_and(|rt| rt.next_escalation == Some(t)),
            Due::QueueChange(q) => self
                .queues
                .get(&q)
                .is_some_and(|rt| rt.next_change == Some(t)),
            Due::WrapUpEnd(a) => self
                .agents
                .get(&a)
                .is_some_and(|rt| rt.wrap_up_until == Some(t)),
            Due::WaitLimit(s) => self.stays.get(&s).is_some_and(|rt| rt.deadline == Some(t)),
            Due::PreferenceEnds(s) => self
                .stays
                .get(&s)
                .is_some_and(|rt| rt.reserved.is_some_and(|(_, until)| until == t)),
            // Offers live in the stay records; the transaction checks them when processing.
            Due::OfferTimeout(_) => true,
        }
    }

    /// Processes everything of `company` due at or before `t` that the router handles itself
    /// (escalations, queue changes) and returns what the transaction carries out.
    ///
    /// A queue that cannot route anything when it opens has its flips passed over, not
    /// replayed one by one: one that is inactive, has nothing waiting or no agent ready, or
    /// whose last opening routed nothing. Inside one step nothing but offers lapsing and
    /// objects escalating changes agents, stays or tiers, so an opening that routed nothing
    /// is followed by others that route nothing, until such an event — at which the passed
    /// queues are looked at again, as they are at the end of the step
    /// ([`Router::settle_idle`]). A clock jumping years ahead then costs a few looks per
    /// event, not one per opening hour it passed.
    pub(crate) fn pop_due(&mut self, company: CompanyId, t: DateTime<Utc>) -> Popped {
        let mut out = Popped::default();
        while let Some(lane) = self.lanes.by_company.get_mut(&company) {
            let Some(Reverse((at, due))) = lane.due.peek().copied() else {
                break;
            };
            if at > t {
                break;
            }
            lane.due.pop();
            if !self.is_current(at, due) {
                continue;
            }
            match due {
                Due::Escalate(s) => {
                    self.settle_idle();
                    self.escalate(s)
                }
                Due::QueueChange(q) => {
                    if let Some(rt) = self.queues.get_mut(&q) {
                        rt.next_change = None;
                        let quiet = !rt.active || rt.pools.is_empty() || rt.ready.is_empty();
                        if quiet || self.fruitless.contains(&q) {
                            self.idle_changes.insert(q);
                            continue;
                        }
                        self.opened.push((q, rt.pools.len()));
                    }
                    self.pending.queues.insert(q);
                }
                Due::OfferTimeout(s) => {
                    self.settle_idle();
                    out.lapsed.push(s)
                }
                Due::WrapUpEnd(a) => {
                    self.settle_idle();
                    out.wrap_ups.push(a)
                }
                Due::WaitLimit(s) => {
                    self.settle_idle();
                    out.wait_limits.push(s)
                }
                Due::PreferenceEnds(s) => {
                    self.settle_idle();
                    if let Some(rt) = self.stays.get_mut(&s) {
                        rt.reserved = None;
                        let company = rt.company;
                        self.lanes.dirty_stays(company).insert(s);
                    }
                }
            }
        }
        out
    }

    /// Looks at the queues whose flips `pop_due` passed over, as of the router's instant,
    /// and forgets which openings were fruitless: something changed.
    pub(crate) fn settle_idle(&mut self) {
        let idle = std::mem::take(&mut self.idle_changes);
        self.pending.queues.extend(idle);
        self.fruitless.clear();
    }

    /// After routing what this step's flips allowed: an opening after which as many stays
    /// wait as before routed nothing, and neither will the same queue's next ones.
    pub(crate) fn after_flips(&mut self) {
        for (q, before) in std::mem::take(&mut self.opened) {
            if let Some(rt) = self.queues.get(&q) {
                if rt.open && rt.pools.len() >= before {
                    self.fruitless.insert(q);
                }
            }
        }
    }

    /// Moves a waiting stay to the level it has reached by now and schedules the next step.
    fn escalate(&mut self, id: StayId) {
        let Some(st) = self.stays.get_mut(&id) else {
            return;
        };
        let Some(rt) = self.queues.get_mut(&st.queue) else {
            return;
        };
        let company = st.company;
        let new_level = level(
            st.key.wait_since,
            rt.delay,
            rt.max_tier,
            self.lanes.now(company),
        );
        rt.pools.remove(&st.class, st.level, &st.key);
        rt.pools.insert(&st.class, new_level, st.key);
        st.level = new_level;
        st.next_escalation = next_escalation(st.key.wait_since, rt.delay, rt.max_tier, new_level);
        if let Some(next) = st.next_escalation {
            self.lanes.push_due(company, next, Due::Escalate(id));
        }
        self.lanes.dirty_stays(company).insert(id);
    }
}
