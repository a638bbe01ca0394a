//! Skills, queues, operators, hours and closures. Mirrors `bindings-python/src/engine/queues.rs`.

use super::*;

engine_methods! {
    // ----- skills -----
    #[doc = " Defines a skill (admin or owner)."]
    fn create_skill / create_skill_async (actor: as_actor, company_id: as_id::<CompanyId>, name: as_text)
        ts ("actor: ActorLike, companyId: string, name: string") -> "Skill" / "Promise<Skill>"
        = |e| e.create_skill(&actor, company_id, &name);
    #[doc = " Reads a skill."]
    fn get_skill / get_skill_async (actor: as_actor, skill_id: as_id::<SkillId>)
        ts ("actor: ActorLike, skillId: string") -> "Skill" / "Promise<Skill>"
        = |e| e.get_skill(&actor, skill_id);
    #[doc = " A company's skills."]
    fn list_skills / list_skills_async (actor: as_actor, company_id: as_id::<CompanyId>)
        ts ("actor: ActorLike, companyId: string") -> "Skill[]" / "Promise<Skill[]>"
        = |e| e.list_skills(&actor, company_id);
    #[doc = " Renames a skill."]
    fn rename_skill / rename_skill_async (actor: as_actor, skill_id: as_id::<SkillId>, name: as_text)
        ts ("actor: ActorLike, skillId: string, name: string") -> "Skill" / "Promise<Skill>"
        = |e| e.rename_skill(&actor, skill_id, &name);
    #[doc = " Deletes a skill that no agent, queue or object uses."]
    fn delete_skill / delete_skill_async (actor: as_actor, skill_id: as_id::<SkillId>)
        ts ("actor: ActorLike, skillId: string") -> "void" / "Promise<void>"
        = |e| e.delete_skill(&actor, skill_id);
    #[doc = " Sets an agent's level (1–10) in a skill."]
    fn set_agent_skill / set_agent_skill_async (actor: as_actor, company_user_id: as_id::<CompanyUserId>, skill_id: as_id::<SkillId>, level: as_int::<u8>)
        ts ("actor: ActorLike, companyUserId: string, skillId: string, level: number") -> "CompanyUserSkill" / "Promise<CompanyUserSkill>"
        = |e| e.set_agent_skill(&actor, company_user_id, skill_id, level);
    #[doc = " Takes a skill from an agent."]
    fn remove_agent_skill / remove_agent_skill_async (actor: as_actor, company_user_id: as_id::<CompanyUserId>, skill_id: as_id::<SkillId>)
        ts ("actor: ActorLike, companyUserId: string, skillId: string") -> "void" / "Promise<void>"
        = |e| e.remove_agent_skill(&actor, company_user_id, skill_id);
    #[doc = " An agent's skill levels."]
    fn list_agent_skills / list_agent_skills_async (actor: as_actor, company_user_id: as_id::<CompanyUserId>)
        ts ("actor: ActorLike, companyUserId: string") -> "CompanyUserSkill[]" / "Promise<CompanyUserSkill[]>"
        = |e| e.list_agent_skills(&actor, company_user_id);
    #[doc = " Sets a queue's minimum level (1–10) in a skill."]
    fn set_queue_skill / set_queue_skill_async (actor: as_actor, queue_id: as_id::<QueueId>, skill_id: as_id::<SkillId>, min_level: as_int::<u8>)
        ts ("actor: ActorLike, queueId: string, skillId: string, minLevel: number") -> "QueueSkill" / "Promise<QueueSkill>"
        = |e| e.set_queue_skill(&actor, queue_id, skill_id, min_level);
    #[doc = " Drops a queue's skill requirement."]
    fn remove_queue_skill / remove_queue_skill_async (actor: as_actor, queue_id: as_id::<QueueId>, skill_id: as_id::<SkillId>)
        ts ("actor: ActorLike, queueId: string, skillId: string") -> "void" / "Promise<void>"
        = |e| e.remove_queue_skill(&actor, queue_id, skill_id);
    #[doc = " A queue's skill requirements."]
    fn list_queue_skills / list_queue_skills_async (actor: as_actor, queue_id: as_id::<QueueId>)
        ts ("actor: ActorLike, queueId: string") -> "QueueSkill[]" / "Promise<QueueSkill[]>"
        = |e| e.list_queue_skills(&actor, queue_id);

    // ----- queues and operators -----
    #[doc = " Creates a queue (admin or owner)."]
    fn create_queue / create_queue_async (actor: as_actor, new_queue: as_object::<NewQueue>)
        ts ("actor: ActorLike, newQueue: NewQueue") -> "Queue" / "Promise<Queue>"
        = |e| e.create_queue(&actor, new_queue);
    #[doc = " Reads a queue."]
    fn get_queue / get_queue_async (actor: as_actor, queue_id: as_id::<QueueId>)
        ts ("actor: ActorLike, queueId: string") -> "Queue" / "Promise<Queue>"
        = |e| e.get_queue(&actor, queue_id);
    #[doc = " A company's queues."]
    fn list_queues / list_queues_async (actor: as_actor, company_id: as_id::<CompanyId>)
        ts ("actor: ActorLike, companyId: string") -> "Queue[]" / "Promise<Queue[]>"
        = |e| e.list_queues(&actor, company_id);
    #[doc = " Changes a queue; `null` clears an optional setting."]
    fn update_queue / update_queue_async (actor: as_actor, queue_id: as_id::<QueueId>, update: as_object::<QueueUpdate>)
        ts ("actor: ActorLike, queueId: string, update: QueueUpdate") -> "Queue" / "Promise<Queue>"
        = |e| e.update_queue(&actor, queue_id, update);
    #[doc = " Deletes a queue nothing is waiting in."]
    fn delete_queue / delete_queue_async (actor: as_actor, queue_id: as_id::<QueueId>)
        ts ("actor: ActorLike, queueId: string") -> "void" / "Promise<void>"
        = |e| e.delete_queue(&actor, queue_id);
    #[doc = " A queue's availability (`queueShow`), whether it is open, and its load."]
    fn queue_status / queue_status_async (actor: as_actor, queue_id: as_id::<QueueId>)
        ts ("actor: ActorLike, queueId: string") -> "QueueStatus" / "Promise<QueueStatus>"
        = |e| e.queue_status(&actor, queue_id);
    #[doc = " Assigns an agent to staff a queue in a tier (1 = first line, the default)."]
    fn assign_operator / assign_operator_async (actor: as_actor, queue_id: as_id::<QueueId>, company_user_id: as_id::<CompanyUserId>, tier: as_int_or(queue_core::operator::DEFAULT_TIER))
        ts ("actor: ActorLike, queueId: string, companyUserId: string, tier?: number") -> "Operator" / "Promise<Operator>"
        = |e| e.assign_operator(&actor, queue_id, company_user_id, tier);
    #[doc = " Enables, suspends or re-tiers an operator."]
    fn update_operator / update_operator_async (actor: as_actor, queue_id: as_id::<QueueId>, company_user_id: as_id::<CompanyUserId>, update: as_object::<OperatorUpdate>)
        ts ("actor: ActorLike, queueId: string, companyUserId: string, update: OperatorUpdate") -> "Operator" / "Promise<Operator>"
        = |e| e.update_operator(&actor, queue_id, company_user_id, update);
    #[doc = " Takes an agent off a queue."]
    fn unassign_operator / unassign_operator_async (actor: as_actor, queue_id: as_id::<QueueId>, company_user_id: as_id::<CompanyUserId>)
        ts ("actor: ActorLike, queueId: string, companyUserId: string") -> "void" / "Promise<void>"
        = |e| e.unassign_operator(&actor, queue_id, company_user_id);
    #[doc = " A queue's operators, with `queueShow` and `userShow`."]
    fn list_operators / list_operators_async (actor: as_actor, queue_id: as_id::<QueueId>)
        ts ("actor: ActorLike, queueId: string") -> "OperatorView[]" / "Promise<OperatorView[]>"
        = |e| e.list_operators(&actor, queue_id);
    #[doc = " The queues an agent staffs."]
    fn list_assignments / list_assignments_async (actor: as_actor, company_user_id: as_id::<CompanyUserId>)
        ts ("actor: ActorLike, companyUserId: string") -> "OperatorView[]" / "Promise<OperatorView[]>"
        = |e| e.list_assignments(&actor, company_user_id);

    // ----- hours -----
    #[doc = " Sets the weekly hours of a queue (`{ queueId }`) or the company default."]
    fn set_hours / set_hours_async (actor: as_actor, company_id: as_id::<CompanyId>, intervals: as_input::<Vec<OpenInterval>>, options: as_opts::<HoursOptions>)
        ts ("actor: ActorLike, companyId: string, intervals: OpenInterval[], options?: { queueId?: string | null }") -> "HoursOfOperation" / "Promise<HoursOfOperation>"
        = |e| e.set_hours(&actor, company_id, options.queue_id, intervals);
    #[doc = " The weekly hours of a queue or the company default, if set."]
    fn get_hours / get_hours_async (actor: as_actor, company_id: as_id::<CompanyId>, options: as_opts::<HoursOptions>)
        ts ("actor: ActorLike, companyId: string, options?: { queueId?: string | null }") -> "HoursOfOperation | null" / "Promise<HoursOfOperation | null>"
        = |e| e.get_hours(&actor, company_id, options.queue_id);
    #[doc = " Removes weekly hours (a queue without them uses the company default; none: always open)."]
    fn clear_hours / clear_hours_async (actor: as_actor, company_id: as_id::<CompanyId>, options: as_opts::<HoursOptions>)
        ts ("actor: ActorLike, companyId: string, options?: { queueId?: string | null }") -> "void" / "Promise<void>"
        = |e| e.clear_hours(&actor, company_id, options.queue_id);
    #[doc = " Closes one queue for a date-time range."]
    fn add_blacklist_hours / add_blacklist_hours_async (actor: as_actor, queue_id: as_id::<QueueId>, closure: as_object::<NewBlacklistHours>)
        ts ("actor: ActorLike, queueId: string, closure: NewBlacklistHours") -> "BlacklistHours" / "Promise<BlacklistHours>"
        = |e| e.add_blacklist_hours(&actor, queue_id, closure);
    #[doc = " Closes every queue of a company for a date-time range (a holiday)."]
    fn add_common_blacklist_hours / add_common_blacklist_hours_async (actor: as_actor, company_id: as_id::<CompanyId>, closure: as_object::<NewBlacklistHours>)
        ts ("actor: ActorLike, companyId: string, closure: NewBlacklistHours") -> "BlacklistHours" / "Promise<BlacklistHours>"
        = |e| e.add_common_blacklist_hours(&actor, company_id, closure);
    #[doc = " A queue's own closures."]
    fn list_blacklist_hours / list_blacklist_hours_async (actor: as_actor, queue_id: as_id::<QueueId>)
        ts ("actor: ActorLike, queueId: string") -> "BlacklistHours[]" / "Promise<BlacklistHours[]>"
        = |e| e.list_blacklist_hours(&actor, queue_id);
    #[doc = " A company's company-wide closures."]
    fn list_common_blacklist_hours / list_common_blacklist_hours_async (actor: as_actor, company_id: as_id::<CompanyId>)
        ts ("actor: ActorLike, companyId: string") -> "BlacklistHours[]" / "Promise<BlacklistHours[]>"
        = |e| e.list_common_blacklist_hours(&actor, company_id);
    #[doc = " Deletes a closure."]
    fn delete_blacklist_hours / delete_blacklist_hours_async (actor: as_actor, blacklist_id: as_id::<BlacklistId>)
        ts ("actor: ActorLike, blacklistId: string") -> "void" / "Promise<void>"
        = |e| e.delete_blacklist_hours(&actor, blacklist_id);
    #[doc = " Whether a queue is open at an instant, and when that changes."]
    fn is_open / is_open_async (actor: as_actor, queue_id: as_id::<QueueId>, at: as_when)
        ts ("actor: ActorLike, queueId: string, at: Date") -> "OpenStatus" / "Promise<OpenStatus>"
        = |e| e.is_open(&actor, queue_id, at);
}
