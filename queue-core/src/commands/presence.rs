//! Presence: the public commands.

use crate::engine::Engine;
use crate::error::ConflictReason;
use crate::ids::{CompanyUserId, PresenceStatusId};
use crate::model::auth::{Actor, Role};
use crate::model::event::EventKind;
use crate::model::presence::*;
use crate::validate;
use crate::{Error, Result};

impl Engine {
    /// Reads an agent's presence (members of the same company).
    pub fn get_presence(&mut self, actor: &Actor, id: CompanyUserId) -> Result<Presence> {
        self.read(|s| {
            s.company_user_access(actor, id)?;
            s.presence
                .get(&id)
                .cloned()
                .ok_or_else(|| Error::not_found("presence", id))
        })
    }

    /// Updates an agent's presence: the agent themselves, or a supervisor and up. Stamps
    /// `last_seen`; a change to a ready show routes waiting objects to the agent at once.
    ///
    /// ```
    /// # use queue_core::*;
    /// # let (mut engine, acme, ann) = queue_core::doc_support::company_with_agent();
    /// let p = engine.set_presence(&Actor::System, ann, PresenceUpdate {
    ///     show: Some(Show::Available), ..Default::default()
    /// }).unwrap();
    /// assert!(p.show.is_ready());
    /// ```
    pub fn set_presence(
        &mut self,
        actor: &Actor,
        id: CompanyUserId,
        update: PresenceUpdate,
    ) -> Result<Presence> {
        if let Some(channels) = &update.active_channels {
            validate::range("active_channels", channels.len(), 0, 32)?;
            for c in channels {
                validate::token("active_channels", c)?;
            }
        }
        let scope = self.scope_of_member(id);
        self.write_in(scope, actor, |tx| {
            let (cu, access) = tx.state.company_user_access(&tx.actor, id)?;
            let company = cu.company_id;
            if !access.is(id) {
                access.require(Role::Supervisor, "set another agent's presence")?;
            }
            let mut p = tx
                .state
                .presence
                .get(&id)
                .cloned()
                .ok_or_else(|| Error::not_found("presence", id))?;
            let status = match update.status_id {
                Some(id) => Some(tx.state.company_presence_status(company, id)?.clone()),
                None => None,
            };
            if let (Some(s), Some(show)) = (&status, update.show) {
                if s.show != show {
                    return Err(Error::invalid(
                        "show",
                        format!("differs from the status's show ({})", s.show),
                    ));
                }
            }
            let show = status.as_ref().map(|s| s.show).or(update.show);
            if let Some(show) = show {
                let status_id = status.as_ref().map(|s| s.id);
                if p.lock.is_some() {
                    // Locked: only a report of what the lock already holds passes.
                    let same_status = status_id.is_none() || status_id == p.status_id;
                    if show != p.show || !same_status {
                        return Err(Error::conflict(
                            ConflictReason::StatusLocked,
                            "the status is locked by a supervisor",
                        ));
                    }
                } else {
                    tx.set_show(company, &mut p, show, status_id);
                }
            }
            if let Some(c) = update.connection {
                p.connection = c;
            }
            if let Some(ch) = update.active_channels.clone() {
                p.active_channels = ch;
            }
            p.last_seen = Some(tx.now);
            tx.put(p.clone());
            tx.emit(
                Some(company),
                EventKind::PresenceChanged {
                    company_user_id: id,
                    show: p.show,
                    connection: p.connection,
                    reason: None,
                    status_id: p.status_id,
                },
            );
            Ok(p)
        })
    }

    /// Sets an agent's show and locks it there (supervisor and up); the agent leaves any
    /// presence status ([`Engine::lock_presence_status`] locks them in one).
    pub fn lock_presence(
        &mut self,
        actor: &Actor,
        id: CompanyUserId,
        show: Show,
    ) -> Result<Presence> {
        self.lock_to(actor, id, LockTo::Show(show))
    }

    /// Puts an agent in a presence status of their company and locks them there
    /// (supervisor and up): seed 004's `statusLock` with a `status`.
    ///
    /// ```
    /// # use queue_core::*;
    /// # let (mut engine, acme, ann) = queue_core::doc_support::company_with_agent();
    /// let training = engine.create_presence_status(&Actor::System, acme, "Training", Show::Dnd).unwrap();
    /// let p = engine.lock_presence_status(&Actor::System, ann, training.id).unwrap();
    /// assert_eq!((p.show, p.status_id), (Show::Dnd, Some(training.id)));
    /// assert!(p.lock.is_some());
    /// ```
    pub fn lock_presence_status(
        &mut self,
        actor: &Actor,
        id: CompanyUserId,
        status_id: PresenceStatusId,
    ) -> Result<Presence> {
        self.lock_to(actor, id, LockTo::Status(status_id))
    }

    fn lock_to(&mut self, actor: &Actor, id: CompanyUserId, to: LockTo) -> Result<Presence> {
        let scope = self.scope_of_member(id);
        self.write_in(scope, actor, |tx| {
            let (cu, access) = tx.state.company_user_access(&tx.actor, id)?;
            let company = cu.company_id;
            access.require(Role::Supervisor, "lock presence")?;
            let (show, status) = match to {
                LockTo::Show(show) => (show, None),
                LockTo::Status(s) => {
                    let s = tx.state.company_presence_status(company, s)?;
                    (s.show, Some(s.id))
                }
            };
            let mut p = tx
                .state
                .presence
                .get(&id)
                .cloned()
                .ok_or_else(|| Error::not_found("presence", id))?;
            tx.set_show(company, &mut p, show, status);
            p.lock = Some(PresenceLock {
                locked_by: tx.actor,
                locked_at: tx.now,
            });
            tx.put(p.clone());
            tx.emit(
                Some(company),
                EventKind::PresenceChanged {
                    company_user_id: id,
                    show: p.show,
                    connection: p.connection,
                    reason: None,
                    status_id: p.status_id,
                },
            );
            Ok(p)
        })
    }

    /// Ends an agent's wrap-up before its time, so they get work again at once (the agent
    /// themselves, or a supervisor and up). An agent not wrapping up is left as they are —
    /// the wrap-up may just have ended on its own.
    ///
    /// ```
    /// # use queue_core::*;
    /// # let (mut engine, acme, ann) = queue_core::doc_support::company_with_agent();
    /// let p = engine.end_wrap_up(&Actor::System, ann).unwrap();
    /// assert_eq!(p.wrap_up_until, None);
    /// ```
    pub fn end_wrap_up(&mut self, actor: &Actor, id: CompanyUserId) -> Result<Presence> {
        let scope = self.scope_of_member(id);
        self.write_in(scope, actor, |tx| {
            let (_, access) = tx.state.company_user_access(&tx.actor, id)?;
            if !access.is(id) {
                access.require(Role::Supervisor, "end another agent's wrap-up")?;
            }
            if tx
                .state
                .presence
                .get(&id)
                .is_some_and(|p| p.wrap_up_until.is_some())
            {
                tx.end_wrap_up(id, true);
            }
            tx.state
                .presence
                .get(&id)
                .cloned()
                .ok_or_else(|| Error::not_found("presence", id))
        })
    }

    /// Removes a status lock (supervisor and up); the show stays until the agent changes it.
    pub fn unlock_presence(&mut self, actor: &Actor, id: CompanyUserId) -> Result<Presence> {
        let scope = self.scope_of_member(id);
        self.write_in(scope, actor, |tx| {
            let (_, access) = tx.state.company_user_access(&tx.actor, id)?;
            access.require(Role::Supervisor, "unlock presence")?;
            let mut p = tx
                .state
                .presence
                .get(&id)
                .cloned()
                .ok_or_else(|| Error::not_found("presence", id))?;
            if p.lock.take().is_some() {
                tx.put(p.clone());
            }
            Ok(p)
        })
    }
}

/// Where a lock puts an agent.
#[derive(Clone, Copy)]
enum LockTo {
    Show(Show),
    Status(PresenceStatusId),
}
