//! The engine's commands as JavaScript methods: every public method of `queue_core::Engine`
//! that acts for an actor, camelCased, each with an `…Async` twin on the libuv thread pool.

use crate::convert::{self, camel};
use crate::engine::Engine;
use crate::fault::Fault;
use crate::js::{Js, Kind, Raw};
use crate::options::*;
use crate::task::{run, settle, EngineTask, Job, Out};
use napi::bindgen_prelude::{AsyncTask, Env, Unknown};
use napi::JsValue;
use napi_derive::napi;
use queue_core::{
    Actor, AgentSettingsUpdate, BlacklistId, CompanyId, CompanyUpdate, CompanyUserId,
    CompanyUserUpdate, NewBlacklistHours, NewCompany, NewCompanyUser, NewObject, NewQueue, NewUser,
    ObjectId, OpenInterval, OperatorUpdate, PresenceUpdate, QueueId, QueueUpdate, Show, SkillId,
    StatsQuery, StayId, TeamId, TokenId, UserId, UserUpdate, WatchedStatistic,
};
use serde::de::DeserializeOwned;
use std::str::FromStr;

// Argument conversions, one per kind of parameter, all `(js, value, name) -> T`.

fn as_actor(js: Js, v: Raw, _name: &str) -> Result<Actor, Fault> {
    convert::actor(js, v)
}

fn as_text(js: Js, v: Raw, name: &str) -> Result<String, Fault> {
    convert::string(js, v, name)
}

fn as_opt_text(js: Js, v: Raw, name: &str) -> Result<Option<String>, Fault> {
    convert::opt_string(js, v, name)
}

fn as_id<T: FromStr<Err = queue_core::Error>>(js: Js, v: Raw, name: &str) -> Result<T, Fault> {
    convert::id(js, v, name)
}

fn as_ids<T: FromStr<Err = queue_core::Error>>(
    js: Js,
    v: Raw,
    name: &str,
) -> Result<Vec<T>, Fault> {
    convert::ids(js, v, name)
}

fn as_int<T: DeserializeOwned>(js: Js, v: Raw, name: &str) -> Result<T, Fault> {
    convert::int(js, v, name)
}

/// An optional integer: `undefined` takes `default` (the core's, as in Python).
fn as_int_or<T: DeserializeOwned + Copy>(default: T) -> impl Fn(Js, Raw, &str) -> Result<T, Fault> {
    convert::int_or(default)
}

/// An optional string: `undefined` takes `default`.
fn as_text_or(default: &'static str) -> impl Fn(Js, Raw, &str) -> Result<String, Fault> {
    move |js, v, name| match js.kind(v)? {
        Kind::Undefined => Ok(default.to_owned()),
        _ => convert::string(js, v, name),
    }
}

fn as_when(js: Js, v: Raw, name: &str) -> Result<chrono::DateTime<chrono::Utc>, Fault> {
    convert::date(js, v, name)
}

/// A required value of a core input type (an object, an enum name, a list).
fn as_input<T: DeserializeOwned>(js: Js, v: Raw, name: &str) -> Result<T, Fault> {
    convert::input(js, v, name, None)
}

/// A required object of a core input type (`NewQueue`, `QueueUpdate`, `StatsQuery`…).
fn as_object<T: DeserializeOwned>(js: Js, v: Raw, name: &str) -> Result<T, Fault> {
    match js.kind(v)? {
        Kind::Object => convert::input(js, v, name, None),
        other => Err(Fault::Type(format!(
            "The \"{name}\" argument must be an object. Received {}",
            other.describe()
        ))),
    }
}

/// An optional options object.
fn as_opts<T: DeserializeOwned>(js: Js, v: Raw, name: &str) -> Result<T, Fault> {
    convert::options(js, v, name)
}

/// Defines each engine method twice: `name` (synchronous) and `name_async` (a Promise).
/// Arguments arrive as raw values and go through their conversion before the call, so a
/// wrong type throws on the calling thread before any work starts.
macro_rules! engine_methods {
    ($(
        $(#[doc = $doc:literal])*
        fn $name:ident / $name_async:ident ( $($arg:ident : $conv:expr),* )
            ts ($ts_args:literal) -> $ts_ret:literal / $ts_async:literal
            = |$e:ident| $body:expr;
    )*) => {
        // Generated for every arity, including none (`tick`), hence the allowances.
        #[napi]
        #[allow(clippy::redundant_closure_call, clippy::needless_lifetimes)]
        impl Engine {
            $(
                $(#[doc = $doc])*
                #[napi(ts_args_type = $ts_args, ts_return_type = $ts_ret)]
                #[allow(unused_variables)]
                pub fn $name<'env>(
                    &self,
                    env: &'env Env,
                    $($arg: Unknown<'env>),*
                ) -> napi::Result<Unknown<'env>> {
                    let js = Js { env: env.raw() };
                    let job = (|| -> Result<Job, Fault> {
                        $(let $arg = $conv(js, $arg.value().value, &camel(stringify!($arg)))?;)*
                        Ok(Box::new(move |$e: &mut queue_core::Engine| Out::of($body?)))
                    })();
                    settle(env, job.and_then(|job| run(&self.shared, job)))
                }

                $(#[doc = $doc])*
                #[doc = ""]
                #[doc = " Asynchronous: runs on a worker thread and resolves with the result."]
                #[napi(ts_args_type = $ts_args, ts_return_type = $ts_async)]
                #[allow(unused_variables)]
                pub fn $name_async<'env>(
                    &self,
                    env: &'env Env,
                    $($arg: Unknown<'env>),*
                ) -> napi::Result<AsyncTask<EngineTask>> {
                    let js = Js { env: env.raw() };
                    let job = (|| -> Result<Job, Fault> {
                        $(let $arg = $conv(js, $arg.value().value, &camel(stringify!($arg)))?;)*
                        Ok(Box::new(move |$e: &mut queue_core::Engine| Out::of($body?)))
                    })();
                    match job {
                        Ok(job) => Ok(AsyncTask::new(EngineTask::new(self.shared.clone(), job))),
                        // A pending JavaScript exception must surface now; the rest reject.
                        Err(Fault::Napi(e)) => Err(e),
                        Err(f) => Ok(AsyncTask::new(EngineTask::failed(f))),
                    }
                }
            )*
        }
    };
}

engine_methods! {
    // ----- users and tokens -----
    #[doc = " Registers a user (the system actor only)."]
    fn create_user / create_user_async (actor: as_actor, new_user: as_object::<NewUser>)
        ts ("actor: ActorLike, newUser: NewUser") -> "User" / "Promise<User>"
        = |e| e.create_user(&actor, new_user);
    #[doc = " Reads a user, with the expansions asked for (`with: ['companies', 'companies.skills', 'companies.queues']`)."]
    fn get_user / get_user_async (actor: as_actor, user_id: as_id::<UserId>, options: as_opts::<UserWithOptions>)
        ts ("actor: ActorLike, userId: string, options?: { with?: UserWith[] }") -> "UserView" / "Promise<UserView>"
        = |e| e.get_user(&actor, user_id, &options.with);
    #[doc = " Users whose username, name or e-mail contains `search` (case-insensitive; default all), at most `limit` (1–1000, default 100)."]
    fn find_users / find_users_async (actor: as_actor, search: as_text_or(""), limit: as_int_or(queue_core::user::DEFAULT_FIND_LIMIT))
        ts ("actor: ActorLike, search?: string, limit?: number") -> "User[]" / "Promise<User[]>"
        = |e| e.find_users(&actor, &search, limit);
    #[doc = " Changes a user (the user themselves or the system)."]
    fn update_user / update_user_async (actor: as_actor, user_id: as_id::<UserId>, update: as_object::<UserUpdate>)
        ts ("actor: ActorLike, userId: string, update: UserUpdate") -> "User" / "Promise<User>"
        = |e| e.update_user(&actor, user_id, update);
    #[doc = " Deletes a user with their tokens and memberships."]
    fn delete_user / delete_user_async (actor: as_actor, user_id: as_id::<UserId>)
        ts ("actor: ActorLike, userId: string") -> "void" / "Promise<void>"
        = |e| e.delete_user(&actor, user_id);
    #[doc = " Issues a personal access token; its `secret` is shown only this once."]
    fn issue_token / issue_token_async (actor: as_actor, user_id: as_id::<UserId>, name: as_text)
        ts ("actor: ActorLike, userId: string, name: string") -> "IssuedToken" / "Promise<IssuedToken>"
        = |e| e.issue_token(&actor, user_id, &name);
    #[doc = " A user's tokens (without secrets)."]
    fn list_tokens / list_tokens_async (actor: as_actor, user_id: as_id::<UserId>)
        ts ("actor: ActorLike, userId: string") -> "AccessToken[]" / "Promise<AccessToken[]>"
        = |e| e.list_tokens(&actor, user_id);
    #[doc = " Revokes a token; it authenticates nobody afterwards."]
    fn revoke_token / revoke_token_async (actor: as_actor, token_id: as_id::<TokenId>)
        ts ("actor: ActorLike, tokenId: string") -> "AccessToken" / "Promise<AccessToken>"
        = |e| e.revoke_token(&actor, token_id);

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

    // ----- objects, stays and routing -----
    #[doc = " Creates an object (a chat, call, e-mail…) without queueing it yet."]
    fn create_object / create_object_async (actor: as_actor, new_object: as_object::<NewObject>)
        ts ("actor: ActorLike, newObject: NewObject") -> "QueueableObject" / "Promise<QueueableObject>"
        = |e| e.create_object(&actor, new_object);
    #[doc = " Reads an object."]
    fn get_object / get_object_async (actor: as_actor, object_id: as_id::<ObjectId>)
        ts ("actor: ActorLike, objectId: string") -> "QueueableObject" / "Promise<QueueableObject>"
        = |e| e.get_object(&actor, object_id);
    #[doc = " Every stay of an object, live or ended."]
    fn list_object_stays / list_object_stays_async (actor: as_actor, object_id: as_id::<ObjectId>)
        ts ("actor: ActorLike, objectId: string") -> "Stay[]" / "Promise<Stay[]>"
        = |e| e.list_object_stays(&actor, object_id);
    #[doc = " Changes an object's priority; its waiting stays reorder."]
    fn set_object_priority / set_object_priority_async (actor: as_actor, object_id: as_id::<ObjectId>, priority: as_int::<i32>)
        ts ("actor: ActorLike, objectId: string, priority: number") -> "QueueableObject" / "Promise<QueueableObject>"
        = |e| e.set_object_priority(&actor, object_id, priority);
    #[doc = " Puts an existing object in a queue (`{ password }` for a protected one); routes at once."]
    fn enqueue / enqueue_async (actor: as_actor, object_id: as_id::<ObjectId>, queue_id: as_id::<QueueId>, options: as_opts::<EnqueueOptions>)
        ts ("actor: ActorLike, objectId: string, queueId: string, options?: { password?: string, preferredAgentId?: string, preferredForSeconds?: number }") -> "Stay" / "Promise<Stay>"
        = |e| e.enqueue_preferring(&actor, object_id, queue_id, options.password.as_deref(), options.preferred());
    #[doc = " Creates an object and puts it in a queue in one transaction; routes at once."]
    fn enqueue_new / enqueue_new_async (actor: as_actor, new_object: as_object::<NewObject>, queue_id: as_id::<QueueId>, options: as_opts::<EnqueueOptions>)
        ts ("actor: ActorLike, newObject: NewObject, queueId: string, options?: { password?: string, preferredAgentId?: string, preferredForSeconds?: number }") -> "Stay" / "Promise<Stay>"
        = |e| e.enqueue_new_preferring(&actor, new_object, queue_id, options.password.as_deref(), options.preferred());
    #[doc = " Where a waiting object stands: position, objects ahead and an estimated wait."]
    fn queue_position / queue_position_async (actor: as_actor, stay_id: as_id::<StayId>)
        ts ("actor: ActorLike, stayId: string") -> "QueuePosition" / "Promise<QueuePosition>"
        = |e| e.queue_position(&actor, stay_id);
    #[doc = " Reads a stay."]
    fn get_stay / get_stay_async (actor: as_actor, stay_id: as_id::<StayId>)
        ts ("actor: ActorLike, stayId: string") -> "Stay" / "Promise<Stay>"
        = |e| e.get_stay(&actor, stay_id);
    #[doc = " The stays waiting in a queue in serving order, at most `limit` (1–10 000, default 100)."]
    #[doc = " `iterWaiting()` walks the whole line."]
    fn list_waiting / list_waiting_async (actor: as_actor, queue_id: as_id::<QueueId>, limit: as_int_or(queue_core::waiting::DEFAULT_WAITING_LIMIT))
        ts ("actor: ActorLike, queueId: string, limit?: number") -> "Stay[]" / "Promise<Stay[]>"
        = |e| e.list_waiting(&actor, queue_id, limit);
    #[doc = " One page of a queue's waiting line in serving order (`pageLimit` 1–1000, default 100);"]
    #[doc = " pass `nextPageKey` back as `pageKey` for the next. `iterWaiting()` iterates over every page."]
    fn list_waiting_page / list_waiting_page_async (actor: as_actor, queue_id: as_id::<QueueId>, options: as_opts::<PageOptions>)
        ts ("actor: ActorLike, queueId: string, options?: { pageKey?: string | null, pageLimit?: number }") -> "WaitingPage" / "Promise<WaitingPage>"
        = |e| e.list_waiting_page(&actor, queue_id, options.page_key.as_deref(), options.page_limit);
    #[doc = " The stays offered or assigned to an agent."]
    fn list_agent_stays / list_agent_stays_async (actor: as_actor, company_user_id: as_id::<CompanyUserId>)
        ts ("actor: ActorLike, companyUserId: string") -> "Stay[]" / "Promise<Stay[]>"
        = |e| e.list_agent_stays(&actor, company_user_id);
    #[doc = " Accepts an offer: the stay is assigned to the agent."]
    fn accept_offer / accept_offer_async (actor: as_actor, stay_id: as_id::<StayId>)
        ts ("actor: ActorLike, stayId: string") -> "Stay" / "Promise<Stay>"
        = |e| e.accept_offer(&actor, stay_id);
    #[doc = " Rejects an offer: the stay waits again, never offered to this agent again."]
    fn reject_offer / reject_offer_async (actor: as_actor, stay_id: as_id::<StayId>)
        ts ("actor: ActorLike, stayId: string") -> "Stay" / "Promise<Stay>"
        = |e| e.reject_offer(&actor, stay_id);
    #[doc = " An agent allowed to pick takes a waiting stay they are eligible for."]
    fn pick / pick_async (actor: as_actor, company_user_id: as_id::<CompanyUserId>, stay_id: as_id::<StayId>)
        ts ("actor: ActorLike, companyUserId: string, stayId: string") -> "Stay" / "Promise<Stay>"
        = |e| e.pick(&actor, company_user_id, stay_id);
    #[doc = " Completes an assigned stay, freeing the agent's capacity."]
    fn complete / complete_async (actor: as_actor, stay_id: as_id::<StayId>)
        ts ("actor: ActorLike, stayId: string") -> "Stay" / "Promise<Stay>"
        = |e| e.complete(&actor, stay_id);
    #[doc = " Moves a stay to another queue, keeping its original wait; returns the new stay."]
    fn transfer / transfer_async (actor: as_actor, stay_id: as_id::<StayId>, to_queue_id: as_id::<QueueId>)
        ts ("actor: ActorLike, stayId: string, toQueueId: string") -> "Stay" / "Promise<Stay>"
        = |e| e.transfer(&actor, stay_id, to_queue_id);
    #[doc = " Ends a waiting or offered stay from the customer's side."]
    fn abandon / abandon_async (actor: as_actor, stay_id: as_id::<StayId>)
        ts ("actor: ActorLike, stayId: string") -> "Stay" / "Promise<Stay>"
        = |e| e.abandon(&actor, stay_id);
    #[doc = " The first rule keeping an agent from a stay, or `null` when eligible now."]
    fn eligibility / eligibility_async (actor: as_actor, company_user_id: as_id::<CompanyUserId>, stay_id: as_id::<StayId>)
        ts ("actor: ActorLike, companyUserId: string, stayId: string") -> "Ineligible | null" / "Promise<Ineligible | null>"
        = |e| e.eligibility(&actor, company_user_id, stay_id);
    #[doc = " Why each live stay of an object is where it is (supervisor and up)."]
    fn explain / explain_async (actor: as_actor, object_id: as_id::<ObjectId>)
        ts ("actor: ActorLike, objectId: string") -> "Explanation[]" / "Promise<Explanation[]>"
        = |e| e.explain(&actor, object_id);

    // ----- notes and ratings -----
    #[doc = " Adds a note to a stay."]
    fn add_note / add_note_async (actor: as_actor, stay_id: as_id::<StayId>, text: as_text)
        ts ("actor: ActorLike, stayId: string, text: string") -> "Note" / "Promise<Note>"
        = |e| e.add_note(&actor, stay_id, &text);
    #[doc = " A stay's notes."]
    fn list_notes / list_notes_async (actor: as_actor, stay_id: as_id::<StayId>)
        ts ("actor: ActorLike, stayId: string") -> "Note[]" / "Promise<Note[]>"
        = |e| e.list_notes(&actor, stay_id);
    #[doc = " Records the one rating (1–5, with an optional comment) of a handled object."]
    fn rate / rate_async (actor: as_actor, object_id: as_id::<ObjectId>, score: as_int::<u8>, comment: as_opt_text)
        ts ("actor: ActorLike, objectId: string, score: number, comment?: string") -> "Rating" / "Promise<Rating>"
        = |e| e.rate(&actor, object_id, score, comment.as_deref().unwrap_or_default());
    #[doc = " An object's rating, if any."]
    fn get_rating / get_rating_async (actor: as_actor, object_id: as_id::<ObjectId>)
        ts ("actor: ActorLike, objectId: string") -> "Rating | null" / "Promise<Rating | null>"
        = |e| e.get_rating(&actor, object_id);

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

    // ----- history -----
    #[doc = " Statistics of every queue of a company over a window (supervisor and up)."]
    fn queue_stats / queue_stats_async (actor: as_actor, query: as_object::<StatsQuery>)
        ts ("actor: ActorLike, query: StatsQuery") -> "QueueStats[]" / "Promise<QueueStats[]>"
        = |e| e.queue_stats(&actor, &query);
    #[doc = " Every queue's statistics for each `intervalMinutes` (1–1440, default 15) of the"]
    #[doc = " window: one row per queue per interval (supervisor and up)."]
    fn queue_stats_by_interval / queue_stats_by_interval_async (actor: as_actor, query: as_object::<StatsQuery>, interval_minutes: as_int_or(queue_core::stats::DEFAULT_INTERVAL_MINUTES))
        ts ("actor: ActorLike, query: StatsQuery, intervalMinutes?: number") -> "IntervalQueueStats[]" / "Promise<IntervalQueueStats[]>"
        = |e| e.queue_stats_by_interval(&actor, &query, interval_minutes);
    #[doc = " Statistics of every agent of a company over a window (supervisor and up)."]
    fn agent_stats / agent_stats_async (actor: as_actor, query: as_object::<StatsQuery>)
        ts ("actor: ActorLike, query: StatsQuery") -> "AgentStats[]" / "Promise<AgentStats[]>"
        = |e| e.agent_stats(&actor, &query);
    #[doc = " Stored domain events, oldest first (the system, or admins of the queried company)."]
    fn events / events_async (actor: as_actor, query: as_opts::<queue_core::EventQuery>)
        ts ("actor: ActorLike, query?: EventQuery") -> "QueueEvent[]" / "Promise<QueueEvent[]>"
        = |e| e.events(&actor, &query);
    #[doc = " Removes history older than `before` (to the whole second): stays that ended before it"]
    #[doc = " with their notes, objects created before it that no stay is left for with their ratings,"]
    #[doc = " agents' time pieces, events; live work is untouched. Says how many of each went. The"]
    #[doc = " system actor only. For pruning by age as the engine runs, open it with `retentionMs`."]
    fn prune_history / prune_history_async (actor: as_actor, before: as_when)
        ts ("actor: ActorLike, before: Date") -> "Pruned" / "Promise<Pruned>"
        = |e| e.prune_history(&actor, before);

    // ----- batches -----
    #[doc = " Opens a batch: every command on this engine from now until `commitBatch` or `abortBatch`"]
    #[doc = " (from any callback) is applied, routed and answered as usual, but nothing of it is written,"]
    #[doc = " seen by other engines or by watchers until the batch commits, in one store commit. Throws"]
    #[doc = " `ERR_CONFLICT` with `reason: 'batch_open'` if a batch is open already. `batch(fn)` and"]
    #[doc = " `batchAsync(fn)` wrap the three calls."]
    fn begin_batch / begin_batch_async ()
        ts ("") -> "void" / "Promise<void>"
        = |e| e.begin_batch();
    #[doc = " Commits the open batch in one store commit; if that fails none of it happened. Does"]
    #[doc = " nothing without an open batch."]
    fn commit_batch / commit_batch_async ()
        ts ("") -> "void" / "Promise<void>"
        = |e| e.commit_batch();
    #[doc = " Undoes every command of the open batch and ends it; does nothing without one."]
    fn abort_batch / abort_batch_async ()
        ts ("") -> "void" / "Promise<void>"
        = |e| {
            e.abort_batch();
            Ok::<(), queue_core::Error>(())
        };

    // ----- time -----
    #[doc = " Processes everything due by now (offer timeouts, escalations, queues opening) and"]
    #[doc = " routes what that makes possible. Call it when `nextDue()` arrives."]
    fn tick / tick_async ()
        ts ("") -> "void" / "Promise<void>"
        = |e| e.tick();
    #[doc = " Drops the working set and loads it again from the store (after restoring a backup)."]
    fn reload / reload_async ()
        ts ("") -> "void" / "Promise<void>"
        = |e| e.reload();
}
