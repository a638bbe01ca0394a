//! Writing (and reading back) instants as chrono's serde does (RFC 3339 in UTC, `Z`, the shortest of 0, 3, 6 or
//! 9 fraction digits that holds the nanoseconds), without `core::fmt`: every stored record
//! and event writes several, and chrono's formatting machinery was an eighth of a command.
//! Fields opt in with `#[serde(serialize_with = "crate::instant::serialize")]` (or
//! `…::option`); reading is chrono's own, unchanged.

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, SecondsFormat, Timelike, Utc};
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

/// `t` as chrono's serde form.
pub(crate) fn text(t: DateTime<Utc>) -> String {
    let mut buf = [0u8; LEN];
    match write(&t, &mut buf).and_then(|n| std::str::from_utf8(&buf[..n]).ok()) {
        Some(text) => text.to_owned(),
        None => t.to_rfc3339_opts(SecondsFormat::AutoSi, true),
    }
}

/// The instant `s` names, when chrono writes it back exactly as `s` (so the memory store
/// can pack it as a number and unpack the very string serde gave): `YYYY-MM-DDTHH:MM:SS` then no fraction or 3, 6 or 9 digits
/// (the shortest that holds the nanoseconds, as chrono's `AutoSi` writes them), then `Z`.
/// By hand, the inverse of [`write`]: chrono's parser and a check by formatting back cost a
/// fifth of a command. Anything else (other years, leap seconds) is `None`.
pub(crate) fn parse(s: &str) -> Option<DateTime<Utc>> {
    let b = s.as_bytes();
    let n = b.len();
    if !matches!(n, 20 | 24 | 27 | 30) || b[n - 1] != b'Z' {
        return None;
    }
    let digits = |from: usize, len: usize| -> Option<u32> {
        b.get(from..from + len)?.iter().try_fold(0u32, |acc, c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let punct = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')];
    if punct.iter().any(|(i, c)| b[*i] != *c) {
        return None;
    }
    let (year, month, day) = (digits(0, 4)?, digits(5, 2)?, digits(8, 2)?);
    let (hour, min, sec) = (digits(11, 2)?, digits(14, 2)?, digits(17, 2)?);
    let nanos = match n {
        20 => 0,
        _ if b[19] != b'.' => return None,
        24 => digits(20, 3).filter(|v| *v != 0)? * 1_000_000,
        27 => digits(20, 6).filter(|v| v % 1000 != 0)? * 1000,
        _ => digits(20, 9).filter(|v| v % 1000 != 0)?,
    };
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    let time = NaiveTime::from_hms_nano_opt(hour, min, sec, nanos).filter(|_| sec < 60)?;
    Some(date.and_time(time).and_utc())
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

    /// Instants of every fraction length, over years chrono writes plainly and with a sign.
    fn samples() -> impl Iterator<Item = DateTime<Utc>> {
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
        let days = [0, 1, 366, -20_000, -700_000, -800_000, 2_000_000, 3_000_000];
        nanos.into_iter().flat_map(move |n| {
            days.into_iter()
                .map(move |d| base + chrono::Duration::days(d) + chrono::Duration::nanoseconds(n))
        })
    }

    #[test]
    fn instants_are_written_byte_for_byte_as_chrono_writes_them() {
        for t in samples() {
            for o in [None, Some(t)] {
                let ours = serde_json::to_string(&Ours { t, o }).unwrap();
                let chronos = serde_json::to_string(&Chronos { t, o }).unwrap();
                assert_eq!(ours, chronos);
            }
            assert_eq!(text(t), t.to_rfc3339_opts(SecondsFormat::AutoSi, true));
        }
        for t in [DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC] {
            let ours = serde_json::to_string(&Ours { t, o: None }).unwrap();
            let chronos = serde_json::to_string(&Chronos { t, o: None }).unwrap();
            assert_eq!(ours, chronos);
        }
    }

    #[test]
    fn instants_are_read_exactly_as_chrono_writes_them_and_nothing_else() {
        for t in samples() {
            let s = text(t);
            let parsed = parse(&s);
            // Years chrono writes with a sign are left as text; all else reads back exactly.
            assert_eq!(parsed.map(text), parsed.is_some().then(|| s.clone()));
            assert_eq!(parsed.is_some(), (0..=9999).contains(&t.year()), "{s}");
        }
        for s in [
            "2026-12-02T07:41:35.000Z",
            "2026-12-02T07:41:35.120000Z",
            "2026-12-02T07:41:35.123000000Z",
            "2026-12-02T07:41:60Z",
            "2026-02-30T07:41:35Z",
            "2026-12-02T24:00:00Z",
            "2026-12-02 07:41:35Z",
            "2026-12-02T07:41:35+00:00",
            "2026-12-02T07:41:3aZ",
            "not an instant at all",
        ] {
            assert_eq!(parse(s), None, "{s}");
        }
    }
}
