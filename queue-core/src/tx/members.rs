//! Company users (members): writes spanning several records, for the commands.

use crate::error::ConflictReason;
use crate::ids::{CompanyId, CompanyUserId, UserId};
use crate::model::auth::Role;
use crate::model::company_user::*;
use crate::model::event::Op;
use crate::model::presence::Presence;
use crate::model::record::Kind;
use crate::model::settings::AgentSettings;
use crate::tx::Tx;
use crate::{Error, Result};

impl Tx<'_> {
    /// Creates a membership with its presence and settings rows.
    pub(crate) fn add_member(
        &mut self,
        company: CompanyId,
        user: Option<UserId>,
        invited_email: Option<String>,
        role: Role,
    ) -> Result<CompanyUser> {
        let mut new = NewCompanyUser::agent(company, UserId(uuid::Uuid::nil()));
        new.user_id = user;
        new.invited_email = invited_email;
        new.role = role;
        self.insert_company_user(new)
    }

    pub(crate) fn insert_company_user(&mut self, new: NewCompanyUser) -> Result<CompanyUser> {
        if let Some(u) = new.user_id {
            if !self.state.users.contains_key(&u) {
                return Err(Error::invalid("user_id", "must be an existing user"));
            }
            let already = self
                .state
                .idx
                .memberships_by_user
                .get(&u)
                .into_iter()
                .flatten()
                .any(|m| {
                    self.state
                        .company_users
                        .get(m)
                        .is_some_and(|cu| cu.company_id == new.company_id)
                });
            if already {
                return Err(Error::conflict(
                    ConflictReason::AlreadyMember,
                    "the user is already a member of this company",
                ));
            }
        }
        let cu = CompanyUser {
            id: CompanyUserId(self.new_id()),
            company_id: new.company_id,
            user_id: new.user_id,
            invited_email: new.invited_email,
            role: new.role,
            is_active: new.is_active,
            max_number_of_objects_handled: new.max_number_of_objects_handled,
            is_auto_max_number_handled: new.is_auto_max_number_handled,
            ability_to_pick_from_queue: new.ability_to_pick_from_queue,
            is_auto_ability_to_pick_from_queue: new.is_auto_ability_to_pick_from_queue,
            created_at: self.now,
        };
        self.put(cu.clone());
        self.put(Presence::initial(cu.id, self.now));
        self.put(AgentSettings::initial(cu.id));
        self.log(Op::Created, Kind::CompanyUser, cu.id.0, Some(cu.company_id));
        Ok(cu)
    }
}
