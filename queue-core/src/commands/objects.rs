//! Queueable objects: the public commands.

use crate::engine::Engine;
use crate::ids::ObjectId;
use crate::model::auth::hide;
use crate::model::auth::{Actor, Role};
use crate::model::event::Op;
use crate::model::object::*;
use crate::model::record::Kind;
use crate::model::stay::Stay;
use crate::validate;
use crate::Result;

impl Engine {
    /// Creates an object without queueing it yet (any member, or the system); see
    /// [`Engine::enqueue`] to put it in one or more queues.
    pub fn create_object(&mut self, actor: &Actor, new: NewObject) -> Result<QueueableObject> {
        let scope = self.scope_of_company(new.company_id);
        self.write_in(scope, actor, |tx| tx.create_object(new))
    }

    /// Reads an object (members).
    pub fn get_object(&mut self, actor: &Actor, id: ObjectId) -> Result<QueueableObject> {
        self.read_history(|s, h| {
            let o = s.any_object(h, id)?;
            s.access(actor, o.company_id)
                .map_err(|e| hide(e, "queueable_object", id))?;
            Ok(o)
        })
    }

    /// Every stay of an object, in any state, oldest first (members).
    pub fn list_object_stays(&mut self, actor: &Actor, id: ObjectId) -> Result<Vec<Stay>> {
        self.read_history(|s, h| {
            let o = s.any_object(h, id)?;
            s.access(actor, o.company_id)
                .map_err(|e| hide(e, "queueable_object", id))?;
            s.all_object_stays(h, id)
        })
    }

    /// Changes an object's priority (supervisor and up); its waiting stays re-sort at once.
    pub fn set_object_priority(
        &mut self,
        actor: &Actor,
        id: ObjectId,
        priority: i32,
    ) -> Result<QueueableObject> {
        let scope = self.scope_of_object(id);
        self.write_in(scope, actor, |tx| {
            let mut o = tx.state.any_object(tx.store, id)?;
            tx.access(o.company_id)
                .map_err(|e| hide(e, "queueable_object", id))?
                .require(Role::Supervisor, "set priority")?;
            validate::range("priority", priority, -MAX_PRIORITY, MAX_PRIORITY)?;
            o.priority = priority;
            tx.put(o.clone());
            tx.log(Op::Updated, Kind::QueueableObject, id.0, Some(o.company_id));
            Ok(o)
        })
    }
}
