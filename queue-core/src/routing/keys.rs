//! Sort keys of the routing indexes: the order objects are served in and the order each
//! strategy prefers agents in. Every key ends with an id, so ties break deterministically.

use crate::ids::{CompanyUserId, SkillId, StayId};
use crate::model::skill::SkillRequirement;
use chrono::{DateTime, Utc};
use std::cmp::{Ordering, Reverse};
use std::collections::BTreeMap;

/// Level of a stay in a queue without `priority_delay`: every tier at once.
pub(crate) const LEVEL_ALL: u8 = u8::MAX;

/// Serving order of waiting stays: higher priority first, then longest waiting, then id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct StayKey {
    pub priority: Reverse<i32>,
    pub wait_since: DateTime<Utc>,
    pub id: StayId,
}

/// `load / capacity`, compared exactly by cross-multiplication.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ratio {
    pub load: u32,
    pub capacity: u32,
}

impl Ord for Ratio {
    fn cmp(&self, other: &Self) -> Ordering {
        let a = u64::from(self.load) * u64::from(other.capacity.max(1));
        let b = u64::from(other.load) * u64::from(self.capacity.max(1));
        a.cmp(&b)
    }
}

impl PartialOrd for Ratio {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Ratio {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Ratio {}

/// What a strategy sorts agents by; smaller is preferred. One queue uses one variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Preference {
    /// `longest_idle`: earliest end of last assignment.
    Idle(DateTime<Utc>),
    /// `least_occupied`: lowest load ÷ capacity.
    Occupancy(Ratio),
    /// `round_robin`: least recently routed to by this queue (0, never, first).
    Routed(u64),
    /// `most_skilled`: highest summed level.
    Skill(Reverse<u32>),
}

/// An agent's place in a queue's ready set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct AgentKey {
    pub pref: Preference,
    pub id: CompanyUserId,
}

/// True when `skills` meet every requirement.
pub(crate) fn qualifies(skills: &BTreeMap<SkillId, u8>, reqs: &[SkillRequirement]) -> bool {
    reqs.iter()
        .all(|r| skills.get(&r.skill_id).is_some_and(|l| *l >= r.min_level))
}

/// Summed level over the distinct skills of `a` and `b`.
pub(crate) fn skill_sum(
    skills: &BTreeMap<SkillId, u8>,
    a: &[SkillRequirement],
    b: &[SkillRequirement],
) -> u32 {
    let mut ids: Vec<SkillId> = a.iter().chain(b).map(|r| r.skill_id).collect();
    ids.sort();
    ids.dedup();
    ids.iter()
        .map(|id| u32::from(skills.get(id).copied().unwrap_or(0)))
        .sum()
}

/// The highest tier a stay has reached: `1 + ⌊wait / delay⌋`, capped at `cap`.
pub(crate) fn level(
    wait_since: DateTime<Utc>,
    delay: Option<u32>,
    cap: u8,
    now: DateTime<Utc>,
) -> u8 {
    match delay {
        None => LEVEL_ALL,
        Some(d) => {
            let waited = (now - wait_since).num_milliseconds().max(0);
            let steps = waited / (i64::from(d.max(1)) * 1000);
            let reached = 1 + steps.min(i64::from(u8::MAX));
            reached.min(i64::from(cap.max(1))) as u8
        }
    }
}

/// When a stay at `level` reaches the next one, if it escalates further.
pub(crate) fn next_escalation(
    wait_since: DateTime<Utc>,
    delay: Option<u32>,
    cap: u8,
    level: u8,
) -> Option<DateTime<Utc>> {
    match delay {
        // Past the end of the calendar it never escalates (and nothing falls due twice).
        Some(d) if level < cap.max(1) => {
            crate::clock::checked_plus_seconds(wait_since, i64::from(d) * i64::from(level))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn levels_escalate_every_delay_and_stop_at_the_cap() {
        let t0 = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let at = |s| t0 + chrono::Duration::seconds(s);
        assert_eq!(level(t0, Some(60), 3, at(59)), 1);
        assert_eq!(level(t0, Some(60), 3, at(60)), 2);
        assert_eq!(level(t0, Some(60), 3, at(120)), 3);
        assert_eq!(level(t0, Some(60), 3, at(10_000)), 3);
        assert_eq!(level(t0, None, 3, at(0)), LEVEL_ALL);
        assert_eq!(next_escalation(t0, Some(60), 3, 1), Some(at(60)));
        assert_eq!(next_escalation(t0, Some(60), 3, 3), None);
    }

    #[test]
    fn ratios_compare_exactly() {
        let r = |load, capacity| Ratio { load, capacity };
        assert_eq!(r(1, 2), r(2, 4));
        assert!(r(1, 3) < r(1, 2));
        assert!(r(0, 5) < r(1, 100));
    }
}
