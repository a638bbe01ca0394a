//! Hours of operation (weekly, in the company's time zone) and blacklist closures; `is_open`.

use crate::clock;
use crate::ids::{BlacklistId, CompanyId, HoursId, QueueId};
use chrono::{
    DateTime, Datelike, Days, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone,
    Utc, Weekday,
};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// How far ahead `next_change` looks.
pub(crate) const HORIZON_DAYS: u64 = 21;

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
    #[serde(serialize_with = "crate::instant::serialize")]
    pub starts_at: DateTime<Utc>,
    /// First instant open again.
    #[serde(serialize_with = "crate::instant::serialize")]
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
    #[serde(serialize_with = "crate::instant::serialize")]
    pub starts_at: DateTime<Utc>,
    /// First instant open again; must be after `starts_at`.
    #[serde(deserialize_with = "crate::input::instant")]
    #[serde(serialize_with = "crate::instant::serialize")]
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
    #[serde(serialize_with = "crate::instant::option")]
    pub next_change: Option<DateTime<Utc>>,
    /// The instant itself when open, else the next opening within three weeks.
    #[serde(serialize_with = "crate::instant::option")]
    pub next_open: Option<DateTime<Utc>>,
}

/// The UTC instant of a local wall time, resolved as `java.time` does: the earlier instant
/// when the clock falls back (the time occurs twice), and shifted later by the length of the
/// gap when the clock springs forward (the time does not occur). Not clamped to the engine's
/// range: a range may run past the end of the calendar (callers clamp what they return).
pub(crate) fn resolve(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
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
pub(crate) fn hour_ranges(
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
