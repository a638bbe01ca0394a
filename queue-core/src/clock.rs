//! Where time comes from — the system clock in production, a manual clock in tests — and the
//! range of instants the engine works with.
//!
//! Every instant the engine stores or returns lies in [`EARLIEST`]`..=`[`LATEST`] (years 1 to
//! 9999, what Python's `datetime` holds; JavaScript `Date`s reach further), and every sum of
//! an instant and a duration saturates into that range ([`plus`], [`plus_seconds`]), so no
//! clock reading or stored value can make a computation overflow, and every result converts
//! into each binding's date type.

use crate::{Error, Result};
use chrono::{DateTime, Duration, Utc};
use std::sync::Mutex;

/// The earliest instant the engine works with: 0001-01-01T00:00:00Z.
pub const EARLIEST: DateTime<Utc> = match DateTime::from_timestamp(-62_135_596_800, 0) {
    Some(t) => t,
    None => DateTime::<Utc>::MIN_UTC,
};

/// The latest instant the engine works with: 9999-12-31T23:59:59.999999Z.
pub const LATEST: DateTime<Utc> = match DateTime::from_timestamp(253_402_300_799, 999_999_000) {
    Some(t) => t,
    None => DateTime::<Utc>::MAX_UTC,
};

/// `t` moved into [`EARLIEST`]`..=`[`LATEST`].
pub fn clamp(t: DateTime<Utc>) -> DateTime<Utc> {
    t.clamp(EARLIEST, LATEST)
}

/// `t + d`, saturating at the ends of the supported range.
///
/// ```
/// use queue_core::clock::{plus, LATEST};
/// assert_eq!(plus(LATEST, chrono::Duration::days(1)), LATEST);
/// ```
pub fn plus(t: DateTime<Utc>, d: Duration) -> DateTime<Utc> {
    match t.checked_add_signed(d) {
        Some(x) => clamp(x),
        None if d < Duration::zero() => EARLIEST,
        None => LATEST,
    }
}

/// `t` plus `secs` seconds, saturating at the ends of the supported range.
pub fn plus_seconds(t: DateTime<Utc>, secs: i64) -> DateTime<Utc> {
    match Duration::try_seconds(secs) {
        Some(d) => plus(t, d),
        None if secs < 0 => EARLIEST,
        None => LATEST,
    }
}

/// `t` plus `secs` seconds, or `None` past either end of the supported range: for instants
/// that mean "never" when they do not fall inside the calendar (a next escalation).
pub fn checked_plus_seconds(t: DateTime<Utc>, secs: i64) -> Option<DateTime<Utc>> {
    t.checked_add_signed(Duration::try_seconds(secs)?)
        .filter(|x| (EARLIEST..=LATEST).contains(x))
}

/// `t` itself when it lies in the supported range, else an [`Error::InvalidInput`] on `field`.
pub fn check(field: &str, t: DateTime<Utc>) -> Result<DateTime<Utc>> {
    if (EARLIEST..=LATEST).contains(&t) {
        Ok(t)
    } else {
        Err(Error::invalid(
            field,
            "must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z",
        ))
    }
}

/// A source of the current time; the engine never reads the wall clock any other way.
///
/// A reading outside the supported range is taken as its nearest end.
pub trait Clock: Send + Sync {
    /// The current instant.
    fn now(&self) -> DateTime<Utc>;
}

/// The wall clock of the host machine.
///
/// ```
/// use queue_core::{Clock, SystemClock};
/// assert!(SystemClock.now().timestamp() > 0);
/// ```
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that only moves when told to, so tests and simulations are reproducible.
///
/// It always stands inside the supported range: [`ManualClock::set`] and
/// [`ManualClock::advance`] stop at its ends, [`ManualClock::try_set`] and
/// [`ManualClock::try_advance`] refuse to go past them (the bindings use these).
///
/// ```
/// use queue_core::{Clock, ManualClock};
/// use chrono::{Duration, TimeZone, Utc};
/// let clock = ManualClock::new(Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap());
/// clock.advance(Duration::seconds(30));
/// assert_eq!(clock.now(), Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 30).unwrap());
/// assert!(clock.try_advance(Duration::seconds(-1)).is_err()); // forward only
/// ```
#[derive(Debug)]
pub struct ManualClock {
    now: Mutex<DateTime<Utc>>,
}

impl ManualClock {
    /// A clock standing at `start` (moved into the supported range).
    pub fn new(start: DateTime<Utc>) -> Self {
        ManualClock {
            now: Mutex::new(clamp(start)),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, DateTime<Utc>> {
        self.now.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Moves the clock to `t` (backwards too; the engine never goes back in its own history),
    /// stopping at the ends of the supported range.
    pub fn set(&self, t: DateTime<Utc>) {
        *self.lock() = clamp(t);
    }

    /// Moves the clock to `t`, or refuses an instant outside the supported range
    /// ([`Error::InvalidInput`] on `instant`) and stays put.
    pub fn try_set(&self, t: DateTime<Utc>) -> Result<()> {
        *self.lock() = check("instant", t)?;
        Ok(())
    }

    /// Moves the clock forward by `d`, stopping at [`LATEST`]; a negative `d` leaves it where
    /// it is (use [`ManualClock::set`] to go back).
    pub fn advance(&self, d: Duration) {
        let mut now = self.lock();
        *now = plus(*now, d.max(Duration::zero()));
    }

    /// Moves the clock forward by `d` and returns the new time, or refuses a negative `d` or
    /// one that would pass [`LATEST`] ([`Error::InvalidInput`] on `by`) and stays put.
    pub fn try_advance(&self, d: Duration) -> Result<DateTime<Utc>> {
        let mut now = self.lock();
        if d < Duration::zero() {
            return Err(Error::invalid(
                "by",
                "must not be negative: the clock only moves forward (set it to go back)",
            ));
        }
        let to = now
            .checked_add_signed(d)
            .filter(|t| *t <= LATEST)
            .ok_or_else(|| Error::invalid("by", "would move the clock past 9999-12-31"))?;
        *now = to;
        Ok(to)
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.lock()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_saturate_at_both_ends() {
        assert_eq!(plus(LATEST, Duration::MAX), LATEST);
        assert_eq!(plus(EARLIEST, Duration::MIN), EARLIEST);
        assert_eq!(plus_seconds(LATEST, i64::MAX), LATEST);
        assert_eq!(plus_seconds(EARLIEST, i64::MIN), EARLIEST);
        assert_eq!(plus(DateTime::<Utc>::MAX_UTC, Duration::MAX), LATEST);
        assert_eq!(EARLIEST.to_rfc3339(), "0001-01-01T00:00:00+00:00");
        assert_eq!(LATEST.timestamp_subsec_micros(), 999_999);
    }

    #[test]
    fn a_manual_clock_never_leaves_the_range() {
        let c = ManualClock::new(DateTime::<Utc>::MAX_UTC);
        assert_eq!(c.now(), LATEST);
        c.advance(Duration::MAX);
        assert_eq!(c.now(), LATEST);
        c.set(DateTime::<Utc>::MIN_UTC);
        assert_eq!(c.now(), EARLIEST);
        assert!(c.try_set(DateTime::<Utc>::MAX_UTC).is_err());
        assert_eq!(c.now(), EARLIEST);
        assert!(c.try_advance(Duration::MAX).is_err());
        assert!(c.try_advance(Duration::milliseconds(-1)).is_err());
        assert_eq!(c.now(), EARLIEST);
        c.advance(Duration::seconds(-5));
        assert_eq!(c.now(), EARLIEST);
    }
}
