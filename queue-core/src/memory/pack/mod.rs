//! Packed values: the memory store's compact, self-describing binary form of any serde value,
//! so that history costs a fraction of the structs it came from.
//!
//! Why not JSON: a JSON stay is ~500 bytes, a struct ~220; this form is ~100. It saves the
//! space where the values repeat: field and variant names and short strings are words of a
//! [`Dict`] (one byte for the first 64), configuration ids (companies, queues, agents) are
//! numbers in the dict, instants in RFC 3339 are seconds and nanoseconds, and an event
//! chunk's ids of stays and objects are numbers in a table of the chunk ([`Locals`]).
//! Because it is self-describing (like JSON, unlike bincode), every serde feature the model
//! uses — internally tagged enums, `flatten`, `default` — decodes unchanged.

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{self, Serialize};
use std::collections::HashMap;
use std::fmt;
use uuid::Uuid;

const NONE: u8 = 0;
const SOME: u8 = 1;
const UNIT: u8 = 2;
const FALSE: u8 = 3;
const TRUE: u8 = 4;
const UINT: u8 = 5;
const NINT: u8 = 6;
const FLOAT: u8 = 7;
const STR: u8 = 8;
const WORD: u8 = 9;
const BYTES: u8 = 10;
const UUID: u8 = 11;
const ID: u8 = 12;
const LOCAL: u8 = 13;
const TIME: u8 = 14;
const SEQ: u8 = 15;
const MAP: u8 = 16;
const END: u8 = 17;
/// An instant as nanoseconds after (or before) the value's previous instant.
const LATER: u8 = 18;
/// `SMALL + n` is the unsigned integer `n < 64`.
const SMALL: u8 = 0x40;
/// `SHORT_WORD + n` is word `n < 64`.
const SHORT_WORD: u8 = 0x80;
/// `SHORT_LOCAL + n` is local id `n < 64`.
const SHORT_LOCAL: u8 = 0xC0;

/// Short strings are words until the dict holds this many: names of fields and variants, and
/// the values hosts repeat (channels, a visitor's name), without letting arbitrary input grow
/// the dict without end.
const MAX_WORDS: usize = 4096;
const MAX_WORD_LEN: usize = 24;

/// Instants are packed as seconds from here (2026-01-01), so this decade's take four bytes.
const EPOCH: i64 = 1_767_225_600;

/// The words and ids a store's packed values refer to. It only grows (a packed value keeps
/// its numbers forever), bounded by [`MAX_WORDS`] and by the configuration ever created.
#[derive(Debug, Default)]
pub(super) struct Dict {
    words: Vec<Box<str>>,
    word_of: FastMap<Box<str>, u32>,
    ids: Vec<Uuid>,
    id_of: FastMap<Uuid, u32>,
}

/// Maps looked up for every field packed: a multiply-and-rotate hash, because SipHash's
/// defence against chosen collisions buys nothing for keys bounded by [`MAX_WORDS`] and by
/// the configuration, and costs a third of packing.
type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fx>>;

#[derive(Debug, Default)]
struct Fx(u64);

impl std::hash::Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl Dict {
    /// Makes `id` a number of the dict: for ids many packed values repeat.
    pub(super) fn learn(&mut self, id: Uuid) {
        if !self.id_of.contains_key(&id) {
            self.id_of.insert(id, self.ids.len() as u32);
            self.ids.push(id);
        }
    }

    fn word(&mut self, s: &str) -> Option<u32> {
        if let Some(n) = self.word_of.get(s) {
            return Some(*n);
        }
        if s.len() > MAX_WORD_LEN || self.words.len() >= MAX_WORDS {
            return None;
        }
        let n = self.words.len() as u32;
        self.words.push(s.into());
        self.word_of.insert(s.into(), n);
        Some(n)
    }
}

/// An event chunk's own table of the ids that are not in the dict: a stay's id appears in
/// three or four events, stored once.
#[derive(Debug, Default)]
pub(super) struct Locals {
    pub(super) ids: Vec<Uuid>,
    index: FastMap<Uuid, u32>,
}

impl Locals {
    /// Drops the lookup table once no more values will be packed against it.
    pub(super) fn seal(&mut self) {
        self.index = FastMap::default();
        self.ids.shrink_to_fit();
    }
}

/// Why packing or unpacking failed: a value serde cannot express here, or corrupt bytes.
#[derive(Debug)]
pub(super) struct PackError(String);

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PackError {}

impl ser::Error for PackError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        PackError(msg.to_string())
    }
}

impl de::Error for PackError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        PackError(msg.to_string())
    }
}

type R<T> = std::result::Result<T, PackError>;

/// Appends the packed form of `value` to `out`.
pub(super) fn pack<T: Serialize + ?Sized>(
    value: &T,
    out: &mut Vec<u8>,
    dict: &mut Dict,
    locals: Option<&mut Locals>,
) -> R<()> {
    value.serialize(&mut Packer {
        out,
        dict,
        locals,
        last: None,
    })
}

/// Reads back a value packed with the same dict (and the same chunk's locals).
pub(super) fn unpack<T: de::DeserializeOwned>(
    bytes: &[u8],
    dict: &Dict,
    locals: Option<&Locals>,
) -> R<T> {
    let mut u = Unpacker {
        bytes,
        at: 0,
        dict,
        locals,
        last: None,
    };
    let value = T::deserialize(&mut u)?;
    if u.at != bytes.len() {
        return Err(PackError("trailing bytes".into()));
    }
    Ok(value)
}

fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

use crate::instant::{parse as instant, text as rfc3339};

mod head;
mod read;
#[cfg(test)]
mod tests;
mod write;

pub(super) use head::{read_head, read_piece, write_head, write_piece, Head};
use read::{corrupt, Unpacker};
use write::Packer;
