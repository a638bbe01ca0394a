//! The event log: stored domain events, for hosts, dashboards and statistics.

use crate::engine::Engine;
use crate::model::auth::{Actor, Role};
use crate::model::event::Event;
use crate::store::{EventQuery, Pruned};
use crate::{Error, Result};
use chrono::{DateTime, Utc};

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

    /// Removes history older than `before` (rounded down to the whole second) from the
    /// store, and says what went: stays that ended before it with their notes, objects
    /// created before it that no stay is left for with their ratings, agents' time pieces,
    /// events. Live work is untouched. Afterwards reads of what was removed answer "not
    /// found", and the statistics of a window before `before` read as empty (but for agents
    /// still ready or handling since then, whose open time is live). The system actor only:
    /// it crosses companies. For pruning by age as the engine runs, give the store a
    /// retention period instead ([`crate::MemoryStore::with_retention`], the SQLite store's
    /// `retention` option).
    ///
    /// ```
    /// # use queue_core::*;
    /// # let (mut engine, acme, _) = queue_core::doc_support::company_with_agent();
    /// let q = engine.create_queue(&Actor::System, NewQueue::named(acme, "support")).unwrap();
    /// let stay = engine.enqueue_new(&Actor::System, NewObject::chat(acme, "Visitor"), q.id, None).unwrap();
    /// engine.abandon(&Actor::System, stay.id).unwrap();
    /// let later = engine.now() + chrono::Duration::seconds(1);
    /// let pruned = engine.prune_history(&Actor::System, later).unwrap();
    /// assert_eq!((pruned.stays, pruned.objects), (1, 1));
    /// assert!(engine.get_stay(&Actor::System, stay.id).is_err());
    /// ```
    pub fn prune_history(&mut self, actor: &Actor, before: DateTime<Utc>) -> Result<Pruned> {
        crate::clock::check("before", before)?;
        if *actor != Actor::System {
            self.read(|s| s.authenticated(actor))?;
            return Err(Error::forbidden("prune history", "the system actor"));
        }
        self.store_mut().prune(before)
    }
}
