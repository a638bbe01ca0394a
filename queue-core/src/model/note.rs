//! Notes on a stay, and the one rating (1–5 + comment) of a handled object.

use crate::ids::{NoteId, ObjectId, RatingId, StayId};
use crate::model::auth::Actor;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A note an agent or the host wrote on a stay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// Identifier.
    pub id: NoteId,
    /// The stay.
    pub stay_id: StayId,
    /// The stay's object.
    pub object_id: ObjectId,
    /// Who wrote it.
    pub author: Actor,
    /// Text, 1–10 000 characters.
    pub text: String,
    /// When.
    #[serde(serialize_with = "crate::instant::serialize")]
    pub created_at: DateTime<Utc>,
}

/// The customer's rating of a handled object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rating {
    /// Identifier.
    pub id: RatingId,
    /// The object.
    pub object_id: ObjectId,
    /// The stay it was handled in.
    pub stay_id: StayId,
    /// Score 1–5.
    pub score: u8,
    /// Free text, up to 2 000 characters.
    pub comment: String,
    /// Who recorded it.
    pub rated_by: Actor,
    /// When.
    #[serde(serialize_with = "crate::instant::serialize")]
    pub created_at: DateTime<Utc>,
}
