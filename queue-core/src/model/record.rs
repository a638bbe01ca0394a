//! `Record`: every stored entity as one enum, so stores can stay generic over kinds.

use crate::{Error, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use uuid::Uuid;

use crate::model::company::Company;
use crate::model::company_user::CompanyUser;
use crate::model::hours::{BlacklistHours, HoursOfOperation};
use crate::model::interval::Interval;
use crate::model::note::{Note, Rating};
use crate::model::object::QueueableObject;
use crate::model::operator::Operator;
use crate::model::presence::Presence;
use crate::model::presence_status::PresenceStatus;
use crate::model::queue::{Queue, QueuePassword};
use crate::model::settings::AgentSettings;
use crate::model::skill::{CompanyUserSkill, QueueSkill, Skill};
use crate::model::stay::Stay;
use crate::model::team::Team;
use crate::model::token::{AccessToken, TokenHash};
use crate::model::user::User;

macro_rules! records {
    ($($variant:ident, $key:ident, $name:literal;)*) => {
        /// One stored entity of any kind.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(tag = "kind", content = "record", rename_all = "snake_case")]
        #[allow(clippy::large_enum_variant)]
        pub enum Record {
            $(
                #[doc = concat!("A `", $name, "` record.")]
                $variant($variant),
            )*
        }

        /// The kinds of stored entities; a durable store keeps one table per kind.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Kind {
            $(
                #[doc = concat!("`", $name, "` records.")]
                $variant,
            )*
        }

        impl Kind {
            /// Every kind, in a fixed order.
            pub const ALL: &'static [Kind] = &[$(Kind::$variant),*];

            /// The kind's name, usable as a table name: `user`, `queue`, `stay`, …
            pub fn name(self) -> &'static str {
                match self { $(Kind::$variant => $name),* }
            }

            /// The kind called `name`, if any.
            pub fn from_name(name: &str) -> Option<Kind> {
                match name { $($name => Some(Kind::$variant),)* _ => None }
            }
        }

        impl Record {
            /// The record's kind.
            pub fn kind(&self) -> Kind {
                match self { $(Record::$variant(_) => Kind::$variant),* }
            }

            /// The record's id within its kind.
            pub fn id(&self) -> Uuid {
                match self { $(Record::$variant(r) => r.$key.0),* }
            }

            /// The record's body as JSON, the form durable stores keep.
            pub fn to_json(&self) -> String {
                // Serialising plain structs of strings, numbers and dates cannot fail.
                match self { $(Record::$variant(r) => serde_json::to_string(r).unwrap_or_default()),* }
            }

            /// Parses a body written by [`Record::to_json`].
            pub fn from_json(kind: Kind, body: &str) -> Result<Record> {
                let bad = |e: serde_json::Error| Error::storage(format!("corrupt {} record: {e}", kind.name()));
                Ok(match kind { $(Kind::$variant => Record::$variant(serde_json::from_str(body).map_err(bad)?)),* })
            }
        }

        $(
            impl From<$variant> for Record {
                fn from(r: $variant) -> Record { Record::$variant(r) }
            }
        )*

    };
}

records! {
    User, id, "user";
    AccessToken, id, "access_token";
    TokenHash, token_id, "token_hash";
    Company, id, "company";
    CompanyUser, id, "company_user";
    Presence, company_user_id, "presence";
    Skill, id, "skill";
    CompanyUserSkill, id, "company_user_skill";
    QueueSkill, id, "queue_skill";
    Queue, id, "queue";
    QueuePassword, queue_id, "queue_password";
    Operator, id, "operator";
    HoursOfOperation, id, "hours_of_operation";
    BlacklistHours, id, "blacklist_hours";
    QueueableObject, id, "queueable_object";
    Stay, id, "stay";
    Note, id, "note";
    Rating, id, "rating";
    Team, id, "team";
    AgentSettings, company_user_id, "agent_settings";
    Interval, id, "interval";
    PresenceStatus, id, "presence_status";
}

/// Where a record belongs: in the engine's working set, or only in the store's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// Configuration and presence: always in the working set.
    Always,
    /// A live (waiting, offered or assigned) stay: in the working set.
    Live,
    /// An object: in the working set while a live stay holds it.
    WhileHeld,
    /// History (an ended stay, a note, a rating): only in the store.
    History,
}

/// What a store keeps of a record beside its body, so it can load the working set and
/// answer history reads from indexes without reading bodies: computed by the model, so a
/// store never interprets a record itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    /// Working set or history.
    pub keep: Keep,
    /// The record it hangs off: a stay's and a rating's object, a note's stay.
    pub parent: Option<Uuid>,
    /// The company, for records a company deletion must find in the history.
    pub company: Option<Uuid>,
    /// The time retention prunes by and history is read in order of: a stay's end, a note's,
    /// rating's or object's creation, a time piece's start.
    pub since: Option<DateTime<Utc>>,
}

impl Record {
    /// Where the record belongs and what it hangs off.
    ///
    /// ```
    /// use queue_core::record::Keep;
    /// use queue_core::*;
    /// let (mut engine, acme, _) = queue_core::doc_support::company_with_agent();
    /// let q = engine.create_queue(&Actor::System, NewQueue::named(acme, "support")).unwrap();
    /// let stay = engine.enqueue_new(&Actor::System, NewObject::chat(acme, "Visitor"), q.id, None).unwrap();
    /// assert_eq!(Record::Stay(stay.clone()).placement().keep, Keep::Live);
    /// assert_eq!(Record::Stay(stay.clone()).placement().parent, Some(stay.object_id.0));
    /// ```
    pub fn placement(&self) -> Placement {
        let always = Placement {
            keep: Keep::Always,
            parent: None,
            company: None,
            since: None,
        };
        match self {
            Record::Stay(s) => Placement {
                keep: if s.state.is_live() {
                    Keep::Live
                } else {
                    Keep::History
                },
                parent: Some(s.object_id.0),
                company: Some(s.company_id.0),
                since: s.ended_at,
            },
            Record::QueueableObject(o) => Placement {
                keep: Keep::WhileHeld,
                company: Some(o.company_id.0),
                since: Some(o.created_at),
                ..always
            },
            Record::Note(n) => Placement {
                keep: Keep::History,
                parent: Some(n.stay_id.0),
                since: Some(n.created_at),
                ..always
            },
            Record::Rating(r) => Placement {
                keep: Keep::History,
                parent: Some(r.object_id.0),
                since: Some(r.created_at),
                ..always
            },
            Record::Interval(i) => Placement {
                keep: Keep::History,
                company: Some(i.company_id.0),
                since: Some(i.start),
                ..always
            },
            _ => always,
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
