//! Who is acting, and what their role in a company lets them do.

use crate::ids::{CompanyUserId, UserId};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The identity a call is made with.
///
/// Hosts obtain [`Actor::User`] from [`crate::Engine::authenticate`] with a bearer token, or act
/// as the trusted [`Actor::System`] for their own bookkeeping.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", content = "user_id", rename_all = "snake_case")]
pub enum Actor {
    /// Nobody: every operation answers [`Error::Unauthenticated`].
    Anonymous,
    /// The host application itself, trusted with everything.
    System,
    /// An authenticated user.
    User(UserId),
}

/// A company user's access level, lowest to highest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Handles objects; reads the company and sets their own presence.
    Agent,
    /// Also locks presence, manages operators (assignments) and teams, reads statistics.
    Supervisor,
    /// Everything in the company except deleting it or appointing owners.
    Admin,
    /// Everything in the company.
    Owner,
}

impl Role {
    /// The name used in every API (`agent`, `supervisor`, `admin`, `owner`).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Agent => "agent",
            Role::Supervisor => "supervisor",
            Role::Admin => "admin",
            Role::Owner => "owner",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "agent" => Ok(Role::Agent),
            "supervisor" => Ok(Role::Supervisor),
            "admin" => Ok(Role::Admin),
            "owner" => Ok(Role::Owner),
            _ => Err(Error::invalid(
                "role",
                "must be one of agent, supervisor, admin, owner",
            )),
        }
    }
}

/// What an actor is to one company, resolved once per call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Access {
    /// The trusted host.
    System,
    /// An active member with this role and membership id.
    Member(Role, CompanyUserId),
}

impl Access {
    /// The membership the access comes through, if any.
    pub(crate) fn member(self) -> Option<CompanyUserId> {
        match self {
            Access::System => None,
            Access::Member(_, id) => Some(id),
        }
    }

    /// True when this access is the given membership itself.
    pub(crate) fn is(self, agent: CompanyUserId) -> bool {
        self.member() == Some(agent)
    }

    /// True for the system or a member with at least `role`.
    pub(crate) fn at_least(self, role: Role) -> bool {
        match self {
            Access::System => true,
            Access::Member(r, _) => r >= role,
        }
    }

    /// Fails with [`Error::Forbidden`] unless [`Access::at_least`] holds.
    pub(crate) fn require(self, role: Role, action: &str) -> Result<()> {
        if self.at_least(role) {
            Ok(())
        } else {
            Err(Error::forbidden(action, format!("role {role} or higher")))
        }
    }
}

/// Only the user themselves, or the system, may do this to a user's own things.
pub(crate) fn require_same_user(actor: &Actor, user: UserId, action: &str) -> Result<()> {
    match actor {
        Actor::System => Ok(()),
        Actor::User(me) if *me == user => Ok(()),
        Actor::User(_) => Err(Error::forbidden(action, "being that user")),
        Actor::Anonymous => Err(Error::Unauthenticated),
    }
}

/// Outsiders learn nothing about a company's resources: their "company not found" becomes
/// "this resource not found".
pub(crate) fn hide(e: Error, kind: &'static str, id: impl std::fmt::Display) -> Error {
    match e {
        Error::NotFound { .. } => Error::not_found(kind, id),
        other => other,
    }
}
