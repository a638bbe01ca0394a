//! Agent settings: the public commands.

use crate::engine::Engine;
use crate::ids::CompanyUserId;
use crate::model::auth::{Actor, Role};
use crate::model::event::Op;
use crate::model::record::Kind;
use crate::model::settings::*;
use crate::{Error, Result};

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
