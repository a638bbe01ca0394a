//! Unpacking: serde's deserializer for the packed form.

use super::*;

pub(super) struct Unpacker<'a> {
    pub(super) bytes: &'a [u8],
    pub(super) at: usize,
    pub(super) dict: &'a Dict,
    pub(super) locals: Option<&'a Locals>,
    pub(super) last: Option<chrono::DateTime<chrono::Utc>>,
}

pub(super) fn corrupt(what: &str) -> PackError {
    PackError(format!("corrupt packed value: {what}"))
}

impl<'a> Unpacker<'a> {
    fn peek(&self) -> R<u8> {
        self.bytes
            .get(self.at)
            .copied()
            .ok_or_else(|| corrupt("ends early"))
    }

    fn byte(&mut self) -> R<u8> {
        let b = self.peek()?;
        self.at += 1;
        Ok(b)
    }

    pub(super) fn varint(&mut self) -> R<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7F) << shift;
            if b < 0x80 {
                return Ok(v);
            }
        }
        Err(corrupt("varint too long"))
    }

    pub(super) fn take(&mut self, n: usize) -> R<&'a [u8]> {
        let end = self.at.checked_add(n).filter(|e| *e <= self.bytes.len());
        let end = end.ok_or_else(|| corrupt("ends early"))?;
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }

    fn index(&mut self, tag: u8, short: u8) -> R<usize> {
        Ok(if tag >= short {
            usize::from(tag - short)
        } else {
            self.varint()? as usize
        })
    }

    fn word(&self, n: usize) -> R<&'a str> {
        self.dict
            .words
            .get(n)
            .map(|w| &**w)
            .ok_or_else(|| corrupt("unknown word"))
    }

    fn local(&self, n: usize) -> R<Uuid> {
        let ids = self.locals.map(|l| &l.ids[..]).unwrap_or(&[]);
        ids.get(n)
            .copied()
            .ok_or_else(|| corrupt("unknown local id"))
    }

    fn end(&mut self) -> R<()> {
        match self.byte()? {
            END => Ok(()),
            _ => Err(corrupt("expected end")),
        }
    }
}

impl<'de> de::Deserializer<'de> for &mut Unpacker<'_> {
    type Error = PackError;

    fn is_human_readable(&self) -> bool {
        false
    }

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> R<V::Value> {
        let tag = self.byte()?;
        match tag {
            NONE => v.visit_none(),
            SOME => v.visit_some(self),
            UNIT => v.visit_unit(),
            FALSE => v.visit_bool(false),
            TRUE => v.visit_bool(true),
            UINT => v.visit_u64(self.varint()?),
            NINT => v.visit_i64(!(self.varint()? as i64)),
            FLOAT => {
                let b = self.take(8)?;
                let mut a = [0u8; 8];
                a.copy_from_slice(b);
                v.visit_f64(f64::from_le_bytes(a))
            }
            STR => {
                let n = self.varint()? as usize;
                let s = std::str::from_utf8(self.take(n)?).map_err(|_| corrupt("bad utf-8"))?;
                v.visit_str(s)
            }
            BYTES => {
                let n = self.varint()? as usize;
                v.visit_bytes(self.take(n)?)
            }
            UUID => v.visit_bytes(self.take(16)?),
            ID => {
                let n = self.varint()? as usize;
                let id = self.dict.ids.get(n).ok_or_else(|| corrupt("unknown id"))?;
                v.visit_bytes(id.as_bytes())
            }
            TIME => {
                let secs = unzigzag(self.varint()?).saturating_add(EPOCH);
                let nanos = u32::try_from(self.varint()?).map_err(|_| corrupt("bad time"))?;
                let t = chrono::DateTime::from_timestamp(secs, nanos)
                    .ok_or_else(|| corrupt("bad time"))?;
                self.last = Some(t);
                v.visit_string(rfc3339(t))
            }
            LATER => {
                let d = chrono::Duration::nanoseconds(unzigzag(self.varint()?));
                let t = self.last.and_then(|l| l.checked_add_signed(d));
                let t = t.ok_or_else(|| corrupt("bad time"))?;
                self.last = Some(t);
                v.visit_string(rfc3339(t))
            }
            SEQ => {
                let value = v.visit_seq(Items(&mut *self))?;
                self.end()?;
                Ok(value)
            }
            MAP => {
                let value = v.visit_map(Items(&mut *self))?;
                self.end()?;
                Ok(value)
            }
            WORD | SHORT_WORD..SHORT_LOCAL => {
                let n = self.index(tag, SHORT_WORD)?;
                v.visit_str(self.word(n)?)
            }
            LOCAL | SHORT_LOCAL.. => {
                let n = self.index(tag, SHORT_LOCAL)?;
                v.visit_bytes(self.local(n)?.as_bytes())
            }
            SMALL..SHORT_WORD => v.visit_u64(u64::from(tag - SMALL)),
            _ => Err(corrupt("unknown tag")),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> R<V::Value> {
        match self.peek()? {
            NONE => {
                self.at += 1;
                v.visit_none()
            }
            SOME => {
                self.at += 1;
                v.visit_some(self)
            }
            // A value packed without `Some` (a field that became optional) still reads.
            _ => v.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, v: V) -> R<V::Value> {
        v.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        v: V,
    ) -> R<V::Value> {
        if self.peek()? == MAP {
            self.at += 1;
            let value = v.visit_enum(Variant(&mut *self))?;
            self.end()?;
            Ok(value)
        } else {
            let name: String = de::Deserialize::deserialize(&mut *self)?;
            v.visit_enum(name.into_deserializer())
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

/// The items of a sequence or the entries of a map, up to its end tag.
struct Items<'a, 'b>(&'a mut Unpacker<'b>);

impl<'de> SeqAccess<'de> for Items<'_, '_> {
    type Error = PackError;
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> R<Option<T::Value>> {
        if self.0.peek()? == END {
            return Ok(None);
        }
        seed.deserialize(&mut *self.0).map(Some)
    }
}

impl<'de> MapAccess<'de> for Items<'_, '_> {
    type Error = PackError;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> R<Option<K::Value>> {
        if self.0.peek()? == END {
            return Ok(None);
        }
        seed.deserialize(&mut *self.0).map(Some)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> R<V::Value> {
        seed.deserialize(&mut *self.0)
    }
}

/// A variant with content: its name, then the content.
struct Variant<'a, 'b>(&'a mut Unpacker<'b>);

impl<'de> de::EnumAccess<'de> for Variant<'_, '_> {
    type Error = PackError;
    type Variant = Self;
    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> R<(V::Value, Self)> {
        let name = seed.deserialize(&mut *self.0)?;
        Ok((name, self))
    }
}

impl<'de> de::VariantAccess<'de> for Variant<'_, '_> {
    type Error = PackError;
    fn unit_variant(self) -> R<()> {
        de::Deserialize::deserialize(&mut *self.0)
    }
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> R<T::Value> {
        seed.deserialize(&mut *self.0)
    }
    fn tuple_variant<V: Visitor<'de>>(self, _: usize, v: V) -> R<V::Value> {
        de::Deserializer::deserialize_any(&mut *self.0, v)
    }
    fn struct_variant<V: Visitor<'de>>(self, _: &'static [&'static str], v: V) -> R<V::Value> {
        de::Deserializer::deserialize_any(&mut *self.0, v)
    }
}
