//! Queues: where objects wait, with their routing settings, password and personal owner.

use crate::ids::{CompanyId, CompanyUserId, QueueId};
use crate::model::presence::Show;
use crate::validate;
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Longest `priority_delay`, `offer_timeout`, `wrap_up_seconds` and `max_wait_seconds`
/// accepted, in seconds (one week).
pub const MAX_DELAY_SECONDS: u32 = 7 * 24 * 3600;

/// Largest `max_waiting` accepted.
pub const MAX_WAITING_LIMIT: u32 = 10_000_000;

/// How a queue chooses among the agents eligible for an object.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Strategy {
    /// The agent whose last assignment ended longest ago.
    #[default]
    LongestIdle,
    /// The agent with the lowest load ÷ capacity.
    LeastOccupied,
    /// The agent this queue routed to least recently.
    RoundRobin,
    /// The agent with the highest summed level of the required skills.
    MostSkilled,
    /// Every eligible agent at once: the object is offered to all of them, the first to
    /// accept gets it and the other offers are withdrawn (LibraryH3lp, mod_callcenter
    /// `ring-all`, Asterisk `ringall`). Without an `offer_timeout` the offers stand until
    /// accepted or rejected; with one they lapse together.
    RingAll,
}

impl Strategy {
    /// The API name.
    pub fn as_str(self) -> &'static str {
        match self {
            Strategy::LongestIdle => "longest_idle",
            Strategy::LeastOccupied => "least_occupied",
            Strategy::RoundRobin => "round_robin",
            Strategy::MostSkilled => "most_skilled",
            Strategy::RingAll => "ring_all",
        }
    }
}

impl fmt::Display for Strategy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Strategy {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        [
            Strategy::LongestIdle,
            Strategy::LeastOccupied,
            Strategy::RoundRobin,
            Strategy::MostSkilled,
            Strategy::RingAll,
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
        .ok_or_else(|| {
            Error::invalid(
                "strategy",
                "must be one of longest_idle, least_occupied, round_robin, most_skilled, ring_all",
            )
        })
    }
}

/// A queue. Its password, if any, is stored apart as an argon2 hash and never returned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Queue {
    /// Identifier.
    pub id: QueueId,
    /// The company.
    pub company_id: CompanyId,
    /// Name, 1–60 characters, unique in the company.
    pub name: String,
    /// Whether enqueueing needs a password.
    pub has_password: bool,
    /// Owner of a personal queue, which routes to them only.
    pub company_user_id: Option<CompanyUserId>,
    /// Seconds after which a waiting object escalates to the next tier; `None`: all tiers at once.
    pub priority_delay: Option<u32>,
    /// Inactive queues refuse new objects and route nothing.
    pub is_active: bool,
    /// How an agent is chosen among the eligible.
    pub strategy: Strategy,
    /// Seconds an agent has to accept an offer; `None`: objects are assigned directly.
    pub offer_timeout: Option<u32>,
    /// Seconds of after-contact work: after completing an object of this queue the agent
    /// gets no new object from any queue for this long (0: none).
    #[serde(default)]
    pub wrap_up_seconds: u32,
    /// Most objects that may wait at once; an enqueue or transfer beyond is refused with
    /// the conflict `queue_full`. `None`: no limit.
    #[serde(default)]
    pub max_waiting: Option<u32>,
    /// Seconds an object may wait in this queue (from entering it); then it moves to
    /// `overflow_queue_id`, or its stay ends as `timed_out`. `None`: no limit.
    #[serde(default)]
    pub max_wait_seconds: Option<u32>,
    /// Where objects go when `max_wait_seconds` passes: another queue of the company.
    #[serde(default)]
    pub overflow_queue_id: Option<QueueId>,
    /// When no operator of the tiers an object has reached is ready (rules 1–3: active,
    /// enabled, showing chat or available and not wrapping up, under capacity), the object
    /// reaches the lowest tier that has one at once instead of waiting `priority_delay`.
    #[serde(default)]
    pub skip_empty_tiers: bool,
    /// When it was created.
    #[serde(serialize_with = "crate::instant::serialize")]
    pub created_at: DateTime<Utc>,
}

/// The argon2 hash of a queue's password, a record of its own so no queue read can leak it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuePassword {
    /// The queue.
    pub queue_id: QueueId,
    /// PHC string of the argon2id hash.
    pub(crate) hash: String,
}

/// Fields of a new queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewQueue {
    /// The company.
    pub company_id: CompanyId,
    /// Name.
    pub name: String,
    /// Password objects must bring to enqueue.
    #[serde(default)]
    pub password: Option<String>,
    /// Owner, for a personal queue.
    #[serde(default)]
    pub company_user_id: Option<CompanyUserId>,
    /// Escalation delay in seconds (1 – one week).
    #[serde(default)]
    pub priority_delay: Option<u32>,
    /// Active (default true).
    #[serde(default = "yes")]
    pub is_active: bool,
    /// Strategy (default longest_idle).
    #[serde(default)]
    pub strategy: Strategy,
    /// Offer timeout in seconds (1 – one week); without it objects are assigned directly.
    #[serde(default)]
    pub offer_timeout: Option<u32>,
    /// Wrap-up after each completion, seconds (0 – one week; default 0).
    #[serde(default)]
    pub wrap_up_seconds: u32,
    /// Most objects waiting at once (1 – 10 000 000; default no limit).
    #[serde(default)]
    pub max_waiting: Option<u32>,
    /// Longest wait in this queue, seconds (1 – one week; default no limit).
    #[serde(default)]
    pub max_wait_seconds: Option<u32>,
    /// Queue objects overflow to after `max_wait_seconds` (default: none, they time out).
    #[serde(default)]
    pub overflow_queue_id: Option<QueueId>,
    /// Escalate at once past tiers with no ready operator (default false).
    #[serde(default)]
    pub skip_empty_tiers: bool,
}

pub(crate) fn yes() -> bool {
    true
}

impl NewQueue {
    /// A new active queue named `name` with default settings.
    pub fn named(company_id: CompanyId, name: &str) -> Self {
        NewQueue {
            company_id,
            name: name.to_string(),
            password: None,
            company_user_id: None,
            priority_delay: None,
            is_active: true,
            strategy: Strategy::LongestIdle,
            offer_timeout: None,
            wrap_up_seconds: 0,
            max_waiting: None,
            max_wait_seconds: None,
            overflow_queue_id: None,
            skip_empty_tiers: false,
        }
    }
}

/// Changes to a queue; absent fields stay as they are, `Some(None)` clears an optional one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QueueUpdate {
    /// New name.
    #[serde(default)]
    pub name: Option<String>,
    /// New password, or `Some(None)` to remove it.
    #[serde(default, with = "crate::serde_opt")]
    pub password: Option<Option<String>>,
    /// New escalation delay, or `Some(None)` for all tiers at once.
    #[serde(default, with = "crate::serde_opt")]
    pub priority_delay: Option<Option<u32>>,
    /// Activate or deactivate.
    #[serde(default)]
    pub is_active: Option<bool>,
    /// New strategy.
    #[serde(default)]
    pub strategy: Option<Strategy>,
    /// New offer timeout, or `Some(None)` for direct assignment.
    #[serde(default, with = "crate::serde_opt")]
    pub offer_timeout: Option<Option<u32>>,
    /// New wrap-up seconds (0: none).
    #[serde(default)]
    pub wrap_up_seconds: Option<u32>,
    /// New waiting limit, or `Some(None)` for none.
    #[serde(default, with = "crate::serde_opt")]
    pub max_waiting: Option<Option<u32>>,
    /// New longest wait, or `Some(None)` for none.
    #[serde(default, with = "crate::serde_opt")]
    pub max_wait_seconds: Option<Option<u32>>,
    /// New overflow queue, or `Some(None)` so objects time out instead.
    #[serde(default, with = "crate::serde_opt")]
    pub overflow_queue_id: Option<Option<QueueId>>,
    /// Skip empty tiers, or not.
    #[serde(default)]
    pub skip_empty_tiers: Option<bool>,
}

/// A queue's availability and load right now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueStatus {
    /// The queue.
    pub queue_id: QueueId,
    /// Most available show among enabled operators; `unavailable` while closed or inactive.
    pub queue_show: Show,
    /// Inside hours of operation and outside every blacklist range.
    pub open: bool,
    /// Next instant `open` flips, if within the coming weeks.
    #[serde(serialize_with = "crate::instant::option")]
    pub next_change: Option<DateTime<Utc>>,
    /// Objects waiting.
    pub waiting: usize,
    /// Objects offered to an agent, awaiting an answer.
    pub offered: usize,
    /// Objects assigned to an agent.
    pub assigned: usize,
}

pub(crate) fn check_seconds(field: &str, v: Option<u32>) -> Result<()> {
    match v {
        Some(s) => validate::range(field, s, 1, MAX_DELAY_SECONDS),
        None => Ok(()),
    }
}

/// Checks the queue-limit and wrap-up settings of `q` (whose other fields are valid), and
/// that its overflow queue is another queue of its company.
pub(crate) fn check_limits(q: &Queue, overflow_company: Option<CompanyId>) -> Result<()> {
    validate::range("wrap_up_seconds", q.wrap_up_seconds, 0, MAX_DELAY_SECONDS)?;
    if let Some(n) = q.max_waiting {
        validate::range("max_waiting", n, 1, MAX_WAITING_LIMIT)?;
    }
    check_seconds("max_wait_seconds", q.max_wait_seconds)?;
    if let Some(o) = q.overflow_queue_id {
        if o == q.id {
            return Err(Error::invalid(
                "overflow_queue_id",
                "must be another queue than this one",
            ));
        }
        if overflow_company != Some(q.company_id) {
            return Err(Error::invalid(
                "overflow_queue_id",
                "must be a queue of the same company",
            ));
        }
    }
    Ok(())
}

pub(crate) fn check_password(p: &str) -> Result<()> {
    validate::length("password", p, 1, 128)
}

pub(crate) fn hash_password(password: &str) -> Result<String> {
    use argon2::password_hash::{PasswordHasher, SaltString};
    let mut salt = [0u8; 16];
    getrandom::getrandom(&mut salt)
        .map_err(|e| Error::storage(format!("no randomness for a salt: {e}")))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| Error::storage(e.to_string()))?;
    argon2::Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::storage(format!("password hashing failed: {e}")))
}

pub(crate) fn verify_password(password: &str, hash: &str) -> bool {
    use argon2::password_hash::{PasswordHash, PasswordVerifier};
    PasswordHash::new(hash)
        .map(|h| {
            argon2::Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}
