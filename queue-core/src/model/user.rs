//! Users: people who log in, with the field rules of the seed user controller.

use crate::ids::{CompanyUserId, UserId};
use crate::model::company::Company;
use crate::model::queue::Queue;
use crate::model::skill::Skill;
use crate::validate;
use crate::Result;
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
    #[serde(serialize_with = "crate::instant::serialize")]
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

/// What [`crate::Engine::get_user`] may append (seed 000: `companies`, `companies.skills`, `companies.queues`).
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

/// The `limit` of [`crate::Engine::find_users`] when Python or Node leave it out.
pub const DEFAULT_FIND_LIMIT: usize = 100;

impl NewUser {
    pub(crate) fn validate(&self) -> Result<()> {
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
    pub(crate) fn apply_to(&self, u: &mut User) -> Result<()> {
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
