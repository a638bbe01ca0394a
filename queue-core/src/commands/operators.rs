//! Operators (assignments): the public commands.

use crate::engine::Engine;
use crate::error::ConflictReason;
use crate::ids::{CompanyUserId, OperatorId, QueueId};
use crate::model::auth::{Actor, Role};
use crate::model::event::Op;
use crate::model::operator::*;
use crate::model::record::Kind;
use crate::{Error, Result};

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
