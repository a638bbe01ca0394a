//! Companies, members, presence, presence statuses and agent settings. Mirrors `bindings-python/src/engine/companies.rs`.

use super::*;

engine_methods! {
    // ----- companies and members -----
    #[doc = " Creates a company; a user creating it becomes its owner."]
    fn create_company / create_company_async (actor: as_actor, new_company: as_object::<NewCompany>)
        ts ("actor: ActorLike, newCompany: NewCompany") -> "Company" / "Promise<Company>"
        = |e| e.create_company(&actor, new_company);
    #[doc = " Reads a company, with `users` and/or `queues` when asked for."]
    fn get_company / get_company_async (actor: as_actor, company_id: as_id::<CompanyId>, options: as_opts::<CompanyWithOptions>)
        ts ("actor: ActorLike, companyId: string, options?: { with?: CompanyWith[] }") -> "CompanyView" / "Promise<CompanyView>"
        = |e| e.get_company(&actor, company_id, &options.with);
    #[doc = " The companies the actor may see (theirs and the public ones; all for the system)."]
    fn list_companies / list_companies_async (actor: as_actor, options: as_opts::<CompanyWithOptions>)
        ts ("actor: ActorLike, options?: { with?: CompanyWith[] }") -> "CompanyView[]" / "Promise<CompanyView[]>"
        = |e| e.list_companies(&actor, &options.with);
    #[doc = " Changes a company (admin or owner)."]
    fn update_company / update_company_async (actor: as_actor, company_id: as_id::<CompanyId>, update: as_object::<CompanyUpdate>)
        ts ("actor: ActorLike, companyId: string, update: CompanyUpdate") -> "Company" / "Promise<Company>"
        = |e| e.update_company(&actor, company_id, update);
    #[doc = " Deletes a company and everything in it (owner)."]
    fn delete_company / delete_company_async (actor: as_actor, company_id: as_id::<CompanyId>)
        ts ("actor: ActorLike, companyId: string") -> "void" / "Promise<void>"
        = |e| e.delete_company(&actor, company_id);
    #[doc = " Adds a member (agent) to a company, or invites one by e-mail."]
    fn create_company_user / create_company_user_async (actor: as_actor, new_company_user: as_object::<NewCompanyUser>)
        ts ("actor: ActorLike, newCompanyUser: NewCompanyUser") -> "CompanyUser" / "Promise<CompanyUser>"
        = |e| e.create_company_user(&actor, new_company_user);
    #[doc = " Reads a membership."]
    fn get_company_user / get_company_user_async (actor: as_actor, company_user_id: as_id::<CompanyUserId>)
        ts ("actor: ActorLike, companyUserId: string") -> "CompanyUser" / "Promise<CompanyUser>"
        = |e| e.get_company_user(&actor, company_user_id);
    #[doc = " The members of the given companies."]
    fn list_company_users / list_company_users_async (actor: as_actor, company_ids: as_ids::<CompanyId>)
        ts ("actor: ActorLike, companyIds: string[]") -> "CompanyUser[]" / "Promise<CompanyUser[]>"
        = |e| e.list_company_users(&actor, &company_ids);
    #[doc = " Changes a membership: role, activity, capacity, pick-ability."]
    fn update_company_user / update_company_user_async (actor: as_actor, company_user_id: as_id::<CompanyUserId>, update: as_object::<CompanyUserUpdate>)
        ts ("actor: ActorLike, companyUserId: string, update: CompanyUserUpdate") -> "CompanyUser" / "Promise<CompanyUser>"
        = |e| e.update_company_user(&actor, company_user_id, update);
    #[doc = " Accepts an invitation sent to the actor's e-mail address."]
    fn accept_invitation / accept_invitation_async (actor: as_actor, company_user_id: as_id::<CompanyUserId>)
        ts ("actor: ActorLike, companyUserId: string") -> "CompanyUser" / "Promise<CompanyUser>"
        = |e| e.accept_invitation(&actor, company_user_id);
    #[doc = " Removes a member with their presence, skills, operator rows and team places."]
    fn delete_company_user / delete_company_user_async (actor: as_actor, company_user_id: as_id::<CompanyUserId>)
        ts ("actor: ActorLike, companyUserId: string") -> "void" / "Promise<void>"
        = |e| e.delete_company_user(&actor, company_user_id);

    // ----- presence and settings -----
    #[doc = " Reads an agent's presence."]
    fn get_presence / get_presence_async (actor: as_actor, company_user_id: as_id::<CompanyUserId>)
        ts ("actor: ActorLike, companyUserId: string") -> "Presence" / "Promise<Presence>"
        = |e| e.get_presence(&actor, company_user_id);
    #[doc = " Reports an agent's presence; becoming available routes waiting work in the same call."]
    fn set_presence / set_presence_async (actor: as_actor, company_user_id: as_id::<CompanyUserId>, update: as_object::<PresenceUpdate>)
        ts ("actor: ActorLike, companyUserId: string, update: PresenceUpdate") -> "Presence" / "Promise<Presence>"
        = |e| e.set_presence(&actor, company_user_id, update);
    #[doc = " Locks an agent's show (supervisor and up)."]
    fn lock_presence / lock_presence_async (actor: as_actor, company_user_id: as_id::<CompanyUserId>, show: as_input::<Show>)
        ts ("actor: ActorLike, companyUserId: string, show: Show") -> "Presence" / "Promise<Presence>"
        = |e| e.lock_presence(&actor, company_user_id, show);
    #[doc = " Puts an agent in a presence status of their company and locks them there (supervisor and up)."]
    fn lock_presence_status / lock_presence_status_async (actor: as_actor, company_user_id: as_id::<CompanyUserId>, status_id: as_id::<PresenceStatusId>)
        ts ("actor: ActorLike, companyUserId: string, statusId: string") -> "Presence" / "Promise<Presence>"
        = |e| e.lock_presence_status(&actor, company_user_id, status_id);
    #[doc = " Releases a presence lock (supervisor and up)."]
    fn unlock_presence / unlock_presence_async (actor: as_actor, company_user_id: as_id::<CompanyUserId>)
        ts ("actor: ActorLike, companyUserId: string") -> "Presence" / "Promise<Presence>"
        = |e| e.unlock_presence(&actor, company_user_id);
    #[doc = " Ends an agent's wrap-up early; nothing changes for an agent not wrapping up."]
    fn end_wrap_up / end_wrap_up_async (actor: as_actor, company_user_id: as_id::<CompanyUserId>)
        ts ("actor: ActorLike, companyUserId: string") -> "Presence" / "Promise<Presence>"
        = |e| e.end_wrap_up(&actor, company_user_id);
    #[doc = " Reads an agent's settings."]
    fn get_agent_settings / get_agent_settings_async (actor: as_actor, company_user_id: as_id::<CompanyUserId>)
        ts ("actor: ActorLike, companyUserId: string") -> "AgentSettings" / "Promise<AgentSettings>"
        = |e| e.get_agent_settings(&actor, company_user_id);
    #[doc = " Changes an agent's settings."]
    fn update_agent_settings / update_agent_settings_async (actor: as_actor, company_user_id: as_id::<CompanyUserId>, update: as_object::<AgentSettingsUpdate>)
        ts ("actor: ActorLike, companyUserId: string, update: AgentSettingsUpdate") -> "AgentSettings" / "Promise<AgentSettings>"
        = |e| e.update_agent_settings(&actor, company_user_id, update);
    #[doc = " Adds a statistic to an agent's dashboard."]
    fn watch_statistic / watch_statistic_async (actor: as_actor, company_user_id: as_id::<CompanyUserId>, statistic: as_object::<WatchedStatistic>)
        ts ("actor: ActorLike, companyUserId: string, statistic: WatchedStatistic") -> "AgentSettings" / "Promise<AgentSettings>"
        = |e| e.watch_statistic(&actor, company_user_id, statistic);
    #[doc = " Removes a statistic from an agent's dashboard."]
    fn unwatch_statistic / unwatch_statistic_async (actor: as_actor, company_user_id: as_id::<CompanyUserId>, statistic: as_object::<WatchedStatistic>)
        ts ("actor: ActorLike, companyUserId: string, statistic: WatchedStatistic") -> "AgentSettings" / "Promise<AgentSettings>"
        = |e| e.unwatch_statistic(&actor, company_user_id, statistic);

    // ----- presence statuses -----
    #[doc = " Defines a presence status mapped to a show (admin or owner)."]
    fn create_presence_status / create_presence_status_async (actor: as_actor, company_id: as_id::<CompanyId>, name: as_text, show: as_input::<Show>)
        ts ("actor: ActorLike, companyId: string, name: string, show: Show") -> "PresenceStatus" / "Promise<PresenceStatus>"
        = |e| e.create_presence_status(&actor, company_id, &name, show);
    #[doc = " Reads a presence status."]
    fn get_presence_status / get_presence_status_async (actor: as_actor, status_id: as_id::<PresenceStatusId>)
        ts ("actor: ActorLike, statusId: string") -> "PresenceStatus" / "Promise<PresenceStatus>"
        = |e| e.get_presence_status(&actor, status_id);
    #[doc = " A company's presence statuses, by name."]
    fn list_presence_statuses / list_presence_statuses_async (actor: as_actor, company_id: as_id::<CompanyId>)
        ts ("actor: ActorLike, companyId: string") -> "PresenceStatus[]" / "Promise<PresenceStatus[]>"
        = |e| e.list_presence_statuses(&actor, company_id);
    #[doc = " Renames a presence status."]
    fn rename_presence_status / rename_presence_status_async (actor: as_actor, status_id: as_id::<PresenceStatusId>, name: as_text)
        ts ("actor: ActorLike, statusId: string, name: string") -> "PresenceStatus" / "Promise<PresenceStatus>"
        = |e| e.rename_presence_status(&actor, status_id, &name);
    #[doc = " Deletes a presence status no agent is in."]
    fn delete_presence_status / delete_presence_status_async (actor: as_actor, status_id: as_id::<PresenceStatusId>)
        ts ("actor: ActorLike, statusId: string") -> "void" / "Promise<void>"
        = |e| e.delete_presence_status(&actor, status_id);
}
