//! Companies: lookups and access checks on the working set.

use crate::ids::CompanyId;
use crate::model::company::*;
use crate::model::company_user::CompanyUser;
use crate::model::queue::Queue;
use crate::state::State;
use crate::{Error, Result};

impl State {
    pub(crate) fn company(&self, id: CompanyId) -> Result<&Company> {
        self.companies
            .get(&id)
            .ok_or_else(|| Error::not_found("company", id))
    }

    pub(crate) fn company_users_of(&self, c: CompanyId) -> Vec<CompanyUser> {
        let ids = self.idx.members_by_company.get(&c).into_iter().flatten();
        ids.filter_map(|id| self.company_users.get(id).cloned())
            .collect()
    }

    pub(crate) fn company_queues(&self, c: CompanyId) -> Vec<Queue> {
        let ids = self.idx.queues_by_company.get(&c).into_iter().flatten();
        ids.filter_map(|id| self.queues.get(id).cloned()).collect()
    }

    pub(crate) fn company_view(&self, c: &Company, with: &[CompanyWith]) -> CompanyView {
        CompanyView {
            company: c.clone(),
            users: with
                .contains(&CompanyWith::Users)
                .then(|| self.company_users_of(c.id)),
            queues: with
                .contains(&CompanyWith::Queues)
                .then(|| self.company_queues(c.id)),
        }
    }
}
