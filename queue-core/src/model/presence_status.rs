//! Presence statuses: company-defined reasons an agent shows what they show ("Lunch" →
//! away, "Training" → dnd), the seeds' `statusID`.

use crate::ids::{CompanyId, PresenceStatusId};
use crate::model::presence::Show;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A status a company defines, mapped to the `show` an agent in it shows; names are unique
/// per company (case-insensitive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PresenceStatus {
    /// Identifier.
    pub id: PresenceStatusId,
    /// The company.
    pub company_id: CompanyId,
    /// Name, 1–60 characters, unique in the company (case-insensitive).
    pub name: String,
    /// What an agent in this status shows (and so whether routing offers them work).
    pub show: Show,
    /// When it was created.
    #[serde(serialize_with = "crate::instant::serialize")]
    pub created_at: DateTime<Utc>,
}

/// Time an agent spent in one presence status within a statistics window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusSeconds {
    /// The status.
    pub status_id: PresenceStatusId,
    /// Seconds in it.
    pub seconds: f64,
}
