//! Stays: one object's time in one queue, and its life cycle
//! `waiting → offered → assigned → completed`, plus `abandoned`, `transferred`, `expired`,
//! `timed_out`.

use crate::ids::{CompanyId, CompanyUserId, ObjectId, QueueId, StayId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Where a stay is in its life cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StayState {
    /// Waiting for an agent.
    Waiting,
    /// Offered to an agent, who has until `offer_expires_at` to accept.
    Offered,
    /// Being handled by an agent.
    Assigned,
    /// Handled.
    Completed,
    /// The customer left before being served.
    Abandoned,
    /// Moved to another queue (`transferred_to`).
    Transferred,
    /// Ended because the object was assigned in another queue.
    Expired,
    /// Ended because it waited the queue's `max_wait_seconds` and had no overflow queue
    /// that would take it.
    TimedOut,
}

impl StayState {
    /// Waiting, offered or assigned: the stay still holds the object.
    pub fn is_live(self) -> bool {
        matches!(
            self,
            StayState::Waiting | StayState::Offered | StayState::Assigned
        )
    }
}

/// One object's stay in one queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stay {
    /// Identifier.
    pub id: StayId,
    /// The object.
    pub object_id: ObjectId,
    /// The queue.
    pub queue_id: QueueId,
    /// The company.
    pub company_id: CompanyId,
    /// Life-cycle state.
    pub state: StayState,
    /// Start of the wait that orders and escalates it; a transfer keeps the original.
    #[serde(serialize_with = "crate::instant::serialize")]
    pub wait_since: DateTime<Utc>,
    /// When this stay began.
    #[serde(serialize_with = "crate::instant::serialize")]
    pub enqueued_at: DateTime<Utc>,
    /// The agent it is offered to, while offered (with `ring_all`, the first of `ringing`).
    pub offered_to: Option<CompanyUserId>,
    /// With `ring_all`, while offered: every agent the offer rings, in id order (each holds
    /// it against their capacity). Empty otherwise (and in records written before ring-all).
    #[serde(default)]
    pub ringing: Vec<CompanyUserId>,
    /// When the current offer lapses.
    #[serde(serialize_with = "crate::instant::option")]
    pub offer_expires_at: Option<DateTime<Utc>>,
    /// The agent handling it, once assigned.
    pub assigned_to: Option<CompanyUserId>,
    /// When handling started.
    #[serde(serialize_with = "crate::instant::option")]
    pub assigned_at: Option<DateTime<Utc>>,
    /// True when the agent picked it from the queue rather than being routed it.
    pub picked: bool,
    /// When the stay ended (completed, abandoned, transferred, expired, timed out).
    #[serde(serialize_with = "crate::instant::option")]
    pub ended_at: Option<DateTime<Utc>>,
    /// Agents who rejected or let an offer of this stay lapse; never offered it again.
    pub excluded: Vec<CompanyUserId>,
    /// The stay this one was transferred from.
    pub transferred_from: Option<StayId>,
    /// The stay this one was transferred to.
    pub transferred_to: Option<StayId>,
    /// The agent who alone may get it until `preferred_until` (known-agent routing).
    #[serde(default)]
    pub preferred_agent_id: Option<CompanyUserId>,
    /// When the preference ends and anyone eligible may get it.
    #[serde(default)]
    #[serde(serialize_with = "crate::instant::option")]
    pub preferred_until: Option<DateTime<Utc>>,
}

/// How long a preference lasts when the enqueue names no `preferred_for_seconds`.
pub const DEFAULT_PREFERRED_SECONDS: u32 = 60;

/// An agent an enqueued object is kept for, for a while: for `seconds` only they may get it
/// (if they can serve the queue), then anyone eligible. The preference ends early when they
/// reject the object or let its offer lapse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preferred {
    /// The agent: an operator of the queue, or its owner if personal.
    pub agent: CompanyUserId,
    /// How long, 1 – one week.
    pub seconds: u32,
}

impl Preferred {
    /// A preference for `agent`, for `seconds` or [`DEFAULT_PREFERRED_SECONDS`].
    pub fn new(agent: CompanyUserId, seconds: Option<u32>) -> Preferred {
        Preferred {
            agent,
            seconds: seconds.unwrap_or(DEFAULT_PREFERRED_SECONDS),
        }
    }
}

impl Stay {
    /// The agent the stay is kept for at `now`, if any: named, not yet expired, and not
    /// one who rejected it or let it lapse.
    pub fn reserved_for(&self, now: DateTime<Utc>) -> Option<CompanyUserId> {
        match (self.preferred_agent_id, self.preferred_until) {
            (Some(a), Some(until)) if until > now && !self.excluded.contains(&a) => Some(a),
            _ => None,
        }
    }

    /// The agent the stay counts against (offered to or assigned to), while it does; for a
    /// `ring_all` offer, the first agent it rings ([`Stay::holders`] names them all).
    pub fn holder(&self) -> Option<CompanyUserId> {
        match self.state {
            StayState::Offered => self.offered_to,
            StayState::Assigned => self.assigned_to,
            _ => None,
        }
    }

    /// Every agent the stay counts against: the one it is offered or assigned to, or every
    /// agent a `ring_all` offer rings.
    pub fn holders(&self) -> impl Iterator<Item = CompanyUserId> + '_ {
        let ring = (self.state == StayState::Offered && !self.ringing.is_empty())
            .then_some(self.ringing.iter().copied());
        let single = ring.is_none().then(|| self.holder()).flatten();
        ring.into_iter().flatten().chain(single)
    }

    /// Forgets the current offer (its agent, ring and deadline).
    pub(crate) fn clear_offer(&mut self) {
        self.offered_to = None;
        self.ringing.clear();
        self.offer_expires_at = None;
    }

    /// Whether `agent` may answer the stay's current offer.
    pub fn offered_to_agent(&self, agent: CompanyUserId) -> bool {
        self.state == StayState::Offered && self.holders().any(|a| a == agent)
    }
}
