//! Teams: named groups of agents, with bulk membership and paginated presence.

use crate::ids::{CompanyId, CompanyUserId, TeamId, UserId};
use crate::model::presence::{Connection, Show};
use crate::{Error, Result};
use base64::Engine as _;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Default number of rows per presence page.
pub const DEFAULT_PAGE_LIMIT: usize = 50;

/// Largest page.
pub const MAX_PAGE_LIMIT: usize = 500;

/// Most agents one bulk call may add or remove.
pub const MAX_BULK: usize = 1000;

/// A named group of agents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Team {
    /// Identifier.
    pub id: TeamId,
    /// The company.
    pub company_id: CompanyId,
    /// Name, 1–100 characters.
    pub name: String,
    /// The agents in it.
    pub members: BTreeSet<CompanyUserId>,
    /// When it was created.
    #[serde(serialize_with = "crate::instant::serialize")]
    pub created_at: DateTime<Utc>,
}

/// A team member as seed 003 lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMember {
    /// The agent.
    pub id: CompanyUserId,
    /// First and last name, or the invited address for an invitation.
    pub name: String,
    /// E-mail address.
    pub email: String,
}

/// A member's presence as seed 003 lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamPresence {
    /// The agent.
    pub company_user_id: CompanyUserId,
    /// The agent's user, unless only invited.
    pub user_id: Option<UserId>,
    /// When the list was read.
    #[serde(serialize_with = "crate::instant::serialize")]
    pub request_time: DateTime<Utc>,
    /// Last report from the agent's client.
    #[serde(serialize_with = "crate::instant::option")]
    pub last_seen: Option<DateTime<Utc>>,
    /// What the agent shows.
    pub presence_status: Show,
    /// Connection status.
    pub connection_status: Connection,
    /// Channels the agent works on.
    pub active_channels: Vec<String>,
}

/// One page of a team's presence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamPresencePage {
    /// Rows of this page, by agent id.
    pub data: Vec<TeamPresence>,
    /// Pass to get the next page; `None` on the last page. Opaque: do not build or edit it.
    pub next_page_key: Option<String>,
}

pub(crate) fn encode_key(after: CompanyUserId) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("v1:{after}"))
}

pub(crate) fn decode_key(key: &str) -> Result<CompanyUserId> {
    let bad = || Error::invalid("page_key", "is not a page key this library issued");
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(key)
        .map_err(|_| bad())?;
    let text = String::from_utf8(bytes).map_err(|_| bad())?;
    text.strip_prefix("v1:")
        .and_then(|id| id.parse().ok())
        .ok_or_else(bad)
}
