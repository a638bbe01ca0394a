//! Queueable objects: the chats, calls and e-mails that wait in queues.

use crate::ids::{CompanyId, ObjectId};
use crate::model::skill::SkillRequirement;
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
    #[serde(serialize_with = "crate::instant::serialize")]
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

pub(crate) fn chat() -> String {
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
