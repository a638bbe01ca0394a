//! Domain events: every state change appends one (who, what, when) — the source of statistics.

use crate::ids::{CompanyId, CompanyUserId, ObjectId, QueueId, StayId};
use crate::model::auth::Actor;
use crate::model::presence::{Connection, Show};
use crate::model::record::Kind;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// What happened to a configuration record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// It was created.
    Created,
    /// It was changed.
    Updated,
    /// It was deleted.
    Deleted,
}

/// One appended event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Position in the log, assigned by the store (0 until stored).
    pub seq: u64,
    /// When it happened (engine time).
    #[serde(serialize_with = "crate::instant::serialize")]
    pub at: DateTime<Utc>,
    /// Who did it; routing decisions are made by [`Actor::System`].
    pub actor: Actor,
    /// The company it belongs to, if any.
    pub company_id: Option<CompanyId>,
    /// What happened.
    #[serde(flatten)]
    pub kind: EventKind,
}

/// The kinds of events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum EventKind {
    /// A configuration record was created, updated or deleted.
    Record {
        /// What happened to it.
        op: Op,
        /// Its kind.
        entity: Kind,
        /// Its id.
        id: Uuid,
    },
    /// An agent's presence changed.
    PresenceChanged {
        /// The agent.
        company_user_id: CompanyUserId,
        /// New show.
        show: Show,
        /// New connection status.
        connection: Connection,
    },
    /// An object started a stay in a queue.
    Enqueued {
        /// The stay.
        stay_id: StayId,
        /// The object.
        object_id: ObjectId,
        /// The queue.
        queue_id: QueueId,
        /// Start of the wait used for ordering (kept across transfers).
        #[serde(serialize_with = "crate::instant::serialize")]
        wait_since: DateTime<Utc>,
        /// The object's priority.
        priority: i32,
    },
    /// Routing offered a stay to an agent.
    Offered {
        /// The stay.
        stay_id: StayId,
        /// The queue.
        queue_id: QueueId,
        /// The agent.
        company_user_id: CompanyUserId,
        /// When the offer lapses.
        #[serde(serialize_with = "crate::instant::serialize")]
        expires_at: DateTime<Utc>,
    },
    /// An agent rejected an offer; the stay waits again, without them.
    OfferRejected {
        /// The stay.
        stay_id: StayId,
        /// The queue.
        queue_id: QueueId,
        /// The agent.
        company_user_id: CompanyUserId,
    },
    /// An offer lapsed unanswered; the stay waits again, without that agent.
    OfferTimedOut {
        /// The stay.
        stay_id: StayId,
        /// The queue.
        queue_id: QueueId,
        /// The agent.
        company_user_id: CompanyUserId,
    },
    /// A stay was assigned to an agent (by routing, acceptance, or pick).
    Assigned {
        /// The stay.
        stay_id: StayId,
        /// The object.
        object_id: ObjectId,
        /// The queue.
        queue_id: QueueId,
        /// The agent.
        company_user_id: CompanyUserId,
        /// Start of the wait.
        #[serde(serialize_with = "crate::instant::serialize")]
        wait_since: DateTime<Utc>,
        /// True when the agent picked it from the queue.
        picked: bool,
    },
    /// Handling finished; the agent's capacity is free again.
    Completed {
        /// The stay.
        stay_id: StayId,
        /// The object.
        object_id: ObjectId,
        /// The queue.
        queue_id: QueueId,
        /// The agent.
        company_user_id: CompanyUserId,
        /// When handling started.
        #[serde(serialize_with = "crate::instant::serialize")]
        assigned_at: DateTime<Utc>,
    },
    /// The customer left before being served.
    Abandoned {
        /// The stay.
        stay_id: StayId,
        /// The object.
        object_id: ObjectId,
        /// The queue.
        queue_id: QueueId,
        /// Start of the wait.
        #[serde(serialize_with = "crate::instant::serialize")]
        wait_since: DateTime<Utc>,
    },
    /// A stay moved to another queue.
    Transferred {
        /// The ended stay.
        stay_id: StayId,
        /// The new stay.
        to_stay_id: StayId,
        /// The queue left.
        queue_id: QueueId,
        /// The queue entered.
        to_queue_id: QueueId,
        /// The agent who had it, if it was assigned.
        company_user_id: Option<CompanyUserId>,
    },
    /// A stay ended because the same object was assigned in another queue.
    Expired {
        /// The stay.
        stay_id: StayId,
        /// The object.
        object_id: ObjectId,
        /// The queue.
        queue_id: QueueId,
    },
    /// A handled object was rated.
    Rated {
        /// The object.
        object_id: ObjectId,
        /// The stay it was handled in.
        stay_id: StayId,
        /// The queue.
        queue_id: QueueId,
        /// The agent who handled it.
        company_user_id: Option<CompanyUserId>,
        /// Score 1–5.
        score: u8,
    },
}
