//! Statistics per queue and per agent over a time window, and the interval report.
//!
//! Definitions (the usual contact-centre ones; where several exist, the choice is noted):
//! - *offered*: stays that entered the queue in the window (transfers in included);
//! - *answered*: stays assigned in the window; *abandoned*: stays abandoned in the window;
//! - *wait*: from `wait_since` to assignment, for answered stays;
//! - *service level*: answered within `service_level_seconds` ÷ (answered + abandoned);
//! - *handle time*: assignment to completion, for stays completed in the window;
//! - *agent occupancy*: time with at least one assigned object or wrapping up ÷ time
//!   staffed (showing chat/available, handling or wrapping up), both clipped to the window;
//!   wrap-up is after-contact work, so it counts as working;
//! - *queue occupancy*: handling and wrap-up time of the queue's stays ÷ staffed time of
//!   its operators;
//! - *wait limit reached*: stays that left the queue after its `max_wait_seconds`, moved to
//!   the overflow queue or timed out; they count neither as answered nor in the service
//!   level (the overflow queue counts the object as offered to it).
//!
//! What a window costs follows the window, not the history: its events (read by company
//! and time), the quarter-hour pieces of agents' time that start in it ([`crate::Interval`],
//! written as each interval closes), and the intervals still open in the working set
//! (stays being handled, agents showing chat or available). Nothing before the window is
//! replayed.

mod window;

use crate::engine::Engine;
use crate::ids::{CompanyId, CompanyUserId, QueueId};
use crate::model::auth::Actor;
use crate::model::presence_status::StatusSeconds;
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use window::Window;

/// The interval length the bindings use when none is given: the quarter hour workforce
/// planning works in.
pub const DEFAULT_INTERVAL_MINUTES: u32 = 15;

/// Longest `interval_minutes` of [`Engine::queue_stats_by_interval`]: a day.
pub const MAX_INTERVAL_MINUTES: u32 = 1440;

/// Most rows per queue [`Engine::queue_stats_by_interval`] returns.
pub const MAX_INTERVALS: i64 = 10_000;

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
    /// Stays that left after `max_wait_seconds` (to the overflow queue, or timed out).
    pub wait_limit_reached: u64,
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
    /// Seconds with at least one assigned object, or wrapping up.
    pub busy_seconds: f64,
    /// Seconds wrapping up after completions (part of `busy_seconds`).
    pub wrap_up_seconds: f64,
    /// Seconds in each company-defined presence status ("Lunch"), by status id; statuses
    /// the agent was not in are left out.
    pub status_seconds: Vec<StatusSeconds>,
    /// Seconds showing chat/available, handling or wrapping up.
    pub staffed_seconds: f64,
    /// `busy_seconds / staffed_seconds`.
    pub occupancy: Option<f64>,
    /// Mean rating of objects the agent handled, rated in the window.
    pub average_rating: Option<f64>,
}

/// One queue's statistics over one interval of an interval report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IntervalQueueStats {
    /// Start of the interval (inclusive).
    pub interval_start: DateTime<Utc>,
    /// End of the interval (exclusive).
    pub interval_end: DateTime<Utc>,
    /// The queue's statistics over it.
    #[serde(flatten)]
    pub stats: QueueStats,
}

impl Engine {
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
        let w = self.stats_window(actor, q)?;
        Ok(w.queue_stats(q.from, q.to, q.service_level_seconds))
    }

    /// Statistics of every agent of the company over the window (supervisor and up).
    pub fn agent_stats(&mut self, actor: &Actor, q: &StatsQuery) -> Result<Vec<AgentStats>> {
        let w = self.stats_window(actor, q)?;
        Ok(w.agent_stats(q.from, q.to))
    }

    /// The interval report contact centres plan by: every queue's statistics for each
    /// `interval_minutes` (1–1440; 15, 30 and 60 are usual) from `q.from` up to `q.to`,
    /// interval by interval, queue by queue (supervisor and up). Align `from` to the
    /// intervals you want (e.g. 09:00 local).
    ///
    /// ```
    /// # use queue_core::*;
    /// # let (mut engine, acme, _) = queue_core::doc_support::company_with_agent();
    /// # let q = engine.create_queue(&Actor::System, NewQueue::named(acme, "support")).unwrap();
    /// let from = engine.now();
    /// let query = StatsQuery { company_id: acme, from, to: from + chrono::Duration::hours(2), service_level_seconds: 20 };
    /// let rows = engine.queue_stats_by_interval(&Actor::System, &query, 30).unwrap();
    /// assert_eq!(rows.len(), 4); // one queue, four half hours
    /// assert_eq!(rows[1].interval_start, from + chrono::Duration::minutes(30));
    /// ```
    pub fn queue_stats_by_interval(
        &mut self,
        actor: &Actor,
        q: &StatsQuery,
        interval_minutes: u32,
    ) -> Result<Vec<IntervalQueueStats>> {
        crate::validate::range(
            "interval_minutes",
            interval_minutes,
            1,
            MAX_INTERVAL_MINUTES,
        )?;
        let step = chrono::Duration::minutes(i64::from(interval_minutes));
        if (q.to - q.from).num_minutes() / i64::from(interval_minutes) > MAX_INTERVALS {
            return Err(Error::invalid(
                "interval_minutes",
                "gives more than 10 000 intervals for the window: choose a longer one",
            ));
        }
        let w = self.stats_window(actor, q)?;
        let mut out = Vec::new();
        let mut start = q.from;
        while start < q.to {
            let end = crate::clock::plus(start, step).min(q.to);
            for stats in w.queue_stats(start, end, q.service_level_seconds) {
                out.push(IntervalQueueStats {
                    interval_start: start,
                    interval_end: end,
                    stats,
                });
            }
            if end <= start {
                break;
            }
            start = end;
        }
        Ok(out)
    }

    /// Everything the statistics of `q`'s window read, after checking the query and access.
    fn stats_window(&mut self, actor: &Actor, q: &StatsQuery) -> Result<Window> {
        crate::clock::check("from", q.from)?;
        crate::clock::check("to", q.to)?;
        if q.to <= q.from {
            return Err(Error::invalid("to", "must be after from"));
        }
        self.read_history(|s, store| Window::read(s, store, actor, q))
    }
}

#[cfg(test)]
mod tests {
    use super::window::percentile;

    #[test]
    fn nearest_rank_percentile() {
        let v: Vec<f64> = (1..=10).map(f64::from).collect();
        assert_eq!(percentile(&v, 0.9), Some(9.0));
        assert_eq!(percentile(&[5.0], 0.9), Some(5.0));
        assert_eq!(percentile(&[], 0.9), None);
    }
}
