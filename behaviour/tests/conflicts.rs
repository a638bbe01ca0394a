//! Every conflict names its rule: each `ConflictReason` produced by the command a host would
//! really send, refused without changing anything. The README's errors section lists the
//! same reasons with the same commands; a test below keeps the two in step.

use queue_behaviour::*;
use queue_core::*;

const SYS: Actor = Actor::System;

/// Reasons no single engine call on one store can produce; the README says how each arises.
const NOT_PRODUCED_HERE: &[ConflictReason] = &[
    // Another process changed the password between the (slow) check and the write.
    ConflictReason::PasswordChanged,
    // A store used without syncing first; the engine always syncs.
    ConflictReason::StaleConnection,
    // Only the bindings close an engine (`close()` in Python and Node).
    ConflictReason::EngineClosed,
];

type Call = Box<dyn Fn(&mut Engine) -> Result<()>>;

fn ok<T>(r: Result<T>) -> Result<()> {
    r.map(|_| ())
}

/// A company with a queue on offer and an assigned chat, and one refused call per reason.
fn world(h: &mut Harness) -> Vec<(ConflictReason, Call)> {
    let c = h.company();
    let ann = h.agent(c, "Ann", 2);
    let bob = h.agent(c, "Bob", 1);
    let support = h.queue_with(NewQueue {
        offer_timeout: Some(30),
        ..NewQueue::named(c, "support")
    });
    let direct = h.queue(c, "direct");
    let closed = h.queue(c, "closed");
    let off = h.queue_with(NewQueue {
        is_active: false,
        ..NewQueue::named(c, "off")
    });
    let personal = h.queue_with(NewQueue {
        company_user_id: Some(bob),
        ..NewQueue::named(c, "bob's")
    });
    let full = h.queue_with(NewQueue {
        max_waiting: Some(1),
        ..NewQueue::named(c, "full")
    });
    h.chat(c, full, 0);
    h.staff(support, ann, 1);
    h.staff(direct, ann, 1);
    h.available(ann);
    let offered = h.chat(c, support, 0);
    let assigned = h.chat(c, direct, 0);
    let waiting = h.chat(c, closed, 0);
    let ended = h.chat(c, closed, 0);
    h.engine.abandon(&SYS, ended.id).unwrap();
    h.engine.set_hours(&SYS, c, Some(closed), vec![]).unwrap();
    let billing = h.skill(c, "billing");
    let needs_billing = NewObject {
        required_skills: vec![SkillRequirement {
            skill_id: billing,
            min_level: 1,
        }],
        ..NewObject::chat(c, "invoice question")
    };
    let stuck = h
        .engine
        .enqueue_new(&SYS, needs_billing, direct, None)
        .unwrap();
    // Locked in a status: the lock and the status are both in use.
    let training = h
        .engine
        .create_presence_status(&SYS, c, "Training", Show::Dnd)
        .unwrap()
        .id;
    h.engine.lock_presence_status(&SYS, bob, training).unwrap();
    let (olga, owner) = h.member(c, "Olga", Role::Owner);
    let pick_off = CompanyUserUpdate {
        ability_to_pick_from_queue: Some(true),
        is_auto_ability_to_pick_from_queue: Some(false),
        ..Default::default()
    };
    h.engine.update_company_user(&SYS, ann, pick_off).unwrap();
    h.engine.complete(&SYS, assigned.id).unwrap();
    h.engine.rate(&SYS, assigned.object_id, 5, "").unwrap();
    let handled = h.chat(c, direct, 0);
    let username = h.engine.get_user(&SYS, olga, &[]).unwrap().user.username;
    let v: Vec<(ConflictReason, Call)> = vec![
        (
            ConflictReason::QueueInactive,
            Box::new(move |e| ok(e.enqueue_new(&SYS, NewObject::chat(c, "x"), off, None))),
        ),
        (
            ConflictReason::QueueClosed,
            Box::new(move |e| ok(e.enqueue_new(&SYS, NewObject::chat(c, "x"), closed, None))),
        ),
        (
            ConflictReason::QueueFull,
            Box::new(move |e| ok(e.enqueue_new(&SYS, NewObject::chat(c, "x"), full, None))),
        ),
        (
            ConflictReason::AlreadyQueued,
            Box::new(move |e| ok(e.enqueue(&SYS, stuck.object_id, direct, None))),
        ),
        (
            ConflictReason::BeingHandled,
            Box::new(move |e| ok(e.enqueue(&SYS, handled.object_id, support, None))),
        ),
        (
            ConflictReason::NotOffered,
            Box::new(move |e| ok(e.accept_offer(&SYS, waiting.id))),
        ),
        (
            ConflictReason::NotWaiting,
            Box::new(move |e| ok(e.pick(&SYS, ann, offered.id))),
        ),
        (
            ConflictReason::NotEligible,
            Box::new(move |e| ok(e.pick(&SYS, ann, waiting.id))),
        ),
        (
            ConflictReason::NotAssigned,
            Box::new(move |e| ok(e.complete(&SYS, offered.id))),
        ),
        (
            ConflictReason::StayAssigned,
            Box::new(move |e| ok(e.abandon(&SYS, handled.id))),
        ),
        (
            ConflictReason::StayEnded,
            Box::new(move |e| ok(e.transfer(&SYS, ended.id, support))),
        ),
        (
            ConflictReason::AlreadyRated,
            Box::new(move |e| ok(e.rate(&SYS, assigned.object_id, 4, ""))),
        ),
        (
            ConflictReason::NotHandled,
            Box::new(move |e| ok(e.rate(&SYS, waiting.object_id, 4, ""))),
        ),
        (
            ConflictReason::StatusLocked,
            Box::new(move |e| {
                let update = PresenceUpdate {
                    show: Some(Show::Available),
                    ..Default::default()
                };
                ok(e.set_presence(&SYS, bob, update))
            }),
        ),
        (
            ConflictReason::PersonalQueue,
            Box::new(move |e| ok(e.assign_operator(&SYS, personal, ann, 1))),
        ),
        (
            ConflictReason::AlreadyOperator,
            Box::new(move |e| ok(e.assign_operator(&SYS, support, ann, 2))),
        ),
        (
            ConflictReason::AlreadyMember,
            Box::new(move |e| ok(e.create_company_user(&SYS, NewCompanyUser::agent(c, olga)))),
        ),
        (
            ConflictReason::LastOwner,
            Box::new(move |e| ok(e.delete_company_user(&SYS, owner))),
        ),
        (
            ConflictReason::AgentBusy,
            Box::new(move |e| ok(e.delete_company_user(&SYS, ann))),
        ),
        (
            ConflictReason::HasPersonalQueue,
            Box::new(move |e| ok(e.delete_company_user(&SYS, bob))),
        ),
        (
            ConflictReason::QueueInUse,
            Box::new(move |e| ok(e.delete_queue(&SYS, closed))),
        ),
        (
            ConflictReason::SkillInUse,
            Box::new(move |e| ok(e.delete_skill(&SYS, billing))),
        ),
        (
            ConflictReason::StatusInUse,
            Box::new(move |e| ok(e.delete_presence_status(&SYS, training))),
        ),
        (
            ConflictReason::NameTaken,
            Box::new(move |e| ok(e.create_queue(&SYS, NewQueue::named(c, "SUPPORT")))),
        ),
        (
            ConflictReason::UsernameTaken,
            Box::new(move |e| {
                let new = NewUser {
                    username: username.to_uppercase(),
                    firstname: "O".into(),
                    lastname: "T".into(),
                    email: "o@example.org".into(),
                    ..Default::default()
                };
                ok(e.create_user(&SYS, new))
            }),
        ),
        (
            ConflictReason::BatchOpen,
            Box::new(|e| {
                e.begin_batch()?;
                let second = e.begin_batch();
                e.abort_batch();
                second
            }),
        ),
    ];
    v
}

fn every_conflict_names_its_rule_and_changes_nothing(h: &mut Harness) {
    let cases = world(h);
    for (reason, call) in &cases {
        h.refused(conflict(*reason), |e| call(e));
    }
    let covered: Vec<ConflictReason> = cases.iter().map(|(r, _)| *r).collect();
    for r in ConflictReason::ALL {
        assert!(
            covered.contains(r) || NOT_PRODUCED_HERE.contains(r),
            "no command produces {r} in this test"
        );
    }
}

scenarios!(every_conflict_names_its_rule_and_changes_nothing);

#[test]
fn the_readme_lists_every_reason() {
    let readme = include_str!("../../README.md");
    let start = readme
        .find("<!-- errors-section:start -->")
        .expect("errors section");
    let end = readme
        .find("<!-- errors-section:end -->")
        .expect("errors section end");
    let section = &readme[start..end];
    for r in ConflictReason::ALL {
        assert!(
            section.contains(&format!("`{r}`")),
            "the README's errors section does not list `{r}`"
        );
    }
}
