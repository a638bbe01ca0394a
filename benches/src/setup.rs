//! Building a [`Workload`] on the engine, and copying the engine's state into the baseline so
//! both routers start every measurement from the same centre, with the same ids.

use crate::baseline::{Id, NaiveRouter};
use crate::workload::{ObjectDef, Workload};
use chrono::{DateTime, Duration, TimeZone, Utc};
use queue_core::{
    Actor, CompanyId, CompanyUserId, Engine, ManualClock, NewCompany, NewCompanyUser, NewObject,
    NewQueue, NewUser, PresenceUpdate, QueueId, Show, SkillId, SkillRequirement, StayId, StayState,
    Store,
};
use std::sync::Arc;

const SYS: Actor = Actor::System;

/// When every benchmark's day starts.
pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 5, 8, 0, 0)
        .single()
        .unwrap_or_default()
}

/// Milliseconds since the epoch: the baseline's time.
pub fn millis(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

/// The 16 bytes of an engine id: the baseline orders them as the engine does.
pub fn id(u: uuid::Uuid) -> Id {
    *u.as_bytes()
}

/// One stay enqueued during setup.
#[derive(Debug, Clone)]
pub struct StayRow {
    /// The stay.
    pub id: StayId,
    /// What arrived.
    pub object: ObjectDef,
    /// When it started waiting.
    pub wait_since: DateTime<Utc>,
    /// Index of the agent it was assigned to, if any.
    pub assigned: Option<usize>,
}

/// A workload built on an engine.
pub struct Built {
    /// The engine.
    pub engine: Engine,
    /// Its clock.
    pub clock: Arc<ManualClock>,
    /// The company.
    pub company: CompanyId,
    /// Queues, by workload index.
    pub queues: Vec<QueueId>,
    /// Skills, by workload index.
    pub skills: Vec<SkillId>,
    /// Agents, by workload index.
    pub agents: Vec<CompanyUserId>,
    /// Every stay enqueued so far.
    pub stays: Vec<StayRow>,
    /// The workload, positioned after the objects already drawn.
    pub workload: Workload,
}

impl Built {
    /// Creates the workload's centre on an engine over `store`, every agent available.
    pub fn new(workload: Workload, store: Box<dyn Store>) -> queue_core::Result<Built> {
        let clock = Arc::new(ManualClock::new(t0()));
        let mut engine = Engine::open_seeded(store, clock.clone(), workload.shape.seed)?;
        let company = engine.create_company(
            &SYS,
            NewCompany {
                name: "Bench".into(),
                ..Default::default()
            },
        )?;
        let skills = (0..workload.shape.skills)
            .map(|s| {
                engine
                    .create_skill(&SYS, company.id, &format!("skill {s}"))
                    .map(|k| k.id)
            })
            .collect::<queue_core::Result<Vec<_>>>()?;
        let mut queues = Vec::new();
        for (i, q) in workload.queues.iter().enumerate() {
            let created = engine.create_queue(
                &SYS,
                NewQueue {
                    priority_delay: q.priority_delay,
                    ..NewQueue::named(company.id, &format!("queue {i}"))
                },
            )?;
            for (s, min) in &q.skills {
                engine.set_queue_skill(&SYS, created.id, skills[*s], *min)?;
            }
            queues.push(created.id);
        }
        let mut agents = Vec::new();
        for (i, a) in workload.agents.iter().enumerate() {
            let user = engine.create_user(
                &SYS,
                NewUser {
                    username: format!("agent{i}"),
                    firstname: "Agent".into(),
                    lastname: "Bench".into(),
                    email: format!("agent{i}@example.org"),
                    ..Default::default()
                },
            )?;
            let cu = engine.create_company_user(
                &SYS,
                NewCompanyUser {
                    max_number_of_objects_handled: a.capacity,
                    is_auto_max_number_handled: false,
                    ..NewCompanyUser::agent(company.id, user.id)
                },
            )?;
            for (s, level) in &a.skills {
                engine.set_agent_skill(&SYS, cu.id, skills[*s], *level)?;
            }
            for (q, tier) in &a.queues {
                engine.assign_operator(&SYS, queues[*q], cu.id, *tier)?;
            }
            agents.push(cu.id);
        }
        for a in &agents {
            engine.set_presence(
                &SYS,
                *a,
                PresenceUpdate {
                    show: Some(Show::Available),
                    ..Default::default()
                },
            )?;
        }
        Ok(Built {
            engine,
            clock,
            company: company.id,
            queues,
            skills,
            agents,
            stays: Vec::new(),
            workload,
        })
    }

    /// The engine's form of an object.
    pub fn new_object(&self, o: &ObjectDef) -> NewObject {
        NewObject {
            priority: o.priority,
            required_skills: o
                .skills
                .iter()
                .map(|(s, min)| SkillRequirement {
                    skill_id: self.skills[*s],
                    min_level: *min,
                })
                .collect(),
            ..NewObject::chat(self.company, "chat")
        }
    }

    /// Enqueues one object on the engine, one millisecond after the previous one.
    pub fn enqueue(&mut self, o: ObjectDef) -> queue_core::Result<StayId> {
        self.clock.advance(Duration::milliseconds(1));
        let stay =
            self.engine
                .enqueue_new(&SYS, self.new_object(&o), self.queues[o.queue], None)?;
        // The returned stay is as routing left it in the same command.
        let assigned = match stay.state {
            StayState::Assigned => stay
                .assigned_to
                .and_then(|a| self.agents.iter().position(|x| *x == a)),
            _ => None,
        };
        self.stays.push(StayRow {
            id: stay.id,
            object: o,
            wait_since: stay.wait_since,
            assigned,
        });
        Ok(stay.id)
    }

    /// Enqueues objects until `waiting` of them wait (agents fill up first).
    pub fn fill(&mut self, waiting: usize) -> queue_core::Result<()> {
        while self.engine.routing_index_sizes().0 < waiting {
            let o = self.workload.next_object();
            self.enqueue(o)?;
        }
        Ok(())
    }

    /// A baseline router (in memory) holding the same centre, ids and stays as the engine.
    pub fn baseline(&mut self) -> Result<NaiveRouter, Box<dyn std::error::Error>> {
        let mut r = NaiveRouter::in_memory()?;
        self.copy_into(&mut r)?;
        Ok(r)
    }

    /// Copies the centre into `r` in one transaction.
    pub fn copy_into(&mut self, r: &mut NaiveRouter) -> Result<(), Box<dyn std::error::Error>> {
        let mut idle = Vec::new();
        for a in &self.agents {
            idle.push(millis(self.engine.get_presence(&SYS, *a)?.idle_since));
        }
        let (queues, agents, stays) = (&self.queues, &self.agents, &self.stays);
        let w = &self.workload;
        r.transaction(|r| {
            for (i, q) in w.queues.iter().enumerate() {
                let skills: Vec<(u32, u8)> =
                    q.skills.iter().map(|(s, l)| (*s as u32, *l)).collect();
                r.add_queue(id(queues[i].0), q.priority_delay, &skills)?;
            }
            for (i, a) in w.agents.iter().enumerate() {
                let skills: Vec<(u32, u8)> =
                    a.skills.iter().map(|(s, l)| (*s as u32, *l)).collect();
                r.add_agent(id(agents[i].0), a.capacity, idle[i], &skills)?;
                for (q, tier) in &a.queues {
                    r.add_operator(id(queues[*q].0), id(agents[i].0), *tier)?;
                }
                r.load_ready(id(agents[i].0), true)?;
            }
            for s in stays {
                let skills: Vec<(u32, u8)> = s
                    .object
                    .skills
                    .iter()
                    .map(|(k, l)| (*k as u32, *l))
                    .collect();
                r.load_stay(
                    id(s.id.0),
                    id(queues[s.object.queue].0),
                    s.object.priority,
                    millis(s.wait_since),
                    &skills,
                    s.assigned.map(|a| id(agents[a].0)),
                )?;
            }
            Ok(())
        })?;
        r.connection().execute_batch("ANALYZE")?;
        Ok(())
    }
}

/// Ids for objects the baseline receives on its own (above any id the engine generates).
pub fn synthetic_id(n: u64) -> Id {
    let mut b = [0xFFu8; 16];
    b[8..].copy_from_slice(&n.to_be_bytes());
    b
}

/// Benchmark sizes from an environment variable (`"1000,10000"`), or `default`.
pub fn sizes(var: &str, default: &[usize]) -> Vec<usize> {
    std::env::var(var)
        .ok()
        .map(|v| {
            v.split(',')
                .filter_map(|s| s.trim().parse().ok())
                .collect::<Vec<usize>>()
        })
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| default.to_vec())
}

/// One step of the "an agent frees capacity" measurement, shared by the benches: the
/// indexes of busy agents to complete objects of, in turn.
pub fn busy_agents(w: &Workload) -> Vec<usize> {
    let quiet = w.queues.len() - 1;
    (0..w.agents.len())
        .filter(|a| w.agents[*a].queues.iter().all(|(q, _)| *q != quiet))
        .collect()
}
