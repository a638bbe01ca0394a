//! Bench 4: memory per waiting object, measured with a counting global allocator.
//!
//! The engine keeps its working set and routing indexes in memory. To isolate the routing
//! index, the same records are loaded twice into a fresh engine: once with the stays
//! waiting, once with the same stays ended (abandoned), which the routing index does not
//! hold. The difference in live heap bytes, divided by the number of waiting objects, is the
//! routing index's cost per waiting object; the first figure alone is the engine's whole
//! working set per object. The baseline's figure is its SQLite database size per object.
//! `QUEUE_BENCH_WAITING` (default `10000,100000,1000000`) chooses the backlogs, with 1000
//! agents.

use queue_benches::setup::{sizes, Built};
use queue_benches::workload::{Shape, Workload};
use queue_core::{
    Change, CompanyId, Engine, Event, EventQuery, Kind, ManualClock, MemoryStore, Record,
    StayState, Store,
};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

/// Counts live heap bytes.
struct Counting;

static LIVE: AtomicI64 = AtomicI64::new(0);

// SAFETY: every call is forwarded unchanged to the system allocator; only a counter is added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as i64, Ordering::Relaxed);
        // SAFETY: same contract as ours.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as i64, Ordering::Relaxed);
        // SAFETY: same contract as ours.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(new_size as i64 - layout.size() as i64, Ordering::Relaxed);
        // SAFETY: same contract as ours.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// A store that only hands out a fixed set of records.
struct Fixed(Vec<Record>);

impl Store for Fixed {
    fn load(&mut self) -> queue_core::Result<Vec<Record>> {
        Ok(self.0.clone())
    }
    fn begin(&mut self) -> queue_core::Result<()> {
        Ok(())
    }
    fn changes(&mut self) -> queue_core::Result<queue_core::Changes> {
        Ok(queue_core::Changes::Since(Vec::new()))
    }
    fn commit(&mut self, _: &[Change], _: &[Event]) -> queue_core::Result<()> {
        Ok(())
    }
    fn rollback(&mut self) {}
    fn events(&mut self, _: &EventQuery) -> queue_core::Result<Vec<Event>> {
        Ok(Vec::new())
    }
    fn prune(
        &mut self,
        _: chrono::DateTime<chrono::Utc>,
    ) -> queue_core::Result<queue_core::Pruned> {
        Ok(queue_core::Pruned::default())
    }
    fn feed(&mut self) -> queue_core::Result<Box<dyn queue_core::EventFeed>> {
        queue_core::MemoryStore::new().feed()
    }
    fn get(&mut self, _: Kind, _: uuid::Uuid) -> queue_core::Result<Option<Record>> {
        Ok(None)
    }
    fn children(&mut self, _: Kind, _: uuid::Uuid) -> queue_core::Result<Vec<Record>> {
        Ok(Vec::new())
    }
    fn company_records(&mut self, _: Kind, _: CompanyId) -> queue_core::Result<Vec<uuid::Uuid>> {
        Ok(Vec::new())
    }
    fn company_history(
        &mut self,
        _: Kind,
        _: CompanyId,
        _: chrono::DateTime<chrono::Utc>,
        _: chrono::DateTime<chrono::Utc>,
    ) -> queue_core::Result<Vec<Record>> {
        Ok(Vec::new())
    }
}

/// Live bytes an engine opened on `records` holds, and how many stays it indexes.
fn engine_bytes(records: Vec<Record>, clock: Arc<ManualClock>) -> (i64, usize) {
    let store = Box::new(Fixed(records));
    let before = LIVE.load(Ordering::Relaxed);
    let mut engine = Engine::open(store, clock).unwrap();
    let waiting = engine.routing_index_sizes().0;
    let bytes = LIVE.load(Ordering::Relaxed) - before;
    drop(engine);
    (bytes, waiting)
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    println!(
        "{:>9} {:>9} {:>22} {:>26} {:>22}",
        "agents",
        "waiting",
        "engine bytes/object",
        "routing index bytes/wait",
        "baseline bytes/object"
    );
    for w in sizes("QUEUE_BENCH_WAITING", &[10_000, 100_000, 1_000_000]) {
        let mut b = Built::new(
            Workload::new(Shape::standard(1000)),
            Box::new(MemoryStore::new()),
        )
        .unwrap();
        b.fill(w).unwrap();
        let stays = b.stays.len() as i64;
        let empty = queue_benches::baseline::NaiveRouter::in_memory()
            .unwrap()
            .bytes()
            .unwrap();
        let r = b.baseline().unwrap();
        let baseline = (r.bytes().unwrap() as i64 - empty as i64) / stays;
        drop(r);
        let records = b.engine.store_mut().load().unwrap();
        let now = b.engine.now();
        let clock = b.clock.clone();
        drop(b);
        let ended: Vec<Record> = records
            .iter()
            .cloned()
            .map(|r| match r {
                Record::Stay(mut s) if s.state == StayState::Waiting => {
                    s.state = StayState::Abandoned;
                    s.ended_at = Some(now);
                    Record::Stay(s)
                }
                other => other,
            })
            .collect();
        let (with, indexed) = engine_bytes(records, clock.clone());
        let (without, none) = engine_bytes(ended, clock);
        assert_eq!(none, 0);
        println!(
            "{:>9} {:>9} {:>22} {:>26} {:>22}",
            1000,
            indexed,
            with / stays,
            (with - without) / indexed.max(1) as i64,
            baseline
        );
    }
}
