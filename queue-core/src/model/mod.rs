//! Layer 1, the model: the plain data types of every concept and their validation, one
//! file per concept. A model type knows nothing of the working set, the store or routing:
//! it is what a record, an input or a result *is*, and which values it may hold.

pub mod auth;
pub mod company;
pub mod company_user;
pub mod event;
pub mod fact;
pub mod hours;
pub mod interval;
pub mod note;
pub mod object;
pub mod operator;
pub mod presence;
pub mod presence_status;
pub mod queue;
pub mod record;
pub mod settings;
pub mod skill;
pub mod stay;
pub mod team;
pub mod token;
pub mod user;
pub mod waiting;
