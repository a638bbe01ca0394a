//! Model-based test of the router: random operations run against the engine and against a
//! small reference model that decides by scanning everything, the obvious way. After every
//! step both must agree on every stay's state, holder and exclusions, and the invariants
//! hold: never over capacity, never assigned twice, no object lost, and no eligible agent
//! idle while an object they are eligible for waits. The model knows wrap-up, missed
//! offers, `max_waiting` and `max_wait_seconds` with overflow too.
//!
//! Cases: `PROPTEST_CASES` (default 2000).

use chrono::{DateTime, Duration, Utc};
use proptest::prelude::*;
use queue_behaviour::{Harness, StoreKind};
use queue_core::Strategy as RoutingStrategy;
use queue_core::{
    Actor, CompanyId, CompanyUserId, CompanyUserUpdate, NewObject, NewQueue, OperatorUpdate,
    QueueId, Show, SkillId, SkillRequirement, StayId, StayState,
};
use std::collections::BTreeMap;

const SYS: Actor = Actor::System;
const QUEUES: usize = 3;
const AGENTS: usize = 4;
const SKILLS: usize = 2;

#[derive(Debug, Clone)]
struct QueueCfg {
    strategy: RoutingStrategy,
    delay: Option<u32>,
    timeout: Option<u32>,
    skill: Option<(usize, u8)>,
    wrap_up: u32,
    max_waiting: Option<u32>,
    max_wait: Option<u32>,
    /// The queue objects overflow to at `max_wait` (never itself).
    overflow: Option<usize>,
    skip_empty_tiers: bool,
}

#[derive(Debug, Clone)]
struct AgentCfg {
    capacity: u32,
    levels: [u8; SKILLS],
    tiers: [Option<u8>; QUEUES],
}

#[derive(Debug, Clone)]
enum Op {
    Enqueue {
        queue: usize,
        priority: i32,
        extra: Option<(usize, u8)>,
        /// A preferred agent and for how long.
        preferred: Option<(usize, u32)>,
    },
    Show {
        agent: usize,
        ready: bool,
    },
    Accept(usize),
    Reject(usize),
    Complete(usize),
    Abandon(usize),
    Advance(i64),
    EndWrapUp(usize),
    Capacity {
        agent: usize,
        capacity: u32,
    },
    Enable {
        agent: usize,
        queue: usize,
        enabled: bool,
    },
    /// Commands in one `Engine::batch`, committed or (`abort`) undone together. No time
    /// passes inside: a batch is many commands at one instant.
    Batch {
        ops: Vec<Op>,
        abort: bool,
    },
}

fn strategy() -> impl proptest::strategy::Strategy<Value = RoutingStrategy> {
    prop_oneof![
        Just(RoutingStrategy::LongestIdle),
        Just(RoutingStrategy::LeastOccupied),
        Just(RoutingStrategy::RoundRobin),
        Just(RoutingStrategy::MostSkilled),
        Just(RoutingStrategy::RingAll)
    ]
}

fn queue_cfg() -> impl proptest::strategy::Strategy<Value = QueueCfg> {
    (
        strategy(),
        prop_oneof![Just(None), Just(Some(10u32)), Just(Some(25))],
        prop_oneof![Just(None), Just(Some(5u32)), Just(Some(15))],
        proptest::option::weighted(0.4, (0..SKILLS, 1u8..=3)),
        prop_oneof![2 => Just(0u32), 1 => Just(8), 1 => Just(20)],
        proptest::option::weighted(0.3, 1u32..=3),
        proptest::option::weighted(0.4, prop_oneof![Just(12u32), Just(30)]),
        proptest::option::weighted(0.6, 1..QUEUES),
        proptest::bool::weighted(0.4),
    )
        .prop_map(
            |(
                strategy,
                delay,
                timeout,
                skill,
                wrap_up,
                max_waiting,
                max_wait,
                overflow,
                skip_empty_tiers,
            )| {
                QueueCfg {
                    skip_empty_tiers,
                    strategy,
                    delay,
                    timeout,
                    skill,
                    wrap_up,
                    max_waiting,
                    max_wait,
                    // An offset, made a queue index in `build`.
                    overflow: max_wait.and(overflow),
                }
            },
        )
}

fn agent_cfg() -> impl proptest::strategy::Strategy<Value = AgentCfg> {
    (
        0u32..=2,
        [0u8..=3, 0u8..=3],
        [
            proptest::option::weighted(0.7, 1u8..=3),
            proptest::option::weighted(0.7, 1u8..=3),
            proptest::option::weighted(0.7, 1u8..=3),
        ],
    )
        .prop_map(|(capacity, levels, tiers)| AgentCfg {
            capacity,
            levels,
            tiers,
        })
}

fn op() -> impl proptest::strategy::Strategy<Value = Op> {
    prop_oneof![
        12 => plain_op(),
        1 => (proptest::collection::vec(plain_op().prop_filter("no time in a batch", |o| !matches!(o, Op::Advance(_))), 1..8), proptest::bool::weighted(0.3))
            .prop_map(|(ops, abort)| Op::Batch { ops, abort }),
    ]
}

fn plain_op() -> impl proptest::strategy::Strategy<Value = Op> {
    prop_oneof![
        4 => (0..QUEUES, 0i32..3, proptest::option::weighted(0.25, (0..SKILLS, 1u8..=3)),
              proptest::option::weighted(0.25, (0..AGENTS, prop_oneof![Just(5u32), Just(20)])))
            .prop_map(|(queue, priority, extra, preferred)| Op::Enqueue { queue, priority, extra, preferred }),
        3 => (0..AGENTS, proptest::bool::weighted(0.7)).prop_map(|(agent, ready)| Op::Show { agent, ready }),
        2 => (0usize..8).prop_map(Op::Accept),
        1 => (0usize..8).prop_map(Op::Reject),
        3 => (0usize..8).prop_map(Op::Complete),
        1 => (0usize..8).prop_map(Op::Abandon),
        3 => (1i64..30).prop_map(Op::Advance),
        1 => (0..AGENTS, 0u32..=3).prop_map(|(agent, capacity)| Op::Capacity { agent, capacity }),
        1 => (0..AGENTS, 0..QUEUES, any::<bool>()).prop_map(|(agent, queue, enabled)| Op::Enable { agent, queue, enabled }),
        1 => (0..AGENTS).prop_map(Op::EndWrapUp),
    ]
}

#[path = "model/reference.rs"]
mod reference;
use reference::*;

// ---------------------------------------------------------------- driving both

struct World {
    h: Harness,
    company: CompanyId,
    queues: Vec<QueueId>,
    skills: Vec<SkillId>,
    model: Model,
}

fn build(queues: &[QueueCfg], agents: &[AgentCfg], max_missed: u32) -> World {
    let mut h = Harness::new(StoreKind::Memory);
    let company = h.company();
    let limit = queue_core::CompanyUpdate {
        max_missed_offers: Some(max_missed),
        ..Default::default()
    };
    h.engine.update_company(&SYS, company, limit).unwrap();
    let queues: Vec<QueueCfg> = queues
        .iter()
        .enumerate()
        .map(|(i, q)| QueueCfg {
            overflow: q.overflow.map(|off| (i + off) % QUEUES),
            ..q.clone()
        })
        .collect();
    let skills: Vec<SkillId> = (0..SKILLS)
        .map(|i| h.skill(company, &format!("skill{i}")))
        .collect();
    let mut queue_ids = Vec::new();
    for (i, q) in queues.iter().enumerate() {
        let id = h.queue_with(NewQueue {
            strategy: q.strategy,
            priority_delay: q.delay,
            offer_timeout: q.timeout,
            wrap_up_seconds: q.wrap_up,
            max_waiting: q.max_waiting,
            max_wait_seconds: q.max_wait,
            skip_empty_tiers: q.skip_empty_tiers,
            ..NewQueue::named(company, &format!("q{i}"))
        });
        if let Some((k, min)) = q.skill {
            h.engine.set_queue_skill(&SYS, id, skills[k], min).unwrap();
        }
        queue_ids.push(id);
    }
    for (i, q) in queues.iter().enumerate() {
        if let Some(o) = q.overflow {
            let update = queue_core::QueueUpdate {
                overflow_queue_id: Some(Some(queue_ids[o])),
                ..Default::default()
            };
            h.engine.update_queue(&SYS, queue_ids[i], update).unwrap();
        }
    }
    let mut magents = Vec::new();
    for (i, a) in agents.iter().enumerate() {
        let id = h.agent(company, &format!("agent{i}"), a.capacity);
        for (k, level) in a.levels.iter().enumerate() {
            if *level > 0 {
                h.engine
                    .set_agent_skill(&SYS, id, skills[k], *level)
                    .unwrap();
            }
        }
        for (q, tier) in a.tiers.iter().enumerate() {
            if let Some(t) = tier {
                h.staff(queue_ids[q], id, *t);
            }
        }
        magents.push(MAgent {
            id,
            ready: false,
            capacity: a.capacity,
            levels: a.levels,
            tiers: a.tiers,
            enabled: [true; QUEUES],
            idle_since: h.engine.get_presence(&SYS, id).unwrap().idle_since,
            routed: [0; QUEUES],
            wrap_until: None,
            missed: 0,
        });
    }
    let model = Model {
        now: h.engine.now(),
        queues,
        agents: magents,
        stays: BTreeMap::new(),
        routed: [0; QUEUES],
        max_missed,
    };
    World {
        h,
        company,
        queues: queue_ids,
        skills,
        model,
    }
}

fn pick(stays: &BTreeMap<StayId, MStay>, k: usize, f: impl Fn(&St) -> bool) -> Option<StayId> {
    let ids: Vec<StayId> = stays
        .iter()
        .filter(|(_, s)| f(&s.state))
        .map(|(id, _)| *id)
        .collect();
    (!ids.is_empty()).then(|| ids[k % ids.len()])
}

impl World {
    /// Runs one op on both and checks them against each other after every command — inside
    /// a batch too, where each command routes as usual; after an aborted batch, both are
    /// back where the batch began.
    fn run(&mut self, op: &Op) -> Result<(), TestCaseError> {
        let before = self.loads();
        if let Op::Batch { ops, abort } = op {
            let model = self.model.clone();
            self.h.engine.begin_batch().unwrap();
            for op in ops {
                self.run(op)?;
            }
            if *abort {
                self.h.engine.abort_batch();
                self.model = model;
            } else {
                self.h.engine.commit_batch().unwrap();
                // Capacity was checked command by command inside.
                let after = self.loads();
                return self.check(&after);
            }
        } else {
            self.step(op);
        }
        self.check(&before)
    }

    fn step(&mut self, op: &Op) {
        let m = &mut self.model;
        match *op {
            Op::Enqueue {
                queue,
                priority,
                extra,
                preferred,
            } => {
                let required_skills = extra
                    .map(|(k, min)| SkillRequirement {
                        skill_id: self.skills[k],
                        min_level: min,
                    })
                    .into_iter()
                    .collect();
                let new = NewObject {
                    priority,
                    required_skills,
                    ..NewObject::chat(self.company, "o")
                };
                let keep = preferred
                    .map(|(a, secs)| queue_core::Preferred::new(m.agents[a].id, Some(secs)));
                let got =
                    self.h
                        .engine
                        .enqueue_new_preferring(&SYS, new, self.queues[queue], None, keep);
                if m.full(queue) {
                    let e = got.expect_err("a full queue refuses");
                    assert_eq!(e.reason(), Some(queue_core::ConflictReason::QueueFull));
                    return;
                }
                if let Some((a, _)) = preferred.filter(|(a, _)| m.agents[*a].tiers[queue].is_none())
                {
                    let e = got.expect_err("an agent who does not staff the queue is refused");
                    assert_eq!(e.field(), Some("preferred_agent_id"), "agent {a}");
                    return;
                }
                let stay = got.unwrap();
                m.stays.insert(
                    stay.id,
                    MStay {
                        queue,
                        priority,
                        wait_since: m.now,
                        entered: m.now,
                        preferred: preferred.map(|(a, secs)| {
                            (m.agents[a].id, m.now + Duration::seconds(i64::from(secs)))
                        }),
                        extra,
                        state: St::Waiting,
                        excluded: vec![],
                        ringing: vec![],
                    },
                );
            }
            Op::Show { agent, ready } => {
                let id = m.agents[agent].id;
                self.h
                    .show(id, if ready { Show::Available } else { Show::Away });
                if ready && !m.agents[agent].ready {
                    m.agents[agent].missed = 0;
                }
                m.agents[agent].ready = ready;
            }
            Op::Accept(k) => {
                if let Some(id) = pick(&m.stays, k, |s| matches!(s, St::Offered(..))) {
                    self.h.engine.accept_offer(&SYS, id).unwrap();
                    if let Some(St::Offered(a, _)) = m.stays.get(&id).map(|s| s.state) {
                        // The system accepts for the first agent rung; the others stop.
                        if let Some(s) = m.stays.get_mut(&id) {
                            s.state = St::Assigned(a);
                            s.ringing.clear();
                        }
                        m.agent_mut(a).missed = 0;
                    }
                }
            }
            Op::Reject(k) => {
                if let Some(id) = pick(&m.stays, k, |s| matches!(s, St::Offered(..))) {
                    self.h.engine.reject_offer(&SYS, id).unwrap();
                    // For the first agent rung: a ring-all offer rings on for the others.
                    if let Some(s) = m.stays.get_mut(&id) {
                        if let St::Offered(a, until) = s.state {
                            s.excluded.push(a);
                            s.ringing.retain(|x| *x != a);
                            s.state = match s.ringing.first() {
                                Some(next) => St::Offered(*next, until),
                                None => St::Waiting,
                            };
                        }
                    }
                    // Back past its wait limit, it leaves at once.
                    let engine = &mut self.h.engine;
                    let mut moved = |id| {
                        engine
                            .get_stay(&SYS, id)
                            .ok()
                            .and_then(|s| s.transferred_to)
                    };
                    m.wait_limit(id, &mut moved);
                }
            }
            Op::Complete(k) => {
                if let Some(id) = pick(&m.stays, k, |s| matches!(s, St::Assigned(..))) {
                    self.h.engine.complete(&SYS, id).unwrap();
                    if let Some(St::Assigned(a)) = m.stays.get(&id).map(|s| s.state) {
                        if let Some(s) = m.stays.get_mut(&id) {
                            s.state = St::Completed;
                        }
                        let now = m.now;
                        let wrap = m.queues[m.stays[&id].queue].wrap_up;
                        let agent = m.agent_mut(a);
                        agent.idle_since = now;
                        if wrap > 0 {
                            let until = now + Duration::seconds(i64::from(wrap));
                            agent.wrap_until =
                                Some(agent.wrap_until.map_or(until, |u| u.max(until)));
                        }
                    }
                }
            }
            Op::Abandon(k) => {
                if let Some(id) = pick(&m.stays, k, |s| matches!(s, St::Waiting | St::Offered(..)))
                {
                    self.h.engine.abandon(&SYS, id).unwrap();
                    if let Some(s) = m.stays.get_mut(&id) {
                        s.state = St::Abandoned;
                    }
                }
            }
            Op::Batch { .. } => return,
            Op::Advance(secs) => {
                // Second by second, so the model can learn the ids of stays that overflowed.
                for _ in 0..secs {
                    self.h.advance(1);
                    let engine = &mut self.h.engine;
                    let mut moved = |id| {
                        engine
                            .get_stay(&SYS, id)
                            .ok()
                            .and_then(|s| s.transferred_to)
                    };
                    m.second(&mut moved);
                }
                return; // the model dispatched at every second already
            }
            Op::EndWrapUp(agent) => {
                let id = m.agents[agent].id;
                self.h.engine.end_wrap_up(&SYS, id).unwrap();
                m.agents[agent].wrap_until = None;
            }
            Op::Capacity { agent, capacity } => {
                let id = m.agents[agent].id;
                let update = CompanyUserUpdate {
                    max_number_of_objects_handled: Some(capacity),
                    ..Default::default()
                };
                self.h.engine.update_company_user(&SYS, id, update).unwrap();
                m.agents[agent].capacity = capacity;
            }
            Op::Enable {
                agent,
                queue,
                enabled,
            } => {
                if m.agents[agent].tiers[queue].is_some() {
                    let id = m.agents[agent].id;
                    let update = OperatorUpdate {
                        enabled: Some(enabled),
                        ..Default::default()
                    };
                    self.h
                        .engine
                        .update_operator(&SYS, self.queues[queue], id, update)
                        .unwrap();
                    m.agents[agent].enabled[queue] = enabled;
                }
            }
        }
        m.dispatch();
    }

    fn check(&mut self, loads_before: &BTreeMap<CompanyUserId, u32>) -> Result<(), TestCaseError> {
        let mut loads: BTreeMap<CompanyUserId, u32> = BTreeMap::new();
        for (id, ms) in &self.model.stays {
            let s = self.h.stay(*id);
            let (state, holder) = match ms.state {
                St::Waiting => (StayState::Waiting, None),
                St::Offered(a, until) => {
                    prop_assert_eq!(s.offer_expires_at, until, "offer deadline of {}", id);
                    prop_assert_eq!(&s.ringing, &ms.ringing, "agents stay {} rings", id);
                    (StayState::Offered, Some(a))
                }
                St::Assigned(a) => (StayState::Assigned, Some(a)),
                St::Completed => (StayState::Completed, None),
                St::Abandoned => (StayState::Abandoned, None),
                St::Transferred => (StayState::Transferred, None),
                St::TimedOut => (StayState::TimedOut, None),
            };
            prop_assert_eq!(s.state, state, "state of stay {}", id);
            prop_assert_eq!(s.holder(), holder, "holder of stay {}", id);
            prop_assert_eq!(&s.excluded, &ms.excluded, "exclusions of stay {}", id);
            prop_assert_eq!(
                s.holders().collect::<Vec<_>>(),
                ms.holders(),
                "holders of stay {}",
                id
            );
            for a in ms.holders() {
                *loads.entry(a).or_default() += 1;
            }
        }
        // A queue's status counts what is live in it, as the model says.
        for (i, q) in self.queues.iter().enumerate() {
            let st = self.h.engine.queue_status(&SYS, *q).unwrap();
            let got = (st.waiting, st.offered, st.assigned);
            prop_assert_eq!(got, self.model.live_counts(i), "status of queue {}", i);
        }
        for a in &self.model.agents {
            let load = loads.get(&a.id).copied().unwrap_or(0);
            let before = loads_before.get(&a.id).copied().unwrap_or(0);
            prop_assert!(
                load <= a.capacity || load <= before,
                "agent over capacity: {} > {}",
                load,
                a.capacity
            );
        }
        // No eligible agent idle while an object they are eligible for waits — asked of the
        // engine's own rule-by-rule check, which does not use the routing indexes.
        let waiting: Vec<StayId> = self
            .model
            .stays
            .iter()
            .filter(|(_, s)| s.state == St::Waiting)
            .map(|(id, _)| *id)
            .collect();
        for s in waiting {
            for a in &self.model.agents {
                let verdict = self.h.engine.eligibility(&SYS, a.id, s).unwrap();
                prop_assert!(
                    verdict.is_some(),
                    "agent {} is eligible for waiting stay {} but idle",
                    a.id,
                    s
                );
            }
        }
        Ok(())
    }

    fn loads(&self) -> BTreeMap<CompanyUserId, u32> {
        self.model
            .agents
            .iter()
            .map(|a| (a.id, self.model.load(a.id)))
            .collect()
    }
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), max_shrink_iters: 2000, ..ProptestConfig::default() })]

    #[test]
    fn the_router_decides_exactly_as_the_reference_model(
        queues in proptest::collection::vec(queue_cfg(), QUEUES),
        agents in proptest::collection::vec(agent_cfg(), AGENTS),
        ops in proptest::collection::vec(op(), 1..40),
        max_missed in 0u32..=2,
    ) {
        let mut w = build(&queues, &agents, max_missed);
        for op in &ops {
            w.run(op)?;
        }
    }
}
