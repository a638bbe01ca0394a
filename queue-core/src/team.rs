//! Teams: named groups of agents, with bulk membership and paginated presence.

use crate::auth::hide;
use crate::auth::{Actor, Role};
use crate::engine::Engine;
use crate::event::Op;
use crate::ids::{CompanyId, CompanyUserId, TeamId, UserId};
use crate::presence::{Connection, Show};
use crate::record::Kind;
use crate::state::State;
use crate::validate;
use crate::{Error, Result};
use base64::Engine as _;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Default number of rows per presence page.
pub const DEFAULT_PAGE_LIMIT: usize = 50;
/// Largest page.
pub const MAX_PAGE_LIMIT: usize = 500;
/// Most agents one bulk call may add or remove.
pub const MAX_BULK: usize = 1000;

/// A named group of agents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Team {
    /// Identifier.
    pub id: TeamId,
    /// The company.
    pub company_id: CompanyId,
    /// Name, 1–100 characters.
    pub name: String,
    /// The agents in it.
    pub members: BTreeSet<CompanyUserId>,
    /// When it was created.
    pub created_at: DateTime<Utc>,
}

/// A team member as seed 003 lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMember {
    /// The agent.
    pub id: CompanyUserId,
    /// First and last name, or the invited address for an invitation.
    pub name: String,
    /// E-mail address.
    pub email: String,
}

/// A member's presence as seed 003 lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamPresence {
    /// The agent.
    pub company_user_id: CompanyUserId,
    /// The agent's user, unless only invited.
    pub user_id: Option<UserId>,
    /// When the list was read.
    pub request_time: DateTime<Utc>,
    /// Last report from the agent's client.
    pub last_seen: Option<DateTime<Utc>>,
    /// What the agent shows.
    pub presence_status: Show,
    /// Connection status.
    pub connection_status: Connection,
    /// Channels the agent works on.
    pub active_channels: Vec<String>,
}

/// One page of a team's presence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamPresencePage {
    /// Rows of this page, by agent id.
    pub data: Vec<TeamPresence>,
    /// Pass to get the next page; `None` on the last page. Opaque: do not build or edit it.
    pub next_page_key: Option<String>,
}

fn encode_key(after: CompanyUserId) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("v1:{after}"))
}

fn decode_key(key: &str) -> Result<CompanyUserId> {
    let bad = || Error::invalid("page_key", "is not a page key this library issued");
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(key)
        .map_err(|_| bad())?;
    let text = String::from_utf8(bytes).map_err(|_| bad())?;
    text.strip_prefix("v1:")
        .and_then(|id| id.parse().ok())
        .ok_or_else(bad)
}

impl State {
    fn team(&self, id: TeamId) -> Result<&Team> {
        self.teams
            .get(&id)
            .ok_or_else(|| Error::not_found("team", id))
    }

    fn check_members(&self, company: CompanyId, ids: &[CompanyUserId]) -> Result<()> {
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
