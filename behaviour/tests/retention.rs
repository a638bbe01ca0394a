//! Retention: `prune_history` removes what ended before an instant — stays with their notes,
//! objects no stay is left for with their ratings, agents' time pieces, events — and nothing
//! live; a store given a retention period does it by itself as the engine runs.

use chrono::Duration;
use queue_behaviour::*;
use queue_core::*;

const SYS: Actor = Actor::System;

/// Everything stored before `to`.
fn events_before(h: &mut Harness, to: chrono::DateTime<chrono::Utc>) -> Vec<Event> {
    let query = EventQuery {
        to: Some(to),
        ..Default::default()
    };
    h.engine.events(&SYS, &query).unwrap()
}

fn last_seq(h: &mut Harness) -> u64 {
    let all = h.engine.events(&SYS, &EventQuery::default()).unwrap();
    all.last().map_or(0, |e| e.seq)
}

fn day_stats(h: &mut Harness, c: CompanyId) -> QueueStats {
    let window = StatsQuery {
        company_id: c,
        from: start(),
        to: start() + Duration::hours(8),
        service_level_seconds: 20,
    };
    h.engine.queue_stats(&SYS, &window).unwrap().remove(0)
}

fn pruning_removes_what_ended_before_the_cutoff_and_nothing_live(h: &mut Harness) {
    let (c, q, a) = h.staffed_queue(1, |q| q);
    h.available(a[0]);
    // Yesterday: one chat handled, noted and rated; one object handled and enqueued again
    // today, so its old stay goes and the object stays.
    let old = h.chat(c, q, 0);
    h.engine
        .add_note(&SYS, old.id, "asked about invoices")
        .unwrap();
    h.advance(300);
    h.engine.complete(&SYS, old.id).unwrap();
    h.engine.rate(&SYS, old.object_id, 4, "").unwrap();
    let back = h.chat(c, q, 0);
    h.advance(120);
    h.engine.complete(&SYS, back.id).unwrap();
    assert_eq!(day_stats(h, c).answered, 2);

    h.advance(86_400);
    let cutoff = h.engine.now();
    h.advance(60);
    let again = h.engine.enqueue(&SYS, back.object_id, q, None).unwrap();
    let waiting = h.chat(c, q, 0); // Ann has capacity 1: this one waits
    let size = h.engine.working_set_size();
    let seq = last_seq(h);

    let pruned = h.engine.prune_history(&SYS, cutoff).unwrap();
    assert_eq!(
        (pruned.stays, pruned.notes, pruned.objects, pruned.ratings),
        (2, 1, 1, 1)
    );
    assert!(pruned.events > 0 && pruned.intervals > 0, "{pruned:?}");

    h.refused(not_found(), |e| e.get_stay(&SYS, old.id));
    h.refused(not_found(), |e| e.get_object(&SYS, old.object_id));
    h.refused(not_found(), |e| e.list_notes(&SYS, old.id));
    h.refused(not_found(), |e| e.get_stay(&SYS, back.id));
    let stays = h.engine.list_object_stays(&SYS, back.object_id).unwrap();
    assert_eq!(
        stays.iter().map(|s| s.id).collect::<Vec<_>>(),
        vec![again.id]
    );
    assert!(events_before(h, cutoff).is_empty());
    assert!(!events_before(h, h.engine.now() + Duration::seconds(1)).is_empty());
    // A pruned window reads as empty.
    let stats = day_stats(h, c);
    assert_eq!((stats.offered, stats.answered), (0, 0));

    // Live work is untouched and routes on.
    assert_eq!(h.engine.working_set_size(), size);
    assert_eq!(h.holder(again.id), Some(a[0]));
    assert_eq!(h.stay(waiting.id).state, StayState::Waiting);
    h.engine.complete(&SYS, again.id).unwrap();
    assert_eq!(h.holder(waiting.id), Some(a[0]));
    assert!(last_seq(h) > seq, "event numbers go on");

    // Nothing left to prune: a second run removes nothing.
    assert_eq!(h.engine.prune_history(&SYS, cutoff).unwrap().total(), 0);
}

fn event_numbers_are_never_reused_after_pruning_everything(h: &mut Harness) {
    let (c, q, a) = h.staffed_queue(1, |q| q);
    h.available(a[0]);
    let s = h.chat(c, q, 0);
    h.engine.complete(&SYS, s.id).unwrap();
    let seq = last_seq(h);
    h.advance(10);
    let everything = h.engine.now() + Duration::seconds(1);
    h.engine.prune_history(&SYS, everything).unwrap();
    assert_eq!(last_seq(h), 0, "the log is empty");
    h.advance(10);
    let next = h.chat(c, q, 0);
    let events = h.engine.events(&SYS, &EventQuery::default()).unwrap();
    assert!(events.iter().all(|e| e.seq > seq), "{seq} reused");
    assert_eq!(h.holder(next.id), Some(a[0]));
    if h.kind != StoreKind::Memory {
        h.engine.reload().unwrap();
        h.advance(10);
        h.engine.complete(&SYS, next.id).unwrap();
        let events = h.engine.events(&SYS, &EventQuery::default()).unwrap();
        assert!(
            events.iter().all(|e| e.seq > seq),
            "{seq} reused after a reopen"
        );
    }
}

fn only_the_system_actor_prunes_and_a_bad_instant_is_refused(h: &mut Harness) {
    let (c, q, a) = h.staffed_queue(1, |q| q);
    h.available(a[0]);
    let s = h.chat(c, q, 0);
    h.engine.complete(&SYS, s.id).unwrap();
    let owner = h.user("Olga");
    let later = h.engine.now() + Duration::days(1);
    h.refused(forbidden(), |e| e.prune_history(&Actor::User(owner), later));
    h.refused(unauthenticated(), |e| {
        e.prune_history(&Actor::Anonymous, later)
    });
    h.refused(invalid("before"), |e| {
        e.prune_history(&SYS, chrono::DateTime::<chrono::Utc>::MAX_UTC)
    });
}

fn a_retention_period_keeps_history_bounded_as_the_engine_runs(kind: StoreKind) {
    let mut h = Harness::with_retention(kind, Duration::days(1));
    let (c, q, a) = h.staffed_queue(1, |q| q);
    h.available(a[0]);
    let mut chats = Vec::new();
    let mut last_commit = h.engine.now();
    // Three days, a chat every hour, each handled in ten minutes.
    for _ in 0..72 {
        let s = h.chat(c, q, 0);
        h.advance(600);
        h.engine.complete(&SYS, s.id).unwrap();
        last_commit = h.engine.now();
        h.advance(3000);
        chats.push(s);
    }
    let now = h.engine.now();
    // Pruning is timed by commits, at most every AUTO_PRUNE_EVERY_SECONDS.
    let kept_from =
        last_commit - Duration::days(1) - Duration::seconds(store::AUTO_PRUNE_EVERY_SECONDS);
    assert!(events_before(&mut h, kept_from).is_empty());
    for s in &chats[..40] {
        h.refused(not_found(), |e| e.get_stay(&SYS, s.id));
    }
    // The last day is all there.
    for s in &chats[chats.len() - 23..] {
        assert_eq!(h.stay(s.id).state, StayState::Completed);
    }
    let query = EventQuery {
        from: Some(now - Duration::days(1)),
        ..Default::default()
    };
    let kept = h.engine.events(&SYS, &query).unwrap();
    assert!(kept.len() >= 23 * 3, "{} events kept", kept.len());
}

#[test]
fn a_retention_period_keeps_history_bounded_in_memory() {
    a_retention_period_keeps_history_bounded_as_the_engine_runs(StoreKind::Memory);
}

#[test]
fn a_retention_period_keeps_history_bounded_in_sqlite() {
    a_retention_period_keeps_history_bounded_as_the_engine_runs(StoreKind::Sqlite);
}

#[test]
fn a_retention_period_keeps_history_bounded_as_the_engine_runs_postgres() {
    queue_behaviour::on_store(
        StoreKind::Postgres,
        a_retention_period_keeps_history_bounded_as_the_engine_runs,
    );
}

scenarios!(
    pruning_removes_what_ended_before_the_cutoff_and_nothing_live,
    event_numbers_are_never_reused_after_pruning_everything,
    only_the_system_actor_prunes_and_a_bad_instant_is_refused,
);
