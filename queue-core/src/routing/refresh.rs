//! Keeping the routing view in step with the state: what a record change touched is
//! recomputed here — queues first (agents' places depend on queue settings), then agents,
//! then stays — and nothing else.

use super::due::Due;
use super::keys::{level, next_escalation, qualifies, skill_sum, AgentKey, Preference, Ratio};
use super::pools::Pools;
use super::{AgentRt, QueueRt, Router, StayKey, StayRt};
use crate::ids::{CompanyUserId, QueueId, SkillId, StayId};
use crate::model::queue::Strategy;
use crate::model::stay::StayState;
use crate::state::State;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet};

impl Router {
    /// Recomputes the routing view of everything touched: queues first (agents' places
    /// depend on queue settings), then agents, then stays.
    pub(crate) fn refresh(&mut self, s: &State) {
        while !self.pending.is_empty() {
            let p = std::mem::take(&mut self.pending);
            for c in &p.companies {
                if !s.companies.contains_key(c) {
                    self.lanes.remove(*c);
                }
            }
            for c in p.companies.iter().chain(&p.company_queues) {
                self.pending
                    .queues
                    .extend(s.idx.queues_by_company.get(c).into_iter().flatten());
            }
            for c in &p.companies {
                self.pending
                    .agent_views
                    .extend(s.idx.members_by_company.get(c).into_iter().flatten());
            }
            for o in &p.objects {
                self.pending
                    .stays
                    .extend(s.idx.stays_by_object.get(o).into_iter().flatten());
            }
            let mut queues = std::mem::take(&mut self.pending.queues);
            queues.extend(p.queues);
            for q in queues {
                self.refresh_queue(s, q);
            }
            let mut agents = std::mem::take(&mut self.pending.agents);
            let mut views = std::mem::take(&mut self.pending.agent_views);
            agents.extend(p.agents);
            views.extend(p.agent_views);
            for a in views.iter() {
                self.refresh_agent(s, *a, true);
            }
            for a in agents.difference(&views) {
                self.refresh_agent(s, *a, false);
            }
            let mut stays = std::mem::take(&mut self.pending.stays);
            stays.extend(p.stays);
            for st in stays {
                self.refresh_stay(s, st);
            }
        }
    }

    fn refresh_queue(&mut self, s: &State, id: QueueId) {
        let Some(q) = s.queues.get(&id) else {
            self.answers.remove(&id);
            if let Some(old) = self.queues.remove(&id) {
                self.pending.agent_views.extend(old.members);
                for k in old.pools.keys() {
                    self.stays.remove(&k.id);
                }
            }
            return;
        };
        let ops = s.idx.operators_by_queue.get(&id);
        let mut members: BTreeSet<CompanyUserId> =
            ops.into_iter().flatten().map(|(a, _)| *a).collect();
        members.extend(q.company_user_id);
        let rows = || {
            ops.into_iter()
                .flatten()
                .filter_map(|(_, o)| s.operators.get(o))
        };
        let max_tier = rows().map(|o| o.tier).max().unwrap_or(1);
        let routed_seq = rows().map(|o| o.routed_seq).max().unwrap_or(0);
        let now = self.lanes.now(q.company_id);
        let (open, next_change) = s.queue_open_at(q, now);
        let next_change = next_change.or_else(|| s.queue_recheck_at(q, now));
        let fresh = QueueRt {
            active: q.is_active,
            open,
            next_change,
            strategy: q.strategy,
            delay: q.priority_delay,
            max_wait: q.max_wait_seconds,
            skip: q.skip_empty_tiers,
            tier_counts: BTreeMap::new(),
            required: s.queue_requirements(id),
            max_tier,
            routed_seq,
            members,
            pools: Pools::default(),
            ready: BTreeMap::new(),
        };
        if let Some(t) = next_change {
            self.lanes.push_due(q.company_id, t, Due::QueueChange(id));
        }
        match self.queues.get_mut(&id) {
            None => {
                self.pending
                    .agent_views
                    .extend(fresh.members.iter().copied());
                self.queues.insert(id, fresh);
            }
            Some(rt) => {
                let relevel = rt.delay != fresh.delay
                    || rt.max_tier != fresh.max_tier
                    || rt.max_wait != fresh.max_wait;
                // Agents joining or leaving are refreshed through their own operator rows;
                // only settings that change every member's place (required skills, strategy)
                // refresh them all. Opening or activating only makes them worth a new look.
                if rt.required != fresh.required
                    || rt.strategy != fresh.strategy
                    || rt.skip != fresh.skip
                {
                    self.pending
                        .agents
                        .extend(rt.members.iter().chain(&fresh.members).copied());
                } else if (fresh.active && !rt.active) || (fresh.open && !rt.open) {
                    self.lanes
                        .dirty_agents(q.company_id)
                        .extend(fresh.members.iter().copied());
                }
                let pools = std::mem::take(&mut rt.pools);
                let ready = std::mem::take(&mut rt.ready);
                let tier_counts = std::mem::take(&mut rt.tier_counts);
                *rt = QueueRt {
                    pools,
                    ready,
                    tier_counts,
                    ..fresh
                };
                if relevel {
                    let ids = rt.pools.keys().map(|k| k.id);
                    self.pending.stays.extend(ids);
                }
            }
        }
    }

    /// Re-places an agent in the ready sets. Their skills and queues are read from state
    /// only when `view` (a skill or staffing row of theirs changed) or when not cached.
    fn refresh_agent(&mut self, s: &State, id: CompanyUserId, view: bool) {
        let mut cached = None;
        // Lowest ready tier of each queue the agent counted or counts in, before the change.
        let mut lowest_before: Vec<(QueueId, Option<u8>)> = Vec::new();
        let counted = self
            .agents
            .get_mut(&id)
            .map(|a| std::mem::take(&mut a.counted))
            .unwrap_or_default();
        for (q, tier) in counted {
            self.count(q, tier, false, &mut lowest_before);
        }
        if let Some(old) = self.agents.get_mut(&id) {
            if !view {
                cached = Some((
                    std::mem::take(&mut old.skills),
                    std::mem::take(&mut old.queues),
                ));
            }
            for (q, tier, key) in old.entries.drain(..) {
                if let Some(set) = self
                    .queues
                    .get_mut(&q)
                    .and_then(|rt| rt.ready.get_mut(&tier))
                {
                    set.remove(&key);
                    if set.is_empty() {
                        if let Some(rt) = self.queues.get_mut(&q) {
                            rt.ready.remove(&tier);
                        }
                    }
                }
            }
        }
        let (Some(cu), Some(p)) = (s.company_users.get(&id), s.presence.get(&id)) else {
            if let Some(old) = self.agents.remove(&id) {
                self.lanes.dirty_agents(old.company).remove(&id);
            }
            self.after_counts(lowest_before);
            return;
        };
        let load = s.idx.live_by_agent.get(&id).map_or(0, |l| l.len() as u32);
        let capacity = s.capacity(cu);
        // A wrap-up ends by a write at its instant (`Tx::advance`), so while the record
        // holds one the agent is not ready.
        let ready =
            cu.is_active && p.show.is_ready() && load < capacity && p.wrap_up_until.is_none();
        let (skills, queues) = match cached {
            Some(view) => view,
            None => agent_view(s, id),
        };
        let mut entries = Vec::new();
        if ready {
            for (q, tier) in &queues {
                let Some(rt) = self.queues.get_mut(q) else {
                    continue;
                };
                if !qualifies(&skills, &rt.required) {
                    continue;
                }
                let pref = match rt.strategy {
                    // Ring-all rings every eligible agent; the router only needs one of them
                    // to know that the object can be offered now.
                    Strategy::LongestIdle | Strategy::RingAll => Preference::Idle(p.idle_since),
                    Strategy::LeastOccupied => Preference::Occupancy(Ratio { load, capacity }),
                    Strategy::RoundRobin => Preference::Routed(
                        s.idx
                            .operators_by_queue
                            .get(q)
                            .and_then(|m| m.get(&id))
                            .and_then(|o| s.operators.get(o))
                            .map_or(0, |o| o.routed_seq),
                    ),
                    Strategy::MostSkilled => {
                        Preference::Skill(Reverse(skill_sum(&skills, &rt.required, &[])))
                    }
                };
                let key = AgentKey { pref, id };
                rt.ready.entry(*tier).or_default().insert(key);
                entries.push((*q, *tier, key));
            }
            self.lanes.dirty_agents(cu.company_id).insert(id);
        }
        let mut counted = Vec::new();
        if ready {
            for (q, tier) in &queues {
                self.count(*q, *tier, true, &mut lowest_before);
                counted.push((*q, *tier));
            }
        }
        self.after_counts(lowest_before);
        let wrap_up_until = p.wrap_up_until;
        let scheduled = self.agents.get(&id).and_then(|a| a.wrap_up_until);
        if let (Some(t), true) = (wrap_up_until, wrap_up_until != scheduled) {
            self.lanes.push_due(cu.company_id, t, Due::WrapUpEnd(id));
        }
        self.agents.insert(
            id,
            AgentRt {
                company: cu.company_id,
                ready,
                skills,
                queues,
                entries,
                wrap_up_until,
                counted,
            },
        );
    }

    /// Counts (`add`) or uncounts a ready operator at `tier` of `q`, noting the queue's
    /// lowest ready tier before the first change of this refresh.
    fn count(&mut self, q: QueueId, tier: u8, add: bool, before: &mut Vec<(QueueId, Option<u8>)>) {
        let Some(rt) = self.queues.get_mut(&q) else {
            return;
        };
        if !before.iter().any(|(b, _)| *b == q) {
            before.push((q, rt.tier_counts.keys().next().copied()));
        }
        let n = rt.tier_counts.entry(tier).or_default();
        if add {
            *n += 1;
        } else {
            *n = n.saturating_sub(1);
            if *n == 0 {
                rt.tier_counts.remove(&tier);
            }
        }
    }

    /// With `skip_empty_tiers`, a queue whose lowest ready tier moved lets other agents
    /// reach its objects: its ready agents get a new look.
    fn after_counts(&mut self, before: Vec<(QueueId, Option<u8>)>) {
        for (q, lowest) in before {
            let Some(rt) = self.queues.get(&q) else {
                continue;
            };
            if !rt.skip || rt.tier_counts.keys().next().copied() == lowest {
                continue;
            }
            // Agents are what gained reach; a dirty agent finds its best stay itself, so
            // nothing here costs the length of the line.
            let ready: Vec<CompanyUserId> = rt.ready.values().flatten().map(|k| k.id).collect();
            let company = ready
                .first()
                .and_then(|a| self.agents.get(a))
                .map(|a| a.company);
            if let Some(c) = company {
                self.lanes.dirty_agents(c).extend(ready);
            }
        }
    }

    fn refresh_stay(&mut self, s: &State, id: StayId) {
        if let Some(old) = self.stays.remove(&id) {
            if let Some(rt) = self.queues.get_mut(&old.queue) {
                rt.pools.remove(&old.class, old.level, &old.key);
            }
            self.lanes.dirty_stays(old.company).remove(&id);
        }
        let Some(stay) = s.stays.get(&id) else {
            return;
        };
        let company = stay.company_id;
        if stay.state != StayState::Waiting {
            // Only waiting stays are indexed; an offer is watched for its deadline.
            if let (StayState::Offered, Some(t)) = (stay.state, stay.offer_expires_at) {
                self.lanes.push_due(company, t, Due::OfferTimeout(id));
            }
            self.lanes.dirty_stays(company).remove(&id);
            return;
        }
        let (Some(rt), Some(obj)) = (
            self.queues.get_mut(&stay.queue_id),
            s.objects.get(&stay.object_id),
        ) else {
            return;
        };
        let key = StayKey {
            priority: Reverse(obj.priority),
            wait_since: stay.wait_since,
            id,
        };
        let lvl = level(
            stay.wait_since,
            rt.delay,
            rt.max_tier,
            self.lanes.now(company),
        );
        let next = next_escalation(stay.wait_since, rt.delay, rt.max_tier, lvl);
        rt.pools.insert(&obj.required_skills, lvl, key);
        if let Some(t) = next {
            self.lanes.push_due(company, t, Due::Escalate(id));
        }
        let deadline = rt
            .max_wait
            .map(|secs| crate::clock::plus_seconds(stay.enqueued_at, i64::from(secs)));
        if let Some(t) = deadline {
            self.lanes.push_due(company, t, Due::WaitLimit(id));
        }
        let now = self.lanes.now(company);
        let reserved = stay
            .reserved_for(now)
            .zip(stay.preferred_until)
            .filter(|(_, until)| *until > now);
        if let Some((_, until)) = reserved {
            self.lanes.push_due(company, until, Due::PreferenceEnds(id));
        }
        self.stays.insert(
            id,
            StayRt {
                company,
                queue: stay.queue_id,
                class: obj.required_skills.clone(),
                level: lvl,
                key,
                excluded: stay.excluded.clone(),
                next_escalation: next,
                deadline,
                reserved,
            },
        );
        self.lanes.dirty_stays(company).insert(id);
    }
}

/// An agent's skill levels, and the queues they are routed from with the tier: enabled
/// operator rows and personal queues (tier 1).
fn agent_view(s: &State, id: CompanyUserId) -> (BTreeMap<SkillId, u8>, Vec<(QueueId, u8)>) {
    let skills = s.agent_levels(id).collect();
    let mut queues: Vec<(QueueId, u8)> = s
        .idx
        .operators_by_agent
        .get(&id)
        .into_iter()
        .flatten()
        .filter_map(|(q, o)| {
            s.operators
                .get(o)
                .filter(|o| o.enabled)
                .map(|o| (*q, o.tier))
        })
        .collect();
    queues.extend(
        s.idx
            .personal_queues
            .get(&id)
            .into_iter()
            .flatten()
            .map(|q| (*q, 1)),
    );
    (skills, queues)
}
