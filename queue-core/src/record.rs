//! `Record`: every stored entity as one enum, so stores can stay generic over kinds.

use crate::state::State;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::fmt;
use uuid::Uuid;

use crate::company::Company;
use crate::company_user::CompanyUser;
use crate::hours::{BlacklistHours, HoursOfOperation};
use crate::ids::*;
use crate::note::{Note, Rating};
use crate::object::QueueableObject;
use crate::operator::Operator;
use crate::presence::Presence;
use crate::queue::{Queue, QueuePassword};
use crate::settings::AgentSettings;
use crate::skill::{CompanyUserSkill, QueueSkill, Skill};
use crate::stay::Stay;
use crate::team::Team;
use crate::token::{AccessToken, TokenHash};
use crate::user::User;

macro_rules! records {
    ($($variant:ident => $table:ident, $idty:ident, $key:ident, $name:literal;)*) => {
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

        impl State {
            /// Stores `r` in its table, returning what it replaced.
            pub(crate) fn table_put(&mut self, r: Record) -> Option<Record> {
                match r { $(Record::$variant(r) => self.$table.insert(r.$key, r).map(Record::$variant)),* }
            }

            /// Removes the record of `kind` and `id`, returning it.
            pub(crate) fn table_remove(&mut self, kind: Kind, id: Uuid) -> Option<Record> {
                match kind { $(Kind::$variant => self.$table.remove(&$idty(id)).map(Record::$variant)),* }
            }

            /// The current record of `kind` and `id`.
            pub(crate) fn table_get(&self, kind: Kind, id: Uuid) -> Option<Record> {
                match kind { $(Kind::$variant => self.$table.get(&$idty(id)).cloned().map(Record::$variant)),* }
            }

            /// Number of records across all tables.
            pub(crate) fn record_count(&self) -> usize {
                0 $(+ self.$table.len())*
            }
        }
    };
}

records! {
    User => users, UserId, id, "user";
    AccessToken => tokens, TokenId, id, "access_token";
    TokenHash => token_hashes, TokenId, token_id, "token_hash";
    Company => companies, CompanyId, id, "company";
    CompanyUser => company_users, CompanyUserId, id, "company_user";
    Presence => presence, CompanyUserId, company_user_id, "presence";
    Skill => skills, SkillId, id, "skill";
    CompanyUserSkill => agent_skills, CompanyUserSkillId, id, "company_user_skill";
    QueueSkill => queue_skills, QueueSkillId, id, "queue_skill";
    Queue => queues, QueueId, id, "queue";
    QueuePassword => queue_passwords, QueueId, queue_id, "queue_password";
    Operator => operators, OperatorId, id, "operator";
    HoursOfOperation => hours, HoursId, id, "hours_of_operation";
    BlacklistHours => blacklists, BlacklistId, id, "blacklist_hours";
    QueueableObject => objects, ObjectId, id, "queueable_object";
    Stay => stays, StayId, id, "stay";
    Note => notes, NoteId, id, "note";
    Rating => ratings, RatingId, id, "rating";
    Team => teams, TeamId, id, "team";
    AgentSettings => settings, CompanyUserId, company_user_id, "agent_settings";
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
