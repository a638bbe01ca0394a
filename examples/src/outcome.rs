//! What a simulated day produced: core's statistics per queue and agent group, the
//! simulation's own count to cross-check them, and minute-by-minute samples for the chart.

use chrono::{DateTime, Utc};
use queue_core::{AgentStats, PresenceStatusId, QueueStats};

/// The simulation's own count of what happened in a queue, to cross-check core's statistics.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    /// Objects enqueued.
    pub offered: u64,
    /// Arrivals refused because the queue was closed or full (`max_waiting`).
    pub refused: u64,
    /// Objects that left after the queue's `max_wait_seconds` (overflowed or timed out).
    pub wait_limit: u64,
    /// Objects assigned.
    pub answered: u64,
    /// Objects abandoned.
    pub abandoned: u64,
    /// Offers that lapsed.
    pub lapsed: u64,
    /// Wait of each answered object, milliseconds.
    pub waits_ms: Vec<i64>,
    /// Handle time of each completed object, milliseconds.
    pub handles_ms: Vec<i64>,
}

/// The state of the centre at one minute of the day, for the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    /// Minutes since the start of the day.
    pub minute: u32,
    /// Objects waiting or on offer, per queue (scenario order).
    pub waiting: Vec<u32>,
    /// Agents showing available.
    pub available: u32,
    /// Agents handling at least one object.
    pub busy: u32,
}

/// One queue's results.
#[derive(Debug, Clone)]
pub struct QueueResult {
    /// Name from the scenario.
    pub name: String,
    /// Core's statistics for the day.
    pub stats: QueueStats,
    /// The simulation's own count.
    pub tally: Tally,
}

/// One agent group's results, summed over its agents from core's statistics.
#[derive(Debug, Clone)]
pub struct GroupResult {
    /// Name from the scenario.
    pub name: String,
    /// Agents in the group.
    pub agents: u32,
    /// Per-agent statistics.
    pub stats: Vec<AgentStats>,
}

impl GroupResult {
    /// Objects assigned to the group's agents.
    pub fn answered(&self) -> u64 {
        self.stats.iter().map(|s| s.answered).sum()
    }
    /// Offers the group's agents let lapse.
    pub fn timed_out(&self) -> u64 {
        self.stats.iter().map(|s| s.timed_out).sum()
    }
    /// Seconds the group's agents spent in `status`, summed.
    pub fn status_seconds(&self, status: PresenceStatusId) -> f64 {
        self.stats
            .iter()
            .flat_map(|s| &s.status_seconds)
            .filter(|s| s.status_id == status)
            .map(|s| s.seconds)
            .sum()
    }
    /// Busy ÷ staffed time over the group.
    pub fn occupancy(&self) -> Option<f64> {
        let staffed: f64 = self.stats.iter().map(|s| s.staffed_seconds).sum();
        let busy: f64 = self.stats.iter().map(|s| s.busy_seconds).sum();
        (staffed > 0.0).then(|| busy / staffed)
    }
}

/// One day of a run of several: core's statistics of each queue for that day.
#[derive(Debug, Clone)]
pub struct DayResult {
    /// Start and end of the day.
    pub day: (DateTime<Utc>, DateTime<Utc>),
    /// Per queue, in scenario order.
    pub queues: Vec<QueueStats>,
    /// Commands sent to the engine during the day.
    pub commands: u64,
}

/// Everything a run produced.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The seed used.
    pub seed: u64,
    /// Start of the first day and end of the last.
    pub day: (DateTime<Utc>, DateTime<Utc>),
    /// Per queue, in scenario order, over the whole run.
    pub queues: Vec<QueueResult>,
    /// Per agent group, in scenario order.
    pub groups: Vec<GroupResult>,
    /// One sample per minute.
    pub samples: Vec<Sample>,
    /// Per day, in order (one entry for a one-day run).
    pub days: Vec<DayResult>,
    /// The scenario's presence statuses (by name) and their ids, for time per status.
    pub statuses: Vec<(String, PresenceStatusId)>,
    /// Commands sent to the engine (ticks included).
    pub commands: u64,
    /// Of which `tick()` calls.
    pub ticks: u64,
    /// Domain events the day produced.
    pub events: u64,
}
