//! `explain`: why an object is still waiting — every agent of its queues with the first rule
//! that keeps them from it, and when escalation next widens the pool.

use super::Ineligible;
use crate::ids::{CompanyUserId, ObjectId, QueueId, StayId};
use crate::model::stay::StayState;
use crate::state::State;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// One agent's standing for one stay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentVerdict {
    /// The agent.
    pub company_user_id: CompanyUserId,
    /// Their tier on the queue (1 for a personal queue's owner), if they staff it.
    pub tier: Option<u8>,
    /// `None` when eligible now, else the first rule that stops them.
    pub ineligible: Option<Ineligible>,
}

/// Why one stay of an object is where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explanation {
    /// The stay.
    pub stay_id: StayId,
    /// Its queue.
    pub queue_id: QueueId,
    /// Its state.
    pub state: StayState,
    /// Highest tier reached so far (`None`: the queue has no `priority_delay`, all tiers at once).
    pub tier_reached: Option<u32>,
    /// When the object next escalates to a tier some operator of the queue is in.
    pub next_escalation_at: Option<DateTime<Utc>>,
    /// Every operator of the queue (the owner, for a personal queue), by id.
    pub agents: Vec<AgentVerdict>,
}

/// Each live stay of an object, explained as of `now`.
pub(crate) fn explain(s: &State, object_id: ObjectId, now: DateTime<Utc>) -> Vec<Explanation> {
    let mut out = Vec::new();
    for stay in s
        .object_stays(object_id)
        .into_iter()
        .filter(|st| st.state.is_live())
    {
        let Some(q) = s.queues.get(&stay.queue_id) else {
            continue;
        };
        let mut agents: BTreeSet<(CompanyUserId, Option<u8>)> = s
            .idx
            .operators_by_queue
            .get(&q.id)
            .into_iter()
            .flatten()
            .map(|(a, op)| (*a, s.operators.get(op).map(|o| o.tier)))
            .collect();
        agents.extend(q.company_user_id.map(|owner| (owner, Some(1))));
        let waited = (now - stay.wait_since).num_seconds().max(0) as u64;
        let tier_reached = q
            .priority_delay
            .map(|d| (1 + waited / u64::from(d.max(1))).min(u64::from(u32::MAX)) as u32);
        let next_escalation_at = match (q.priority_delay, tier_reached) {
            (Some(d), Some(reached)) => agents
                .iter()
                .filter_map(|(_, t)| *t)
                .map(u32::from)
                .filter(|t| *t > reached)
                .min()
                .map(|t| {
                    crate::clock::plus_seconds(stay.wait_since, i64::from(d) * (i64::from(t) - 1))
                }),
            _ => None,
        };
        out.push(Explanation {
            stay_id: stay.id,
            queue_id: q.id,
            state: stay.state,
            tier_reached,
            next_escalation_at,
            agents: agents
                .into_iter()
                .map(|(a, tier)| AgentVerdict {
                    company_user_id: a,
                    tier,
                    ineligible: s.ineligibility(a, stay.id, now, false),
                })
                .collect(),
        });
    }
    out
}
