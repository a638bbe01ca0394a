//! The eligibility rules of SPEC §3 (and rule 8, a preferred agent), checked one by one
//! from the records. Used by `pick`
//! and `explain`; the router answers the same question from its indexes.

use crate::ids::{CompanyUserId, SkillId, StayId};
use crate::model::presence::Show;
use crate::model::stay::StayState;
use crate::state::State;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The first rule that keeps an agent from an object, numbered as in SPEC §3.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Ineligible {
    /// The stay is not waiting.
    NotWaiting {
        /// Its state.
        state: StayState,
    },
    /// Rule 1: the agent is inactive.
    Inactive,
    /// Rule 1: the agent belongs to another company.
    OtherCompany,
    /// Rule 1: the agent does not staff the queue (or it is someone else's personal queue).
    NotOperator,
    /// Rule 1: the agent's operator row is suspended.
    Suspended,
    /// Rule 2: the agent shows something other than chat or available.
    NotReady {
        /// What they show.
        show: Show,
    },
    /// Rule 2: the agent is wrapping up after a completion (a queue's `wrap_up_seconds`).
    WrappingUp {
        /// When the wrap-up ends.
        until: DateTime<Utc>,
    },
    /// Rule 3: the agent's load has reached their capacity.
    AtCapacity {
        /// Objects offered or assigned to them.
        load: u32,
        /// Their capacity.
        capacity: u32,
    },
    /// Rule 4: the agent lacks a required skill level.
    MissingSkill {
        /// The skill.
        skill_id: SkillId,
        /// The minimum level.
        required: u8,
        /// The agent's level, if any.
        level: Option<u8>,
    },
    /// Rule 5: the queue is inactive.
    QueueInactive,
    /// Rule 5: the queue is closed (hours of operation or a blacklist range).
    QueueClosed,
    /// Rule 6: the object has not escalated to the agent's tier yet.
    TierNotReached {
        /// The agent's tier.
        tier: u8,
        /// The tier the object has reached.
        reached: u32,
        /// When it reaches the agent's tier.
        at: DateTime<Utc>,
    },
    /// Rule 7: the agent rejected this stay or let its offer lapse.
    Rejected,
    /// Rule 8: the object is kept for its preferred agent a while longer.
    KeptForAnother {
        /// The preferred agent.
        preferred_agent_id: CompanyUserId,
        /// When anyone eligible may get it.
        until: DateTime<Utc>,
    },
}

impl Ineligible {
    /// The rule number of SPEC §3 (0 when the stay itself is not waiting).
    pub fn rule(&self) -> u8 {
        match self {
            Ineligible::NotWaiting { .. } => 0,
            Ineligible::Inactive
            | Ineligible::OtherCompany
            | Ineligible::NotOperator
            | Ineligible::Suspended => 1,
            Ineligible::NotReady { .. } | Ineligible::WrappingUp { .. } => 2,
            Ineligible::AtCapacity { .. } => 3,
            Ineligible::MissingSkill { .. } => 4,
            Ineligible::QueueInactive | Ineligible::QueueClosed => 5,
            Ineligible::TierNotReached { .. } => 6,
            Ineligible::Rejected => 7,
            Ineligible::KeptForAnother { .. } => 8,
        }
    }
}

impl fmt::Display for Ineligible {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ineligible::NotWaiting { state } => write!(f, "the stay is {state:?}, not waiting"),
            Ineligible::Inactive => f.write_str("rule 1: the agent is inactive"),
            Ineligible::OtherCompany => f.write_str("rule 1: the agent belongs to another company"),
            Ineligible::NotOperator => f.write_str("rule 1: the agent does not staff this queue"),
            Ineligible::Suspended => f.write_str("rule 1: the agent is suspended on this queue"),
            Ineligible::NotReady { show } => write!(f, "rule 2: the agent shows {show}"),
            Ineligible::WrappingUp { until } => {
                write!(f, "rule 2: the agent wraps up until {until}")
            }
            Ineligible::AtCapacity { load, capacity } => {
                write!(f, "rule 3: load {load} of capacity {capacity}")
            }
            Ineligible::MissingSkill {
                skill_id,
                required,
                level,
            } => {
                write!(
                    f,
                    "rule 4: skill {skill_id} needs level {required}, agent has {}",
                    level.map_or("none".into(), |l| l.to_string())
                )
            }
            Ineligible::QueueInactive => f.write_str("rule 5: the queue is inactive"),
            Ineligible::QueueClosed => f.write_str("rule 5: the queue is closed"),
            Ineligible::TierNotReached { tier, reached, at } => write!(
                f,
                "rule 6: tier {tier} not reached (at {reached}) until {at}"
            ),
            Ineligible::Rejected => {
                f.write_str("rule 7: the agent rejected this object or let its offer lapse")
            }
            Ineligible::KeptForAnother {
                preferred_agent_id,
                until,
            } => write!(
                f,
                "rule 8: kept for agent {preferred_agent_id} until {until}"
            ),
        }
    }
}

impl State {
    /// The lowest tier of `queue` with a ready operator — rules 1–3: active, enabled,
    /// showing chat or available and not wrapping up, under capacity; skills do not count.
    pub(crate) fn lowest_ready_tier(
        &self,
        queue: crate::ids::QueueId,
        now: DateTime<Utc>,
    ) -> Option<u8> {
        self.idx
            .operators_by_queue
            .get(&queue)
            .into_iter()
            .flatten()
            .filter_map(|(agent, op)| {
                let op = self.operators.get(op).filter(|o| o.enabled)?;
                let cu = self.company_users.get(agent).filter(|cu| cu.is_active)?;
                let p = self.presence.get(agent)?;
                let wrapping = p.wrap_up_until.is_some_and(|u| u > now);
                let load = self
                    .idx
                    .live_by_agent
                    .get(agent)
                    .map_or(0, |l| l.len() as u32);
                (p.show.is_ready() && !wrapping && load < self.capacity(cu)).then_some(op.tier)
            })
            .min()
    }

    /// Who a `ring_all` offer of `stay` rings at `now`: every agent eligible for it (the
    /// queue's owner, or its operators), in id order; `chosen`, the router's match, always.
    /// Costs one eligibility check per operator of the queue: ringing all is that.
    pub(crate) fn ring(
        &self,
        stay: &crate::model::stay::Stay,
        chosen: CompanyUserId,
        now: DateTime<Utc>,
    ) -> Vec<CompanyUserId> {
        let owner = self
            .queues
            .get(&stay.queue_id)
            .and_then(|q| q.company_user_id);
        let operators = self
            .idx
            .operators_by_queue
            .get(&stay.queue_id)
            .into_iter()
            .flat_map(|m| m.keys().copied());
        let mut ring: Vec<CompanyUserId> = owner
            .into_iter()
            .chain(operators)
            .filter(|a| *a == chosen || self.ineligibility(*a, stay.id, now, false).is_none())
            .chain(std::iter::once(chosen))
            .collect();
        ring.sort();
        ring.dedup();
        ring
    }

    /// The first rule keeping `agent` from `stay` at `now`, or `None` when eligible.
    /// With `ignore_tier`, rule 6 is skipped, as for picking.
    pub(crate) fn ineligibility(
        &self,
        agent: CompanyUserId,
        stay: StayId,
        now: DateTime<Utc>,
        ignore_tier: bool,
    ) -> Option<Ineligible> {
        let Some(st) = self.stays.get(&stay) else {
            return Some(Ineligible::NotWaiting {
                state: StayState::Expired,
            });
        };
        if st.state != StayState::Waiting {
            return Some(Ineligible::NotWaiting { state: st.state });
        }
        let (Some(cu), Some(q)) = (
            self.company_users.get(&agent),
            self.queues.get(&st.queue_id),
        ) else {
            return Some(Ineligible::NotOperator);
        };
        // Rule 1.
        if !cu.is_active {
            return Some(Ineligible::Inactive);
        }
        if cu.company_id != q.company_id {
            return Some(Ineligible::OtherCompany);
        }
        let tier = match q.company_user_id {
            Some(owner) if owner == agent => 1,
            Some(_) => return Some(Ineligible::NotOperator),
            None => {
                let op = self
                    .idx
                    .operators_by_queue
                    .get(&q.id)
                    .and_then(|m| m.get(&agent))
                    .and_then(|o| self.operators.get(o));
                match op {
                    None => return Some(Ineligible::NotOperator),
                    Some(op) if !op.enabled => return Some(Ineligible::Suspended),
                    Some(op) => op.tier,
                }
            }
        };
        // Rule 2, with wrap-up: an agent wrapping up is not ready for new work.
        let presence = self.presence.get(&agent);
        let show = presence.map_or(Show::Unavailable, |p| p.show);
        if !show.is_ready() {
            return Some(Ineligible::NotReady { show });
        }
        if let Some(until) = presence.and_then(|p| p.wrap_up_until) {
            if until > now {
                return Some(Ineligible::WrappingUp { until });
            }
        }
        // Rule 3.
        let load = self
            .idx
            .live_by_agent
            .get(&agent)
            .map_or(0, |l| l.len() as u32);
        let capacity = self.capacity(cu);
        if load >= capacity {
            return Some(Ineligible::AtCapacity { load, capacity });
        }
        // Rule 4.
        let object_reqs = self
            .objects
            .get(&st.object_id)
            .map(|o| o.required_skills.clone())
            .unwrap_or_default();
        for r in self.queue_requirements(q.id).iter().chain(&object_reqs) {
            let level = self
                .idx
                .agent_skills_by_agent
                .get(&agent)
                .and_then(|m| m.get(&r.skill_id))
                .and_then(|row| self.agent_skills.get(row))
                .map(|s| s.level);
            if level.is_none_or(|l| l < r.min_level) {
                return Some(Ineligible::MissingSkill {
                    skill_id: r.skill_id,
                    required: r.min_level,
                    level,
                });
            }
        }
        // Rule 5.
        if !q.is_active {
            return Some(Ineligible::QueueInactive);
        }
        if !self.queue_open_at(q, now).0 {
            return Some(Ineligible::QueueClosed);
        }
        // Rule 6, with `skip_empty_tiers`: at least the lowest tier with a ready operator.
        if let (false, Some(delay)) = (ignore_tier, q.priority_delay) {
            let waited = (now - st.wait_since).num_seconds().max(0) as u64;
            let mut reached = 1 + waited / u64::from(delay.max(1));
            if q.skip_empty_tiers {
                if let Some(lowest) = self.lowest_ready_tier(q.id, now) {
                    reached = reached.max(u64::from(lowest));
                }
            }
            if u64::from(tier) > reached {
                let at = crate::clock::plus_seconds(
                    st.wait_since,
                    i64::from(delay) * (i64::from(tier) - 1),
                );
                return Some(Ineligible::TierNotReached {
                    tier,
                    reached: reached.min(u64::from(u32::MAX)) as u32,
                    at,
                });
            }
        }
        // Rule 7.
        if st.excluded.contains(&agent) {
            return Some(Ineligible::Rejected);
        }
        // Rule 8: a preferred agent.
        if let (Some(preferred), Some(until)) = (st.reserved_for(now), st.preferred_until) {
            if preferred != agent {
                return Some(Ineligible::KeptForAnother {
                    preferred_agent_id: preferred,
                    until,
                });
            }
        }
        None
    }
}
