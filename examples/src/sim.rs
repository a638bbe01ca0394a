//! The simulation: builds the contact centre of a [`Scenario`] on an [`Engine`] and runs the
//! day as a discrete-event loop on a [`ManualClock`].
//!
//! The loop owns the customers and agents: arrivals (Poisson, per queue and hour), shifts and
//! breaks (presence changes), answering offers, handling, and abandonment. The engine owns
//! everything else: it routes inside each command, and `tick()` is called at every instant
//! [`Engine::next_due`] names, so offer timeouts and escalations happen exactly on time. The
//! loop learns what the router did by watching the event log ([`queue_core::Watch`]), as a
//! host application would.
//!
//! A run is one day or several consecutive ones: each day's customers are drawn from a
//! stream of that day (day 1 from the seed itself, so a one-day run is the day it always
//! was) and the agents' shifts and breaks repeat every day. Each day is scheduled when it
//! begins, and the loop forgets a stay once it ends, so what the loop holds follows the live
//! work, like the engine.

pub use crate::outcome::*;
use crate::rng::Rng;
use crate::scenario::{parse_break, parse_range, Scenario};
use crate::traffic::{draw_customers, Customer};
use chrono::{DateTime, Duration, Utc};
use queue_core::{
    Actor, CompanyId, CompanyUserId, Engine, ManualClock, NewObject, PresenceStatusId,
    PresenceUpdate, QueueId, QueueStats, Show, StatsQuery, StayId, Watch, WatchQuery,
};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

const SYS: Actor = Actor::System;

/// Something the simulated world does at an instant.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Action {
    Day {
        index: u32,
    },
    Arrive {
        queue: usize,
        customer: usize,
    },
    GiveUp {
        stay: StayId,
    },
    Show {
        agent: usize,
        show: Show,
        status: Option<PresenceStatusId>,
    },
    Answer {
        stay: StayId,
        agent: usize,
    },
    Finish {
        stay: StayId,
    },
}

/// Where the simulation believes a stay is, from the event log.
/// Stays that ended are forgotten.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Track {
    Waiting,
    /// On offer to this many agents (more than one with `ring_all`).
    Offered(usize),
    Assigned,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct StayInfo {
    pub(crate) queue: usize,
    /// The queue the customer arrived in (an overflow moves them on): with `customer`,
    /// their place in `Sim::customers`.
    pub(crate) origin: usize,
    pub(crate) customer: usize,
    pub(crate) track: Track,
}

/// The running simulation.
pub(crate) struct Sim<'a> {
    pub(crate) scenario: &'a Scenario,
    seed: u64,
    pub(crate) engine: &'a mut Engine,
    clock: &'a ManualClock,
    pub(crate) watch: Watch,
    start: DateTime<Utc>,
    /// Start of each day of the run, and the end of the last.
    day_starts: Vec<DateTime<Utc>>,
    /// Commands sent by the start of each day.
    day_commands: Vec<u64>,
    company: CompanyId,
    pub(crate) queue_ids: Vec<QueueId>,
    pub(crate) customers: Vec<Vec<Customer>>,
    agents: Vec<CompanyUserId>,
    /// Each agent as the actor who answers their offers.
    actors: Vec<Actor>,
    /// The company's presence statuses, by scenario name.
    statuses: BTreeMap<String, PresenceStatusId>,
    pub(crate) agent_group: Vec<usize>,
    pub(crate) agent_index: BTreeMap<CompanyUserId, usize>,
    pub(crate) answer_rng: Vec<Rng>,
    heap: BinaryHeap<Reverse<(i64, u64)>>,
    actions: Vec<Option<Action>>,
    pub(crate) stays: BTreeMap<StayId, StayInfo>,
    pub(crate) waiting: Vec<u32>,
    pub(crate) ready: Vec<bool>,
    pub(crate) load: Vec<u32>,
    pub(crate) tally: Vec<Tally>,
    commands: u64,
    ticks: u64,
    pub(crate) events: u64,
    /// With batches: the simulated span (ms) one batch covers, and when the open one began.
    batch_ms: Option<i64>,
    batch_from: Option<i64>,
}

/// Milliseconds in `secs` seconds, rounded.
pub(crate) fn ms(secs: f64) -> i64 {
    (secs * 1000.0).round() as i64
}

/// The seed the scenario runs with: `seed` if given, else the scenario's own.
pub fn effective_seed(scenario: &Scenario, seed: Option<u64>) -> u64 {
    seed.unwrap_or(scenario.seed)
}

/// Runs `days` consecutive days of the scenario (at least one) on `engine`, whose clock must
/// be `clock`; `progress` is told the simulated milliseconds elapsed since the first day's
/// start (see [`Scenario::day`]).
pub fn run(
    scenario: &Scenario,
    seed: u64,
    days: u32,
    engine: &mut Engine,
    clock: &ManualClock,
    progress: &mut dyn FnMut(u64),
) -> queue_core::Result<Outcome> {
    run_batched(scenario, seed, days, None, engine, clock, progress)
}

/// [`run`], with the commands of every `batch_ms` simulated milliseconds in one
/// [`Engine::batch`] when `batch_ms` is given: one store commit per batch instead of one per
/// command. The loop then learns what the router did only at each commit (the events are
/// not in the log before), as a host that batches would, so the day differs a little from
/// the unbatched one: an agent answers or a customer gives up on news up to `batch_ms`
/// old, and a command made stale meanwhile (abandoning a chat already assigned) is refused
/// with a conflict and skipped.
pub fn run_batched(
    scenario: &Scenario,
    seed: u64,
    days: u32,
    batch_ms: Option<i64>,
    engine: &mut Engine,
    clock: &ManualClock,
    progress: &mut dyn FnMut(u64),
) -> queue_core::Result<Outcome> {
    let day_starts: Vec<DateTime<Utc>> = (0..=days.max(1))
        .map(|d| scenario.nth_day(d).day().0)
        .collect();
    let (start, end) = (day_starts[0], day_starts[day_starts.len() - 1]);
    clock.set(start);
    let mut sim = Sim::build(scenario, seed, engine, clock, day_starts)?;
    sim.batch_ms = batch_ms.filter(|ms| *ms > 0);
    let samples = sim.run_until((end - start).num_milliseconds(), progress)?;
    sim.finish(seed, (start, end), samples)
}

/// The seed of day `index` (from 0): the run's own for the first day.
fn day_seed(seed: u64, index: u32) -> u64 {
    seed.wrapping_add(u64::from(index).wrapping_mul(0x9E37_79B9_7F4A_7C15))
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
        day_starts: Vec<DateTime<Utc>>,
    ) -> queue_core::Result<Sim<'a>> {
        let watch = engine.watch(&SYS, WatchQuery::default())?;
        let centre = crate::centre::build(engine, scenario)?;
        let mut sim = Sim {
            scenario,
            seed,
            engine,
            clock,
            watch,
            start: day_starts[0],
            day_starts,
            day_commands: Vec::new(),
            company: centre.company,
            queue_ids: centre.queues,
            customers: vec![Vec::new(); scenario.queues.len()],
            agents: Vec::new(),
            actors: centre.users.iter().map(|u| Actor::User(*u)).collect(),
            statuses: centre.statuses,
            agent_group: Vec::new(),
            agent_index: BTreeMap::new(),
            answer_rng: Vec::new(),
            heap: BinaryHeap::new(),
            actions: Vec::new(),
            stays: BTreeMap::new(),
            waiting: vec![0; scenario.queues.len()],
            ready: Vec::new(),
            load: Vec::new(),
            tally: vec![Tally::default(); scenario.queues.len()],
            commands: 0,
            ticks: 0,
            events: 0,
            batch_ms: None,
            batch_from: None,
        };
        for (n, (agent, gi)) in centre.agents.into_iter().enumerate() {
            sim.agent_index.insert(agent, n);
            sim.agents.push(agent);
            sim.agent_group.push(gi);
            sim.answer_rng.push(Rng::new(seed, 1_000_000 + n as u64));
            sim.ready.push(false);
            sim.load.push(0);
        }
        sim.schedule_day(0)?;
        sim.drain()?;
        Ok(sim)
    }

    /// Schedules day `index`: every agent's shift and breaks, then every queue's arrivals,
    /// and the start of the next day.
    fn schedule_day(&mut self, index: u32) -> queue_core::Result<()> {
        let i = index as usize;
        self.day_commands.push(self.commands);
        let day = self.offset(self.day_starts[i]);
        let scenario = self.scenario;
        for n in 0..self.agents.len() {
            let g = &scenario.agents[self.agent_group[n]];
            let shift = parse_range(&g.shift).map_err(|e| invalid("shift", e))?;
            let at = |secs: u32| day + i64::from(secs) * 1000;
            let show = |show| Action::Show {
                agent: n,
                show,
                status: None,
            };
            self.schedule(at(shift.0), show(Show::Available));
            for b in &g.breaks {
                let ((a, z), status) = parse_break(b).map_err(|e| invalid("breaks", e))?;
                let status = status.and_then(|s| self.statuses.get(s).copied());
                self.schedule(
                    at(a),
                    Action::Show {
                        agent: n,
                        show: Show::Away,
                        status,
                    },
                );
                self.schedule(at(z), show(Show::Available));
            }
            self.schedule(at(shift.1), show(Show::Unavailable));
        }
        let today = scenario.nth_day(index);
        for qi in 0..scenario.queues.len() {
            for mut c in draw_customers(&today, day_seed(self.seed, index), qi)? {
                c.at += day;
                self.customers[qi].push(c);
                let customer = self.customers[qi].len() - 1;
                self.schedule(
                    c.at,
                    Action::Arrive {
                        queue: qi,
                        customer,
                    },
                );
            }
        }
        if i + 2 < self.day_starts.len() {
            let next = self.offset(self.day_starts[i + 1]);
            self.schedule(next, Action::Day { index: index + 1 });
        }
        Ok(())
    }

    /// Adds an action; actions at one instant run in the order they were scheduled.
    pub(crate) fn schedule(&mut self, at: i64, action: Action) {
        let seq = self.actions.len() as u64;
        self.actions.push(Some(action));
        self.heap.push(Reverse((at, seq)));
    }

    fn instant(&self, at_ms: i64) -> DateTime<Utc> {
        self.start + Duration::milliseconds(at_ms)
    }

    pub(crate) fn offset(&self, t: DateTime<Utc>) -> i64 {
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
        let mut now = 0i64;
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
            // News from a batch's commit may schedule reactions in its past: they happen now.
            let t = t.max(now);
            now = t;
            if let Some(span) = self.batch_ms {
                match self.batch_from {
                    Some(from) if t >= from + span => {
                        self.commit_batch()?;
                        continue;
                    }
                    Some(_) => {}
                    None => {
                        self.engine.begin_batch()?;
                        self.batch_from = Some(t);
                    }
                }
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
                // What the tick did (an escalation, a lapsed offer) is known before anything
                // else happens at this instant: a customer giving up now sees it assigned.
                self.drain()?;
                continue;
            }
            let Some(Reverse((_, seq))) = self.heap.pop() else {
                break;
            };
            if let Some(action) = self.actions.get_mut(seq as usize).and_then(Option::take) {
                self.act(t, action)?;
            }
        }
        self.commit_batch()?;
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
    /// Commits the open batch, if any, and reads what it did.
    fn commit_batch(&mut self) -> queue_core::Result<()> {
        if self.batch_from.take().is_some() {
            self.engine.commit_batch()?;
            self.drain()?;
        }
        Ok(())
    }

    /// A command the loop decided on what it knew; in a batch that news may be stale, and
    /// the engine's conflict (the chat was assigned, or ended, meanwhile) is skipped.
    fn reaction(
        &mut self,
        f: impl FnOnce(&mut Engine) -> queue_core::Result<queue_core::Stay>,
    ) -> queue_core::Result<()> {
        match self.command(f) {
            Err(e) if self.batch_ms.is_some() && e.status() == 409 => Ok(()),
            r => r.map(|_| ()),
        }
    }

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
            Action::Day { index } => self.schedule_day(index)?,
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
                                origin: queue,
                                customer,
                                track: Track::Waiting,
                            },
                        );
                        let patience = self.customers[queue][customer].patience;
                        self.schedule(now + patience, Action::GiveUp { stay: stay.id });
                    }
                    // The queue is closed or full: the customer is turned away.
                    Err(e) if e.status() == 409 => self.tally[queue].refused += 1,
                    Err(e) => return Err(e),
                }
            }
            Action::GiveUp { stay } => {
                if matches!(
                    self.stays.get(&stay).map(|s| s.track),
                    Some(Track::Waiting | Track::Offered(_))
                ) {
                    self.reaction(|e| e.abandon(&SYS, stay))?;
                }
            }
            Action::Show {
                agent,
                show,
                status,
            } => {
                let id = self.agents[agent];
                // A status brings its own show (the scenario's mapping).
                let update = PresenceUpdate {
                    show: status.is_none().then_some(show),
                    status_id: status,
                    ..Default::default()
                };
                self.command(|e| e.set_presence(&SYS, id, update))?;
            }
            Action::Answer { stay, agent } => {
                let offered = matches!(
                    self.stays.get(&stay).map(|s| s.track),
                    Some(Track::Offered(_))
                );
                // Still ringing for them: not lapsed, not re-offered to someone else.
                if offered
                    && self
                        .engine
                        .get_stay(&SYS, stay)?
                        .offered_to_agent(self.agents[agent])
                {
                    let actor = self.actors[agent];
                    self.reaction(|e| e.accept_offer(&actor, stay))?;
                }
            }
            Action::Finish { stay } => {
                if self.stays.get(&stay).map(|s| s.track) == Some(Track::Assigned) {
                    self.reaction(|e| e.complete(&SYS, stay))?;
                }
            }
        }
        self.drain()
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
        let mut days = Vec::new();
        for (i, w) in self.day_starts.windows(2).enumerate() {
            let window = StatsQuery {
                from: w[0],
                to: w[1],
                ..query.clone()
            };
            let by_queue = self.engine.queue_stats(&SYS, &window)?;
            let queues: Vec<QueueStats> = self
                .queue_ids
                .iter()
                .filter_map(|id| by_queue.iter().find(|s| s.queue_id == *id).cloned())
                .collect();
            let next = self
                .day_commands
                .get(i + 1)
                .copied()
                .unwrap_or(self.commands);
            days.push(DayResult {
                day: (w[0], w[1]),
                queues,
                commands: next - self.day_commands[i],
            });
        }
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
            days,
            statuses: self.statuses.clone().into_iter().collect(),
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
    let store: Box<dyn queue_core::Store> = match db {
        Some(path) => Box::new(queue_sqlite::SqliteStore::open(path)?),
        None => Box::new(queue_core::MemoryStore::new()),
    };
    open_engine_on(store, start, seed)
}

/// Opens a seeded engine on `store` with a [`ManualClock`] at `start`.
pub fn open_engine_on(
    store: Box<dyn queue_core::Store>,
    start: DateTime<Utc>,
    seed: u64,
) -> queue_core::Result<(Engine, std::sync::Arc<ManualClock>)> {
    let clock = std::sync::Arc::new(ManualClock::new(start));
    let engine = Engine::open_seeded(store, clock.clone(), seed)?;
    Ok((engine, clock))
}
