//! Page keys of the waiting line: a stay's place in serving order, written so a host can
//! hand it back for the next page and cannot forge a valid one by accident.

use super::keys::StayKey;
use crate::ids::StayId;
use crate::{Error, Result};
use base64::Engine as _;
use chrono::DateTime;
use std::cmp::Reverse;

/// A page key names the last stay's place in serving order, not the stay: a stay routed or
/// gone meanwhile does not break the walk, which goes on after that place.
pub(crate) fn encode_page_key(k: &StayKey) -> String {
    let text = format!(
        "w1:{}:{}:{}:{}",
        k.priority.0,
        k.wait_since.timestamp(),
        k.wait_since.timestamp_subsec_nanos(),
        k.id
    );
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text)
}

pub(crate) fn decode_page_key(key: &str) -> Result<StayKey> {
    let bad = || Error::invalid("page_key", "is not a page key this library issued");
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(key)
        .map_err(|_| bad())?;
    let text = String::from_utf8(bytes).map_err(|_| bad())?;
    let mut parts = text.strip_prefix("w1:").ok_or_else(bad)?.split(':');
    let mut next = || parts.next().ok_or_else(bad);
    let priority: i32 = next()?.parse().map_err(|_| bad())?;
    let secs: i64 = next()?.parse().map_err(|_| bad())?;
    let nanos: u32 = next()?.parse().map_err(|_| bad())?;
    let id: StayId = next()?.parse().map_err(|_| bad())?;
    let wait_since = DateTime::from_timestamp(secs, nanos).ok_or_else(bad)?;
    Ok(StayKey {
        priority: Reverse(priority),
        wait_since,
        id,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;
    use uuid::Uuid;

    #[test]
    fn page_keys_round_trip_and_refuse_forgeries() {
        let k = StayKey {
            priority: Reverse(-7),
            wait_since: Utc::now(),
            id: StayId(Uuid::now_v7()),
        };
        assert_eq!(decode_page_key(&encode_page_key(&k)).unwrap(), k);
        for bad in ["", "x", "dzE6", "w1:1:2:3:4"] {
            assert_eq!(decode_page_key(bad).unwrap_err().field(), Some("page_key"));
        }
    }
}
