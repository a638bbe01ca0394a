//! Hours of operation and closures: lookups and access checks on the working set.

use crate::clock;
use crate::model::hours::*;
use crate::model::queue::Queue;
use crate::state::State;
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

impl State {
    /// The schedule that applies to `q`: its own, else the company default, else none (always open).
    pub(crate) fn hours_for(&self, q: &Queue) -> Option<&HoursOfOperation> {
        let own = self.idx.hours_by_target.get(&(q.company_id, Some(q.id)));
        let default = self.idx.hours_by_target.get(&(q.company_id, None));
        own.or(default).and_then(|id| self.hours.get(id))
    }

    pub(crate) fn closures_for(&self, q: &Queue) -> impl Iterator<Item = &BlacklistHours> + '_ {
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
