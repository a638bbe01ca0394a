//! # ConnectNow Queue — core
//!
//! An embeddable contact-centre queue: companies, agents, skills, presence, queues with hours
//! and escalation, and the routing engine that hands each waiting chat, call or ticket to the
//! right agent. This crate is pure domain logic: time comes from a [`Clock`], state from a
//! [`Store`]; SQLite, Python and Node live in adapters.
//!
//! ```
//! use queue_core::*;
//! let (mut engine, clock) = Engine::in_memory_manual(chrono::Utc::now());
//! let sys = Actor::System;
//! let acme = engine.create_company(&sys, NewCompany { name: "Acme".into(), ..Default::default() }).unwrap();
//! let ann = engine.create_user(&sys, NewUser { username: "ann".into(), firstname: "Ann".into(),
//!     lastname: "Smit".into(), email: "ann@example.org".into(), ..Default::default() }).unwrap();
//! let agent = engine.create_company_user(&sys, NewCompanyUser::agent(acme.id, ann.id)).unwrap();
//! let support = engine.create_queue(&sys, NewQueue { offer_timeout: Some(20), ..NewQueue::named(acme.id, "support") }).unwrap();
//! engine.assign_operator(&sys, support.id, agent.id, 1).unwrap();
//!
//! // A chat arrives while Ann is away: it waits.
//! let chat = engine.enqueue_new(&sys, NewObject::chat(acme.id, "Visitor 1"), support.id, None).unwrap();
//! assert_eq!(chat.state, StayState::Waiting);
//!
//! // Ann becomes available: the chat is offered to her in the same call.
//! let me = Actor::User(ann.id);
//! engine.set_presence(&me, agent.id, PresenceUpdate { show: Some(Show::Available), ..Default::default() }).unwrap();
//! assert_eq!(engine.get_stay(&me, chat.id).unwrap().state, StayState::Offered);
//!
//! engine.accept_offer(&me, chat.id).unwrap();
//! clock.advance(chrono::Duration::minutes(4));
//! let done = engine.complete(&me, chat.id).unwrap();
//! assert_eq!(done.state, StayState::Completed);
//! ```
//!
//! ## Map of the crate
//! - Entry point: [`Engine`] ([`engine`]), acting for an [`Actor`] ([`auth`]), failing with
//!   [`Error`] ([`error`]). Its commands are inherent methods, one source file per resource
//!   group (users, companies, members, presence, skills, queues, operators, hours, objects,
//!   stays, the waiting line, notes, teams, routing explained, history).
//! - Ports: [`Clock`] ([`clock`]), [`Store`] ([`store`]) with [`MemoryStore`] ([`memory`]).
//! - For bindings: [`input`] decodes the values Python and JavaScript pass into the core's
//!   input types.
//! - Entities, one module each: [`user`], [`token`], [`company`], [`company_user`],
//!   [`presence`], [`skill`], [`queue`], [`operator`], [`hours`], [`object`], [`stay`],
//!   [`waiting`], [`note`], [`team`], [`settings`], and [`record`] over all of them.
//! - Routing: [`routing`] (indexes, matching, escalation, offers, `explain`).
//! - History: [`event`] (the domain event log) and [`stats`] (statistics computed from it).
//!
//! Inside, the code is in layers — foundations, model, store, state, routing, the
//! transaction, the engine, the commands — each importing only those below it; the
//! repository's ARCHITECTURE.md draws the map and `tests/tidy.rs` keeps it true.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

// The layers, bottom to top; every import points down (ARCHITECTURE.md, and `tests/tidy.rs`
// which keeps it so).
pub mod clock;
pub mod error;
pub mod ids;
pub mod input;
mod instant;
mod serde_opt;
mod validate;

mod model;
pub use model::{
    auth, company, company_user, event, fact, hours, interval, note, object, operator, presence,
    presence_status, queue, record, settings, skill, stay, team, token, user, waiting,
};

pub mod memory;
pub mod store;
pub mod watch;

mod state;

pub mod routing;

mod tx;

pub mod engine;

mod commands;
pub mod stats;

#[doc(hidden)]
pub mod doc_support;

pub use auth::{Actor, Role};
pub use clock::{Clock, ManualClock, SystemClock};
pub use company::{Company, CompanyUpdate, CompanyView, CompanyWith, NewCompany};
pub use company_user::{CompanyUser, CompanyUserUpdate, NewCompanyUser};
pub use engine::Engine;
pub use error::{ConflictReason, Error, Result};
pub use event::{Event, EventKind, Op};
pub use fact::{Fact, FactKind};
pub use hours::{BlacklistHours, HoursOfOperation, NewBlacklistHours, OpenInterval, OpenStatus};
pub use ids::*;
pub use interval::{Activity, Interval};
pub use memory::MemoryStore;
pub use note::{Note, Rating};
pub use object::{NewObject, QueueableObject};
pub use operator::{Operator, OperatorUpdate, OperatorView};
pub use presence::{Connection, Presence, PresenceLock, PresenceReason, PresenceUpdate, Show};
pub use presence_status::{PresenceStatus, StatusSeconds};
pub use queue::{NewQueue, Queue, QueueStatus, QueueUpdate, Strategy};
pub use record::{Kind, Record};
pub use routing::{AgentVerdict, Explanation, Ineligible};
pub use settings::{AgentSettings, AgentSettingsUpdate, WatchedStatistic};
pub use skill::{CompanyUserSkill, QueueSkill, Skill, SkillRequirement};
pub use stats::{AgentStats, IntervalQueueStats, QueueStats, StatsQuery};
pub use stay::{Preferred, Stay, StayState};
pub use store::{Change, Changes, EventQuery, Pruned, Scope, Store};
pub use team::{Team, TeamMember, TeamPresence, TeamPresencePage};
pub use token::{AccessToken, IssuedToken, TokenHash};
pub use user::{NewUser, User, UserCompany, UserUpdate, UserView, UserWith};
pub use waiting::{QueuePosition, WaitingPage};
pub use watch::{EventFeed, Watch, WatchQuery};

/// The README's Rust example, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
