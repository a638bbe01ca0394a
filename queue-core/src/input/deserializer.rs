//! `Value` as a serde `Deserializer`: the rules of the module documentation, applied by the
//! deserialize method each target type calls (`deserialize_string` for text fields,
//! `deserialize_str` for what parses from text, the `INSTANT` newtype for instants, …).

use super::{wrong, DecodeError, Problem, Segment, Value, INSTANT};
use chrono::SecondsFormat;
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};

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
