//! What belongs to one person: an offer is answered by the agent it was made to, and a
//! user's own record and tokens are theirs (and the system's) alone.

mod common;

use common::fixture;
use queue_behaviour::*;
use queue_core::*;

const SYS: Actor = Actor::System;

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

scenarios!(
    offers_are_answered_only_by_the_agent_they_are_made_to,
    users_and_tokens_belong_to_their_user,
);
