//! Companies: the tenant everything else belongs to, with its defaults and time zone.

use crate::auth::{Actor, Role};
use crate::company_user::CompanyUser;
use crate::engine::{Engine, Tx};
use crate::event::Op;
use crate::ids::{CompanyId, CompanyUserId, UserId};
use crate::queue::Queue;
use crate::record::Kind;
use crate::state::State;
use crate::validate;
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Largest capacity (simultaneous objects) an agent or company default may have.
pub const MAX_CAPACITY: u32 = 1000;

/// A company running queues.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Company {
    /// Identifier.
    pub id: CompanyId,
    /// Display name, 1–100 characters.
    pub name: String,
    /// Logo URL (`http(s)://…`) or empty.
    pub logo_url: String,
    /// Listed to every authenticated user by [`Engine::list_companies`].
    pub is_public: bool,
    /// IANA time zone hours of operation are written in.
    pub time_zone: String,
    /// Capacity of agents whose `is_auto_max_number_handled` is on.
    pub default_max_number_of_objects_handled: u32,
    /// Pick-ability of agents whose `is_auto_ability_to_pick_from_queue` is on.
    pub default_ability_to_pick_from_queue: bool,
    /// When it was created.
    pub created_at: DateTime<Utc>,
}

/// Fields of a new company.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewCompany {
    /// Display name.
    pub name: String,
    /// Logo URL or empty.
    #[serde(default)]
    pub logo_url: String,
    /// Listed publicly (default false).
    #[serde(default)]
    pub is_public: bool,
    /// IANA time zone (default `UTC`).
    #[serde(default = "default_tz")]
    pub time_zone: String,
    /// Default agent capacity (default 1).
    #[serde(default = "one")]
    pub default_max_number_of_objects_handled: u32,
    /// Default pick-ability (default false).
    #[serde(default)]
    pub default_ability_to_pick_from_queue: bool,
    /// For the system actor: the user to make owner. A user creating a company becomes its owner.
    #[serde(default)]
    pub owner_user_id: Option<UserId>,
}

fn default_tz() -> String {
    "UTC".into()
}
fn one() -> u32 {
    1
}

impl Default for NewCompany {
    fn default() -> Self {
        NewCompany {
            name: String::new(),
            logo_url: String::new(),
            is_public: false,
            time_zone: default_tz(),
            default_max_number_of_objects_handled: 1,
            default_ability_to_pick_from_queue: false,
            owner_user_id: None,
        }
    }
}

/// Changes to a company; absent fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompanyUpdate {
    /// New name.
    #[serde(default)]
    pub name: Option<String>,
    /// New logo URL.
    #[serde(default)]
    pub logo_url: Option<String>,
    /// New visibility.
    #[serde(default)]
    pub is_public: Option<bool>,
    /// New time zone.
    #[serde(default)]
    pub time_zone: Option<String>,
    /// New default capacity.
    #[serde(default)]
    pub default_max_number_of_objects_handled: Option<u32>,
    /// New default pick-ability.
    #[serde(default)]
    pub default_ability_to_pick_from_queue: Option<bool>,
}

/// What company reads may append (seed 000: `users`, `queues`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CompanyWith {
    /// The company's users (memberships).
    Users,
    /// The company's queues.
    Queues,
}

/// A company with the expansions asked for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompanyView {
    /// The company.
    #[serde(flatten)]
    pub company: Company,
    /// Its users, when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub users: Option<Vec<CompanyUser>>,
    /// Its queues, when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub queues: Option<Vec<Queue>>,
}

fn check_capacity(field: &str, v: u32) -> Result<()> {
    validate::range(field, v, 0, MAX_CAPACITY)
}

impl NewCompany {
    fn validate(&self) -> Result<()> {
        validate::text("name", &self.name, 1, 100)?;
        validate::url_or_empty("logo_url", &self.logo_url)?;
        validate::time_zone("time_zone", &self.time_zone)?;
        check_capacity(
            "default_max_number_of_objects_handled",
            self.default_max_number_of_objects_handled,
        )
    }
}

impl CompanyUpdate {
    fn apply_to(&self, c: &mut Company) -> Result<()> {
        if let Some(v) = &self.name {
            validate::text("name", v, 1, 100)?;
            c.name = v.clone();
        }
        if let Some(v) = &self.logo_url {
            validate::url_or_empty("logo_url", v)?;
            c.logo_url = v.clone();
        }
        if let Some(v) = self.is_public {
            c.is_public = v;
        }
        if let Some(v) = &self.time_zone {
            validate::time_zone("time_zone", v)?;
            c.time_zone = v.clone();
        }
        if let Some(v) = self.default_max_number_of_objects_handled {
            check_capacity("default_max_number_of_objects_handled", v)?;
            c.default_max_number_of_objects_handled = v;
        }
        if let Some(v) = self.default_ability_to_pick_from_queue {
            c.default_ability_to_pick_from_queue = v;
        }
        Ok(())
    }
}

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

    fn company_view(&self, c: &Company, with: &[CompanyWith]) -> CompanyView {
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

impl Tx<'_> {
    /// Deletes a company user and everything hanging off it (presence, settings, skills,
    /// operator rows, team memberships).
    pub(crate) fn delete_company_user_cascade(&mut self, id: CompanyUserId) {
        let skills: Vec<_> = self
            .state
            .idx
            .agent_skills_by_agent
            .get(&id)
            .into_iter()
            .flatten()
            .map(|(_, s)| *s)
            .collect();
        for s in skills {
            self.delete(Kind::CompanyUserSkill, s.0);
        }
        let ops: Vec<_> = self
            .state
            .idx
            .operators_by_agent
            .get(&id)
            .into_iter()
            .flatten()
            .map(|(_, o)| *o)
            .collect();
        for o in ops {
            self.delete(Kind::Operator, o.0);
        }
        if let Some(company) = self.state.company_users.get(&id).map(|c| c.company_id) {
            let teams: Vec<_> = self
                .state
                .idx
                .teams_by_company
                .get(&company)
                .into_iter()
                .flatten()
                .copied()
                .collect();
            for t in teams {
                if let Some(mut team) = self.state.teams.get(&t).cloned() {
                    if team.members.remove(&id) {
                        self.put(team);
                    }
                }
            }
        }
        self.delete(Kind::Presence, id.0);
        self.delete(Kind::AgentSettings, id.0);
        self.delete(Kind::CompanyUser, id.0);
    }
}

impl Engine {
    /// Creates a company. A user creating it becomes its owner; the system may name an owner.
    ///
    /// ```
    /// # use queue_core::*;
    /// let mut engine = Engine::in_memory_default();
    /// let acme = engine.create_company(&Actor::System, NewCompany {
    ///     name: "Acme".into(), time_zone: "Europe/Amsterdam".into(), ..Default::default()
    /// }).unwrap();
    /// assert_eq!(acme.default_max_number_of_objects_handled, 1);
    /// ```
    pub fn create_company(&mut self, actor: &Actor, new: NewCompany) -> Result<Company> {
        self.write(actor, |tx| {
            tx.state.authenticated(&tx.actor)?;
            new.validate()?;
            let owner = match (tx.actor, new.owner_user_id) {
                (Actor::User(me), None) => Some(me),
                (Actor::User(me), Some(o)) if o == me => Some(me),
                (Actor::User(_), Some(_)) => {
                    return Err(Error::forbidden(
                        "create a company for another user",
                        "the system actor",
                    ))
                }
                (_, owner) => owner,
            };
            if let Some(o) = owner {
                if !tx.state.users.contains_key(&o) {
                    return Err(Error::invalid("owner_user_id", "must be an existing user"));
                }
            }
            let company = Company {
                id: CompanyId(tx.new_id()),
                name: new.name,
                logo_url: new.logo_url,
                is_public: new.is_public,
                time_zone: new.time_zone,
                default_max_number_of_objects_handled: new.default_max_number_of_objects_handled,
                default_ability_to_pick_from_queue: new.default_ability_to_pick_from_queue,
                created_at: tx.now,
            };
            tx.put(company.clone());
            tx.log(Op::Created, Kind::Company, company.id.0, Some(company.id));
            if let Some(o) = owner {
                tx.add_member(company.id, Some(o), None, Role::Owner)?;
            }
            Ok(company)
        })
    }

    /// Reads a company: public ones to any authenticated user, others to their members.
    pub fn get_company(
        &mut self,
        actor: &Actor,
        id: CompanyId,
        with: &[CompanyWith],
    ) -> Result<CompanyView> {
        self.read(|s| {
            s.authenticated(actor)?;
            let c = s.company(id)?;
            if !c.is_public {
                s.access(actor, id)?;
            }
            Ok(s.company_view(c, with))
        })
    }

    /// Lists the public companies plus those the actor belongs to (all, for the system).
    pub fn list_companies(
        &mut self,
        actor: &Actor,
        with: &[CompanyWith],
    ) -> Result<Vec<CompanyView>> {
        self.read(|s| {
            s.authenticated(actor)?;
            Ok(s.companies
                .values()
                .filter(|c| c.is_public || s.access(actor, c.id).is_ok())
                .map(|c| s.company_view(c, with))
                .collect())
        })
    }

    /// Changes a company (admin or owner).
    pub fn update_company(
        &mut self,
        actor: &Actor,
        id: CompanyId,
        update: CompanyUpdate,
    ) -> Result<Company> {
        self.write(actor, |tx| {
            tx.access(id)?.require(Role::Admin, "update company")?;
            let mut c = tx.state.company(id)?.clone();
            update.apply_to(&mut c)?;
            tx.put(c.clone());
            tx.log(Op::Updated, Kind::Company, id.0, Some(id));
            Ok(c)
        })
    }

    /// Deletes a company and everything in it (owner only).
    pub fn delete_company(&mut self, actor: &Actor, id: CompanyId) -> Result<()> {
        self.write(actor, |tx| {
            tx.access(id)?.require(Role::Owner, "delete company")?;
            let s = &tx.state;
            let queues: Vec<_> = s
                .idx
                .queues_by_company
                .get(&id)
                .into_iter()
                .flatten()
                .copied()
                .collect();
            let objects: Vec<_> = s
                .idx
                .objects_by_company
                .get(&id)
                .into_iter()
                .flatten()
                .copied()
                .collect();
            let members: Vec<_> = s
                .idx
                .members_by_company
                .get(&id)
                .into_iter()
                .flatten()
                .copied()
                .collect();
            let skills: Vec<_> = s
                .idx
                .skills_by_company
                .get(&id)
                .into_iter()
                .flatten()
                .copied()
                .collect();
            let teams: Vec<_> = s
                .idx
                .teams_by_company
                .get(&id)
                .into_iter()
                .flatten()
                .copied()
                .collect();
            let blacklists: Vec<_> = s
                .idx
                .blacklists_by_company
                .get(&id)
                .into_iter()
                .flatten()
                .copied()
                .collect();
            let hours: Vec<_> = s
                .idx
                .hours_by_target
                .range((id, None)..)
                .take_while(|((c, _), _)| *c == id)
                .map(|(_, h)| *h)
                .collect();
            for o in objects {
                tx.delete_object_cascade(o);
            }
            for q in queues {
                tx.delete_queue_cascade(q);
            }
            for m in members {
                tx.delete_company_user_cascade(m);
            }
            for sk in skills {
                tx.delete(Kind::Skill, sk.0);
            }
            for t in teams {
                tx.delete(Kind::Team, t.0);
            }
            for b in blacklists {
                tx.delete(Kind::BlacklistHours, b.0);
            }
            for h in hours {
                tx.delete(Kind::HoursOfOperation, h.0);
            }
            tx.delete(Kind::Company, id.0);
            tx.log(Op::Deleted, Kind::Company, id.0, Some(id));
            Ok(())
        })
    }
}
