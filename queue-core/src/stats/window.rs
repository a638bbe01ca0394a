//! One window's data, read once — its events, the pieces of agents' time that start in it,
//! the intervals still open — and the statistics of any part of it.

use super::{AgentStats, QueueStats, StatsQuery};
use crate::ids::{CompanyUserId, PresenceStatusId, QueueId};
use crate::model::auth::{Actor, Role};
use crate::model::fact::{Fact, FactKind};
use crate::model::interval::{piece_start, Piece};
use crate::model::presence_status::StatusSeconds;
use crate::model::stay::StayState;
use crate::state::State;
use crate::store::Store;
use crate::Result;
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// A stretch of one agent's time.
struct Span {
    agent: CompanyUserId,
    spent: Spent,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

/// What a span of an agent's time was.
#[derive(Clone, Copy)]
enum Spent {
    /// Showing chat or available.
    Ready,
    /// Handling an object of the queue.
    Handling(QueueId),
    /// Wrapping up after one of the queue.
    WrapUp(QueueId),
    /// In a presence status (beside the above: a status has its own show).
    Status(PresenceStatusId),
}

impl Span {
    fn of(p: Piece) -> Span {
        let spent = match (p.status_id, p.queue_id, p.wrap_up) {
            (Some(s), _, _) => Spent::Status(s),
            (None, Some(q), true) => Spent::WrapUp(q),
            (None, Some(q), false) => Spent::Handling(q),
            (None, None, _) => Spent::Ready,
        };
        Span {
            agent: p.company_user_id,
            spent,
            start: p.start,
            end: p.end,
        }
    }
}

/// What a window's statistics are computed from. Everything is ordered by time, so the
/// statistics of a part of the window (an interval of the report) find their share by
/// binary search instead of scanning the whole window.
pub(super) struct Window {
    /// What statistics count of the window's events, ordered by `at`.
    facts: Vec<Fact>,
    /// Closed pieces from the store, ordered by start; none runs past the quarter hour
    /// after its start.
    pieces: Vec<Span>,
    /// Intervals still open in the working set, running to the end of the window.
    open: Vec<Span>,
    /// The company's queues, each with the agents staffing it.
    queues: Vec<(QueueId, Vec<CompanyUserId>)>,
    /// The company's members.
    agents: Vec<CompanyUserId>,
}

/// What one queue's statistics add up while the events pass.
#[derive(Default)]
struct QueueTally {
    offered: u64,
    abandoned: u64,
    wait_limit_reached: u64,
    waits: Vec<f64>,
    handles: Vec<f64>,
    ratings: Vec<f64>,
}

/// What one agent's statistics add up while the events pass.
#[derive(Default)]
struct AgentTally {
    offered: u64,
    answered: u64,
    rejected: u64,
    timed_out: u64,
    handles: Vec<f64>,
    ratings: Vec<f64>,
}

fn mean(v: &[f64]) -> Option<f64> {
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
}

/// Nearest-rank percentile.
pub(super) fn percentile(v: &[f64], p: f64) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    let rank = ((p * s.len() as f64).ceil() as usize).clamp(1, s.len());
    s.get(rank - 1).copied()
}

fn secs(a: DateTime<Utc>, b: DateTime<Utc>) -> f64 {
    (b - a).num_milliseconds() as f64 / 1000.0
}

/// Seconds covered by the union of `spans` (each `(start, end)`).
fn union_seconds(mut spans: Vec<(DateTime<Utc>, DateTime<Utc>)>) -> f64 {
    spans.sort();
    let mut total = 0.0;
    let mut current: Option<(DateTime<Utc>, DateTime<Utc>)> = None;
    for (s, e) in spans {
        match current {
            Some((cs, ce)) if s <= ce => current = Some((cs, ce.max(e))),
            Some((cs, ce)) => {
                total += secs(cs, ce);
                current = Some((s, e));
            }
            None => current = Some((s, e)),
        }
    }
    if let Some((cs, ce)) = current {
        total += secs(cs, ce);
    }
    total
}

/// Busy and staffed seconds per agent, and handling seconds per queue, inside a window.
struct Timeline {
    busy: HashMap<CompanyUserId, f64>,
    wrap_up: HashMap<CompanyUserId, f64>,
    /// Seconds per presence status, by status id.
    status: HashMap<CompanyUserId, Vec<StatusSeconds>>,
    staffed: HashMap<CompanyUserId, f64>,
    handling: HashMap<QueueId, f64>,
}

impl Window {
    /// Reads `q`'s window for `actor` (supervisor and up).
    pub(super) fn read(
        s: &State,
        store: &mut dyn Store,
        actor: &Actor,
        q: &StatsQuery,
    ) -> Result<Window> {
        s.access(actor, q.company_id)?
            .require(Role::Supervisor, "read statistics")?;
        let mut facts = store.facts(q.company_id, q.from, q.to)?;
        // Stable: the events of one instant keep their commit order.
        facts.sort_by_key(|f| f.at);
        // A piece never runs past the quarter hour after its start, so pieces that start
        // before `from`'s quarter hour cannot reach into the window.
        let mut pieces: Vec<Span> = store
            .pieces(q.company_id, piece_start(q.from), q.to)?
            .into_iter()
            .map(Span::of)
            .collect();
        pieces.sort_by_key(|p| p.start);
        let agents: Vec<CompanyUserId> = s
            .idx
            .members_by_company
            .get(&q.company_id)
            .into_iter()
            .flatten()
            .copied()
            .collect();
        let mut open = Vec::new();
        for a in &agents {
            for stay in s.idx.live_by_agent.get(a).into_iter().flatten() {
                let Some(stay) = s.stays.get(stay) else {
                    continue;
                };
                if let (StayState::Assigned, Some(at)) = (stay.state, stay.assigned_at) {
                    open.push(Span {
                        agent: *a,
                        spent: Spent::Handling(stay.queue_id),
                        start: at,
                        end: q.to,
                    });
                }
            }
            let Some(p) = s.presence.get(a) else {
                continue;
            };
            let mut running = |spent, start, end| {
                open.push(Span {
                    agent: *a,
                    spent,
                    start,
                    end,
                })
            };
            if let Some(since) = p.ready_since {
                running(Spent::Ready, since, q.to);
            }
            if let (Some(since), Some(queue)) = (p.wrap_up_since, p.wrap_up_queue_id) {
                // Running to its end, if that comes inside the window.
                let end = p.wrap_up_until.map_or(q.to, |u| u.min(q.to));
                running(Spent::WrapUp(queue), since, end);
            }
            if let (Some(since), Some(status)) = (p.status_since, p.status_id) {
                running(Spent::Status(status), since, q.to);
            }
        }
        let queues = s
            .idx
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
            .collect();
        Ok(Window {
            facts,
            pieces,
            open,
            queues,
            agents,
        })
    }

    /// The spans that can reach into `[from, to)`: the pieces that start from `from`'s
    /// quarter hour up to `to`, and the open intervals.
    fn spans_in(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> impl Iterator<Item = &Span> {
        let first = piece_start(from);
        let lo = self.pieces.partition_point(|p| p.start < first);
        let hi = self.pieces.partition_point(|p| p.start < to).max(lo);
        self.pieces[lo..hi].iter().chain(&self.open)
    }

    fn timeline(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Timeline {
        let mut handling: HashMap<QueueId, f64> = HashMap::new();
        let mut wrap_up: HashMap<CompanyUserId, f64> = HashMap::new();
        let mut busy_spans: HashMap<CompanyUserId, Vec<_>> = HashMap::new();
        let mut staffed_spans: HashMap<CompanyUserId, Vec<_>> = HashMap::new();
        let mut status: HashMap<CompanyUserId, HashMap<PresenceStatusId, f64>> = HashMap::new();
        for span in self.spans_in(from, to) {
            let (s, e) = (span.start.max(from), span.end.min(to));
            if s >= e {
                continue;
            }
            let agent = span.agent;
            let queue = match span.spent {
                Spent::Status(id) => {
                    // Beside the agent's other time, which says whether they were ready.
                    *status.entry(agent).or_default().entry(id).or_default() += secs(s, e);
                    continue;
                }
                Spent::WrapUp(q) => {
                    *wrap_up.entry(agent).or_default() += secs(s, e);
                    Some(q)
                }
                Spent::Handling(q) => Some(q),
                Spent::Ready => None,
            };
            // Wrap-up is working time: busy for the agent, handling for the queue.
            if let Some(q) = queue {
                *handling.entry(q).or_default() += secs(s, e);
                busy_spans.entry(agent).or_default().push((s, e));
            }
            staffed_spans.entry(agent).or_default().push((s, e));
        }
        let union = |m: HashMap<CompanyUserId, Vec<_>>| {
            m.into_iter().map(|(a, v)| (a, union_seconds(v))).collect()
        };
        let status = status
            .into_iter()
            .map(|(agent, per)| {
                let mut v: Vec<StatusSeconds> = per
                    .into_iter()
                    .map(|(status_id, seconds)| StatusSeconds { status_id, seconds })
                    .collect();
                v.sort_by_key(|s| s.status_id);
                (agent, v)
            })
            .collect();
        Timeline {
            busy: union(busy_spans),
            wrap_up,
            status,
            staffed: union(staffed_spans),
            handling,
        }
    }

    fn facts_in(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> &[Fact] {
        let lo = self.facts.partition_point(|f| f.at < from);
        let hi = self.facts.partition_point(|f| f.at < to).max(lo);
        &self.facts[lo..hi]
    }

    /// Every queue's statistics over `[from, to)`, a part of the window read.
    pub(super) fn queue_stats(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        service_level_seconds: u32,
    ) -> Vec<QueueStats> {
        let mut tally: HashMap<QueueId, QueueTally> = HashMap::new();
        for f in self.facts_in(from, to) {
            let Some(queue) = f.queue_id else { continue };
            let t = tally.entry(queue).or_default();
            let since = |f: &Fact| secs(f.since.unwrap_or(f.at), f.at);
            match f.kind {
                FactKind::Enqueued => t.offered += 1,
                FactKind::Assigned => t.waits.push(since(f)),
                FactKind::Abandoned => t.abandoned += 1,
                FactKind::Completed => t.handles.push(since(f)),
                FactKind::Rated => t.ratings.extend(f.score.map(f64::from)),
                FactKind::WaitLimitReached => t.wait_limit_reached += 1,
                FactKind::Offered | FactKind::OfferRejected | FactKind::OfferTimedOut => {}
            }
        }
        let tl = self.timeline(from, to);
        let threshold = f64::from(service_level_seconds);
        let empty = QueueTally::default();
        self.queues
            .iter()
            .map(|(queue, staff)| {
                let t = tally.get(queue).unwrap_or(&empty);
                let answered = t.waits.len() as u64;
                let within = t.waits.iter().filter(|w| **w <= threshold).count() as f64;
                let staffed: f64 = staff.iter().filter_map(|a| tl.staffed.get(a)).sum();
                let settled = answered + t.abandoned;
                QueueStats {
                    queue_id: *queue,
                    offered: t.offered,
                    answered,
                    abandoned: t.abandoned,
                    wait_limit_reached: t.wait_limit_reached,
                    service_level: (settled > 0).then(|| within / settled as f64),
                    average_wait_seconds: mean(&t.waits),
                    p90_wait_seconds: percentile(&t.waits, 0.9),
                    average_handle_seconds: mean(&t.handles),
                    occupancy: (staffed > 0.0)
                        .then(|| tl.handling.get(queue).copied().unwrap_or(0.0) / staffed),
                    average_rating: mean(&t.ratings),
                }
            })
            .collect()
    }

    /// Every agent's statistics over `[from, to)`.
    pub(super) fn agent_stats(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<AgentStats> {
        let mut tally: HashMap<CompanyUserId, AgentTally> = HashMap::new();
        for f in self.facts_in(from, to) {
            let Some(agent) = f.company_user_id else {
                continue;
            };
            let t = tally.entry(agent).or_default();
            match f.kind {
                FactKind::Offered => t.offered += 1,
                FactKind::Assigned => t.answered += 1,
                FactKind::OfferRejected => t.rejected += 1,
                FactKind::OfferTimedOut => t.timed_out += 1,
                FactKind::Completed => t.handles.push(secs(f.since.unwrap_or(f.at), f.at)),
                FactKind::Rated => t.ratings.extend(f.score.map(f64::from)),
                FactKind::Enqueued | FactKind::Abandoned | FactKind::WaitLimitReached => {}
            }
        }
        let tl = self.timeline(from, to);
        let empty = AgentTally::default();
        self.agents
            .iter()
            .map(|agent| {
                let t = tally.get(agent).unwrap_or(&empty);
                let busy = tl.busy.get(agent).copied().unwrap_or(0.0);
                let staffed = tl.staffed.get(agent).copied().unwrap_or(0.0);
                AgentStats {
                    company_user_id: *agent,
                    offered: t.offered,
                    answered: t.answered,
                    rejected: t.rejected,
                    timed_out: t.timed_out,
                    completed: t.handles.len() as u64,
                    average_handle_seconds: mean(&t.handles),
                    busy_seconds: busy,
                    wrap_up_seconds: tl.wrap_up.get(agent).copied().unwrap_or(0.0),
                    status_seconds: tl.status.get(agent).cloned().unwrap_or_default(),
                    staffed_seconds: staffed,
                    occupancy: (staffed > 0.0).then(|| busy / staffed),
                    average_rating: mean(&t.ratings),
                }
            })
            .collect()
    }
}
