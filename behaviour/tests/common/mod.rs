//! Fixtures shared by test files (each includes this with `mod common;`).

use queue_behaviour::*;
use queue_core::*;

const SYS: Actor = Actor::System;

/// A company with one member of each role, a second company with an outsider, and something
/// of every resource to act on.
#[allow(dead_code)] // each test file reads the fields it needs
pub struct Fx {
    pub c: CompanyId,
    pub owner: Actor,
    pub admin: Actor,
    pub supervisor: Actor,
    /// The agent most operations act on ("self").
    pub g: CompanyUserId,
    pub g_user: UserId,
    pub g_actor: Actor,
    /// Another agent: a member with the lowest role who is not "self".
    pub other: Actor,
    pub outsider: Actor,
    pub q: QueueId,
    pub q_empty: QueueId,
    pub q_tier2: QueueId,
    pub skill: SkillId,
    pub team: TeamId,
    pub offered: StayId,
    pub assigned: StayId,
    pub waiting: StayId,
    pub object: ObjectId,
    /// An object not queued anywhere yet.
    pub spare: ObjectId,
    pub blacklist: BlacklistId,
    pub g_token: TokenId,
}

pub fn fixture(h: &mut Harness) -> Fx {
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
