//! Company users (members): the public commands.

use crate::engine::Engine;
use crate::error::ConflictReason;
use crate::ids::{CompanyId, CompanyUserId};
use crate::model::auth::{Actor, Role};
use crate::model::company::MAX_CAPACITY;
use crate::model::company_user::*;
use crate::model::event::Op;
use crate::model::record::Kind;
use crate::validate;
use crate::{Error, Result};

impl Engine {
    /// Adds a member to a company or invites one by e-mail (admin or owner; only owners add owners).
    ///
    /// ```
    /// # use queue_core::*;
    /// # let mut engine = Engine::in_memory_default();
    /// # let acme = engine.create_company(&Actor::System, NewCompany { name: "Acme".into(), ..Default::default() }).unwrap();
    /// let invite = engine.create_company_user(&Actor::System, NewCompanyUser {
    ///     invited_email: Some("bob@example.org".into()),
    ///     user_id: None,
    ///     ..NewCompanyUser::agent(acme.id, UserId(uuid::Uuid::nil()))
    /// }).unwrap();
    /// assert_eq!(invite.user_id, None);
    /// ```
    pub fn create_company_user(
        &mut self,
        actor: &Actor,
        new: NewCompanyUser,
    ) -> Result<CompanyUser> {
        self.write(actor, |tx| {
            let access = tx.access(new.company_id)?;
            access.require(Role::Admin, "add company user")?;
            if new.role == Role::Owner {
                access.require(Role::Owner, "add an owner")?;
            }
            if new.user_id.is_none() && new.invited_email.is_none() {
                return Err(Error::invalid(
                    "invited_email",
                    "is required when user_id is not given",
                ));
            }
            if let Some(e) = &new.invited_email {
                validate::email("invited_email", e)?;
            }
            validate::range(
                "max_number_of_objects_handled",
                new.max_number_of_objects_handled,
                0,
                MAX_CAPACITY,
            )?;
            tx.insert_company_user(new)
        })
    }

    /// Reads a company user (members of the same company).
    pub fn get_company_user(&mut self, actor: &Actor, id: CompanyUserId) -> Result<CompanyUser> {
        self.read(|s| Ok(s.company_user_access(actor, id)?.0.clone()))
    }

    /// Lists the company users of `company_ids`, each of which the actor must have access to.
    pub fn list_company_users(
        &mut self,
        actor: &Actor,
        company_ids: &[CompanyId],
    ) -> Result<Vec<CompanyUser>> {
        if company_ids.is_empty() {
            return Err(Error::invalid(
                "company_ids",
                "must name at least one company",
            ));
        }
        self.read(|s| {
            let mut out = Vec::new();
            for c in company_ids {
                s.access(actor, *c)?;
            }
            for c in company_ids {
                out.extend(s.company_users_of(*c));
            }
            out.dedup_by_key(|cu| cu.id);
            Ok(out)
        })
    }

    /// Changes a membership (admin or owner; an owner for anything touching the owner role).
    /// Covers the seed's "max chats" update.
    pub fn update_company_user(
        &mut self,
        actor: &Actor,
        id: CompanyUserId,
        update: CompanyUserUpdate,
    ) -> Result<CompanyUser> {
        self.write(actor, |tx| {
            let (cu, access) = tx.state.company_user_access(&tx.actor, id)?;
            let mut cu = cu.clone();
            access.require(Role::Admin, "update company user")?;
            if cu.role == Role::Owner || update.role == Some(Role::Owner) {
                access.require(Role::Owner, "change an owner")?;
            }
            if let Some(v) = update.max_number_of_objects_handled {
                validate::range("max_number_of_objects_handled", v, 0, MAX_CAPACITY)?;
                cu.max_number_of_objects_handled = v;
            }
            if let Some(v) = update.is_auto_max_number_handled {
                cu.is_auto_max_number_handled = v;
            }
            if let Some(v) = update.ability_to_pick_from_queue {
                cu.ability_to_pick_from_queue = v;
            }
            if let Some(v) = update.is_auto_ability_to_pick_from_queue {
                cu.is_auto_ability_to_pick_from_queue = v;
            }
            let was_owner = cu.role == Role::Owner && cu.is_active;
            if let Some(r) = update.role {
                cu.role = r;
            }
            if let Some(a) = update.is_active {
                cu.is_active = a;
            }
            if was_owner
                && !(cu.role == Role::Owner && cu.is_active)
                && tx.state.owners_of(cu.company_id) <= 1
            {
                return Err(Error::conflict(
                    ConflictReason::LastOwner,
                    "a company must keep at least one active owner",
                ));
            }
            tx.put(cu.clone());
            tx.log(Op::Updated, Kind::CompanyUser, id.0, Some(cu.company_id));
            Ok(cu)
        })
    }

    /// Links the acting user to an invitation sent to their e-mail address.
    pub fn accept_invitation(&mut self, actor: &Actor, id: CompanyUserId) -> Result<CompanyUser> {
        self.write(actor, |tx| {
            tx.state.authenticated(&tx.actor)?;
            let Actor::User(me) = tx.actor else {
                return Err(Error::forbidden(
                    "accept an invitation",
                    "being the invited user",
                ));
            };
            let mut cu = tx.state.company_user(id)?.clone();
            let email = tx.state.users.get(&me).map(|u| u.email.to_lowercase());
            let invited = cu.invited_email.as_ref().map(|e| e.to_lowercase());
            if cu.user_id.is_some() || invited.is_none() || invited != email {
                return Err(Error::not_found("company_user", id));
            }
            if tx.state.membership(me, cu.company_id).is_some() {
                return Err(Error::conflict(
                    ConflictReason::AlreadyMember,
                    "the user is already a member of this company",
                ));
            }
            cu.user_id = Some(me);
            tx.put(cu.clone());
            tx.log(Op::Updated, Kind::CompanyUser, id.0, Some(cu.company_id));
            Ok(cu)
        })
    }

    /// Removes a member (admin or owner). Refused while they hold objects or own a personal queue.
    pub fn delete_company_user(&mut self, actor: &Actor, id: CompanyUserId) -> Result<()> {
        self.write(actor, |tx| {
            let (cu, access) = tx.state.company_user_access(&tx.actor, id)?;
            let cu = cu.clone();
            access.require(Role::Admin, "delete company user")?;
            if cu.role == Role::Owner {
                access.require(Role::Owner, "remove an owner")?;
                if cu.is_active && tx.state.owners_of(cu.company_id) <= 1 {
                    return Err(Error::conflict(
                        ConflictReason::LastOwner,
                        "a company must keep at least one active owner",
                    ));
                }
            }
            if tx
                .state
                .idx
                .live_by_agent
                .get(&id)
                .is_some_and(|s| !s.is_empty())
            {
                return Err(Error::conflict(
                    ConflictReason::AgentBusy,
                    "the company user still has offered or assigned objects",
                ));
            }
            if tx
                .state
                .idx
                .personal_queues
                .get(&id)
                .is_some_and(|s| !s.is_empty())
            {
                return Err(Error::conflict(
                    ConflictReason::HasPersonalQueue,
                    "delete the company user's personal queue first",
                ));
            }
            tx.delete_company_user_cascade(id);
            tx.log(Op::Deleted, Kind::CompanyUser, id.0, Some(cu.company_id));
            Ok(())
        })
    }
}
