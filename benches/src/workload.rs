//! The synthetic contact centre the benchmarks run on, described once and built on both
//! routers: `skills` skills, `queues` queues, agents staffing several queues each, and a
//! stream of objects. Seeded, so every run and both routers see the same centre.
//!
//! Shape: queue *q* requires skill *q* at level 1–5. One agent in a hundred (at least one)
//! staffs only the last queue, which gets no traffic (a quiet channel: its agents sit idle).
//! Every other agent staffs five random queues among the others at tier 1–3, holds their
//! skills at a sufficient level plus five random other skills, and handles two objects at
//! once. Objects arrive uniformly over the busy queues; one in ten has priority 1, one in
//! twenty also requires one of the "other" skills at level 1–3.

use queue_examples::rng::Rng;

/// How big the centre is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// Agents.
    pub agents: usize,
    /// Skills.
    pub skills: usize,
    /// Queues (the last one is the quiet one).
    pub queues: usize,
    /// Seed of every draw.
    pub seed: u64,
}

impl Shape {
    /// The benchmarks' shape: 100 skills, 50 queues.
    pub fn standard(agents: usize) -> Shape {
        Shape {
            agents,
            skills: 100,
            queues: 50,
            seed: 1,
        }
    }
}

/// A queue: the skills it requires (skill index, minimum level).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueDef {
    /// Required skills.
    pub skills: Vec<(usize, u8)>,
    /// Escalation delay, seconds.
    pub priority_delay: Option<u32>,
}

/// An agent: skills, queues with tiers, capacity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentDef {
    /// (skill index, level).
    pub skills: Vec<(usize, u8)>,
    /// (queue index, tier).
    pub queues: Vec<(usize, u8)>,
    /// Objects at once.
    pub capacity: u32,
}

/// One arriving object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectDef {
    /// Queue index.
    pub queue: usize,
    /// Priority.
    pub priority: i32,
    /// Extra required skills (skill index, minimum level).
    pub skills: Vec<(usize, u8)>,
}

/// The centre and its stream of objects.
#[derive(Debug, Clone)]
pub struct Workload {
    /// The shape it was drawn for.
    pub shape: Shape,
    /// Queues.
    pub queues: Vec<QueueDef>,
    /// Agents.
    pub agents: Vec<AgentDef>,
    rng: Rng,
}

impl Workload {
    /// Draws the centre for `shape`.
    pub fn new(shape: Shape) -> Workload {
        let mut rng = Rng::new(shape.seed, 7);
        let nq = shape.queues.max(2);
        let half = shape.skills / 2;
        let queues: Vec<QueueDef> = (0..nq)
            .map(|q| QueueDef {
                skills: vec![(q % shape.skills.max(1), 1 + rng.below(5) as u8)],
                priority_delay: None,
            })
            .collect();
        let quiet = (shape.agents / 100).max(1);
        let mut agents = Vec::new();
        for a in 0..shape.agents {
            if a % (shape.agents / quiet).max(1) == 0 && agents.len() < shape.agents {
                let q = nq - 1;
                agents.push(AgentDef {
                    skills: vec![(queues[q].skills[0].0, 10)],
                    queues: vec![(q, 1)],
                    capacity: 2,
                });
                continue;
            }
            let mut mine: Vec<usize> = Vec::new();
            while mine.len() < 5.min(nq - 1) {
                let q = rng.below((nq - 1) as u64) as usize;
                if !mine.contains(&q) {
                    mine.push(q);
                }
            }
            let mut skills: Vec<(usize, u8)> = Vec::new();
            for q in &mine {
                let (s, min) = queues[*q].skills[0];
                let level = (min + rng.below(6) as u8).min(10);
                if !skills.iter().any(|(k, _)| *k == s) {
                    skills.push((s, level));
                }
            }
            // Up to five other skills; bounded tries, as small shapes may not have five.
            let target = skills.len() + 5;
            for _ in 0..100 {
                if skills.len() >= target || half == 0 {
                    break;
                }
                let s = half + rng.below((shape.skills - half) as u64) as usize;
                if !skills.iter().any(|(k, _)| *k == s) {
                    skills.push((s, 1 + rng.below(10) as u8));
                }
            }
            let queues = mine
                .into_iter()
                .map(|q| {
                    let r = rng.below(10);
                    (
                        q,
                        if r < 7 {
                            1
                        } else if r < 9 {
                            2
                        } else {
                            3
                        },
                    )
                })
                .collect();
            agents.push(AgentDef {
                skills,
                queues,
                capacity: 2,
            });
        }
        Workload {
            shape,
            queues,
            agents,
            rng,
        }
    }

    /// The next arriving object (never in the quiet queue).
    pub fn next_object(&mut self) -> ObjectDef {
        let nq = self.queues.len();
        let queue = self.rng.below((nq - 1) as u64) as usize;
        let priority = i32::from(self.rng.chance(0.1));
        let half = self.shape.skills / 2;
        let skills = if self.rng.chance(0.05) && half > 0 {
            let s = half + self.rng.below((self.shape.skills - half) as u64) as usize;
            vec![(s, 1 + self.rng.below(3) as u8)]
        } else {
            Vec::new()
        };
        ObjectDef {
            queue,
            priority,
            skills,
        }
    }

    /// An object for the quiet queue, whose agents are idle.
    pub fn quiet_object(&self) -> ObjectDef {
        ObjectDef {
            queue: self.queues.len() - 1,
            priority: 0,
            skills: Vec::new(),
        }
    }
}
