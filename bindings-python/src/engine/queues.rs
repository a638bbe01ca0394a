//! Queues, their operators (assignments), skills and skill minimums, hours and closures.

use super::PyEngine;
use crate::actor::PyActor;
use crate::convert::{from_arg, from_kwargs, Id, Instant, Int};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use queue_core::{
    BlacklistId, CompanyUserId, NewBlacklistHours, NewQueue, OpenInterval, OperatorUpdate, QueueId,
    QueueUpdate, SkillId,
};

#[pymethods]
impl PyEngine {
    /// Creates a queue (admin or owner). Fields: `company_id`, `name`, optional `password`,
    /// `company_user_id` (a personal queue's owner), `priority_delay` and `offer_timeout`
    /// (seconds), `is_active`, `strategy` ("longest_idle", "least_occupied", "round_robin",
    /// "most_skilled").
    #[pyo3(signature = (actor, **fields))]
    fn create_queue(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        fields: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        let new = from_kwargs::<NewQueue>(py, "create_queue", fields, vec![])?;
        self.call(py, move |e| e.create_queue(&actor, new))
    }

    /// Reads a queue (members).
    fn get_queue(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        queue_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| e.get_queue(&actor, queue_id.to()))
    }

    /// A company's queues (members).
    fn list_queues(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        company_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| e.list_queues(&actor, company_id.to()))
    }

    /// Changes a queue (admin or owner); `password`, `priority_delay` or `offer_timeout` set
    /// to `None` clear them.
    #[pyo3(signature = (actor, queue_id, **changes))]
    fn update_queue(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        queue_id: Id,
        changes: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        let update = from_kwargs::<QueueUpdate>(py, "update_queue", changes, vec![])?;
        self.call(py, move |e| e.update_queue(&actor, queue_id.to(), update))
    }

    /// Deletes a queue with its skills, operators, hours and closures (admin or owner).
    fn delete_queue(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        queue_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| e.delete_queue(&actor, queue_id.to()))
    }

    /// The queue's `queue_show`, open status and counts now (members).
    fn queue_status(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        queue_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| e.queue_status(&actor, queue_id.to()))
    }

    /// Assigns an agent to staff a queue at `tier` (1 = first line; supervisor and up).
    #[pyo3(signature = (actor, queue_id, company_user_id, tier = Int(queue_core::operator::DEFAULT_TIER as i128)))]
    fn assign_operator(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        queue_id: Id,
        company_user_id: Id,
        tier: Int,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        let tier = tier.get(py, "tier")?;
        self.call(py, move |e| {
            e.assign_operator(&actor, queue_id.to(), company_user_id.to(), tier)
        })
    }

    /// Enables or suspends (`enabled`) or re-tiers (`tier`) an operator.
    #[pyo3(signature = (actor, queue_id, company_user_id, **changes))]
    fn update_operator(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        queue_id: Id,
        company_user_id: Id,
        changes: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        let update = from_kwargs::<OperatorUpdate>(py, "update_operator", changes, vec![])?;
        self.call(py, move |e| {
            e.update_operator(&actor, queue_id.to(), company_user_id.to(), update)
        })
    }

    /// Unassigns an agent from a queue; offers already made stand.
    fn unassign_operator(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        queue_id: Id,
        company_user_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| {
            e.unassign_operator(&actor, queue_id.to(), company_user_id.to())
        })
    }

    /// A queue's operators, with `queue_show` and `user_show` (members).
    fn list_operators(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        queue_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| e.list_operators(&actor, queue_id.to()))
    }

    /// An agent's assignments, with `queue_show` and `user_show` (members).
    fn list_assignments(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        company_user_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| {
            e.list_assignments(&actor, company_user_id.to::<CompanyUserId>())
        })
    }

    /// Defines a skill (admin or owner).
    fn create_skill(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        company_id: Id,
        name: String,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| e.create_skill(&actor, company_id.to(), &name))
    }

    /// Reads a skill (members).
    fn get_skill(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        skill_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| e.get_skill(&actor, skill_id.to()))
    }

    /// A company's skills (members).
    fn list_skills(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        company_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| e.list_skills(&actor, company_id.to()))
    }

    /// Renames a skill (admin or owner).
    fn rename_skill(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        skill_id: Id,
        name: String,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| e.rename_skill(&actor, skill_id.to(), &name))
    }

    /// Deletes a skill with every agent level and queue minimum of it (admin or owner).
    fn delete_skill(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        skill_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| e.delete_skill(&actor, skill_id.to()))
    }

    /// Sets an agent's level (1–10) in a skill, adding or replacing it (admin or owner).
    fn set_agent_skill(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        company_user_id: Id,
        skill_id: Id,
        level: Int,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        let level = level.get(py, "level")?;
        self.call(py, move |e| {
            e.set_agent_skill(&actor, company_user_id.to(), skill_id.to(), level)
        })
    }

    /// Removes an agent's skill (admin or owner); removing one they lack is a no-op.
    fn remove_agent_skill(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        company_user_id: Id,
        skill_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| {
            e.remove_agent_skill(&actor, company_user_id.to(), skill_id.to::<SkillId>())
        })
    }

    /// An agent's skill levels (members).
    fn list_agent_skills(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        company_user_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| {
            e.list_agent_skills(&actor, company_user_id.to())
        })
    }

    /// Sets a queue's minimum level (1–10) in a skill (admin or owner).
    fn set_queue_skill(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        queue_id: Id,
        skill_id: Id,
        min_level: Int,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        let min_level = min_level.get(py, "min_level")?;
        self.call(py, move |e| {
            e.set_queue_skill(&actor, queue_id.to(), skill_id.to(), min_level)
        })
    }

    /// Removes a queue's skill minimum (admin or owner); a no-op when absent.
    fn remove_queue_skill(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        queue_id: Id,
        skill_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| {
            e.remove_queue_skill(&actor, queue_id.to(), skill_id.to::<SkillId>())
        })
    }

    /// A queue's skill minimums (members).
    fn list_queue_skills(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        queue_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| {
            e.list_queue_skills(&actor, queue_id.to::<QueueId>())
        })
    }

    /// Sets the weekly schedule of a queue, or without `queue_id` the company default.
    /// `intervals`: dicts of `weekday` ("mon"…"sun"), `opens` and `closes` (`datetime.time`
    /// or "HH:MM"), local to the company's time zone.
    #[pyo3(signature = (actor, company_id, intervals, *, queue_id = None))]
    fn set_hours(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        company_id: Id,
        intervals: &Bound<'_, PyAny>,
        queue_id: Option<Id>,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        let intervals: Vec<OpenInterval> = from_arg(intervals, "intervals")?;
        self.call(py, move |e| {
            e.set_hours(
                &actor,
                company_id.to(),
                queue_id.map(Id::to::<QueueId>),
                intervals,
            )
        })
    }

    /// The schedule of a queue, or without `queue_id` the company default; `None` if unset.
    #[pyo3(signature = (actor, company_id, *, queue_id = None))]
    fn get_hours(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        company_id: Id,
        queue_id: Option<Id>,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| {
            e.get_hours(&actor, company_id.to(), queue_id.map(Id::to::<QueueId>))
        })
    }

    /// Removes a schedule (a queue's, or without `queue_id` the company default).
    #[pyo3(signature = (actor, company_id, *, queue_id = None))]
    fn clear_hours(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        company_id: Id,
        queue_id: Option<Id>,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| {
            e.clear_hours(&actor, company_id.to(), queue_id.map(Id::to::<QueueId>))
        })
    }

    /// Closes one queue from `starts_at` to `ends_at` (aware datetimes), with a `reason`.
    #[pyo3(signature = (actor, queue_id, **fields))]
    fn add_blacklist_hours(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        queue_id: Id,
        fields: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        let new = from_kwargs::<NewBlacklistHours>(py, "add_blacklist_hours", fields, vec![])?;
        self.call(py, move |e| {
            e.add_blacklist_hours(&actor, queue_id.to(), new)
        })
    }

    /// Closes every queue of a company from `starts_at` to `ends_at`, e.g. a holiday.
    #[pyo3(signature = (actor, company_id, **fields))]
    fn add_common_blacklist_hours(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        company_id: Id,
        fields: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        let new =
            from_kwargs::<NewBlacklistHours>(py, "add_common_blacklist_hours", fields, vec![])?;
        self.call(py, move |e| {
            e.add_common_blacklist_hours(&actor, company_id.to(), new)
        })
    }

    /// One queue's own closures, by start (members).
    fn list_blacklist_hours(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        queue_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| e.list_blacklist_hours(&actor, queue_id.to()))
    }

    /// A company's common closures, by start (members).
    fn list_common_blacklist_hours(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        company_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| {
            e.list_common_blacklist_hours(&actor, company_id.to())
        })
    }

    /// Deletes a closure, queue or common (admin or owner).
    fn delete_blacklist_hours(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        blacklist_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| {
            e.delete_blacklist_hours(&actor, blacklist_id.to::<BlacklistId>())
        })
    }

    /// Whether a queue is open at `at`, and when that next changes (members).
    fn is_open(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        queue_id: Id,
        at: Instant,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| e.is_open(&actor, queue_id.to(), at.0))
    }
}
