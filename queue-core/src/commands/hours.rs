//! Hours of operation and closures: the public commands.

use crate::clock;
use crate::engine::Engine;
use crate::ids::{BlacklistId, CompanyId, HoursId, QueueId};
use crate::model::auth::hide;
use crate::model::auth::{Actor, Role};
use crate::model::event::Op;
use crate::model::hours::*;
use crate::model::record::Kind;
use crate::validate;
use crate::{Error, Result};
use chrono::{DateTime, Utc};

fn check_intervals(intervals: &[OpenInterval]) -> Result<()> {
    validate::range("intervals", intervals.len(), 0, MAX_INTERVALS)
}

impl Engine {
    /// Sets the weekly schedule of a queue, or with `queue_id` = `None` the company default
    /// (admin or owner). An empty list means never open.
    ///
    /// ```
    /// # use queue_core::*;
    /// # use chrono::{NaiveTime, Weekday, TimeZone, Utc};
    /// # let (mut engine, acme, _) = queue_core::doc_support::company_with_agent();
    /// let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap();
    /// let five = NaiveTime::from_hms_opt(17, 0, 0).unwrap();
    /// let weekdays = [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri]
    ///     .map(|weekday| OpenInterval { weekday, opens: nine, closes: five });
    /// let q = engine.create_queue(&Actor::System, NewQueue::named(acme, "office")).unwrap();
    /// engine.set_hours(&Actor::System, acme, Some(q.id), weekdays.to_vec()).unwrap();
    /// let saturday = Utc.with_ymd_and_hms(2026, 1, 3, 12, 0, 0).unwrap();
    /// let status = engine.is_open(&Actor::System, q.id, saturday).unwrap();
    /// assert!(!status.open);
    /// assert_eq!(status.next_open, Some(Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap()));
    /// ```
    pub fn set_hours(
        &mut self,
        actor: &Actor,
        company_id: CompanyId,
        queue_id: Option<QueueId>,
        intervals: Vec<OpenInterval>,
    ) -> Result<HoursOfOperation> {
        check_intervals(&intervals)?;
        self.write(actor, |tx| {
            tx.access(company_id)?
                .require(Role::Admin, "set hours of operation")?;
            if let Some(q) = queue_id {
                if tx
                    .state
                    .queues
                    .get(&q)
                    .is_none_or(|q| q.company_id != company_id)
                {
                    return Err(Error::invalid("queue_id", "must be a queue of the company"));
                }
            }
            let existing = tx
                .state
                .idx
                .hours_by_target
                .get(&(company_id, queue_id))
                .copied();
            let hours = HoursOfOperation {
                id: existing.unwrap_or_else(|| HoursId(tx.new_id())),
                company_id,
                queue_id,
                intervals,
            };
            tx.put(hours.clone());
            tx.log(
                if existing.is_some() {
                    Op::Updated
                } else {
                    Op::Created
                },
                Kind::HoursOfOperation,
                hours.id.0,
                Some(company_id),
            );
            Ok(hours)
        })
    }

    /// The schedule set for a queue or the company default, if any (members).
    pub fn get_hours(
        &mut self,
        actor: &Actor,
        company_id: CompanyId,
        queue_id: Option<QueueId>,
    ) -> Result<Option<HoursOfOperation>> {
        self.read(|s| {
            s.access(actor, company_id)?;
            Ok(s.idx
                .hours_by_target
                .get(&(company_id, queue_id))
                .and_then(|id| s.hours.get(id))
                .cloned())
        })
    }

    /// Removes a schedule: the queue falls back to the company default, the company default
    /// to "always open" (admin or owner).
    pub fn clear_hours(
        &mut self,
        actor: &Actor,
        company_id: CompanyId,
        queue_id: Option<QueueId>,
    ) -> Result<()> {
        self.write(actor, |tx| {
            tx.access(company_id)?
                .require(Role::Admin, "clear hours of operation")?;
            if let Some(id) = tx
                .state
                .idx
                .hours_by_target
                .get(&(company_id, queue_id))
                .copied()
            {
                tx.delete(Kind::HoursOfOperation, id.0);
                tx.log(Op::Deleted, Kind::HoursOfOperation, id.0, Some(company_id));
            }
            Ok(())
        })
    }

    /// Closes one queue for a date-time range (admin or owner).
    pub fn add_blacklist_hours(
        &mut self,
        actor: &Actor,
        queue_id: QueueId,
        new: NewBlacklistHours,
    ) -> Result<BlacklistHours> {
        let company = self.read(|s| Ok(s.queue_access(actor, queue_id)?.0.company_id))?;
        self.add_closure(actor, company, Some(queue_id), new)
    }

    /// Closes every queue of a company for a date-time range, e.g. a holiday (admin or owner).
    pub fn add_common_blacklist_hours(
        &mut self,
        actor: &Actor,
        company_id: CompanyId,
        new: NewBlacklistHours,
    ) -> Result<BlacklistHours> {
        self.add_closure(actor, company_id, None, new)
    }

    fn add_closure(
        &mut self,
        actor: &Actor,
        company_id: CompanyId,
        queue_id: Option<QueueId>,
        new: NewBlacklistHours,
    ) -> Result<BlacklistHours> {
        self.write(actor, |tx| {
            tx.access(company_id)?
                .require(Role::Admin, "add blacklist hours")?;
            clock::check("starts_at", new.starts_at)?;
            clock::check("ends_at", new.ends_at)?;
            if new.ends_at <= new.starts_at {
                return Err(Error::invalid("ends_at", "must be after starts_at"));
            }
            validate::length("reason", &new.reason, 0, 200)?;
            let b = BlacklistHours {
                id: BlacklistId(tx.new_id()),
                company_id,
                queue_id,
                starts_at: new.starts_at,
                ends_at: new.ends_at,
                reason: new.reason,
            };
            tx.put(b.clone());
            tx.log(Op::Created, Kind::BlacklistHours, b.id.0, Some(company_id));
            Ok(b)
        })
    }

    /// Lists one queue's own closures, by start (members).
    pub fn list_blacklist_hours(
        &mut self,
        actor: &Actor,
        queue_id: QueueId,
    ) -> Result<Vec<BlacklistHours>> {
        self.read(|s| {
            let (q, _) = s.queue_access(actor, queue_id)?;
            Ok(sorted(
                s.closures_for(q)
                    .filter(|b| b.queue_id == Some(queue_id))
                    .cloned()
                    .collect(),
            ))
        })
    }

    /// Lists a company's common closures, by start (members).
    pub fn list_common_blacklist_hours(
        &mut self,
        actor: &Actor,
        company_id: CompanyId,
    ) -> Result<Vec<BlacklistHours>> {
        self.read(|s| {
            s.access(actor, company_id)?;
            let all = s
                .idx
                .blacklists_by_company
                .get(&company_id)
                .into_iter()
                .flatten()
                .filter_map(|id| s.blacklists.get(id));
            Ok(sorted(
                all.filter(|b| b.queue_id.is_none()).cloned().collect(),
            ))
        })
    }

    /// Deletes a closure, queue or common (admin or owner).
    pub fn delete_blacklist_hours(&mut self, actor: &Actor, id: BlacklistId) -> Result<()> {
        self.write(actor, |tx| {
            let b = tx
                .state
                .blacklists
                .get(&id)
                .cloned()
                .ok_or_else(|| Error::not_found("blacklist_hours", id))?;
            tx.access(b.company_id)
                .map_err(|e| hide(e, "blacklist_hours", id))?
                .require(Role::Admin, "delete blacklist hours")?;
            tx.delete(Kind::BlacklistHours, id.0);
            tx.log(Op::Deleted, Kind::BlacklistHours, id.0, Some(b.company_id));
            Ok(())
        })
    }

    /// Whether a queue is open at `at`, and when that next changes (members).
    pub fn is_open(
        &mut self,
        actor: &Actor,
        queue_id: QueueId,
        at: DateTime<Utc>,
    ) -> Result<OpenStatus> {
        let at = clock::check("at", at)?;
        self.read(|s| {
            let (q, _) = s.queue_access(actor, queue_id)?;
            let (open, next_change) = s.queue_open_at(q, at);
            Ok(OpenStatus {
                open,
                next_change,
                next_open: if open { Some(at) } else { next_change },
            })
        })
    }
}

fn sorted(mut v: Vec<BlacklistHours>) -> Vec<BlacklistHours> {
    v.sort_by_key(|b| (b.starts_at, b.id));
    v
}
