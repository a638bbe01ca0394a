//! The routing engine: which waiting object goes to which agent, decided from indexes.
//!
//! The router keeps, per queue, the waiting stays in serving order (bucketed by the object's
//! extra skills and by the tier they have reached) and the ready agents in the order the
//! queue's strategy prefers (bucketed by tier). Every record change marks the agents, queues
//! and stays it affects; `Router::refresh` recomputes just those, and the dispatch loop
//! (`dispatch`) looks for new matches only among them. One decision therefore costs a few
//! ordered-set lookups, not a scan of all objects or agents.
//!
//! Matching rule, which the reference model in the tests implements by brute force: while
//! some waiting stay has an eligible agent, take the best such stay (priority, then longest
//! wait, then id) and give it to the agent its queue's strategy prefers among the eligible.

mod due;
mod eligibility;
mod explain;
mod keys;
mod lanes;
mod matching;
mod page;
mod pools;

pub use eligibility::Ineligible;
pub(crate) use explain::explain;
pub use explain::{AgentVerdict, Explanation};

use crate::ids::{CompanyId, CompanyUserId, ObjectId, QueueId, SkillId, StayId};
use crate::model::queue::Strategy;
use crate::model::record::Record;
use crate::model::skill::SkillRequirement;
use crate::model::stay::StayState;
use crate::state::State;
use chrono::{DateTime, Utc};
use due::Due;
pub(crate) use keys::StayKey;
use keys::{level, next_escalation, qualifies, skill_sum, AgentKey, Preference, Ratio};
use lanes::Lanes;
pub(crate) use page::{decode_page_key, encode_page_key};
use pools::Pools;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap};
use std::ops::Bound;

/// Routing view of an agent.
#[derive(Debug, Clone)]
struct AgentRt {
    company: CompanyId,
    /// Active, showing chat/available and under capacity.
    ready: bool,
    skills: BTreeMap<SkillId, u8>,
    /// Queues the agent is routed from, with the tier: enabled operator rows and personal queues.
    queues: Vec<(QueueId, u8)>,
    /// Where the agent currently sits in ready sets.
    entries: Vec<(QueueId, u8, AgentKey)>,
}

/// Routing view of a queue.
#[derive(Debug, Clone)]
struct QueueRt {
    active: bool,
    open: bool,
    /// When to look at `open` again: when it next flips, or the end of the window the
    /// schedule was searched in.
    next_change: Option<DateTime<Utc>>,
    strategy: Strategy,
    delay: Option<u32>,
    required: Vec<SkillRequirement>,
    /// Highest tier among the queue's operators: stays stop escalating there.
    max_tier: u8,
    /// Highest `routed_seq` among the queue's operators: the `round_robin` sequence so far.
    routed_seq: u64,
    /// Agents whose routing view depends on this queue's settings.
    members: BTreeSet<CompanyUserId>,
    /// Waiting stays by the object's extra skills, then by level reached, in serving order.
    pools: Pools,
    /// Ready agents by tier, in strategy order.
    ready: BTreeMap<u8, BTreeSet<AgentKey>>,
}

/// Routing view of a waiting stay.
#[derive(Debug, Clone)]
struct StayRt {
    company: CompanyId,
    queue: QueueId,
    class: Vec<SkillRequirement>,
    level: u8,
    key: StayKey,
    excluded: Vec<CompanyUserId>,
    next_escalation: Option<DateTime<Utc>>,
}

/// What changed since the last refresh.
#[derive(Debug, Default)]
struct Pending {
    companies: BTreeSet<CompanyId>,
    company_queues: BTreeSet<CompanyId>,
    queues: BTreeSet<QueueId>,
    agents: BTreeSet<CompanyUserId>,
    /// Agents whose skills or staffing changed: their cached view is rebuilt (the others,
    /// whose load, presence or activity changed, keep it — the common case, every command).
    agent_views: BTreeSet<CompanyUserId>,
    objects: BTreeSet<ObjectId>,
    stays: BTreeSet<StayId>,
}

impl Pending {
    fn is_empty(&self) -> bool {
        self.companies.is_empty()
            && self.company_queues.is_empty()
            && self.queues.is_empty()
            && self.agents.is_empty()
            && self.agent_views.is_empty()
            && self.objects.is_empty()
            && self.stays.is_empty()
    }
}

/// The routing indexes.
#[derive(Debug)]
pub(crate) struct Router {
    /// Per company: the instant its routing state reflects (levels reached, queues open),
    /// what is due next, and who may have become matchable. Companies never share agents or
    /// queues, so each moves on its own, under its own store lock.
    lanes: Lanes,
    agents: HashMap<CompanyUserId, AgentRt>,
    queues: HashMap<QueueId, QueueRt>,
    stays: HashMap<StayId, StayRt>,
    pending: Pending,
    /// Queues whose open/close flips were passed over in the current time step, because
    /// nothing could route from them (see `Router::pop_due`).
    idle_changes: BTreeSet<QueueId>,
    /// Queues a flip of this step opened, with how many stays waited in them then: if as
    /// many still wait after routing, the opening was fruitless ([`Router::after_flips`]).
    opened: Vec<(QueueId, usize)>,
    /// Queues whose last opening routed nothing, since the last event that could change that.
    fruitless: BTreeSet<QueueId>,
}

impl Default for Router {
    fn default() -> Self {
        Router {
            lanes: Lanes::at(DateTime::<Utc>::MIN_UTC),
            agents: HashMap::new(),
            queues: HashMap::new(),
            stays: HashMap::new(),
            pending: Pending::default(),
            idle_changes: BTreeSet::new(),
            opened: Vec::new(),
            fruitless: BTreeSet::new(),
        }
    }
}

impl Router {
    /// Empty indexes, reflecting the instant `now`.
    pub(crate) fn at(now: DateTime<Utc>) -> Router {
        Router {
            lanes: Lanes::at(now),
            ..Router::default()
        }
    }

    /// Notes what a record change affects; the work happens in `Router::refresh`.
    pub(crate) fn touch(&mut self, old: Option<&Record>, new: Option<&Record>) {
        // Stamping `last_routed_at` (every round-robin decision) only moves that agent within
        // the queue's ready set; refreshing the whole queue would make each decision cost
        // as much as the queue has members.
        if let (Some(Record::Operator(a)), Some(Record::Operator(b))) = (old, new) {
            let same_staffing = (a.queue_id, a.company_user_id, a.tier, a.enabled)
                == (b.queue_id, b.company_user_id, b.tier, b.enabled);
            if same_staffing {
                if let Some(rt) = self.queues.get_mut(&b.queue_id) {
                    rt.routed_seq = rt.routed_seq.max(b.routed_seq);
                }
                self.pending.agents.insert(b.company_user_id);
                return;
            }
        }
        for r in [old, new].into_iter().flatten() {
            let p = &mut self.pending;
            match r {
                Record::Company(c) => {
                    p.companies.insert(c.id);
                }
                Record::CompanyUser(cu) => {
                    p.agents.insert(cu.id);
                }
                Record::Presence(pr) => {
                    p.agents.insert(pr.company_user_id);
                }
                Record::CompanyUserSkill(s) => {
                    p.agent_views.insert(s.company_user_id);
                }
                Record::QueueSkill(s) => {
                    p.queues.insert(s.queue_id);
                }
                Record::Queue(q) => {
                    p.queues.insert(q.id);
                    p.agent_views.extend(q.company_user_id);
                }
                Record::Operator(o) => {
                    p.queues.insert(o.queue_id);
                    p.agent_views.insert(o.company_user_id);
                }
                Record::HoursOfOperation(h) => match h.queue_id {
                    Some(q) => {
                        p.queues.insert(q);
                    }
                    None => {
                        p.company_queues.insert(h.company_id);
                    }
                },
                Record::BlacklistHours(b) => match b.queue_id {
                    Some(q) => {
                        p.queues.insert(q);
                    }
                    None => {
                        p.company_queues.insert(b.company_id);
                    }
                },
                Record::QueueableObject(o) => {
                    p.objects.insert(o.id);
                }
                Record::Stay(s) => {
                    p.stays.insert(s.id);
                    p.agents.extend(s.holder());
                }
                Record::User(_)
                | Record::AccessToken(_)
                | Record::Interval(_)
                | Record::TokenHash(_)
                | Record::Skill(_)
                | Record::QueuePassword(_)
                | Record::Note(_)
                | Record::Rating(_)
                | Record::Team(_)
                | Record::AgentSettings(_) => {}
            }
        }
    }

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
                let relevel = rt.delay != fresh.delay || rt.max_tier != fresh.max_tier;
                // Agents joining or leaving are refreshed through their own operator rows;
                // only settings that change every member's place (required skills, strategy)
                // refresh them all. Opening or activating only makes them worth a new look.
                if rt.required != fresh.required || rt.strategy != fresh.strategy {
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
                *rt = QueueRt {
                    pools,
                    ready,
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
            return;
        };
        let load = s.idx.live_by_agent.get(&id).map_or(0, |l| l.len() as u32);
        let capacity = s.capacity(cu);
        let ready = cu.is_active && p.show.is_ready() && load < capacity;
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
                    Strategy::LongestIdle => Preference::Idle(p.idle_since),
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
        self.agents.insert(
            id,
            AgentRt {
                company: cu.company_id,
                ready,
                skills,
                queues,
                entries,
            },
        );
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
            },
        );
        self.lanes.dirty_stays(company).insert(id);
    }

    /// The queue's `round_robin` sequence so far: its operators' highest `routed_seq`.
    pub(crate) fn last_routed_seq(&self, q: QueueId) -> u64 {
        self.queues.get(&q).map_or(0, |rt| rt.routed_seq)
    }

    /// Whether the queue is open at the router's current instant, if the router knows it.
    pub(crate) fn queue_open(&self, q: QueueId) -> Option<bool> {
        self.queues.get(&q).map(|rt| rt.open)
    }

    /// Up to `limit` waiting stays of a queue in serving order, after `after` if given: a
    /// merge of the queue's pools, each already in order, so a page costs its length (and a
    /// look at each pool), not a sort of everything waiting.
    pub(crate) fn waiting_page(
        &self,
        q: QueueId,
        after: Option<&StayKey>,
        limit: usize,
    ) -> Vec<StayKey> {
        let Some(rt) = self.queues.get(&q) else {
            return Vec::new();
        };
        let mut runs: Vec<_> = rt
            .pools
            .sets()
            .map(|set| match after {
                Some(a) => set.range((Bound::Excluded(*a), Bound::Unbounded)),
                None => set.range(..),
            })
            .collect();
        let mut heads = BinaryHeap::new();
        for (i, run) in runs.iter_mut().enumerate() {
            if let Some(k) = run.next() {
                heads.push(Reverse((*k, i)));
            }
        }
        let mut out = Vec::new();
        while out.len() < limit {
            let Some(Reverse((k, i))) = heads.pop() else {
                break;
            };
            out.push(k);
            if let Some(next) = runs.get_mut(i).and_then(Iterator::next) {
                heads.push(Reverse((*next, i)));
            }
        }
        out
    }

    /// Number of waiting stays indexed and of ready-set entries, for memory accounting.
    pub(crate) fn sizes(&self) -> (usize, usize) {
        (
            self.stays.len(),
            self.agents.values().map(|a| a.entries.len()).sum(),
        )
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
