//! History out of the working set: what ends leaves memory and stays readable from the
//! store — ended stays, handled objects, notes, ratings, events — after the fact and after
//! a reopen; statistics do not care where a stay is; an object comes back when enqueued
//! again; deleting a company takes its history along.

use queue_behaviour::*;
use queue_core::*;

const SYS: Actor = Actor::System;

/// One agent on one queue, a chat handled to the end, noted and rated.
fn handled_chat(h: &mut Harness) -> (CompanyId, QueueId, CompanyUserId, Stay) {
    let (c, q, a) = h.staffed_queue(1, |q| q);
    h.available(a[0]);
    let s = h.chat(c, q, 0);
    h.engine
        .add_note(&SYS, s.id, "asked about invoices")
        .unwrap();
    h.advance(240);
    h.engine.complete(&SYS, s.id).unwrap();
    h.engine.rate(&SYS, s.object_id, 4, "fine").unwrap();
    h.engine
        .add_note(&SYS, s.id, "follow-up sent after the chat")
        .unwrap();
    (c, q, a[0], s)
}

fn what_ends_leaves_memory_and_stays_readable(h: &mut Harness) {
    let (c, q, a) = h.staffed_queue(1, |q| q);
    h.available(a[0]);
    let configured = h.engine.working_set_size();
    let s = h.chat(c, q, 0);
    assert_eq!(h.engine.working_set_size(), configured + 2, "object + stay");
    h.engine
        .add_note(&SYS, s.id, "asked about invoices")
        .unwrap();
    assert_eq!(
        h.engine.working_set_size(),
        configured + 2,
        "notes are not held"
    );
    h.advance(240);
    h.engine.complete(&SYS, s.id).unwrap();
    assert_eq!(
        h.engine.working_set_size(),
        configured,
        "handled: all history"
    );
    h.engine.rate(&SYS, s.object_id, 4, "fine").unwrap();
    assert_eq!(h.engine.working_set_size(), configured);

    let stay = h.engine.get_stay(&SYS, s.id).unwrap();
    assert_eq!(
        (stay.state, stay.assigned_to),
        (StayState::Completed, Some(a[0]))
    );
    assert_eq!(
        h.engine.get_object(&SYS, s.object_id).unwrap().id,
        s.object_id
    );
    let stays = h.engine.list_object_stays(&SYS, s.object_id).unwrap();
    assert_eq!(stays.iter().map(|s| s.id).collect::<Vec<_>>(), vec![s.id]);
    let notes = h.engine.list_notes(&SYS, s.id).unwrap();
    assert_eq!(notes[0].text, "asked about invoices");
    assert_eq!(
        h.engine
            .get_rating(&SYS, s.object_id)
            .unwrap()
            .unwrap()
            .score,
        4
    );
    // Later commands on an ended stay still get the rule that refuses them.
    h.refused(conflict(ConflictReason::StayEnded), |e| {
        e.abandon(&SYS, s.id)
    });
    h.refused(conflict(ConflictReason::NotAssigned), |e| {
        e.complete(&SYS, s.id)
    });
    h.refused(conflict(ConflictReason::AlreadyRated), |e| {
        e.rate(&SYS, s.object_id, 5, "")
    });
    assert_eq!(
        h.engine.eligibility(&SYS, a[0], s.id).unwrap(),
        Some(Ineligible::NotWaiting {
            state: StayState::Completed
        })
    );
}

fn history_reads_survive_a_reopen(h: &mut Harness) {
    if h.kind == StoreKind::Memory {
        return; // a memory store does not outlive its engine
    }
    let (_, _, _, s) = handled_chat(h);
    let loaded = h.engine.store_mut().load().unwrap();
    assert!(
        loaded.iter().all(|r| !matches!(
            r,
            Record::Stay(_) | Record::Note(_) | Record::Rating(_) | Record::QueueableObject(_)
        )),
        "the working set loads no history"
    );
    h.engine.reload().unwrap();
    assert_eq!(h.stay(s.id).state, StayState::Completed);
    assert_eq!(h.engine.list_notes(&SYS, s.id).unwrap().len(), 2);
    assert!(h.engine.get_rating(&SYS, s.object_id).unwrap().is_some());
    assert_eq!(
        h.engine.list_object_stays(&SYS, s.object_id).unwrap().len(),
        1
    );
}

fn statistics_do_not_depend_on_where_a_stay_is(h: &mut Harness) {
    let (c, _, a, _) = handled_chat(h);
    let window = StatsQuery {
        company_id: c,
        from: start(),
        to: h.engine.now() + chrono::Duration::seconds(1),
        service_level_seconds: 20,
    };
    let queues = h.engine.queue_stats(&SYS, &window).unwrap();
    let agents = h.engine.agent_stats(&SYS, &window).unwrap();
    h.engine.reload().unwrap();
    assert_eq!(h.engine.queue_stats(&SYS, &window).unwrap(), queues);
    assert_eq!(h.engine.agent_stats(&SYS, &window).unwrap(), agents);
    let q = &queues[0];
    assert_eq!(
        (q.offered, q.answered, q.average_handle_seconds),
        (1, 1, Some(240.0))
    );
    assert_eq!(
        agents
            .iter()
            .find(|s| s.company_user_id == a)
            .unwrap()
            .completed,
        1
    );
}

fn a_handled_object_comes_back_when_enqueued_again(h: &mut Harness) {
    let (_, q, a, s) = handled_chat(h);
    let size = h.engine.working_set_size();
    let again = h.engine.enqueue(&SYS, s.object_id, q, None).unwrap();
    assert_eq!(again.assigned_to, Some(a), "routed as any object");
    assert_eq!(h.engine.working_set_size(), size + 2);
    h.engine.set_object_priority(&SYS, s.object_id, 7).unwrap();
    assert_eq!(
        h.engine.list_object_stays(&SYS, s.object_id).unwrap().len(),
        2
    );
    h.engine.complete(&SYS, again.id).unwrap();
    assert_eq!(h.engine.working_set_size(), size);
    assert_eq!(h.engine.get_object(&SYS, s.object_id).unwrap().priority, 7);
}

fn deleting_a_company_takes_its_history(h: &mut Harness) {
    let owner = h.user("Olga");
    let c = h
        .engine
        .create_company(
            &Actor::User(owner),
            NewCompany {
                name: "Gone".into(),
                ..Default::default()
            },
        )
        .unwrap()
        .id;
    let q = h.queue(c, "support");
    let a = h.agent(c, "Ann", 1);
    h.staff(q, a, 1);
    h.available(a);
    let s = h.chat(c, q, 0);
    h.engine.add_note(&SYS, s.id, "a note").unwrap();
    h.engine.complete(&SYS, s.id).unwrap();
    h.engine.rate(&SYS, s.object_id, 5, "").unwrap();
    h.engine.delete_company(&Actor::User(owner), c).unwrap();
    h.refused(not_found(), |e| e.get_stay(&SYS, s.id));
    h.refused(not_found(), |e| e.get_object(&SYS, s.object_id));
    let store = h.engine.store_mut();
    for (kind, id) in [(Kind::Stay, s.id.0), (Kind::QueueableObject, s.object_id.0)] {
        assert!(store.get(kind, id).unwrap().is_none(), "{kind} left behind");
    }
    assert!(store.children(Kind::Note, s.id.0).unwrap().is_empty());
    assert!(store
        .children(Kind::Rating, s.object_id.0)
        .unwrap()
        .is_empty());
}

scenarios!(
    what_ends_leaves_memory_and_stays_readable,
    history_reads_survive_a_reopen,
    statistics_do_not_depend_on_where_a_stay_is,
    a_handled_object_comes_back_when_enqueued_again,
    deleting_a_company_takes_its_history,
);
