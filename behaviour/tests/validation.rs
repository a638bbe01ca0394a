//! Every field with a rule, sent a bad value: the call fails with an invalid-input error that
//! names the field, and nothing stored changes.

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

scenarios!(
    user_fields_follow_the_seed_patterns,
    company_fields,
    company_user_fields,
    skill_and_level_fields,
    queue_and_operator_fields,
);
