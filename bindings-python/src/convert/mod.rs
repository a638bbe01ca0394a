//! Conversion between Python objects and the core's inputs and outputs.

pub mod from_py;
pub mod out;
pub mod to_py;

pub use from_py::{from_arg, from_kwargs, Id, Ids, Instant, Int};
pub use out::{to_out, Out, OutError};
pub use to_py::to_py;
