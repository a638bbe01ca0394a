//! Queues: where objects wait, with their routing settings, password and personal owner.

use crate::auth::{Access, Actor, Role};
use crate::engine::Engine;
use crate::error::ConflictReason;
use crate::event::Op;
use crate::ids::{CompanyId, CompanyUserId, QueueId};
use crate::presence::Show;
use crate::record::Kind;
use crate::state::State;
use crate::validate;
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Longest `priority_delay` and `offer_timeout` accepted, in seconds (one week).
pub const MAX_DELAY_SECONDS: u32 = 7 * 24 * 3600;

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
}

impl Strategy {
    /// The API name.
    pub fn as_str(self) -> &'static str {
        match self {
            Strategy::LongestIdle => "longest_idle",
            Strategy::LeastOccupied => "least_occupied",
            Strategy::RoundRobin => "round_robin",
            Strategy::MostSkilled => "most_skilled",
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
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
        .ok_or_else(|| {
            Error::invalid(
                "strategy",
                "must be one of longest_idle, least_occupied, round_robin, most_skilled",
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
    /// When it was created.
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
}

fn yes() -> bool {
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
    pub next_change: Option<DateTime<Utc>>,
    /// Objects waiting.
    pub waiting: usize,
    /// Objects offered to an agent, awaiting an answer.
    pub offered: usize,
    /// Objects assigned to an agent.
    pub assigned: usize,
}

fn check_seconds(field: &str, v: Option<u32>) -> Result<()> {
    match v {
        Some(s) => validate::range(field, s, 1, MAX_DELAY_SECONDS),
        None => Ok(()),
    }
}

fn check_password(p: &str) -> Result<()> {
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

impl State {
    pub(crate) fn queue(&self, id: QueueId) -> Result<&Queue> {
        self.queues
            .get(&id)
            .ok_or_else(|| Error::not_found("queue", id))
    }

    /// The queue and the actor's access to its company; unknown to outsiders.
    pub(crate) fn queue_access(&self, actor: &Actor, id: QueueId) -> Result<(&Queue, Access)> {
        self.authenticated(actor)?;
        let q = self.queue(id)?;
        let access = self
            .access(actor, q.company_id)
            .map_err(|_| Error::not_found("queue", id))?;
        Ok((q, access))
    }

    fn queue_name_taken(&self, company: CompanyId, name: &str, except: Option<QueueId>) -> bool {
        let lower = name.to_lowercase();
        self.idx
            .queues_by_company
            .get(&company)
            .into_iter()
            .flatten()
            .any(|id| {
                Some(*id) != except
                    && self
                        .queues
                        .get(id)
                        .is_some_and(|q| q.name.to_lowercase() == lower)
            })
    }

    /// `queueShow`: the most available show among enabled operators (the owner, for a
    /// personal queue), `unavailable` while the queue is closed or inactive.
    pub(crate) fn queue_show(&self, q: &Queue, now: DateTime<Utc>) -> Show {
        if !q.is_active || !self.queue_open_at(q, now).0 {
            return Show::Unavailable;
        }
        let shows = |agent: &CompanyUserId| {
            let active = self.company_users.get(agent).is_some_and(|cu| cu.is_active);
            let show = self
                .presence
                .get(agent)
                .map_or(Show::Unavailable, |p| p.show);
            if active {
                show
            } else {
                Show::Unavailable
            }
        };
        let best = match q.company_user_id {
            Some(owner) => shows(&owner),
            None => self
                .idx
                .operators_by_queue
                .get(&q.id)
                .into_iter()
                .flatten()
                .filter(|(_, op)| self.operators.get(op).is_some_and(|o| o.enabled))
                .map(|(agent, _)| shows(agent))
                .min_by_key(|s| s.rank())
                .unwrap_or(Show::Unavailable),
        };
        best
    }
}

impl crate::engine::Tx<'_> {
    /// Deletes a queue with its password, skill minimums, operators, hours and closures.
    /// Ended stays stay as history.
    pub(crate) fn delete_queue_cascade(&mut self, id: QueueId) {
        let skills: Vec<_> = self
            .state
            .idx
            .queue_skills_by_queue
            .get(&id)
            .into_iter()
            .flatten()
            .map(|(_, r)| *r)
            .collect();
        for r in skills {
            self.delete(Kind::QueueSkill, r.0);
        }
        let ops: Vec<_> = self
            .state
            .idx
            .operators_by_queue
            .get(&id)
            .into_iter()
            .flatten()
            .map(|(_, o)| *o)
            .collect();
        for o in ops {
            self.delete(Kind::Operator, o.0);
        }
        if let Some(company) = self.state.queues.get(&id).map(|q| q.company_id) {
            if let Some(h) = self
                .state
                .idx
                .hours_by_target
                .get(&(company, Some(id)))
                .copied()
            {
                self.delete(Kind::HoursOfOperation, h.0);
            }
            let closures: Vec<_> = self
                .state
                .idx
                .blacklists_by_company
                .get(&company)
                .into_iter()
                .flatten()
                .filter(|b| {
                    self.state
                        .blacklists
                        .get(b)
                        .is_some_and(|b| b.queue_id == Some(id))
                })
                .copied()
                .collect();
            for b in closures {
                self.delete(Kind::BlacklistHours, b.0);
            }
        }
        self.delete(Kind::QueuePassword, id.0);
        self.delete(Kind::Queue, id.0);
    }
}

impl Engine {
    /// Creates a queue (admin or owner).
    ///
    /// ```
    /// # use queue_core::*;
    /// # let (mut engine, acme, _) = queue_core::doc_support::company_with_agent();
    /// let support = engine.create_queue(&Actor::System, NewQueue {
    ///     priority_delay: Some(60), offer_timeout: Some(20),
    ///     ..NewQueue::named(acme, "support")
    /// }).unwrap();
    /// assert!(!support.has_password);
    /// ```
    pub fn create_queue(&mut self, actor: &Actor, new: NewQueue) -> Result<Queue> {
        let hash = match &new.password {
            Some(p) => {
                check_password(p)?;
                Some(hash_password(p)?)
            }
            None => None,
        };
        self.write(actor, |tx| {
            tx.access(new.company_id)?
                .require(Role::Admin, "create queue")?;
            validate::text("name", &new.name, 1, 60)?;
            check_seconds("priority_delay", new.priority_delay)?;
            check_seconds("offer_timeout", new.offer_timeout)?;
            if let Some(owner) = new.company_user_id {
                if tx
                    .state
                    .company_users
                    .get(&owner)
                    .is_none_or(|cu| cu.company_id != new.company_id)
                {
                    return Err(Error::invalid(
                        "company_user_id",
                        "must be a company user of the same company",
                    ));
                }
            }
            if tx.state.queue_name_taken(new.company_id, &new.name, None) {
                return Err(Error::conflict(
                    ConflictReason::NameTaken,
                    format!("queue {} already exists", new.name),
                ));
            }
            let q = Queue {
                id: QueueId(tx.new_id()),
                company_id: new.company_id,
                name: new.name,
                has_password: hash.is_some(),
                company_user_id: new.company_user_id,
                priority_delay: new.priority_delay,
                is_active: new.is_active,
                strategy: new.strategy,
                offer_timeout: new.offer_timeout,
                created_at: tx.now,
            };
            if let Some(hash) = hash {
                tx.put(QueuePassword {
                    queue_id: q.id,
                    hash,
                });
            }
            tx.put(q.clone());
            tx.log(Op::Created, Kind::Queue, q.id.0, Some(q.company_id));
            Ok(q)
        })
    }

    /// Reads a queue (members).
    pub fn get_queue(&mut self, actor: &Actor, id: QueueId) -> Result<Queue> {
        self.read(|s| Ok(s.queue_access(actor, id)?.0.clone()))
    }

    /// Lists a company's queues (members).
    pub fn list_queues(&mut self, actor: &Actor, company_id: CompanyId) -> Result<Vec<Queue>> {
        self.read(|s| {
            s.access(actor, company_id)?;
            Ok(s.company_queues(company_id))
        })
    }

    /// Changes a queue (admin or owner). Reactivating or shortening the delay routes at once.
    pub fn update_queue(
        &mut self,
        actor: &Actor,
        id: QueueId,
        update: QueueUpdate,
    ) -> Result<Queue> {
        let new_hash = match &update.password {
            Some(Some(p)) => {
                check_password(p)?;
                Some(Some(hash_password(p)?))
            }
            Some(None) => Some(None),
            None => None,
        };
        self.write(actor, |tx| {
            let (q, access) = tx.state.queue_access(&tx.actor, id)?;
            let mut q = q.clone();
            access.require(Role::Admin, "update queue")?;
            if let Some(name) = &update.name {
                validate::text("name", name, 1, 60)?;
                if tx.state.queue_name_taken(q.company_id, name, Some(id)) {
                    return Err(Error::conflict(
                        ConflictReason::NameTaken,
                        format!("queue {name} already exists"),
                    ));
                }
                q.name = name.clone();
            }
            if let Some(d) = update.priority_delay {
                check_seconds("priority_delay", d)?;
                q.priority_delay = d;
            }
            if let Some(t) = update.offer_timeout {
                check_seconds("offer_timeout", t)?;
                q.offer_timeout = t;
            }
            if let Some(a) = update.is_active {
                q.is_active = a;
            }
            if let Some(s) = update.strategy {
                q.strategy = s;
            }
            match new_hash {
                Some(Some(hash)) => {
                    q.has_password = true;
                    tx.put(QueuePassword { queue_id: id, hash });
                }
                Some(None) => {
                    q.has_password = false;
                    tx.delete(Kind::QueuePassword, id.0);
                }
                None => {}
            }
            tx.put(q.clone());
            tx.log(Op::Updated, Kind::Queue, id.0, Some(q.company_id));
            Ok(q)
        })
    }

    /// Deletes a queue with its skills, operators, hours and closures (admin or owner).
    /// Refused while objects wait in it or are being handled from it.
    pub fn delete_queue(&mut self, actor: &Actor, id: QueueId) -> Result<()> {
        self.write(actor, |tx| {
            let (q, access) = tx.state.queue_access(&tx.actor, id)?;
            let company = q.company_id;
            access.require(Role::Admin, "delete queue")?;
            if tx.state.live_stays_of_queue(id).next().is_some() {
                return Err(Error::conflict(
                    ConflictReason::QueueInUse,
                    "objects are still waiting in or handled from this queue",
                ));
            }
            tx.delete_queue_cascade(id);
            tx.log(Op::Deleted, Kind::Queue, id.0, Some(company));
            Ok(())
        })
    }

    /// The queue's `queueShow`, open status and counts at the engine's current time (members).
    pub fn queue_status(&mut self, actor: &Actor, id: QueueId) -> Result<QueueStatus> {
        let now = self.now();
        self.read(|s| {
            let (q, _) = s.queue_access(actor, id)?;
            let (open, next_change) = s.queue_open_at(q, now);
            let (mut waiting, mut offered, mut assigned) = (0, 0, 0);
            for stay in s.live_stays_of_queue(id) {
                match stay.state {
                    crate::stay::StayState::Waiting => waiting += 1,
                    crate::stay::StayState::Offered => offered += 1,
                    _ => assigned += 1,
                }
            }
            Ok(QueueStatus {
                queue_id: id,
                queue_show: s.queue_show(q, now),
                open,
                next_change,
                waiting,
                offered,
                assigned,
            })
        })
    }
}
