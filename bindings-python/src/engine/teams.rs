//! Teams: bulk membership, and team presence by page or as one iterator over every page.

use super::pager::{Pager, Source};
use super::PyEngine;
use crate::actor::PyActor;
use crate::convert::{Id, Ids, Int};
use pyo3::prelude::*;
use queue_core::CompanyUserId;

#[pymethods]
impl PyEngine {
    /// Creates a team (supervisor and up).
    fn create_team(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        company_id: Id,
        name: String,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| e.create_team(&actor, company_id.to(), &name))
    }

    /// Reads a team (members).
    fn get_team(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        team_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| e.get_team(&actor, team_id.to()))
    }

    /// A company's teams (members).
    fn list_teams(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        company_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| e.list_teams(&actor, company_id.to()))
    }

    /// Deletes a team; its agents stay (supervisor and up).
    fn delete_team(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        team_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| e.delete_team(&actor, team_id.to()))
    }

    /// Adds agents (company user ids) to a team; those already in it are skipped.
    fn add_team_members(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        team_id: Id,
        agent_ids: Ids,
    ) -> PyResult<Py<PyAny>> {
        let (actor, agents) = (actor.0, agent_ids.to::<CompanyUserId>());
        self.call(py, move |e| {
            e.add_team_members(&actor, team_id.to(), &agents)
        })
    }

    /// Removes agents from a team; those not in it are skipped.
    fn remove_team_members(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        team_id: Id,
        agent_ids: Ids,
    ) -> PyResult<Py<PyAny>> {
        let (actor, agents) = (actor.0, agent_ids.to::<CompanyUserId>());
        self.call(py, move |e| {
            e.remove_team_members(&actor, team_id.to(), &agents)
        })
    }

    /// A team's members (members of the company).
    fn list_team_members(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        team_id: Id,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        self.call(py, move |e| e.list_team_members(&actor, team_id.to()))
    }

    /// One page of a team's presence: `{"data": [...], "next_page_key": str | None}`. Start
    /// without `page_key`; pass each page's `next_page_key` for the next.
    #[pyo3(signature = (actor, team_id, *, page_key = None, page_limit = None))]
    fn list_team_presence(
        &self,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        team_id: Id,
        page_key: Option<String>,
        page_limit: Option<Int>,
    ) -> PyResult<Py<PyAny>> {
        let actor = actor.0;
        let page_limit = page_limit.map(|n| n.get(py, "page_limit")).transpose()?;
        self.call(py, move |e| {
            e.list_team_presence(&actor, team_id.to(), page_key.as_deref(), page_limit)
        })
    }

    /// Every row of a team's presence, fetched page by page as the iterator advances.
    #[pyo3(signature = (actor, team_id, *, page_limit = None))]
    fn iter_team_presence(
        slf: Py<Self>,
        py: Python<'_>,
        actor: PyRef<'_, PyActor>,
        team_id: Id,
        page_limit: Option<Int>,
    ) -> PyResult<TeamPresenceIter> {
        let page_limit = page_limit.map(|n| n.get(py, "page_limit")).transpose()?;
        Ok(TeamPresenceIter(Pager::new(
            slf,
            actor.0,
            Source::TeamPresence(team_id.to()),
            page_limit,
        )))
    }
}

/// The iterator `Engine.iter_team_presence` returns: one dict per agent, across all pages.
#[pyclass(module = "connectnow_queue")]
pub struct TeamPresenceIter(Pager);

#[pymethods]
impl TeamPresenceIter {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        self.0.next(py)
    }
}
