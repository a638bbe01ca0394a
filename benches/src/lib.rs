//! Benchmarks of ConnectNow Queue and the naive baseline router they compare against.
//!
//! - [`baseline`]: the straightforward design many applications ship — every routing
//!   decision queries SQLite for waiting objects and eligible agents with SQL filters and
//!   takes the first — implementing the same eligibility rules (SPEC §3);
//! - [`workload`]: the synthetic centre both routers are measured on;
//! - [`setup`]: building that centre on the engine and copying it into the baseline.

pub mod baseline;
pub mod setup;
pub mod workload;
