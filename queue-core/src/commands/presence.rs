//! Presence: the public commands.

use crate::engine::Engine;
use crate::error::ConflictReason;
use crate::ids::CompanyUserId;
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
            if let Some(show) = update.show {
                if p.lock.is_some() && show != p.show {
                    return Err(Error::conflict(
                        ConflictReason::StatusLocked,
                        "the status is locked by a supervisor",
                    ));
                }
                tx.change_show(company, &mut p, show);
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
                },
            );
            Ok(p)
        })
    }

    /// Sets an agent's show and locks it there (supervisor and up).
    pub fn lock_presence(
        &mut self,
        actor: &Actor,
        id: CompanyUserId,
        show: Show,
    ) -> Result<Presence> {
        let scope = self.scope_of_member(id);
        self.write_in(scope, actor, |tx| {
            let (cu, access) = tx.state.company_user_access(&tx.actor, id)?;
            let company = cu.company_id;
            access.require(Role::Supervisor, "lock presence")?;
            let mut p = tx
                .state
                .presence
                .get(&id)
                .cloned()
                .ok_or_else(|| Error::not_found("presence", id))?;
            tx.change_show(company, &mut p, show);
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
