//! Companies: the tenant everything else belongs to, with its defaults and time zone.

use crate::ids::{CompanyId, UserId};
use crate::model::company_user::CompanyUser;
use crate::model::queue::Queue;
use crate::validate;
use crate::Result;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Largest capacity (simultaneous objects) an agent or company default may have.
pub const MAX_CAPACITY: u32 = 1000;

/// Largest `max_missed_offers` accepted.
pub const MAX_MISSED_OFFERS: u32 = 100;

/// A company running queues.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Company {
    /// Identifier.
    pub id: CompanyId,
    /// Display name, 1–100 characters.
    pub name: String,
    /// Logo URL (`http(s)://…`) or empty.
    pub logo_url: String,
    /// Listed to every authenticated user by [`crate::Engine::list_companies`].
    pub is_public: bool,
    /// IANA time zone hours of operation are written in.
    pub time_zone: String,
    /// Capacity of agents whose `is_auto_max_number_handled` is on.
    pub default_max_number_of_objects_handled: u32,
    /// Pick-ability of agents whose `is_auto_ability_to_pick_from_queue` is on.
    pub default_ability_to_pick_from_queue: bool,
    /// After this many offers in a row lapse unanswered, an agent's presence turns `away`
    /// with the reason `missed_offers` (0: never).
    #[serde(default)]
    pub max_missed_offers: u32,
    /// When it was created.
    #[serde(serialize_with = "crate::instant::serialize")]
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
    /// Lapsed offers in a row that set an agent away (0 – 100; default 0: never).
    #[serde(default)]
    pub max_missed_offers: u32,
    /// For the system actor: the user to make owner. A user creating a company becomes its owner.
    #[serde(default)]
    pub owner_user_id: Option<UserId>,
}

pub(crate) fn default_tz() -> String {
    "UTC".into()
}

pub(crate) fn one() -> u32 {
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
            max_missed_offers: 0,
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
    /// New number of lapsed offers in a row that set an agent away (0: never).
    #[serde(default)]
    pub max_missed_offers: Option<u32>,
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

pub(crate) fn check_capacity(field: &str, v: u32) -> Result<()> {
    validate::range(field, v, 0, MAX_CAPACITY)
}

impl NewCompany {
    pub(crate) fn validate(&self) -> Result<()> {
        validate::text("name", &self.name, 1, 100)?;
        validate::url_or_empty("logo_url", &self.logo_url)?;
        validate::time_zone("time_zone", &self.time_zone)?;
        check_capacity(
            "default_max_number_of_objects_handled",
            self.default_max_number_of_objects_handled,
        )?;
        validate::range(
            "max_missed_offers",
            self.max_missed_offers,
            0,
            MAX_MISSED_OFFERS,
        )
    }
}

impl CompanyUpdate {
    pub(crate) fn apply_to(&self, c: &mut Company) -> Result<()> {
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
        if let Some(v) = self.max_missed_offers {
            validate::range("max_missed_offers", v, 0, MAX_MISSED_OFFERS)?;
            c.max_missed_offers = v;
        }
        Ok(())
    }
}
