//! Lookups that reach past the working set into the store's history: an ended stay, an
//! object no live stay holds, a stay's notes, an object's rating. The working set is asked
//! first (inside a transaction it holds what is not committed yet); the store answers the
//! rest from its indexes.

use crate::ids::{ObjectId, StayId};
use crate::model::auth::{hide, Access, Actor};
use crate::model::note::{Note, Rating};
use crate::model::object::QueueableObject;
use crate::model::record::{Kind, Record};
use crate::model::stay::Stay;
use crate::state::State;
use crate::store::Store;
use crate::{Error, Result};
use std::collections::BTreeMap;

impl State {
    /// A stay, live or ended.
    pub(crate) fn any_stay(&self, store: &mut dyn Store, id: StayId) -> Result<Stay> {
        if let Some(s) = self.stays.get(&id) {
            return Ok(s.clone());
        }
        match store.get(Kind::Stay, id.0)? {
            Some(Record::Stay(s)) => Ok(s),
            _ => Err(Error::not_found("stay", id)),
        }
    }

    /// A stay, live or ended, and the actor's access to its company; unknown to outsiders.
    pub(crate) fn any_stay_access(
        &self,
        store: &mut dyn Store,
        actor: &Actor,
        id: StayId,
    ) -> Result<(Stay, Access)> {
        self.authenticated(actor)?;
        let stay = self.any_stay(store, id)?;
        let access = self
            .access(actor, stay.company_id)
            .map_err(|e| hide(e, "stay", id))?;
        Ok((stay, access))
    }

    /// An object, held by a live stay or not.
    pub(crate) fn any_object(
        &self,
        store: &mut dyn Store,
        id: ObjectId,
    ) -> Result<QueueableObject> {
        if let Some(o) = self.objects.get(&id) {
            return Ok(o.clone());
        }
        match store.get(Kind::QueueableObject, id.0)? {
            Some(Record::QueueableObject(o)) => Ok(o),
            _ => Err(Error::not_found("queueable_object", id)),
        }
    }

    /// Every stay of an object, live and ended, in id order.
    pub(crate) fn all_object_stays(
        &self,
        store: &mut dyn Store,
        id: ObjectId,
    ) -> Result<Vec<Stay>> {
        let mut by_id: BTreeMap<StayId, Stay> = BTreeMap::new();
        for r in store.children(Kind::Stay, id.0)? {
            if let Record::Stay(s) = r {
                by_id.insert(s.id, s);
            }
        }
        for s in self.object_stays(id) {
            by_id.insert(s.id, s);
        }
        Ok(by_id.into_values().collect())
    }

    /// A stay's notes, oldest first.
    pub(crate) fn stay_notes(&self, store: &mut dyn Store, id: StayId) -> Result<Vec<Note>> {
        let mut notes: Vec<Note> = store
            .children(Kind::Note, id.0)?
            .into_iter()
            .filter_map(|r| match r {
                Record::Note(n) => Some(n),
                _ => None,
            })
            .collect();
        notes.sort_by_key(|n| (n.created_at, n.id));
        Ok(notes)
    }

    /// An object's rating, if it has one.
    pub(crate) fn object_rating(
        &self,
        store: &mut dyn Store,
        id: ObjectId,
    ) -> Result<Option<Rating>> {
        let pending = self.ratings.values().find(|r| r.object_id == id);
        if let Some(r) = pending {
            return Ok(Some(r.clone()));
        }
        Ok(store
            .children(Kind::Rating, id.0)?
            .into_iter()
            .find_map(|r| match r {
                Record::Rating(r) => Some(r),
                _ => None,
            }))
    }
}
