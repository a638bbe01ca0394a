//! Access: lookups and access checks on the working set.

use crate::ids::{CompanyId, CompanyUserId, UserId};
use crate::model::auth::*;
use crate::state::State;
use crate::{Error, Result};

impl State {
    /// Fails with [`Error::Unauthenticated`] for an anonymous actor or a user that no longer exists.
    pub(crate) fn authenticated(&self, actor: &Actor) -> Result<()> {
        match actor {
            Actor::Anonymous => Err(Error::Unauthenticated),
            Actor::System => Ok(()),
            Actor::User(u) if self.users.contains_key(u) => Ok(()),
            Actor::User(_) => Err(Error::Unauthenticated),
        }
    }

    /// The active membership of `user` in `company`, if any.
    pub(crate) fn membership(&self, user: UserId, company: CompanyId) -> Option<CompanyUserId> {
        self.idx
            .memberships_by_user
            .get(&user)?
            .iter()
            .copied()
            .find(|m| {
                self.company_users
                    .get(m)
                    .is_some_and(|cu| cu.company_id == company && cu.is_active)
            })
    }

    /// Resolves the actor's access to `company`.
    ///
    /// A user with no active membership learns nothing about the company: [`Error::NotFound`],
    /// as the seeds answer for resources one may not see.
    pub(crate) fn access(&self, actor: &Actor, company: CompanyId) -> Result<Access> {
        self.authenticated(actor)?;
        let company_exists = self.companies.contains_key(&company);
        match actor {
            Actor::System if company_exists => Ok(Access::System),
            Actor::User(u) if company_exists => match self.membership(*u, company) {
                Some(m) => {
                    let role = self
                        .company_users
                        .get(&m)
                        .map(|cu| cu.role)
                        .unwrap_or(Role::Agent);
                    Ok(Access::Member(role, m))
                }
                None => Err(Error::not_found("company", company)),
            },
            _ => Err(Error::not_found("company", company)),
        }
    }
}
