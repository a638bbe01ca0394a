//! Queueable objects: writes spanning several records, for the commands.

use crate::ids::ObjectId;
use crate::model::event::Op;
use crate::model::object::*;
use crate::model::record::Kind;
use crate::model::skill::check_level;
use crate::tx::Tx;
use crate::validate;
use crate::Result;

impl Tx<'_> {
    pub(crate) fn create_object(&mut self, new: NewObject) -> Result<QueueableObject> {
        self.access(new.company_id)?;
        validate::text("name", &new.name, 1, 200)?;
        validate::token("channel", &new.channel)?;
        validate::range("priority", new.priority, -MAX_PRIORITY, MAX_PRIORITY)?;
        validate::range(
            "required_skills",
            new.required_skills.len(),
            0,
            MAX_REQUIRED_SKILLS,
        )?;
        let mut reqs = new.required_skills;
        for r in &reqs {
            self.state
                .company_skill("required_skills", new.company_id, r.skill_id)?;
            check_level("required_skills", r.min_level)?;
        }
        reqs.sort();
        reqs.dedup_by_key(|r| r.skill_id);
        let object = QueueableObject {
            id: ObjectId(self.new_id()),
            company_id: new.company_id,
            name: new.name,
            channel: new.channel,
            priority: new.priority,
            required_skills: reqs,
            created_at: self.now,
        };
        self.put(object.clone());
        self.log(
            Op::Created,
            Kind::QueueableObject,
            object.id.0,
            Some(object.company_id),
        );
        Ok(object)
    }

    /// Deletes an object with its stays, notes and rating, live or history.
    pub(crate) fn delete_object_cascade(&mut self, id: ObjectId) -> Result<()> {
        for stay in self.state.all_object_stays(self.store, id)? {
            for note in self.state.stay_notes(self.store, stay.id)? {
                self.delete_history(Kind::Note, note.id.0);
            }
            self.delete_history(Kind::Stay, stay.id.0);
        }
        if let Some(r) = self.state.object_rating(self.store, id)? {
            self.delete_history(Kind::Rating, r.id.0);
        }
        self.delete_history(Kind::QueueableObject, id.0);
        Ok(())
    }
}
