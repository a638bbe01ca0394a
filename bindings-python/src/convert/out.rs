//! Core results to a plain value tree, through `serde::Serialize`, without touching Python.
//!
//! This runs while the GIL is released. It differs from `serde_json::to_value` in one way that
//! matters: chrono serialises instants and times through `collect_str`, which we intercept, so
//! every `DateTime<Utc>` and `NaiveTime` in a result becomes a typed [`Out::DateTime`] /
//! [`Out::Time`] (and later a Python `datetime` / `time`) while plain strings stay strings.

use chrono::{DateTime, NaiveTime, Utc};
use serde::ser::{self, Serialize};
use std::fmt;

/// A serialised result, ready to become Python objects.
#[derive(Debug, Clone, PartialEq)]
pub enum Out {
    /// `None`.
    Null,
    /// `bool`.
    Bool(bool),
    /// A signed integer.
    I64(i64),
    /// An unsigned integer.
    U64(u64),
    /// A float.
    F64(f64),
    /// A string.
    Str(String),
    /// An instant: a timezone-aware `datetime` in UTC.
    DateTime(DateTime<Utc>),
    /// A local wall time (hours of operation): a naive `datetime.time`.
    Time(NaiveTime),
    /// A list.
    Seq(Vec<Out>),
    /// A dict, keys in field order.
    Map(Vec<(String, Out)>),
}

/// Why a value could not be serialised (never expected for core types).
#[derive(Debug)]
pub struct OutError(String);

impl fmt::Display for OutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for OutError {}

impl ser::Error for OutError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        OutError(msg.to_string())
    }
}

/// Serialises any core output.
pub fn to_out<T: Serialize + ?Sized>(value: &T) -> Result<Out, OutError> {
    value.serialize(OutSerializer)
}

/// The serde `Serializer` producing [`Out`].
struct OutSerializer;

/// A list in progress.
pub struct SeqBuilder(Vec<Out>);

/// A list in progress inside a `{variant: [...]}` wrapper.
pub struct VariantSeqBuilder(&'static str, Vec<Out>);

/// A dict in progress.
pub struct MapBuilder {
    entries: Vec<(String, Out)>,
    key: Option<String>,
}

/// A dict in progress inside a `{variant: {...}}` wrapper.
pub struct VariantMapBuilder(&'static str, Vec<(String, Out)>);

impl ser::Serializer for OutSerializer {
    type Ok = Out;
    type Error = OutError;
    type SerializeSeq = SeqBuilder;
    type SerializeTuple = SeqBuilder;
    type SerializeTupleStruct = SeqBuilder;
    type SerializeTupleVariant = VariantSeqBuilder;
    type SerializeMap = MapBuilder;
    type SerializeStruct = MapBuilder;
    type SerializeStructVariant = VariantMapBuilder;

    fn serialize_bool(self, v: bool) -> Result<Out, OutError> {
        Ok(Out::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<Out, OutError> {
        Ok(Out::I64(v.into()))
    }
    fn serialize_i16(self, v: i16) -> Result<Out, OutError> {
        Ok(Out::I64(v.into()))
    }
    fn serialize_i32(self, v: i32) -> Result<Out, OutError> {
        Ok(Out::I64(v.into()))
    }
    fn serialize_i64(self, v: i64) -> Result<Out, OutError> {
        Ok(Out::I64(v))
    }
    fn serialize_u8(self, v: u8) -> Result<Out, OutError> {
        Ok(Out::U64(v.into()))
    }
    fn serialize_u16(self, v: u16) -> Result<Out, OutError> {
        Ok(Out::U64(v.into()))
    }
    fn serialize_u32(self, v: u32) -> Result<Out, OutError> {
        Ok(Out::U64(v.into()))
    }
    fn serialize_u64(self, v: u64) -> Result<Out, OutError> {
        Ok(Out::U64(v))
    }
    fn serialize_f32(self, v: f32) -> Result<Out, OutError> {
        Ok(Out::F64(v.into()))
    }
    fn serialize_f64(self, v: f64) -> Result<Out, OutError> {
        Ok(Out::F64(v))
    }
    fn serialize_char(self, v: char) -> Result<Out, OutError> {
        Ok(Out::Str(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Result<Out, OutError> {
        Ok(Out::Str(v.to_owned()))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Out, OutError> {
        Ok(Out::Seq(v.iter().map(|b| Out::U64((*b).into())).collect()))
    }
    fn serialize_none(self) -> Result<Out, OutError> {
        Ok(Out::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Out, OutError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Out, OutError> {
        Ok(Out::Null)
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<Out, OutError> {
        Ok(Out::Null)
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<Out, OutError> {
        Ok(Out::Str(variant.to_owned()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<Out, OutError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Out, OutError> {
        Ok(Out::Map(vec![(variant.to_owned(), to_out(value)?)]))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<SeqBuilder, OutError> {
        Ok(SeqBuilder(Vec::with_capacity(len.unwrap_or(0))))
    }
    fn serialize_tuple(self, len: usize) -> Result<SeqBuilder, OutError> {
        Ok(SeqBuilder(Vec::with_capacity(len)))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<SeqBuilder, OutError> {
        Ok(SeqBuilder(Vec::with_capacity(len)))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<VariantSeqBuilder, OutError> {
        Ok(VariantSeqBuilder(variant, Vec::with_capacity(len)))
    }
    fn serialize_map(self, len: Option<usize>) -> Result<MapBuilder, OutError> {
        Ok(MapBuilder {
            entries: Vec::with_capacity(len.unwrap_or(0)),
            key: None,
        })
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<MapBuilder, OutError> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<VariantMapBuilder, OutError> {
        Ok(VariantMapBuilder(variant, Vec::with_capacity(len)))
    }

    /// chrono writes `DateTime` and `NaiveTime` through here (plain strings never are).
    fn collect_str<T: fmt::Display + ?Sized>(self, value: &T) -> Result<Out, OutError> {
        let s = value.to_string();
        if let Ok(t) = DateTime::parse_from_rfc3339(&s) {
            return Ok(Out::DateTime(t.with_timezone(&Utc)));
        }
        if let Ok(t) = s.parse::<NaiveTime>() {
            return Ok(Out::Time(t));
        }
        Ok(Out::Str(s))
    }
}

impl ser::SerializeSeq for SeqBuilder {
    type Ok = Out;
    type Error = OutError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), OutError> {
        self.0.push(to_out(value)?);
        Ok(())
    }
    fn end(self) -> Result<Out, OutError> {
        Ok(Out::Seq(self.0))
    }
}

impl ser::SerializeTuple for SeqBuilder {
    type Ok = Out;
    type Error = OutError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), OutError> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<Out, OutError> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for SeqBuilder {
    type Ok = Out;
    type Error = OutError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), OutError> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<Out, OutError> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleVariant for VariantSeqBuilder {
    type Ok = Out;
    type Error = OutError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), OutError> {
        self.1.push(to_out(value)?);
        Ok(())
    }
    fn end(self) -> Result<Out, OutError> {
        Ok(Out::Map(vec![(self.0.to_owned(), Out::Seq(self.1))]))
    }
}

/// Map keys become strings: ids and enum names already are; numbers are written out.
fn key_string(key: Out) -> Result<String, OutError> {
    match key {
        Out::Str(s) => Ok(s),
        Out::I64(n) => Ok(n.to_string()),
        Out::U64(n) => Ok(n.to_string()),
        Out::Bool(b) => Ok(b.to_string()),
        Out::DateTime(t) => Ok(t.to_rfc3339()),
        other => Err(OutError(format!("unsupported map key {other:?}"))),
    }
}

impl ser::SerializeMap for MapBuilder {
    type Ok = Out;
    type Error = OutError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), OutError> {
        self.key = Some(key_string(to_out(key)?)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), OutError> {
        let key = self
            .key
            .take()
            .ok_or_else(|| OutError("map value without a key".into()))?;
        self.entries.push((key, to_out(value)?));
        Ok(())
    }
    fn end(self) -> Result<Out, OutError> {
        Ok(Out::Map(self.entries))
    }
}

impl ser::SerializeStruct for MapBuilder {
    type Ok = Out;
    type Error = OutError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), OutError> {
        self.entries.push((key.to_owned(), to_out(value)?));
        Ok(())
    }
    fn end(self) -> Result<Out, OutError> {
        Ok(Out::Map(self.entries))
    }
}

impl ser::SerializeStructVariant for VariantMapBuilder {
    type Ok = Out;
    type Error = OutError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), OutError> {
        self.1.push((key.to_owned(), to_out(value)?));
        Ok(())
    }
    fn end(self) -> Result<Out, OutError> {
        Ok(Out::Map(vec![(self.0.to_owned(), Out::Map(self.1))]))
    }
}
