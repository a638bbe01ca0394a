//! `Actor`: who a call is made for — the trusted system, an authenticated user, or nobody.

use crate::convert::Id;
use pyo3::prelude::*;
use queue_core::{Actor, UserId};

/// The identity an engine call acts for.
#[pyclass(name = "Actor", module = "connectnow_queue", frozen, eq, hash)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PyActor(pub Actor);

#[pymethods]
impl PyActor {
    /// The host application itself, trusted with everything.
    #[staticmethod]
    fn system() -> Self {
        PyActor(Actor::System)
    }

    /// A user, as `Engine.authenticate` returns it for their token.
    #[staticmethod]
    fn user(user_id: Id) -> Self {
        PyActor(Actor::User(user_id.to::<UserId>()))
    }

    /// Nobody: every call made for it raises `Unauthenticated`.
    #[staticmethod]
    fn anonymous() -> Self {
        PyActor(Actor::Anonymous)
    }

    /// `"system"`, `"user"` or `"anonymous"`.
    #[getter]
    fn kind(&self) -> &'static str {
        match self.0 {
            Actor::System => "system",
            Actor::User(_) => "user",
            Actor::Anonymous => "anonymous",
        }
    }

    /// The user's id for a user actor, else `None`.
    #[getter]
    fn user_id(&self) -> Option<String> {
        match self.0 {
            Actor::User(u) => Some(u.to_string()),
            _ => None,
        }
    }

    fn __repr__(&self) -> String {
        match self.0 {
            Actor::System => "Actor.system()".into(),
            Actor::User(u) => format!("Actor.user('{u}')"),
            Actor::Anonymous => "Actor.anonymous()".into(),
        }
    }
}
