//! Facts: what statistics read of an event — its time, its kind and the few fields a report
//! tallies. A store may keep them beside each event ([`crate::Store::facts`]) so that a
//! report decodes a handful of columns per event instead of the whole event.

use crate::ids::{CompanyUserId, QueueId};
use crate::model::event::{Event, EventKind};
use chrono::{DateTime, Utc};

/// The kinds of events statistics count, with a stable code for stores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FactKind {
    /// An object started a stay: offered to the queue.
    Enqueued,
    /// A stay was offered to an agent.
    Offered,
    /// An agent rejected an offer.
    OfferRejected,
    /// An offer lapsed.
    OfferTimedOut,
    /// A stay was assigned: answered, after its wait.
    Assigned,
    /// Handling ended.
    Completed,
    /// The customer left before being served.
    Abandoned,
    /// A handled object was rated.
    Rated,
    /// A stay left its queue after `max_wait_seconds` (overflowed or timed out).
    WaitLimitReached,
}

impl FactKind {
    const ALL: [FactKind; 9] = [
        FactKind::Enqueued,
        FactKind::Offered,
        FactKind::OfferRejected,
        FactKind::OfferTimedOut,
        FactKind::Assigned,
        FactKind::Completed,
        FactKind::Abandoned,
        FactKind::Rated,
        FactKind::WaitLimitReached,
    ];

    /// The code a store keeps: 1–9, never reused.
    pub fn code(self) -> i64 {
        match self {
            FactKind::Enqueued => 1,
            FactKind::Offered => 2,
            FactKind::OfferRejected => 3,
            FactKind::OfferTimedOut => 4,
            FactKind::Assigned => 5,
            FactKind::Completed => 6,
            FactKind::Abandoned => 7,
            FactKind::Rated => 8,
            FactKind::WaitLimitReached => 9,
        }
    }

    /// The kind of a stored code.
    pub fn from_code(code: i64) -> Option<FactKind> {
        FactKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// What statistics read of one event.
///
/// ```
/// use queue_core::{Actor, Event, EventKind, Fact, FactKind, QueueId, StayId, ObjectId};
/// let at = chrono::Utc::now();
/// let queue_id = QueueId(uuid::Uuid::nil());
/// let e = Event { seq: 1, at, actor: Actor::System, company_id: None,
///     kind: EventKind::Enqueued { stay_id: StayId(uuid::Uuid::nil()), object_id: ObjectId(uuid::Uuid::nil()),
///                                 queue_id, wait_since: at, priority: 0 } };
/// assert_eq!(Fact::of(&e).unwrap().kind, FactKind::Enqueued);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fact {
    /// When it happened.
    pub at: DateTime<Utc>,
    /// What happened.
    pub kind: FactKind,
    /// The queue.
    pub queue_id: Option<QueueId>,
    /// The agent, where one is concerned.
    pub company_user_id: Option<CompanyUserId>,
    /// `Assigned`: the start of the wait; `Completed`: when handling started.
    pub since: Option<DateTime<Utc>>,
    /// `Rated`: the score.
    pub score: Option<u8>,
}

impl Fact {
    /// The fact of `e`, if statistics count its kind.
    pub fn of(e: &Event) -> Option<Fact> {
        let fact = |kind, queue: QueueId, agent: Option<CompanyUserId>| Fact {
            at: e.at,
            kind,
            queue_id: Some(queue),
            company_user_id: agent,
            since: None,
            score: None,
        };
        Some(match &e.kind {
            EventKind::Enqueued { queue_id, .. } => fact(FactKind::Enqueued, *queue_id, None),
            EventKind::Offered {
                queue_id,
                company_user_id,
                ..
            } => fact(FactKind::Offered, *queue_id, Some(*company_user_id)),
            EventKind::OfferRejected {
                queue_id,
                company_user_id,
                ..
            } => fact(FactKind::OfferRejected, *queue_id, Some(*company_user_id)),
            EventKind::OfferTimedOut {
                queue_id,
                company_user_id,
                ..
            } => fact(FactKind::OfferTimedOut, *queue_id, Some(*company_user_id)),
            EventKind::Assigned {
                queue_id,
                company_user_id,
                wait_since,
                ..
            } => Fact {
                since: Some(*wait_since),
                ..fact(FactKind::Assigned, *queue_id, Some(*company_user_id))
            },
            EventKind::Completed {
                queue_id,
                company_user_id,
                assigned_at,
                ..
            } => Fact {
                since: Some(*assigned_at),
                ..fact(FactKind::Completed, *queue_id, Some(*company_user_id))
            },
            EventKind::Abandoned { queue_id, .. } => fact(FactKind::Abandoned, *queue_id, None),
            EventKind::WaitLimitReached { queue_id, .. } => {
                fact(FactKind::WaitLimitReached, *queue_id, None)
            }
            EventKind::Rated {
                queue_id,
                company_user_id,
                score,
                ..
            } => Fact {
                score: Some(*score),
                ..fact(FactKind::Rated, *queue_id, *company_user_id)
            },
            _ => return None,
        })
    }
}
