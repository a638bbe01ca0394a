//! Presence statuses: the public commands. A company defines its statuses ("Lunch" → away,
//! "Training" → dnd); agents set them with [`Engine::set_presence`] and supervisors lock
//! agents in them with [`Engine::lock_presence_status`].

use crate::engine::Engine;
use crate::error::ConflictReason;
use crate::ids::{CompanyId, PresenceStatusId};
use crate::model::auth::{hide, Actor, Role};
use crate::model::event::Op;
use crate::model::presence::Show;
use crate::model::presence_status::PresenceStatus;
use crate::model::record::Kind;
use crate::validate;
use crate::{Error, Result};

impl Engine {
    /// Defines a presence status mapped to `show` (admin or owner). Names are unique per
    /// company, case-insensitively.
    ///
    /// ```
    /// # use queue_core::*;
    /// # let (mut engine, acme, ann) = queue_core::doc_support::company_with_agent();
    /// let lunch = engine.create_presence_status(&Actor::System, acme, "Lunch", Show::Away).unwrap();
    /// let p = engine.set_presence(&Actor::System, ann, PresenceUpdate {
    ///     status_id: Some(lunch.id), ..Default::default()
    /// }).unwrap();
    /// assert_eq!((p.show, p.status_id), (Show::Away, Some(lunch.id)));
    /// ```
    pub fn create_presence_status(
        &mut self,
        actor: &Actor,
        company_id: CompanyId,
        name: &str,
        show: Show,
    ) -> Result<PresenceStatus> {
        let scope = self.scope_of_company(company_id);
        self.write_in(scope, actor, |tx| {
            tx.access(company_id)?
                .require(Role::Admin, "create presence status")?;
            validate::text("name", name, 1, 60)?;
            if tx.state.status_name_taken(company_id, name, None) {
                return Err(Error::conflict(
                    ConflictReason::NameTaken,
                    format!("presence status {name} already exists"),
                ));
            }
            let status = PresenceStatus {
                id: PresenceStatusId(tx.new_id()),
                company_id,
                name: name.to_string(),
                show,
                created_at: tx.now,
            };
            tx.put(status.clone());
            tx.log(
                Op::Created,
                Kind::PresenceStatus,
                status.id.0,
                Some(company_id),
            );
            Ok(status)
        })
    }

    /// Reads a presence status (members).
    pub fn get_presence_status(
        &mut self,
        actor: &Actor,
        id: PresenceStatusId,
    ) -> Result<PresenceStatus> {
        self.read(|s| {
            let status = s.presence_status(id)?;
            s.access(actor, status.company_id)
                .map_err(|e| hide(e, "presence status", id))?;
            Ok(status.clone())
        })
    }

    /// Lists a company's presence statuses by name (members).
    pub fn list_presence_statuses(
        &mut self,
        actor: &Actor,
        company_id: CompanyId,
    ) -> Result<Vec<PresenceStatus>> {
        self.read(|s| {
            s.access(actor, company_id)?;
            Ok(s.company_presence_statuses(company_id))
        })
    }

    /// Renames a presence status (admin or owner); agents in it stay in it.
    pub fn rename_presence_status(
        &mut self,
        actor: &Actor,
        id: PresenceStatusId,
        name: &str,
    ) -> Result<PresenceStatus> {
        let scope = self.scope_of(|s| s.presence_statuses.get(&id).map(|p| p.company_id), None);
        self.write_in(scope, actor, |tx| {
            let mut status = tx.state.presence_status(id)?.clone();
            tx.access(status.company_id)
                .map_err(|e| hide(e, "presence status", id))?
                .require(Role::Admin, "rename presence status")?;
            validate::text("name", name, 1, 60)?;
            if tx
                .state
                .status_name_taken(status.company_id, name, Some(id))
            {
                return Err(Error::conflict(
                    ConflictReason::NameTaken,
                    format!("presence status {name} already exists"),
                ));
            }
            status.name = name.to_string();
            tx.put(status.clone());
            tx.log(
                Op::Updated,
                Kind::PresenceStatus,
                id.0,
                Some(status.company_id),
            );
            Ok(status)
        })
    }

    /// Deletes a presence status (admin or owner). Refused with `status_in_use` while an
    /// agent is in it: move them to another status (or unlock them) first. Statistics keep
    /// the time spent in it, under its id.
    pub fn delete_presence_status(&mut self, actor: &Actor, id: PresenceStatusId) -> Result<()> {
        let scope = self.scope_of(|s| s.presence_statuses.get(&id).map(|p| p.company_id), None);
        self.write_in(scope, actor, |tx| {
            let status = tx.state.presence_status(id)?.clone();
            tx.access(status.company_id)
                .map_err(|e| hide(e, "presence status", id))?
                .require(Role::Admin, "delete presence status")?;
            if tx.state.status_in_use(status.company_id, id) {
                return Err(Error::conflict(
                    ConflictReason::StatusInUse,
                    "an agent is in this presence status",
                ));
            }
            tx.delete(Kind::PresenceStatus, id.0);
            tx.log(
                Op::Deleted,
                Kind::PresenceStatus,
                id.0,
                Some(status.company_id),
            );
            Ok(())
        })
    }
}
