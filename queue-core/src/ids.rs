//! Typed identifiers (UUID v7, so they sort by creation time) and their generator.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use uuid::Uuid;

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = crate::Error;
            fn from_str(s: &str) -> crate::Result<Self> {
                Uuid::parse_str(s.trim())
                    .map($name)
                    .map_err(|_| crate::Error::invalid(stringify!($name), "must be a UUID"))
            }
        }

        impl From<Uuid> for $name {
            fn from(u: Uuid) -> Self {
                $name(u)
            }
        }
    )*};
}

id_type!(
    /// Identifies a [`crate::User`].
    UserId,
    /// Identifies a personal [`crate::AccessToken`].
    TokenId,
    /// Identifies a [`crate::Company`].
    CompanyId,
    /// Identifies a [`crate::CompanyUser`] — an agent's membership in a company.
    CompanyUserId,
    /// Identifies a [`crate::Skill`].
    SkillId,
    /// Identifies an agent's skill level row ([`crate::CompanyUserSkill`]).
    CompanyUserSkillId,
    /// Identifies a queue's skill minimum row ([`crate::QueueSkill`]).
    QueueSkillId,
    /// Identifies a [`crate::Queue`].
    QueueId,
    /// Identifies an [`crate::Operator`] (one agent staffing one queue).
    OperatorId,
    /// Identifies a weekly [`crate::HoursOfOperation`] schedule.
    HoursId,
    /// Identifies a [`crate::BlacklistHours`] closure.
    BlacklistId,
    /// Identifies a company-defined [`crate::PresenceStatus`] ("Lunch", "Training").
    PresenceStatusId,
    /// Identifies a [`crate::QueueableObject`] (a chat, call, e-mail…).
    ObjectId,
    /// Identifies a [`crate::Stay`] — one object's stay in one queue.
    StayId,
    /// Identifies a [`crate::Note`] on a stay.
    NoteId,
    /// Identifies a [`crate::Rating`].
    RatingId,
    /// Identifies a [`crate::Team`].
    TeamId,
    /// Identifies an [`crate::Interval`] of an agent's time.
    IntervalId,
);

/// Makes v7 UUIDs from the engine's clock, deterministic for a given seed.
///
/// The 74 "random" bits of v7 hold a per-engine seed and a counter, so ids are unique within
/// an engine, sort by creation, and two engines with different seeds never collide.
#[derive(Debug, Clone)]
pub struct IdGen {
    seed: u64,
    counter: u64,
}

impl IdGen {
    /// A generator whose ids are reproducible for `seed`.
    pub fn seeded(seed: u64) -> Self {
        IdGen { seed, counter: 0 }
    }

    /// A generator seeded from the operating system's randomness, for production use.
    pub fn random() -> Self {
        let mut buf = [0u8; 8];
        // Without OS randomness, fall back to a fixed seed: ids stay unique within the engine.
        let _ = getrandom::getrandom(&mut buf);
        IdGen::seeded(u64::from_le_bytes(buf))
    }

    /// The next id, stamped with `now`.
    pub fn next(&mut self, now: DateTime<Utc>) -> Uuid {
        self.counter = self.counter.wrapping_add(1);
        let millis = now.timestamp_millis().max(0) as u64;
        // 74 usable bits: 36 of counter (high, so ids sort within a millisecond), 38 of seed.
        let v: u128 = (u128::from(self.counter & ((1 << 36) - 1)) << 38)
            | u128::from(self.seed & ((1 << 38) - 1));
        let mut bytes = [0u8; 10];
        bytes[0] = ((v >> 70) & 0x0f) as u8; // high nibble is taken by the version
        bytes[1] = ((v >> 62) & 0xff) as u8;
        bytes[2] = ((v >> 56) & 0x3f) as u8; // top two bits are taken by the variant
        for (i, b) in bytes[3..].iter_mut().enumerate() {
            *b = ((v >> (48 - 8 * i)) & 0xff) as u8;
        }
        uuid::Builder::from_unix_timestamp_millis(millis, &bytes).into_uuid()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn ids_are_unique_and_sorted_within_one_millisecond() {
        let now = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let mut g = IdGen::seeded(42);
        let ids: Vec<Uuid> = (0..70_000).map(|_| g.next(now)).collect();
        assert!(ids.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(ids[0].get_version_num(), 7);
    }
}
