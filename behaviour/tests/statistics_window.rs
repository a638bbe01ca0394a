//! Statistics read only their window: a quarter-hour report adds up to the whole, a long
//! handle is cut exactly at a window's edges, and a dashboard's last hour reads that hour's
//! events and pieces, not the day before it.

use chrono::{DateTime, Duration, Utc};
use queue_behaviour::*;
use queue_core::*;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

const SYS: Actor = Actor::System;

fn window(c: CompanyId, from: DateTime<Utc>, to: DateTime<Utc>) -> StatsQuery {
    StatsQuery {
        company_id: c,
        from,
        to,
        service_level_seconds: 20,
    }
}

/// One agent, one queue; a chat answered at once and handled 40 minutes from 09:00.
fn a_long_handle_is_cut_exactly_at_the_window_edges(h: &mut Harness) {
    let (c, q, a) = h.staffed_queue(1, |q| q);
    h.available(a[0]);
    let s = h.chat(c, q, 0);
    h.advance(40 * 60);
    h.engine.complete(&SYS, s.id).unwrap();
    h.advance(20 * 60); // 10:00
    let at = |m| start() + Duration::minutes(m);
    let ag = &h
        .engine
        .agent_stats(&SYS, &window(c, at(10), at(20)))
        .unwrap()[0];
    assert_eq!((ag.busy_seconds, ag.staffed_seconds), (600.0, 600.0));
    let ag = &h
        .engine
        .agent_stats(&SYS, &window(c, at(35), at(50)))
        .unwrap()[0];
    assert_eq!((ag.busy_seconds, ag.staffed_seconds), (300.0, 900.0));
    let qs = &h
        .engine
        .queue_stats(&SYS, &window(c, at(35), at(50)))
        .unwrap()[0];
    assert_eq!(qs.occupancy, Some(300.0 / 900.0));
}

fn the_interval_report_adds_up_to_the_whole(h: &mut Harness) {
    let (c, q, a) = h.staffed_queue(1, |q| q);
    h.available(a[0]);
    // A chat every 10 minutes from 09:00, each handled 7 minutes.
    for _ in 0..6 {
        let s = h.chat(c, q, 0);
        h.advance(7 * 60);
        h.engine.complete(&SYS, s.id).unwrap();
        h.advance(3 * 60);
    }
    let whole = window(c, start(), start() + Duration::hours(1));
    let rows = h.engine.queue_stats_by_interval(&SYS, &whole, 15).unwrap();
    assert_eq!(rows.len(), 4);
    let per: Vec<(u64, u64)> = rows
        .iter()
        .map(|r| (r.stats.offered, r.stats.answered))
        .collect();
    // Arrivals at :00 :10 | :20 | :30 :40 | :50.
    assert_eq!(per, vec![(2, 2), (1, 1), (2, 2), (1, 1)]);
    let total = &h.engine.queue_stats(&SYS, &whole).unwrap()[0];
    assert_eq!(
        rows.iter().map(|r| r.stats.answered).sum::<u64>(),
        total.answered
    );
    assert_eq!(rows[1].interval_start, start() + Duration::minutes(15));
    // 09:15–09:30 handled 09:15–09:17 (the :10 chat) and 09:20–09:27: 9 of 15 minutes.
    assert_eq!(rows[1].stats.occupancy, Some(9.0 / 15.0));
    h.refused(invalid("interval_minutes"), |e| {
        e.queue_stats_by_interval(&SYS, &whole, 0)
    });
}

/// Counts what statistics read from the store.
struct Counting {
    inner: Box<dyn Store>,
    events: Arc<AtomicUsize>,
    pieces: Arc<AtomicUsize>,
}

impl Store for Counting {
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
        let out = self.inner.company_history(kind, company, from, to)?;
        self.pieces.fetch_add(out.len(), Ordering::SeqCst);
        Ok(out)
    }
    fn begin(&mut self) -> Result<()> {
        self.inner.begin()
    }
    fn changes(&mut self) -> Result<queue_core::Changes> {
        self.inner.changes()
    }
    fn commit(&mut self, changes: &[Change], events: &[Event]) -> Result<()> {
        self.inner.commit(changes, events)
    }
    fn rollback(&mut self) {
        self.inner.rollback()
    }
    fn events(&mut self, query: &EventQuery) -> Result<Vec<Event>> {
        let out = self.inner.events(query)?;
        self.events.fetch_add(out.len(), Ordering::SeqCst);
        Ok(out)
    }
    fn prune(&mut self, before: DateTime<Utc>) -> Result<queue_core::Pruned> {
        self.inner.prune(before)
    }
    fn feed(&mut self) -> Result<Box<dyn queue_core::EventFeed>> {
        self.inner.feed()
    }
}

fn the_last_hour_reads_that_hour_not_the_day(kind: StoreKind) {
    let (events, pieces) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let (e2, p2) = (events.clone(), pieces.clone());
    let mut h = Harness::wrapped(kind, move |inner| {
        Box::new(Counting {
            inner,
            events: e2,
            pieces: p2,
        })
    });
    let (c, q, a) = h.staffed_queue(1, |q| q);
    h.available(a[0]);
    // Ten hours, a chat every 6 minutes, each handled 5: 100 handled chats.
    for _ in 0..100 {
        let s = h.chat(c, q, 0);
        h.advance(5 * 60);
        h.engine.complete(&SYS, s.id).unwrap();
        h.advance(60);
    }
    let now = h.engine.now();
    let (ev0, pc0) = (events.load(Ordering::SeqCst), pieces.load(Ordering::SeqCst));
    let last_hour = window(c, now - Duration::hours(1), now);
    let qs = &h.engine.queue_stats(&SYS, &last_hour).unwrap()[0];
    assert_eq!(qs.answered, 10);
    let read_events = events.load(Ordering::SeqCst) - ev0;
    let read_pieces = pieces.load(Ordering::SeqCst) - pc0;
    // Each chat of the hour: its object's creation, enqueued, assigned, completed (4 events);
    // its handle is one or two pieces. The nine hours before (some 360 events) are not read.
    assert!(read_events <= 45, "read {read_events} events for one hour");
    assert!(read_pieces <= 25, "read {read_pieces} pieces for one hour");
}

#[test]
fn the_last_hour_reads_that_hour_not_the_day_memory() {
    the_last_hour_reads_that_hour_not_the_day(StoreKind::Memory);
}

#[test]
fn the_last_hour_reads_that_hour_not_the_day_sqlite() {
    the_last_hour_reads_that_hour_not_the_day(StoreKind::Sqlite);
}

#[test]
fn the_last_hour_reads_that_hour_not_the_day_postgres() {
    queue_behaviour::on_store(
        StoreKind::Postgres,
        the_last_hour_reads_that_hour_not_the_day,
    );
}

scenarios!(
    a_long_handle_is_cut_exactly_at_the_window_edges,
    the_interval_report_adds_up_to_the_whole,
);
