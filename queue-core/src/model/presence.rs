//! Presence (company user state): what an agent shows, their connection, and supervisor locks.

use crate::ids::{CompanyUserId, PresenceStatusId, QueueId};
use crate::model::auth::Actor;
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Availability shown to others, as in XMPP and the seeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Show {
    /// Eager to chat.
    Chat,
    /// Available.
    Available,
    /// Do not disturb.
    Dnd,
    /// Away for a moment.
    Away,
    /// Extended away.
    Xa,
    /// Offline or unavailable.
    Unavailable,
}

impl Show {
    /// Every value, most available first (the order `queueShow` is computed by).
    pub const BY_AVAILABILITY: [Show; 6] = [
        Show::Chat,
        Show::Available,
        Show::Away,
        Show::Xa,
        Show::Dnd,
        Show::Unavailable,
    ];

    /// True for the values routing offers work to: `chat` and `available`.
    pub fn is_ready(self) -> bool {
        matches!(self, Show::Chat | Show::Available)
    }

    /// Position in [`Show::BY_AVAILABILITY`]; lower is more available.
    pub fn rank(self) -> usize {
        Show::BY_AVAILABILITY
            .iter()
            .position(|s| *s == self)
            .unwrap_or(Show::BY_AVAILABILITY.len())
    }

    /// The API name (`chat`, `available`, `dnd`, `away`, `xa`, `unavailable`).
    pub fn as_str(self) -> &'static str {
        match self {
            Show::Chat => "chat",
            Show::Available => "available",
            Show::Dnd => "dnd",
            Show::Away => "away",
            Show::Xa => "xa",
            Show::Unavailable => "unavailable",
        }
    }
}

impl fmt::Display for Show {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Show {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Show::BY_AVAILABILITY
            .into_iter()
            .find(|v| v.as_str() == s)
            .ok_or_else(|| {
                Error::invalid(
                    "show",
                    "must be one of chat, available, dnd, away, xa, unavailable",
                )
            })
    }
}

/// Whether the agent's client is connected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Connection {
    /// Connected.
    Online,
    /// Not connected.
    Offline,
}

/// Why the engine, not the agent, set what an agent shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PresenceReason {
    /// `max_missed_offers` offers in a row lapsed unanswered: the agent was set `away`.
    MissedOffers,
}

/// A supervisor's lock on an agent's `show`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PresenceLock {
    /// Who locked it.
    pub locked_by: Actor,
    /// When.
    #[serde(serialize_with = "crate::instant::serialize")]
    pub locked_at: DateTime<Utc>,
}

/// An agent's presence (the seeds' CompanyUserState).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Presence {
    /// The agent.
    pub company_user_id: CompanyUserId,
    /// What the agent shows; only `chat` and `available` receive work.
    pub show: Show,
    /// Connection status.
    pub connection: Connection,
    /// Last time the agent's client reported in.
    #[serde(serialize_with = "crate::instant::option")]
    pub last_seen: Option<DateTime<Utc>>,
    /// Channels the agent works on right now (`email`, `facebook_messenger`, …).
    pub active_channels: Vec<String>,
    /// Set while a supervisor holds the status; the agent cannot change `show` then.
    pub lock: Option<PresenceLock>,
    /// When `show` last changed.
    #[serde(serialize_with = "crate::instant::serialize")]
    pub changed_at: DateTime<Utc>,
    /// When the agent's last assignment ended (or the membership began): the `longest_idle` key.
    #[serde(serialize_with = "crate::instant::serialize")]
    pub idle_since: DateTime<Utc>,
    /// Since when the agent has shown `chat` or `available` without a break; `None` while
    /// they show anything else. Statistics count staffed time from it.
    #[serde(default)]
    #[serde(serialize_with = "crate::instant::option")]
    pub ready_since: Option<DateTime<Utc>>,
    /// While the agent is wrapping up after a completion (a queue's `wrap_up_seconds`):
    /// when the wrap-up ends. They get no new object from any queue until then.
    #[serde(default)]
    #[serde(serialize_with = "crate::instant::option")]
    pub wrap_up_until: Option<DateTime<Utc>>,
    /// When the current wrap-up began.
    #[serde(default)]
    #[serde(serialize_with = "crate::instant::option")]
    pub wrap_up_since: Option<DateTime<Utc>>,
    /// The queue whose completion started (or last prolonged) the current wrap-up.
    #[serde(default)]
    pub wrap_up_queue_id: Option<QueueId>,
    /// Offers that lapsed unanswered in a row since the agent last accepted or picked one,
    /// or came back to chat or available.
    #[serde(default)]
    pub missed_offers: u32,
    /// Why the engine set `show`, when it did (`missed_offers`); cleared when `show` changes.
    #[serde(default)]
    pub reason: Option<PresenceReason>,
    /// The company-defined status the agent is in ("Lunch"), whose show they show; cleared
    /// when the show is set without one (or changes by itself, as on missed offers).
    #[serde(default)]
    pub status_id: Option<PresenceStatusId>,
    /// Since when the agent has been in `status_id`: statistics count time per status from it.
    #[serde(default)]
    #[serde(serialize_with = "crate::instant::option")]
    pub status_since: Option<DateTime<Utc>>,
}

impl Presence {
    pub(crate) fn initial(id: CompanyUserId, now: DateTime<Utc>) -> Self {
        Presence {
            company_user_id: id,
            show: Show::Unavailable,
            connection: Connection::Offline,
            last_seen: None,
            active_channels: Vec::new(),
            lock: None,
            changed_at: now,
            idle_since: now,
            ready_since: None,
            wrap_up_until: None,
            wrap_up_since: None,
            wrap_up_queue_id: None,
            missed_offers: 0,
            reason: None,
            status_id: None,
            status_since: None,
        }
    }
}

/// A presence report from an agent's client; absent fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PresenceUpdate {
    /// New show; refused while a lock is held. Set without `status_id`, it leaves the
    /// agent's status.
    #[serde(default)]
    pub show: Option<Show>,
    /// A presence status of the agent's company: the agent shows its `show` (a `show` given
    /// beside it must be the same). Refused while a lock is held.
    #[serde(default)]
    pub status_id: Option<PresenceStatusId>,
    /// New connection status.
    #[serde(default)]
    pub connection: Option<Connection>,
    /// New active channels.
    #[serde(default)]
    pub active_channels: Option<Vec<String>>,
}
