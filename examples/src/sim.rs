//! The simulation: builds the contact centre of a [`Scenario`] on an [`Engine`] and runs the
//! day as a discrete-event loop on a [`ManualClock`].
//!
//! The loop owns the customers and agents: arrivals (Poisson, per queue and hour), shifts and
//! breaks (presence changes), answering offers, handling, and abandonment. The engine owns
//! everything else: it routes inside each command, and `tick()` is called at every instant
//! [`Engine::next_due`] names, so offer timeouts and escalations happen exactly on time. The
//! loop learns what the router did by reading the event log, as a host application would.

pub use crate::outcome::*;
use crate::rng::Rng;
use crate::scenario::{parse_range, Scenario};
use crate::traffic::{draw_customers, Customer};
use chrono::{DateTime, Duration, Utc};
use queue_core::{
    Actor, CompanyId, CompanyUserId, Engine, EventKind, EventQuery, ManualClock, NewObject,
    PresenceUpdate, QueueId, Show, StatsQuery, StayId,
};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

const SYS: Actor = Actor::System;

/// Something the simulated world does at an instant.
#[derive(Debug, Clone, Copy)]
enum Action {
    Arrive { queue: usize, customer: usize },
    GiveUp { stay: StayId },
    Show { agent: usize, show: Show },
    Answer { stay: StayId, agent: usize },
    Finish { stay: StayId },
}

/// Where the simulation believes a stay is, from the event log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Track {
    Waiting,
    Offered(usize),
    Assigned,
    Done,
}

#[derive(Debug, Clone, Copy)]
struct StayInfo {
    queue: usize,
    customer: usize,
    track: Track,
}

/// The running simulation.
struct Sim<'a> {
    scenario: &'a Scenario,
    engine: &'a mut Engine,
    clock: &'a ManualClock,
    start: DateTime<Utc>,
    company: CompanyId,
    queue_ids: Vec<QueueId>,
    customers: Vec<Vec<Customer>>,
    agents: Vec<CompanyUserId>,
    agent_group: Vec<usize>,
    agent_index: BTreeMap<CompanyUserId, usize>,
    answer_rng: Vec<Rng>,
    heap: BinaryHeap<Reverse<(i64, u64)>>,
    actions: Vec<Option<Action>>,
    stays: BTreeMap<StayId, StayInfo>,
    last_seq: u64,
    waiting: Vec<u32>,
    ready: Vec<bool>,
    load: Vec<u32>,
    tally: Vec<Tally>,
    commands: u64,
    ticks: u64,
    events: u64,
}

/// Milliseconds in `secs` seconds, rounded.
pub(crate) fn ms(secs: f64) -> i64 {
    (secs * 1000.0).round() as i64
}

/// The seed the scenario runs with: `seed` if given, else the scenario's own.
pub fn effective_seed(scenario: &Scenario, seed: Option<u64>) -> u64 {
    seed.unwrap_or(scenario.seed)
}

/// Runs the scenario's day on `engine`, whose clock must be `clock`, standing at the start of
/// the day (see [`Scenario::day`]); `progress` is told the simulated milliseconds elapsed.
pub fn run(
    scenario: &Scenario,
    seed: u64,
    engine: &mut Engine,
    clock: &ManualClock,
    progress: &mut dyn FnMut(u64),
) -> queue_core::Result<Outcome> {
    let (start, end) = scenario.day();
    clock.set(start);
    let mut sim = Sim::build(scenario, seed, engine, clock, start)?;
    let samples = sim.run_until((end - start).num_milliseconds(), progress)?;
    sim.finish(seed, (start, end), samples)
}

pub(crate) fn invalid(field: &str, e: String) -> queue_core::Error {
    queue_core::Error::invalid(field, e)
}

impl<'a> Sim<'a> {
    fn build(
        scenario: &'a Scenario,
        seed: u64,
        engine: &'a mut Engine,
        clock: &'a ManualClock,
        start: DateTime<Utc>,
    ) -> queue_core::Result<Sim<'a>> {
        let centre = crate::centre::build(engine, scenario)?;
        let customers = (0..scenario.queues.len())
            .map(|qi| draw_customers(scenario, seed, qi))
            .collect::<queue_core::Result<Vec<_>>>()?;
        let mut sim = Sim {
            scenario,
            engine,
            clock,
            start,
            company: centre.company,
            queue_ids: centre.queues,
            customers,
            agents: Vec::new(),
            agent_group: Vec::new(),
            agent_index: BTreeMap::new(),
            answer_rng: Vec::new(),
            heap: BinaryHeap::new(),
            actions: Vec::new(),
            stays: BTreeMap::new(),
            last_seq: 0,
            waiting: vec![0; scenario.queues.len()],
            ready: Vec::new(),
            load: Vec::new(),
            tally: vec![Tally::default(); scenario.queues.len()],
            commands: 0,
            ticks: 0,
            events: 0,
        };
        for (n, (agent, gi)) in centre.agents.into_iter().enumerate() {
            let g = &scenario.agents[gi];
            let shift = parse_range(&g.shift).map_err(|e| invalid("shift", e))?;
            sim.agent_index.insert(agent, n);
            sim.agents.push(agent);
            sim.agent_group.push(gi);
            sim.answer_rng.push(Rng::new(seed, 1_000_000 + n as u64));
            sim.ready.push(false);
            sim.load.push(0);
            sim.schedule(
                i64::from(shift.0) * 1000,
                Action::Show {
                    agent: n,
                    show: Show::Available,
                },
            );
            for b in &g.breaks {
                let (a, z) = parse_range(b).map_err(|e| invalid("breaks", e))?;
                sim.schedule(
                    i64::from(a) * 1000,
                    Action::Show {
                        agent: n,
                        show: Show::Away,
                    },
                );
                sim.schedule(
                    i64::from(z) * 1000,
                    Action::Show {
                        agent: n,
                        show: Show::Available,
                    },
                );
            }
            sim.schedule(
                i64::from(shift.1) * 1000,
                Action::Show {
                    agent: n,
                    show: Show::Unavailable,
                },
            );
        }
        for qi in 0..sim.customers.len() {
            for ci in 0..sim.customers[qi].len() {
                let at = sim.customers[qi][ci].at;
                sim.schedule(
                    at,
                    Action::Arrive {
                        queue: qi,
                        customer: ci,
                    },
                );
            }
        }
        sim.drain()?;
        Ok(sim)
    }

    /// Adds an action; actions at one instant run in the order they were scheduled.
    fn schedule(&mut self, at: i64, action: Action) {
        let seq = self.actions.len() as u64;
        self.actions.push(Some(action));
        self.heap.push(Reverse((at, seq)));
    }

    fn instant(&self, at_ms: i64) -> DateTime<Utc> {
        self.start + Duration::milliseconds(at_ms)
    }

    fn offset(&self, t: DateTime<Utc>) -> i64 {
        (t - self.start).num_milliseconds()
    }

    /// Runs until `end` (milliseconds after the start), sampling the state every minute.
    fn run_until(
        &mut self,
        end: i64,
        progress: &mut dyn FnMut(u64),
    ) -> queue_core::Result<Vec<Sample>> {
        let mut samples = Vec::new();
        let mut next_sample = 0i64;
        let mut last_tick: Option<DateTime<Utc>> = None;
        loop {
            let mine = self.heap.peek().map(|Reverse((t, _))| *t);
            let due = self
                .engine
                .next_due()
                .filter(|d| Some(*d) != last_tick)
                .map(|d| self.offset(d).max(0));
            let Some(t) = [mine, due].into_iter().flatten().min() else {
                break;
            };
            if t >= end {
                break;
            }
            while next_sample <= t {
                samples.push(self.sample(next_sample));
                next_sample += 60_000;
            }
            self.clock.set(self.instant(t));
            progress(t as u64);
            if due == Some(t) {
                last_tick = Some(self.instant(t));
                self.ticks += 1;
                self.command(|e| e.tick())?;
                continue;
            }
            let Some(Reverse((_, seq))) = self.heap.pop() else {
                break;
            };
            if let Some(action) = self.actions.get_mut(seq as usize).and_then(Option::take) {
                self.act(t, action)?;
            }
        }
        while next_sample < end {
            samples.push(self.sample(next_sample));
            next_sample += 60_000;
        }
        self.clock.set(self.instant(end));
        progress(end as u64);
        Ok(samples)
    }

    fn sample(&self, at: i64) -> Sample {
        Sample {
            minute: (at / 60_000) as u32,
            waiting: self.waiting.clone(),
            available: self.ready.iter().filter(|r| **r).count() as u32,
            busy: self.load.iter().filter(|l| **l > 0).count() as u32,
        }
    }

    /// Runs one engine command and reads what it made happen.
    fn command<T>(
        &mut self,
        f: impl FnOnce(&mut Engine) -> queue_core::Result<T>,
    ) -> queue_core::Result<T> {
        self.commands += 1;
        let out = f(self.engine)?;
        Ok(out)
    }

    fn act(&mut self, now: i64, action: Action) -> queue_core::Result<()> {
        match action {
            Action::Arrive { queue, customer } => {
                let q = self.queue_ids[queue];
                let spec = &self.scenario.queues[queue];
                let new = NewObject {
                    priority: spec.priority,
                    ..NewObject::chat(self.company, &format!("{} #{}", spec.name, customer + 1))
                };
                match self.command(|e| e.enqueue_new(&SYS, new, q, None)) {
                    Ok(stay) => {
                        self.stays.insert(
                            stay.id,
                            StayInfo {
                                queue,
                                customer,
                                track: Track::Waiting,
                            },
                        );
                        let patience = self.customers[queue][customer].patience;
                        self.schedule(now + patience, Action::GiveUp { stay: stay.id });
                    }
                    // The queue is closed: the customer is turned away.
                    Err(e) if e.status() == 409 => self.tally[queue].refused += 1,
                    Err(e) => return Err(e),
                }
            }
            Action::GiveUp { stay } => {
                if matches!(
                    self.stays.get(&stay).map(|s| s.track),
                    Some(Track::Waiting | Track::Offered(_))
                ) {
                    self.command(|e| e.abandon(&SYS, stay))?;
                }
            }
            Action::Show { agent, show } => {
                let id = self.agents[agent];
                self.command(|e| {
                    e.set_presence(
                        &SYS,
                        id,
                        PresenceUpdate {
                            show: Some(show),
                            ..Default::default()
                        },
                    )
                })?;
            }
            Action::Answer { stay, agent } => {
                if self.stays.get(&stay).map(|s| s.track) == Some(Track::Offered(agent)) {
                    self.command(|e| e.accept_offer(&SYS, stay))?;
                }
            }
            Action::Finish { stay } => {
                if self.stays.get(&stay).map(|s| s.track) == Some(Track::Assigned) {
                    self.command(|e| e.complete(&SYS, stay))?;
                }
            }
        }
        self.drain()
    }

    /// Reads the events the last command appended and reacts to them as the agents would.
    fn drain(&mut self) -> queue_core::Result<()> {
        let events = self.engine.events(
            &SYS,
            &EventQuery {
                after_seq: Some(self.last_seq),
                ..Default::default()
            },
        )?;
        for e in events {
            self.last_seq = self.last_seq.max(e.seq);
            self.events += 1;
            let at = self.offset(e.at);
            match e.kind {
                EventKind::PresenceChanged {
                    company_user_id,
                    show,
                    ..
                } => {
                    if let Some(&a) = self.agent_index.get(&company_user_id) {
                        self.ready[a] = show.is_ready();
                    }
                }
                EventKind::Offered {
                    stay_id,
                    company_user_id,
                    expires_at,
                    ..
                } => {
                    let Some(&a) = self.agent_index.get(&company_user_id) else {
                        continue;
                    };
                    if let Some(s) = self.stays.get_mut(&stay_id) {
                        s.track = Track::Offered(a);
                    }
                    let group = &self.scenario.agents[self.agent_group[a]];
                    let rng = &mut self.answer_rng[a];
                    let missed = rng.chance(group.miss_rate);
                    let answer_at = at + ms(group.answer.sample(rng));
                    if !missed && answer_at < self.offset(expires_at) {
                        self.schedule(
                            answer_at,
                            Action::Answer {
                                stay: stay_id,
                                agent: a,
                            },
                        );
                    }
                }
                EventKind::OfferTimedOut { stay_id, .. }
                | EventKind::OfferRejected { stay_id, .. } => {
                    if let Some(s) = self.stays.get_mut(&stay_id) {
                        s.track = Track::Waiting;
                        self.tally[s.queue].lapsed += 1;
                    }
                }
                EventKind::Enqueued { stay_id, .. } => {
                    if let Some(s) = self.stays.get(&stay_id) {
                        self.waiting[s.queue] += 1;
                        self.tally[s.queue].offered += 1;
                    }
                }
                EventKind::Assigned {
                    stay_id,
                    company_user_id,
                    ..
                } => {
                    let Some(s) = self.stays.get_mut(&stay_id) else {
                        continue;
                    };
                    s.track = Track::Assigned;
                    let (q, c) = (s.queue, s.customer);
                    let customer = self.customers[q][c];
                    self.waiting[q] = self.waiting[q].saturating_sub(1);
                    self.tally[q].answered += 1;
                    self.tally[q].waits_ms.push(at - customer.at);
                    if let Some(&a) = self.agent_index.get(&company_user_id) {
                        self.load[a] += 1;
                    }
                    self.schedule(at + customer.handle, Action::Finish { stay: stay_id });
                }
                EventKind::Completed {
                    stay_id,
                    company_user_id,
                    assigned_at,
                    ..
                } => {
                    let handle = at - self.offset(assigned_at);
                    if let Some(s) = self.stays.get_mut(&stay_id) {
                        s.track = Track::Done;
                        self.tally[s.queue].handles_ms.push(handle);
                    }
                    if let Some(&a) = self.agent_index.get(&company_user_id) {
                        self.load[a] = self.load[a].saturating_sub(1);
                    }
                }
                EventKind::Abandoned { stay_id, .. } | EventKind::Expired { stay_id, .. } => {
                    if let Some(s) = self.stays.get_mut(&stay_id) {
                        s.track = Track::Done;
                        let q = s.queue;
                        self.waiting[q] = self.waiting[q].saturating_sub(1);
                        self.tally[q].abandoned += 1;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn finish(
        self,
        seed: u64,
        day: (DateTime<Utc>, DateTime<Utc>),
        samples: Vec<Sample>,
    ) -> queue_core::Result<Outcome> {
        let query = StatsQuery {
            company_id: self.company,
            from: day.0,
            to: day.1,
            service_level_seconds: self.scenario.service_level_seconds,
        };
        let stats = self.engine.queue_stats(&SYS, &query)?;
        let agent_stats = self.engine.agent_stats(&SYS, &query)?;
        let mut queues = Vec::new();
        for (qi, spec) in self.scenario.queues.iter().enumerate() {
            let s = stats
                .iter()
                .find(|s| s.queue_id == self.queue_ids[qi])
                .cloned()
                .ok_or_else(|| queue_core::Error::not_found("queue", self.queue_ids[qi]))?;
            queues.push(QueueResult {
                name: spec.name.clone(),
                stats: s,
                tally: self.tally[qi].clone(),
            });
        }
        let mut groups: Vec<GroupResult> = self
            .scenario
            .agents
            .iter()
            .map(|g| GroupResult {
                name: g.name.clone(),
                agents: g.count,
                stats: Vec::new(),
            })
            .collect();
        for s in agent_stats {
            if let Some(&a) = self.agent_index.get(&s.company_user_id) {
                groups[self.agent_group[a]].stats.push(s);
            }
        }
        Ok(Outcome {
            seed,
            day,
            queues,
            groups,
            samples,
            commands: self.commands,
            ticks: self.ticks,
            events: self.events,
        })
    }
}

/// Opens a seeded engine on a [`ManualClock`] at `start`: on the SQLite file `db`, or in
/// memory when `db` is `None`.
pub fn open_engine(
    db: Option<&std::path::Path>,
    start: DateTime<Utc>,
    seed: u64,
) -> queue_core::Result<(Engine, std::sync::Arc<ManualClock>)> {
    let clock = std::sync::Arc::new(ManualClock::new(start));
    let store: Box<dyn queue_core::Store> = match db {
        Some(path) => Box::new(queue_sqlite::SqliteStore::open(path)?),
        None => Box::new(queue_core::MemoryStore::new()),
    };
    let engine = Engine::open_seeded(store, clock.clone(), seed)?;
    Ok((engine, clock))
}
