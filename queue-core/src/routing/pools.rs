//! The waiting stays of one queue: one ordered pool per (extra-skill class, level reached),
//! plus the ordered set of every pool's head, so an agent finds its best stay by walking
//! heads best-first and stopping at the first that cannot beat what it has — without
//! visiting every class of object the queue holds.

use super::keys::StayKey;
use crate::model::skill::SkillRequirement;
use std::collections::{BTreeMap, BTreeSet};

/// The first (best) stay of one pool.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Head {
    /// The stay at the head (field order makes heads sort by serving order).
    pub key: StayKey,
    /// Level of the pool.
    pub level: u8,
    /// Extra skills the pool's objects require.
    pub class: Vec<SkillRequirement>,
}

/// Waiting stays of one queue.
#[derive(Debug, Clone, Default)]
pub(super) struct Pools {
    by_class: BTreeMap<Vec<SkillRequirement>, BTreeMap<u8, BTreeSet<StayKey>>>,
    heads: BTreeSet<Head>,
    len: usize,
}

impl Pools {
    /// Adds a stay to the pool of `class` and `level`.
    pub fn insert(&mut self, class: &[SkillRequirement], level: u8, key: StayKey) {
        if !self.by_class.contains_key(class) {
            self.by_class.insert(class.to_vec(), BTreeMap::new());
        }
        let Some(levels) = self.by_class.get_mut(class) else {
            return;
        };
        let set = levels.entry(level).or_default();
        let old_head = set.first().copied();
        if set.insert(key) {
            self.len += 1;
        }
        if old_head.is_none_or(|h| key < h) {
            if let Some(h) = old_head {
                self.heads.remove(&Head {
                    key: h,
                    level,
                    class: class.to_vec(),
                });
            }
            self.heads.insert(Head {
                key,
                level,
                class: class.to_vec(),
            });
        }
    }

    /// Removes a stay from the pool of `class` and `level`, if there.
    pub fn remove(&mut self, class: &[SkillRequirement], level: u8, key: &StayKey) {
        let Some(levels) = self.by_class.get_mut(class) else {
            return;
        };
        let Some(set) = levels.get_mut(&level) else {
            return;
        };
        let was_head = set.first() == Some(key);
        if set.remove(key) {
            self.len -= 1;
        }
        if was_head {
            self.heads.remove(&Head {
                key: *key,
                level,
                class: class.to_vec(),
            });
            if let Some(next) = set.first() {
                self.heads.insert(Head {
                    key: *next,
                    level,
                    class: class.to_vec(),
                });
            }
        }
        if set.is_empty() {
            levels.remove(&level);
        }
        if levels.is_empty() {
            self.by_class.remove(class);
        }
    }

    /// How many stays wait in the queue.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when nothing waits in the queue.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Every pool's head, best first.
    pub fn heads(&self) -> impl Iterator<Item = &Head> {
        self.heads.iter()
    }

    /// The pool of `class` and `level`.
    pub fn pool(&self, class: &[SkillRequirement], level: u8) -> Option<&BTreeSet<StayKey>> {
        self.by_class.get(class)?.get(&level)
    }

    /// Every pool, each in serving order.
    pub fn sets(&self) -> impl Iterator<Item = &BTreeSet<StayKey>> {
        self.by_class.values().flat_map(|levels| levels.values())
    }

    /// Every waiting stay, pool by pool.
    pub fn keys(&self) -> impl Iterator<Item = &StayKey> {
        self.by_class
            .values()
            .flat_map(|levels| levels.values())
            .flatten()
    }
}
