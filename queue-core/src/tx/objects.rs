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

    /// Deletes an object with its stays, notes and rating.
    pub(crate) fn delete_object_cascade(&mut self, id: ObjectId) {
        let stays: Vec<_> = self
            .state
            .idx
            .stays_by_object
            .get(&id)
            .into_iter()
            .flatten()
            .copied()
            .collect();
        for s in stays {
            let notes: Vec<_> = self
                .state
                .idx
                .notes_by_stay
                .get(&s)
                .into_iter()
                .flatten()
                .copied()
                .collect();
            for n in notes {
                self.delete(Kind::Note, n.0);
            }
            self.delete(Kind::Stay, s.0);
        }
        if let Some(r) = self.state.idx.rating_by_object.get(&id).copied() {
            self.delete(Kind::Rating, r.0);
        }
        self.delete(Kind::QueueableObject, id.0);
    }
}
