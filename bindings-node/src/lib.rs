//! Node.js bindings for ConnectNow Queue (the npm package `connectnow-queue`).
//!
//! A thin layer over `queue_core::Engine`: argument conversion (camelCase option objects,
//! `Date`s, string ids) and error mapping (`Error`s with the core's stable `code`) only;
//! every rule lives in the core. No panic crosses into Node: engine calls run under
//! `catch_unwind`, and argument conversion never unwraps.

#![deny(clippy::unwrap_used, clippy::expect_used)]

mod actor;
mod clock;
mod convert;
mod engine;
mod fault;
mod js;
mod methods;
mod names;
mod options;
mod task;
mod watch;
