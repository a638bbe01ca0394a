//! The event log: stored domain events, for hosts, dashboards and statistics.

use crate::engine::Engine;
use crate::model::auth::{Actor, Role};
use crate::model::event::Event;
use crate::store::EventQuery;
use crate::{Error, Result};

impl Engine {
    /// Stored events matching `query`, oldest first (the system actor, or admins of the
    /// queried company).
    pub fn events(&mut self, actor: &Actor, query: &EventQuery) -> Result<Vec<Event>> {
        for (field, t) in [("from", query.from), ("to", query.to)] {
            if let Some(t) = t {
                crate::clock::check(field, t)?;
            }
        }
        match query.company_id {
            Some(c) => self.read(|s| s.access(actor, c)?.require(Role::Admin, "read events"))?,
            None if *actor == Actor::System => {}
            None => {
                self.read(|s| s.authenticated(actor))?;
                return Err(Error::forbidden("read all events", "the system actor"));
            }
        }
        self.store_mut().events(query)
    }
}
