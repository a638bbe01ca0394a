//! Users: the public commands.

use crate::engine::Engine;
use crate::error::ConflictReason;
use crate::ids::UserId;
use crate::model::auth::{require_same_user, Actor};
use crate::model::event::Op;
use crate::model::record::Kind;
use crate::model::user::*;
use crate::validate;
use crate::{Error, Result};

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
