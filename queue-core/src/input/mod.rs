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

mod deserializer;

use crate::Error;
use chrono::{DateTime, NaiveTime, Utc};
use serde::de::{self, Deserialize, DeserializeOwned, Visitor};
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
    pub(super) fn new(problem: Problem) -> Self {
        DecodeError {
            path: Vec::new(),
            problem,
        }
    }

    pub(super) fn at(mut self, segment: Segment) -> Self {
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
pub(super) const INSTANT: &str = "$queue_core::input::instant";

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

pub(super) fn wrong(expected: &str, got: &Value) -> DecodeError {
    DecodeError::new(Problem::WrongType {
        expected: expected.to_owned(),
        got: got.describe(),
    })
}
