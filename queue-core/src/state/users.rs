//! Users: lookups and access checks on the working set.

use crate::ids::{CompanyUserId, UserId};
use crate::model::auth::Actor;
use crate::model::user::*;
use crate::state::State;
use crate::{Error, Result};

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

    pub(crate) fn user_companies(
        &self,
        user: UserId,
    ) -> impl Iterator<Item = crate::ids::CompanyId> + '_ {
        self.user_memberships(user).map(|(c, _)| c)
    }

    pub(crate) fn username_taken(&self, name: &str, except: Option<UserId>) -> bool {
        self.idx
            .user_by_name
            .get(&name.to_lowercase())
            .is_some_and(|id| Some(*id) != except)
    }
}
