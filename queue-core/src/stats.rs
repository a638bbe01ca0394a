//! Statistics per queue and per agent over a time window, computed from the event log.
//!
//! Definitions (the usual contact-centre ones; where several exist, the choice is noted):
//! - *offered*: stays that entered the queue in the window (transfers in included);
//! - *answered*: stays assigned in the window; *abandoned*: stays abandoned in the window;
//! - *wait*: from `wait_since` to assignment, for answered stays;
//! - *service level*: answered within `service_level_seconds` ÷ (answered + abandoned);
//! - *handle time*: assignment to completion, for stays completed in the window;
//! - *agent occupancy*: time with at least one assigned object ÷ time staffed (showing
//!   chat/available or handling), both clipped to the window;
//! - *queue occupancy*: handling time of the queue's stays ÷ staffed time of its operators.

use crate::engine::Engine;
use crate::ids::{CompanyId, CompanyUserId, QueueId, StayId};
use crate::model::auth::{Actor, Role};
use crate::model::event::{Event, EventKind};
use crate::store::EventQuery;
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Which window and threshold statistics are computed for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatsQuery {
    /// The company.
    pub company_id: CompanyId,
    /// Start of the window (inclusive).
    #[serde(deserialize_with = "crate::input::instant")]
    pub from: DateTime<Utc>,
    /// End of the window (exclusive).
    #[serde(deserialize_with = "crate::input::instant")]
    pub to: DateTime<Utc>,
    /// Threshold for the service level, seconds (default 20).
    #[serde(default = "twenty")]
    pub service_level_seconds: u32,
}

fn twenty() -> u32 {
    20
}

/// Statistics of one queue over a window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueueStats {
    /// The queue.
    pub queue_id: QueueId,
    /// Stays that entered the queue.
    pub offered: u64,
    /// Stays assigned.
    pub answered: u64,
    /// Stays abandoned.
    pub abandoned: u64,
    /// Answered within the threshold ÷ (answered + abandoned); `None` when both are 0.
    pub service_level: Option<f64>,
    /// Mean wait of answered stays, seconds.
    pub average_wait_seconds: Option<f64>,
    /// 90th percentile (nearest rank) wait of answered stays, seconds.
    pub p90_wait_seconds: Option<f64>,
    /// Mean handle time of completed stays, seconds.
    pub average_handle_seconds: Option<f64>,
    /// Handling time ÷ operators' staffed time.
    pub occupancy: Option<f64>,
    /// Mean rating of objects rated in the window.
    pub average_rating: Option<f64>,
}

/// Statistics of one agent over a window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgentStats {
    /// The agent.
    pub company_user_id: CompanyUserId,
    /// Offers made to the agent.
    pub offered: u64,
    /// Objects assigned to the agent (accepted, routed directly, or picked).
    pub answered: u64,
    /// Offers the agent rejected.
    pub rejected: u64,
    /// Offers that lapsed.
    pub timed_out: u64,
    /// Objects completed.
    pub completed: u64,
    /// Mean handle time, seconds.
    pub average_handle_seconds: Option<f64>,
    /// Seconds with at least one assigned object.
    pub busy_seconds: f64,
    /// Seconds showing chat/available or handling.
    pub staffed_seconds: f64,
    /// `busy_seconds / staffed_seconds`.
    pub occupancy: Option<f64>,
    /// Mean rating of objects the agent handled, rated in the window.
    pub average_rating: Option<f64>,
}

fn mean(v: &[f64]) -> Option<f64> {
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
}

/// Nearest-rank percentile.
fn percentile(v: &[f64], p: f64) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    let rank = ((p * s.len() as f64).ceil() as usize).clamp(1, s.len());
    Some(s[rank - 1])
}

fn secs(a: DateTime<Utc>, b: DateTime<Utc>) -> f64 {
    (b - a).num_milliseconds() as f64 / 1000.0
}

/// Busy and staffed seconds per agent inside `[from, to)`, replaying the whole log so the
/// state at `from` is known; also each stay's handling seconds inside the window.
struct Timeline {
    busy: HashMap<CompanyUserId, f64>,
    staffed: HashMap<CompanyUserId, f64>,
    handling: HashMap<QueueId, f64>,
}

/// How one event changes an agent's timeline.
enum Step {
    /// Shows (or stops showing) chat/available.
    Ready(bool),
    /// Starts handling a stay.
    Take(StayId),
    /// Stops handling a stay.
    Release(StayId),
}

fn timeline(events: &[Event], from: DateTime<Utc>, to: DateTime<Utc>) -> Timeline {
    #[derive(Default)]
    struct Agent {
        ready: bool,
        assigned: BTreeSet<StayId>,
        since: Option<DateTime<Utc>>,
    }
    let clip = |a: DateTime<Utc>, b: DateTime<Utc>| secs(a.max(from), b.min(to)).max(0.0);
    let mut agents: BTreeMap<CompanyUserId, Agent> = BTreeMap::new();
    let mut open: HashMap<StayId, (QueueId, DateTime<Utc>)> = HashMap::new();
    let mut t = Timeline {
        busy: HashMap::new(),
        staffed: HashMap::new(),
        handling: HashMap::new(),
    };
    let account = |t: &mut Timeline, id: CompanyUserId, a: &mut Agent, now: DateTime<Utc>| {
        if let Some(since) = a.since {
            let d = clip(since, now);
            if !a.assigned.is_empty() {
                *t.busy.entry(id).or_default() += d;
            }
            if a.ready || !a.assigned.is_empty() {
                *t.staffed.entry(id).or_default() += d;
            }
        }
        a.since = Some(now);
    };
    for e in events.iter().filter(|e| e.at < to) {
        let (agent, step) = match &e.kind {
            EventKind::PresenceChanged {
                company_user_id,
                show,
                ..
            } => (*company_user_id, Step::Ready(show.is_ready())),
            EventKind::Assigned {
                company_user_id,
                stay_id,
                queue_id,
                ..
            } => {
                open.insert(*stay_id, (*queue_id, e.at));
                (*company_user_id, Step::Take(*stay_id))
            }
            EventKind::Completed {
                company_user_id,
                stay_id,
                ..
            }
            | EventKind::Transferred {
                company_user_id: Some(company_user_id),
                stay_id,
                ..
            } => {
                if let Some((q, start)) = open.remove(stay_id) {
                    *t.handling.entry(q).or_default() += clip(start, e.at);
                }
                (*company_user_id, Step::Release(*stay_id))
            }
            _ => continue,
        };
        let a = agents.entry(agent).or_default();
        account(&mut t, agent, a, e.at);
        match step {
            Step::Ready(ready) => a.ready = ready,
            Step::Take(stay) => {
                a.assigned.insert(stay);
            }
            Step::Release(stay) => {
                a.assigned.remove(&stay);
            }
        }
    }
    for (id, a) in agents.iter_mut() {
        account(&mut t, *id, a, to);
    }
    for (q, start) in open.values() {
        *t.handling.entry(*q).or_default() += clip(*start, to);
    }
    t
}

impl Engine {
    fn stats_events(&mut self, actor: &Actor, q: &StatsQuery) -> Result<Vec<Event>> {
        crate::clock::check("from", q.from)?;
        crate::clock::check("to", q.to)?;
        if q.to <= q.from {
            return Err(Error::invalid("to", "must be after from"));
        }
        self.read(|s| {
            s.access(actor, q.company_id)?
                .require(Role::Supervisor, "read statistics")
        })?;
        self.store_mut().events(&EventQuery {
            company_id: Some(q.company_id),
            to: Some(q.to),
            ..Default::default()
        })
    }

    /// Statistics of every queue of the company over the window (supervisor and up).
    ///
    /// ```
    /// # use queue_core::*;
    /// # let (mut engine, acme, _) = queue_core::doc_support::company_with_agent();
    /// # let q = engine.create_queue(&Actor::System, NewQueue::named(acme, "support")).unwrap();
    /// let now = engine.now();
    /// let stats = engine.queue_stats(&Actor::System, &StatsQuery {
    ///     company_id: acme, from: now - chrono::Duration::hours(1), to: now + chrono::Duration::seconds(1),
    ///     service_level_seconds: 20,
    /// }).unwrap();
    /// assert_eq!(stats[0].offered, 0);
    /// ```
    pub fn queue_stats(&mut self, actor: &Actor, q: &StatsQuery) -> Result<Vec<QueueStats>> {
        let events = self.stats_events(actor, q)?;
        let queues: Vec<(QueueId, Vec<CompanyUserId>)> = self.read(|s| {
            Ok(s.idx
                .queues_by_company
                .get(&q.company_id)
                .into_iter()
                .flatten()
                .map(|id| {
                    let mut staff: Vec<CompanyUserId> = s
                        .idx
                        .operators_by_queue
                        .get(id)
                        .into_iter()
                        .flatten()
                        .map(|(a, _)| *a)
                        .collect();
                    staff.extend(s.queues.get(id).and_then(|q| q.company_user_id));
                    (*id, staff)
                })
                .collect())
        })?;
        let tl = timeline(&events, q.from, q.to);
        let threshold = f64::from(q.service_level_seconds);
        let mut out = Vec::new();
        for (queue, staff) in queues {
            let in_window = |e: &&Event| e.at >= q.from && e.at < q.to;
            let (mut offered, mut abandoned) = (0, 0);
            let (mut waits, mut handles, mut ratings) = (Vec::new(), Vec::new(), Vec::new());
            for e in events.iter().filter(in_window) {
                match &e.kind {
                    EventKind::Enqueued { queue_id, .. } if *queue_id == queue => offered += 1,
                    EventKind::Assigned {
                        queue_id,
                        wait_since,
                        ..
                    } if *queue_id == queue => waits.push(secs(*wait_since, e.at)),
                    EventKind::Abandoned { queue_id, .. } if *queue_id == queue => abandoned += 1,
                    EventKind::Completed {
                        queue_id,
                        assigned_at,
                        ..
                    } if *queue_id == queue => handles.push(secs(*assigned_at, e.at)),
                    EventKind::Rated {
                        queue_id, score, ..
                    } if *queue_id == queue => ratings.push(f64::from(*score)),
                    _ => {}
                }
            }
            let answered = waits.len() as u64;
            let within = waits.iter().filter(|w| **w <= threshold).count() as f64;
            let staffed: f64 = staff.iter().filter_map(|a| tl.staffed.get(a)).sum();
            out.push(QueueStats {
                queue_id: queue,
                offered,
                answered,
                abandoned,
                service_level: (answered + abandoned > 0)
                    .then(|| within / (answered + abandoned) as f64),
                average_wait_seconds: mean(&waits),
                p90_wait_seconds: percentile(&waits, 0.9),
                average_handle_seconds: mean(&handles),
                occupancy: (staffed > 0.0)
                    .then(|| tl.handling.get(&queue).copied().unwrap_or(0.0) / staffed),
                average_rating: mean(&ratings),
            });
        }
        Ok(out)
    }

    /// Statistics of every agent of the company over the window (supervisor and up).
    pub fn agent_stats(&mut self, actor: &Actor, q: &StatsQuery) -> Result<Vec<AgentStats>> {
        let events = self.stats_events(actor, q)?;
        let agents: Vec<CompanyUserId> = self.read(|s| {
            Ok(s.idx
                .members_by_company
                .get(&q.company_id)
                .into_iter()
                .flatten()
                .copied()
                .collect())
        })?;
        let tl = timeline(&events, q.from, q.to);
        let mut out = Vec::new();
        for agent in agents {
            let (mut offered, mut answered, mut rejected, mut timed_out) = (0, 0, 0, 0);
            let (mut handles, mut ratings) = (Vec::new(), Vec::new());
            for e in events.iter().filter(|e| e.at >= q.from && e.at < q.to) {
                match &e.kind {
                    EventKind::Offered {
                        company_user_id, ..
                    } if *company_user_id == agent => offered += 1,
                    EventKind::Assigned {
                        company_user_id, ..
                    } if *company_user_id == agent => answered += 1,
                    EventKind::OfferRejected {
                        company_user_id, ..
                    } if *company_user_id == agent => rejected += 1,
                    EventKind::OfferTimedOut {
                        company_user_id, ..
                    } if *company_user_id == agent => timed_out += 1,
                    EventKind::Completed {
                        company_user_id,
                        assigned_at,
                        ..
                    } if *company_user_id == agent => handles.push(secs(*assigned_at, e.at)),
                    EventKind::Rated {
                        company_user_id: Some(a),
                        score,
                        ..
                    } if *a == agent => ratings.push(f64::from(*score)),
                    _ => {}
                }
            }
            let busy = tl.busy.get(&agent).copied().unwrap_or(0.0);
            let staffed = tl.staffed.get(&agent).copied().unwrap_or(0.0);
            out.push(AgentStats {
                company_user_id: agent,
                offered,
                answered,
                rejected,
                timed_out,
                completed: handles.len() as u64,
                average_handle_seconds: mean(&handles),
                busy_seconds: busy,
                staffed_seconds: staffed,
                occupancy: (staffed > 0.0).then(|| busy / staffed),
                average_rating: mean(&ratings),
            });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentile() {
        let v: Vec<f64> = (1..=10).map(f64::from).collect();
        assert_eq!(percentile(&v, 0.9), Some(9.0));
        assert_eq!(percentile(&[5.0], 0.9), Some(5.0));
        assert_eq!(percentile(&[], 0.9), None);
    }
}
