//! Hours of operation (weekly, in the company's time zone) and blacklist closures; `is_open`.

use crate::auth::hide;
use crate::auth::{Actor, Role};
use crate::clock;
use crate::engine::Engine;
use crate::event::Op;
use crate::ids::{BlacklistId, CompanyId, HoursId, QueueId};
use crate::queue::Queue;
use crate::record::Kind;
use crate::state::State;
use crate::validate;
use crate::{Error, Result};
use chrono::{
    DateTime, Datelike, Days, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone,
    Utc, Weekday,
};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// How far ahead `next_change` looks.
const HORIZON_DAYS: u64 = 21;

/// Most intervals one weekly schedule may hold.
pub const MAX_INTERVALS: usize = 70;

/// One weekly opening: from `opens` on `weekday` until `closes` (local time).
///
/// `closes` at or before `opens` means the interval runs past midnight into the next day;
/// `opens == closes` is open around the clock from that time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpenInterval {
    /// Day the interval starts: `"mon"` … `"sun"` in and out, in every language.
    #[serde(with = "weekday")]
    pub weekday: Weekday,
    /// Local opening time.
    pub opens: NaiveTime,
    /// Local closing time.
    pub closes: NaiveTime,
}

/// Weekdays as the API spells them: `"mon"` … `"sun"`. Reading also takes `"Mon"` … `"Sun"`,
/// which schedules stored by earlier versions hold.
mod weekday {
    use chrono::Weekday;
    use serde::{de, Deserializer, Serializer};
    use std::fmt;

    const NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    pub(super) fn serialize<S: Serializer>(d: &Weekday, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(NAMES[d.num_days_from_monday() as usize])
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Weekday, D::Error> {
        struct Name;
        impl de::Visitor<'_> for Name {
            type Value = Weekday;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a weekday: mon, tue, wed, thu, fri, sat or sun")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Weekday, E> {
                let legacy = |n: &&str| {
                    let mut c = n.chars();
                    c.next()
                        .is_some_and(|f| v.starts_with(f.to_ascii_uppercase()))
                        && v.get(1..) == Some(c.as_str())
                };
                NAMES
                    .iter()
                    .position(|n| *n == v || legacy(n))
                    .and_then(|i| Weekday::try_from(i as u8).ok())
                    .ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }
        d.deserialize_str(Name)
    }
}

/// A weekly schedule for one queue, or the company default (`queue_id` = `None`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HoursOfOperation {
    /// Identifier.
    pub id: HoursId,
    /// The company.
    pub company_id: CompanyId,
    /// The queue, or `None` for the company default used by queues without their own.
    pub queue_id: Option<QueueId>,
    /// Open intervals; outside them the queue is closed.
    pub intervals: Vec<OpenInterval>,
}

/// A closed date-time range for one queue, or for every queue of the company
/// (`queue_id` = `None`: the seeds' common blacklist hours, e.g. holidays).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlacklistHours {
    /// Identifier.
    pub id: BlacklistId,
    /// The company.
    pub company_id: CompanyId,
    /// The queue, or `None` for a company-wide closure.
    pub queue_id: Option<QueueId>,
    /// First closed instant.
    pub starts_at: DateTime<Utc>,
    /// First instant open again.
    pub ends_at: DateTime<Utc>,
    /// Why (`"Christmas"`), up to 200 characters.
    pub reason: String,
}

/// Fields of a new closure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewBlacklistHours {
    /// First closed instant.
    #[serde(deserialize_with = "crate::input::instant")]
    pub starts_at: DateTime<Utc>,
    /// First instant open again; must be after `starts_at`.
    #[serde(deserialize_with = "crate::input::instant")]
    pub ends_at: DateTime<Utc>,
    /// Why.
    #[serde(default)]
    pub reason: String,
}

/// Whether a queue is open at an instant, and when that changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenStatus {
    /// Inside hours of operation and outside every blacklist range.
    pub open: bool,
    /// Next instant `open` flips, if within three weeks.
    pub next_change: Option<DateTime<Utc>>,
    /// The instant itself when open, else the next opening within three weeks.
    pub next_open: Option<DateTime<Utc>>,
}

/// The UTC instant of a local wall time, resolved as `java.time` does: the earlier instant
/// when the clock falls back (the time occurs twice), and shifted later by the length of the
/// gap when the clock springs forward (the time does not occur). Not clamped to the engine's
/// range: a range may run past the end of the calendar (callers clamp what they return).
fn resolve(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    for back in 0..=3 {
        let Some(probe) = local.checked_sub_signed(Duration::hours(back)) else {
            break;
        };
        if let LocalResult::Single(t) | LocalResult::Ambiguous(t, _) =
            tz.from_local_datetime(&probe)
        {
            let t = t.with_timezone(&Utc);
            return t.checked_add_signed(Duration::hours(back)).unwrap_or(t);
        }
    }
    Utc.from_utc_datetime(&local)
}

/// The open ranges of a weekly schedule that touch the local days around `from`…`to`.
fn hour_ranges(
    tz: Tz,
    intervals: &[OpenInterval],
    from: DateTime<Utc>,
    days: u64,
) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let local: NaiveDate = clock::clamp(from).with_timezone(&tz).date_naive();
    let first = local.pred_opt().unwrap_or(local);
    let mut out = Vec::new();
    for offset in 0..=days + 1 {
        // Near the end of the calendar the days simply run out.
        let Some(day) = first.checked_add_days(Days::new(offset)) else {
            break;
        };
        for iv in intervals.iter().filter(|iv| iv.weekday == day.weekday()) {
            let start = resolve(tz, day.and_time(iv.opens));
            let end_day = if iv.closes <= iv.opens {
                day.succ_opt().unwrap_or(day)
            } else {
                day
            };
            let end = resolve(tz, end_day.and_time(iv.closes));
            if end > start {
                out.push((start, end));
            }
        }
    }
    out
}

impl State {
    /// The schedule that applies to `q`: its own, else the company default, else none (always open).
    pub(crate) fn hours_for(&self, q: &Queue) -> Option<&HoursOfOperation> {
        let own = self.idx.hours_by_target.get(&(q.company_id, Some(q.id)));
        let default = self.idx.hours_by_target.get(&(q.company_id, None));
        own.or(default).and_then(|id| self.hours.get(id))
    }

    fn closures_for(&self, q: &Queue) -> impl Iterator<Item = &BlacklistHours> + '_ {
        let qid = q.id;
        self.idx
            .blacklists_by_company
            .get(&q.company_id)
            .into_iter()
            .flatten()
            .filter_map(|id| self.blacklists.get(id))
            .filter(move |b| b.queue_id.is_none() || b.queue_id == Some(qid))
    }

    /// Whether `q` is open at `t` (ignoring `is_active`) and the next instant that changes.
    pub(crate) fn queue_open_at(
        &self,
        q: &Queue,
        t: DateTime<Utc>,
    ) -> (bool, Option<DateTime<Utc>>) {
        let t = clock::clamp(t);
        let tz: Tz = self
            .companies
            .get(&q.company_id)
            .and_then(|c| c.time_zone.parse().ok())
            .unwrap_or(Tz::UTC);
        let hours = self
            .hours_for(q)
            .map(|h| hour_ranges(tz, &h.intervals, t, HORIZON_DAYS));
        let closures: Vec<(DateTime<Utc>, DateTime<Utc>)> = self
            .closures_for(q)
            .map(|b| (b.starts_at, b.ends_at))
            .collect();
        let open_at = |x: DateTime<Utc>| {
            let in_hours = hours
                .as_ref()
                .is_none_or(|r| r.iter().any(|(s, e)| *s <= x && x < *e));
            in_hours && !closures.iter().any(|(s, e)| *s <= x && x < *e)
        };
        let now_open = open_at(t);
        let horizon = clock::plus(t, Duration::days(HORIZON_DAYS as i64));
        let mut candidates: Vec<DateTime<Utc>> = hours
            .iter()
            .flatten()
            .chain(closures.iter())
            .flat_map(|(s, e)| [*s, *e])
            .filter(|c| *c > t && *c <= horizon)
            .collect();
        candidates.sort();
        candidates.dedup();
        let next = candidates.into_iter().find(|c| open_at(*c) != now_open);
        (now_open, next)
    }
}

impl State {
    /// When the router must look at `q` again although `queue_open_at` found no change in
    /// its window: at the window's end, if the queue has hours or closures at all (a
    /// closure weeks ahead must still close it when it comes). `None`: open for good.
    pub(crate) fn queue_recheck_at(&self, q: &Queue, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let dated = self.hours_for(q).is_some() || self.closures_for(q).next().is_some();
        let end = clock::plus(t, Duration::days(HORIZON_DAYS as i64));
        (dated && end > t).then_some(end)
    }
}

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
