//! Every field with a rule of hours, closures, objects, stays and teams, sent a bad value:
//! an invalid-input error naming the field, and nothing stored changes.

use chrono::Duration;
use queue_behaviour::*;
use queue_core::*;

const SYS: Actor = Actor::System;

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
    hours_and_closure_fields,
    object_and_stay_fields,
    team_fields,
    typed_values_parse_with_the_field_named,
);
