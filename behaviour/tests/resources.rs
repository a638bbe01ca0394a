//! Each resource of the seeds through its life: create, read, update, delete, list filters
//! and `with` expansions, as a user of the API would exercise them.

use queue_behaviour::*;

use queue_core::*;

const SYS: Actor = Actor::System;

fn users_are_created_read_updated_and_deleted(h: &mut Harness) {
    let id = h.user("Ann");
    let me = Actor::User(id);
    let view = h.engine.get_user(&me, id, &[]).unwrap();
    assert_eq!(view.user.language, "en");
    assert_eq!(view.user.date_format, "en_GB");
    assert!(view.companies.is_none());
    let update = UserUpdate {
        username: Some("ann.de-vries".into()),
        firstname: Some("Anne-Marië".into()),
        lastname: Some("de Vries".into()),
        telephone: Some(Some("+31612345678".into())),
        date_format: Some("iso".into()),
        ..Default::default()
    };
    let u = h.engine.update_user(&me, id, update).unwrap();
    assert_eq!(
        (
            u.username.as_str(),
            u.firstname.as_str(),
            u.date_format.as_str()
        ),
        ("ann.de-vries", "Anne-Marië", "iso")
    );
    let cleared = h
        .engine
        .update_user(
            &me,
            id,
            UserUpdate {
                telephone: Some(None),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(cleared.telephone, None);
    assert_eq!(h.engine.find_users(&SYS, "de-vries", 10).unwrap().len(), 1);
    h.engine.delete_user(&me, id).unwrap();
    h.refused(not_found(), |e| e.get_user(&SYS, id, &[]));
}

fn usernames_are_unique_case_insensitively(h: &mut Harness) {
    let id = h.user("Ann");
    let taken = h
        .engine
        .get_user(&SYS, id, &[])
        .unwrap()
        .user
        .username
        .to_uppercase();
    let new = NewUser {
        username: taken,
        firstname: "B".into(),
        lastname: "C".into(),
        email: "b@example.org".into(),
        ..Default::default()
    };
    h.refused(conflict(ConflictReason::UsernameTaken), |e| {
        e.create_user(&SYS, new)
    });
}

fn get_user_expands_companies_with_their_skills_and_queues(h: &mut Harness) {
    let c = h.company();
    let (u, _) = h.member(c, "Ann", Role::Agent);
    h.skill(c, "dutch");
    h.queue(c, "support");
    let me = Actor::User(u);
    let plain = h.engine.get_user(&me, u, &[UserWith::Companies]).unwrap();
    let companies = plain.companies.unwrap();
    assert_eq!(companies.len(), 1);
    assert!(companies[0].skills.is_none() && companies[0].queues.is_none());
    let full = h
        .engine
        .get_user(
            &me,
            u,
            &[UserWith::CompaniesSkills, UserWith::CompaniesQueues],
        )
        .unwrap();
    let c0 = &full.companies.unwrap()[0];
    assert_eq!(c0.skills.as_ref().map(Vec::len), Some(1));
    assert_eq!(
        c0.queues.as_ref().map(|q| q[0].name.as_str()),
        Some("support")
    );
}

fn tokens_are_issued_once_listed_without_secrets_and_revoked(h: &mut Harness) {
    let u = h.user("Ann");
    let me = Actor::User(u);
    let issued = h.engine.issue_token(&me, u, "laptop").unwrap();
    assert!(issued.secret.starts_with("cnq_"));
    assert_eq!(h.engine.authenticate(&issued.secret).unwrap(), me);
    let listed = h.engine.list_tokens(&me, u).unwrap();
    assert_eq!(listed.len(), 1);
    let raw = h.snapshot().records.join("\n");
    assert!(
        !raw.contains(&issued.secret),
        "the token secret must never be stored"
    );
    h.engine.revoke_token(&me, issued.token.id).unwrap();
    h.refused(unauthenticated(), |e| e.authenticate(&issued.secret));
    h.refused(unauthenticated(), |e| e.authenticate("cnq_made-up"));
    h.refused(unauthenticated(), |e| e.authenticate(""));
}

fn companies_are_created_read_updated_listed_and_deleted(h: &mut Harness) {
    let owner = h.user("Olga");
    let me = Actor::User(owner);
    let new = NewCompany {
        name: "Acme".into(),
        logo_url: "https://acme.example/logo.png".into(),
        time_zone: "Europe/Amsterdam".into(),
        ..Default::default()
    };
    let c = h.engine.create_company(&me, new).unwrap();
    let members = h.engine.list_company_users(&me, &[c.id]).unwrap();
    assert_eq!(members.len(), 1, "the creator becomes owner");
    assert_eq!(members[0].role, Role::Owner);
    h.queue(c.id, "support");
    let view = h
        .engine
        .get_company(&me, c.id, &[CompanyWith::Users, CompanyWith::Queues])
        .unwrap();
    assert_eq!(view.users.map(|u| u.len()), Some(1));
    assert_eq!(view.queues.map(|q| q.len()), Some(1));
    let updated = h
        .engine
        .update_company(
            &me,
            c.id,
            CompanyUpdate {
                name: Some("Acme BV".into()),
                is_public: Some(true),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(updated.name, "Acme BV");
    // Public companies are listed to every authenticated user, private ones to members.
    let stranger = Actor::User(h.user("Sam"));
    let private = h.company_in("Hidden", "UTC");
    let listed: Vec<CompanyId> = h
        .engine
        .list_companies(&stranger, &[])
        .unwrap()
        .iter()
        .map(|v| v.company.id)
        .collect();
    assert_eq!(listed, vec![c.id]);
    assert_eq!(h.engine.list_companies(&SYS, &[]).unwrap().len(), 2);
    h.refused(not_found(), |e| e.get_company(&stranger, private, &[]));
    h.engine.delete_company(&me, c.id).unwrap();
    h.refused(not_found(), |e| e.get_company(&SYS, c.id, &[]));
    let left = h.snapshot().records;
    assert!(
        left.iter().all(|r| !r.contains(&c.id.to_string())),
        "deleting a company deletes everything in it"
    );
}

fn company_users_are_invited_accepted_updated_and_removed(h: &mut Harness) {
    let c = h.company();
    let invite = NewCompanyUser {
        user_id: None,
        invited_email: Some("bob@example.org".into()),
        ..NewCompanyUser::agent(c, UserId(uuid::Uuid::nil()))
    };
    let cu = h.engine.create_company_user(&SYS, invite).unwrap();
    assert_eq!(cu.user_id, None);
    let other = h.user("Eve");
    h.refused(not_found(), |e| {
        e.accept_invitation(&Actor::User(other), cu.id)
    });
    let bob = h
        .engine
        .create_user(
            &SYS,
            NewUser {
                username: "bob".into(),
                firstname: "Bob".into(),
                lastname: "B".into(),
                email: "BOB@example.org".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let accepted = h
        .engine
        .accept_invitation(&Actor::User(bob.id), cu.id)
        .unwrap();
    assert_eq!(accepted.user_id, Some(bob.id));
    let updated = h
        .engine
        .update_company_user(
            &SYS,
            cu.id,
            CompanyUserUpdate {
                role: Some(Role::Supervisor),
                max_number_of_objects_handled: Some(3),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(
        (updated.role, updated.max_number_of_objects_handled),
        (Role::Supervisor, 3)
    );
    assert_eq!(
        h.engine
            .get_company_user(&Actor::User(bob.id), cu.id)
            .unwrap()
            .role,
        Role::Supervisor
    );
    h.engine.delete_company_user(&SYS, cu.id).unwrap();
    h.refused(not_found(), |e| e.get_company_user(&SYS, cu.id));
}

fn listing_company_users_needs_access_to_every_company_named(h: &mut Harness) {
    let a = h.company_in("A", "UTC");
    let b = h.company_in("B", "UTC");
    let (ann, _) = h.member(a, "Ann", Role::Agent);
    h.member(b, "Bob", Role::Agent);
    let me = Actor::User(ann);
    assert_eq!(h.engine.list_company_users(&me, &[a]).unwrap().len(), 1);
    h.refused(not_found(), |e| e.list_company_users(&me, &[a, b]));
    h.refused(invalid("company_ids"), |e| e.list_company_users(&me, &[]));
    assert_eq!(h.engine.list_company_users(&SYS, &[a, b]).unwrap().len(), 2);
}

fn the_last_owner_cannot_leave(h: &mut Harness) {
    let owner = h.user("Olga");
    let c = h
        .engine
        .create_company(
            &Actor::User(owner),
            NewCompany {
                name: "Acme".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let cu = h.engine.list_company_users(&SYS, &[c.id]).unwrap()[0].id;
    h.refused(conflict(ConflictReason::LastOwner), |e| {
        e.delete_company_user(&SYS, cu)
    });
    h.refused(conflict(ConflictReason::LastOwner), |e| {
        e.update_company_user(
            &SYS,
            cu,
            CompanyUserUpdate {
                role: Some(Role::Admin),
                ..Default::default()
            },
        )
    });
}

fn skills_and_levels_are_managed(h: &mut Harness) {
    let c = h.company();
    let a = h.agent(c, "Ann", 1);
    let q = h.queue(c, "support");
    let dutch = h.skill(c, "dutch");
    h.refused(conflict(ConflictReason::NameTaken), |e| {
        e.create_skill(&SYS, c, "Dutch")
    });
    h.engine.rename_skill(&SYS, dutch, "nederlands").unwrap();
    assert_eq!(h.engine.get_skill(&SYS, dutch).unwrap().name, "nederlands");
    h.engine.set_agent_skill(&SYS, a, dutch, 3).unwrap();
    h.engine.set_agent_skill(&SYS, a, dutch, 8).unwrap();
    let levels = h.engine.list_agent_skills(&SYS, a).unwrap();
    assert_eq!(levels.len(), 1);
    assert_eq!(levels[0].level, 8);
    h.engine.set_queue_skill(&SYS, q, dutch, 5).unwrap();
    assert_eq!(h.engine.list_queue_skills(&SYS, q).unwrap()[0].min_level, 5);
    assert_eq!(h.engine.list_skills(&SYS, c).unwrap().len(), 1);
    h.engine.delete_skill(&SYS, dutch).unwrap();
    assert!(h.engine.list_agent_skills(&SYS, a).unwrap().is_empty());
    assert!(h.engine.list_queue_skills(&SYS, q).unwrap().is_empty());
}

fn a_skill_a_waiting_object_needs_cannot_be_deleted(h: &mut Harness) {
    let c = h.company();
    let q = h.queue(c, "support");
    let billing = h.skill(c, "billing");
    let new = NewObject {
        required_skills: vec![SkillRequirement {
            skill_id: billing,
            min_level: 2,
        }],
        ..NewObject::chat(c, "x")
    };
    h.engine.enqueue_new(&SYS, new, q, None).unwrap();
    h.refused(conflict(ConflictReason::SkillInUse), |e| {
        e.delete_skill(&SYS, billing)
    });
}

fn queues_are_created_read_updated_and_deleted(h: &mut Harness) {
    let c = h.company();
    let new = NewQueue {
        password: Some("pw".into()),
        priority_delay: Some(30),
        offer_timeout: Some(20),
        strategy: Strategy::RoundRobin,
        ..NewQueue::named(c, "vip")
    };
    let q = h.engine.create_queue(&SYS, new).unwrap();
    assert!(q.has_password);
    h.refused(conflict(ConflictReason::NameTaken), |e| {
        e.create_queue(&SYS, NewQueue::named(c, "VIP"))
    });
    let raw = h.snapshot().records.join("\n");
    assert!(
        !raw.contains("\"pw\""),
        "the clear-text password must never be stored"
    );
    assert!(
        raw.contains("$argon2id$"),
        "the password is stored as an argon2id hash"
    );
    let upd = QueueUpdate {
        password: Some(None),
        priority_delay: Some(None),
        name: Some("gold".into()),
        ..Default::default()
    };
    let q2 = h.engine.update_queue(&SYS, q.id, upd).unwrap();
    assert!(!q2.has_password);
    assert_eq!((q2.name.as_str(), q2.priority_delay), ("gold", None));
    assert_eq!(h.engine.list_queues(&SYS, c).unwrap().len(), 1);
    let stay = h.chat(c, q.id, 0);
    h.refused(conflict(ConflictReason::QueueInUse), |e| {
        e.delete_queue(&SYS, q.id)
    });
    h.engine.abandon(&SYS, stay.id).unwrap();
    h.engine.delete_queue(&SYS, q.id).unwrap();
    h.refused(not_found(), |e| e.get_queue(&SYS, q.id));
}

fn operators_and_assignments_list_both_ways(h: &mut Harness) {
    let c = h.company();
    let q1 = h.queue(c, "sales");
    let q2 = h.queue(c, "support");
    let a = h.agent(c, "Ann", 1);
    h.staff(q1, a, 1);
    h.staff(q2, a, 2);
    h.refused(conflict(ConflictReason::AlreadyOperator), |e| {
        e.assign_operator(&SYS, q1, a, 1)
    });
    h.available(a);
    let assignments = h.engine.list_assignments(&SYS, a).unwrap();
    assert_eq!(assignments.len(), 2);
    assert!(assignments
        .iter()
        .all(|o| o.user_show == Show::Available && o.queue_show == Show::Available && o.enabled));
    let op = h
        .engine
        .update_operator(
            &SYS,
            q2,
            a,
            OperatorUpdate {
                enabled: Some(false),
                tier: Some(3),
            },
        )
        .unwrap();
    assert!(!op.enabled);
    let listed = h.engine.list_operators(&SYS, q2).unwrap();
    assert_eq!(
        (listed[0].tier, listed[0].queue_show),
        (3, Show::Unavailable)
    );
    h.engine.unassign_operator(&SYS, q1, a).unwrap();
    assert_eq!(h.engine.list_assignments(&SYS, a).unwrap().len(), 1);
    h.refused(not_found(), |e| e.unassign_operator(&SYS, q1, a));
}

scenarios!(
    users_are_created_read_updated_and_deleted,
    usernames_are_unique_case_insensitively,
    get_user_expands_companies_with_their_skills_and_queues,
    tokens_are_issued_once_listed_without_secrets_and_revoked,
    companies_are_created_read_updated_listed_and_deleted,
    company_users_are_invited_accepted_updated_and_removed,
    listing_company_users_needs_access_to_every_company_named,
    the_last_owner_cannot_leave,
    skills_and_levels_are_managed,
    a_skill_a_waiting_object_needs_cannot_be_deleted,
    queues_are_created_read_updated_and_deleted,
    operators_and_assignments_list_both_ways,
);
