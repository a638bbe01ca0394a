//! Every field with a rule, sent a bad value: the call fails with an invalid-input error that
//! names the field, and nothing stored changes.

use chrono::Duration;
use queue_behaviour::*;
use queue_core::*;

const SYS: Actor = Actor::System;

fn new_user() -> NewUser {
    NewUser {
        username: "valid.name-1".into(),
        firstname: "Zoë".into(),
        lastname: "de Vries".into(),
        email: "zoe@example.org".into(),
        ..Default::default()
    }
}

fn user_fields_follow_the_seed_patterns(h: &mut Harness) {
    let bad: Vec<(&str, NewUser)> = vec![
        (
            "username",
            NewUser {
                username: "no spaces".into(),
                ..new_user()
            },
        ),
        (
            "username",
            NewUser {
                username: String::new(),
                ..new_user()
            },
        ),
        (
            "username",
            NewUser {
                username: "a".repeat(41),
                ..new_user()
            },
        ),
        (
            "firstname",
            NewUser {
                firstname: "R2D2".into(),
                ..new_user()
            },
        ),
        (
            "lastname",
            NewUser {
                lastname: "Łukasiewicz".into(),
                ..new_user()
            },
        ),
        (
            "email",
            NewUser {
                email: "not-an-address".into(),
                ..new_user()
            },
        ),
        (
            "telephone",
            NewUser {
                telephone: Some("0612345678".into()),
                ..new_user()
            },
        ),
        (
            "language",
            NewUser {
                language: Some("EN".into()),
                ..new_user()
            },
        ),
        (
            "date_format",
            NewUser {
                date_format: Some("dd/mm".into()),
                ..new_user()
            },
        ),
    ];
    for (field, u) in bad {
        h.refused(invalid(field), |e| e.create_user(&SYS, u));
    }
    let id = h.engine.create_user(&SYS, new_user()).unwrap().id;
    let updates: Vec<(&str, UserUpdate)> = vec![
        (
            "username",
            UserUpdate {
                username: Some("bad/name".into()),
                ..Default::default()
            },
        ),
        (
            "firstname",
            UserUpdate {
                firstname: Some("x_y".into()),
                ..Default::default()
            },
        ),
        (
            "lastname",
            UserUpdate {
                lastname: Some(String::new()),
                ..Default::default()
            },
        ),
        (
            "email",
            UserUpdate {
                email: Some("a@b".into()),
                ..Default::default()
            },
        ),
        (
            "telephone",
            UserUpdate {
                telephone: Some(Some("+31 6".into())),
                ..Default::default()
            },
        ),
        (
            "language",
            UserUpdate {
                language: Some("eng".into()),
                ..Default::default()
            },
        ),
        (
            "date_format",
            UserUpdate {
                date_format: Some("en-GB".into()),
                ..Default::default()
            },
        ),
    ];
    for (field, u) in updates {
        h.refused(invalid(field), |e| e.update_user(&SYS, id, u));
    }
    h.refused(invalid("name"), |e| e.issue_token(&SYS, id, ""));
    h.refused(invalid("name"), |e| {
        e.issue_token(&SYS, id, &"t".repeat(101))
    });
    h.refused(invalid("limit"), |e| e.find_users(&SYS, "", 0));
    h.refused(invalid("search"), |e| {
        e.find_users(&SYS, &"s".repeat(255), 10)
    });
}

fn company_fields(h: &mut Harness) {
    let good = || NewCompany {
        name: "Acme".into(),
        ..Default::default()
    };
    let bad: Vec<(&str, NewCompany)> = vec![
        (
            "name",
            NewCompany {
                name: String::new(),
                ..good()
            },
        ),
        (
            "name",
            NewCompany {
                name: " padded".into(),
                ..good()
            },
        ),
        (
            "logo_url",
            NewCompany {
                logo_url: "ftp://acme.example/logo.png".into(),
                ..good()
            },
        ),
        (
            "time_zone",
            NewCompany {
                time_zone: "Mars/Olympus_Mons".into(),
                ..good()
            },
        ),
        (
            "default_max_number_of_objects_handled",
            NewCompany {
                default_max_number_of_objects_handled: 1001,
                ..good()
            },
        ),
        (
            "owner_user_id",
            NewCompany {
                owner_user_id: Some(UserId(uuid::Uuid::nil())),
                ..good()
            },
        ),
    ];
    for (field, c) in bad {
        h.refused(invalid(field), |e| e.create_company(&SYS, c));
    }
    let c = h.company();
    let updates: Vec<(&str, CompanyUpdate)> = vec![
        (
            "name",
            CompanyUpdate {
                name: Some("x".repeat(101)),
                ..Default::default()
            },
        ),
        (
            "logo_url",
            CompanyUpdate {
                logo_url: Some("javascript:alert(1)".into()),
                ..Default::default()
            },
        ),
        (
            "time_zone",
            CompanyUpdate {
                time_zone: Some("CET+1".into()),
                ..Default::default()
            },
        ),
        (
            "default_max_number_of_objects_handled",
            CompanyUpdate {
                default_max_number_of_objects_handled: Some(5000),
                ..Default::default()
            },
        ),
    ];
    for (field, u) in updates {
        h.refused(invalid(field), |e| e.update_company(&SYS, c, u));
    }
}

fn company_user_fields(h: &mut Harness) {
    let c = h.company();
    let u = h.user("Ann");
    let nobody = UserId(uuid::Uuid::nil());
    let invite = |email: Option<&str>| NewCompanyUser {
        user_id: None,
        invited_email: email.map(String::from),
        ..NewCompanyUser::agent(c, nobody)
    };
    h.refused(invalid("invited_email"), |e| {
        e.create_company_user(&SYS, invite(None))
    });
    h.refused(invalid("invited_email"), |e| {
        e.create_company_user(&SYS, invite(Some("bob at example.org")))
    });
    h.refused(invalid("user_id"), |e| {
        e.create_company_user(&SYS, NewCompanyUser::agent(c, nobody))
    });
    h.refused(invalid("max_number_of_objects_handled"), |e| {
        e.create_company_user(
            &SYS,
            NewCompanyUser {
                max_number_of_objects_handled: 1001,
                ..NewCompanyUser::agent(c, u)
            },
        )
    });
    let cu = h
        .engine
        .create_company_user(&SYS, NewCompanyUser::agent(c, u))
        .unwrap()
        .id;
    h.refused(invalid("max_number_of_objects_handled"), |e| {
        e.update_company_user(
            &SYS,
            cu,
            CompanyUserUpdate {
                max_number_of_objects_handled: Some(1001),
                ..Default::default()
            },
        )
    });
    h.refused(invalid("company_ids"), |e| e.list_company_users(&SYS, &[]));
    h.refused(invalid("active_channels"), |e| {
        e.set_presence(
            &SYS,
            cu,
            PresenceUpdate {
                active_channels: Some(vec!["e mail".into()]),
                ..Default::default()
            },
        )
    });
    h.refused(invalid("active_channels"), |e| {
        e.set_presence(
            &SYS,
            cu,
            PresenceUpdate {
                active_channels: Some(vec!["x".into(); 33]),
                ..Default::default()
            },
        )
    });
    let stat = |s: &str, o: &str, so: &str| WatchedStatistic {
        statistic: s.into(),
        option: o.into(),
        secondary_option: so.into(),
    };
    h.refused(invalid("statistic"), |e| {
        e.watch_statistic(&SYS, cu, stat("wait-time", "", ""))
    });
    h.refused(invalid("option"), |e| {
        e.watch_statistic(&SYS, cu, stat("wait", "q 1", ""))
    });
    h.refused(invalid("secondary_option"), |e| {
        e.watch_statistic(&SYS, cu, stat("wait", "", "a_b"))
    });
}

fn skill_and_level_fields(h: &mut Harness) {
    let c = h.company();
    let other = h.company_in("Other", "UTC");
    let foreign = h.skill(other, "foreign");
    let a = h.agent(c, "Ann", 1);
    let q = h.queue(c, "support");
    h.refused(invalid("name"), |e| e.create_skill(&SYS, c, ""));
    h.refused(invalid("name"), |e| {
        e.create_skill(&SYS, c, &"s".repeat(61))
    });
    let s = h.skill(c, "dutch");
    h.refused(invalid("name"), |e| e.rename_skill(&SYS, s, "tab\there"));
    h.refused(invalid("level"), |e| e.set_agent_skill(&SYS, a, s, 0));
    h.refused(invalid("level"), |e| e.set_agent_skill(&SYS, a, s, 11));
    h.refused(invalid("skill_id"), |e| {
        e.set_agent_skill(&SYS, a, foreign, 5)
    });
    h.refused(invalid("min_level"), |e| e.set_queue_skill(&SYS, q, s, 0));
    h.refused(invalid("skill_id"), |e| {
        e.set_queue_skill(&SYS, q, foreign, 5)
    });
}

fn queue_and_operator_fields(h: &mut Harness) {
    let c = h.company();
    let other = h.company_in("Other", "UTC");
    let stranger = h.agent(other, "Sam", 1);
    let good = || NewQueue::named(c, "support");
    let bad: Vec<(&str, NewQueue)> = vec![
        (
            "name",
            NewQueue {
                name: "q".repeat(61),
                ..good()
            },
        ),
        (
            "name",
            NewQueue {
                name: String::new(),
                ..good()
            },
        ),
        (
            "password",
            NewQueue {
                password: Some(String::new()),
                ..good()
            },
        ),
        (
            "priority_delay",
            NewQueue {
                priority_delay: Some(0),
                ..good()
            },
        ),
        (
            "offer_timeout",
            NewQueue {
                offer_timeout: Some(queue_core::queue::MAX_DELAY_SECONDS + 1),
                ..good()
            },
        ),
        (
            "company_user_id",
            NewQueue {
                company_user_id: Some(stranger),
                ..good()
            },
        ),
    ];
    for (field, q) in bad {
        h.refused(invalid(field), |e| e.create_queue(&SYS, q));
    }
    let q = h.queue(c, "support");
    let updates: Vec<(&str, QueueUpdate)> = vec![
        (
            "name",
            QueueUpdate {
                name: Some("x".repeat(61)),
                ..Default::default()
            },
        ),
        (
            "password",
            QueueUpdate {
                password: Some(Some("p".repeat(129))),
                ..Default::default()
            },
        ),
        (
            "priority_delay",
            QueueUpdate {
                priority_delay: Some(Some(0)),
                ..Default::default()
            },
        ),
        (
            "offer_timeout",
            QueueUpdate {
                offer_timeout: Some(Some(0)),
                ..Default::default()
            },
        ),
    ];
    for (field, u) in updates {
        h.refused(invalid(field), |e| e.update_queue(&SYS, q, u));
    }
    let a = h.agent(c, "Ann", 1);
    h.refused(invalid("tier"), |e| e.assign_operator(&SYS, q, a, 0));
    h.refused(invalid("tier"), |e| e.assign_operator(&SYS, q, a, 100));
    h.refused(invalid("company_user_id"), |e| {
        e.assign_operator(&SYS, q, stranger, 1)
    });
    h.staff(q, a, 1);
    h.refused(invalid("tier"), |e| {
        e.update_operator(
            &SYS,
            q,
            a,
            OperatorUpdate {
                tier: Some(0),
                ..Default::default()
            },
        )
    });
    h.refused(invalid("limit"), |e| e.list_waiting(&SYS, q, 0));
}

fn hours_and_closure_fields(h: &mut Harness) {
    let c = h.company();
    let other = h.company_in("Other", "UTC");
    let foreign_queue = h.queue(other, "theirs");
    let q = h.queue(c, "support");
    let nine = chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap();
    let many = vec![
        OpenInterval {
            weekday: chrono::Weekday::Mon,
            opens: nine,
            closes: nine
        };
        71
    ];
    h.refused(invalid("intervals"), |e| {
        e.set_hours(&SYS, c, Some(q), many)
    });
    h.refused(invalid("queue_id"), |e| {
        e.set_hours(&SYS, c, Some(foreign_queue), vec![])
    });
    let now = h.engine.now();
    let backwards = NewBlacklistHours {
        starts_at: now,
        ends_at: now,
        reason: String::new(),
    };
    h.refused(invalid("ends_at"), |e| {
        e.add_blacklist_hours(&SYS, q, backwards.clone())
    });
    h.refused(invalid("ends_at"), |e| {
        e.add_common_blacklist_hours(&SYS, c, backwards)
    });
    let wordy = NewBlacklistHours {
        starts_at: now,
        ends_at: now + Duration::hours(1),
        reason: "r".repeat(201),
    };
    h.refused(invalid("reason"), |e| e.add_blacklist_hours(&SYS, q, wordy));
}

fn object_and_stay_fields(h: &mut Harness) {
    let c = h.company();
    let other = h.company_in("Other", "UTC");
    let foreign_skill = h.skill(other, "foreign");
    let foreign_queue = h.queue(other, "theirs");
    let q = h.queue(c, "support");
    let q2 = h.queue(c, "sales");
    let s = h.skill(c, "dutch");
    let good = || NewObject::chat(c, "Visitor");
    let req = |skill_id, min_level| SkillRequirement {
        skill_id,
        min_level,
    };
    let bad: Vec<(&str, NewObject)> = vec![
        (
            "name",
            NewObject {
                name: String::new(),
                ..good()
            },
        ),
        (
            "channel",
            NewObject {
                channel: "live chat".into(),
                ..good()
            },
        ),
        (
            "priority",
            NewObject {
                priority: 2_000_000,
                ..good()
            },
        ),
        (
            "required_skills",
            NewObject {
                required_skills: vec![req(s, 1); 17],
                ..good()
            },
        ),
        (
            "required_skills",
            NewObject {
                required_skills: vec![req(s, 0)],
                ..good()
            },
        ),
        (
            "required_skills",
            NewObject {
                required_skills: vec![req(foreign_skill, 3)],
                ..good()
            },
        ),
    ];
    for (field, o) in bad {
        h.refused(invalid(field), |e| e.enqueue_new(&SYS, o, q, None));
    }
    let stay = h.chat(c, q, 0);
    h.refused(invalid("queue_id"), |e| {
        e.enqueue(&SYS, stay.object_id, foreign_queue, None)
    });
    h.refused(invalid("priority"), |e| {
        e.set_object_priority(&SYS, stay.object_id, -2_000_000)
    });
    h.refused(invalid("to_queue_id"), |e| e.transfer(&SYS, stay.id, q));
    h.refused(invalid("to_queue_id"), |e| {
        e.transfer(&SYS, stay.id, foreign_queue)
    });
    h.refused(invalid("text"), |e| e.add_note(&SYS, stay.id, ""));
    h.refused(invalid("score"), |e| e.rate(&SYS, stay.object_id, 0, ""));
    h.refused(invalid("score"), |e| e.rate(&SYS, stay.object_id, 6, ""));
    h.refused(invalid("comment"), |e| {
        e.rate(&SYS, stay.object_id, 5, &"c".repeat(2001))
    });
    let now = h.engine.now();
    let backwards = StatsQuery {
        company_id: c,
        from: now,
        to: now,
        service_level_seconds: 20,
    };
    h.refused(invalid("to"), |e| e.queue_stats(&SYS, &backwards));
    let _ = q2;
}

fn team_fields(h: &mut Harness) {
    let c = h.company();
    let other = h.company_in("Other", "UTC");
    let stranger = h.agent(other, "Sam", 1);
    h.refused(invalid("name"), |e| e.create_team(&SYS, c, ""));
    let t = h.engine.create_team(&SYS, c, "Team").unwrap().id;
    h.refused(invalid("agent_ids"), |e| e.add_team_members(&SYS, t, &[]));
    h.refused(invalid("agent_ids"), |e| {
        e.add_team_members(&SYS, t, &[stranger])
    });
    h.refused(invalid("page_limit"), |e| {
        e.list_team_presence(&SYS, t, None, Some(501))
    });
    h.refused(invalid("page_key"), |e| {
        e.list_team_presence(&SYS, t, Some("!!"), None)
    });
}

fn typed_values_parse_with_the_field_named(_h: &mut Harness) {
    assert_eq!("busy".parse::<Show>().unwrap_err().field(), Some("show"));
    assert_eq!(
        "random".parse::<Strategy>().unwrap_err().field(),
        Some("strategy")
    );
    assert_eq!("boss".parse::<Role>().unwrap_err().field(), Some("role"));
    assert_eq!(
        "not-a-uuid".parse::<QueueId>().unwrap_err().code(),
        "ERR_INVALID_INPUT"
    );
    let unknown: Result<NewQueue, _> = serde_json::from_str(
        r#"{"company_id":"00000000-0000-0000-0000-000000000000","name":"q","colour":"red"}"#,
    );
    assert!(unknown.is_err(), "unknown fields are refused, not ignored");
}

scenarios!(
    user_fields_follow_the_seed_patterns,
    company_fields,
    company_user_fields,
    skill_and_level_fields,
    queue_and_operator_fields,
    hours_and_closure_fields,
    object_and_stay_fields,
    team_fields,
    typed_values_parse_with_the_field_named,
);
