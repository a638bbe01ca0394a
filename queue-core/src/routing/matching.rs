//! Finding matches in the indexes: an agent's best stay, a stay's preferred agent, and the
//! next match among everything that changed.

use super::keys::{qualifies, skill_sum, AgentKey, Preference, StayKey};
use super::Router;
use crate::ids::{CompanyId, CompanyUserId, StayId};
use crate::model::queue::Strategy;
use std::cmp::Reverse;

impl Router {
    /// The next (stay, agent) match of `company` (of the first company that has one, in
    /// company order, with `None`): the best stay that has an eligible agent, given to the
    /// agent its queue prefers. Only dirty agents and stays can be part of a new match, so
    /// only they are examined; those found unmatchable are no longer dirty.
    pub(crate) fn next_match(
        &mut self,
        company: Option<CompanyId>,
    ) -> Option<(StayId, CompanyUserId)> {
        match company {
            Some(c) => self.next_match_of(c),
            None => self
                .lanes
                .dirty_companies()
                .into_iter()
                .find_map(|c| self.next_match_of(c)),
        }
    }

    fn next_match_of(&mut self, company: CompanyId) -> Option<(StayId, CompanyUserId)> {
        let lane = self.lanes.by_company.get_mut(&company)?;
        let mut agents = std::mem::take(&mut lane.dirty_agents);
        let mut stays = std::mem::take(&mut lane.dirty_stays);
        // The best stay so far, with its preferred agent when already known.
        let mut best: Option<(StayKey, Option<CompanyUserId>)> = None;
        let mut offer = |key: StayKey, agent: Option<CompanyUserId>| {
            if best.is_none_or(|(b, _)| key < b) {
                best = Some((key, agent));
            }
        };
        agents.retain(|a| self.best_stay_for(*a).map(|k| offer(k, None)).is_some());
        stays.retain(|s| match (self.stays.get(s), self.best_agent_for(*s)) {
            (Some(rt), Some(agent)) => {
                offer(rt.key, Some(agent));
                true
            }
            _ => false,
        });
        // Looking marks nothing dirty, so the sets taken are the whole of them.
        let lane = self.lanes.by_company.entry(company).or_default();
        lane.dirty_agents = agents;
        lane.dirty_stays = stays;
        let (key, known) = best?;
        let agent = known.or_else(|| self.best_agent_for(key.id))?;
        Some((key.id, agent))
    }

    /// The best waiting stay `agent` is eligible for, across all the agent's queues.
    pub(crate) fn best_stay_for(&self, agent: CompanyUserId) -> Option<StayKey> {
        let a = self.agents.get(&agent)?;
        if !a.ready {
            return None;
        }
        let mut best: Option<StayKey> = None;
        for (q, tier) in &a.queues {
            let Some(rt) = self.queues.get(q) else {
                continue;
            };
            if !rt.active || !rt.open || !qualifies(&a.skills, &rt.required) {
                continue;
            }
            // Heads come best first: once a head cannot beat the best found, no stay of
            // that pool or any later one can.
            for head in rt.pools.heads() {
                if best.is_some_and(|b| head.key >= b) {
                    break;
                }
                if rt.reach(head.level) < *tier || !qualifies(&a.skills, &head.class) {
                    continue;
                }
                let pool = rt.pools.pool(&head.class, head.level).into_iter().flatten();
                let first = pool.take_while(|k| best.is_none_or(|b| **k < b)).find(|k| {
                    self.stays.get(&k.id).is_some_and(|st| {
                        !st.excluded.contains(&agent) && st.reserved.is_none_or(|(a, _)| a == agent)
                    })
                });
                if let Some(k) = first {
                    best = Some(*k);
                }
            }
        }
        best
    }

    /// The agent the stay's queue prefers among those eligible for it, if any.
    pub(crate) fn best_agent_for(&self, stay: StayId) -> Option<CompanyUserId> {
        let st = self.stays.get(&stay)?;
        let rt = self.queues.get(&st.queue)?;
        if !rt.active || !rt.open {
            return None;
        }
        let eligible = |k: &&AgentKey| {
            !st.excluded.contains(&k.id)
                && st.reserved.is_none_or(|(a, _)| a == k.id)
                && self
                    .agents
                    .get(&k.id)
                    .is_some_and(|a| qualifies(&a.skills, &st.class))
        };
        let mut best: Option<AgentKey> = None;
        for set in rt.ready.range(..=rt.reach(st.level)).map(|(_, set)| set) {
            let candidate = if rt.strategy == Strategy::MostSkilled && !st.class.is_empty() {
                // The object's own skills count towards "most skilled", so the queue-level
                // order is not enough: rank this tier's eligible agents by the full sum.
                set.iter()
                    .filter(eligible)
                    .map(|k| {
                        let sum = self
                            .agents
                            .get(&k.id)
                            .map_or(0, |a| skill_sum(&a.skills, &rt.required, &st.class));
                        AgentKey {
                            pref: Preference::Skill(Reverse(sum)),
                            id: k.id,
                        }
                    })
                    .min()
            } else {
                set.iter().find(eligible).copied()
            };
            if let Some(c) = candidate {
                if best.is_none_or(|b| c < b) {
                    best = Some(c);
                }
            }
        }
        best.map(|k| k.id)
    }
}
