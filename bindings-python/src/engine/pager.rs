//! Python iterators over the core's paged listings (team presence, a queue's waiting line):
//! each page is fetched from the engine as the iterator reaches it.

use super::{Failure, PyEngine};
use crate::convert::{to_out, to_py, Out};
use pyo3::prelude::*;
use queue_core::{Actor, QueueId, TeamId};
use std::collections::VecDeque;

/// Which listing a [`Pager`] walks.
#[derive(Clone, Copy)]
pub enum Source {
    /// `Engine::list_team_presence`.
    TeamPresence(TeamId),
    /// `Engine::list_waiting_page`.
    Waiting(QueueId),
}

/// The state of one walk: rows of the current page, and the key of the next.
pub struct Pager {
    engine: Py<PyEngine>,
    actor: Actor,
    source: Source,
    page_limit: Option<usize>,
    rows: VecDeque<Out>,
    next_page_key: Option<String>,
    done: bool,
}

impl Pager {
    pub fn new(
        engine: Py<PyEngine>,
        actor: Actor,
        source: Source,
        page_limit: Option<usize>,
    ) -> Self {
        Pager {
            engine,
            actor,
            source,
            page_limit,
            rows: VecDeque::new(),
            next_page_key: None,
            done: false,
        }
    }

    /// The next row, fetching the next page when this one is used up.
    pub fn next(&mut self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        while self.rows.is_empty() && !self.done {
            let (actor, limit) = (self.actor, self.page_limit);
            let key = self.next_page_key.clone();
            let source = self.source;
            let (rows, next) = self.engine.get().with_engine(py, move |e| {
                let key = key.as_deref();
                let out = |rows: Vec<Out>, next| Ok::<_, Failure>((rows, next));
                match source {
                    Source::TeamPresence(t) => {
                        let page = e.list_team_presence(&actor, t, key, limit)?;
                        let rows = page.data.iter().map(to_out).collect::<Result<_, _>>()?;
                        out(rows, page.next_page_key)
                    }
                    Source::Waiting(q) => {
                        let page = e.list_waiting_page(&actor, q, key, limit)?;
                        let rows = page.data.iter().map(to_out).collect::<Result<_, _>>()?;
                        out(rows, page.next_page_key)
                    }
                }
            })?;
            self.rows.extend(rows);
            self.done = next.is_none();
            self.next_page_key = next;
        }
        self.rows.pop_front().map(|row| to_py(py, row)).transpose()
    }
}
