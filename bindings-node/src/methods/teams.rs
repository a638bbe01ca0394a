//! Teams. Mirrors `bindings-python/src/engine/teams.rs`.

use super::*;

engine_methods! {
    // ----- teams -----
    #[doc = " Creates a team (supervisor and up)."]
    fn create_team / create_team_async (actor: as_actor, company_id: as_id::<CompanyId>, name: as_text)
        ts ("actor: ActorLike, companyId: string, name: string") -> "Team" / "Promise<Team>"
        = |e| e.create_team(&actor, company_id, &name);
    #[doc = " Reads a team."]
    fn get_team / get_team_async (actor: as_actor, team_id: as_id::<TeamId>)
        ts ("actor: ActorLike, teamId: string") -> "Team" / "Promise<Team>"
        = |e| e.get_team(&actor, team_id);
    #[doc = " A company's teams."]
    fn list_teams / list_teams_async (actor: as_actor, company_id: as_id::<CompanyId>)
        ts ("actor: ActorLike, companyId: string") -> "Team[]" / "Promise<Team[]>"
        = |e| e.list_teams(&actor, company_id);
    #[doc = " Deletes a team."]
    fn delete_team / delete_team_async (actor: as_actor, team_id: as_id::<TeamId>)
        ts ("actor: ActorLike, teamId: string") -> "void" / "Promise<void>"
        = |e| e.delete_team(&actor, team_id);
    #[doc = " Adds agents to a team (bulk)."]
    fn add_team_members / add_team_members_async (actor: as_actor, team_id: as_id::<TeamId>, agent_ids: as_ids::<CompanyUserId>)
        ts ("actor: ActorLike, teamId: string, agentIds: string[]") -> "Team" / "Promise<Team>"
        = |e| e.add_team_members(&actor, team_id, &agent_ids);
    #[doc = " Removes agents from a team (bulk)."]
    fn remove_team_members / remove_team_members_async (actor: as_actor, team_id: as_id::<TeamId>, agent_ids: as_ids::<CompanyUserId>)
        ts ("actor: ActorLike, teamId: string, agentIds: string[]") -> "Team" / "Promise<Team>"
        = |e| e.remove_team_members(&actor, team_id, &agent_ids);
    #[doc = " A team's members with name and e-mail."]
    fn list_team_members / list_team_members_async (actor: as_actor, team_id: as_id::<TeamId>)
        ts ("actor: ActorLike, teamId: string") -> "TeamMember[]" / "Promise<TeamMember[]>"
        = |e| e.list_team_members(&actor, team_id);
    #[doc = " One page of a team's presence; pass `nextPageKey` back as `pageKey` for the next."]
    #[doc = " `teamPresence()` iterates over every page."]
    fn list_team_presence / list_team_presence_async (actor: as_actor, team_id: as_id::<TeamId>, options: as_opts::<PageOptions>)
        ts ("actor: ActorLike, teamId: string, options?: { pageKey?: string | null, pageLimit?: number }") -> "TeamPresencePage" / "Promise<TeamPresencePage>"
        = |e| e.list_team_presence(&actor, team_id, options.page_key.as_deref(), options.page_limit);
}
