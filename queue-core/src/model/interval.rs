//! Intervals: closed stretches of an agent's time — handling one stay, wrapping up,
//! showing chat or available, or in a presence status — kept as history for statistics. Each is cut at every quarter hour (UTC), so
//! the statistics of a window read only the pieces that start inside it (or in the quarter
//! hour before), however long the history.

use crate::clock;
use crate::ids::{CompanyId, CompanyUserId, IntervalId, PresenceStatusId, QueueId, StayId};
use chrono::{DateTime, Duration, DurationRound, Utc};
use serde::{Deserialize, Serialize};

/// The length of the pieces intervals are cut into, in seconds.
pub const PIECE_SECONDS: i64 = 900;

/// What an agent was doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Activity {
    /// Handling a stay of a queue (from its assignment to its completion or transfer).
    Handling {
        /// The queue.
        queue_id: QueueId,
        /// The stay.
        stay_id: StayId,
    },
    /// Showing `chat` or `available`.
    Ready,
    /// Wrapping up after completing an object of a queue (after-contact work).
    WrapUp {
        /// The queue.
        queue_id: QueueId,
    },
    /// In a company-defined presence status (whatever it shows): time per status.
    Status {
        /// The status.
        status_id: PresenceStatusId,
    },
}

/// One piece of a closed interval of an agent's time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interval {
    /// Identifier.
    pub id: IntervalId,
    /// The company.
    pub company_id: CompanyId,
    /// The agent.
    pub company_user_id: CompanyUserId,
    /// What they were doing.
    pub activity: Activity,
    /// Start (inclusive).
    #[serde(serialize_with = "crate::instant::serialize")]
    pub start: DateTime<Utc>,
    /// End (exclusive); never past the next quarter hour after `start`.
    #[serde(serialize_with = "crate::instant::serialize")]
    pub end: DateTime<Utc>,
}

/// How much of one uninterrupted interval is kept: its last 31 days. An agent ready (or
/// handling one chat) for longer without a break is rare enough — and a clock jumping
/// centuries ahead reachable enough — that writing a piece for every quarter hour of it
/// would cost more than it tells: the statistics of windows before its last 31 days do
/// not count it.
pub const MAX_INTERVAL_DAYS: i64 = 31;

/// What statistics read of a piece: whose time, handling which queue (or ready), when. A
/// store may keep it in columns beside the piece ([`crate::Store::pieces`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    /// The agent.
    pub company_user_id: CompanyUserId,
    /// The queue handled or wrapped up for; `None` for ready time.
    pub queue_id: Option<QueueId>,
    /// True for wrap-up time (which counts as working, like handling).
    pub wrap_up: bool,
    /// The presence status, for time in one (which is neither ready nor working time).
    pub status_id: Option<PresenceStatusId>,
    /// Start (inclusive).
    pub start: DateTime<Utc>,
    /// End (exclusive).
    pub end: DateTime<Utc>,
}

impl Piece {
    /// The piece `i` is.
    pub fn of(i: &Interval) -> Piece {
        Piece {
            company_user_id: i.company_user_id,
            queue_id: match i.activity {
                Activity::Handling { queue_id, .. } | Activity::WrapUp { queue_id } => {
                    Some(queue_id)
                }
                Activity::Ready | Activity::Status { .. } => None,
            },
            wrap_up: matches!(i.activity, Activity::WrapUp { .. }),
            status_id: match i.activity {
                Activity::Status { status_id } => Some(status_id),
                _ => None,
            },
            start: i.start,
            end: i.end,
        }
    }
}

/// The quarter hour (UTC) `t` falls in: where its pieces are looked for.
pub fn piece_start(t: DateTime<Utc>) -> DateTime<Utc> {
    t.duration_trunc(Duration::seconds(PIECE_SECONDS))
        .unwrap_or(t)
}

/// `[start, end)` cut at every quarter hour: the pieces an interval is stored as; of an
/// interval longer than [`MAX_INTERVAL_DAYS`], those of its last days only.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use queue_core::interval::pieces;
/// let at = |h, m| Utc.with_ymd_and_hms(2026, 1, 5, h, m, 0).unwrap();
/// assert_eq!(pieces(at(9, 10), at(9, 40)), vec![(at(9, 10), at(9, 15)), (at(9, 15), at(9, 30)), (at(9, 30), at(9, 40))]);
/// assert!(pieces(at(9, 10), at(9, 10)).is_empty());
/// let a_year = pieces(at(9, 0), at(9, 0) + chrono::Duration::days(365));
/// assert_eq!(a_year.len(), 31 * 96);
/// ```
pub fn pieces(start: DateTime<Utc>, end: DateTime<Utc>) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let mut out = Vec::new();
    let kept = end
        .checked_sub_signed(Duration::days(MAX_INTERVAL_DAYS))
        .unwrap_or(start);
    let mut from = start.max(kept);
    while from < end {
        let next = clock::plus_seconds(piece_start(from), PIECE_SECONDS);
        let to = if next > from { next.min(end) } else { end };
        out.push((from, to));
        from = to;
    }
    out
}
