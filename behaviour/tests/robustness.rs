//! Robustness: no input panics — not instants at either end of the calendar, not huge clock
//! moves — and should a bug ever panic inside a command, the engine reloads its working set
//! from the store and stays usable.

use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc, Weekday};
use queue_behaviour::*;
use queue_core::clock::{EARLIEST, LATEST};
use queue_core::*;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

const SYS: Actor = Actor::System;

/// A store that panics inside its next commit once `armed` is set, as a bug deep in a write
/// would: after the engine changed its working set, before anything was stored.
struct PanicOnCommit {
    inner: Box<dyn Store>,
    armed: Arc<AtomicBool>,
}

impl Store for PanicOnCommit {
    fn load(&mut self) -> Result<Vec<Record>> {
        self.inner.load()
    }
    fn begin(&mut self) -> Result<()> {
        self.inner.begin()
    }
    fn changes(&mut self) -> Result<queue_core::Changes> {
        self.inner.changes()
    }
    fn commit(&mut self, changes: &[Change], events: &[Event]) -> Result<()> {
        if self.armed.swap(false, Ordering::SeqCst) {
            panic!("injected bug in commit");
        }
        self.inner.commit(changes, events)
    }
    fn rollback(&mut self) {
        self.inner.rollback()
    }
    fn events(&mut self, query: &EventQuery) -> Result<Vec<Event>> {
        self.inner.events(query)
    }
    fn prune(&mut self, before: DateTime<Utc>) -> Result<queue_core::Pruned> {
        self.inner.prune(before)
    }
    fn feed(&mut self) -> Result<Box<dyn queue_core::EventFeed>> {
        self.inner.feed()
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
}

fn a_panic_inside_a_command_leaves_the_engine_usable(kind: StoreKind) {
    let armed = Arc::new(AtomicBool::new(false));
    let trap = armed.clone();
    let mut h = Harness::wrapped(kind, move |inner| {
        Box::new(PanicOnCommit { inner, armed: trap })
    });
    let c = h.company();
    let a = h.agent(c, "Ann", 1);
    let q = h.queue(c, "support");
    h.staff(q, a, 1);
    h.available(a);
    let before = h.snapshot();

    armed.store(true, Ordering::SeqCst);
    let err = h
        .engine
        .guarded(|e| e.enqueue_new(&SYS, NewObject::chat(c, "lost"), q, None))
        .unwrap_err();
    assert_eq!((err.code(), err.status()), ("ERR_INTERNAL", 500));
    assert!(err.to_string().contains("injected bug"), "{err}");
    assert_eq!(
        h.snapshot(),
        before,
        "nothing of the panicked command is stored"
    );

    // The working set came back from the store: the half-routed chat is gone, Ann is free,
    // and the next chat is routed to her as if nothing had happened.
    let status = h.engine.guarded(|e| e.queue_status(&SYS, q)).unwrap();
    assert_eq!((status.waiting, status.assigned), (0, 0));
    let next = h
        .engine
        .guarded(|e| e.enqueue_new(&SYS, NewObject::chat(c, "next"), q, None))
        .unwrap();
    assert_eq!(next.assigned_to, Some(a));
}

#[test]
fn a_panic_inside_a_command_leaves_the_engine_usable_memory() {
    a_panic_inside_a_command_leaves_the_engine_usable(StoreKind::Memory);
}

#[test]
fn a_panic_inside_a_command_leaves_the_engine_usable_sqlite() {
    a_panic_inside_a_command_leaves_the_engine_usable(StoreKind::Sqlite);
}

#[test]
fn a_panic_inside_a_command_leaves_the_engine_usable_postgres() {
    queue_behaviour::on_store(
        StoreKind::Postgres,
        a_panic_inside_a_command_leaves_the_engine_usable,
    );
}

/// A whole day's commands with the clock at `at`: hours, a closure, escalation, offers,
/// statistics and explanations all work, and every instant returned lies in the range.
fn a_working_day_at(h: &mut Harness, at: DateTime<Utc>) {
    h.clock.set(at);
    let c = h.company_in("Edge", "Pacific/Kiritimati"); // UTC+14: local time runs furthest
    let a = h.agent(c, "Ann", 2);
    let b = h.agent(c, "Bob", 2);
    let q = h.queue_with(NewQueue {
        priority_delay: Some(queue::MAX_DELAY_SECONDS),
        offer_timeout: Some(queue::MAX_DELAY_SECONDS),
        ..NewQueue::named(c, "support")
    });
    let always = (0..7).map(|d| OpenInterval {
        weekday: Weekday::try_from(d as u8).unwrap(),
        opens: NaiveTime::MIN,
        closes: NaiveTime::MIN,
    });
    h.engine
        .set_hours(&SYS, c, Some(q), always.collect())
        .unwrap();
    h.staff(q, a, 1);
    h.staff(q, b, 2);
    let s = h.chat(c, q, 0);
    h.available(a);
    h.available(b);
    let now = h.engine.now();
    assert!((EARLIEST..=LATEST).contains(&now));
    let stay = h.stay(s.id);
    // At the calendar's last instant an offer's deadline is that instant too: it has
    // already lapsed by the next command.
    assert!(stay.offered_to == Some(a) || at == DateTime::<Utc>::MAX_UTC);
    assert!(stay.offer_expires_at.is_none_or(|t| t <= LATEST));
    h.engine.is_open(&SYS, q, now).unwrap();
    h.engine.explain(&SYS, s.object_id).unwrap();
    h.engine.next_due();
    h.clock.advance(Duration::MAX);
    h.engine.tick().unwrap();
    h.engine.queue_status(&SYS, q).unwrap();
    let window = StatsQuery {
        company_id: c,
        from: EARLIEST,
        to: LATEST,
        service_level_seconds: 20,
    };
    h.engine.queue_stats(&SYS, &window).unwrap();
    h.engine.agent_stats(&SYS, &window).unwrap();
    for e in h.engine.events(&SYS, &EventQuery::default()).unwrap() {
        assert!((EARLIEST..=LATEST).contains(&e.at), "{e:?}");
    }
}

fn the_calendar_ends_at_year_9999(h: &mut Harness) {
    a_working_day_at(h, DateTime::<Utc>::MAX_UTC);
    assert_eq!(h.engine.now(), LATEST);
}

fn the_calendar_starts_at_year_1(h: &mut Harness) {
    a_working_day_at(h, DateTime::<Utc>::MIN_UTC);
}

fn instants_outside_the_calendar_are_refused(h: &mut Harness) {
    let c = h.company();
    let q = h.queue(c, "support");
    let far = Utc.with_ymd_and_hms(10_000, 1, 1, 0, 0, 0).unwrap();
    h.refused(invalid("at"), |e| e.is_open(&SYS, q, far));
    h.refused(invalid("ends_at"), |e| {
        e.add_blacklist_hours(
            &SYS,
            q,
            NewBlacklistHours {
                starts_at: start(),
                ends_at: far,
                reason: String::new(),
            },
        )
    });
    let window = StatsQuery {
        company_id: c,
        from: DateTime::<Utc>::MIN_UTC,
        to: start(),
        service_level_seconds: 20,
    };
    h.refused(invalid("from"), |e| e.queue_stats(&SYS, &window));
}

/// Found by the fuzzer: an agent ready across a clock jump of centuries used to be written
/// as a piece per quarter hour of it (gigabytes); it keeps its last 31 days.
fn an_agent_ready_for_centuries_keeps_its_last_31_days(h: &mut Harness) {
    let (c, _, a) = h.staffed_queue(1, |q| q);
    h.available(a[0]);
    h.clock.set(clock::LATEST - chrono::Duration::days(400));
    h.show(a[0], Show::Away);
    let end = h.engine.now();
    let pieces = h
        .engine
        .store_mut()
        .company_history(Kind::Interval, c, clock::EARLIEST, clock::LATEST)
        .unwrap();
    assert!(pieces.len() <= 31 * 96 + 1, "{} pieces", pieces.len());
    let day = StatsQuery {
        company_id: c,
        from: end - chrono::Duration::days(1),
        to: end,
        service_level_seconds: 20,
    };
    let stats = h.engine.agent_stats(&SYS, &day).unwrap();
    let ann = stats.iter().find(|s| s.company_user_id == a[0]).unwrap();
    assert_eq!(ann.staffed_seconds, 86_400.0);
}

scenarios!(
    an_agent_ready_for_centuries_keeps_its_last_31_days,
    the_calendar_ends_at_year_9999,
    the_calendar_starts_at_year_1,
    instants_outside_the_calendar_are_refused
);
