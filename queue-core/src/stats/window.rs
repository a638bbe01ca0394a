//! One window's data, read once — its events, the pieces of agents' time that start in it,
//! the intervals still open — and the statistics of any part of it.

use super::{AgentStats, QueueStats, StatsQuery};
use crate::ids::{CompanyUserId, QueueId};
use crate::model::auth::{Actor, Role};
use crate::model::event::{Event, EventKind};
use crate::model::interval::{piece_start, Activity};
use crate::model::record::{Kind, Record};
use crate::model::stay::StayState;
use crate::state::State;
use crate::store::{EventQuery, Store};
use crate::Result;
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// A stretch of one agent's time: `(agent, queue if handling, start, end)`.
type Span = (CompanyUserId, Option<QueueId>, DateTime<Utc>, DateTime<Utc>);

/// What a window's statistics are computed from.
pub(super) struct Window {
    events: Vec<Event>,
    /// Handling and ready spans, closed (from the store) and open (from the working set,
    /// running to the end of the window).
    spans: Vec<Span>,
    ready: Vec<Span>,
    /// The company's queues, each with the agents staffing it.
    queues: Vec<(QueueId, Vec<CompanyUserId>)>,
    /// The company's members.
    agents: Vec<CompanyUserId>,
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
        let events = store.events(&EventQuery {
            company_id: Some(q.company_id),
            from: Some(q.from),
            to: Some(q.to),
            ..Default::default()
        })?;
        let mut spans = Vec::new();
        let mut ready = Vec::new();
        // A piece never runs past the quarter hour after its start, so pieces that start
        // before `from`'s quarter hour cannot reach into the window.
        let pieces =
            store.company_history(Kind::Interval, q.company_id, piece_start(q.from), q.to)?;
        for r in pieces {
            let Record::Interval(i) = r else { continue };
            match i.activity {
                Activity::Handling { queue_id, .. } => {
                    spans.push((i.company_user_id, Some(queue_id), i.start, i.end))
                }
                Activity::Ready => ready.push((i.company_user_id, None, i.start, i.end)),
            }
        }
        let agents: Vec<CompanyUserId> = s
            .idx
            .members_by_company
            .get(&q.company_id)
            .into_iter()
            .flatten()
            .copied()
            .collect();
        for a in &agents {
            for stay in s.idx.live_by_agent.get(a).into_iter().flatten() {
                let Some(stay) = s.stays.get(stay) else {
                    continue;
                };
                if let (StayState::Assigned, Some(at)) = (stay.state, stay.assigned_at) {
                    spans.push((*a, Some(stay.queue_id), at, q.to));
                }
            }
            if let Some(since) = s.presence.get(a).and_then(|p| p.ready_since) {
                ready.push((*a, None, since, q.to));
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
            events,
            spans,
            ready,
            queues,
            agents,
        })
    }

    fn timeline(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Timeline {
        let clip = |s: DateTime<Utc>, e: DateTime<Utc>| {
            let (s, e) = (s.max(from), e.min(to));
            (s < e).then_some((s, e))
        };
        let mut handling: HashMap<QueueId, f64> = HashMap::new();
        let mut busy_spans: HashMap<CompanyUserId, Vec<_>> = HashMap::new();
        let mut staffed_spans: HashMap<CompanyUserId, Vec<_>> = HashMap::new();
        for (agent, queue, s, e) in &self.spans {
            let Some(span) = clip(*s, *e) else { continue };
            if let Some(q) = queue {
                *handling.entry(*q).or_default() += secs(span.0, span.1);
            }
            busy_spans.entry(*agent).or_default().push(span);
            staffed_spans.entry(*agent).or_default().push(span);
        }
        for (agent, _, s, e) in &self.ready {
            if let Some(span) = clip(*s, *e) {
                staffed_spans.entry(*agent).or_default().push(span);
            }
        }
        Timeline {
            busy: busy_spans
                .into_iter()
                .map(|(a, v)| (a, union_seconds(v)))
                .collect(),
            staffed: staffed_spans
                .into_iter()
                .map(|(a, v)| (a, union_seconds(v)))
                .collect(),
            handling,
        }
    }

    fn events_in(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> impl Iterator<Item = &Event> + '_ {
        self.events
            .iter()
            .filter(move |e| e.at >= from && e.at < to)
    }

    /// Every queue's statistics over `[from, to)`, a part of the window read.
    pub(super) fn queue_stats(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        service_level_seconds: u32,
    ) -> Vec<QueueStats> {
        let tl = self.timeline(from, to);
        let threshold = f64::from(service_level_seconds);
        let mut out = Vec::new();
        for (queue, staff) in &self.queues {
            let queue = *queue;
            let (mut offered, mut abandoned) = (0, 0);
            let (mut waits, mut handles, mut ratings) = (Vec::new(), Vec::new(), Vec::new());
            for e in self.events_in(from, to) {
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
        out
    }

    /// Every agent's statistics over `[from, to)`.
    pub(super) fn agent_stats(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<AgentStats> {
        let tl = self.timeline(from, to);
        let mut out = Vec::new();
        for agent in &self.agents {
            let agent = *agent;
            let (mut offered, mut answered, mut rejected, mut timed_out) = (0, 0, 0, 0);
            let (mut handles, mut ratings) = (Vec::new(), Vec::new());
            for e in self.events_in(from, to) {
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
        out
    }
}
