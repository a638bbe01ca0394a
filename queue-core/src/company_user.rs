//! Company users: a user's membership in a company — the agent routing hands objects to.

use crate::auth::{Access, Actor, Role};
use crate::company::MAX_CAPACITY;
use crate::engine::{Engine, Tx};
use crate::error::ConflictReason;
use crate::event::Op;
use crate::ids::{CompanyId, CompanyUserId, UserId};
use crate::presence::Presence;
use crate::record::Kind;
use crate::settings::AgentSettings;
use crate::state::State;
use crate::validate;
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A user's membership in a company: role, activity, capacity and pick-ability.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyUser {
    /// Identifier.
    pub id: CompanyUserId,
    /// The company.
    pub company_id: CompanyId,
    /// The user; `None` while the membership is only an invitation.
    pub user_id: Option<UserId>,
    /// The address the invitation went to.
    pub invited_email: Option<String>,
    /// Access level.
    pub role: Role,
    /// Inactive members can neither act in the company nor be routed to.
    pub is_active: bool,
    /// Own capacity: objects handled at once (used when `is_auto_max_number_handled` is off).
    pub max_number_of_objects_handled: u32,
    /// Use the company's default capacity instead of the own one.
    pub is_auto_max_number_handled: bool,
    /// Own right to pick objects from the queue (used when the auto flag is off).
    pub ability_to_pick_from_queue: bool,
    /// Use the company's default pick-ability instead of the own one.
    pub is_auto_ability_to_pick_from_queue: bool,
    /// When the membership was created.
    pub created_at: DateTime<Utc>,
}

/// Fields of a new company user: an existing user, or an invitation by e-mail, or both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewCompanyUser {
    /// The company.
    pub company_id: CompanyId,
    /// An existing user to add directly.
    #[serde(default)]
    pub user_id: Option<UserId>,
    /// Address to invite; the user with this e-mail accepts with [`Engine::accept_invitation`].
    #[serde(default)]
    pub invited_email: Option<String>,
    /// Access level (default agent).
    #[serde(default = "agent_role")]
    pub role: Role,
    /// Active (default true).
    #[serde(default = "yes")]
    pub is_active: bool,
    /// Own capacity (default 1).
    #[serde(default = "one")]
    pub max_number_of_objects_handled: u32,
    /// Use the company default capacity (default true).
    #[serde(default = "yes")]
    pub is_auto_max_number_handled: bool,
    /// Own pick-ability (default false).
    #[serde(default)]
    pub ability_to_pick_from_queue: bool,
    /// Use the company default pick-ability (default true).
    #[serde(default = "yes")]
    pub is_auto_ability_to_pick_from_queue: bool,
}

fn agent_role() -> Role {
    Role::Agent
}
fn yes() -> bool {
    true
}
fn one() -> u32 {
    1
}

impl NewCompanyUser {
    /// A new active agent membership of `user_id` in `company_id`, with defaults elsewhere.
    pub fn agent(company_id: CompanyId, user_id: UserId) -> Self {
        NewCompanyUser {
            company_id,
            user_id: Some(user_id),
            invited_email: None,
            role: Role::Agent,
            is_active: true,
            max_number_of_objects_handled: 1,
            is_auto_max_number_handled: true,
            ability_to_pick_from_queue: false,
            is_auto_ability_to_pick_from_queue: true,
        }
    }
}

/// Changes to a company user; absent fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompanyUserUpdate {
    /// New role (only an owner appoints or demotes owners).
    #[serde(default)]
    pub role: Option<Role>,
    /// Activate or deactivate.
    #[serde(default)]
    pub is_active: Option<bool>,
    /// New own capacity ("max chats").
    #[serde(default)]
    pub max_number_of_objects_handled: Option<u32>,
    /// Use the company default capacity.
    #[serde(default)]
    pub is_auto_max_number_handled: Option<bool>,
    /// New own pick-ability.
    #[serde(default)]
    pub ability_to_pick_from_queue: Option<bool>,
    /// Use the company default pick-ability.
    #[serde(default)]
    pub is_auto_ability_to_pick_from_queue: Option<bool>,
}

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

    fn owners_of(&self, company: CompanyId) -> usize {
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

    fn insert_company_user(&mut self, new: NewCompanyUser) -> Result<CompanyUser> {
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
