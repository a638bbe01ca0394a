//! Queueable objects: the chats, calls and e-mails that wait in queues.

use crate::auth::hide;
use crate::auth::{Actor, Role};
use crate::engine::{Engine, Tx};
use crate::event::Op;
use crate::ids::{CompanyId, ObjectId};
use crate::record::Kind;
use crate::skill::{check_level, SkillRequirement};
use crate::state::State;
use crate::stay::Stay;
use crate::validate;
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Largest absolute priority.
pub const MAX_PRIORITY: i32 = 1_000_000;
/// Most extra skills one object may require.
pub const MAX_REQUIRED_SKILLS: usize = 16;

/// Something a customer wants handled: a chat, a call, an e-mail, a ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueableObject {
    /// Identifier.
    pub id: ObjectId,
    /// The company.
    pub company_id: CompanyId,
    /// Label shown to agents (customer name, subject), 1–200 characters.
    pub name: String,
    /// Channel: `chat`, `call`, `email`, … (`^[a-zA-Z0-9_\-]+$`).
    pub channel: String,
    /// Higher is served first; ties go to the longest waiting.
    pub priority: i32,
    /// Skills required on top of the queue's own.
    pub required_skills: Vec<SkillRequirement>,
    /// When it was created.
    pub created_at: DateTime<Utc>,
}

/// Fields of a new object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewObject {
    /// The company.
    pub company_id: CompanyId,
    /// Label.
    pub name: String,
    /// Channel (default `chat`).
    #[serde(default = "chat")]
    pub channel: String,
    /// Priority (default 0), between −1 000 000 and 1 000 000.
    #[serde(default)]
    pub priority: i32,
    /// Extra required skills.
    #[serde(default)]
    pub required_skills: Vec<SkillRequirement>,
}

fn chat() -> String {
    "chat".into()
}

impl NewObject {
    /// A priority-0 chat called `name`.
    pub fn chat(company_id: CompanyId, name: &str) -> Self {
        NewObject {
            company_id,
            name: name.to_string(),
            channel: chat(),
            priority: 0,
            required_skills: Vec::new(),
        }
    }
}

impl State {
    pub(crate) fn object(&self, id: ObjectId) -> Result<&QueueableObject> {
        self.objects
            .get(&id)
            .ok_or_else(|| Error::not_found("queueable_object", id))
    }

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

impl Engine {
    /// Creates an object without queueing it yet (any member, or the system); see
    /// [`Engine::enqueue`] to put it in one or more queues.
    pub fn create_object(&mut self, actor: &Actor, new: NewObject) -> Result<QueueableObject> {
        self.write(actor, |tx| tx.create_object(new))
    }

    /// Reads an object (members).
    pub fn get_object(&mut self, actor: &Actor, id: ObjectId) -> Result<QueueableObject> {
        self.read(|s| {
            let o = s.object(id)?;
            s.access(actor, o.company_id)
                .map_err(|e| hide(e, "queueable_object", id))?;
            Ok(o.clone())
        })
    }

    /// Every stay of an object, in any state, oldest first (members).
    pub fn list_object_stays(&mut self, actor: &Actor, id: ObjectId) -> Result<Vec<Stay>> {
        self.read(|s| {
            let o = s.object(id)?;
            s.access(actor, o.company_id)
                .map_err(|e| hide(e, "queueable_object", id))?;
            Ok(s.object_stays(id))
        })
    }

    /// Changes an object's priority (supervisor and up); its waiting stays re-sort at once.
    pub fn set_object_priority(
        &mut self,
        actor: &Actor,
        id: ObjectId,
        priority: i32,
    ) -> Result<QueueableObject> {
        self.write(actor, |tx| {
            let mut o = tx.state.object(id)?.clone();
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
