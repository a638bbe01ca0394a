//! Queueable objects: lookups and access checks on the working set.

use crate::ids::ObjectId;
use crate::model::stay::Stay;
use crate::state::State;

impl State {
    /// True while any stay of the object is waiting, offered or assigned.
    pub(crate) fn object_is_live(&self, id: ObjectId) -> bool {
        self.idx
            .stays_by_object
            .get(&id)
            .into_iter()
            .flatten()
            .any(|s| self.stays.get(s).is_some_and(|s| s.state.is_live()))
    }

    pub(crate) fn object_stays(&self, id: ObjectId) -> Vec<Stay> {
        let ids = self.idx.stays_by_object.get(&id).into_iter().flatten();
        ids.filter_map(|s| self.stays.get(s).cloned()).collect()
    }
}
