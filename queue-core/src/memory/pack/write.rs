//! Packing: serde's serializer for the packed form.

use super::*;

pub(super) struct Packer<'a> {
    pub(super) out: &'a mut Vec<u8>,
    pub(super) dict: &'a mut Dict,
    pub(super) locals: Option<&'a mut Locals>,
    /// The last instant packed: a record's instants are close together, so each after the
    /// first is a small difference.
    pub(super) last: Option<chrono::DateTime<chrono::Utc>>,
}

impl Packer<'_> {
    fn tagged(&mut self, short: u8, long: u8, n: u32) {
        if n < 64 {
            self.out.push(short + n as u8);
        } else {
            self.out.push(long);
            varint(self.out, u64::from(n));
        }
    }

    fn uint(&mut self, v: u64) {
        if v < 64 {
            self.out.push(SMALL + v as u8);
        } else {
            self.out.push(UINT);
            varint(self.out, v);
        }
    }

    fn int(&mut self, v: i64) {
        if v >= 0 {
            self.uint(v as u64);
        } else {
            self.out.push(NINT);
            varint(self.out, !v as u64);
        }
    }

    fn key(&mut self, name: &str) {
        match self.dict.word(name) {
            Some(n) => self.tagged(SHORT_WORD, WORD, n),
            None => self.text(name),
        }
    }

    fn text(&mut self, s: &str) {
        self.out.push(STR);
        varint(self.out, s.len() as u64);
        self.out.extend_from_slice(s.as_bytes());
    }

    fn id(&mut self, id: Uuid) {
        if let Some(n) = self.dict.id_of.get(&id) {
            self.out.push(ID);
            varint(self.out, u64::from(*n));
        } else if let Some(locals) = self.locals.as_deref_mut() {
            let n = *locals.index.entry(id).or_insert_with(|| {
                locals.ids.push(id);
                locals.ids.len() as u32 - 1
            });
            self.tagged(SHORT_LOCAL, LOCAL, n);
        } else {
            self.out.push(UUID);
            self.out.extend_from_slice(id.as_bytes());
        }
    }
}

impl<'a, 'b> ser::Serializer for &'a mut Packer<'b> {
    type Ok = ();
    type Error = PackError;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn is_human_readable(&self) -> bool {
        false
    }
    fn serialize_bool(self, v: bool) -> R<()> {
        self.out.push(if v { TRUE } else { FALSE });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> R<()> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> R<()> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> R<()> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i64(self, v: i64) -> R<()> {
        self.int(v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> R<()> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> R<()> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u32(self, v: u32) -> R<()> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u64(self, v: u64) -> R<()> {
        self.uint(v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> R<()> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> R<()> {
        self.out.push(FLOAT);
        self.out.extend_from_slice(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_char(self, v: char) -> R<()> {
        self.text(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    /// Instants (chrono writes them through here) and other displayed values are formatted
    /// on the stack: serde's default would allocate and grow a `String` for each.
    fn collect_str<T: fmt::Display + ?Sized>(self, v: &T) -> R<()> {
        let mut buf = StackText::default();
        if fmt::write(&mut buf, format_args!("{v}")).is_ok() {
            return self.serialize_str(buf.as_str());
        }
        self.serialize_str(&v.to_string())
    }
    fn serialize_str(self, v: &str) -> R<()> {
        if let Some(t) = instant(v) {
            match self.last.and_then(|l| (t - l).num_nanoseconds()) {
                Some(d) => {
                    self.out.push(LATER);
                    varint(self.out, zigzag(d));
                }
                None => {
                    self.out.push(TIME);
                    varint(self.out, zigzag(t.timestamp() - EPOCH));
                    varint(self.out, u64::from(t.timestamp_subsec_nanos()));
                }
            }
            self.last = Some(t);
        } else {
            self.key(v);
        }
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> R<()> {
        match Uuid::from_slice(v) {
            Ok(id) => self.id(id),
            Err(_) => {
                self.out.push(BYTES);
                varint(self.out, v.len() as u64);
                self.out.extend_from_slice(v);
            }
        }
        Ok(())
    }
    fn serialize_none(self) -> R<()> {
        self.out.push(NONE);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> R<()> {
        self.out.push(SOME);
        value.serialize(self)
    }
    fn serialize_unit(self) -> R<()> {
        self.out.push(UNIT);
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> R<()> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> R<()> {
        self.key(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> R<()> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> R<()> {
        self.out.push(MAP);
        self.key(variant);
        value.serialize(&mut *self)?;
        self.out.push(END);
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> R<Self> {
        self.out.push(SEQ);
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> R<Self> {
        self.serialize_seq(None)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> R<Self> {
        self.serialize_seq(None)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> R<Self> {
        self.out.push(MAP);
        self.key(variant);
        self.out.push(SEQ);
        Ok(self)
    }
    fn serialize_map(self, _: Option<usize>) -> R<Self> {
        self.out.push(MAP);
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> R<Self> {
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> R<Self> {
        self.out.push(MAP);
        self.key(variant);
        self.out.push(MAP);
        Ok(self)
    }
}

impl<'a, 'b> ser::SerializeSeq for &'a mut Packer<'b> {
    type Ok = ();
    type Error = PackError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> R<()> {
        v.serialize(&mut **self)
    }
    fn end(self) -> R<()> {
        self.out.push(END);
        Ok(())
    }
}

impl<'a, 'b> ser::SerializeTuple for &'a mut Packer<'b> {
    type Ok = ();
    type Error = PackError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> R<()> {
        v.serialize(&mut **self)
    }
    fn end(self) -> R<()> {
        self.out.push(END);
        Ok(())
    }
}

impl<'a, 'b> ser::SerializeTupleStruct for &'a mut Packer<'b> {
    type Ok = ();
    type Error = PackError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> R<()> {
        v.serialize(&mut **self)
    }
    fn end(self) -> R<()> {
        self.out.push(END);
        Ok(())
    }
}

impl<'a, 'b> ser::SerializeTupleVariant for &'a mut Packer<'b> {
    type Ok = ();
    type Error = PackError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> R<()> {
        v.serialize(&mut **self)
    }
    fn end(self) -> R<()> {
        self.out.extend_from_slice(&[END, END]);
        Ok(())
    }
}

impl<'a, 'b> ser::SerializeMap for &'a mut Packer<'b> {
    type Ok = ();
    type Error = PackError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> R<()> {
        k.serialize(&mut **self)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> R<()> {
        v.serialize(&mut **self)
    }
    fn end(self) -> R<()> {
        self.out.push(END);
        Ok(())
    }
}

impl<'a, 'b> ser::SerializeStruct for &'a mut Packer<'b> {
    type Ok = ();
    type Error = PackError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, k: &'static str, v: &T) -> R<()> {
        self.key(k);
        v.serialize(&mut **self)
    }
    fn end(self) -> R<()> {
        self.out.push(END);
        Ok(())
    }
}

impl<'a, 'b> ser::SerializeStructVariant for &'a mut Packer<'b> {
    type Ok = ();
    type Error = PackError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, k: &'static str, v: &T) -> R<()> {
        self.key(k);
        v.serialize(&mut **self)
    }
    fn end(self) -> R<()> {
        self.out.extend_from_slice(&[END, END]);
        Ok(())
    }
}

/// A short text formatted without allocating; writing more than it holds fails.
struct StackText {
    bytes: [u8; 48],
    len: usize,
}

impl Default for StackText {
    fn default() -> Self {
        StackText {
            bytes: [0; 48],
            len: 0,
        }
    }
}

impl StackText {
    fn as_str(&self) -> &str {
        // Only whole `&str`s are ever copied in, so the bytes are UTF-8.
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default()
    }
}

impl fmt::Write for StackText {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        let slot = self.bytes.get_mut(self.len..end).ok_or(fmt::Error)?;
        slot.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}
