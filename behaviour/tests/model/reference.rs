//! The reference model: decides by scanning everything, the obvious way.

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum St {
    Waiting,
    /// Offered to this agent (the first rung, with `ring_all`), lapsing then (if ever).
    Offered(CompanyUserId, Option<DateTime<Utc>>),
    Assigned(CompanyUserId),
    Completed,
    Abandoned,
    /// Left at the wait limit into the overflow queue.
    Transferred,
    /// Left at the wait limit with no overflow queue that took it.
    TimedOut,
}

#[derive(Debug, Clone)]
pub(super) struct MStay {
    pub(super) queue: usize,
    pub(super) priority: i32,
    pub(super) wait_since: DateTime<Utc>,
    /// When it entered this queue: its wait limit counts from here.
    pub(super) entered: DateTime<Utc>,
    /// The agent it is kept for, until when.
    pub(super) preferred: Option<(CompanyUserId, DateTime<Utc>)>,
    pub(super) extra: Option<(usize, u8)>,
    pub(super) state: St,
    pub(super) excluded: Vec<CompanyUserId>,
    /// While a `ring_all` offer rings: every agent it rings, in id order.
    pub(super) ringing: Vec<CompanyUserId>,
}

impl MStay {
    /// The agents the stay counts against.
    pub(super) fn holders(&self) -> Vec<CompanyUserId> {
        match self.state {
            St::Offered(_, _) if !self.ringing.is_empty() => self.ringing.clone(),
            St::Offered(a, _) | St::Assigned(a) => vec![a],
            _ => vec![],
        }
    }
}

#[derive(Debug, Clone)]
pub(super) struct MAgent {
    pub(super) id: CompanyUserId,
    pub(super) ready: bool,
    pub(super) capacity: u32,
    pub(super) levels: [u8; SKILLS],
    pub(super) tiers: [Option<u8>; QUEUES],
    pub(super) enabled: [bool; QUEUES],
    pub(super) idle_since: DateTime<Utc>,
    /// Per queue, the queue's routing count when it last routed to this agent (0: never).
    pub(super) routed: [u64; QUEUES],
    /// End of the agent's wrap-up, while wrapping up.
    pub(super) wrap_until: Option<DateTime<Utc>>,
    /// Offers lapsed in a row.
    pub(super) missed: u32,
}

#[derive(Clone)]
pub(super) struct Model {
    pub(super) now: DateTime<Utc>,
    pub(super) queues: Vec<QueueCfg>,
    pub(super) agents: Vec<MAgent>,
    pub(super) stays: BTreeMap<StayId, MStay>,
    /// Routing decisions made per queue: the round_robin sequence.
    pub(super) routed: [u64; QUEUES],
    /// The company's `max_missed_offers`.
    pub(super) max_missed: u32,
}

impl Model {
    /// How many stays of queue `q` wait, are offered and are assigned.
    pub(super) fn live_counts(&self, q: usize) -> (usize, usize, usize) {
        let mut c = (0, 0, 0);
        for s in self.stays.values().filter(|s| s.queue == q) {
            match s.state {
                St::Waiting => c.0 += 1,
                St::Offered(..) => c.1 += 1,
                St::Assigned(_) => c.2 += 1,
                _ => {}
            }
        }
        c
    }

    pub(super) fn load(&self, a: CompanyUserId) -> u32 {
        self.stays
            .values()
            .filter(|s| s.holders().contains(&a))
            .count() as u32
    }

    pub(super) fn eligible(&self, a: &MAgent, s: &MStay) -> bool {
        let q = &self.queues[s.queue];
        let Some(tier) = a.tiers[s.queue] else {
            return false;
        };
        let meets = |req: Option<(usize, u8)>| req.is_none_or(|(k, min)| a.levels[k] >= min);
        let mut reached = q.delay.map_or(u64::MAX, |d| {
            1 + ((self.now - s.wait_since).num_seconds().max(0) as u64) / u64::from(d)
        });
        if q.skip_empty_tiers {
            // The lowest tier with a ready operator (rules 1–3, skills aside).
            let lowest = self
                .agents
                .iter()
                .filter(|o| {
                    o.enabled[s.queue]
                        && o.ready
                        && o.wrap_until.is_none()
                        && self.load(o.id) < o.capacity
                })
                .filter_map(|o| o.tiers[s.queue])
                .min();
            if let Some(l) = lowest {
                reached = reached.max(u64::from(l));
            }
        }
        s.state == St::Waiting
            && a.enabled[s.queue]
            && a.ready
            && a.wrap_until.is_none()
            && self.load(a.id) < a.capacity
            && meets(q.skill)
            && meets(s.extra)
            && u64::from(tier) <= reached
            && !s.excluded.contains(&a.id)
            && s.preferred
                .is_none_or(|(p, until)| p == a.id || until <= self.now || s.excluded.contains(&p))
    }

    /// Strategy key: smaller is preferred (ties by id are added by the caller).
    pub(super) fn preference(&self, a: &MAgent, s: &MStay) -> (i128, i128) {
        let q = &self.queues[s.queue];
        match q.strategy {
            RoutingStrategy::LongestIdle | RoutingStrategy::RingAll => {
                (a.idle_since.timestamp_millis() as i128, 0)
            }
            RoutingStrategy::LeastOccupied => (i128::from(self.load(a.id)), i128::from(a.capacity)),
            RoutingStrategy::RoundRobin => (i128::from(a.routed[s.queue]), 0),
            RoutingStrategy::MostSkilled => {
                let mut skills: Vec<usize> = q
                    .skill
                    .iter()
                    .chain(s.extra.iter())
                    .map(|(k, _)| *k)
                    .collect();
                skills.sort();
                skills.dedup();
                (
                    -skills
                        .iter()
                        .map(|k| i128::from(a.levels[*k]))
                        .sum::<i128>(),
                    0,
                )
            }
        }
    }

    pub(super) fn better(&self, a: &MAgent, b: &MAgent, s: &MStay) -> bool {
        let (pa, pb) = (self.preference(a, s), self.preference(b, s));
        let ord = if self.queues[s.queue].strategy == RoutingStrategy::LeastOccupied {
            (pa.0 * pb.1).cmp(&(pb.0 * pa.1))
        } else {
            pa.cmp(&pb)
        };
        ord.then(a.id.cmp(&b.id)).is_lt()
    }

    /// While some waiting stay has an eligible agent: the best such stay goes to its queue's
    /// preferred eligible agent.
    pub(super) fn dispatch(&mut self) {
        loop {
            let mut best: Option<(StayId, usize)> = None;
            for (id, s) in &self.stays {
                let mut chosen: Option<usize> = None;
                for (i, a) in self.agents.iter().enumerate() {
                    if self.eligible(a, s)
                        && chosen.is_none_or(|c| self.better(a, &self.agents[c], s))
                    {
                        chosen = Some(i);
                    }
                }
                let Some(agent) = chosen else { continue };
                let key = |id: &StayId| {
                    let s = &self.stays[id];
                    (std::cmp::Reverse(s.priority), s.wait_since, *id)
                };
                if best.is_none_or(|(b, _)| key(id) < key(&b)) {
                    best = Some((*id, agent));
                }
            }
            let Some((id, agent)) = best else { return };
            let q = self.stays[&id].queue;
            let a = self.agents[agent].id;
            self.routed[q] += 1;
            self.agents[agent].routed[q] = self.routed[q];
            let cfg = &self.queues[q];
            let until = cfg
                .timeout
                .map(|t| self.now + Duration::seconds(i64::from(t)));
            // Ring-all: every agent eligible now rings, in id order.
            let ring: Vec<CompanyUserId> = if cfg.strategy == RoutingStrategy::RingAll {
                let s = &self.stays[&id];
                let mut r: Vec<CompanyUserId> = self
                    .agents
                    .iter()
                    .filter(|x| self.eligible(x, s))
                    .map(|x| x.id)
                    .collect();
                r.sort();
                r
            } else {
                vec![]
            };
            let st = match (until, ring.first()) {
                (_, Some(first)) => St::Offered(*first, until),
                (Some(_), None) => St::Offered(a, until),
                (None, None) => St::Assigned(a),
            };
            if let Some(s) = self.stays.get_mut(&id) {
                s.state = st;
                s.ringing = ring;
            }
        }
    }

    /// Waiting stays in `queue`.
    pub(super) fn waiting_in(&self, queue: usize) -> u32 {
        self.stays
            .values()
            .filter(|s| s.queue == queue && s.state == St::Waiting)
            .count() as u32
    }

    /// Whether `queue` refuses one more waiting object.
    pub(super) fn full(&self, queue: usize) -> bool {
        self.queues[queue]
            .max_waiting
            .is_some_and(|m| self.waiting_in(queue) >= m)
    }

    /// One second passes: offers lapse (counting missed offers, and a stay back past its
    /// wait limit leaves at once), wrap-ups end, stays reach their wait limit — each group
    /// in stay order — then routing. `moved(id)` is the engine's stay an overflowing stay
    /// became (the model cannot know new ids).
    pub(super) fn second(&mut self, moved: &mut dyn FnMut(StayId) -> Option<StayId>) {
        self.now += Duration::seconds(1);
        let now = self.now;
        let ids: Vec<StayId> = self.stays.keys().copied().collect();
        for id in &ids {
            let Some(St::Offered(_, Some(until))) = self.stays.get(id).map(|s| s.state) else {
                continue;
            };
            if until > now {
                continue;
            }
            // A ring-all offer lapses for every agent it rings, together.
            let rang = self.stays[id].holders();
            if let Some(s) = self.stays.get_mut(id) {
                s.state = St::Waiting;
                s.ringing.clear();
                s.excluded.extend(rang.iter().copied());
            }
            let limit = self.max_missed;
            for a in rang {
                let agent = self.agent_mut(a);
                agent.missed += 1;
                if limit > 0 && agent.missed >= limit && agent.ready {
                    agent.ready = false;
                }
            }
            self.wait_limit(*id, moved);
        }
        for a in &mut self.agents {
            if a.wrap_until.is_some_and(|u| u <= now) {
                a.wrap_until = None;
            }
        }
        for id in &ids {
            self.wait_limit(*id, moved);
        }
        self.dispatch();
    }

    /// A waiting stay past its queue's wait limit leaves: to the overflow queue unless that
    /// is full, else timed out.
    pub(super) fn wait_limit(
        &mut self,
        id: StayId,
        moved: &mut dyn FnMut(StayId) -> Option<StayId>,
    ) {
        let Some(s) = self.stays.get(&id).cloned() else {
            return;
        };
        let q = &self.queues[s.queue];
        let Some(max) = q.max_wait else { return };
        if s.state != St::Waiting || s.entered + Duration::seconds(i64::from(max)) > self.now {
            return;
        }
        let target = q.overflow.filter(|t| !self.full(*t));
        let state = match target {
            Some(t) => {
                let new = moved(id).expect("the engine moved the stay too");
                self.stays.insert(
                    new,
                    MStay {
                        queue: t,
                        entered: self.now,
                        preferred: None,
                        state: St::Waiting,
                        excluded: vec![],
                        ringing: vec![],
                        ..s.clone()
                    },
                );
                St::Transferred
            }
            None => St::TimedOut,
        };
        if let Some(s) = self.stays.get_mut(&id) {
            s.state = state;
        }
    }

    pub(super) fn agent_mut(&mut self, id: CompanyUserId) -> &mut MAgent {
        self.agents
            .iter_mut()
            .find(|a| a.id == id)
            .expect("known agent")
    }
}
