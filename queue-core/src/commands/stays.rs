//! Stays: the public commands.

use crate::engine::Engine;
use crate::error::ConflictReason;
use crate::ids::{CompanyUserId, ObjectId, QueueId, StayId};
use crate::model::auth::hide;
use crate::model::auth::{Access, Actor, Role};
use crate::model::event::EventKind;
use crate::model::object::NewObject;
use crate::model::queue::verify_password;
use crate::model::stay::*;
use crate::routing::Ineligible;
use crate::validate;
use crate::{Error, Result};

/// The agent themselves, or a supervisor and up, may act on an object they hold.
fn require_holder_or_supervisor(
    access: Access,
    holder: Option<CompanyUserId>,
    action: &str,
) -> Result<()> {
    if holder.is_some_and(|h| access.is(h)) {
        Ok(())
    } else {
        access.require(Role::Supervisor, action)
    }
}

impl Engine {
    /// Checks a queue's password outside the transaction (argon2 is deliberately slow) and
    /// returns the hash it was checked against, so the write can confirm it did not change.
    fn check_queue_password(
        &mut self,
        actor: &Actor,
        queue: QueueId,
        password: Option<&str>,
    ) -> Result<Option<String>> {
        if let Some(p) = password {
            validate::length("password", p, 0, 128)?;
        }
        let hash = self.read(|s| {
            s.queue_access(actor, queue)?;
            Ok(s.queue_passwords.get(&queue).map(|p| p.hash.clone()))
        })?;
        match (&hash, password) {
            (None, _) => Ok(None),
            (Some(_), None) => Err(Error::invalid("password", "this queue requires a password")),
            (Some(h), Some(p)) if verify_password(p, h) => Ok(hash),
            (Some(_), Some(_)) => Err(Error::invalid("password", "wrong password for this queue")),
        }
    }

    /// Puts an existing object in a queue (any member, or the system). An object may wait in
    /// several queues of its company at once; the first assignment ends the other stays.
    /// Refused with [`Error::Conflict`] while the queue is closed, inactive or full. Returns
    /// the stay as routing left it: already offered or assigned when an agent was free.
    pub fn enqueue(
        &mut self,
        actor: &Actor,
        object_id: ObjectId,
        queue_id: QueueId,
        password: Option<&str>,
    ) -> Result<Stay> {
        self.enqueue_preferring(actor, object_id, queue_id, password, None)
    }

    /// [`Engine::enqueue`], keeping the object for `preferred` — the agent who served this
    /// customer before, say — for a while: only they may get it then (known-agent routing).
    /// An agent who cannot serve the queue is `InvalidInput` on `preferred_agent_id`.
    pub fn enqueue_preferring(
        &mut self,
        actor: &Actor,
        object_id: ObjectId,
        queue_id: QueueId,
        password: Option<&str>,
        preferred: Option<Preferred>,
    ) -> Result<Stay> {
        let seen = self.check_queue_password(actor, queue_id, password)?;
        let scope = self.scope_of_queue(queue_id);
        self.write_in(scope, actor, |tx| {
            tx.state.queue_access(&tx.actor, queue_id)?;
            let o = tx.state.any_object(tx.store, object_id)?;
            tx.access(o.company_id)
                .map_err(|e| hide(e, "queueable_object", object_id))?;
            let stay = tx.start_stay(object_id, queue_id, seen.as_deref(), None, preferred)?;
            tx.routed(stay.id)
        })
    }

    /// Creates an object and puts it in a queue in one step; returns the stay as routing left it.
    ///
    /// ```
    /// # use queue_core::*;
    /// # let (mut engine, acme, ann) = queue_core::doc_support::company_with_agent();
    /// let q = engine.create_queue(&Actor::System, NewQueue::named(acme, "support")).unwrap();
    /// engine.assign_operator(&Actor::System, q.id, ann, 1).unwrap();
    /// engine.set_presence(&Actor::System, ann, PresenceUpdate { show: Some(Show::Available), ..Default::default() }).unwrap();
    /// let stay = engine.enqueue_new(&Actor::System, NewObject::chat(acme, "Visitor 1"), q.id, None).unwrap();
    /// // Routing ran inside the same call: the only available agent has it.
    /// assert_eq!(stay.assigned_to, Some(ann));
    /// ```
    pub fn enqueue_new(
        &mut self,
        actor: &Actor,
        new: NewObject,
        queue_id: QueueId,
        password: Option<&str>,
    ) -> Result<Stay> {
        self.enqueue_new_preferring(actor, new, queue_id, password, None)
    }

    /// [`Engine::enqueue_new`] with a preferred agent, as [`Engine::enqueue_preferring`].
    ///
    /// ```
    /// # use queue_core::*;
    /// # let (mut engine, acme, ann) = queue_core::doc_support::company_with_agent();
    /// let q = engine.create_queue(&Actor::System, NewQueue::named(acme, "support")).unwrap();
    /// engine.assign_operator(&Actor::System, q.id, ann, 1).unwrap();
    /// let keep = Preferred::new(ann, Some(120));
    /// let stay = engine.enqueue_new_preferring(&Actor::System, NewObject::chat(acme, "Visitor"), q.id, None, Some(keep)).unwrap();
    /// assert_eq!(stay.preferred_agent_id, Some(ann));
    /// ```
    pub fn enqueue_new_preferring(
        &mut self,
        actor: &Actor,
        new: NewObject,
        queue_id: QueueId,
        password: Option<&str>,
        preferred: Option<Preferred>,
    ) -> Result<Stay> {
        let seen = self.check_queue_password(actor, queue_id, password)?;
        let scope = self.scope_of_company(new.company_id);
        self.write_in(scope, actor, |tx| {
            tx.state.queue_access(&tx.actor, queue_id)?;
            let o = tx.create_object(new)?;
            let stay = tx.start_stay(o.id, queue_id, seen.as_deref(), None, preferred)?;
            tx.routed(stay.id)
        })
    }

    /// Reads a stay (members).
    pub fn get_stay(&mut self, actor: &Actor, id: StayId) -> Result<Stay> {
        self.read_history(|s, h| Ok(s.any_stay_access(h, actor, id)?.0))
    }

    /// The stays an agent holds: offered to or assigned to them (members).
    pub fn list_agent_stays(
        &mut self,
        actor: &Actor,
        company_user_id: CompanyUserId,
    ) -> Result<Vec<Stay>> {
        self.read(|s| {
            s.company_user_access(actor, company_user_id)?;
            let ids = s
                .idx
                .live_by_agent
                .get(&company_user_id)
                .into_iter()
                .flatten();
            Ok(ids.filter_map(|id| s.stays.get(id)).cloned().collect())
        })
    }

    /// Accepts an offer: the stay becomes assigned (the offered agent, or the system).
    pub fn accept_offer(&mut self, actor: &Actor, stay_id: StayId) -> Result<Stay> {
        let scope = self.scope_of_stay(stay_id);
        self.write_in(scope, actor, |tx| {
            let (stay, access) = tx.state.any_stay_access(tx.store, &tx.actor, stay_id)?;
            let stay = stay.clone();
            if stay.state != StayState::Offered {
                return Err(Error::conflict(
                    ConflictReason::NotOffered,
                    "the stay is not on offer (it may have timed out)",
                ));
            }
            let agent = answering(&stay, access, "accept an offer")?;
            tx.offer_answered(agent);
            tx.assign(stay_id, agent, false)
        })
    }

    /// Rejects an offer: the stay waits again and is never offered to this agent again.
    pub fn reject_offer(&mut self, actor: &Actor, stay_id: StayId) -> Result<Stay> {
        let scope = self.scope_of_stay(stay_id);
        self.write_in(scope, actor, |tx| {
            let (stay, access) = tx.state.any_stay_access(tx.store, &tx.actor, stay_id)?;
            if stay.state != StayState::Offered {
                return Err(Error::conflict(
                    ConflictReason::NotOffered,
                    "the stay is not on offer (it may have timed out)",
                ));
            }
            let agent = answering(&stay, access, "reject an offer")?;
            tx.decline(stay_id, agent)
        })
    }

    /// An agent takes a waiting object of their choice: allowed when their pick-ability is on
    /// and they are eligible for it, tiers aside (the agent themselves, or a supervisor and up).
    pub fn pick(
        &mut self,
        actor: &Actor,
        company_user_id: CompanyUserId,
        stay_id: StayId,
    ) -> Result<Stay> {
        let scope = self.scope_of_stay(stay_id);
        self.write_in(scope, actor, |tx| {
            let (cu, access) = tx.state.company_user_access(&tx.actor, company_user_id)?;
            let cu = cu.clone();
            if !access.is(company_user_id) {
                access.require(Role::Supervisor, "pick for another agent")?;
            }
            let (stay, _) = tx.state.any_stay_access(tx.store, &tx.actor, stay_id)?;
            if stay.company_id != cu.company_id {
                return Err(Error::not_found("stay", stay_id));
            }
            if stay.state != StayState::Waiting {
                return Err(Error::conflict(
                    ConflictReason::NotWaiting,
                    "the stay is not waiting",
                ));
            }
            if !tx.state.can_pick(&cu) {
                return Err(Error::forbidden(
                    "pick from the queue",
                    "ability_to_pick_from_queue",
                ));
            }
            match tx
                .state
                .ineligibility(company_user_id, stay_id, tx.now, true)
            {
                None => {
                    tx.offer_answered(company_user_id);
                    tx.assign(stay_id, company_user_id, true)
                }
                Some(why) => Err(Error::conflict(
                    ConflictReason::NotEligible,
                    format!("the agent is not eligible: {why}"),
                )),
            }
        })
    }

    /// Ends handling: the stay is completed and the agent's capacity freed, which routes the
    /// next object to them at once — or, when the queue has `wrap_up_seconds`, once their
    /// wrap-up ends (the handling agent, or a supervisor and up).
    pub fn complete(&mut self, actor: &Actor, stay_id: StayId) -> Result<Stay> {
        let scope = self.scope_of_stay(stay_id);
        self.write_in(scope, actor, |tx| {
            let (stay, access) = tx.state.any_stay_access(tx.store, &tx.actor, stay_id)?;
            let mut stay = stay.clone();
            require_holder_or_supervisor(
                access,
                stay.assigned_to,
                "complete another agent's object",
            )?;
            if stay.state != StayState::Assigned {
                return Err(Error::conflict(
                    ConflictReason::NotAssigned,
                    "only an assigned stay can be completed",
                ));
            }
            let agent = stay.assigned_to.ok_or_else(|| {
                Error::conflict(ConflictReason::NotAssigned, "the stay has no agent")
            })?;
            stay.state = StayState::Completed;
            stay.ended_at = Some(tx.now);
            tx.put(stay.clone());
            tx.end_assignment(&stay, agent);
            tx.emit(
                Some(stay.company_id),
                EventKind::Completed {
                    stay_id,
                    object_id: stay.object_id,
                    queue_id: stay.queue_id,
                    company_user_id: agent,
                    assigned_at: stay.assigned_at.unwrap_or(tx.now),
                },
            );
            // After-contact work: no new object until it ends (a transfer starts none).
            tx.start_wrap_up(agent, stay.queue_id);
            Ok(stay)
        })
    }

    /// Moves a live stay to another queue of the company, keeping its original wait for
    /// ordering and escalation (its holder, or a supervisor and up). Returns the new stay.
    /// The target must be active and open; transfers need no queue password. The new stay is
    /// returned as routing left it.
    pub fn transfer(
        &mut self,
        actor: &Actor,
        stay_id: StayId,
        to_queue_id: QueueId,
    ) -> Result<Stay> {
        let scope = self.scope_of_stay(stay_id);
        self.write_in(scope, actor, |tx| {
            let (stay, access) = tx.state.any_stay_access(tx.store, &tx.actor, stay_id)?;
            let mut stay = stay.clone();
            require_holder_or_supervisor(access, stay.holder(), "transfer another agent's object")?;
            if !stay.state.is_live() {
                return Err(Error::conflict(
                    ConflictReason::StayEnded,
                    "the stay has ended",
                ));
            }
            if to_queue_id == stay.queue_id {
                return Err(Error::invalid(
                    "to_queue_id",
                    "must differ from the current queue",
                ));
            }
            match tx.state.queues.get(&to_queue_id) {
                Some(q) if q.company_id == stay.company_id => {}
                _ => {
                    return Err(Error::invalid(
                        "to_queue_id",
                        "must be a queue of the same company",
                    ))
                }
            }
            let holder = stay.holder();
            let was_assigned = stay.state == StayState::Assigned;
            stay.state = StayState::Transferred;
            stay.ended_at = Some(tx.now);
            stay.clear_offer();
            tx.put(stay.clone());
            let mut new = tx.start_stay(
                stay.object_id,
                to_queue_id,
                None,
                Some(stay.wait_since),
                None,
            )?;
            new.transferred_from = Some(stay_id);
            tx.put(new.clone());
            stay.transferred_to = Some(new.id);
            tx.put(stay.clone());
            if let (true, Some(agent)) = (was_assigned, holder) {
                tx.end_assignment(&stay, agent);
            }
            tx.emit(
                Some(stay.company_id),
                EventKind::Transferred {
                    stay_id,
                    to_stay_id: new.id,
                    queue_id: stay.queue_id,
                    to_queue_id,
                    company_user_id: holder,
                },
            );
            tx.routed(new.id)
        })
    }

    /// Ends a waiting or offered stay from the customer's side (any member, or the system).
    pub fn abandon(&mut self, actor: &Actor, stay_id: StayId) -> Result<Stay> {
        let scope = self.scope_of_stay(stay_id);
        self.write_in(scope, actor, |tx| {
            let (stay, _) = tx.state.any_stay_access(tx.store, &tx.actor, stay_id)?;
            let mut stay = stay.clone();
            match stay.state {
                StayState::Waiting | StayState::Offered => {}
                StayState::Assigned => {
                    return Err(Error::conflict(
                        ConflictReason::StayAssigned,
                        "an agent is handling the object: complete it, not abandon it",
                    ))
                }
                _ => {
                    return Err(Error::conflict(
                        ConflictReason::StayEnded,
                        "the stay has ended",
                    ))
                }
            }
            stay.state = StayState::Abandoned;
            stay.ended_at = Some(tx.now);
            stay.clear_offer();
            tx.put(stay.clone());
            tx.emit(
                Some(stay.company_id),
                EventKind::Abandoned {
                    stay_id,
                    object_id: stay.object_id,
                    queue_id: stay.queue_id,
                    wait_since: stay.wait_since,
                },
            );
            Ok(stay)
        })
    }

    /// Why an agent is not eligible for a stay right now, rule by rule (SPEC §3), or `None`
    /// when they are; `ignore_tier` checks as [`Engine::pick`] does (members).
    pub fn eligibility(
        &mut self,
        actor: &Actor,
        company_user_id: CompanyUserId,
        stay_id: StayId,
    ) -> Result<Option<Ineligible>> {
        let now = self.now();
        self.read_history(|s, h| {
            let (stay, _) = s.any_stay_access(h, actor, stay_id)?;
            s.company_user_access(actor, company_user_id)?;
            if !stay.state.is_live() {
                return Ok(Some(Ineligible::NotWaiting { state: stay.state }));
            }
            Ok(s.ineligibility(company_user_id, stay_id, now, false))
        })
    }
}

/// The agent answering `stay`'s offer for the caller: the caller, if the offer rings for
/// them; for the system, the agent it is offered to (the first a ring-all offer rings).
fn answering(stay: &Stay, access: Access, what: &str) -> Result<CompanyUserId> {
    let agent = if access == Access::System {
        stay.offered_to
    } else {
        stay.holders().find(|a| access.is(*a))
    };
    match (agent, stay.offered_to) {
        (Some(a), _) => Ok(a),
        (None, Some(_)) => Err(Error::forbidden(what, "being the agent it is offered to")),
        (None, None) => Err(Error::conflict(
            ConflictReason::NotOffered,
            "the stay is not on offer",
        )),
    }
}
