//! Skills, agents' skill levels and queues' skill minimums.

use crate::ids::{CompanyId, CompanyUserId, CompanyUserSkillId, QueueId, QueueSkillId, SkillId};
use crate::validate;
use crate::Result;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Lowest skill level.
pub const MIN_LEVEL: u8 = 1;

/// Highest skill level.
pub const MAX_LEVEL: u8 = 10;

/// A skill defined by a company (`dutch`, `billing`, …); names are unique per company.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skill {
    /// Identifier.
    pub id: SkillId,
    /// The company.
    pub company_id: CompanyId,
    /// Name, 1–60 characters, unique in the company (case-insensitive).
    pub name: String,
    /// When it was created.
    #[serde(serialize_with = "crate::instant::serialize")]
    pub created_at: DateTime<Utc>,
}

/// An agent's level (1–10) in a skill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyUserSkill {
    /// Identifier.
    pub id: CompanyUserSkillId,
    /// The agent.
    pub company_user_id: CompanyUserId,
    /// The skill.
    pub skill_id: SkillId,
    /// Level 1–10.
    pub level: u8,
}

/// A queue's minimum level (1–10) in a skill: only agents at or above it are routed to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueSkill {
    /// Identifier.
    pub id: QueueSkillId,
    /// The queue.
    pub queue_id: QueueId,
    /// The skill.
    pub skill_id: SkillId,
    /// Minimum level 1–10.
    pub min_level: u8,
}

/// A skill an object or queue requires, at a minimum level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SkillRequirement {
    /// The skill.
    pub skill_id: SkillId,
    /// Minimum level 1–10.
    pub min_level: u8,
}

pub(crate) fn check_level(field: &str, level: u8) -> Result<()> {
    validate::range(field, level, MIN_LEVEL, MAX_LEVEL)
}
