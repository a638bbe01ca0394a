//! Queues: the public commands.

use crate::engine::Engine;
use crate::error::ConflictReason;
use crate::ids::{CompanyId, QueueId};
use crate::model::auth::{Actor, Role};
use crate::model::event::Op;
use crate::model::queue::*;
use crate::model::record::Kind;
use crate::validate;
use crate::{Error, Result};

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
                wrap_up_seconds: new.wrap_up_seconds,
                max_waiting: new.max_waiting,
                max_wait_seconds: new.max_wait_seconds,
                overflow_queue_id: new.overflow_queue_id,
                skip_empty_tiers: new.skip_empty_tiers,
                created_at: tx.now,
            };
            let overflow_company = q
                .overflow_queue_id
                .and_then(|o| tx.state.queues.get(&o))
                .map(|o| o.company_id);
            check_limits(&q, overflow_company)?;
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
            if let Some(w) = update.wrap_up_seconds {
                q.wrap_up_seconds = w;
            }
            if let Some(m) = update.max_waiting {
                q.max_waiting = m;
            }
            if let Some(m) = update.max_wait_seconds {
                q.max_wait_seconds = m;
            }
            if let Some(o) = update.overflow_queue_id {
                q.overflow_queue_id = o;
            }
            if let Some(skip) = update.skip_empty_tiers {
                q.skip_empty_tiers = skip;
            }
            let overflow_company = q
                .overflow_queue_id
                .and_then(|o| tx.state.queues.get(&o))
                .map(|o| o.company_id);
            check_limits(&q, overflow_company)?;
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
            let counts = s.idx.live_counts.get(&id).copied().unwrap_or_default();
            let (waiting, offered, assigned) = (counts.waiting, counts.offered, counts.assigned);
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
