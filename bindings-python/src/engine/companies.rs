//! Companies, their members (company users), members' presence and personal settings.

use super::PyEngine;
use crate::actor::PyActor;
use crate::convert::{from_arg, from_kwargs, Id, Ids};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use queue_core::input::Value;
use queue_core::{
    AgentSettingsUpdate, CompanyId, CompanyUpdate, CompanyUserId, CompanyUserUpdate, CompanyWith,
    NewCompany, NewCompanyUser, PresenceUpdate, Show, WatchedStatistic,
};

/// The `with_` expansions of a company read.
fn company_with(with_: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<CompanyWith>> {
    match with_ {
        Some(w) => from_arg(w, "with_"),
        None => Ok(Vec::new()),
    }
}

/// A watched statistic from its parts; absent options take the core's defaults.
fn watched(
    py: Python<'_>,
    statistic: String,
    option: Option<String>,
    secondary_option: Option<String>,
) -> PyResult<WatchedStatistic> {
    let mut fields = vec![("statistic", Value::Text(statistic))];
    if let Some(o) = option {
        fields.push(("option", Value::Text(o)));
    }
    if let Some(o) = secondary_option {
        fields.push(("secondary_option", Value::Text(o)));
    }
    from_kwargs(py, "", None, fields)
}

#[pymethods]
impl PyEngine {
    /// Creates a company. Fields: `name`, optional `logo_url`, `is_public`, `time_zone`
    /// (IANA, default UTC), `default_max_number_of_objects_handled`,
    /// `default_ability_to_pick_from_queue`, `owner_user_id` (system actor only).
    #[pyo3(signature = (actor, **fields))]
    fn create_company(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        fields: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        let new = from_kwargs::<NewCompany>(py, "create_company", fields, vec![])?;
        self.call(py, move |e| e.create_company(&actor, new))
    }

    /// Reads a company; `with_` may ask for `"users"` and `"queues"`.
    #[pyo3(signature = (actor, company_id, *, with_ = None))]
    fn get_company(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        company_id: Id,
        with_: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let (actor, with) = (actor.0, company_with(with_)?);
        self.call(py, move |e| e.get_company(&actor, company_id.to(), &with))
    }

    /// The public companies plus those the actor belongs to (all, for the system).
    #[pyo3(signature = (actor, *, with_ = None))]
    fn list_companies(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        with_: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let (actor, with) = (actor.0, company_with(with_)?);
        self.call(py, move |e| e.list_companies(&actor, &with))
    }

    /// Changes a company (admin or owner); only the fields given change.
    #[pyo3(signature = (actor, company_id, **changes))]
    fn update_company(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        company_id: Id,
        changes: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        let update = from_kwargs::<CompanyUpdate>(py, "update_company", changes, vec![])?;
        self.call(py, move |e| {
            e.update_company(&actor, company_id.to(), update)
        })
    }

    /// Deletes a company and everything in it (owner only).
    fn delete_company(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        company_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| e.delete_company(&actor, company_id.to()))
    }

    /// Adds a member (`user_id`) or invites one (`invited_email`) to `company_id`. Optional:
    /// `role` (default "agent"), `is_active`, `max_number_of_objects_handled`,
    /// `is_auto_max_number_handled`, `ability_to_pick_from_queue`,
    /// `is_auto_ability_to_pick_from_queue`.
    #[pyo3(signature = (actor, **fields))]
    fn create_company_user(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        fields: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        let new = from_kwargs::<NewCompanyUser>(py, "create_company_user", fields, vec![])?;
        self.call(py, move |e| e.create_company_user(&actor, new))
    }

    /// Reads a company user (members of the same company).
    fn get_company_user(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        company_user_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| {
            e.get_company_user(&actor, company_user_id.to())
        })
    }

    /// The company users of one company id or a sequence of them.
    fn list_company_users(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        company_ids: Ids,
    ) -> PyResult<Py<PyAny>> {
        let (actor, ids) = (actor.0, company_ids.to::<CompanyId>());
        self.call(py, move |e| e.list_company_users(&actor, &ids))
    }

    /// Changes a membership: `role`, `is_active`, `max_number_of_objects_handled`, ….
    #[pyo3(signature = (actor, company_user_id, **changes))]
    fn update_company_user(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        company_user_id: Id,
        changes: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        let update = from_kwargs::<CompanyUserUpdate>(py, "update_company_user", changes, vec![])?;
        self.call(py, move |e| {
            e.update_company_user(&actor, company_user_id.to(), update)
        })
    }

    /// Links the acting user to an invitation sent to their e-mail address.
    fn accept_invitation(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        company_user_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| {
            e.accept_invitation(&actor, company_user_id.to())
        })
    }

    /// Removes a member (admin or owner).
    fn delete_company_user(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        company_user_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| {
            e.delete_company_user(&actor, company_user_id.to())
        })
    }

    /// Reads an agent's presence.
    fn get_presence(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        company_user_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| e.get_presence(&actor, company_user_id.to()))
    }

    /// Updates an agent's presence: `show` ("chat", "available", "dnd", "away", "xa",
    /// "unavailable"), `connection` ("online", "offline"), `active_channels`. Routes at once.
    #[pyo3(signature = (actor, company_user_id, **update))]
    fn set_presence(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        company_user_id: Id,
        update: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        let update = from_kwargs::<PresenceUpdate>(py, "set_presence", update, vec![])?;
        self.call(py, move |e| {
            e.set_presence(&actor, company_user_id.to(), update)
        })
    }

    /// Sets an agent's show and locks it there (supervisor and up).
    fn lock_presence(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        company_user_id: Id,
        show: &Bound<'_, PyAny>,
    ) -> PyResult<Py<PyAny>> {
        let (actor, show) = (actor.0, from_arg::<Show>(show, "show")?);
        self.call(py, move |e| {
            e.lock_presence(&actor, company_user_id.to(), show)
        })
    }

    /// Puts an agent in a presence status of their company and locks them there
    /// (supervisor and up).
    fn lock_presence_status(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        company_user_id: Id,
        status_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| {
            e.lock_presence_status(&actor, company_user_id.to(), status_id.to())
        })
    }

    /// Defines a presence status mapped to a show (admin or owner).
    fn create_presence_status(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        company_id: Id,
        name: String,
        show: &Bound<'_, PyAny>,
    ) -> PyResult<Py<PyAny>> {
        let (actor, show) = (actor.0, from_arg::<Show>(show, "show")?);
        self.call(py, move |e| {
            e.create_presence_status(&actor, company_id.to(), &name, show)
        })
    }

    /// Reads a presence status (members).
    fn get_presence_status(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        status_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| e.get_presence_status(&actor, status_id.to()))
    }

    /// A company's presence statuses, by name (members).
    fn list_presence_statuses(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        company_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| {
            e.list_presence_statuses(&actor, company_id.to())
        })
    }

    /// Renames a presence status (admin or owner).
    fn rename_presence_status(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        status_id: Id,
        name: String,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| {
            e.rename_presence_status(&actor, status_id.to(), &name)
        })
    }

    /// Deletes a presence status no agent is in (admin or owner).
    fn delete_presence_status(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        status_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| {
            e.delete_presence_status(&actor, status_id.to())
        })
    }

    /// Removes a status lock (supervisor and up).
    fn unlock_presence(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        company_user_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| e.unlock_presence(&actor, company_user_id.to()))
    }

    /// Ends an agent's wrap-up early (the agent, or a supervisor and up); nothing changes
    /// for an agent not wrapping up.
    fn end_wrap_up(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        company_user_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| e.end_wrap_up(&actor, company_user_id.to()))
    }

    /// Reads an agent's settings (the agent, or an admin and up).
    fn get_agent_settings(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        company_user_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| {
            e.get_agent_settings(&actor, company_user_id.to())
        })
    }

    /// Changes an agent's settings: `notify_on_assignment`, `sound_on_new_message`,
    /// `auto_answer_calls`.
    #[pyo3(signature = (actor, company_user_id, **changes))]
    fn update_agent_settings(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        company_user_id: Id,
        changes: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        let update =
            from_kwargs::<AgentSettingsUpdate>(py, "update_agent_settings", changes, vec![])?;
        self.call(py, move |e| {
            e.update_agent_settings(&actor, company_user_id.to(), update)
        })
    }

    /// Adds a statistic to an agent's watch list; watching it twice is a no-op.
    #[pyo3(signature = (actor, company_user_id, statistic, *, option = None, secondary_option = None))]
    fn watch_statistic(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        company_user_id: Id,
        statistic: String,
        option: Option<String>,
        secondary_option: Option<String>,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        let stat = watched(py, statistic, option, secondary_option)?;
        self.call(py, move |e| {
            e.watch_statistic(&actor, company_user_id.to::<CompanyUserId>(), stat)
        })
    }

    /// Removes a statistic from an agent's watch list; a no-op when absent.
    #[pyo3(signature = (actor, company_user_id, statistic, *, option = None, secondary_option = None))]
    fn unwatch_statistic(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        company_user_id: Id,
        statistic: String,
        option: Option<String>,
        secondary_option: Option<String>,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        let stat = watched(py, statistic, option, secondary_option)?;
        self.call(py, move |e| {
            e.unwatch_statistic(&actor, company_user_id.to::<CompanyUserId>(), stat)
        })
    }
}
