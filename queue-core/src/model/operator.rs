//! Operators (assignments): which agents staff which queue, in which tier, enabled or suspended.

use crate::ids::{CompanyUserId, OperatorId, QueueId, UserId};
use crate::model::presence::Show;
use crate::validate;
use crate::Result;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Highest tier; tier 1 is the first line.
pub const MAX_TIER: u8 = 99;

/// The tier of [`crate::Engine::assign_operator`] when Python or Node leave it out: first line.
pub const DEFAULT_TIER: u8 = 1;

/// One agent staffing one queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Operator {
    /// Identifier.
    pub id: OperatorId,
    /// The queue.
    pub queue_id: QueueId,
    /// The agent.
    pub company_user_id: CompanyUserId,
    /// False while suspended: the agent then neither counts for `queueShow` nor receives work.
    pub enabled: bool,
    /// 1 = first line; an object reaches tier n after (n−1) × `priority_delay` seconds.
    pub tier: u8,
    /// Last time this queue offered or assigned an object to the agent.
    #[serde(serialize_with = "crate::instant::option")]
    pub last_routed_at: Option<DateTime<Utc>>,
    /// The queue's routing count when it last offered or assigned an object to the agent
    /// (0: never) — the `round_robin` key. A per-queue sequence rather than a time, so the
    /// rotation holds within a burst of decisions at one instant.
    #[serde(default)]
    pub routed_seq: u64,
    /// When the agent was assigned to the queue.
    #[serde(serialize_with = "crate::instant::serialize")]
    pub created_at: DateTime<Utc>,
}

/// An operator row as the seeds list it, per queue ("operators") or per agent ("assignments").
///
/// Fields are snake_case like every other result: `queue_show` and `user_show` are the
/// seeds' `queueShow` and `userShow` (Node spells them that way again).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperatorView {
    /// The queue.
    pub queue_id: QueueId,
    /// The queue's name.
    pub queue: String,
    /// The queue's availability.
    pub queue_show: Show,
    /// The agent (company user).
    pub company_user_id: CompanyUserId,
    /// The agent's user, unless only invited.
    pub user_id: Option<UserId>,
    /// The agent's username, unless only invited.
    pub user: Option<String>,
    /// The agent's show.
    pub user_show: Show,
    /// Enabled (true) or suspended (false).
    pub enabled: bool,
    /// Tier.
    pub tier: u8,
}

/// Changes to an operator; absent fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperatorUpdate {
    /// Enable (true) or suspend (false).
    #[serde(default)]
    pub enabled: Option<bool>,
    /// New tier, 1–99.
    #[serde(default)]
    pub tier: Option<u8>,
}

pub(crate) fn check_tier(tier: u8) -> Result<()> {
    validate::range("tier", tier, 1, MAX_TIER)
}
