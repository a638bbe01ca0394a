//! Users, personal access tokens and authentication.

use super::PyEngine;
use crate::actor::PyActor;
use crate::convert::{from_arg, from_kwargs, Id, Int};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use queue_core::{NewUser, TokenId, UserId, UserUpdate, UserWith};

#[pymethods]
impl PyEngine {
    /// Registers a user (the system actor only). Fields: `username`, `firstname`, `lastname`,
    /// `email`, optional `telephone`, `language`, `date_format`.
    #[pyo3(signature = (actor, **fields))]
    fn create_user(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        fields: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        let (actor, new) = (
            actor.0,
            from_kwargs::<NewUser>(py, "create_user", fields, vec![])?,
        );
        self.call(py, move |e| e.create_user(&actor, new))
    }

    /// Reads a user; `with_` may ask for `"companies"`, `"companies.skills"`, `"companies.queues"`.
    #[pyo3(signature = (actor, user_id, *, with_ = None))]
    fn get_user(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        user_id: Id,
        with_: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        let with: Vec<UserWith> = match with_ {
            Some(w) => from_arg(w, "with_")?,
            None => Vec::new(),
        };
        self.call(py, move |e| e.get_user(&actor, user_id.to(), &with))
    }

    /// Users the actor may see whose username, e-mail or phone contains `search`, by id.
    #[pyo3(signature = (actor, search = String::new(), *, limit = Int(queue_core::user::DEFAULT_FIND_LIMIT as i128)))]
    fn find_users(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        search: String,
        limit: Int,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        let limit = limit.get(py, "limit")?;
        self.call(py, move |e| e.find_users(&actor, &search, limit))
    }

    /// Changes a user's fields (the user or the system); `telephone=None` clears the phone.
    #[pyo3(signature = (actor, user_id, **changes))]
    fn update_user(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        user_id: Id,
        changes: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        let update = from_kwargs::<UserUpdate>(py, "update_user", changes, vec![])?;
        self.call(py, move |e| e.update_user(&actor, user_id.to(), update))
    }

    /// Deletes a user and their tokens; their memberships stay, deactivated and unlinked.
    fn delete_user(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        user_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| e.delete_user(&actor, user_id.to()))
    }

    /// Issues a personal access token: `{"token": {...}, "secret": "cnq_..."}`. The secret is
    /// shown only here.
    fn issue_token(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        user_id: Id,
        name: String,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| e.issue_token(&actor, user_id.to(), &name))
    }

    /// A user's tokens (without secrets), newest last.
    fn list_tokens(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        user_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| e.list_tokens(&actor, user_id.to::<UserId>()))
    }

    /// Revokes a token; later calls with it are unauthenticated.
    fn revoke_token(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        token_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| {
            e.revoke_token(&actor, token_id.to::<TokenId>())
        })
    }

    /// The actor a bearer token authenticates; raises `Unauthenticated` otherwise.
    fn authenticate(&self, py: Python<'_>, token: String) -> PyResult<PyActor> {
        self.with_engine(py, move |e| Ok(e.authenticate(&token)?))
            .map(PyActor)
    }
}
