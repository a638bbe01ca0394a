//! Domain events: every state change appends one (who, what, when) — the source of statistics.

use crate::ids::{CompanyId, CompanyUserId, ObjectId, PresenceStatusId, QueueId, StayId};
use crate::model::auth::Actor;
use crate::model::presence::{Connection, PresenceReason, Show};
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
        /// Why the engine changed it (`missed_offers`); absent when someone set it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<PresenceReason>,
        /// The company-defined status the agent is now in; absent when none.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        status_id: Option<PresenceStatusId>,
    },
    /// An agent started (or prolonged) a wrap-up after completing an object.
    WrapUpStarted {
        /// The agent.
        company_user_id: CompanyUserId,
        /// The queue of the completed object.
        queue_id: QueueId,
        /// When the wrap-up ends.
        #[serde(serialize_with = "crate::instant::serialize")]
        until: DateTime<Utc>,
    },
    /// An agent's wrap-up ended: at its time, or early by `end_wrap_up`.
    WrapUpEnded {
        /// The agent.
        company_user_id: CompanyUserId,
        /// The queue it was for.
        queue_id: Option<QueueId>,
        /// True when ended before its time.
        early: bool,
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
        /// When the offer lapses; `None` for a `ring_all` offer without an `offer_timeout`.
        #[serde(serialize_with = "crate::instant::option")]
        expires_at: Option<DateTime<Utc>>,
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
    /// A `ring_all` offer stopped ringing for an agent who did not answer it: another agent
    /// accepted it, or the object left (picked, abandoned, transferred, assigned elsewhere).
    /// Not a miss: the agent is not excluded and their missed-offer count stays.
    OfferWithdrawn {
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
    /// A stay waited its queue's `max_wait_seconds`: it moved to the overflow queue
    /// (`to_stay_id`), or, with none that would take it, ended as `timed_out`.
    WaitLimitReached {
        /// The stay.
        stay_id: StayId,
        /// The object.
        object_id: ObjectId,
        /// The queue it left.
        queue_id: QueueId,
        /// Start of the wait (kept in the overflow queue).
        #[serde(serialize_with = "crate::instant::serialize")]
        wait_since: DateTime<Utc>,
        /// The overflow queue it moved to, if it did.
        to_queue_id: Option<QueueId>,
        /// Its stay there.
        to_stay_id: Option<StayId>,
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

impl EventKind {
    /// The agent (membership) the event is about, if one: the agent offered, assigned,
    /// completing, whose presence or wrap-up changed, who had a transferred stay or handled a
    /// rated object. What an agent's own watch delivers ([`crate::WatchQuery::company_user_id`]).
    pub fn company_user_id(&self) -> Option<CompanyUserId> {
        match self {
            EventKind::PresenceChanged {
                company_user_id, ..
            }
            | EventKind::WrapUpStarted {
                company_user_id, ..
            }
            | EventKind::WrapUpEnded {
                company_user_id, ..
            }
            | EventKind::Offered {
                company_user_id, ..
            }
            | EventKind::OfferRejected {
                company_user_id, ..
            }
            | EventKind::OfferTimedOut {
                company_user_id, ..
            }
            | EventKind::OfferWithdrawn {
                company_user_id, ..
            }
            | EventKind::Assigned {
                company_user_id, ..
            }
            | EventKind::Completed {
                company_user_id, ..
            } => Some(*company_user_id),
            EventKind::Transferred {
                company_user_id, ..
            }
            | EventKind::Rated {
                company_user_id, ..
            } => *company_user_id,
            EventKind::Record { .. }
            | EventKind::Enqueued { .. }
            | EventKind::Abandoned { .. }
            | EventKind::Expired { .. }
            | EventKind::WaitLimitReached { .. } => None,
        }
    }
}
