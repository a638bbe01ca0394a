//! Objects and their stays in queues (enqueue → offer → accept → complete, and the rest),
//! notes and ratings, routing explanations, and statistics.

use super::pager::{Pager, Source};
use super::PyEngine;
use crate::actor::PyActor;
use crate::convert::{from_kwargs, Id, Instant, Int};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use queue_core::input::Value;
use queue_core::{NewObject, ObjectId, StatsQuery, StayId};

/// A statistics query; an absent threshold takes the core's default.
fn stats_query(
    py: Python<'_>,
    company_id: Id,
    from: Instant,
    to: Instant,
    service_level_seconds: Option<Int>,
) -> PyResult<StatsQuery> {
    let mut fields = vec![
        ("company_id", Value::Id(company_id.0)),
        ("from", Value::Instant(from.0)),
        ("to", Value::Instant(to.0)),
    ];
    if let Some(s) = service_level_seconds {
        fields.push(("service_level_seconds", Value::Int(s.0)));
    }
    from_kwargs(py, "", None, fields)
}

#[pymethods]
impl PyEngine {
    /// Creates an object without queueing it. Fields: `company_id`, `name`, optional
    /// `channel` (default "chat"), `priority`, `required_skills` (dicts of `skill_id`,
    /// `min_level`).
    #[pyo3(signature = (actor, **fields))]
    fn create_object(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        fields: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        let new = from_kwargs::<NewObject>(py, "create_object", fields, vec![])?;
        self.call(py, move |e| e.create_object(&actor, new))
    }

    /// Reads an object (members).
    fn get_object(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        object_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| e.get_object(&actor, object_id.to()))
    }

    /// Every stay of an object, in any state, oldest first (members).
    fn list_object_stays(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        object_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| e.list_object_stays(&actor, object_id.to()))
    }

    /// Changes an object's priority (supervisor and up); its waiting stays re-sort at once.
    fn set_object_priority(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        object_id: Id,
        priority: Int,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        let priority = priority.get(py, "priority")?;
        self.call(py, move |e| {
            e.set_object_priority(&actor, object_id.to(), priority)
        })
    }

    /// Puts an existing object in a queue; routes at once. Returns the stay. With
    /// `preferred_agent_id`, only that agent may get it for `preferred_for_seconds`
    /// (default 60).
    #[pyo3(signature = (actor, object_id, queue_id, *, password = None, preferred_agent_id = None, preferred_for_seconds = None))]
    #[allow(clippy::too_many_arguments)]
    fn enqueue(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        object_id: Id,
        queue_id: Id,
        password: Option<String>,
        preferred_agent_id: Option<Id>,
        preferred_for_seconds: Option<Int>,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        let preferred = preferred(py, preferred_agent_id, preferred_for_seconds)?;
        self.call(py, move |e| {
            e.enqueue_preferring(
                &actor,
                object_id.to(),
                queue_id.to(),
                password.as_deref(),
                preferred,
            )
        })
    }

    /// Creates an object from the `create_object` fields and puts it in `queue_id` in one
    /// step; routes at once. Returns the stay.
    #[pyo3(signature = (actor, queue_id, *, password = None, preferred_agent_id = None, preferred_for_seconds = None, **fields))]
    #[allow(clippy::too_many_arguments)]
    fn enqueue_new(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        queue_id: Id,
        password: Option<String>,
        preferred_agent_id: Option<Id>,
        preferred_for_seconds: Option<Int>,
        fields: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        let new = from_kwargs::<NewObject>(py, "enqueue_new", fields, vec![])?;
        let preferred = preferred(py, preferred_agent_id, preferred_for_seconds)?;
        self.call(py, move |e| {
            e.enqueue_new_preferring(&actor, new, queue_id.to(), password.as_deref(), preferred)
        })
    }

    /// Where a waiting object stands: `{"position", "ahead", "estimated_wait_seconds"}`.
    fn queue_position(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        stay_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| e.queue_position(&actor, stay_id.to()))
    }

    /// Reads a stay (members).
    fn get_stay(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        stay_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| e.get_stay(&actor, stay_id.to()))
    }

    /// The stays waiting in a queue in the order routing serves them, at most `limit`.
    #[pyo3(signature = (actor, queue_id, *, limit = Int(queue_core::waiting::DEFAULT_WAITING_LIMIT as i128)))]
    fn list_waiting(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        queue_id: Id,
        limit: Int,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        let limit = limit.get(py, "limit")?;
        self.call(py, move |e| e.list_waiting(&actor, queue_id.to(), limit))
    }

    /// One page of a queue's waiting line in serving order: `{"data": [...],
    /// "next_page_key": str | None}`. Start without `page_key`; pass each page's
    /// `next_page_key` for the next.
    #[pyo3(signature = (actor, queue_id, *, page_key = None, page_limit = None))]
    fn list_waiting_page(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        queue_id: Id,
        page_key: Option<String>,
        page_limit: Option<Int>,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        let page_limit = page_limit.map(|n| n.get(py, "page_limit")).transpose()?;
        self.call(py, move |e| {
            e.list_waiting_page(&actor, queue_id.to(), page_key.as_deref(), page_limit)
        })
    }

    /// Every stay waiting in a queue, in serving order, fetched page by page as the iterator
    /// advances (however long the line; `list_waiting` stops at 10 000).
    #[pyo3(signature = (actor, queue_id, *, page_limit = None))]
    fn iter_waiting(
        slf: Py<Self>,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        queue_id: Id,
        page_limit: Option<Int>,
    ) -> PyResult<WaitingIter> {
        let page_limit = page_limit.map(|n| n.get(py, "page_limit")).transpose()?;
        Ok(WaitingIter(Pager::new(
            slf,
            actor.0,
            Source::Waiting(queue_id.to()),
            page_limit,
        )))
    }

    /// The stays an agent holds: offered to or assigned to them (members).
    fn list_agent_stays(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        company_user_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| {
            e.list_agent_stays(&actor, company_user_id.to())
        })
    }

    /// Accepts an offer: the stay becomes assigned.
    fn accept_offer(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        stay_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| e.accept_offer(&actor, stay_id.to()))
    }

    /// Rejects an offer: the stay waits again and is never offered to this agent again.
    fn reject_offer(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        stay_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| e.reject_offer(&actor, stay_id.to()))
    }

    /// An agent takes a waiting stay of their choice (when their pick-ability is on).
    fn pick(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        company_user_id: Id,
        stay_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| {
            e.pick(&actor, company_user_id.to(), stay_id.to())
        })
    }

    /// Ends handling: the stay is completed and the agent's capacity freed (routes at once).
    fn complete(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        stay_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| e.complete(&actor, stay_id.to()))
    }

    /// Moves a live stay to another queue of the company, keeping its original wait.
    /// Returns the new stay.
    fn transfer(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        stay_id: Id,
        to_queue_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| {
            e.transfer(&actor, stay_id.to(), to_queue_id.to())
        })
    }

    /// Ends a waiting or offered stay from the customer's side.
    fn abandon(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        stay_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| e.abandon(&actor, stay_id.to()))
    }

    /// Why an agent is not eligible for a stay right now (a dict with `reason`), or `None`.
    fn eligibility(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        company_user_id: Id,
        stay_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| {
            e.eligibility(&actor, company_user_id.to(), stay_id.to::<StayId>())
        })
    }

    /// Explains each live stay of an object: every agent with the first rule that keeps them
    /// from it, and when escalation next widens the pool (supervisor and up).
    fn explain(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        object_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| e.explain(&actor, object_id.to::<ObjectId>()))
    }

    /// Adds a note to a stay (any member, or the system).
    fn add_note(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        stay_id: Id,
        text: String,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| e.add_note(&actor, stay_id.to(), &text))
    }

    /// A stay's notes, oldest first (members).
    fn list_notes(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        stay_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| e.list_notes(&actor, stay_id.to()))
    }

    /// Records the one rating (score 1–5, optional comment) of a handled object.
    #[pyo3(signature = (actor, object_id, score, comment = String::new()))]
    fn rate(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        object_id: Id,
        score: Int,
        comment: String,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        let score = score.get(py, "score")?;
        self.call(py, move |e| e.rate(&actor, object_id.to(), score, &comment))
    }

    /// The rating of an object, or `None` (members).
    fn get_rating(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        object_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| e.get_rating(&actor, object_id.to()))
    }

    /// Statistics of every queue of a company over `[from_, to)` (supervisor and up).
    #[pyo3(signature = (actor, company_id, from_, to, *, service_level_seconds = None))]
    fn queue_stats(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        company_id: Id,
        from_: Instant,
        to: Instant,
        service_level_seconds: Option<Int>,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        let query = stats_query(py, company_id, from_, to, service_level_seconds)?;
        self.call(py, move |e| e.queue_stats(&actor, &query))
    }

    /// Every queue's statistics for each `interval_minutes` from `from_` up to `to`
    /// (supervisor and up): one dict per queue per interval, with `interval_start` and
    /// `interval_end` beside the fields of `queue_stats`.
    #[pyo3(signature = (
        actor, company_id, from_, to, *,
        interval_minutes = Int(queue_core::stats::DEFAULT_INTERVAL_MINUTES as i128),
        service_level_seconds = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn queue_stats_by_interval(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        company_id: Id,
        from_: Instant,
        to: Instant,
        interval_minutes: Int,
        service_level_seconds: Option<Int>,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        let query = stats_query(py, company_id, from_, to, service_level_seconds)?;
        let minutes = interval_minutes.get(py, "interval_minutes")?;
        self.call(py, move |e| {
            e.queue_stats_by_interval(&actor, &query, minutes)
        })
    }

    /// Statistics of every agent of a company over `[from_, to)` (supervisor and up).
    #[pyo3(signature = (actor, company_id, from_, to, *, service_level_seconds = None))]
    fn agent_stats(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        company_id: Id,
        from_: Instant,
        to: Instant,
        service_level_seconds: Option<Int>,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        let query = stats_query(py, company_id, from_, to, service_level_seconds)?;
        self.call(py, move |e| e.agent_stats(&actor, &query))
    }
}

/// The iterator `Engine.iter_waiting` returns: one stay dict per waiting object, in order.
#[pyclass(module = "connectnow_queue")]
pub struct WaitingIter(Pager);

#[pymethods]
impl WaitingIter {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        self.0.next(py)
    }
}

/// The core's preference from the keywords; seconds without an agent name no one.
fn preferred(
    py: Python<'_>,
    agent: Option<Id>,
    seconds: Option<Int>,
) -> PyResult<Option<queue_core::Preferred>> {
    let seconds = seconds
        .map(|s| s.get::<u32>(py, "preferred_for_seconds"))
        .transpose()?;
    match (agent, seconds) {
        (Some(a), s) => Ok(Some(queue_core::Preferred::new(a.to(), s))),
        (None, None) => Ok(None),
        (None, Some(_)) => Err(crate::errors::core_error(
            py,
            queue_core::Error::invalid(
                "preferred_agent_id",
                "preferred_for_seconds needs an agent",
            ),
        )),
    }
}
