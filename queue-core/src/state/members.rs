//! Company users (members): lookups and access checks on the working set.

use crate::ids::{CompanyId, CompanyUserId};
use crate::model::auth::{Access, Actor, Role};
use crate::model::company_user::*;
use crate::state::State;
use crate::{Error, Result};

impl State {
    pub(crate) fn company_user(&self, id: CompanyUserId) -> Result<&CompanyUser> {
        self.company_users
            .get(&id)
            .ok_or_else(|| Error::not_found("company_user", id))
    }

    /// The company user and the actor's access to its company; unknown to outsiders.
    pub(crate) fn company_user_access(
        &self,
        actor: &Actor,
        id: CompanyUserId,
    ) -> Result<(&CompanyUser, Access)> {
        self.authenticated(actor)?;
        let cu = self.company_user(id)?;
        let access = self
            .access(actor, cu.company_id)
            .map_err(|_| Error::not_found("company_user", id))?;
        Ok((cu, access))
    }

    /// The capacity routing uses: own, or the company default when on auto.
    pub(crate) fn capacity(&self, cu: &CompanyUser) -> u32 {
        if cu.is_auto_max_number_handled {
            self.companies
                .get(&cu.company_id)
                .map_or(0, |c| c.default_max_number_of_objects_handled)
        } else {
            cu.max_number_of_objects_handled
        }
    }

    /// Whether the agent may pick from queues: own setting, or the company default on auto.
    pub(crate) fn can_pick(&self, cu: &CompanyUser) -> bool {
        if cu.is_auto_ability_to_pick_from_queue {
            self.companies
                .get(&cu.company_id)
                .is_some_and(|c| c.default_ability_to_pick_from_queue)
        } else {
            cu.ability_to_pick_from_queue
        }
    }

    pub(crate) fn owners_of(&self, company: CompanyId) -> usize {
        self.idx
            .members_by_company
            .get(&company)
            .into_iter()
            .flatten()
            .filter(|m| {
                self.company_users
                    .get(m)
                    .is_some_and(|cu| cu.role == Role::Owner && cu.is_active)
            })
            .count()
    }
}
