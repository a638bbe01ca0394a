//! Batches: many commands, one commit. Inside a batch every command is applied, routed and
//! answered as usual; the store commits once at the end; if the batch fails — its closure
//! returns an error, or the commit fails — none of it happened, and nothing of it was
//! visible before the commit.

use chrono::{DateTime, Utc};
use queue_behaviour::*;
use queue_core::*;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

const SYS: Actor = Actor::System;

/// Counts commits, and fails the next `fail` of them.
struct Commits {
    inner: Box<dyn Store>,
    made: Arc<AtomicUsize>,
    fail: Arc<AtomicUsize>,
}

impl Store for Commits {
    fn load(&mut self) -> Result<Vec<Record>> {
        self.inner.load()
    }
    fn get(&mut self, kind: Kind, id: uuid::Uuid) -> Result<Option<Record>> {
        self.inner.get(kind, id)
    }
    fn children(&mut self, kind: Kind, parent: uuid::Uuid) -> Result<Vec<Record>> {
        self.inner.children(kind, parent)
    }
    fn company_records(&mut self, kind: Kind, company: CompanyId) -> Result<Vec<uuid::Uuid>> {
        self.inner.company_records(kind, company)
    }
    fn company_history(
        &mut self,
        kind: Kind,
        company: CompanyId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<Record>> {
        self.inner.company_history(kind, company, from, to)
    }
    fn begin(&mut self) -> Result<()> {
        self.inner.begin()
    }
    fn changes(&mut self) -> Result<Changes> {
        self.inner.changes()
    }
    fn commit(&mut self, changes: &[Change], events: &[Event]) -> Result<()> {
        if self
            .fail
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
            .is_ok()
        {
            return Err(Error::storage("injected commit failure"));
        }
        self.inner.commit(changes, events)?;
        self.made.fetch_add(1, Ordering::SeqCst);
        Ok(())
    }
    fn rollback(&mut self) {
        self.inner.rollback()
    }
    fn events(&mut self, query: &EventQuery) -> Result<Vec<Event>> {
        self.inner.events(query)
    }
    fn prune(&mut self, before: DateTime<Utc>) -> Result<Pruned> {
        self.inner.prune(before)
    }
    fn feed(&mut self) -> Result<Box<dyn EventFeed>> {
        self.inner.feed()
    }
}

struct Counted {
    h: Harness,
    made: Arc<AtomicUsize>,
    fail: Arc<AtomicUsize>,
}

fn counted(kind: StoreKind) -> Counted {
    let (made, fail) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let (m, f) = (made.clone(), fail.clone());
    let h = Harness::wrapped(kind, move |inner| {
        Box::new(Commits {
            inner,
            made: m,
            fail: f,
        })
    });
    Counted { h, made, fail }
}

fn chat(e: &mut Engine, c: CompanyId, q: QueueId) -> Result<Stay> {
    e.enqueue_new(&SYS, NewObject::chat(c, "Visitor"), q, None)
}

fn a_batch_routes_as_usual_and_commits_once(kind: StoreKind) {
    let Counted { mut h, made, .. } = counted(kind);
    let (c, q, a) = h.staffed_queue(2, |q| q);
    h.available(a[0]);
    h.available(a[1]);
    let mut w = h.engine.watch(&SYS, WatchQuery::default()).unwrap();
    let before = made.load(Ordering::SeqCst);
    let (first, third) = h
        .engine
        .batch(|e| {
            let first = chat(e, c, q)?;
            let second = chat(e, c, q)?;
            let third = chat(e, c, q)?;
            // Routed inside the batch: two agents, two assignments, the third waits.
            assert!(first.assigned_to.is_some() && second.assigned_to.is_some());
            assert_eq!(third.state, StayState::Waiting);
            // Completing one gives its agent the waiting chat, in the same batch.
            e.complete(&SYS, first.id)?;
            assert_eq!(e.get_stay(&SYS, third.id)?.assigned_to, first.assigned_to);
            // Nothing is visible before the commit.
            assert!(w.try_next()?.is_none());
            Ok((first, third))
        })
        .unwrap();
    assert_eq!(made.load(Ordering::SeqCst) - before, 1, "one commit");
    assert_eq!(h.stay(first.id).state, StayState::Completed);
    assert_eq!(h.stay(third.id).assigned_to, first.assigned_to);
    let seen: Vec<Event> = std::iter::from_fn(|| w.try_next().unwrap()).collect();
    assert!(seen
        .iter()
        .any(|e| matches!(e.kind, EventKind::Completed { stay_id, .. } if stay_id == first.id)));
    assert!(seen.windows(2).all(|p| p[1].seq == p[0].seq + 1));
    // The ended chat left memory at the commit, as after a single command.
    assert_eq!(h.engine.working_set_size(), {
        h.engine.reload().unwrap();
        h.engine.working_set_size()
    });
}

fn a_batch_that_fails_leaves_nothing(kind: StoreKind) {
    let Counted { mut h, made, .. } = counted(kind);
    let (c, q, a) = h.staffed_queue(1, |q| q);
    h.available(a[0]);
    let before = h.snapshot();
    let commits = made.load(Ordering::SeqCst);
    let failed: Result<()> = h.engine.batch(|e| {
        let s = chat(e, c, q)?;
        assert_eq!(s.assigned_to, Some(a[0]));
        e.create_queue(&SYS, NewQueue::named(c, "sales"))?;
        Err(Error::invalid("batch", "the host changed its mind"))
    });
    assert_eq!(failed.unwrap_err().field(), Some("batch"));
    assert_eq!(made.load(Ordering::SeqCst), commits, "no commit");
    assert_eq!(h.snapshot(), before, "nothing stored");
    // The engine forgot it too: the agent is free, the queue name is free.
    assert_eq!(h.chat(c, q, 0).assigned_to, Some(a[0]));
    assert!(h
        .engine
        .create_queue(&SYS, NewQueue::named(c, "sales"))
        .is_ok());
}

fn a_refused_command_inside_a_batch_changes_nothing_and_the_batch_goes_on(kind: StoreKind) {
    let Counted { mut h, .. } = counted(kind);
    let (c, q, a) = h.staffed_queue(1, |q| q);
    let waiting = h.chat(c, q, 0);
    h.engine
        .batch(|e| {
            let refused = e.complete(&SYS, waiting.id);
            assert_eq!(
                refused.unwrap_err().reason(),
                Some(ConflictReason::NotAssigned)
            );
            e.set_presence(
                &SYS,
                a[0],
                PresenceUpdate {
                    show: Some(Show::Available),
                    ..Default::default()
                },
            )?;
            Ok(())
        })
        .unwrap();
    assert_eq!(h.holder(waiting.id), Some(a[0]));
}

fn a_failed_commit_undoes_the_whole_batch(kind: StoreKind) {
    let Counted { mut h, fail, .. } = counted(kind);
    let (c, q, a) = h.staffed_queue(1, |q| q);
    h.available(a[0]);
    let before = h.snapshot();
    fail.store(1, Ordering::SeqCst);
    let failed = h.engine.batch(|e| {
        chat(e, c, q)?;
        chat(e, c, q)
    });
    assert!(matches!(failed, Err(Error::Storage { .. })));
    assert_eq!(h.snapshot(), before);
    assert!(h.engine.list_waiting(&SYS, q, 10).unwrap().is_empty());
    assert_eq!(h.chat(c, q, 0).assigned_to, Some(a[0]), "the agent is free");
}

fn batches_nest_and_cannot_be_opened_twice(kind: StoreKind) {
    let Counted { mut h, made, .. } = counted(kind);
    let c = h.company();
    let commits = made.load(Ordering::SeqCst);
    h.engine
        .batch(|e| {
            e.batch(|e| e.create_queue(&SYS, NewQueue::named(c, "inner")))?;
            assert!(e.in_batch(), "the inner batch is part of the outer");
            assert_eq!(
                e.begin_batch().unwrap_err().reason(),
                Some(ConflictReason::BatchOpen)
            );
            e.create_queue(&SYS, NewQueue::named(c, "outer"))
        })
        .unwrap();
    assert_eq!(made.load(Ordering::SeqCst) - commits, 1);
    assert!(!h.engine.in_batch());
    assert_eq!(h.engine.list_queues(&SYS, c).unwrap().len(), 2);
    // The explicit form, as Python's `with engine.batch():` uses it.
    h.engine.begin_batch().unwrap();
    h.engine
        .create_queue(&SYS, NewQueue::named(c, "third"))
        .unwrap();
    h.engine.abort_batch();
    assert_eq!(h.engine.list_queues(&SYS, c).unwrap().len(), 2);
    h.engine.commit_batch().unwrap(); // none open: nothing to do
}

macro_rules! on_every_store {
    ($($name:ident),* $(,)?) => {
        mod memory {
            $(#[test] fn $name() { super::$name(queue_behaviour::StoreKind::Memory); })*
        }
        mod sqlite {
            $(#[test] fn $name() { super::$name(queue_behaviour::StoreKind::Sqlite); })*
        }
        mod postgres {
            $(#[test] fn $name() {
                queue_behaviour::on_store(queue_behaviour::StoreKind::Postgres, super::$name);
            })*
        }
    };
}

on_every_store!(
    a_batch_routes_as_usual_and_commits_once,
    a_batch_that_fails_leaves_nothing,
    a_refused_command_inside_a_batch_changes_nothing_and_the_batch_goes_on,
    a_failed_commit_undoes_the_whole_batch,
    batches_nest_and_cannot_be_opened_twice,
);
