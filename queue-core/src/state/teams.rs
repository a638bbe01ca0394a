//! Teams: lookups and access checks on the working set.

use crate::ids::{CompanyId, CompanyUserId, TeamId};
use crate::model::team::*;
use crate::state::State;
use crate::validate;
use crate::{Error, Result};

impl State {
    pub(crate) fn team(&self, id: TeamId) -> Result<&Team> {
        self.teams
            .get(&id)
            .ok_or_else(|| Error::not_found("team", id))
    }

    pub(crate) fn check_members(&self, company: CompanyId, ids: &[CompanyUserId]) -> Result<()> {
        validate::range("agent_ids", ids.len(), 1, MAX_BULK)?;
        if ids.iter().all(|id| {
            self.company_users
                .get(id)
                .is_some_and(|cu| cu.company_id == company)
        }) {
            Ok(())
        } else {
            Err(Error::invalid(
                "agent_ids",
                "must all be company users of the team's company",
            ))
        }
    }
}
