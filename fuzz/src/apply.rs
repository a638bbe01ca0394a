//! Running one command on the engine, and what the run has made so far to pick from.

use crate::cmd::*;
use chrono::{Duration, NaiveTime, Weekday};
use queue_core::*;

pub(crate) const SYS: Actor = Actor::System;

pub(crate) fn actor_of(who: Who, made: &Made) -> Actor {
    match who {
        Who::System => SYS,
        Who::Anonymous => Actor::Anonymous,
        Who::Agent(i) => pick(&made.agents, i).map_or(SYS, |(_, u, _)| Actor::User(u)),
        Who::Unknown => Actor::User(UserId(unknown())),
    }
}

/// What the run has made, to pick from.
#[derive(Default)]
pub(crate) struct Made {
    pub(crate) companies: Vec<CompanyId>,
    pub(crate) agents: Vec<(CompanyUserId, UserId, CompanyId)>,
    pub(crate) queues: Vec<QueueId>,
    pub(crate) skills: Vec<SkillId>,
    pub(crate) objects: Vec<ObjectId>,
    pub(crate) stays: Vec<StayId>,
    pub(crate) closures: Vec<BlacklistId>,
    pub(crate) teams: Vec<TeamId>,
    pub(crate) statuses: Vec<PresenceStatusId>,
}

impl Made {
    /// Whether `cmd` would grow the world past its bounds. The checks after every command
    /// cost stays × agents, so a world of a few companies, a dozen agents and queues and
    /// forty objects keeps each input fast, which is where the fuzzer finds depth.
    pub(crate) fn is_full(&self, cmd: &Cmd) -> bool {
        match cmd {
            Cmd::CreateCompany { .. } => self.companies.len() >= 4,
            Cmd::CreateAgent { .. } => self.agents.len() >= 12,
            Cmd::CreateQueue { .. } => self.queues.len() >= 12,
            Cmd::Enqueue { .. } | Cmd::EnqueueAgain { .. } | Cmd::Transfer { .. } => {
                self.stays.len() >= 48
            }
            Cmd::Team { .. } => self.teams.len() >= 8,
            Cmd::CreateStatus(..) => self.statuses.len() >= 8,
            Cmd::As(_, inner) => self.is_full(inner),
            _ => false,
        }
    }
}

pub(crate) fn pick<T: Copy>(v: &[T], i: u8) -> Option<T> {
    v.get(usize::from(i)).copied()
}

pub(crate) fn unknown() -> uuid::Uuid {
    uuid::Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_dead_beef)
}

macro_rules! id_or_unknown {
    ($v:expr, $i:expr, $t:ident) => {
        pick(&$v, $i).unwrap_or($t(unknown()))
    };
}

/// Runs one command; true when the engine accepted it.
pub(crate) fn apply(
    engine: &mut Engine,
    clock: &ManualClock,
    made: &mut Made,
    me: Actor,
    cmd: &Cmd,
) -> bool {
    let now = engine.now();
    let company = |i: u8, made: &Made| id_or_unknown!(made.companies, i, CompanyId);
    let agent =
        |i: u8, made: &Made| pick(&made.agents, i).map_or(CompanyUserId(unknown()), |(a, _, _)| a);
    let queue = |i: u8, made: &Made| id_or_unknown!(made.queues, i, QueueId);
    let stay = |i: u8, made: &Made| id_or_unknown!(made.stays, i, StayId);
    let object = |i: u8, made: &Made| id_or_unknown!(made.objects, i, ObjectId);
    let skill = |i: u8, made: &Made| id_or_unknown!(made.skills, i, SkillId);
    let status = |i: u8, made: &Made| id_or_unknown!(made.statuses, i, PresenceStatusId);
    match cmd {
        Cmd::Advance(step) => {
            let d = match *step {
                Step::Seconds(s) => Duration::seconds(i64::from(s)),
                Step::Millis(ms) => Duration::milliseconds(i64::from(ms)),
                Step::Days(d) => Duration::days(i64::from(d)),
                Step::Huge(ms) => Duration::try_milliseconds(ms).unwrap_or(Duration::MAX),
                Step::Max => Duration::MAX,
            };
            clock.advance(d);
            let _ = clock.try_advance(d);
            engine.tick().is_ok()
        }
        Cmd::SetClock(w) => {
            clock.set(instant(*w, now));
            engine.tick().is_ok()
        }
        Cmd::CreateCompany {
            zone: z,
            capacity,
            pick,
            name,
            missed,
        } => {
            let new = NewCompany {
                name: name.get(),
                time_zone: zone(*z),
                default_max_number_of_objects_handled: *capacity,
                default_ability_to_pick_from_queue: *pick,
                max_missed_offers: u32::from(*missed),
                ..Default::default()
            };
            match engine.create_company(&me, new) {
                Ok(c) => {
                    made.companies.push(c.id);
                    true
                }
                Err(_) => false,
            }
        }
        Cmd::UpdateCompany {
            company: c,
            capacity,
            zone: z,
        } => {
            let update = CompanyUpdate {
                default_max_number_of_objects_handled: *capacity,
                time_zone: z.map(zone),
                ..Default::default()
            };
            engine
                .update_company(&me, company(*c, made), update)
                .is_ok()
        }
        Cmd::DeleteCompany(c) => engine.delete_company(&me, company(*c, made)).is_ok(),
        Cmd::CreateAgent {
            company: c,
            role: r,
            capacity,
            pick,
            name,
        } => {
            let n = made.agents.len();
            let user = NewUser {
                username: format!("agent{n}"),
                firstname: "Agent".into(),
                lastname: if matches!(name, Text::Name(_)) {
                    "Tester".into()
                } else {
                    name.get()
                },
                email: format!("agent{n}@example.org"),
                ..Default::default()
            };
            let Ok(user) = engine.create_user(&me, user) else {
                return false;
            };
            let cid = company(*c, made);
            let new = NewCompanyUser {
                role: role(*r),
                max_number_of_objects_handled: capacity.unwrap_or(1),
                is_auto_max_number_handled: capacity.is_none(),
                ability_to_pick_from_queue: pick.unwrap_or(false),
                is_auto_ability_to_pick_from_queue: pick.is_none(),
                ..NewCompanyUser::agent(cid, user.id)
            };
            // Two commands: the user stays even when the membership is refused, so the
            // pair counts as accepted for the "refused stores nothing" check.
            if let Ok(cu) = engine.create_company_user(&me, new) {
                made.agents.push((cu.id, user.id, cid));
            }
            true
        }
        Cmd::UpdateAgent {
            agent: a,
            active,
            capacity,
            auto,
            role: r,
        } => {
            let update = CompanyUserUpdate {
                is_active: *active,
                max_number_of_objects_handled: *capacity,
                is_auto_max_number_handled: *auto,
                role: r.map(role),
                ..Default::default()
            };
            engine
                .update_company_user(&me, agent(*a, made), update)
                .is_ok()
        }
        Cmd::DeleteAgent(a) => engine.delete_company_user(&me, agent(*a, made)).is_ok(),
        Cmd::Presence(a, s) => {
            let update = PresenceUpdate {
                show: Some(show(*s)),
                ..Default::default()
            };
            engine.set_presence(&me, agent(*a, made), update).is_ok()
        }
        Cmd::Lock(a, s) => engine.lock_presence(&me, agent(*a, made), show(*s)).is_ok(),
        Cmd::Unlock(a) => engine.unlock_presence(&me, agent(*a, made)).is_ok(),
        Cmd::CreateStatus(c, name, s) => {
            match engine.create_presence_status(&me, company(*c, made), &name.get(), show(*s)) {
                Ok(st) => {
                    made.statuses.push(st.id);
                    true
                }
                Err(_) => false,
            }
        }
        Cmd::RenameStatus(st, name) => engine
            .rename_presence_status(&me, status(*st, made), &name.get())
            .is_ok(),
        Cmd::DeleteStatus(st) => engine
            .delete_presence_status(&me, status(*st, made))
            .is_ok(),
        Cmd::SetStatus(a, st, s) => {
            let update = PresenceUpdate {
                status_id: Some(status(*st, made)),
                show: s.map(show),
                ..Default::default()
            };
            engine.set_presence(&me, agent(*a, made), update).is_ok()
        }
        Cmd::LockStatus(a, st) => engine
            .lock_presence_status(&me, agent(*a, made), status(*st, made))
            .is_ok(),
        Cmd::EndWrapUp(a) => engine.end_wrap_up(&me, agent(*a, made)).is_ok(),
        Cmd::CreateQueue {
            company: c,
            name,
            delay,
            timeout,
            strategy: s,
            personal,
            active,
        } => {
            let new = NewQueue {
                priority_delay: *delay,
                offer_timeout: *timeout,
                strategy: strategy(*s),
                company_user_id: personal.map(|p| agent(p, made)),
                is_active: *active,
                ..NewQueue::named(company(*c, made), &name.get())
            };
            match engine.create_queue(&me, new) {
                Ok(q) => {
                    made.queues.push(q.id);
                    true
                }
                Err(_) => false,
            }
        }
        Cmd::UpdateQueue {
            queue: q,
            delay,
            timeout,
            active,
            strategy: s,
            name,
            wrap_up,
            max_waiting,
            max_wait,
            overflow,
        } => {
            let update = QueueUpdate {
                priority_delay: *delay,
                offer_timeout: *timeout,
                is_active: *active,
                strategy: s.map(strategy),
                name: name.as_ref().map(Text::get),
                wrap_up_seconds: wrap_up.map(u32::from),
                max_waiting: max_waiting.map(|m| m.map(u32::from)),
                max_wait_seconds: max_wait.map(|m| m.map(u32::from)),
                overflow_queue_id: overflow.map(|o| o.map(|o| queue(o, made))),
                ..Default::default()
            };
            engine.update_queue(&me, queue(*q, made), update).is_ok()
        }
        Cmd::DeleteQueue(q) => engine.delete_queue(&me, queue(*q, made)).is_ok(),
        Cmd::Staff {
            queue: q,
            agent: a,
            tier,
        } => engine
            .assign_operator(&me, queue(*q, made), agent(*a, made), *tier)
            .is_ok(),
        Cmd::Restaff {
            queue: q,
            agent: a,
            enabled,
            tier,
        } => {
            let update = OperatorUpdate {
                enabled: *enabled,
                tier: *tier,
            };
            engine
                .update_operator(&me, queue(*q, made), agent(*a, made), update)
                .is_ok()
        }
        Cmd::Unstaff { queue: q, agent: a } => engine
            .unassign_operator(&me, queue(*q, made), agent(*a, made))
            .is_ok(),
        Cmd::CreateSkill(c, name) => match engine.create_skill(&me, company(*c, made), &name.get())
        {
            Ok(s) => {
                made.skills.push(s.id);
                true
            }
            Err(_) => false,
        },
        Cmd::DeleteSkill(s) => engine.delete_skill(&me, skill(*s, made)).is_ok(),
        Cmd::AgentSkill {
            agent: a,
            skill: s,
            level,
        } => engine
            .set_agent_skill(&me, agent(*a, made), skill(*s, made), *level)
            .is_ok(),
        Cmd::QueueSkill {
            queue: q,
            skill: s,
            level,
        } => engine
            .set_queue_skill(&me, queue(*q, made), skill(*s, made), *level)
            .is_ok(),
        Cmd::SetHours {
            company: c,
            queue: q,
            intervals,
        } => {
            let intervals = intervals
                .iter()
                .take(80)
                .map(|(d, o, c)| OpenInterval {
                    weekday: Weekday::try_from(d % 7).unwrap_or(Weekday::Mon),
                    opens: NaiveTime::from_num_seconds_from_midnight_opt(o % 86_400, 0)
                        .unwrap_or(NaiveTime::MIN),
                    closes: NaiveTime::from_num_seconds_from_midnight_opt(c % 86_400, 0)
                        .unwrap_or(NaiveTime::MIN),
                })
                .collect();
            engine
                .set_hours(&me, company(*c, made), q.map(|q| queue(q, made)), intervals)
                .is_ok()
        }
        Cmd::ClearHours {
            company: c,
            queue: q,
        } => engine
            .clear_hours(&me, company(*c, made), q.map(|q| queue(q, made)))
            .is_ok(),
        Cmd::Closure {
            company: c,
            queue: q,
            from,
            to,
        } => {
            let new = NewBlacklistHours {
                starts_at: instant(*from, now),
                ends_at: instant(*to, now),
                reason: String::new(),
            };
            let r = match q {
                Some(q) => engine.add_blacklist_hours(&me, queue(*q, made), new),
                None => engine.add_common_blacklist_hours(&me, company(*c, made), new),
            };
            match r {
                Ok(b) => {
                    made.closures.push(b.id);
                    true
                }
                Err(_) => false,
            }
        }
        Cmd::DeleteClosure(b) => engine
            .delete_blacklist_hours(&me, id_or_unknown!(made.closures, *b, BlacklistId))
            .is_ok(),
        Cmd::Enqueue {
            queue: q,
            priority,
            skills,
            name,
        } => {
            let qid = queue(*q, made);
            let company_id = engine
                .get_queue(&SYS, qid)
                .map_or(CompanyId(unknown()), |q| q.company_id);
            let new = NewObject {
                priority: *priority,
                required_skills: skills
                    .iter()
                    .take(5)
                    .map(|(s, l)| SkillRequirement {
                        skill_id: skill(*s, made),
                        min_level: *l,
                    })
                    .collect(),
                ..NewObject::chat(company_id, &name.get())
            };
            match engine.enqueue_new(&me, new, qid, None) {
                Ok(s) => {
                    made.objects.push(s.object_id);
                    made.stays.push(s.id);
                    true
                }
                Err(_) => false,
            }
        }
        Cmd::EnqueueAgain {
            object: o,
            queue: q,
        } => match engine.enqueue(&me, object(*o, made), queue(*q, made), None) {
            Ok(s) => {
                made.stays.push(s.id);
                true
            }
            Err(_) => false,
        },
        Cmd::Accept(s) => engine.accept_offer(&me, stay(*s, made)).is_ok(),
        Cmd::Reject(s) => engine.reject_offer(&me, stay(*s, made)).is_ok(),
        Cmd::Complete(s) => engine.complete(&me, stay(*s, made)).is_ok(),
        Cmd::Abandon(s) => engine.abandon(&me, stay(*s, made)).is_ok(),
        Cmd::Transfer { stay: s, queue: q } => {
            match engine.transfer(&me, stay(*s, made), queue(*q, made)) {
                Ok(new) => {
                    made.stays.push(new.id);
                    true
                }
                Err(_) => false,
            }
        }
        Cmd::Pick { agent: a, stay: s } => {
            engine.pick(&me, agent(*a, made), stay(*s, made)).is_ok()
        }
        Cmd::Priority {
            object: o,
            priority,
        } => engine
            .set_object_priority(&me, object(*o, made), *priority)
            .is_ok(),
        Cmd::Rate { object: o, score } => {
            engine.rate(&me, object(*o, made), *score, "fuzz").is_ok()
        }
        Cmd::Note(s, text) => engine.add_note(&me, stay(*s, made), &text.get()).is_ok(),
        Cmd::Explain(o) => engine.explain(&me, object(*o, made)).is_ok(),
        Cmd::Stats {
            company: c,
            from,
            to,
            threshold,
        } => {
            let q = StatsQuery {
                company_id: company(*c, made),
                from: instant(*from, now),
                to: instant(*to, now),
                service_level_seconds: *threshold,
            };
            engine.queue_stats(&me, &q).is_ok() && engine.agent_stats(&me, &q).is_ok()
        }
        Cmd::Waiting {
            queue: q,
            limit,
            page,
        } => match page {
            Some(key) => engine
                .list_waiting_page(
                    &me,
                    queue(*q, made),
                    Some(&key.get()),
                    Some(usize::from(*limit)),
                )
                .is_ok(),
            None => engine
                .list_waiting(&me, queue(*q, made), usize::from(*limit))
                .is_ok(),
        },
        Cmd::IsOpen(q, w) => engine
            .is_open(&me, queue(*q, made), instant(*w, now))
            .is_ok(),
        Cmd::Team {
            company: c,
            name,
            members,
        } => {
            let Ok(team) = engine.create_team(&me, company(*c, made), &name.get()) else {
                return false;
            };
            made.teams.push(team.id);
            let ids: Vec<CompanyUserId> = members.iter().map(|a| agent(*a, made)).collect();
            let _ = engine.add_team_members(&me, team.id, &ids);
            true
        }
        Cmd::TeamPresence { team, key, limit } => engine
            .list_team_presence(
                &me,
                id_or_unknown!(made.teams, *team, TeamId),
                key.as_ref().map(Text::get).as_deref(),
                limit.map(usize::from),
            )
            .is_ok(),
        Cmd::Events {
            company: c,
            from,
            limit,
        } => {
            let q = EventQuery {
                company_id: c.map(|c| company(c, made)),
                from: from.map(|w| instant(w, now)),
                limit: limit.map(usize::from),
                ..Default::default()
            };
            engine.events(&me, &q).is_ok()
        }
        Cmd::Reload => engine.reload().is_ok(),
        // `run` unwraps these before calling.
        Cmd::As(..) => false,
    }
}
