//! Generated structs: the [`Object`] trait, their field tables, and how they are read and written.
//!
//! Each struct has one read loop and one write (per serde format), with its key lookup and field
//! dispatch inlined, so reading or writing an object enters one function of its type; the work
//! per field type, and what comes before and after the fields, is shared by every struct. (In a
//! cold pass over many types, every function entered costs an instruction fetch from far away:
//! the count of functions entered per value is what the layout minimizes.)

use std::cell::Cell;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde_json::Value;

use crate::data::AdditionalData;
use crate::poly::tag_index;
use crate::wire::{still_holds, HasWire, Lenient, Wire, Written};

/// A generated struct (entity, complex type or action request body): its wire name and fields,
/// the data the docs do not describe, and PATCH support.
///
/// Every generated struct implements it, and its `Serialize` and `Deserialize` go through it.
/// Fields are `Option<T>`; a field that is `None` is not sent, and [`Object::set_null`] sends an
/// explicit `null` instead (how a PATCH clears a value). Fields are named by [`Field`] constants
/// the generated code gives each struct (`RecordOperation::STATUS`), so a null cannot be
/// misspelled or sent for a field the type does not have.
///
/// ```
/// use graphdoc_runtime::{Field, Object};
///
/// /// Clears `field` in a PATCH body.
/// fn clear<T: Object>(patch: &mut T, field: Field<T>) {
///     patch.set_null(field);
/// }
/// ```
///
/// The methods that read and write fields are implemented by generated code only (hidden here).
pub trait Object: Default {
    /// The wire name and field table (one constant per struct in generated code).
    #[doc(hidden)]
    const TABLE: Table;
    /// The wire name of the type (`recordOperation`), for error messages.
    const NAME: &'static str = Self::TABLE.name;
    /// Wire names of the fields, in declaration order (inherited fields first).
    const FIELDS: &'static [&'static str] = Self::TABLE.fields;
    /// The index in [`Object::FIELDS`] of a wire name; `None` for an unknown property (and for
    /// a field a disabled feature leaves out).
    fn field_index(name: &str) -> Option<usize>;
    /// Reads field `index` from the map's next value; sets `kept` to what to keep of the received
    /// JSON (it is left alone in the common case, nothing to keep).
    #[doc(hidden)]
    fn read_field<'de, A: MapAccess<'de>>(
        &mut self,
        index: usize,
        map: &mut A,
        kept: &mut Kept,
    ) -> Result<(), A::Error>;
    /// Writes every field that is set, each after its property annotations and after the kept
    /// nulls due before it (the kept nulls after the last set field go out after the fields).
    /// The first error stops the writing and is kept in `out` (so each field is one plain
    /// statement in generated code).
    #[doc(hidden)]
    fn write_fields<S: SerializeMap>(&self, out: &mut Writer<'_, S>);
    /// Properties the docs do not list and instance annotations (`@odata.etag`,
    /// `name@odata.type`), in arrival order, and the fields received as `null` (the
    /// `additional_data` field).
    fn additional_data(&self) -> &AdditionalData;
    /// [`Object::additional_data`], mutably.
    fn additional_data_mut(&mut self) -> &mut AdditionalData;

    /// The field with this wire name, for programs that learn names at run time; `None` when
    /// the type has no such field. Code that knows the field uses its constant instead.
    fn field(wire_name: &str) -> Option<Field<Self>> {
        Self::field_index(wire_name).map(Field::at)
    }

    /// Sends an explicit `null` for `field` (a PATCH clears the value with it): the field's value,
    /// if it had one, is dropped. Setting the field again afterwards sends that value instead.
    fn set_null(&mut self, field: Field<Self>) {
        let _ = self.read_field(field.index, &mut NullValue, &mut Kept::Nothing);
        let data = self.additional_data_mut();
        data.set_null_at(field.index);
        // A value kept for the field (received raw) gives way to the null.
        if let Some(kept) = data.get_mut(field.wire_name()) {
            *kept = Value::Null;
        }
    }

    /// Whether `field` is unset and will be sent as `null` (it came as `null`, or
    /// [`Object::set_null`] was called and the field was not set since).
    fn is_null(&self, field: Field<Self>) -> bool {
        let name = field.wire_name();
        let data = self.additional_data();
        (data.null_at(field.index) || data.get(name).is_some_and(Value::is_null))
            && !writes_field(self, name)
    }

    /// The JSON received for `field` when it did not fit the field's documented type (the docs
    /// are wrong about it, or the service changed): the field is unset, and this value is
    /// written back as it came. `None` when the field read normally (or was set since).
    ///
    /// A read that should fail on such a value instead runs inside [`crate::strictly`].
    fn raw(&self, field: Field<Self>) -> Option<&Value> {
        let name = field.wire_name();
        self.additional_data()
            .get(name)
            .filter(|v| !v.is_null() && !writes_field(self, name))
    }
}

/// What a field's read keeps of the received JSON in `additional_data`: a null by field, a value
/// under the field's name.
#[doc(hidden)]
pub enum Kept {
    /// Nothing: the field holds the value, and writes it back as it came.
    Nothing,
    /// A `null` (written back while the field is unset).
    Null,
    /// The received JSON: the value did not fit (the field is unset), or it fits but its
    /// canonical form differs (written back while the field still holds that value).
    Value(Value),
}

/// A field of the generated struct `T`, as its `Field` constant names it (`RecordOperation::STATUS`)
/// or [`Object::field`] finds it by wire name: what [`Object::set_null`] and [`Object::is_null`]
/// take.
pub struct Field<T: ?Sized> {
    index: usize,
    of: PhantomData<fn() -> T>,
}

impl<T: ?Sized> Field<T> {
    /// The field at `index` of [`Object::FIELDS`]; generated code makes these.
    #[doc(hidden)]
    pub const fn at(index: usize) -> Self {
        Field {
            index,
            of: PhantomData,
        }
    }

    /// The field's index in [`Object::FIELDS`].
    pub const fn index(self) -> usize {
        self.index
    }
}

impl<T: Object> Field<T> {
    /// The field's wire name (`recordingLocation`).
    pub fn wire_name(self) -> &'static str {
        T::FIELDS.get(self.index).copied().unwrap_or_default()
    }
}

impl<T: ?Sized> Clone for Field<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: ?Sized> Copy for Field<T> {}

impl<T: ?Sized> PartialEq for Field<T> {
    fn eq(&self, other: &Self) -> bool {
        self.index == other.index
    }
}

impl<T: ?Sized> Eq for Field<T> {}

impl<T: Object> fmt::Debug for Field<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Field({}.{})", T::NAME, self.wire_name())
    }
}

/// A map with one value, `null`, whatever key is asked for: [`Object::set_null`] reads it into a
/// field to clear it through the field's own reader.
struct NullValue;

impl<'de> MapAccess<'de> for NullValue {
    type Error = de::value::Error;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        _seed: K,
    ) -> Result<Option<K::Value>, Self::Error> {
        Ok(None)
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, Self::Error> {
        seed.deserialize(de::value::UnitDeserializer::new())
    }
}

/// A struct's wire name and field table, for the code every struct shares (error messages, the
/// kept nulls and annotations written around its fields).
#[derive(Clone, Copy)]
pub struct Table {
    /// The struct's wire name.
    pub name: &'static str,
    /// The wire names of its fields, by index.
    pub fields: &'static [&'static str],
    /// The index of a field by wire name: the struct's own `match` on the name (code, not data,
    /// so the names are compared as immediates rather than fetched; a field a disabled feature
    /// leaves out has no arm, so its data stays unknown).
    pub index: fn(&str) -> Option<usize>,
}

impl Table {
    /// The index of a known wire field.
    #[inline]
    pub fn index(&self, name: &str) -> Option<usize> {
        (self.index)(name)
    }

    #[inline]
    fn field_name(&self, index: usize) -> &'static str {
        self.fields.get(index).copied().unwrap_or("?")
    }

    #[inline]
    fn len(&self) -> usize {
        self.fields.len()
    }
}

/// Reads the next map value into an optional field with its type's [`crate::wire::Wire`] reader:
/// what fits is set, what the field cannot write back as it came is kept (in `kept`, which the
/// common case leaves alone: the result is one register, not a `Kept` returned through memory).
///
/// The whole read of one field type is the map's `next_value_seed` for a field seed: one function
/// per field type, shared by every struct (a cold read pays for every function it enters).
#[inline(always)]
pub fn read<'de, A: MapAccess<'de>, T: HasWire>(
    map: &mut A,
    slot: &mut Option<T>,
    kept: &mut Kept,
) -> Result<(), A::Error> {
    map.next_value_seed(FieldSeed { slot, kept })
}

/// Reads a value into a field (see [`read`]).
struct FieldSeed<'a, T> {
    slot: &'a mut Option<T>,
    kept: &'a mut Kept,
}

impl<'de, T: HasWire> de::DeserializeSeed<'de> for FieldSeed<'_, T> {
    type Value = ();
    #[inline(always)]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        // One test for the common case; the others are out of line (a `match` over the four
        // would be a jump table: a data load and an indirect branch per field read).
        match <T::Wire as Wire>::read(deserializer)? {
            Lenient::Fits(v) => *self.slot = Some(v),
            // A null is common in responses: kept without entering a function per field type.
            Lenient::Null => keep_null(self.slot, self.kept),
            other => keep(other, self.slot, self.kept),
        }
        Ok(())
    }
}

/// A `null` read into a field: the field is unset, and the null kept.
#[inline(always)]
fn keep_null<T>(slot: &mut Option<T>, kept: &mut Kept) {
    *slot = None;
    *kept = Kept::Null;
}

/// A read that did not simply fit: a `null`, a value in another spelling, or one that does not
/// fit (see [`read`]).
#[cold]
#[inline(never)]
fn keep<T>(read: Lenient<T>, slot: &mut Option<T>, kept: &mut Kept) {
    match read {
        Lenient::Fits(v) => *slot = Some(v),
        Lenient::Null => keep_null(slot, kept),
        Lenient::Differs(v, received) => {
            *slot = Some(v);
            *kept = Kept::Value(received);
        }
        Lenient::Raw(received) => {
            *slot = None;
            *kept = Kept::Value(received);
        }
    }
}

/// What serialization needs to know about a struct's `additional_data`, gathered in one pass.
/// Nothing in it is allocated for a struct of up to 256 fields whose data names up to
/// [`NAMED_INLINE`] of them.
struct Extra<'a> {
    data: &'a AdditionalData,
    table: &'a Table,
    /// The known fields with property annotations (`name@odata.type`) in `data` (empty when
    /// none), written just before the field.
    annotated: FieldBits,
    /// The known fields with a `null` kept for them (empty when none).
    nulls: FieldBits,
    /// The known fields with received JSON kept for them (empty when none): a value that did not
    /// fit, or the received form of one the field holds.
    received: FieldBits,
    /// The fields written so far; kept only when some key of `data` names a known field (a kept
    /// null or a property annotation), so that neither a kept null nor the pass over the rest of
    /// `data` after the fields writes that field again.
    written: FieldBits,
    /// The keys of `data` that name a known field, as (position in `data`, field index), in
    /// `data`'s order, so the pass after the fields need not look them up again; `None` when
    /// there are more than [`NAMED_INLINE`] (that pass then looks each key up).
    named: Option<Named>,
    /// The first field whose kept null may still be due: kept nulls go out in field order, each
    /// just before the next field written after it (or at the end), so the per-field code tests
    /// only whether the field is set.
    next_null: Cell<usize>,
}

/// How many keys of `data` naming a field [`Extra`] records.
const NAMED_INLINE: usize = 16;

/// The keys of `data` that name a field (see [`Extra::named`]).
#[derive(Default)]
struct Named {
    len: usize,
    /// Small, as the writer holds it by value: (position, field index).
    at: [(u16, u16); NAMED_INLINE],
}

impl Named {
    /// Records key `position` as naming field `index`; `false` when full (or past what it
    /// holds).
    #[inline]
    fn push(&mut self, position: usize, index: usize) -> bool {
        let (Ok(position), Ok(index)) = (u16::try_from(position), u16::try_from(index)) else {
            return false;
        };
        match self.at.get_mut(self.len) {
            Some(slot) => {
                *slot = (position, index);
                self.len += 1;
                true
            }
            None => false,
        }
    }

    #[inline]
    fn as_slice(&self) -> &[(u16, u16)] {
        self.at.get(..self.len).unwrap_or_default()
    }
}

/// A set of field indexes, a bit each (empty: no field in it). Inline for up to 256 fields, so a
/// write allocates nothing for it. Bits are set through `&self`, so writing can record fields as
/// it goes.
enum FieldBits {
    Empty,
    Inline([Cell<u64>; 4]),
    Heap(Box<[Cell<u64>]>),
}

impl FieldBits {
    /// Room for the `len` fields of a table.
    #[inline]
    fn with_len(len: usize) -> Self {
        match len.div_ceil(64) {
            0 => FieldBits::Empty,
            1..=4 => FieldBits::Inline(Default::default()),
            words => FieldBits::Heap((0..words).map(|_| Cell::new(0)).collect()),
        }
    }

    #[inline]
    fn words(&self) -> &[Cell<u64>] {
        match self {
            FieldBits::Empty => &[],
            FieldBits::Inline(w) => w,
            FieldBits::Heap(w) => w,
        }
    }

    #[inline]
    fn is_empty(&self) -> bool {
        matches!(self, FieldBits::Empty)
    }

    #[inline]
    fn insert(&self, index: usize) {
        if let Some(w) = self.words().get(index / 64) {
            w.set(w.get() | 1 << (index % 64));
        }
    }

    /// Adds the fields of `bits`, word `w` of a set (field `64 * w` in its lowest bit).
    #[inline]
    fn insert_word(&self, w: usize, bits: u64) {
        if let Some(word) = self.words().get(w) {
            word.set(word.get() | bits);
        }
    }

    #[inline]
    fn contains(&self, index: usize) -> bool {
        self.words()
            .get(index / 64)
            .is_some_and(|w| w.get() >> (index % 64) & 1 == 1)
    }
}

/// The property a key of `additional_data` is about: `name` for `name` and `name@odata.type`.
#[inline]
fn property_of(key: &str) -> &str {
    key.split_once('@').map_or(key, |(p, _)| p)
}

impl<'a> Extra<'a> {
    /// Nothing known yet about `data` ([`Extra::gather`] looks).
    #[inline(always)]
    fn new(data: &'a AdditionalData, table: &'a Table) -> Self {
        Extra {
            data,
            table,
            annotated: FieldBits::Empty,
            nulls: FieldBits::Empty,
            received: FieldBits::Empty,
            written: FieldBits::Empty,
            named: None,
            next_null: Cell::new(0),
        }
    }

    /// Looks through `data` for the keys that name a field and the fields received as `null`,
    /// in place (the writer is not built and then copied: it is a few hundred bytes).
    #[inline(always)]
    fn gather(&mut self) {
        let (data, table) = (self.data, self.table);
        let mut names_field = data.has_null_fields();
        if names_field {
            self.nulls = FieldBits::with_len(table.len());
            for (w, bits) in data.null_words().enumerate() {
                self.nulls.insert_word(w, bits);
            }
        }
        if !data.is_empty() {
            self.named = Some(Named::default());
        }
        for (position, (k, v)) in data.iter().enumerate() {
            if k.starts_with('@') {
                continue;
            }
            let prop = property_of(k);
            let Some(i) = table.index(prop) else { continue };
            names_field = true;
            if !self.named.as_mut().is_some_and(|n| n.push(position, i)) {
                self.named = None;
            }
            let bits = if prop.len() < k.len() {
                &mut self.annotated
            } else if v.is_null() {
                &mut self.nulls
            } else {
                &mut self.received
            };
            if bits.is_empty() {
                *bits = FieldBits::with_len(table.len());
            }
            bits.insert(i);
        }
        if names_field {
            self.written = FieldBits::with_len(table.len());
        }
    }

    /// Writes the kept nulls of unwritten fields before field `end` that are still due. Only the
    /// test "are there any" is inlined; the loop is one copy per serializer.
    #[inline(always)]
    fn write_nulls_before<S: SerializeMap>(&self, map: &mut S, end: usize) -> Result<(), S::Error> {
        if self.nulls.is_empty() {
            return Ok(());
        }
        self.write_due_nulls(map, end)
    }

    #[inline(never)]
    fn write_due_nulls<S: SerializeMap>(&self, map: &mut S, end: usize) -> Result<(), S::Error> {
        let start = self.next_null.get();
        if start >= end {
            return Ok(());
        }
        self.next_null.set(end);
        for index in start..end {
            if self.nulls.contains(index) && !self.written.contains(index) {
                let name = self.table.field_name(index);
                self.annotations(map, index, name)?;
                map.serialize_entry(name, &Value::Null)?;
            }
        }
        Ok(())
    }

    /// What goes before field `index`, named `name`, when some key of `data` names a field: the
    /// kept nulls due, the field's annotations; records the field as written. Returns the JSON
    /// received for the field when it was kept (one copy per serializer, for every field type).
    #[inline(never)]
    fn before_field<S: SerializeMap>(
        &self,
        map: &mut S,
        index: usize,
        name: &str,
    ) -> Result<Option<&'a Value>, S::Error> {
        self.write_nulls_before(map, index)?;
        self.written.insert(index);
        self.annotations(map, index, name)?;
        Ok(if self.received.contains(index) {
            self.data.get(name)
        } else {
            None
        })
    }

    /// Writes the annotations of field `index`, named `name` (`name@...`), which OData puts
    /// before it.
    #[inline]
    fn annotations<S: SerializeMap>(
        &self,
        map: &mut S,
        index: usize,
        name: &str,
    ) -> Result<(), S::Error> {
        if self.annotated.contains(index) {
            for (k, v) in self.data {
                if k.len() > name.len() && property_of(k) == name {
                    map.serialize_entry(k, v)?;
                }
            }
        }
        Ok(())
    }
}

/// A struct's fields being written into a map: the map, what its `additional_data` adds, and the
/// first error (after which nothing more is written).
pub struct Writer<'a, S: SerializeMap> {
    map: &'a mut S,
    extra: Extra<'a>,
    failed: Option<S::Error>,
}

impl<'a, S: SerializeMap> Writer<'a, S> {
    #[inline(always)]
    fn new(map: &'a mut S, data: &'a AdditionalData, table: &'a Table) -> Self {
        Writer {
            map,
            extra: Extra::new(data, table),
            failed: None,
        }
    }

    /// The first error of [`Object::write_fields`], if any.
    #[inline(always)]
    fn finish(&mut self) -> Result<(), S::Error> {
        self.failed.take().map_or(Ok(()), Err)
    }
}

/// Writes field `index`, wire name `name`, when it is set, after its annotations and after the
/// kept nulls due before it: as it was received when the field still holds the value read from it,
/// else in canonical form. Only the test "is it set" is inlined into each struct for a type whose
/// write serves every struct ([`crate::wire::Wire::SHARED`]: strings, numbers); the write of a
/// struct or enum is inlined (its own code is entered anyway, and a cold write pays for every
/// function it enters).
#[inline(always)]
pub fn write<S: SerializeMap, T: HasWire>(
    out: &mut Writer<'_, S>,
    index: usize,
    name: &'static str,
    value: &Option<T>,
) {
    if let Some(v) = value {
        if <T::Wire as Wire>::SHARED {
            write_shared(out, index, name, v);
        } else {
            write_set(out, index, name, v);
        }
    }
}

/// [`write_set`] out of line: one copy per field type, serving every struct (for the types whose
/// code stays hot, [`crate::wire::Wire::SHARED`]).
#[inline(never)]
fn write_shared<S: SerializeMap, T: HasWire>(
    out: &mut Writer<'_, S>,
    index: usize,
    name: &'static str,
    value: &T,
) {
    write_set(out, index, name, value)
}

/// Writes a set field, unless an earlier write failed (the first error is kept in `out`).
#[inline(always)]
fn write_set<S: SerializeMap, T: HasWire>(
    out: &mut Writer<'_, S>,
    index: usize,
    name: &'static str,
    value: &T,
) {
    if out.failed.is_none() {
        if let Err(e) = write_field(out.map, &out.extra, index, name, value) {
            out.failed = Some(e);
        }
    }
}

#[inline(always)]
fn write_field<S: SerializeMap, T: HasWire>(
    map: &mut S,
    extra: &Extra<'_>,
    index: usize,
    name: &'static str,
    value: &T,
) -> Result<(), S::Error> {
    debug_assert_eq!(
        name,
        extra.table.field_name(index),
        "a field's name is its table's"
    );
    // `written` is kept only when some key of `additional_data` names a field; otherwise there
    // is nothing to write before the field, nor a received form to compare.
    if !extra.written.is_empty() {
        if let Some(received) = extra.before_field(map, index, name)? {
            if still_holds::<T::Wire>(value, received) {
                return map.serialize_entry(name, received);
            }
        }
    }
    // The key and the value rather than `serialize_entry`, which is one more function per value
    // type (a cold write pays for every function it enters).
    map.serialize_key(name)?;
    map.serialize_value(&Written::<T::Wire>(value))
}

/// A received map key: borrowed from the input when it can be (no escapes), else owned.
enum KeyName<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl KeyName<'_> {
    #[inline]
    fn as_str(&self) -> &str {
        match self {
            KeyName::Borrowed(s) => s,
            KeyName::Owned(s) => s,
        }
    }

    /// The name as an owned string (allocated only for a key kept in `additional_data`).
    #[inline]
    fn into_owned(self) -> String {
        match self {
            KeyName::Borrowed(s) => s.to_owned(),
            KeyName::Owned(s) => s,
        }
    }
}

/// Reads a map key (looked up afterwards, by the struct's read loop).
struct KeySeed;

impl<'de> de::DeserializeSeed<'de> for KeySeed {
    type Value = KeyName<'de>;
    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = KeyName<'de>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a property name")
    }
    #[inline]
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(KeyName::Borrowed(v))
    }
    #[inline]
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(KeyName::Owned(v.to_owned()))
    }
    #[inline]
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(KeyName::Owned(v))
    }
}

/// A field's read failed (the JSON is malformed, or strict reading met a value that does not
/// fit): the error names the property.
#[cold]
#[inline(never)]
fn field_error<E: de::Error>(table: &Table, index: usize, e: E) -> E {
    E::custom(format_args!(
        "{}.{}: {}",
        table.name,
        table.field_name(index),
        e
    ))
}

/// Keeps what the read of field `index` left in `kept` in `data` (`additional_data`): a null by
/// field, a value under the field's name (the caller tests for `Kept::Nothing` first, so that
/// test stays inline).
#[cold]
#[inline(never)]
fn keep_received(data: &mut AdditionalData, table: &Table, index: usize, kept: Kept) {
    match kept {
        Kept::Nothing => {}
        Kept::Null => data.set_null_at(index),
        Kept::Value(v) => {
            data.insert(table.field_name(index).to_owned(), v);
        }
    }
}

/// A property the struct does not have, or an instance annotation: kept in `data` in arrival
/// order, unless it is an `@odata.type` naming one of `types` other than the first (its variant
/// index and value are returned). One copy per map type, shared by every struct.
#[inline(never)]
fn read_unknown<'de, A: MapAccess<'de>>(
    data: &mut AdditionalData,
    key: String,
    types: &[&str],
    map: &mut A,
) -> Result<Option<(usize, Value)>, A::Error> {
    let value: Value = map.next_value()?;
    if key == "@odata.type" {
        let index = tag_index(types, &value);
        if index != 0 {
            return Ok(Some((index, value)));
        }
    }
    data.insert(key, value);
    Ok(None)
}

/// The rest of a map into `out`: known fields by `T`'s key lookup and field reads, everything
/// else into `additional_data` in arrival order, starting with the key `pending` when one was
/// read already. An `@odata.type` naming one of `types` other than the first stops the read: its
/// variant index and value are returned (for a polymorphic type to switch to that variant).
///
/// One copy per struct (and map type), with the struct's key lookup and field dispatch inlined:
/// reading an object enters one function of its type, not three (a cold read pays for every
/// function it enters). The work per field type is shared by every struct ([`read`]), and so
/// are the uncommon paths.
pub(crate) fn read_rest<'de, T: Object, A: MapAccess<'de>>(
    out: &mut T,
    mut pending: Option<String>,
    types: &[&str],
    map: &mut A,
) -> Result<Option<(usize, Value)>, A::Error> {
    loop {
        let key = match pending.take() {
            Some(k) => KeyName::Owned(k),
            None => match map.next_key_seed(KeySeed)? {
                Some(k) => k,
                None => return Ok(None),
            },
        };
        match T::field_index(key.as_str()) {
            Some(index) => {
                let mut kept = Kept::Nothing;
                if let Err(e) = out.read_field(index, map, &mut kept) {
                    return Err(field_error(&T::TABLE, index, e));
                }
                if !matches!(kept, Kept::Nothing) {
                    keep_received(out.additional_data_mut(), &T::TABLE, index, kept);
                }
            }
            None => {
                let key = key.into_owned();
                if let Some(tagged) = read_unknown(out.additional_data_mut(), key, types, map)? {
                    return Ok(Some(tagged));
                }
            }
        }
    }
}

/// Reads a generated struct from a map: known fields by the table, everything else into
/// `additional_data` in arrival order, after `read` (the leading annotations a polymorphic read
/// took from the map already). Errors name the property.
#[inline]
pub fn read_object<'de, T: Object, A: MapAccess<'de>>(
    mut map: A,
    read: Vec<(String, Value)>,
) -> Result<T, A::Error> {
    let mut out = T::default();
    if !read.is_empty() {
        out.additional_data_mut().extend(read);
    }
    read_rest(&mut out, None, &[], &mut map)?;
    Ok(out)
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: Object> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a `{}` object", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        read_object(map, Vec::new())
    }
}

/// Deserializes a generated struct (see [`read_object`]).
pub fn deserialize_object<'de, T: Object, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(ObjectVisitor(PhantomData))
}

/// Serializes a generated struct: `tag` as `@odata.type` when given and none was received, the
/// instance annotations (`@odata.etag`, ...), then the fields in declaration order (each after its
/// own annotations, a kept `null` where the field is unset), then the other additional data in
/// arrival order. A null kept for a field that is now set is skipped.
///
/// One copy per struct (and serializer) holding the map's prologue and epilogue and the struct's
/// field writes: writing an object enters one function of its type. What comes before and after
/// the fields is shared by every struct (`write_head`, `write_tail`).
#[inline(always)]
pub fn serialize_object<T: Object, S: Serializer>(
    value: &T,
    tag: Option<&str>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(None)?;
    // A copy, not `&T::TABLE`: its parts are immediates in this code rather than a load from a
    // constant no other code near it touches.
    let table = T::TABLE;
    let data = value.additional_data();
    // Most nested values have no tag to add, and received nothing but their fields' values:
    // nothing goes before or after their fields, and the calls are skipped.
    let plain = tag.is_none() && data.is_plain();
    let mut out = Writer::new(&mut map, data, &table);
    if !plain {
        write_head(&mut out, tag);
    }
    value.write_fields(&mut out);
    if plain {
        out.finish()?;
    } else {
        write_tail(&mut out)?;
    }
    map.end()
}

/// What goes before a struct's fields: the tag, and the instance annotations; then what the
/// field writes need to know of the additional data is gathered into `out` (an error is kept in
/// `out`, as the field writes keep theirs).
#[inline(never)]
fn write_head<M: SerializeMap>(out: &mut Writer<'_, M>, tag: Option<&str>) {
    let data = out.extra.data;
    let mut head = || {
        if let Some(tag) = tag {
            if !data.contains_key("@odata.type") {
                out.map.serialize_entry("@odata.type", tag)?;
            }
        }
        for (k, v) in data.iter().filter(|(k, _)| k.starts_with('@')) {
            out.map.serialize_entry(k, v)?;
        }
        Ok(())
    };
    if let Err(e) = head() {
        out.failed = Some(e);
    }
    out.extra.gather();
}

/// What goes after a struct's fields: the first error of the field writes, else the kept nulls
/// still due and the rest of the additional data.
#[inline(never)]
fn write_tail<M: SerializeMap>(out: &mut Writer<'_, M>) -> Result<(), M::Error> {
    out.finish()?;
    let (map, extra) = (&mut *out.map, &out.extra);
    let (data, table) = (extra.data, extra.table);
    extra.write_nulls_before(map, table.len())?;
    let mut named = extra.named.as_ref().map(|n| n.as_slice().iter().peekable());
    for (position, (k, v)) in data.iter().enumerate() {
        if k.starts_with('@') {
            continue;
        }
        // Skip what went out with a field: its annotations, its kept null, or a stale value for
        // a field that is now set (none when no key names a field: `written` is then empty).
        let field = if extra.written.is_empty() {
            None
        } else {
            match named.as_mut() {
                Some(named) => named
                    .next_if(|(p, _)| usize::from(*p) == position)
                    .map(|(_, i)| usize::from(*i)),
                None => table.index(property_of(k)),
            }
        };
        if let Some(i) = field {
            if extra.written.contains(i) || extra.nulls.contains(i) {
                continue;
            }
        }
        map.serialize_entry(k, v)?;
    }
    Ok(())
}

/// `Debug` for a generated struct: its Rust name, then what it would send, in the order it would
/// send it (set fields, kept nulls, additional data), each property by wire name with its value as
/// JSON (pretty with `{:#?}`). Unset fields are left out: a Graph type has dozens of optional
/// properties, and a response sets few.
pub fn debug_object<T: Object>(value: &T, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let rust_name = std::any::type_name::<T>()
        .rsplit("::")
        .next()
        .unwrap_or(T::NAME);
    let mut out = f.debug_struct(rust_name);
    match serialize_object(value, None, serde_json::value::Serializer) {
        Ok(Value::Object(map)) => {
            for (k, v) in &map {
                out.field(k, &Json(v));
            }
            out.finish()
        }
        _ => out.finish_non_exhaustive(),
    }
}

/// A JSON value shown as JSON (`Value`'s own `Debug` names each variant).
struct Json<'a>(&'a Value);

impl fmt::Debug for Json<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !f.alternate() {
            return write!(f, "{}", self.0);
        }
        // Pretty, indented as `{:#?}` indents (four spaces).
        let mut text = Vec::new();
        let pretty = serde_json::ser::PrettyFormatter::with_indent(b"    ");
        let mut ser = serde_json::Serializer::with_formatter(&mut text, pretty);
        serde::Serialize::serialize(self.0, &mut ser).map_err(|_| fmt::Error)?;
        f.write_str(&String::from_utf8_lossy(&text))
    }
}

/// Whether serializing `value` writes a value for the field `name` (it is set): its fields are
/// written into a JSON map, for the rare [`Object::is_null`].
fn writes_field<T: Object>(value: &T, name: &str) -> bool {
    let none = AdditionalData::new();
    let table = T::TABLE;
    let Ok(mut map) = serde_json::value::Serializer.serialize_map(None) else {
        return false;
    };
    let mut out = Writer::new(&mut map, &none, &table);
    value.write_fields(&mut out);
    out.finish().is_ok() && matches!(map.end(), Ok(Value::Object(m)) if m.contains_key(name))
}

#[cfg(test)]
mod tests {
    use super::FieldBits;

    #[test]
    fn field_bits_hold_any_number_of_fields() {
        assert!(FieldBits::with_len(0).is_empty());
        // Inline up to 256 fields, on the heap past that.
        for len in [1, 63, 64, 65, 256, 257, 1000] {
            let bits = FieldBits::with_len(len);
            assert!(!bits.is_empty(), "{len}");
            assert!(!bits.contains(len - 1), "{len}");
            bits.insert(len - 1);
            assert!(bits.contains(len - 1), "{len}");
            if len > 1 {
                assert!(!bits.contains(len - 2), "{len}");
            }
            // Past the end: nothing is in the set, and inserting there is ignored.
            bits.insert(len + 4096);
            assert!(!bits.contains(len + 4096), "{len}");
        }
    }
}
