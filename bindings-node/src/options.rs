//! The option objects of JavaScript calls whose Rust form is several optional parameters.

use queue_core::{CompanyId, CompanyUserId, CompanyWith, QueueId, UserWith};
use serde::Deserialize;

/// `{ with?: CompanyWith[] }` of `getCompany` / `listCompanies`.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct CompanyWithOptions {
    #[serde(default)]
    pub with: Vec<CompanyWith>,
}

/// `{ with?: UserWith[] }` of `getUser`.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct UserWithOptions {
    #[serde(default)]
    pub with: Vec<UserWith>,
}

/// `{ password?: string }` of `enqueue` / `enqueueNew`.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct EnqueueOptions {
    #[serde(default)]
    pub password: Option<String>,
    /// The agent only who may get the object for `preferred_for_seconds` (default 60).
    #[serde(default)]
    pub preferred_agent_id: Option<queue_core::CompanyUserId>,
    #[serde(default)]
    pub preferred_for_seconds: Option<u32>,
}

impl EnqueueOptions {
    /// The core's preference, if an agent is named.
    pub(crate) fn preferred(&self) -> Option<queue_core::Preferred> {
        self.preferred_agent_id
            .map(|a| queue_core::Preferred::new(a, self.preferred_for_seconds))
    }
}

/// `{ queueId?: string | null }` of the hours calls: a queue, or the company default.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct HoursOptions {
    #[serde(default)]
    pub queue_id: Option<QueueId>,
}

/// `{ pageKey?, pageLimit? }` of `listTeamPresence` and `listWaitingPage`.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct PageOptions {
    #[serde(default)]
    pub page_key: Option<String>,
    #[serde(default)]
    pub page_limit: Option<usize>,
}

/// `{ companyId?, companyUserId?, afterSeq?, timeoutMs? }` of `watch`.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct WatchOptions {
    #[serde(default)]
    pub company_id: Option<CompanyId>,
    #[serde(default)]
    pub company_user_id: Option<CompanyUserId>,
    #[serde(default)]
    pub after_seq: Option<u64>,
    #[serde(default)]
    pub timeout_ms: Option<u64>,
}
