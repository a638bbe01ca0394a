//! Company users: a user's membership in a company — the agent routing hands objects to.

use crate::ids::{CompanyId, CompanyUserId, UserId};
use crate::model::auth::Role;
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
    #[serde(serialize_with = "crate::instant::serialize")]
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
    /// Address to invite; the user with this e-mail accepts with [`crate::Engine::accept_invitation`].
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

pub(crate) fn agent_role() -> Role {
    Role::Agent
}

pub(crate) fn yes() -> bool {
    true
}

pub(crate) fn one() -> u32 {
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
