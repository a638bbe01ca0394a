//! Shared code of the runnable examples: the `simulate` contact-centre day.
//!
//! - [`scenario`]: the scenario file (agents, queues, traffic) and the built-in default day;
//! - [`sim`]: the discrete-event loop that runs the day (or several) through the real router,
//!   learning what it did by watching the event log;
//! - [`report`] and [`chart`]: the KPI table and the SVG chart;
//! - [`compare`]: the same day once per value of a setting (`--compare`), side by side;
//! - [`rng`]: a small seeded generator, so a seed gives the same day everywhere.

pub mod centre;
pub mod chart;
pub mod compare;
mod observe;
pub mod outcome;
pub mod report;
pub mod rng;
pub mod scenario;
pub mod sim;
mod traffic;

pub use scenario::Scenario;
pub use sim::{run, Outcome};
