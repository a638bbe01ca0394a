//! Users: people who log in, with the field rules of the seed user controller.

use crate::auth::{require_same_user, Actor};
use crate::company::Company;
use crate::engine::Engine;
use crate::error::ConflictReason;
use crate::event::Op;
use crate::ids::{CompanyUserId, UserId};
use crate::queue::Queue;
use crate::record::Kind;
use crate::skill::Skill;
use crate::state::State;
use crate::validate;
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A person who can log in and be a member of companies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    /// Identifier.
    pub id: UserId,
    /// Unique login name, `^[a-zA-Z0-9.\-]+$`, 1–40 characters.
    pub username: String,
    /// First name: letters incl. Latin-1 accents, `-` and space.
    pub firstname: String,
    /// Last name: letters incl. Latin-1 accents, `-` and space.
    pub lastname: String,
    /// E-mail address; invitations are matched against it.
    pub email: String,
    /// Phone number `^\+[0-9]+$`, if given.
    pub telephone: Option<String>,
    /// Interface language, two lowercase letters (`en`, `nl`, …).
    pub language: String,
    /// Date format: a locale like `en_GB`, or `iso`.
    pub date_format: String,
    /// When the user was created.
    pub created_at: DateTime<Utc>,
}

/// Fields of a new user; `language` defaults to `en`, `date_format` to `en_GB`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewUser {
    /// Unique login name.
    pub username: String,
    /// First name.
    pub firstname: String,
    /// Last name.
    pub lastname: String,
    /// E-mail address.
    pub email: String,
    /// Phone number, `+` and digits.
    #[serde(default)]
    pub telephone: Option<String>,
    /// Two-letter language code.
    #[serde(default)]
    pub language: Option<String>,
    /// `en_GB`-style locale or `iso`.
    #[serde(default)]
    pub date_format: Option<String>,
}

/// Changes to a user; absent fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserUpdate {
    /// New login name.
    #[serde(default)]
    pub username: Option<String>,
    /// New first name.
    #[serde(default)]
    pub firstname: Option<String>,
    /// New last name.
    #[serde(default)]
    pub lastname: Option<String>,
    /// New e-mail address.
    #[serde(default)]
    pub email: Option<String>,
    /// New phone number; `Some(None)` clears it.
    #[serde(default, with = "crate::serde_opt")]
    pub telephone: Option<Option<String>>,
    /// New language.
    #[serde(default)]
    pub language: Option<String>,
    /// New date format.
    #[serde(default)]
    pub date_format: Option<String>,
}

/// What [`Engine::get_user`] may append (seed 000: `companies`, `companies.skills`, `companies.queues`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum UserWith {
    /// The companies the user is an active member of.
    #[serde(rename = "companies")]
    Companies,
    /// …with each company's skills.
    #[serde(rename = "companies.skills")]
    CompaniesSkills,
    /// …with each company's queues.
    #[serde(rename = "companies.queues")]
    CompaniesQueues,
}

/// A user with the expansions asked for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UserView {
    /// The user.
    #[serde(flatten)]
    pub user: User,
    /// Companies the user belongs to, when `companies` (or a sub-expansion) was asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub companies: Option<Vec<UserCompany>>,
}

/// One company of a [`UserView`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UserCompany {
    /// The company.
    #[serde(flatten)]
    pub company: Company,
    /// The user's membership in it.
    pub company_user_id: CompanyUserId,
    /// Its skills, when `companies.skills` was asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skills: Option<Vec<Skill>>,
    /// Its queues, when `companies.queues` was asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub queues: Option<Vec<Queue>>,
}

/// The `limit` of [`Engine::find_users`] when Python or Node leave it out.
pub const DEFAULT_FIND_LIMIT: usize = 100;

impl NewUser {
    fn validate(&self) -> Result<()> {
        validate::username("username", &self.username)?;
        validate::person_name("firstname", &self.firstname)?;
        validate::person_name("lastname", &self.lastname)?;
        validate::email("email", &self.email)?;
        if let Some(t) = &self.telephone {
            validate::telephone("telephone", t)?;
        }
        if let Some(l) = &self.language {
            validate::language("language", l)?;
        }
        if let Some(d) = &self.date_format {
            validate::date_format("date_format", d)?;
        }
        Ok(())
    }
}

impl UserUpdate {
    fn apply_to(&self, u: &mut User) -> Result<()> {
        if let Some(v) = &self.username {
            validate::username("username", v)?;
            u.username = v.clone();
        }
        if let Some(v) = &self.firstname {
            validate::person_name("firstname", v)?;
            u.firstname = v.clone();
        }
        if let Some(v) = &self.lastname {
            validate::person_name("lastname", v)?;
            u.lastname = v.clone();
        }
        if let Some(v) = &self.email {
            validate::email("email", v)?;
            u.email = v.clone();
        }
        if let Some(v) = &self.telephone {
            if let Some(t) = v {
                validate::telephone("telephone", t)?;
            }
            u.telephone = v.clone();
        }
        if let Some(v) = &self.language {
            validate::language("language", v)?;
            u.language = v.clone();
        }
        if let Some(v) = &self.date_format {
            validate::date_format("date_format", v)?;
            u.date_format = v.clone();
        }
        Ok(())
    }
}

impl State {
    /// The user, if the actor may see them: themselves, anyone sharing an active company, or
    /// everyone for the system. Others are [`Error::NotFound`].
    pub(crate) fn visible_user(&self, actor: &Actor, id: UserId) -> Result<&User> {
        self.authenticated(actor)?;
        let user = self
            .users
            .get(&id)
            .ok_or_else(|| Error::not_found("user", id))?;
        match actor {
            Actor::System => Ok(user),
            Actor::User(me) if *me == id => Ok(user),
            Actor::User(me) => {
                let shares = self
                    .user_companies(id)
                    .any(|c| self.membership(*me, c).is_some());
                if shares {
                    Ok(user)
                } else {
                    Err(Error::not_found("user", id))
                }
            }
            Actor::Anonymous => Err(Error::Unauthenticated),
        }
    }

    /// Companies in which `user` has an active membership, with the membership.
    pub(crate) fn user_memberships(
        &self,
        user: UserId,
    ) -> impl Iterator<Item = (crate::ids::CompanyId, CompanyUserId)> + '_ {
        self.idx
            .memberships_by_user
            .get(&user)
            .into_iter()
            .flatten()
            .filter_map(|m| {
                let cu = self.company_users.get(m)?;
                cu.is_active.then_some((cu.company_id, *m))
            })
    }

    fn user_companies(&self, user: UserId) -> impl Iterator<Item = crate::ids::CompanyId> + '_ {
        self.user_memberships(user).map(|(c, _)| c)
    }

    fn username_taken(&self, name: &str, except: Option<UserId>) -> bool {
        self.idx
            .user_by_name
            .get(&name.to_lowercase())
            .is_some_and(|id| Some(*id) != except)
    }
}

impl Engine {
    /// Registers a user. Only the host (system actor) registers users.
    ///
    /// ```
    /// # use queue_core::*;
    /// let mut engine = Engine::in_memory_default();
    /// let user = engine.create_user(&Actor::System, NewUser {
    ///     username: "ann".into(), firstname: "Ann".into(), lastname: "Smit".into(),
    ///     email: "ann@example.org".into(), ..Default::default()
    /// }).unwrap();
    /// assert_eq!(user.language, "en");
    /// ```
    pub fn create_user(&mut self, actor: &Actor, new: NewUser) -> Result<User> {
        self.write(actor, |tx| {
            tx.state.authenticated(&tx.actor)?;
            if tx.actor != Actor::System {
                return Err(Error::forbidden("create user", "the system actor"));
            }
            new.validate()?;
            if tx.state.username_taken(&new.username, None) {
                return Err(Error::conflict(
                    ConflictReason::UsernameTaken,
                    format!("username {} is taken", new.username),
                ));
            }
            let user = User {
                id: UserId(tx.new_id()),
                username: new.username,
                firstname: new.firstname,
                lastname: new.lastname,
                email: new.email,
                telephone: new.telephone,
                language: new.language.unwrap_or_else(|| "en".into()),
                date_format: new.date_format.unwrap_or_else(|| "en_GB".into()),
                created_at: tx.now,
            };
            tx.put(user.clone());
            tx.log(Op::Created, Kind::User, user.id.0, None);
            Ok(user)
        })
    }

    /// Reads a user with the asked-for expansions.
    pub fn get_user(&mut self, actor: &Actor, id: UserId, with: &[UserWith]) -> Result<UserView> {
        self.read(|s| {
            let user = s.visible_user(actor, id)?.clone();
            let skills = with.contains(&UserWith::CompaniesSkills);
            let queues = with.contains(&UserWith::CompaniesQueues);
            let companies = (!with.is_empty()).then(|| {
                s.user_memberships(id)
                    .filter_map(|(c, m)| {
                        Some(UserCompany {
                            company: s.companies.get(&c)?.clone(),
                            company_user_id: m,
                            skills: skills.then(|| s.company_skills(c)),
                            queues: queues.then(|| s.company_queues(c)),
                        })
                    })
                    .collect()
            });
            Ok(UserView { user, companies })
        })
    }

    /// Lists the users the actor may see whose username, e-mail or phone contains `search`
    /// (case-insensitive; empty matches all), ordered by id, at most `limit` (1–1000; the
    /// bindings default to [`DEFAULT_FIND_LIMIT`]).
    pub fn find_users(&mut self, actor: &Actor, search: &str, limit: usize) -> Result<Vec<User>> {
        validate::range("limit", limit, 1, 1000)?;
        validate::length("search", search, 0, 254)?;
        let needle = search.to_lowercase();
        self.read(|s| {
            s.authenticated(actor)?;
            Ok(s.users
                .values()
                .filter(|u| {
                    needle.is_empty()
                        || u.username.to_lowercase().contains(&needle)
                        || u.email.to_lowercase().contains(&needle)
                        || u.telephone.as_deref().is_some_and(|t| t.contains(&needle))
                })
                .filter(|u| s.visible_user(actor, u.id).is_ok())
                .take(limit)
                .cloned()
                .collect())
        })
    }

    /// Changes a user's fields (the user themselves or the system). Covers the seed's
    /// username, first-name and last-name updates.
    pub fn update_user(&mut self, actor: &Actor, id: UserId, update: UserUpdate) -> Result<User> {
        self.write(actor, |tx| {
            tx.state.visible_user(&tx.actor, id)?;
            require_same_user(&tx.actor, id, "change another user")?;
            let mut user = tx
                .state
                .users
                .get(&id)
                .cloned()
                .ok_or_else(|| Error::not_found("user", id))?;
            update.apply_to(&mut user)?;
            if tx.state.username_taken(&user.username, Some(id)) {
                return Err(Error::conflict(
                    ConflictReason::UsernameTaken,
                    format!("username {} is taken", user.username),
                ));
            }
            tx.put(user.clone());
            tx.log(Op::Updated, Kind::User, id.0, None);
            Ok(user)
        })
    }

    /// Deletes a user and their tokens; their memberships stay, deactivated and unlinked,
    /// so the company keeps its history.
    pub fn delete_user(&mut self, actor: &Actor, id: UserId) -> Result<()> {
        self.write(actor, |tx| {
            tx.state.visible_user(&tx.actor, id)?;
            require_same_user(&tx.actor, id, "change another user")?;
            let tokens: Vec<_> = tx
                .state
                .tokens
                .values()
                .filter(|t| t.user_id == id)
                .map(|t| t.id)
                .collect();
            for t in tokens {
                tx.delete(Kind::TokenHash, t.0);
                tx.delete(Kind::AccessToken, t.0);
            }
            let memberships: Vec<_> = tx
                .state
                .idx
                .memberships_by_user
                .get(&id)
                .into_iter()
                .flatten()
                .copied()
                .collect();
            for m in memberships {
                if let Some(mut cu) = tx.state.company_users.get(&m).cloned() {
                    cu.user_id = None;
                    cu.is_active = false;
                    tx.put(cu);
                }
            }
            tx.delete(Kind::User, id.0);
            tx.log(Op::Deleted, Kind::User, id.0, None);
            Ok(())
        })
    }
}
