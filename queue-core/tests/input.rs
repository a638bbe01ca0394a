//! The decoder bindings use: which values each kind of field takes, and how it says no.
use chrono::{NaiveTime, Utc};
use queue_core::input::*;
use queue_core::{NewBlacklistHours, NewQueue, OpenInterval, QueueUpdate, Show, Strategy};
use uuid::Uuid;

fn map(entries: &[(&str, Value)]) -> Value {
    Value::Map(
        entries
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect(),
    )
}

fn text(s: &str) -> Value {
    Value::Text(s.to_owned())
}

#[test]
fn text_fields_take_text_only() {
    let company = text("019b8d62-7a80-7000-8000-010000000007");
    for v in [
        Value::Instant(Utc::now()),
        Value::Time(NaiveTime::MIN),
        Value::Id(Uuid::nil()),
        Value::Int(5),
        Value::Other("a date".into()),
    ] {
        let got = v.describe();
        let e =
            decode::<NewQueue>(map(&[("company_id", company.clone()), ("name", v)])).unwrap_err();
        assert!(e.is_type_error());
        assert_eq!(
            e.message(str::to_owned),
            format!("name: expected a string, got {got}")
        );
    }
}

#[test]
fn instants_times_and_ids_take_their_own_types_or_text() {
    let t = Utc::now();
    let u = t + chrono::Duration::hours(1);
    let b: NewBlacklistHours = decode(map(&[
        ("starts_at", Value::Instant(t)),
        ("ends_at", Value::Instant(u)),
    ]))
    .unwrap();
    assert_eq!((b.starts_at, b.ends_at), (t, u));
    // An instant takes a date-time, not its text (which JSON still carries).
    let e = decode::<NewBlacklistHours>(map(&[
        ("starts_at", Value::Instant(t)),
        ("ends_at", text("2030-01-01T00:00:00Z")),
    ]))
    .unwrap_err();
    assert_eq!(
        e.message(str::to_owned),
        "ends_at: expected a date-time, got a string"
    );
    let json: NewBlacklistHours = serde_json::from_str(
        r#"{"starts_at": "2030-01-01T00:00:00Z", "ends_at": "2030-01-02T00:00:00Z"}"#,
    )
    .unwrap();
    assert_eq!(json.ends_at.to_rfc3339(), "2030-01-02T00:00:00+00:00");
    let q: queue_core::EventQuery =
        decode(map(&[("from", Value::Instant(t)), ("to", Value::Null)])).unwrap();
    assert_eq!((q.from, q.to), (Some(t), None));
    let iv: OpenInterval = decode(map(&[
        ("weekday", text("mon")),
        (
            "opens",
            Value::Time(NaiveTime::from_hms_opt(9, 0, 0).unwrap()),
        ),
        ("closes", text("17:30")),
    ]))
    .unwrap();
    assert_eq!(iv.closes, NaiveTime::from_hms_opt(17, 30, 0).unwrap());
    assert_eq!(serde_json::to_value(iv).unwrap()["weekday"], "mon");
    // Schedules stored by earlier versions spell weekdays "Mon"; full names are refused.
    let old: OpenInterval =
        serde_json::from_str(r#"{"weekday": "Sun", "opens": "09:00:00", "closes": "10:00:00"}"#)
            .unwrap();
    assert_eq!(old.weekday, chrono::Weekday::Sun);
    let e = decode::<OpenInterval>(map(&[
        ("weekday", text("monday")),
        ("opens", text("09:00")),
        ("closes", text("10:00")),
    ]))
    .unwrap_err();
    assert_eq!(e.into_error().unwrap().field(), Some("weekday"));
    let q: NewQueue = decode(map(&[
        ("company_id", Value::Id(Uuid::nil())),
        ("name", text("q")),
    ]))
    .unwrap();
    assert_eq!(q.company_id.0, Uuid::nil());
}

#[test]
fn numbers_out_of_range_are_invalid_input_naming_the_field() {
    let e = decode::<QueueUpdate>(map(&[("priority_delay", Value::Int(-1))])).unwrap_err();
    assert!(!e.is_type_error());
    let e = e.into_error().unwrap();
    assert_eq!(e.field(), Some("priority_delay"));
    assert!(e.to_string().contains("from 0 to 4294967295"), "{e}");
    let e = decode::<QueueUpdate>(map(&[("priority_delay", Value::Float(1.5))])).unwrap_err();
    assert!(e.is_type_error());
    let e = decode::<QueueUpdate>(map(&[("offer_timeout", Value::Int(1 << 100))])).unwrap_err();
    assert_eq!(e.into_error().unwrap().field(), Some("offer_timeout"));
}

#[test]
fn shapes_names_and_paths() {
    let e = decode::<QueueUpdate>(map(&[("nmae", text("x"))])).unwrap_err();
    assert!(e.is_type_error());
    assert_eq!(e.field(str::to_owned), "nmae");
    let e = decode::<NewQueue>(map(&[("name", text("x"))])).unwrap_err();
    assert_eq!(
        e.problem,
        Problem::MissingField {
            field: "company_id".into()
        }
    );
    let e = decode::<QueueUpdate>(map(&[("strategy", text("fastest"))])).unwrap_err();
    assert_eq!(e.into_error().unwrap().field(), Some("strategy"));
    let ok: QueueUpdate = decode(map(&[("strategy", text("round_robin"))])).unwrap();
    assert_eq!(ok.strategy, Some(Strategy::RoundRobin));
    let e = decode_arg::<Vec<OpenInterval>>(
        "intervals",
        Value::List(vec![map(&[
            ("weekday", text("mon")),
            ("opens", Value::Bool(true)),
            ("closes", text("10:00")),
        ])]),
    )
    .unwrap_err();
    assert_eq!(e.field(str::to_owned), "intervals[0].opens");
    assert!(decode::<Show>(Value::Int(1)).unwrap_err().is_type_error());
    let e = decode_arg::<queue_core::QueueId>("queue_id", Value::Instant(Utc::now())).unwrap_err();
    assert_eq!(
        e.message(str::to_owned),
        "queue_id: expected a string, got a date-time"
    );
    // null clears an optional field of an update.
    let clear: QueueUpdate = decode(map(&[("priority_delay", Value::Null)])).unwrap();
    assert_eq!(clear.priority_delay, Some(None));
}
