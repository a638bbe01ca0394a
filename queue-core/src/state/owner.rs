//! Whose a record is: one company's, or everyone's. The engine checks with it that a command
//! run in one company's scope wrote nothing outside it.

use super::State;
use crate::ids::CompanyId;
use crate::model::record::Record;

/// Whose a record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Owner {
    /// Not any company's: users, tokens.
    Global,
    /// One company's.
    Company(CompanyId),
    /// Cannot be told from the working set (a note of a stay that is history).
    Unknown,
}

impl State {
    /// Whose `r` is, looking up its parents in the working set where it does not say.
    pub(crate) fn owner(&self, r: &Record) -> Owner {
        let company = match r {
            Record::User(_) | Record::AccessToken(_) | Record::TokenHash(_) => {
                return Owner::Global
            }
            Record::Company(c) => Some(c.id),
            Record::CompanyUser(cu) => Some(cu.company_id),
            Record::Queue(q) => Some(q.company_id),
            Record::HoursOfOperation(h) => Some(h.company_id),
            Record::BlacklistHours(b) => Some(b.company_id),
            Record::QueueableObject(o) => Some(o.company_id),
            Record::Stay(s) => Some(s.company_id),
            Record::Interval(i) => Some(i.company_id),
            Record::Skill(s) => Some(s.company_id),
            Record::Team(t) => Some(t.company_id),
            Record::PresenceStatus(s) => Some(s.company_id),
            Record::Presence(p) => self.member_company(p.company_user_id),
            Record::CompanyUserSkill(s) => self.member_company(s.company_user_id),
            Record::AgentSettings(s) => self.member_company(s.company_user_id),
            Record::QueueSkill(s) => self.queues.get(&s.queue_id).map(|q| q.company_id),
            Record::QueuePassword(p) => self.queues.get(&p.queue_id).map(|q| q.company_id),
            Record::Operator(o) => self.queues.get(&o.queue_id).map(|q| q.company_id),
            Record::Note(n) => self
                .stays
                .get(&n.stay_id)
                .map(|s| s.company_id)
                .or_else(|| self.objects.get(&n.object_id).map(|o| o.company_id)),
            Record::Rating(r) => self
                .stays
                .get(&r.stay_id)
                .map(|s| s.company_id)
                .or_else(|| self.objects.get(&r.object_id).map(|o| o.company_id)),
        };
        company.map_or(Owner::Unknown, Owner::Company)
    }

    fn member_company(&self, id: crate::ids::CompanyUserId) -> Option<CompanyId> {
        self.company_users.get(&id).map(|cu| cu.company_id)
    }
}
