//! Every operation against every kind of actor that may not do it: anonymous callers are
//! unauthenticated (401), users outside the company learn nothing (404), members whose role
//! is too low are forbidden (403) — and a refused call changes nothing. Each operation is
//! then run by the least-privileged actor allowed, to show the rule is not simply "deny".

mod common;

use common::{fixture, Fx};
use queue_behaviour::*;

use queue_core::*;

/// Who may call an operation.
#[derive(Clone, Copy)]
enum Need {
    /// Any active member of the company.
    Member,
    /// A member with at least this role.
    AtLeast(Role),
    /// The agent `g` themselves, or a member with at least this role.
    SelfOr(Role),
}

type Op = fn(&mut Engine, &Fx, &Actor) -> Result<()>;

fn ok<T>(r: Result<T>) -> Result<()> {
    r.map(|_| ())
}

fn week() -> Vec<OpenInterval> {
    let nine = chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap();
    vec![OpenInterval {
        weekday: chrono::Weekday::Mon,
        opens: nine,
        closes: nine,
    }]
}

fn stats_query(e: &Engine, f: &Fx) -> StatsQuery {
    let now = e.now();
    StatsQuery {
        company_id: f.c,
        from: now - chrono::Duration::hours(1),
        to: now + chrono::Duration::hours(1),
        service_level_seconds: 20,
    }
}

/// Every company-scoped operation with who may call it.
fn operations() -> Vec<(&'static str, Need, Op)> {
    use Need::*;
    vec![
        ("get_company", Member, |e, f, a| {
            ok(e.get_company(a, f.c, &[CompanyWith::Users]))
        }),
        ("update_company", AtLeast(Role::Admin), |e, f, a| {
            ok(e.update_company(
                a,
                f.c,
                CompanyUpdate {
                    name: Some("New".into()),
                    ..Default::default()
                },
            ))
        }),
        ("delete_company", AtLeast(Role::Owner), |e, f, a| {
            e.delete_company(a, f.c)
        }),
        ("create_company_user", AtLeast(Role::Admin), |e, f, a| {
            ok(e.create_company_user(
                a,
                NewCompanyUser {
                    user_id: None,
                    invited_email: Some("new@example.org".into()),
                    ..NewCompanyUser::agent(f.c, UserId(uuid::Uuid::nil()))
                },
            ))
        }),
        (
            "create_company_user as owner",
            AtLeast(Role::Owner),
            |e, f, a| {
                ok(e.create_company_user(
                    a,
                    NewCompanyUser {
                        user_id: None,
                        invited_email: Some("boss@example.org".into()),
                        role: Role::Owner,
                        ..NewCompanyUser::agent(f.c, UserId(uuid::Uuid::nil()))
                    },
                ))
            },
        ),
        ("get_company_user", Member, |e, f, a| {
            ok(e.get_company_user(a, f.g))
        }),
        ("list_company_users", Member, |e, f, a| {
            ok(e.list_company_users(a, &[f.c]))
        }),
        ("update_company_user", AtLeast(Role::Admin), |e, f, a| {
            ok(e.update_company_user(
                a,
                f.g,
                CompanyUserUpdate {
                    max_number_of_objects_handled: Some(5),
                    ..Default::default()
                },
            ))
        }),
        ("create_skill", AtLeast(Role::Admin), |e, f, a| {
            ok(e.create_skill(a, f.c, "french"))
        }),
        ("get_skill", Member, |e, f, a| ok(e.get_skill(a, f.skill))),
        ("list_skills", Member, |e, f, a| ok(e.list_skills(a, f.c))),
        ("rename_skill", AtLeast(Role::Admin), |e, f, a| {
            ok(e.rename_skill(a, f.skill, "nederlands"))
        }),
        ("delete_skill", AtLeast(Role::Admin), |e, f, a| {
            e.delete_skill(a, f.skill)
        }),
        ("set_agent_skill", AtLeast(Role::Admin), |e, f, a| {
            ok(e.set_agent_skill(a, f.g, f.skill, 5))
        }),
        ("remove_agent_skill", AtLeast(Role::Admin), |e, f, a| {
            e.remove_agent_skill(a, f.g, f.skill)
        }),
        ("list_agent_skills", Member, |e, f, a| {
            ok(e.list_agent_skills(a, f.g))
        }),
        ("set_queue_skill", AtLeast(Role::Admin), |e, f, a| {
            ok(e.set_queue_skill(a, f.q_empty, f.skill, 5))
        }),
        ("remove_queue_skill", AtLeast(Role::Admin), |e, f, a| {
            e.remove_queue_skill(a, f.q_empty, f.skill)
        }),
        ("list_queue_skills", Member, |e, f, a| {
            ok(e.list_queue_skills(a, f.q))
        }),
        ("create_queue", AtLeast(Role::Admin), |e, f, a| {
            ok(e.create_queue(a, NewQueue::named(f.c, "new")))
        }),
        ("get_queue", Member, |e, f, a| ok(e.get_queue(a, f.q))),
        ("list_queues", Member, |e, f, a| ok(e.list_queues(a, f.c))),
        ("update_queue", AtLeast(Role::Admin), |e, f, a| {
            ok(e.update_queue(
                a,
                f.q,
                QueueUpdate {
                    name: Some("renamed".into()),
                    ..Default::default()
                },
            ))
        }),
        ("delete_queue", AtLeast(Role::Admin), |e, f, a| {
            e.delete_queue(a, f.q_empty)
        }),
        ("queue_status", Member, |e, f, a| ok(e.queue_status(a, f.q))),
        ("assign_operator", AtLeast(Role::Supervisor), |e, f, a| {
            ok(e.assign_operator(a, f.q_empty, f.g, 1))
        }),
        ("update_operator", AtLeast(Role::Supervisor), |e, f, a| {
            ok(e.update_operator(
                a,
                f.q,
                f.g,
                OperatorUpdate {
                    tier: Some(2),
                    ..Default::default()
                },
            ))
        }),
        ("unassign_operator", AtLeast(Role::Supervisor), |e, f, a| {
            e.unassign_operator(a, f.q_tier2, f.g)
        }),
        ("list_operators", Member, |e, f, a| {
            ok(e.list_operators(a, f.q))
        }),
        ("list_assignments", Member, |e, f, a| {
            ok(e.list_assignments(a, f.g))
        }),
        ("get_presence", Member, |e, f, a| ok(e.get_presence(a, f.g))),
        ("set_presence", SelfOr(Role::Supervisor), |e, f, a| {
            ok(e.set_presence(
                a,
                f.g,
                PresenceUpdate {
                    show: Some(Show::Away),
                    ..Default::default()
                },
            ))
        }),
        ("lock_presence", AtLeast(Role::Supervisor), |e, f, a| {
            ok(e.lock_presence(a, f.g, Show::Dnd))
        }),
        ("unlock_presence", AtLeast(Role::Supervisor), |e, f, a| {
            ok(e.unlock_presence(a, f.g))
        }),
        ("set_hours", AtLeast(Role::Admin), |e, f, a| {
            ok(e.set_hours(a, f.c, Some(f.q_empty), week()))
        }),
        ("get_hours", Member, |e, f, a| ok(e.get_hours(a, f.c, None))),
        ("clear_hours", AtLeast(Role::Admin), |e, f, a| {
            e.clear_hours(a, f.c, None)
        }),
        ("add_blacklist_hours", AtLeast(Role::Admin), |e, f, a| {
            let now = e.now();
            ok(e.add_blacklist_hours(
                a,
                f.q,
                NewBlacklistHours {
                    starts_at: now + chrono::Duration::days(60),
                    ends_at: now + chrono::Duration::days(61),
                    reason: String::new(),
                },
            ))
        }),
        (
            "add_common_blacklist_hours",
            AtLeast(Role::Admin),
            |e, f, a| {
                let now = e.now();
                ok(e.add_common_blacklist_hours(
                    a,
                    f.c,
                    NewBlacklistHours {
                        starts_at: now + chrono::Duration::days(60),
                        ends_at: now + chrono::Duration::days(61),
                        reason: String::new(),
                    },
                ))
            },
        ),
        ("list_blacklist_hours", Member, |e, f, a| {
            ok(e.list_blacklist_hours(a, f.q))
        }),
        ("list_common_blacklist_hours", Member, |e, f, a| {
            ok(e.list_common_blacklist_hours(a, f.c))
        }),
        ("delete_blacklist_hours", AtLeast(Role::Admin), |e, f, a| {
            e.delete_blacklist_hours(a, f.blacklist)
        }),
        ("is_open", Member, |e, f, a| {
            let now = e.now();
            ok(e.is_open(a, f.q, now))
        }),
        ("create_object", Member, |e, f, a| {
            ok(e.create_object(a, NewObject::chat(f.c, "new")))
        }),
        (
            "get_object",
            Member,
            |e, f, a| ok(e.get_object(a, f.object)),
        ),
        ("list_object_stays", Member, |e, f, a| {
            ok(e.list_object_stays(a, f.object))
        }),
        (
            "set_object_priority",
            AtLeast(Role::Supervisor),
            |e, f, a| ok(e.set_object_priority(a, f.object, 3)),
        ),
        ("enqueue_new", Member, |e, f, a| {
            ok(e.enqueue_new(a, NewObject::chat(f.c, "new"), f.q_empty, None))
        }),
        ("enqueue", Member, |e, f, a| {
            ok(e.enqueue(a, f.spare, f.q_empty, None))
        }),
        ("get_stay", Member, |e, f, a| ok(e.get_stay(a, f.waiting))),
        ("list_waiting", Member, |e, f, a| {
            ok(e.list_waiting(a, f.q_tier2, 10))
        }),
        ("list_agent_stays", Member, |e, f, a| {
            ok(e.list_agent_stays(a, f.g))
        }),
        ("pick", SelfOr(Role::Supervisor), |e, f, a| {
            ok(e.pick(a, f.g, f.waiting))
        }),
        ("complete", SelfOr(Role::Supervisor), |e, f, a| {
            ok(e.complete(a, f.assigned))
        }),
        ("transfer", SelfOr(Role::Supervisor), |e, f, a| {
            ok(e.transfer(a, f.assigned, f.q_empty))
        }),
        ("abandon", Member, |e, f, a| ok(e.abandon(a, f.waiting))),
        ("eligibility", Member, |e, f, a| {
            ok(e.eligibility(a, f.g, f.waiting))
        }),
        ("explain", AtLeast(Role::Supervisor), |e, f, a| {
            ok(e.explain(a, f.object))
        }),
        ("add_note", Member, |e, f, a| {
            ok(e.add_note(a, f.assigned, "note"))
        }),
        ("list_notes", Member, |e, f, a| {
            ok(e.list_notes(a, f.assigned))
        }),
        ("rate", Member, |e, f, a| ok(e.rate(a, f.object, 4, ""))),
        (
            "get_rating",
            Member,
            |e, f, a| ok(e.get_rating(a, f.object)),
        ),
        ("create_team", AtLeast(Role::Supervisor), |e, f, a| {
            ok(e.create_team(a, f.c, "Team B"))
        }),
        ("get_team", Member, |e, f, a| ok(e.get_team(a, f.team))),
        ("list_teams", Member, |e, f, a| ok(e.list_teams(a, f.c))),
        ("delete_team", AtLeast(Role::Supervisor), |e, f, a| {
            e.delete_team(a, f.team)
        }),
        ("add_team_members", AtLeast(Role::Supervisor), |e, f, a| {
            ok(e.add_team_members(a, f.team, &[f.g]))
        }),
        (
            "remove_team_members",
            AtLeast(Role::Supervisor),
            |e, f, a| ok(e.remove_team_members(a, f.team, &[f.g])),
        ),
        ("list_team_members", Member, |e, f, a| {
            ok(e.list_team_members(a, f.team))
        }),
        ("list_team_presence", Member, |e, f, a| {
            ok(e.list_team_presence(a, f.team, None, None))
        }),
        ("get_agent_settings", SelfOr(Role::Admin), |e, f, a| {
            ok(e.get_agent_settings(a, f.g))
        }),
        ("update_agent_settings", SelfOr(Role::Admin), |e, f, a| {
            ok(e.update_agent_settings(
                a,
                f.g,
                AgentSettingsUpdate {
                    auto_answer_calls: Some(true),
                    ..Default::default()
                },
            ))
        }),
        ("watch_statistic", SelfOr(Role::Admin), |e, f, a| {
            ok(e.watch_statistic(
                a,
                f.g,
                WatchedStatistic {
                    statistic: "wait".into(),
                    option: String::new(),
                    secondary_option: String::new(),
                },
            ))
        }),
        ("unwatch_statistic", SelfOr(Role::Admin), |e, f, a| {
            ok(e.unwatch_statistic(
                a,
                f.g,
                WatchedStatistic {
                    statistic: "wait".into(),
                    option: String::new(),
                    secondary_option: String::new(),
                },
            ))
        }),
        ("queue_stats", AtLeast(Role::Supervisor), |e, f, a| {
            let q = stats_query(e, f);
            ok(e.queue_stats(a, &q))
        }),
        ("agent_stats", AtLeast(Role::Supervisor), |e, f, a| {
            let q = stats_query(e, f);
            ok(e.agent_stats(a, &q))
        }),
        ("events", AtLeast(Role::Admin), |e, f, a| {
            ok(e.events(
                a,
                &EventQuery {
                    company_id: Some(f.c),
                    ..Default::default()
                },
            ))
        }),
    ]
}

fn every_company_operation_refuses_those_without_the_right_and_changes_nothing(kind: StoreKind) {
    for (name, need, op) in operations() {
        let mut h = Harness::new(kind);
        let f = fixture(&mut h);
        let members = [
            (f.other, Role::Agent),
            (f.supervisor, Role::Supervisor),
            (f.admin, Role::Admin),
            (f.owner, Role::Owner),
        ];
        let allowed = |role: Role| match need {
            Need::Member => true,
            Need::AtLeast(r) | Need::SelfOr(r) => role >= r,
        };
        println!("{name}");
        h.refused(unauthenticated(), |e| op(e, &f, &Actor::Anonymous));
        h.refused(not_found(), |e| op(e, &f, &f.outsider));
        for (actor, role) in members {
            if !allowed(role) {
                h.refused(forbidden(), |e| op(e, &f, &actor));
            }
        }
        let least = match need {
            Need::SelfOr(_) => Some(f.g_actor),
            _ => members.iter().find(|(_, r)| allowed(*r)).map(|(a, _)| *a),
        };
        if let Some(actor) = least {
            if let Err(e) = op(&mut h.engine, &f, &actor) {
                panic!("{name} by the least-privileged allowed actor failed: {e}");
            }
        }
    }
}

mod memory_every_operation {
    #[test]
    fn every_company_operation_refuses_those_without_the_right_and_changes_nothing() {
        super::every_company_operation_refuses_those_without_the_right_and_changes_nothing(
            queue_behaviour::StoreKind::Memory,
        );
    }
}

mod sqlite_every_operation {
    #[test]
    fn every_company_operation_refuses_those_without_the_right_and_changes_nothing() {
        super::every_company_operation_refuses_those_without_the_right_and_changes_nothing(
            queue_behaviour::StoreKind::Sqlite,
        );
    }
}

mod postgres_every_operation {
    #[test]
    fn every_company_operation_refuses_those_without_the_right_and_changes_nothing() {
        queue_behaviour::on_store(
            queue_behaviour::StoreKind::Postgres,
            super::every_company_operation_refuses_those_without_the_right_and_changes_nothing,
        );
    }
}

scenarios!();
