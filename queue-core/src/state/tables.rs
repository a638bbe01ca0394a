//! The tables of the working set by record kind: put, get and remove any record.

use crate::ids::*;
use crate::model::record::{Kind, Record};
use crate::state::State;
use uuid::Uuid;

/// `State`'s table for each record kind, with the type of its key.
macro_rules! tables {
    ($($variant:ident => $table:ident, $idty:ident, $key:ident;)*) => {
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

tables! {
    User => users, UserId, id;
    AccessToken => tokens, TokenId, id;
    TokenHash => token_hashes, TokenId, token_id;
    Company => companies, CompanyId, id;
    CompanyUser => company_users, CompanyUserId, id;
    Presence => presence, CompanyUserId, company_user_id;
    Skill => skills, SkillId, id;
    CompanyUserSkill => agent_skills, CompanyUserSkillId, id;
    QueueSkill => queue_skills, QueueSkillId, id;
    Queue => queues, QueueId, id;
    QueuePassword => queue_passwords, QueueId, queue_id;
    Operator => operators, OperatorId, id;
    HoursOfOperation => hours, HoursId, id;
    BlacklistHours => blacklists, BlacklistId, id;
    QueueableObject => objects, ObjectId, id;
    Stay => stays, StayId, id;
    Note => notes, NoteId, id;
    Rating => ratings, RatingId, id;
    Team => teams, TeamId, id;
    AgentSettings => settings, CompanyUserId, company_user_id;
    Interval => intervals, IntervalId, id;
    PresenceStatus => presence_statuses, PresenceStatusId, id;
}
