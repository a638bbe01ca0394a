//! The option objects of JavaScript calls whose Rust form is several optional parameters.

use queue_core::{CompanyId, CompanyWith, EventQuery, QueueId, UserWith};
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

/// `{ pageKey?, pageLimit? }` of `listTeamPresence`.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct PageOptions {
    #[serde(default)]
    pub page_key: Option<String>,
    #[serde(default)]
    pub page_limit: Option<usize>,
}

/// The JavaScript form of [`EventQuery`] (which has no serde form in core).
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct EventQueryOptions {
    #[serde(default)]
    pub company_id: Option<CompanyId>,
    #[serde(default)]
    pub from: Option<chrono::DateTime<chrono::Utc>>,
    #[serde(default)]
    pub to: Option<chrono::DateTime<chrono::Utc>>,
    #[serde(default)]
    pub after_seq: Option<u64>,
    #[serde(default)]
    pub limit: Option<usize>,
}

impl From<EventQueryOptions> for EventQuery {
    fn from(o: EventQueryOptions) -> Self {
        EventQuery {
            company_id: o.company_id,
            from: o.from,
            to: o.to,
            after_seq: o.after_seq,
            limit: o.limit,
        }
    }
}
