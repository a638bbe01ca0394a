//! Per-agent settings from the seed user controller: notifications, sounds, watched statistics.

use crate::ids::CompanyUserId;
use crate::validate;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};

/// Most statistics one agent may watch.
pub const MAX_WATCHED: usize = 50;

/// A statistic (KPI) an agent watches on their dashboard.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WatchedStatistic {
    /// Statistic name, `^[a-zA-Z_]+$`.
    pub statistic: String,
    /// Primary option, `^[0-9a-zA-Z]*$`.
    #[serde(default)]
    pub option: String,
    /// Secondary option, `^[0-9a-zA-Z]*$`.
    #[serde(default)]
    pub secondary_option: String,
}

/// An agent's personal settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentSettings {
    /// The agent.
    pub company_user_id: CompanyUserId,
    /// Notify when an object is assigned.
    pub notify_on_assignment: bool,
    /// Play a sound on a new chat message.
    pub sound_on_new_message: bool,
    /// Answer calls automatically.
    pub auto_answer_calls: bool,
    /// Statistics on the agent's dashboard.
    pub watched_statistics: Vec<WatchedStatistic>,
}

impl AgentSettings {
    pub(crate) fn initial(id: CompanyUserId) -> Self {
        AgentSettings {
            company_user_id: id,
            notify_on_assignment: true,
            sound_on_new_message: true,
            auto_answer_calls: false,
            watched_statistics: Vec::new(),
        }
    }
}

/// Changes to settings; absent fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgentSettingsUpdate {
    /// Notify on assignment.
    #[serde(default)]
    pub notify_on_assignment: Option<bool>,
    /// Sound on new message.
    #[serde(default)]
    pub sound_on_new_message: Option<bool>,
    /// Auto-answer calls.
    #[serde(default)]
    pub auto_answer_calls: Option<bool>,
}

impl WatchedStatistic {
    pub(crate) fn validate(&self) -> Result<()> {
        validate::length("statistic", &self.statistic, 1, 60)?;
        if !self
            .statistic
            .chars()
            .all(|c| c.is_ascii_alphabetic() || c == '_')
        {
            return Err(Error::invalid("statistic", "must match ^[a-zA-Z_]+$"));
        }
        for (field, v) in [
            ("option", &self.option),
            ("secondary_option", &self.secondary_option),
        ] {
            validate::length(field, v, 0, 60)?;
            if !v.chars().all(|c| c.is_ascii_alphanumeric()) {
                return Err(Error::invalid(field, "must match ^[0-9a-zA-Z]*$"));
            }
        }
        Ok(())
    }
}
