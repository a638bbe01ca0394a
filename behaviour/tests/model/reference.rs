//! The reference model: decides by scanning everything, the obvious way.

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum St {
    Waiting,
    Offered(CompanyUserId, DateTime<Utc>),
    Assigned(CompanyUserId),
    Completed,
    Abandoned,
}

#[derive(Debug, Clone)]
pub(super) struct MStay {
    pub(super) queue: usize,
    pub(super) priority: i32,
    pub(super) wait_since: DateTime<Utc>,
    pub(super) extra: Option<(usize, u8)>,
    pub(super) state: St,
    pub(super) excluded: Vec<CompanyUserId>,
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
}

#[derive(Clone)]
pub(super) struct Model {
    pub(super) now: DateTime<Utc>,
    pub(super) queues: Vec<QueueCfg>,
    pub(super) agents: Vec<MAgent>,
    pub(super) stays: BTreeMap<StayId, MStay>,
    /// Routing decisions made per queue: the round_robin sequence.
    pub(super) routed: [u64; QUEUES],
}

impl Model {
    pub(super) fn load(&self, a: CompanyUserId) -> u32 {
        self.stays
            .values()
            .filter(|s| matches!(s.state, St::Offered(x, _) | St::Assigned(x) if x == a))
            .count() as u32
    }

    pub(super) fn eligible(&self, a: &MAgent, s: &MStay) -> bool {
        let q = &self.queues[s.queue];
        let Some(tier) = a.tiers[s.queue] else {
            return false;
        };
        let meets = |req: Option<(usize, u8)>| req.is_none_or(|(k, min)| a.levels[k] >= min);
        let reached = q.delay.map_or(u64::MAX, |d| {
            1 + ((self.now - s.wait_since).num_seconds().max(0) as u64) / u64::from(d)
        });
        s.state == St::Waiting
            && a.enabled[s.queue]
            && a.ready
            && self.load(a.id) < a.capacity
            && meets(q.skill)
            && meets(s.extra)
            && u64::from(tier) <= reached
            && !s.excluded.contains(&a.id)
    }

    /// Strategy key: smaller is preferred (ties by id are added by the caller).
    pub(super) fn preference(&self, a: &MAgent, s: &MStay) -> (i128, i128) {
        let q = &self.queues[s.queue];
        match q.strategy {
            RoutingStrategy::LongestIdle => (a.idle_since.timestamp_millis() as i128, 0),
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
            let st = match self.queues[q].timeout {
                Some(t) => St::Offered(a, self.now + Duration::seconds(i64::from(t))),
                None => St::Assigned(a),
            };
            if let Some(s) = self.stays.get_mut(&id) {
                s.state = st;
            }
        }
    }

    pub(super) fn advance(&mut self, secs: i64) {
        for _ in 0..secs {
            self.now += Duration::seconds(1);
            let now = self.now;
            for s in self.stays.values_mut() {
                if let St::Offered(a, until) = s.state {
                    if until <= now {
                        s.state = St::Waiting;
                        s.excluded.push(a);
                    }
                }
            }
            self.dispatch();
        }
    }

    pub(super) fn agent_mut(&mut self, id: CompanyUserId) -> &mut MAgent {
        self.agents
            .iter_mut()
            .find(|a| a.id == id)
            .expect("known agent")
    }
}
