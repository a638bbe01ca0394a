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
mod position;
mod refresh;

pub use eligibility::Ineligible;
pub(crate) use explain::explain;
pub use explain::{AgentVerdict, Explanation};

use crate::ids::{CompanyId, CompanyUserId, ObjectId, QueueId, SkillId, StayId};
use crate::model::queue::Strategy;
use crate::model::record::Record;
use crate::model::skill::SkillRequirement;
use chrono::{DateTime, Utc};
use keys::AgentKey;
pub(crate) use keys::StayKey;
use lanes::Lanes;
pub(crate) use page::{decode_page_key, encode_page_key};
use pools::Pools;
pub(crate) use position::estimate;
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
    /// The end of the agent's wrap-up, while they wrap up (scheduled in the due heap).
    wrap_up_until: Option<DateTime<Utc>>,
    /// Where the agent counts as a ready operator (rules 1–3, skills aside), for
    /// `skip_empty_tiers`: `(queue, tier)`.
    counted: Vec<(QueueId, u8)>,
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
    /// `max_wait_seconds`: each waiting stay's deadline is scheduled from it.
    max_wait: Option<u32>,
    /// `skip_empty_tiers`.
    skip: bool,
    /// Ready operators (rules 1–3, skills aside) per tier, for `skip_empty_tiers`.
    tier_counts: BTreeMap<u8, u32>,
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

impl QueueRt {
    /// The highest level an object at `level` counts as having reached: with
    /// `skip_empty_tiers`, at least the lowest tier with a ready operator.
    fn reach(&self, level: u8) -> u8 {
        match (self.skip, self.tier_counts.keys().next()) {
            (true, Some(lowest)) => level.max(*lowest),
            _ => level,
        }
    }
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
    /// When it has waited the queue's `max_wait_seconds` in it.
    deadline: Option<DateTime<Utc>>,
    /// The agent it is kept for, and until when (`Stay::reserved_for`).
    reserved: Option<(CompanyUserId, DateTime<Utc>)>,
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
    /// Per queue, the instants of its latest answers (`routing/position.rs`).
    answers: HashMap<QueueId, std::collections::VecDeque<DateTime<Utc>>>,
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
            answers: HashMap::new(),
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
        self.note_answer(old, new);
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
                    p.agents.extend(s.holders());
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
                | Record::PresenceStatus(_)
                | Record::AgentSettings(_) => {}
            }
        }
    }

    /// The queue's `round_robin` sequence so far: its operators' highest `routed_seq`.
    pub(crate) fn last_routed_seq(&self, q: QueueId) -> u64 {
        self.queues.get(&q).map_or(0, |rt| rt.routed_seq)
    }

    /// How many stays wait in the queue (not offered), as of the last refresh.
    pub(crate) fn waiting_len(&self, q: QueueId) -> usize {
        self.queues.get(&q).map_or(0, |rt| rt.pools.len())
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
