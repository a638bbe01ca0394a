//! Every operation against every kind of actor that may not do it: anonymous callers are
//! unauthenticated (401), users outside the company learn nothing (404), members whose role
//! is too low are forbidden (403) — and a refused call changes nothing. Each operation is
//! then run by the least-privileged actor allowed, to show the rule is not simply "deny".

use queue_behaviour::*;
use queue_core::*;

const SYS: Actor = Actor::System;

/// A company with one member of each role, a second company with an outsider, and something
/// of every resource to act on.
struct Fx {
    c: CompanyId,
    owner: Actor,
    admin: Actor,
    supervisor: Actor,
    /// The agent most operations act on ("self").
    g: CompanyUserId,
    g_user: UserId,
    g_actor: Actor,
    /// Another agent: a member with the lowest role who is not "self".
    other: Actor,
    outsider: Actor,
    q: QueueId,
    q_empty: QueueId,
    q_tier2: QueueId,
    skill: SkillId,
    team: TeamId,
    offered: StayId,
    assigned: StayId,
    waiting: StayId,
    object: ObjectId,
    /// An object not queued anywhere yet.
    spare: ObjectId,
    blacklist: BlacklistId,
    g_token: TokenId,
}

fn fixture(h: &mut Harness) -> Fx {
    let c = h.company();
    let (o, _) = h.member(c, "Olga", Role::Owner);
    let (a, _) = h.member(c, "Adam", Role::Admin);
    let (s, _) = h.member(c, "Sue", Role::Supervisor);
    let (g_user, g) = h.member(c, "Gina", Role::Agent);
    let (other, _) = h.member(c, "Otto", Role::Agent);
    let c2 = h.company_in("Elsewhere", "UTC");
    let (x, _) = h.member(c2, "Xavier", Role::Owner);
    let e = &mut h.engine;
    let allow = CompanyUserUpdate {
        max_number_of_objects_handled: Some(3),
        is_auto_max_number_handled: Some(false),
        ability_to_pick_from_queue: Some(true),
        is_auto_ability_to_pick_from_queue: Some(false),
        ..Default::default()
    };
    e.update_company_user(&SYS, g, allow).unwrap();
    let q = e
        .create_queue(
            &SYS,
            NewQueue {
                offer_timeout: Some(600),
                ..NewQueue::named(c, "support")
            },
        )
        .unwrap()
        .id;
    let q_empty = e
        .create_queue(&SYS, NewQueue::named(c, "empty"))
        .unwrap()
        .id;
    let q_tier2 = e
        .create_queue(
            &SYS,
            NewQueue {
                priority_delay: Some(3600),
                ..NewQueue::named(c, "later")
            },
        )
        .unwrap()
        .id;
    e.assign_operator(&SYS, q, g, 1).unwrap();
    e.assign_operator(&SYS, q_tier2, g, 2).unwrap();
    e.set_presence(
        &SYS,
        g,
        PresenceUpdate {
            show: Some(Show::Available),
            ..Default::default()
        },
    )
    .unwrap();
    let offered = e
        .enqueue_new(&SYS, NewObject::chat(c, "one"), q, None)
        .unwrap()
        .id;
    let assigned = e
        .enqueue_new(&SYS, NewObject::chat(c, "two"), q, None)
        .unwrap()
        .id;
    e.accept_offer(&SYS, assigned).unwrap();
    let waiting = e
        .enqueue_new(&SYS, NewObject::chat(c, "three"), q_tier2, None)
        .unwrap()
        .id;
    let object = e.get_stay(&SYS, assigned).unwrap().object_id;
    let spare = e
        .create_object(&SYS, NewObject::chat(c, "spare"))
        .unwrap()
        .id;
    let skill = e.create_skill(&SYS, c, "dutch").unwrap().id;
    let team = e.create_team(&SYS, c, "Team A").unwrap().id;
    e.add_team_members(&SYS, team, &[g]).unwrap();
    let now = e.now();
    let later = NewBlacklistHours {
        starts_at: now + chrono::Duration::days(30),
        ends_at: now + chrono::Duration::days(31),
        reason: "holiday".into(),
    };
    let blacklist = e.add_blacklist_hours(&SYS, q, later).unwrap().id;
    let g_token = e.issue_token(&SYS, g_user, "laptop").unwrap().token.id;
    Fx {
        c,
        owner: Actor::User(o),
        admin: Actor::User(a),
        supervisor: Actor::User(s),
        g,
        g_user,
        g_actor: Actor::User(g_user),
        other: Actor::User(other),
        outsider: Actor::User(x),
        q,
        q_empty,
        q_tier2,
        skill,
        team,
        offered,
        assigned,
        waiting,
        object,
        spare,
        blacklist,
        g_token,
    }
}

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

fn offers_are_answered_only_by_the_agent_they_are_made_to(h: &mut Harness) {
    let f = fixture(h);
    for actor in [f.other, f.supervisor, f.admin, f.owner] {
        h.refused(forbidden(), |e| e.accept_offer(&actor, f.offered));
        h.refused(forbidden(), |e| e.reject_offer(&actor, f.offered));
    }
    h.refused(not_found(), |e| e.accept_offer(&f.outsider, f.offered));
    h.refused(unauthenticated(), |e| {
        e.reject_offer(&Actor::Anonymous, f.offered)
    });
    h.engine.accept_offer(&f.g_actor, f.offered).unwrap();
}

fn users_and_tokens_belong_to_their_user(h: &mut Harness) {
    let f = fixture(h);
    let new = || NewUser {
        username: "newbie".into(),
        firstname: "New".into(),
        lastname: "Bie".into(),
        email: "n@example.org".into(),
        ..Default::default()
    };
    h.refused(unauthenticated(), |e| {
        e.create_user(&Actor::Anonymous, new())
    });
    h.refused(forbidden(), |e| e.create_user(&f.owner, new()));
    // Members of a shared company see each other; outsiders learn nothing.
    h.engine.get_user(&f.other, f.g_user, &[]).unwrap();
    h.refused(not_found(), |e| e.get_user(&f.outsider, f.g_user, &[]));
    h.refused(unauthenticated(), |e| {
        e.get_user(&Actor::Anonymous, f.g_user, &[])
    });
    // Nobody but the user changes their profile or tokens — not even the company owner.
    let rename = || UserUpdate {
        firstname: Some("Gin".into()),
        ..Default::default()
    };
    h.refused(forbidden(), |e| e.update_user(&f.owner, f.g_user, rename()));
    h.refused(not_found(), |e| {
        e.update_user(&f.outsider, f.g_user, rename())
    });
    h.refused(forbidden(), |e| e.delete_user(&f.owner, f.g_user));
    h.refused(forbidden(), |e| e.issue_token(&f.owner, f.g_user, "stolen"));
    h.refused(forbidden(), |e| e.list_tokens(&f.owner, f.g_user));
    h.refused(not_found(), |e| e.revoke_token(&f.owner, f.g_token));
    h.refused(unauthenticated(), |e| {
        e.list_companies(&Actor::Anonymous, &[])
    });
    h.refused(unauthenticated(), |e| {
        e.find_users(&Actor::Anonymous, "", 10)
    });
    h.refused(unauthenticated(), |e| {
        e.create_company(
            &Actor::Anonymous,
            NewCompany {
                name: "X".into(),
                ..Default::default()
            },
        )
    });
    // What each may see of the directory: the outsider only their own company.
    let seen = h.engine.find_users(&f.outsider, "", 100).unwrap();
    assert_eq!(seen.len(), 1);
    h.engine
        .update_user(&f.g_actor, f.g_user, rename())
        .unwrap();
    h.engine.revoke_token(&f.g_actor, f.g_token).unwrap();
    // An inactive member is an outsider.
    let deactivate = CompanyUserUpdate {
        is_active: Some(false),
        ..Default::default()
    };
    h.engine.update_company_user(&SYS, f.g, deactivate).unwrap();
    h.refused(not_found(), |e| e.list_queues(&f.g_actor, f.c));
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

scenarios!(
    offers_are_answered_only_by_the_agent_they_are_made_to,
    users_and_tokens_belong_to_their_user
);
