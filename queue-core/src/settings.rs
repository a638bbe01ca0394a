//! Per-agent settings from the seed user controller: notifications, sounds, watched statistics.

use crate::auth::{Actor, Role};
use crate::engine::Engine;
use crate::event::Op;
use crate::ids::CompanyUserId;
use crate::record::Kind;
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
    fn validate(&self) -> Result<()> {
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

impl Engine {
    /// Reads an agent's settings (the agent, or an admin and up).
    pub fn get_agent_settings(
        &mut self,
        actor: &Actor,
        id: CompanyUserId,
    ) -> Result<AgentSettings> {
        self.read(|s| {
            let (_, access) = s.company_user_access(actor, id)?;
            if !access.is(id) {
                access.require(Role::Admin, "read another agent's settings")?;
            }
            s.settings
                .get(&id)
                .cloned()
                .ok_or_else(|| Error::not_found("agent_settings", id))
        })
    }

    /// Changes an agent's settings (the agent, or an admin and up).
    pub fn update_agent_settings(
        &mut self,
        actor: &Actor,
        id: CompanyUserId,
        update: AgentSettingsUpdate,
    ) -> Result<AgentSettings> {
        self.change_settings(actor, id, |s| {
            if let Some(v) = update.notify_on_assignment {
                s.notify_on_assignment = v;
            }
            if let Some(v) = update.sound_on_new_message {
                s.sound_on_new_message = v;
            }
            if let Some(v) = update.auto_answer_calls {
                s.auto_answer_calls = v;
            }
            Ok(())
        })
    }

    /// Adds a statistic to an agent's watch list; watching it twice is a no-op.
    pub fn watch_statistic(
        &mut self,
        actor: &Actor,
        id: CompanyUserId,
        stat: WatchedStatistic,
    ) -> Result<AgentSettings> {
        stat.validate()?;
        self.change_settings(actor, id, |s| {
            if !s.watched_statistics.contains(&stat) {
                if s.watched_statistics.len() >= MAX_WATCHED {
                    return Err(Error::invalid(
                        "statistic",
                        format!("at most {MAX_WATCHED} statistics can be watched"),
                    ));
                }
                s.watched_statistics.push(stat.clone());
            }
            Ok(())
        })
    }

    /// Removes a statistic from an agent's watch list; a no-op when absent.
    pub fn unwatch_statistic(
        &mut self,
        actor: &Actor,
        id: CompanyUserId,
        stat: WatchedStatistic,
    ) -> Result<AgentSettings> {
        stat.validate()?;
        self.change_settings(actor, id, |s| {
            s.watched_statistics.retain(|w| *w != stat);
            Ok(())
        })
    }

    fn change_settings(
        &mut self,
        actor: &Actor,
        id: CompanyUserId,
        f: impl FnOnce(&mut AgentSettings) -> Result<()>,
    ) -> Result<AgentSettings> {
        self.write(actor, |tx| {
            let (cu, access) = tx.state.company_user_access(&tx.actor, id)?;
            let company = cu.company_id;
            if !access.is(id) {
                access.require(Role::Admin, "change another agent's settings")?;
            }
            let mut s = tx
                .state
                .settings
                .get(&id)
                .cloned()
                .ok_or_else(|| Error::not_found("agent_settings", id))?;
            f(&mut s)?;
            tx.put(s.clone());
            tx.log(Op::Updated, Kind::AgentSettings, id.0, Some(company));
            Ok(s)
        })
    }
}
