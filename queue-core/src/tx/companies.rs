//! Companies: writes spanning several records, for the commands.

use crate::ids::CompanyUserId;
use crate::model::record::Kind;
use crate::tx::Tx;

impl Tx<'_> {
    /// Deletes a company user and everything hanging off it (presence, settings, skills,
    /// operator rows, team memberships).
    pub(crate) fn delete_company_user_cascade(&mut self, id: CompanyUserId) {
        let skills: Vec<_> = self
            .state
            .idx
            .agent_skills_by_agent
            .get(&id)
            .into_iter()
            .flatten()
            .map(|(_, s)| *s)
            .collect();
        for s in skills {
            self.delete(Kind::CompanyUserSkill, s.0);
        }
        let ops: Vec<_> = self
            .state
            .idx
            .operators_by_agent
            .get(&id)
            .into_iter()
            .flatten()
            .map(|(_, o)| *o)
            .collect();
        for o in ops {
            self.delete(Kind::Operator, o.0);
        }
        if let Some(company) = self.state.company_users.get(&id).map(|c| c.company_id) {
            let teams: Vec<_> = self
                .state
                .idx
                .teams_by_company
                .get(&company)
                .into_iter()
                .flatten()
                .copied()
                .collect();
            for t in teams {
                if let Some(mut team) = self.state.teams.get(&t).cloned() {
                    if team.members.remove(&id) {
                        self.put(team);
                    }
                }
            }
        }
        self.delete(Kind::Presence, id.0);
        self.delete(Kind::AgentSettings, id.0);
        self.delete(Kind::CompanyUser, id.0);
    }
}
