//! Dynamic input: the values a binding receives from Python or JavaScript, decoded into the
//! core's input types (`NewQueue`, `QueueUpdate`, `Show`, `Vec<OpenInterval>`, …) by one set
//! of rules for every language.
//!
//! A binding turns each argument into a [`Value`] — keeping what the language knows about its
//! type: a date-time is an [`Value::Instant`], not its text — and calls [`decode`]. The
//! rules:
//! - a text field takes text only: a date-time, a time of day or a UUID where text is
//!   expected is a type error, not silently its string form;
//! - an instant takes a date-time (or its RFC 3339 text), a time of day a time (or `HH:MM`
//!   text), an id a UUID (or its text);
//! - an integer field takes an integer; one outside the field's type (a negative delay, a
//!   level of 300 for a `u8`) is [`Error::InvalidInput`] naming the field, like every other
//!   rule; a fractional number is a type error;
//! - an unknown or missing field, or a value of the wrong shape, is a type error.
//!
//! Type errors ([`DecodeError::is_type_error`]) become `TypeError` in Python and Node; the
//! rest [`DecodeError::into_error`] turns into the core's `InvalidInput`.
//!
//! ```
//! use queue_core::input::{decode, Value};
//! use queue_core::QueueUpdate;
//! let ok: QueueUpdate = decode(Value::Map(vec![("name".into(), Value::Text("vip".into()))])).unwrap();
//! assert_eq!(ok.name.as_deref(), Some("vip"));
//!
//! let when = Value::Instant(chrono::Utc::now());
//! let err = decode::<QueueUpdate>(Value::Map(vec![("name".into(), when)])).unwrap_err();
//! assert!(err.is_type_error());
//! assert_eq!(err.message(|k| k.to_owned()), "name: expected a string, got a date-time");
//!
//! let minus = Value::Map(vec![("priority_delay".into(), Value::Int(-1))]);
//! let err = decode::<QueueUpdate>(minus).unwrap_err().into_error().unwrap();
//! assert_eq!((err.code(), err.field()), ("ERR_INVALID_INPUT", Some("priority_delay")));
//! ```

use crate::Error;
use chrono::{DateTime, NaiveTime, SecondsFormat, Utc};
use serde::de::{
    self, Deserialize, DeserializeOwned, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess,
    Visitor,
};
use std::fmt;
use uuid::Uuid;

/// One argument as a binding received it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `None` / `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A whole number (Python `int`, an integral JavaScript number).
    Int(i128),
    /// A number with a fraction.
    Float(f64),
    /// Text.
    Text(String),
    /// A date-time (Python aware `datetime`, JavaScript `Date`), already in UTC.
    Instant(DateTime<Utc>),
    /// A local time of day (Python `time`).
    Time(NaiveTime),
    /// A UUID object (Python `uuid.UUID`).
    Id(Uuid),
    /// A sequence.
    List(Vec<Value>),
    /// A mapping with text keys, in the caller's order; keys are the core's snake_case names.
    Map(Vec<(String, Value)>),
    /// Anything else, named as the language names it (`"a date"`, `"type bigint"`): always
    /// a type error.
    Other(String),
}

impl Value {
    /// How messages name the value's type.
    pub fn describe(&self) -> String {
        match self {
            Value::Null => "null".into(),
            Value::Bool(_) => "a boolean".into(),
            Value::Int(_) => "an integer".into(),
            Value::Float(_) => "a non-integer number".into(),
            Value::Text(_) => "a string".into(),
            Value::Instant(_) => "a date-time".into(),
            Value::Time(_) => "a time of day".into(),
            Value::Id(_) => "a UUID".into(),
            Value::List(_) => "a list".into(),
            Value::Map(_) => "a mapping".into(),
            Value::Other(name) => name.clone(),
        }
    }
}

/// One step of the path to a value inside an argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// A field.
    Key(String),
    /// A list element.
    Index(usize),
}

/// What was wrong with a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The value has the wrong type.
    WrongType {
        /// What the field takes, e.g. `"a string"`.
        expected: String,
        /// What it got, e.g. `"a date-time"`.
        got: String,
    },
    /// A field the input type does not have.
    UnknownField {
        /// The field.
        field: String,
        /// The fields it has.
        expected: &'static [&'static str],
    },
    /// A required field is absent.
    MissingField {
        /// The field.
        field: String,
    },
    /// The type is right, the value is not acceptable (out of range, not a UUID, an unknown
    /// name).
    Invalid {
        /// The rule it broke.
        reason: String,
    },
}

/// Why a [`Value`] did not decode, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// Where the value sits, outermost first.
    pub path: Vec<Segment>,
    /// What was wrong.
    pub problem: Problem,
}

impl DecodeError {
    fn new(problem: Problem) -> Self {
        DecodeError {
            path: Vec::new(),
            problem,
        }
    }

    fn at(mut self, segment: Segment) -> Self {
        self.path.insert(0, segment);
        self
    }

    /// True for a wrong type or shape (a `TypeError` in the bindings).
    pub fn is_type_error(&self) -> bool {
        !matches!(self.problem, Problem::Invalid { .. })
    }

    /// The field as a dotted path (`intervals[0].opens`), keys spelled by `name` (the
    /// identity for snake_case, a camelCase function for JavaScript).
    pub fn field(&self, name: impl Fn(&str) -> String) -> String {
        let mut out = String::new();
        let mut path = self.path.clone();
        if let Problem::UnknownField { field, .. } | Problem::MissingField { field } = &self.problem
        {
            path.push(Segment::Key(field.clone()));
        }
        for seg in &path {
            match seg {
                Segment::Key(k) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(&name(k));
                }
                Segment::Index(i) => out.push_str(&format!("[{i}]")),
            }
        }
        out
    }

    /// A message naming the field (keys spelled by `name`) and what was wrong.
    pub fn message(&self, name: impl Fn(&str) -> String) -> String {
        let field = self.field(&name);
        let what = match &self.problem {
            Problem::WrongType { expected, got } => format!("expected {expected}, got {got}"),
            Problem::UnknownField { expected, .. } => {
                let known: Vec<String> = expected.iter().map(|f| name(f)).collect();
                format!("unknown field (expected one of: {})", known.join(", "))
            }
            Problem::MissingField { .. } => "missing, but required".to_owned(),
            Problem::Invalid { reason } => reason.clone(),
        };
        if field.is_empty() {
            what
        } else {
            format!("{field}: {what}")
        }
    }

    /// The core's [`Error::InvalidInput`] for an unacceptable value; `None` for a type error.
    pub fn into_error(self) -> Option<Error> {
        match &self.problem {
            Problem::Invalid { reason } => Some(Error::invalid(self.field(str::to_owned), reason)),
            _ => None,
        }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(str::to_owned))
    }
}

impl std::error::Error for DecodeError {}

impl de::Error for DecodeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DecodeError::new(Problem::Invalid {
            reason: msg.to_string(),
        })
    }

    fn invalid_type(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        DecodeError::new(Problem::WrongType {
            expected: exp.to_string(),
            got: unexp.to_string(),
        })
    }

    fn invalid_value(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        DecodeError::new(Problem::Invalid {
            reason: format!("must be {exp}, not {unexp}"),
        })
    }

    fn invalid_length(len: usize, exp: &dyn de::Expected) -> Self {
        DecodeError::new(Problem::WrongType {
            expected: exp.to_string(),
            got: format!("{len} elements"),
        })
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        DecodeError::new(Problem::Invalid {
            reason: format!("must be one of {}, not {variant:?}", expected.join(", ")),
        })
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        DecodeError::new(Problem::UnknownField {
            field: field.to_owned(),
            expected,
        })
    }

    fn missing_field(field: &'static str) -> Self {
        DecodeError::new(Problem::MissingField {
            field: field.to_owned(),
        })
    }
}

/// The newtype name through which an input instant asks for a date-time: [`Value`] then
/// takes only [`Value::Instant`], while serde_json (stored records, JSON hosts) reads the
/// RFC 3339 text as before.
const INSTANT: &str = "$queue_core::input::instant";

/// An instant field of an input struct (`#[serde(deserialize_with = "crate::input::instant")]`).
pub(crate) fn instant<'de, D: de::Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = DateTime<Utc>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a date-time")
        }
        fn visit_newtype_struct<D: de::Deserializer<'de>>(
            self,
            d: D,
        ) -> Result<DateTime<Utc>, D::Error> {
            <DateTime<Utc> as serde::Deserialize>::deserialize(d)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<DateTime<Utc>, E> {
            v.parse().map_err(E::custom)
        }
    }
    d.deserialize_newtype_struct(INSTANT, V)
}

/// An optional instant field of an input struct.
pub(crate) fn optional_instant<'de, D: de::Deserializer<'de>>(
    d: D,
) -> Result<Option<DateTime<Utc>>, D::Error> {
    struct Wrapped(DateTime<Utc>);
    impl<'de> serde::Deserialize<'de> for Wrapped {
        fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            instant(d).map(Wrapped)
        }
    }
    Ok(Option::<Wrapped>::deserialize(d)?.map(|w| w.0))
}

/// Decodes `value` into the core input type `T`.
pub fn decode<T: DeserializeOwned>(value: Value) -> Result<T, DecodeError> {
    T::deserialize(value)
}

/// Decodes `value`, the argument `name`, into `T`: errors name the argument first.
///
/// ```
/// use queue_core::input::{decode_arg, Value};
/// let err = decode_arg::<u8>("level", Value::Int(300)).unwrap_err().into_error().unwrap();
/// assert_eq!(err.field(), Some("level"));
/// ```
pub fn decode_arg<T: DeserializeOwned>(name: &str, value: Value) -> Result<T, DecodeError> {
    T::deserialize(value).map_err(|e| e.at(Segment::Key(name.to_owned())))
}

fn wrong(expected: &str, got: &Value) -> DecodeError {
    DecodeError::new(Problem::WrongType {
        expected: expected.to_owned(),
        got: got.describe(),
    })
}

macro_rules! integer {
    ($($method:ident: $t:ty => $visit:ident,)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
            match self {
                Value::Int(n) => match <$t>::try_from(n) {
                    Ok(x) => visitor.$visit(x),
                    Err(_) => Err(DecodeError::new(Problem::Invalid {
                        reason: format!(
                            "must be a whole number from {} to {}",
                            <$t>::MIN,
                            <$t>::MAX
                        ),
                    })),
                },
                other => Err(wrong("an integer", &other)),
            }
        }
    )*};
}

impl<'de> de::Deserializer<'de> for Value {
    type Error = DecodeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(b),
            Value::Int(n) => match i64::try_from(n) {
                Ok(x) => visitor.visit_i64(x),
                Err(_) => visitor.visit_i128(n),
            },
            Value::Float(x) => visitor.visit_f64(x),
            Value::List(_) => self.deserialize_seq(visitor),
            Value::Map(_) => self.deserialize_map(visitor),
            Value::Text(_) | Value::Time(_) | Value::Id(_) => self.deserialize_str(visitor),
            Value::Instant(t) => {
                visitor.visit_string(t.to_rfc3339_opts(SecondsFormat::AutoSi, true))
            }
            other @ Value::Other(_) => Err(wrong("a plain value", &other)),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self {
            Value::Bool(b) => visitor.visit_bool(b),
            other => Err(wrong("true or false", &other)),
        }
    }

    integer! {
        deserialize_i8: i8 => visit_i8,
        deserialize_i16: i16 => visit_i16,
        deserialize_i32: i32 => visit_i32,
        deserialize_i64: i64 => visit_i64,
        deserialize_i128: i128 => visit_i128,
        deserialize_u8: u8 => visit_u8,
        deserialize_u16: u16 => visit_u16,
        deserialize_u32: u32 => visit_u32,
        deserialize_u64: u64 => visit_u64,
        deserialize_u128: u128 => visit_u128,
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self {
            Value::Int(n) => visitor.visit_f64(n as f64),
            Value::Float(x) => visitor.visit_f64(x),
            other => Err(wrong("a number", &other)),
        }
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        self.deserialize_string(visitor)
    }

    /// Types parsed from text (times of day, UUIDs, weekdays) ask for `str`: they take the
    /// language's own value too. (Input instants ask through the `INSTANT` newtype.)
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self {
            Value::Text(s) => visitor.visit_string(s),
            Value::Time(t) => visitor.visit_string(t.format("%H:%M:%S%.f").to_string()),
            Value::Id(u) => visitor.visit_string(u.to_string()),
            other => Err(wrong("a string", &other)),
        }
    }

    /// `String` fields ask for `string`: they take text and nothing else.
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self {
            Value::Text(s) => visitor.visit_string(s),
            other => Err(wrong("a string", &other)),
        }
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, DecodeError> {
        Err(wrong("bytes", &self))
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, DecodeError> {
        Err(wrong("bytes", &self))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self {
            Value::Null => visitor.visit_none(),
            other => visitor.visit_some(other),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self {
            Value::Null => visitor.visit_unit(),
            other => Err(wrong("null", &other)),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        match self {
            Value::Instant(t) if name == INSTANT => visitor
                .visit_newtype_struct(Value::Text(t.to_rfc3339_opts(SecondsFormat::AutoSi, true))),
            other if name == INSTANT => Err(wrong("a date-time", &other)),
            other => visitor.visit_newtype_struct(other),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self {
            Value::List(items) => {
                let mut seq = Seq {
                    items: items.into_iter(),
                    index: 0,
                };
                let out = visitor.visit_seq(&mut seq)?;
                match seq.items.len() {
                    0 => Ok(out),
                    left => Err(DecodeError::new(Problem::WrongType {
                        expected: format!("{} elements", seq.index),
                        got: format!("{} elements", seq.index + left),
                    })),
                }
            }
            other => Err(wrong("a list", &other)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self {
            Value::Map(entries) => visitor.visit_map(Map {
                entries: entries.into_iter(),
                pending: None,
            }),
            other => Err(wrong("a mapping of fields", &other)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        match self {
            // Every input enum is a plain name (`"available"`, `"round_robin"`).
            Value::Text(s) => visitor.visit_enum(s.into_deserializer()),
            other => Err(wrong(&format!("one of {}", variants.join(", ")), &other)),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        self.deserialize_string(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        visitor.visit_unit()
    }
}

impl<'de> IntoDeserializer<'de, DecodeError> for Value {
    type Deserializer = Value;
    fn into_deserializer(self) -> Value {
        self
    }
}

struct Seq {
    items: std::vec::IntoIter<Value>,
    index: usize,
}

impl<'de> SeqAccess<'de> for &mut Seq {
    type Error = DecodeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DecodeError> {
        let Some(item) = self.items.next() else {
            return Ok(None);
        };
        let i = self.index;
        self.index += 1;
        seed.deserialize(item)
            .map(Some)
            .map_err(|e| e.at(Segment::Index(i)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct Map {
    entries: std::vec::IntoIter<(String, Value)>,
    pending: Option<(String, Value)>,
}

impl<'de> MapAccess<'de> for Map {
    type Error = DecodeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DecodeError> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        let k = seed.deserialize(Value::Text(key.clone()))?;
        self.pending = Some((key, value));
        Ok(Some(k))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, DecodeError> {
        let (key, value) = self
            .pending
            .take()
            .ok_or_else(|| <DecodeError as de::Error>::custom("a value without its key"))?;
        seed.deserialize(value).map_err(|e| e.at(Segment::Key(key)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{NewBlacklistHours, NewQueue, OpenInterval, QueueUpdate, Show, Strategy};

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
            let e = decode::<NewQueue>(map(&[("company_id", company.clone()), ("name", v)]))
                .unwrap_err();
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
        let q: crate::EventQuery =
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
        let old: OpenInterval = serde_json::from_str(
            r#"{"weekday": "Sun", "opens": "09:00:00", "closes": "10:00:00"}"#,
        )
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
        let e = decode_arg::<crate::QueueId>("queue_id", Value::Instant(Utc::now())).unwrap_err();
        assert_eq!(
            e.message(str::to_owned),
            "queue_id: expected a string, got a date-time"
        );
        // null clears an optional field of an update.
        let clear: QueueUpdate = decode(map(&[("priority_delay", Value::Null)])).unwrap();
        assert_eq!(clear.priority_delay, Some(None));
    }
}
