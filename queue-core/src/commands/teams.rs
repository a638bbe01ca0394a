//! Teams: the public commands.

use crate::engine::Engine;
use crate::ids::{CompanyId, CompanyUserId, TeamId};
use crate::model::auth::hide;
use crate::model::auth::{Actor, Role};
use crate::model::event::Op;
use crate::model::record::Kind;
use crate::model::team::*;
use crate::validate;
use crate::Result;
use std::collections::BTreeSet;

impl Engine {
    /// Creates a team (supervisor and up).
    pub fn create_team(
        &mut self,
        actor: &Actor,
        company_id: CompanyId,
        name: &str,
    ) -> Result<Team> {
        self.write(actor, |tx| {
            tx.access(company_id)?
                .require(Role::Supervisor, "create team")?;
            validate::text("name", name, 1, 100)?;
            let team = Team {
                id: TeamId(tx.new_id()),
                company_id,
                name: name.to_string(),
                members: BTreeSet::new(),
                created_at: tx.now,
            };
            tx.put(team.clone());
            tx.log(Op::Created, Kind::Team, team.id.0, Some(company_id));
            Ok(team)
        })
    }

    /// Reads a team (members).
    pub fn get_team(&mut self, actor: &Actor, id: TeamId) -> Result<Team> {
        self.read(|s| {
            let t = s.team(id)?;
            s.access(actor, t.company_id)
                .map_err(|e| hide(e, "team", id))?;
            Ok(t.clone())
        })
    }

    /// Lists a company's teams (members).
    pub fn list_teams(&mut self, actor: &Actor, company_id: CompanyId) -> Result<Vec<Team>> {
        self.read(|s| {
            s.access(actor, company_id)?;
            let ids = s
                .idx
                .teams_by_company
                .get(&company_id)
                .into_iter()
                .flatten();
            Ok(ids.filter_map(|t| s.teams.get(t)).cloned().collect())
        })
    }

    /// Deletes a team; its agents stay (supervisor and up).
    pub fn delete_team(&mut self, actor: &Actor, id: TeamId) -> Result<()> {
        self.write(actor, |tx| {
            let company = tx.state.team(id)?.company_id;
            tx.access(company)
                .map_err(|e| hide(e, "team", id))?
                .require(Role::Supervisor, "delete team")?;
            tx.delete(Kind::Team, id.0);
            tx.log(Op::Deleted, Kind::Team, id.0, Some(company));
            Ok(())
        })
    }

    /// Adds agents to a team in bulk; those already in it are skipped (supervisor and up).
    pub fn add_team_members(
        &mut self,
        actor: &Actor,
        id: TeamId,
        agent_ids: &[CompanyUserId],
    ) -> Result<Team> {
        self.change_members(actor, id, agent_ids, true)
    }

    /// Removes agents from a team in bulk; those not in it are skipped (supervisor and up).
    pub fn remove_team_members(
        &mut self,
        actor: &Actor,
        id: TeamId,
        agent_ids: &[CompanyUserId],
    ) -> Result<Team> {
        self.change_members(actor, id, agent_ids, false)
    }

    fn change_members(
        &mut self,
        actor: &Actor,
        id: TeamId,
        agent_ids: &[CompanyUserId],
        add: bool,
    ) -> Result<Team> {
        self.write(actor, |tx| {
            let mut team = tx.state.team(id)?.clone();
            tx.access(team.company_id)
                .map_err(|e| hide(e, "team", id))?
                .require(Role::Supervisor, "change team members")?;
            tx.state.check_members(team.company_id, agent_ids)?;
            for a in agent_ids {
                if add {
                    team.members.insert(*a);
                } else {
                    team.members.remove(a);
                }
            }
            tx.put(team.clone());
            tx.log(Op::Updated, Kind::Team, id.0, Some(team.company_id));
            Ok(team)
        })
    }

    /// Lists a team's members (members of the company).
    pub fn list_team_members(&mut self, actor: &Actor, id: TeamId) -> Result<Vec<TeamMember>> {
        self.read(|s| {
            let t = s.team(id)?;
            s.access(actor, t.company_id)
                .map_err(|e| hide(e, "team", id))?;
            Ok(t.members
                .iter()
                .filter_map(|m| {
                    let cu = s.company_users.get(m)?;
                    let user = cu.user_id.and_then(|u| s.users.get(&u));
                    let email = user
                        .map(|u| u.email.clone())
                        .or_else(|| cu.invited_email.clone())
                        .unwrap_or_default();
                    let name = user
                        .map(|u| format!("{} {}", u.firstname, u.lastname))
                        .unwrap_or_else(|| email.clone());
                    Some(TeamMember {
                        id: *m,
                        name,
                        email,
                    })
                })
                .collect())
        })
    }

    /// One page of a team's presence, by agent id. Start without `page_key`; pass each page's
    /// `next_page_key` to get the next. `page_limit` is 1–500 (default 50) and may change
    /// between pages (members).
    ///
    /// ```
    /// # use queue_core::*;
    /// # let (mut engine, acme, ann) = queue_core::doc_support::company_with_agent();
    /// let team = engine.create_team(&Actor::System, acme, "Night shift").unwrap();
    /// engine.add_team_members(&Actor::System, team.id, &[ann]).unwrap();
    /// let page = engine.list_team_presence(&Actor::System, team.id, None, Some(100)).unwrap();
    /// assert_eq!(page.data.len(), 1);
    /// assert!(page.next_page_key.is_none());
    /// ```
    pub fn list_team_presence(
        &mut self,
        actor: &Actor,
        id: TeamId,
        page_key: Option<&str>,
        page_limit: Option<usize>,
    ) -> Result<TeamPresencePage> {
        let limit = page_limit.unwrap_or(DEFAULT_PAGE_LIMIT);
        validate::range("page_limit", limit, 1, MAX_PAGE_LIMIT)?;
        let after = page_key.map(decode_key).transpose()?;
        let now = self.now();
        self.read(|s| {
            let t = s.team(id)?;
            s.access(actor, t.company_id)
                .map_err(|e| hide(e, "team", id))?;
            let rest = match after {
                Some(a) => t
                    .members
                    .range((std::ops::Bound::Excluded(a), std::ops::Bound::Unbounded)),
                None => t.members.range(..),
            };
            let mut data = Vec::with_capacity(limit);
            let mut more = false;
            for m in rest {
                if data.len() == limit {
                    more = true;
                    break;
                }
                let Some(p) = s.presence.get(m) else { continue };
                data.push(TeamPresence {
                    company_user_id: *m,
                    user_id: s.company_users.get(m).and_then(|cu| cu.user_id),
                    request_time: now,
                    last_seen: p.last_seen,
                    presence_status: p.show,
                    connection_status: p.connection,
                    active_channels: p.active_channels.clone(),
                });
            }
            let next_page_key = match (more, data.last()) {
                (true, Some(last)) => Some(encode_key(last.company_user_id)),
                _ => None,
            };
            Ok(TeamPresencePage {
                data,
                next_page_key,
            })
        })
    }
}
