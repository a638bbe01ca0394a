//! One lane per company: the instant its routing state reflects, what becomes due next,
//! and which agents and stays may have become matchable.
//!
//! Routing never crosses companies, so a command of one company advances and dispatches
//! that company's lane only: on a store that locks per company, two nodes then work on two
//! companies at once without touching each other's records. A lane's instant runs ahead of
//! the others' until a command for every company (a tick, a configuration change) brings
//! them all to one instant again, the floor.

use super::due::Due;
use super::Router;
use crate::ids::{CompanyId, CompanyUserId, StayId};
use chrono::{DateTime, Utc};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap};

/// A company's routing clock, due heap and dirty sets.
#[derive(Debug, Default)]
pub(super) struct Lane {
    /// The instant the lane reflects, when ahead of the floor.
    pub(super) ahead: Option<DateTime<Utc>>,
    pub(super) due: BinaryHeap<Reverse<(DateTime<Utc>, Due)>>,
    /// Agents who may have become matchable since the last dispatch.
    pub(super) dirty_agents: BTreeSet<CompanyUserId>,
    /// Stays that may have become matchable since the last dispatch.
    pub(super) dirty_stays: BTreeSet<StayId>,
}

/// Every company's lane, and the instant they have all reached.
#[derive(Debug)]
pub(super) struct Lanes {
    /// Every lane reflects at least this instant.
    floor: DateTime<Utc>,
    /// The latest instant any lane reflects.
    latest: DateTime<Utc>,
    /// In company order, so work spanning companies is done in a reproducible order.
    pub(super) by_company: BTreeMap<CompanyId, Lane>,
}

impl Lanes {
    pub(super) fn at(now: DateTime<Utc>) -> Lanes {
        Lanes {
            floor: now,
            latest: now,
            by_company: BTreeMap::new(),
        }
    }

    /// The instant `company`'s routing state reflects.
    pub(super) fn now(&self, company: CompanyId) -> DateTime<Utc> {
        self.by_company
            .get(&company)
            .and_then(|l| l.ahead)
            .map_or(self.floor, |t| t.max(self.floor))
    }

    /// The latest instant any company's routing state reflects.
    pub(super) fn latest(&self) -> DateTime<Utc> {
        self.latest
    }

    /// Moves `company`'s lane to `t` (never back).
    pub(super) fn set_now(&mut self, company: CompanyId, t: DateTime<Utc>) {
        let t = t.max(self.now(company));
        if t > self.floor {
            self.lane(company).ahead = Some(t);
        }
        self.latest = self.latest.max(t);
    }

    /// Moves every lane to `t` (never back): the floor rises, and lanes that were ahead of
    /// it and are no longer are forgotten.
    pub(super) fn set_floor(&mut self, t: DateTime<Utc>) {
        if t <= self.floor {
            return;
        }
        self.floor = t;
        self.latest = self.latest.max(t);
        for lane in self.by_company.values_mut() {
            if lane.ahead.is_some_and(|a| a <= t) {
                lane.ahead = None;
            }
        }
    }

    fn lane(&mut self, company: CompanyId) -> &mut Lane {
        self.by_company.entry(company).or_default()
    }

    pub(super) fn push_due(&mut self, company: CompanyId, t: DateTime<Utc>, due: Due) {
        self.lane(company).due.push(Reverse((t, due)));
    }

    pub(super) fn dirty_agents(&mut self, company: CompanyId) -> &mut BTreeSet<CompanyUserId> {
        &mut self.lane(company).dirty_agents
    }

    pub(super) fn dirty_stays(&mut self, company: CompanyId) -> &mut BTreeSet<StayId> {
        &mut self.lane(company).dirty_stays
    }

    /// The companies with something dirty to look at, in order.
    pub(super) fn dirty_companies(&self) -> Vec<CompanyId> {
        self.by_company
            .iter()
            .filter(|(_, l)| !l.dirty_agents.is_empty() || !l.dirty_stays.is_empty())
            .map(|(c, _)| *c)
            .collect()
    }

    /// Drops the lane of a company that no longer exists, unless it is ahead of the floor
    /// (a deletion being undone must not move the company's time back).
    pub(super) fn remove(&mut self, company: CompanyId) {
        if self
            .by_company
            .get(&company)
            .is_some_and(|l| l.ahead.is_none())
        {
            self.by_company.remove(&company);
        }
    }
}

impl Router {
    /// The instant `company`'s routing state reflects.
    pub(crate) fn now_of(&self, company: CompanyId) -> DateTime<Utc> {
        self.lanes.now(company)
    }

    /// The latest instant any company's routing state reflects.
    pub(crate) fn latest(&self) -> DateTime<Utc> {
        self.lanes.latest()
    }

    /// Moves `company`'s routing state to the instant `t` (never back).
    pub(crate) fn set_now(&mut self, company: CompanyId, t: DateTime<Utc>) {
        self.lanes.set_now(company, t)
    }

    /// Moves every company's routing state to the instant `t` (never back).
    pub(crate) fn set_floor(&mut self, t: DateTime<Utc>) {
        self.lanes.set_floor(t)
    }
}
