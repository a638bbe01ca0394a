//! Layer 7, the commands: every public method of [`crate::Engine`] that acts for an actor,
//! one file per resource group. A command checks what its actor may do, validates its
//! input, and runs as one read or one write transaction (`Engine::read` / `Engine::write`);
//! it writes only through the `Tx` it is handed.

mod companies;
mod history;
mod hours;
mod members;
mod notes;
mod objects;
mod operators;
mod presence;
mod presence_statuses;
mod queues;
mod routing;
mod settings;
mod skills;
mod stays;
mod teams;
mod tokens;
mod users;
mod waiting;
