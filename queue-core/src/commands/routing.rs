//! Routing explained: why an object waits (`explain`) and what keeps one agent from it
//! (`eligibility`, in `stays`).

use crate::engine::Engine;
use crate::ids::ObjectId;
use crate::model::auth::{hide, Actor, Role};
use crate::routing::{explain, Explanation};
use crate::Result;

impl Engine {
    /// Explains each live stay of an object (supervisor and up).
    ///
    /// ```
    /// # use queue_core::*;
    /// # let (mut engine, acme, ann) = queue_core::doc_support::company_with_agent();
    /// let q = engine.create_queue(&Actor::System, NewQueue::named(acme, "support")).unwrap();
    /// engine.assign_operator(&Actor::System, q.id, ann, 1).unwrap();
    /// let stay = engine.enqueue_new(&Actor::System, NewObject::chat(acme, "Visitor"), q.id, None).unwrap();
    /// let why = engine.explain(&Actor::System, stay.object_id).unwrap();
    /// assert_eq!(why[0].agents[0].ineligible.as_ref().map(|r| r.rule()), Some(2)); // ann is unavailable
    /// ```
    pub fn explain(&mut self, actor: &Actor, object_id: ObjectId) -> Result<Vec<Explanation>> {
        let now = self.now();
        self.read_history(|s, h| {
            let o = s.any_object(h, object_id)?;
            s.access(actor, o.company_id)
                .map_err(|e| hide(e, "queueable_object", object_id))?
                .require(Role::Supervisor, "explain routing")?;
            Ok(explain(s, object_id, now))
        })
    }
}
