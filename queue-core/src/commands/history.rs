//! The event log: stored domain events, for hosts, dashboards and statistics.

use crate::engine::Engine;
use crate::ids::{CompanyId, CompanyUserId};
use crate::model::auth::{Actor, Role};
use crate::model::event::Event;
use crate::store::{EventQuery, Pruned};
use crate::watch::{Watch, WatchQuery};
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
        self.may_read_events(actor, query.company_id)?;
        self.store_mut().events(query)
    }

    /// Watches the event log: a [`Watch`] delivering every event committed after
    /// `query.after_seq` (from now on when `None`), of `query.company_id` or of all companies,
    /// by this engine or any other on the same store; the same access as [`Engine::events`].
    /// The watch has its own handle on the store, so it can wait on another thread while
    /// this engine goes on; it sees commits of this process at once and other processes'
    /// within milliseconds. Resuming from a saved [`Watch::seq`] delivers every later event
    /// exactly once (but those retention has pruned meanwhile). A private in-memory SQLite
    /// database cannot be watched (a storage error): no second handle can reach it.
    ///
    /// ```
    /// # use queue_core::*;
    /// # let (mut engine, acme, ann) = queue_core::doc_support::company_with_agent();
    /// let mut watch = engine.watch(&Actor::System, WatchQuery { company_id: Some(acme), ..WatchQuery::default() }).unwrap();
    /// let q = engine.create_queue(&Actor::System, NewQueue::named(acme, "support")).unwrap();
    /// let seen: Vec<Event> = std::iter::from_fn(|| watch.try_next().unwrap()).collect();
    /// assert_eq!(seen.len(), 1);
    /// # let _ = (q, ann);
    /// ```
    ///
    /// With `company_user_id`, only the events about that agent (offers to them, their
    /// assignments, presence, wrap-ups): what an agent desktop listens to. The agent may watch
    /// their own; admins and up any member of their company.
    pub fn watch(&mut self, actor: &Actor, query: WatchQuery) -> Result<Watch> {
        let company = match query.company_user_id {
            Some(agent) => Some(self.may_watch_agent(actor, agent, query.company_id)?),
            None => {
                self.may_read_events(actor, query.company_id)?;
                query.company_id
            }
        };
        let mut feed = self.store_mut().feed()?;
        let after = match query.after_seq {
            Some(seq) => seq,
            None => feed.last_seq()?,
        };
        let watch = Watch::new(feed, company, after);
        Ok(match query.company_user_id {
            Some(agent) => watch.about(agent),
            None => watch,
        })
    }

    /// An agent's own events: the agent, or admins and up of their company; a `company_id`
    /// given beside must be the agent's. Answers the agent's company.
    fn may_watch_agent(
        &mut self,
        actor: &Actor,
        agent: CompanyUserId,
        company: Option<CompanyId>,
    ) -> Result<CompanyId> {
        self.read(|s| {
            let (cu, access) = s.company_user_access(actor, agent)?;
            if company.is_some_and(|c| c != cu.company_id) {
                return Err(Error::invalid(
                    "company_id",
                    "must be the company of company_user_id",
                ));
            }
            if !access.is(agent) {
                access.require(Role::Admin, "watch another agent's events")?;
            }
            Ok(cu.company_id)
        })
    }

    fn may_read_events(&mut self, actor: &Actor, company: Option<CompanyId>) -> Result<()> {
        match company {
            Some(c) => self.read(|s| s.access(actor, c)?.require(Role::Admin, "read events")),
            None if *actor == Actor::System => Ok(()),
            None => {
                self.read(|s| s.authenticated(actor))?;
                Err(Error::forbidden("read all events", "the system actor"))
            }
        }
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
