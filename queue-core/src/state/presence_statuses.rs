//! Presence statuses: lookups on the working set.

use crate::ids::{CompanyId, PresenceStatusId};
use crate::model::presence_status::PresenceStatus;
use crate::state::State;
use crate::{Error, Result};

impl State {
    pub(crate) fn presence_status(&self, id: PresenceStatusId) -> Result<&PresenceStatus> {
        self.presence_statuses
            .get(&id)
            .ok_or_else(|| Error::not_found("presence status", id))
    }

    /// The company's statuses, by name (case-insensitive), then id.
    pub(crate) fn company_presence_statuses(&self, c: CompanyId) -> Vec<PresenceStatus> {
        let ids = self.idx.statuses_by_company.get(&c).into_iter().flatten();
        let mut out: Vec<PresenceStatus> = ids
            .filter_map(|id| self.presence_statuses.get(id).cloned())
            .collect();
        out.sort_by_key(|a| (a.name.to_lowercase(), a.id));
        out
    }

    /// The status, checked to belong to `company`; an unknown one or another company's is
    /// invalid input on `status_id` (it came in a presence update or lock).
    pub(crate) fn company_presence_status(
        &self,
        company: CompanyId,
        id: PresenceStatusId,
    ) -> Result<&PresenceStatus> {
        match self.presence_statuses.get(&id) {
            Some(s) if s.company_id == company => Ok(s),
            _ => Err(Error::invalid(
                "status_id",
                "must be a presence status of the agent's company",
            )),
        }
    }

    pub(crate) fn status_name_taken(
        &self,
        company: CompanyId,
        name: &str,
        except: Option<PresenceStatusId>,
    ) -> bool {
        let lower = name.to_lowercase();
        self.idx
            .statuses_by_company
            .get(&company)
            .into_iter()
            .flatten()
            .any(|id| {
                Some(*id) != except
                    && self
                        .presence_statuses
                        .get(id)
                        .is_some_and(|s| s.name.to_lowercase() == lower)
            })
    }

    /// True while an agent of the company shows the status (locked in it or not).
    pub(crate) fn status_in_use(&self, company: CompanyId, id: PresenceStatusId) -> bool {
        self.idx
            .members_by_company
            .get(&company)
            .into_iter()
            .flatten()
            .any(|a| {
                self.presence
                    .get(a)
                    .is_some_and(|p| p.status_id == Some(id))
            })
    }
}
