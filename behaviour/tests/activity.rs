//! What agents and supervisors do all day, through its resources: presence and its locks,
//! personal settings, notes and ratings, teams, and the event log recording it all.

use queue_behaviour::*;
use queue_core::*;

const SYS: Actor = Actor::System;

fn presence_is_set_locked_and_unlocked(h: &mut Harness) {
    let c = h.company();
    let (u, a) = h.member(c, "Ann", Role::Agent);
    let me = Actor::User(u);
    let p = h
        .engine
        .set_presence(
            &me,
            a,
            PresenceUpdate {
                show: Some(Show::Chat),
                connection: Some(Connection::Online),
                active_channels: Some(vec!["email".into(), "facebook_messenger".into()]),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(p.last_seen, Some(h.engine.now()));
    let (sup, _) = h.member(c, "Sue", Role::Supervisor);
    h.engine
        .lock_presence(&Actor::User(sup), a, Show::Dnd)
        .unwrap();
    h.refused(conflict(ConflictReason::StatusLocked), |e| {
        e.set_presence(
            &me,
            a,
            PresenceUpdate {
                show: Some(Show::Available),
                ..Default::default()
            },
        )
    });
    // Reporting the locked show or other fields is fine.
    h.engine
        .set_presence(
            &me,
            a,
            PresenceUpdate {
                connection: Some(Connection::Offline),
                ..Default::default()
            },
        )
        .unwrap();
    h.engine.unlock_presence(&Actor::User(sup), a).unwrap();
    let p = h
        .engine
        .set_presence(
            &me,
            a,
            PresenceUpdate {
                show: Some(Show::Available),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(p.show, Show::Available);
    assert!(p.lock.is_none());
}

fn agent_settings_and_watched_statistics(h: &mut Harness) {
    let c = h.company();
    let (u, a) = h.member(c, "Ann", Role::Agent);
    let me = Actor::User(u);
    let s = h
        .engine
        .update_agent_settings(
            &me,
            a,
            AgentSettingsUpdate {
                sound_on_new_message: Some(false),
                auto_answer_calls: Some(true),
                ..Default::default()
            },
        )
        .unwrap();
    assert!(!s.sound_on_new_message && s.auto_answer_calls && s.notify_on_assignment);
    let stat = WatchedStatistic {
        statistic: "service_level".into(),
        option: "queue1".into(),
        secondary_option: String::new(),
    };
    h.engine.watch_statistic(&me, a, stat.clone()).unwrap();
    h.engine.watch_statistic(&me, a, stat.clone()).unwrap();
    assert_eq!(
        h.engine
            .get_agent_settings(&me, a)
            .unwrap()
            .watched_statistics,
        vec![stat.clone()]
    );
    h.engine.unwatch_statistic(&me, a, stat).unwrap();
    assert!(h
        .engine
        .get_agent_settings(&me, a)
        .unwrap()
        .watched_statistics
        .is_empty());
}

fn notes_and_one_rating_per_handled_object(h: &mut Harness) {
    let c = h.company();
    let q = h.queue(c, "support");
    let a = h.agent(c, "Ann", 1);
    h.staff(q, a, 1);
    let s = h.chat(c, q, 0);
    h.refused(conflict(ConflictReason::NotHandled), |e| {
        e.rate(&SYS, s.object_id, 4, "")
    });
    h.engine
        .add_note(&SYS, s.id, "customer asked about invoices")
        .unwrap();
    h.available(a);
    h.engine.complete(&SYS, s.id).unwrap();
    let r = h.engine.rate(&SYS, s.object_id, 5, "great").unwrap();
    assert_eq!(r.stay_id, s.id);
    h.refused(conflict(ConflictReason::AlreadyRated), |e| {
        e.rate(&SYS, s.object_id, 1, "again")
    });
    assert_eq!(
        h.engine
            .get_rating(&SYS, s.object_id)
            .unwrap()
            .map(|r| r.score),
        Some(5)
    );
    assert_eq!(h.engine.list_notes(&SYS, s.id).unwrap().len(), 1);
}

fn teams_are_managed_in_bulk(h: &mut Harness) {
    let c = h.company();
    let t = h.engine.create_team(&SYS, c, "Team A").unwrap();
    let agents: Vec<CompanyUserId> = (0..3).map(|i| h.agent(c, &format!("a{i}"), 1)).collect();
    h.engine.add_team_members(&SYS, t.id, &agents).unwrap();
    h.engine.add_team_members(&SYS, t.id, &agents[..1]).unwrap();
    let members = h.engine.list_team_members(&SYS, t.id).unwrap();
    assert_eq!(members.len(), 3);
    assert!(members[0].email.ends_with("@example.org"));
    h.engine
        .remove_team_members(&SYS, t.id, &agents[1..])
        .unwrap();
    assert_eq!(h.engine.get_team(&SYS, t.id).unwrap().members.len(), 1);
    assert_eq!(h.engine.list_teams(&SYS, c).unwrap().len(), 1);
    h.engine.delete_team(&SYS, t.id).unwrap();
    h.refused(not_found(), |e| e.get_team(&SYS, t.id));
}

fn team_presence_pages_through_250_members_each_exactly_once(h: &mut Harness) {
    let c = h.company();
    let t = h.engine.create_team(&SYS, c, "Everyone").unwrap();
    let mut agents = Vec::new();
    for i in 0..250 {
        let invite = NewCompanyUser {
            user_id: None,
            invited_email: Some(format!("agent{i}@example.org")),
            ..NewCompanyUser::agent(c, UserId(uuid::Uuid::nil()))
        };
        agents.push(h.engine.create_company_user(&SYS, invite).unwrap().id);
    }
    h.engine.add_team_members(&SYS, t.id, &agents).unwrap();
    let mut seen = Vec::new();
    let mut key: Option<String> = None;
    let mut pages = 0;
    loop {
        let page = h
            .engine
            .list_team_presence(&SYS, t.id, key.as_deref(), Some(100))
            .unwrap();
        pages += 1;
        seen.extend(page.data.iter().map(|p| p.company_user_id));
        match page.next_page_key {
            Some(k) => key = Some(k),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    agents.sort();
    assert_eq!(seen, agents, "every member exactly once, in order");
    h.refused(invalid("page_key"), |e| {
        e.list_team_presence(&SYS, t.id, Some("not-a-key"), Some(100))
    });
    h.refused(invalid("page_limit"), |e| {
        e.list_team_presence(&SYS, t.id, None, Some(0))
    });
}

fn the_event_log_records_who_did_what_when(h: &mut Harness) {
    let c = h.company();
    let q = h.queue(c, "support");
    let a = h.agent(c, "Ann", 1);
    h.staff(q, a, 1);
    h.available(a);
    let s = h.chat(c, q, 0);
    h.advance(60);
    h.engine.complete(&SYS, s.id).unwrap();
    let events = h
        .engine
        .events(
            &SYS,
            &EventQuery {
                company_id: Some(c),
                ..Default::default()
            },
        )
        .unwrap();
    let kinds: Vec<&str> = events
        .iter()
        .map(|e| match &e.kind {
            EventKind::Enqueued { .. } => "enqueued",
            EventKind::Assigned { .. } => "assigned",
            EventKind::Completed { .. } => "completed",
            _ => "other",
        })
        .filter(|k| *k != "other")
        .collect();
    assert_eq!(kinds, vec!["enqueued", "assigned", "completed"]);
    assert!(events.windows(2).all(|w| w[0].seq < w[1].seq));
    let completed = events
        .iter()
        .find(|e| matches!(e.kind, EventKind::Completed { .. }))
        .unwrap();
    assert_eq!(completed.at, start() + chrono::Duration::seconds(60));
}

scenarios!(
    presence_is_set_locked_and_unlocked,
    agent_settings_and_watched_statistics,
    notes_and_one_rating_per_handled_object,
    teams_are_managed_in_bulk,
    team_presence_pages_through_250_members_each_exactly_once,
    the_event_log_records_who_did_what_when,
);
