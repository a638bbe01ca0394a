//! The option objects of JavaScript calls whose Rust form is several optional parameters.

use queue_core::{CompanyId, CompanyWith, QueueId, UserWith};
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

/// `{ companyId?, afterSeq?, timeoutMs? }` of `watch`.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct WatchOptions {
    #[serde(default)]
    pub company_id: Option<CompanyId>,
    #[serde(default)]
    pub after_seq: Option<u64>,
    #[serde(default)]
    pub timeout_ms: Option<u64>,
}
