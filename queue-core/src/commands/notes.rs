//! Notes and ratings: the public commands.

use crate::engine::Engine;
use crate::error::ConflictReason;
use crate::ids::{NoteId, ObjectId, RatingId, StayId};
use crate::model::auth::hide;
use crate::model::auth::Actor;
use crate::model::event::{EventKind, Op};
use crate::model::note::*;
use crate::model::record::Kind;
use crate::model::stay::StayState;
use crate::validate;
use crate::{Error, Result};

impl Engine {
    /// Adds a note to a stay (any member, or the system).
    pub fn add_note(&mut self, actor: &Actor, stay_id: StayId, text: &str) -> Result<Note> {
        validate::length("text", text, 1, 10_000)?;
        let scope = self.scope_of_stay(stay_id);
        self.write_in(scope, actor, |tx| {
            let (stay, _) = tx.state.any_stay_access(tx.store, &tx.actor, stay_id)?;
            let (object_id, company) = (stay.object_id, stay.company_id);
            let note = Note {
                id: NoteId(tx.new_id()),
                stay_id,
                object_id,
                author: tx.actor,
                text: text.to_string(),
                created_at: tx.now,
            };
            tx.put(note.clone());
            tx.log(Op::Created, Kind::Note, note.id.0, Some(company));
            Ok(note)
        })
    }

    /// Lists a stay's notes, oldest first (members).
    pub fn list_notes(&mut self, actor: &Actor, stay_id: StayId) -> Result<Vec<Note>> {
        self.read_history(|s, h| {
            s.any_stay_access(h, actor, stay_id)?;
            s.stay_notes(h, stay_id)
        })
    }

    /// Records the one rating of a handled object (any member, or the system). The object
    /// must have been assigned; a second rating is a conflict.
    pub fn rate(
        &mut self,
        actor: &Actor,
        object_id: ObjectId,
        score: u8,
        comment: &str,
    ) -> Result<Rating> {
        validate::range("score", score, 1, 5)?;
        validate::length("comment", comment, 0, 2000)?;
        let scope = self.scope_of_object(object_id);
        self.write_in(scope, actor, |tx| {
            let o = tx.state.any_object(tx.store, object_id)?;
            let company = o.company_id;
            tx.access(company)
                .map_err(|e| hide(e, "queueable_object", object_id))?;
            if tx.state.object_rating(tx.store, object_id)?.is_some() {
                return Err(Error::conflict(
                    ConflictReason::AlreadyRated,
                    "the object is already rated",
                ));
            }
            let handled = tx
                .state
                .all_object_stays(tx.store, object_id)?
                .into_iter()
                .filter(|s| matches!(s.state, StayState::Assigned | StayState::Completed))
                .max_by_key(|s| s.assigned_at)
                .ok_or_else(|| {
                    Error::conflict(
                        ConflictReason::NotHandled,
                        "only a handled object can be rated",
                    )
                })?;
            let rating = Rating {
                id: RatingId(tx.new_id()),
                object_id,
                stay_id: handled.id,
                score,
                comment: comment.to_string(),
                rated_by: tx.actor,
                created_at: tx.now,
            };
            tx.put(rating.clone());
            tx.emit(
                Some(company),
                EventKind::Rated {
                    object_id,
                    stay_id: handled.id,
                    queue_id: handled.queue_id,
                    company_user_id: handled.assigned_to,
                    score,
                },
            );
            Ok(rating)
        })
    }

    /// The rating of an object, if it has one (members).
    pub fn get_rating(&mut self, actor: &Actor, object_id: ObjectId) -> Result<Option<Rating>> {
        self.read_history(|s, h| {
            let o = s.any_object(h, object_id)?;
            s.access(actor, o.company_id)
                .map_err(|e| hide(e, "queueable_object", object_id))?;
            s.object_rating(h, object_id)
        })
    }
}
