//! Writing instants as chrono's serde does (RFC 3339 in UTC, `Z`, the shortest of 0, 3, 6 or
//! 9 fraction digits that holds the nanoseconds), without `core::fmt`: every stored record
//! and event writes several, and chrono's formatting machinery was an eighth of a command.
//! Fields opt in with `#[serde(serialize_with = "crate::instant::serialize")]` (or
//! `…::option`); reading is chrono's own, unchanged.

use chrono::{DateTime, Datelike, SecondsFormat, Timelike, Utc};
use serde::Serializer;

/// The longest text [`write`] makes: `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ`.
const LEN: usize = 30;

/// Writes `t` as chrono's serde form into `buf`; `None` for years outside 0..=9999 and leap
/// seconds, which chrono writes differently (callers fall back to it).
fn write(t: &DateTime<Utc>, buf: &mut [u8; LEN]) -> Option<usize> {
    let year = u32::try_from(t.year()).ok().filter(|y| *y <= 9999)?;
    let nanos = t.nanosecond();
    if nanos >= 1_000_000_000 {
        return None;
    }
    let mut put = |at: usize, v: u32, digits: usize| {
        let mut v = v;
        for i in (0..digits).rev() {
            buf[at + i] = b'0' + (v % 10) as u8;
            v /= 10;
        }
    };
    put(0, year, 4);
    put(5, t.month(), 2);
    put(8, t.day(), 2);
    put(11, t.hour(), 2);
    put(14, t.minute(), 2);
    put(17, t.second(), 2);
    let end = match nanos {
        0 => 19,
        n if n % 1_000_000 == 0 => {
            put(20, n / 1_000_000, 3);
            23
        }
        n if n % 1000 == 0 => {
            put(20, n / 1000, 6);
            26
        }
        n => {
            put(20, n, 9);
            29
        }
    };
    for (at, c) in [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')] {
        buf[at] = c;
    }
    if end > 19 {
        buf[19] = b'.';
    }
    buf[end] = b'Z';
    Some(end + 1)
}

/// Serializes an instant exactly as chrono does, faster. Through `collect_str`, as chrono:
/// serializers that tell instants from other text by it (the Python binding turns them into
/// `datetime`s) still do; the text is written in one piece.
pub(crate) fn serialize<S: Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
    let mut buf = [0u8; LEN];
    match write(t, &mut buf).and_then(|n| std::str::from_utf8(&buf[..n]).ok()) {
        Some(text) => s.collect_str(&Text(text)),
        None => s.collect_str(&t.to_rfc3339_opts(SecondsFormat::AutoSi, true)),
    }
}

/// Text displayed as itself.
struct Text<'a>(&'a str);

impl std::fmt::Display for Text<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

/// Optional instants (`#[serde(serialize_with = "crate::instant::option")]`).
pub(crate) fn option<S: Serializer>(t: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
    struct Some_<'a>(&'a DateTime<Utc>);
    impl serde::Serialize for Some_<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            serialize(self.0, s)
        }
    }
    match t {
        Some(t) => s.serialize_some(&Some_(t)),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize)]
    struct Ours {
        #[serde(serialize_with = "serialize")]
        t: DateTime<Utc>,
        #[serde(serialize_with = "option")]
        o: Option<DateTime<Utc>>,
    }

    #[derive(serde::Serialize)]
    struct Chronos {
        t: DateTime<Utc>,
        o: Option<DateTime<Utc>>,
    }

    #[test]
    fn instants_are_written_byte_for_byte_as_chrono_writes_them() {
        let base = DateTime::parse_from_rfc3339("2026-02-28T23:59:59Z")
            .unwrap()
            .to_utc();
        let nanos = [
            0,
            1,
            999,
            1000,
            120_000,
            1_000_000,
            5_000_000,
            123_456_789,
            999_999_999,
        ];
        let days = [0, 1, 366, -700_000, -800_000, 2_000_000, 3_000_000];
        for n in nanos {
            for d in days {
                let t = base + chrono::Duration::days(d) + chrono::Duration::nanoseconds(n);
                for o in [None, Some(t)] {
                    let ours = serde_json::to_string(&Ours { t, o }).unwrap();
                    let chronos = serde_json::to_string(&Chronos { t, o }).unwrap();
                    assert_eq!(ours, chronos);
                }
            }
        }
        for t in [DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC] {
            let ours = serde_json::to_string(&Ours { t, o: None }).unwrap();
            let chronos = serde_json::to_string(&Chronos { t, o: None }).unwrap();
            assert_eq!(ours, chronos);
        }
    }
}
