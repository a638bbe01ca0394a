//! Harness for the behaviour suite: a fresh engine on a chosen store with a manual clock, and
//! short helpers to build the companies, agents and queues scenarios talk about.
//!
//! Every scenario is a plain function taking `&mut Harness`; [`scenarios!`] turns a list of
//! them into one test per store, so the same suite runs against every [`StoreKind`].

pub mod audit;
pub mod pg_server;
pub mod workload;

use chrono::{DateTime, Duration, TimeZone, Utc};
use queue_core::*;
use std::sync::Arc;

/// The stores the suite runs against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreKind {
    /// [`MemoryStore`].
    Memory,
    /// The SQLite store (in a temporary file).
    Sqlite,
    /// The PostgreSQL store (in a schema of its own on the server at `QUEUE_POSTGRES_URL`,
    /// dropped afterwards).
    Postgres,
}

/// The variable naming the PostgreSQL server the suite runs against; `.ci/run` sets it.
pub const POSTGRES_URL_VAR: &str = "QUEUE_POSTGRES_URL";

/// The PostgreSQL server to test against, if `QUEUE_POSTGRES_URL` names one; otherwise
/// prints (once per test binary) that the PostgreSQL tests are skipped.
pub fn postgres_url() -> Option<String> {
    static NOTICE: std::sync::Once = std::sync::Once::new();
    match std::env::var(POSTGRES_URL_VAR) {
        Ok(url) if !url.trim().is_empty() => Some(url),
        _ => {
            NOTICE.call_once(|| {
                eprintln!(
                    "note: {POSTGRES_URL_VAR} is not set: the PostgreSQL tests are skipped \
                     (bash .ci/run starts a server and sets it)"
                )
            });
            None
        }
    }
}

/// The kinds to run on here: memory and SQLite always, PostgreSQL when a server is named.
pub fn store_kinds() -> Vec<StoreKind> {
    let mut kinds = vec![StoreKind::Memory, StoreKind::Sqlite];
    if postgres_url().is_some() {
        kinds.push(StoreKind::Postgres);
    }
    kinds
}

/// Monday 5 January 2026, 09:00 UTC: where every scenario's clock starts.
pub fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap()
}

/// A fresh engine, its clock, and shortcuts.
pub struct Harness {
    /// The engine under test.
    pub engine: Engine,
    /// Its clock.
    pub clock: Arc<ManualClock>,
    /// Which store it runs on.
    pub kind: StoreKind,
    /// The system actor.
    pub sys: Actor,
    users: u32,
}

impl Harness {
    /// A fresh engine on `kind`, clock at [`start`].
    pub fn new(kind: StoreKind) -> Harness {
        Harness::wrapped(kind, |store| store)
    }

    /// A fresh engine on `kind` whose store prunes history older than `keep` by itself.
    pub fn with_retention(kind: StoreKind, keep: Duration) -> Harness {
        let store: Box<dyn Store> = match kind {
            StoreKind::Memory => Box::new(MemoryStore::new().with_retention(keep)),
            StoreKind::Sqlite => Box::new(
                queue_sqlite::SqliteStore::open_temporary_with(queue_sqlite::SqliteOptions {
                    retention: Some(keep),
                    ..Default::default()
                })
                .expect("open a temporary SQLite store"),
            ),
            StoreKind::Postgres => Box::new(
                queue_postgres::PostgresStore::connect_temporary_with(
                    &postgres_url().expect("QUEUE_POSTGRES_URL"),
                    queue_postgres::PostgresOptions {
                        retention: Some(keep),
                        ..Default::default()
                    },
                )
                .expect("connect a temporary PostgreSQL store"),
            ),
        };
        Harness::on(kind, store)
    }

    /// A fresh engine on `kind`'s store as `wrap` returns it (a test double around it).
    pub fn wrapped(
        kind: StoreKind,
        wrap: impl FnOnce(Box<dyn Store>) -> Box<dyn Store>,
    ) -> Harness {
        let store: Box<dyn Store> = match kind {
            StoreKind::Memory => Box::new(MemoryStore::new()),
            StoreKind::Sqlite => sqlite_store(),
            StoreKind::Postgres => postgres_store(),
        };
        Harness::on(kind, wrap(store))
    }

    /// A fresh engine on `store` (of `kind`), clock at [`start`].
    fn on(kind: StoreKind, store: Box<dyn Store>) -> Harness {
        let clock = Arc::new(ManualClock::new(start()));
        let engine = Engine::open_seeded(store, clock.clone(), 7).expect("open engine");
        Harness {
            engine,
            clock,
            kind,
            sys: Actor::System,
            users: 0,
        }
    }

    /// Moves the clock forward `secs` seconds and lets the engine process what became due.
    pub fn advance(&mut self, secs: i64) {
        self.clock.advance(Duration::seconds(secs));
        self.engine.tick().expect("tick");
    }

    /// A company in `tz`.
    pub fn company_in(&mut self, name: &str, tz: &str) -> CompanyId {
        let c = NewCompany {
            name: name.into(),
            time_zone: tz.into(),
            ..Default::default()
        };
        self.engine
            .create_company(&Actor::System, c)
            .expect("company")
            .id
    }

    /// A company in UTC.
    pub fn company(&mut self) -> CompanyId {
        self.company_in("Acme", "UTC")
    }

    /// A new user with a unique username based on `name`.
    pub fn user(&mut self, name: &str) -> UserId {
        self.users += 1;
        let username = format!("{}{}", name.to_lowercase(), self.users);
        let u = NewUser {
            username: username.clone(),
            firstname: name.chars().filter(|c| c.is_alphabetic()).collect(),
            lastname: "Tester".into(),
            email: format!("{username}@example.org"),
            ..Default::default()
        };
        self.engine.create_user(&Actor::System, u).expect("user").id
    }

    /// A new user and their membership with `role`; returns both ids.
    pub fn member(
        &mut self,
        company: CompanyId,
        name: &str,
        role: Role,
    ) -> (UserId, CompanyUserId) {
        let user = self.user(name);
        let new = NewCompanyUser {
            role,
            ..NewCompanyUser::agent(company, user)
        };
        let cu = self
            .engine
            .create_company_user(&Actor::System, new)
            .expect("member");
        (user, cu.id)
    }

    /// A new agent with capacity `capacity` (own, not the company default).
    pub fn agent(&mut self, company: CompanyId, name: &str, capacity: u32) -> CompanyUserId {
        let (_, id) = self.member(company, name, Role::Agent);
        let update = CompanyUserUpdate {
            max_number_of_objects_handled: Some(capacity),
            is_auto_max_number_handled: Some(false),
            ..Default::default()
        };
        self.engine
            .update_company_user(&Actor::System, id, update)
            .expect("capacity");
        id
    }

    /// Sets an agent's show.
    pub fn show(&mut self, agent: CompanyUserId, show: Show) {
        let update = PresenceUpdate {
            show: Some(show),
            ..Default::default()
        };
        self.engine
            .set_presence(&Actor::System, agent, update)
            .expect("presence");
    }

    /// Makes an agent available.
    pub fn available(&mut self, agent: CompanyUserId) {
        self.show(agent, Show::Available);
    }

    /// A queue built from `new`.
    pub fn queue_with(&mut self, new: NewQueue) -> QueueId {
        self.engine
            .create_queue(&Actor::System, new)
            .expect("queue")
            .id
    }

    /// A plain queue named `name`.
    pub fn queue(&mut self, company: CompanyId, name: &str) -> QueueId {
        self.queue_with(NewQueue::named(company, name))
    }

    /// Makes `agent` an enabled operator of `queue` in `tier`.
    pub fn staff(&mut self, queue: QueueId, agent: CompanyUserId, tier: u8) {
        self.engine
            .assign_operator(&Actor::System, queue, agent, tier)
            .expect("operator");
    }

    /// A company with a queue built from `f(NewQueue::named(company, "support"))` and `n`
    /// agents of capacity 1 staffing it at tier 1.
    pub fn staffed_queue(
        &mut self,
        n: usize,
        f: impl FnOnce(NewQueue) -> NewQueue,
    ) -> (CompanyId, QueueId, Vec<CompanyUserId>) {
        let c = self.company();
        let q = self.queue_with(f(NewQueue::named(c, "support")));
        let agents = (0..n)
            .map(|i| {
                let a = self.agent(c, &format!("agent{i}"), 1);
                self.staff(q, a, 1);
                a
            })
            .collect();
        (c, q, agents)
    }

    /// A new chat in `queue` with `priority`; returns its stay.
    pub fn chat(&mut self, company: CompanyId, queue: QueueId, priority: i32) -> Stay {
        let new = NewObject {
            priority,
            ..NewObject::chat(company, "Visitor")
        };
        self.engine
            .enqueue_new(&Actor::System, new, queue, None)
            .expect("enqueue")
    }

    /// The stay as it is now.
    pub fn stay(&mut self, id: StayId) -> Stay {
        self.engine.get_stay(&Actor::System, id).expect("stay")
    }

    /// Who holds the stay now (offered to or assigned to).
    pub fn holder(&mut self, id: StayId) -> Option<CompanyUserId> {
        self.stay(id).holder()
    }

    /// A skill.
    pub fn skill(&mut self, company: CompanyId, name: &str) -> SkillId {
        self.engine
            .create_skill(&Actor::System, company, name)
            .expect("skill")
            .id
    }

    /// Everything stored: every record (sorted) and the number of events.
    pub fn snapshot(&mut self) -> Snapshot {
        let store = self.engine.store_mut();
        let mut records: Vec<String> = store
            .load()
            .expect("load")
            .iter()
            .map(|r| format!("{}:{}:{}", r.kind(), r.id(), r.to_json()))
            .collect();
        records.sort();
        let events = store.events(&EventQuery::default()).expect("events").len();
        Snapshot { records, events }
    }

    /// Runs `f`, asserts it failed with an error of the same kind as `expected` (and, for
    /// invalid input, the same field), and that nothing stored changed.
    #[track_caller]
    pub fn refused<T: std::fmt::Debug>(
        &mut self,
        expected: Error,
        f: impl FnOnce(&mut Engine) -> Result<T>,
    ) {
        let before = self.snapshot();
        let got = f(&mut self.engine);
        match &got {
            Err(e)
                if e.code() == expected.code()
                    && e.field() == expected.field()
                    && e.reason() == expected.reason() => {}
            other => panic!("expected {expected:?}, got {other:?}"),
        }
        let after = self.snapshot();
        assert_eq!(before, after, "a refused call changed the store");
    }
}

/// What a store holds, for "nothing changed" assertions.
#[derive(Debug, PartialEq, Eq)]
pub struct Snapshot {
    /// Every record as `kind:id:json`, sorted.
    pub records: Vec<String>,
    /// Number of events.
    pub events: usize,
}

/// An invalid-input error on `field`, for [`Harness::refused`].
pub fn invalid(field: &str) -> Error {
    Error::invalid(field, "")
}

/// A not-found error, for [`Harness::refused`].
pub fn not_found() -> Error {
    Error::not_found("", "")
}

/// A forbidden error, for [`Harness::refused`].
pub fn forbidden() -> Error {
    Error::forbidden("", "")
}

/// A conflict error of the rule `reason`, for [`Harness::refused`].
pub fn conflict(reason: ConflictReason) -> Error {
    Error::conflict(reason, "")
}

/// An unauthenticated error, for [`Harness::refused`].
pub fn unauthenticated() -> Error {
    Error::Unauthenticated
}

/// The SQLite store for the suite: a fresh database file in the system temp directory,
/// removed when the engine is dropped.
fn sqlite_store() -> Box<dyn Store> {
    Box::new(queue_sqlite::SqliteStore::open_temporary().expect("open a temporary SQLite store"))
}

/// The PostgreSQL store for the suite: a fresh schema on the server at `QUEUE_POSTGRES_URL`,
/// dropped when the engine is dropped.
pub fn postgres_store() -> Box<dyn Store> {
    let url = postgres_url().expect("QUEUE_POSTGRES_URL is set (check postgres_url() first)");
    Box::new(
        queue_postgres::PostgresStore::connect_temporary(&url)
            .expect("connect a temporary PostgreSQL store"),
    )
}

/// Runs `test` on `kind`, unless it is PostgreSQL and no server is named (then it says so
/// and passes): what the per-store test modules call.
pub fn on_store(kind: StoreKind, test: impl FnOnce(StoreKind)) {
    if kind != StoreKind::Postgres || postgres_url().is_some() {
        test(kind);
    }
}

/// Declares scenarios and runs each against every store:
/// `scenarios!(a_scenario, another);` where each is `fn(&mut Harness)`.
#[macro_export]
macro_rules! scenarios {
    ($($name:ident),* $(,)?) => {
        mod memory {
            $(#[test] fn $name() { super::$name(&mut $crate::Harness::new($crate::StoreKind::Memory)); })*
        }
        mod sqlite {
            $(#[test] fn $name() { super::$name(&mut $crate::Harness::new($crate::StoreKind::Sqlite)); })*
        }
        mod postgres {
            $(#[test] fn $name() {
                $crate::on_store($crate::StoreKind::Postgres, |kind| super::$name(&mut $crate::Harness::new(kind)));
            })*
        }
    };
}
