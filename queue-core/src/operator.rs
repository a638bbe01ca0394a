//! Operators (assignments): which agents staff which queue, in which tier, enabled or suspended.

use crate::auth::{Actor, Role};
use crate::engine::Engine;
use crate::error::ConflictReason;
use crate::event::Op;
use crate::ids::{CompanyUserId, OperatorId, QueueId, UserId};
use crate::presence::Show;
use crate::record::Kind;
use crate::state::State;
use crate::validate;
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Highest tier; tier 1 is the first line.
pub const MAX_TIER: u8 = 99;

/// The tier of [`Engine::assign_operator`] when Python or Node leave it out: first line.
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
    pub last_routed_at: Option<DateTime<Utc>>,
    /// The queue's routing count when it last offered or assigned an object to the agent
    /// (0: never) — the `round_robin` key. A per-queue sequence rather than a time, so the
    /// rotation holds within a burst of decisions at one instant.
    #[serde(default)]
    pub routed_seq: u64,
    /// When the agent was assigned to the queue.
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

impl State {
    /// The seeds' row for `op`; `queue_show` is passed in because computing it walks every
    /// operator of the queue, which a per-queue listing must do only once.
    fn operator_view(&self, op: &Operator, queue_show: Show) -> Option<OperatorView> {
        let q = self.queues.get(&op.queue_id)?;
        let cu = self.company_users.get(&op.company_user_id)?;
        let user = cu.user_id.and_then(|u| self.users.get(&u));
        Some(OperatorView {
            queue_id: q.id,
            queue: q.name.clone(),
            queue_show,
            company_user_id: cu.id,
            user_id: cu.user_id,
            user: user.map(|u| u.username.clone()),
            user_show: self
                .presence
                .get(&cu.id)
                .map_or(Show::Unavailable, |p| p.show),
            enabled: op.enabled,
            tier: op.tier,
        })
    }

    fn operator_of(&self, queue: QueueId, agent: CompanyUserId) -> Result<&Operator> {
        self.idx
            .operators_by_queue
            .get(&queue)
            .and_then(|m| m.get(&agent))
            .and_then(|id| self.operators.get(id))
            .ok_or_else(|| Error::not_found("operator", format!("{queue}/{agent}")))
    }
}

fn check_tier(tier: u8) -> Result<()> {
    validate::range("tier", tier, 1, MAX_TIER)
}

impl Engine {
    /// Assigns an agent to staff a queue (supervisor and up). New operators are enabled.
    ///
    /// ```
    /// # use queue_core::*;
    /// # let (mut engine, acme, ann) = queue_core::doc_support::company_with_agent();
    /// let q = engine.create_queue(&Actor::System, NewQueue::named(acme, "sales")).unwrap();
    /// let op = engine.assign_operator(&Actor::System, q.id, ann, 1).unwrap();
    /// assert!(op.enabled);
    /// assert_eq!(engine.list_operators(&Actor::System, q.id).unwrap()[0].tier, 1);
    /// ```
    pub fn assign_operator(
        &mut self,
        actor: &Actor,
        queue_id: QueueId,
        company_user_id: CompanyUserId,
        tier: u8,
    ) -> Result<Operator> {
        self.write(actor, |tx| {
            let (q, access) = tx.state.queue_access(&tx.actor, queue_id)?;
            let q = q.clone();
            access.require(Role::Supervisor, "assign operator")?;
            check_tier(tier)?;
            if tx
                .state
                .company_users
                .get(&company_user_id)
                .is_none_or(|cu| cu.company_id != q.company_id)
            {
                return Err(Error::invalid(
                    "company_user_id",
                    "must be a company user of the queue's company",
                ));
            }
            if q.company_user_id.is_some() {
                return Err(Error::conflict(
                    ConflictReason::PersonalQueue,
                    "a personal queue routes to its owner only and takes no operators",
                ));
            }
            if tx.state.operator_of(queue_id, company_user_id).is_ok() {
                return Err(Error::conflict(
                    ConflictReason::AlreadyOperator,
                    "the agent already staffs this queue",
                ));
            }
            let op = Operator {
                id: OperatorId(tx.new_id()),
                queue_id,
                company_user_id,
                enabled: true,
                tier,
                last_routed_at: None,
                routed_seq: 0,
                created_at: tx.now,
            };
            tx.put(op.clone());
            tx.log(Op::Created, Kind::Operator, op.id.0, Some(q.company_id));
            Ok(op)
        })
    }

    /// Enables, suspends or re-tiers an operator (supervisor and up).
    pub fn update_operator(
        &mut self,
        actor: &Actor,
        queue_id: QueueId,
        company_user_id: CompanyUserId,
        update: OperatorUpdate,
    ) -> Result<Operator> {
        self.write(actor, |tx| {
            let (q, access) = tx.state.queue_access(&tx.actor, queue_id)?;
            let company = q.company_id;
            access.require(Role::Supervisor, "update operator")?;
            let mut op = tx.state.operator_of(queue_id, company_user_id)?.clone();
            if let Some(t) = update.tier {
                check_tier(t)?;
                op.tier = t;
            }
            if let Some(e) = update.enabled {
                op.enabled = e;
            }
            tx.put(op.clone());
            tx.log(Op::Updated, Kind::Operator, op.id.0, Some(company));
            Ok(op)
        })
    }

    /// Unassigns an agent from a queue (supervisor and up). Offers already made stand.
    pub fn unassign_operator(
        &mut self,
        actor: &Actor,
        queue_id: QueueId,
        company_user_id: CompanyUserId,
    ) -> Result<()> {
        self.write(actor, |tx| {
            let (q, access) = tx.state.queue_access(&tx.actor, queue_id)?;
            let company = q.company_id;
            access.require(Role::Supervisor, "unassign operator")?;
            let id = tx.state.operator_of(queue_id, company_user_id)?.id;
            tx.delete(Kind::Operator, id.0);
            tx.log(Op::Deleted, Kind::Operator, id.0, Some(company));
            Ok(())
        })
    }

    /// Lists a queue's operators with `queueShow` and `userShow` (members).
    pub fn list_operators(
        &mut self,
        actor: &Actor,
        queue_id: QueueId,
    ) -> Result<Vec<OperatorView>> {
        let now = self.now();
        self.read(|s| {
            let (q, _) = s.queue_access(actor, queue_id)?;
            let queue_show = s.queue_show(q, now);
            let ops = s
                .idx
                .operators_by_queue
                .get(&queue_id)
                .into_iter()
                .flatten();
            Ok(ops
                .filter_map(|(_, id)| s.operators.get(id))
                .filter_map(|op| s.operator_view(op, queue_show))
                .collect())
        })
    }

    /// Lists an agent's assignments with `queueShow` and `userShow` (members).
    pub fn list_assignments(
        &mut self,
        actor: &Actor,
        company_user_id: CompanyUserId,
    ) -> Result<Vec<OperatorView>> {
        let now = self.now();
        self.read(|s| {
            s.company_user_access(actor, company_user_id)?;
            let ops = s
                .idx
                .operators_by_agent
                .get(&company_user_id)
                .into_iter()
                .flatten();
            Ok(ops
                .filter_map(|(_, id)| s.operators.get(id))
                .filter_map(|op| {
                    let q = s.queues.get(&op.queue_id)?;
                    s.operator_view(op, s.queue_show(q, now))
                })
                .collect())
        })
    }
}
