//! Support code every generated type uses: one shared map visitor and field table instead of a
//! serde derive per type, enums that keep unknown values, and operation descriptors.
//!
//! This file is embedded verbatim (as tokens) into each generated crate as `mod runtime`.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value};

/// A generated struct: its wire field table and per-field reads and writes.
pub trait Object: Default {
    /// The wire name of the type, for error messages.
    const NAME: &'static str;
    /// Wire names of the fields, by index.
    const FIELDS: &'static [&'static str];
    /// The field table's open-addressed slots (see [`Table::index`]).
    const SLOTS: &'static [u32];
    /// The index of a known wire field.
    fn field_index(name: &str) -> Option<usize> {
        Self::table().index(name)
    }
    /// The field table, for the read and write loops shared by every struct.
    fn table() -> Table {
        Table {
            name: Self::NAME,
            fields: Self::FIELDS,
            slots: Self::SLOTS,
        }
    }
    /// Reads field `index` from the map's next value; returns `true` when the value was `null`.
    fn read_field<'de, A: MapAccess<'de>>(
        &mut self,
        index: usize,
        map: &mut A,
    ) -> Result<bool, A::Error>;
    /// Writes every field that is set, each after its property annotations and after the kept
    /// nulls due before it ([`write_object`] writes the kept nulls after the last set field).
    fn write_fields<S: SerializeMap>(&self, map: &mut S, extra: &Extra<'_>)
        -> Result<(), S::Error>;
    fn additional_data(&self) -> &Map<String, Value>;
    fn additional_data_mut(&mut self) -> &mut Map<String, Value>;

    /// Sends an explicit `null` for the field with this wire name (a PATCH clears the value with
    /// it) while the field itself is `None`; `false` when the type has no such field.
    fn set_null(&mut self, wire_name: &str) -> bool {
        if Self::field_index(wire_name).is_none() {
            return false;
        }
        self.additional_data_mut()
            .insert(wire_name.to_owned(), Value::Null);
        true
    }

    /// Whether the field with this wire name is unset and will be sent as `null` (it came as
    /// `null`, or [`Object::set_null`] was called).
    fn is_null(&self, wire_name: &str) -> bool {
        Self::field_index(wire_name).is_some()
            && self
                .additional_data()
                .get(wire_name)
                .is_some_and(Value::is_null)
            && !writes_field(self, wire_name)
    }
}

/// A struct's wire name and field table. The read and write loops take this and the struct as a
/// trait object, so they exist once per serde format rather than once per generated struct
/// (a thousand copies of them would not stay in the instruction cache).
#[derive(Clone, Copy)]
pub struct Table {
    pub name: &'static str,
    pub fields: &'static [&'static str],
    /// Open addressing over [`Table::fields`]: a power of two of slots, at least twice the
    /// fields, each `0` (empty), a field's index + 1, or `u32::MAX` for a field a disabled feature
    /// leaves out (it keeps the probe going and is never found, so its data stays unknown).
    pub slots: &'static [u32],
}

impl Table {
    /// The index of a known wire field: a linear probe from the name's [`first_slot`], one string
    /// compare per occupied slot (about 1.5 at this load).
    pub fn index(&self, name: &str) -> Option<usize> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut at = first_slot(name, self.slots.len());
        for _ in 0..self.slots.len() {
            match self.slots[at] {
                0 => return None,
                u32::MAX => {}
                slot => {
                    let index = slot as usize - 1;
                    if self.fields.get(index) == Some(&name) {
                        return Some(index);
                    }
                }
            }
            at = (at + 1) & mask;
        }
        None
    }

    /// A received key: a known field's index, or the name itself.
    fn key(&self, name: String) -> Key {
        match self.index(&name) {
            Some(i) => Key::Known(i),
            None => Key::Unknown(name),
        }
    }

    fn field_name(&self, index: usize) -> &'static str {
        self.fields.get(index).copied().unwrap_or("?")
    }

    fn len(&self) -> usize {
        self.fields.len()
    }
}

/// A struct as the shared read loop sees it (for one map type).
pub trait ReadInto<'de, A: MapAccess<'de>> {
    fn read_field_from(&mut self, index: usize, map: &mut A) -> Result<bool, A::Error>;
    fn data_mut(&mut self) -> &mut Map<String, Value>;
}

impl<'de, A: MapAccess<'de>, T: Object> ReadInto<'de, A> for T {
    fn read_field_from(&mut self, index: usize, map: &mut A) -> Result<bool, A::Error> {
        self.read_field(index, map)
    }
    fn data_mut(&mut self) -> &mut Map<String, Value> {
        self.additional_data_mut()
    }
}

/// A struct as the shared write loop sees it (for one serializer).
pub trait WriteFrom<M: SerializeMap> {
    fn write_fields_to(&self, map: &mut M, extra: &Extra<'_>) -> Result<(), M::Error>;
    fn data(&self) -> &Map<String, Value>;
}

impl<M: SerializeMap, T: Object> WriteFrom<M> for T {
    fn write_fields_to(&self, map: &mut M, extra: &Extra<'_>) -> Result<(), M::Error> {
        self.write_fields(map, extra)
    }
    fn data(&self) -> &Map<String, Value> {
        self.additional_data()
    }
}

/// Reads the next map value into an optional field; `true` when it was `null`.
#[inline(never)]
pub fn read<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
) -> Result<bool, A::Error> {
    *slot = map.next_value()?;
    Ok(slot.is_none())
}

/// What serialization needs to know about a struct's `additional_data`, gathered in one pass.
pub struct Extra<'a> {
    data: &'a Map<String, Value>,
    table: &'a Table,
    /// Some key is a property annotation (`name@odata.type`).
    annotated: bool,
    /// The known fields with a `null` kept for them (empty when none).
    nulls: FieldBits,
    /// The fields written so far; kept only when some key of `data` names a known field (a kept
    /// null or a property annotation), so that neither a kept null nor [`write_object`]'s pass
    /// over the rest of `data` writes that field again.
    written: FieldBits,
    /// The first field whose kept null may still be due: kept nulls go out in field order, each
    /// just before the next field written after it (or at the end), so the per-field code tests
    /// only whether the field is set.
    next_null: std::cell::Cell<usize>,
}

/// A set of field indexes, a bit each (empty: no field in it, and nothing allocated). Bits are
/// set through `&self`, so writing can record fields as it goes.
struct FieldBits(Vec<std::cell::Cell<u64>>);

impl FieldBits {
    /// Room for the `len` fields of a table.
    fn with_len(len: usize) -> Self {
        FieldBits(vec![std::cell::Cell::new(0); len.div_ceil(64)])
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn insert(&self, index: usize) {
        if let Some(w) = self.0.get(index / 64) {
            w.set(w.get() | 1 << (index % 64));
        }
    }

    fn contains(&self, index: usize) -> bool {
        self.0
            .get(index / 64)
            .is_some_and(|w| w.get() >> (index % 64) & 1 == 1)
    }
}

/// The property a key of `additional_data` is about: `name` for `name` and `name@odata.type`.
fn property_of(key: &str) -> &str {
    key.split_once('@').map_or(key, |(p, _)| p)
}

impl<'a> Extra<'a> {
    fn new(data: &'a Map<String, Value>, table: &'a Table) -> Self {
        let mut annotated = false;
        let mut names_field = false;
        let mut nulls = FieldBits(Vec::new());
        for (k, v) in data.iter().filter(|(k, _)| !k.starts_with('@')) {
            let prop = property_of(k);
            annotated |= prop.len() < k.len();
            let Some(i) = table.index(prop) else { continue };
            names_field = true;
            if v.is_null() && prop.len() == k.len() {
                if nulls.is_empty() {
                    nulls = FieldBits::with_len(table.len());
                }
                nulls.insert(i);
            }
        }
        let written = FieldBits::with_len(if names_field { table.len() } else { 0 });
        Extra {
            data,
            table,
            annotated,
            nulls,
            written,
            next_null: std::cell::Cell::new(0),
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
                self.annotations(map, name)?;
                map.serialize_entry(name, &Value::Null)?;
            }
        }
        Ok(())
    }

    /// Writes the annotations of property `name` (`name@...`), which OData puts before it.
    fn annotations<S: SerializeMap>(&self, map: &mut S, name: &str) -> Result<(), S::Error> {
        if self.annotated {
            for (k, v) in self.data {
                if k.len() > name.len() && property_of(k) == name {
                    map.serialize_entry(k, v)?;
                }
            }
        }
        Ok(())
    }
}

/// Writes field `index` when it is set, after its annotations and after the kept nulls due
/// before it. Only the test "is it set" is inlined into each struct (most fields of a large type
/// are unset); the writing is one copy per field type that serves every struct.
#[inline(always)]
pub fn write<S: SerializeMap, T: Serialize>(
    map: &mut S,
    extra: &Extra<'_>,
    index: usize,
    value: &Option<T>,
) -> Result<(), S::Error> {
    match value {
        Some(v) => write_set(map, extra, index, v),
        None => Ok(()),
    }
}

#[inline(never)]
fn write_set<S: SerializeMap, T: Serialize>(
    map: &mut S,
    extra: &Extra<'_>,
    index: usize,
    value: &T,
) -> Result<(), S::Error> {
    extra.write_nulls_before(map, index)?;
    let name = extra.table.field_name(index);
    extra.written.insert(index);
    extra.annotations(map, name)?;
    map.serialize_entry(name, value)
}

/// A map key: a known field's index, or an unknown name (allocated only then).
enum Key {
    Known(usize),
    Unknown(String),
}

struct KeySeed<'t>(&'t Table);

impl<'de> de::DeserializeSeed<'de> for KeySeed<'_> {
    type Value = Key;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_> {
    type Value = Key;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a property name")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
        Ok(self
            .0
            .index(v)
            .map_or_else(|| Key::Unknown(v.to_owned()), Key::Known))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Key, E> {
        Ok(self.0.key(v))
    }
}

/// Reads known field `index` of `out` from the map's next value; a `null` is kept so it is
/// written back. Errors name the property.
fn read_known<'de, A: MapAccess<'de>>(
    out: &mut dyn ReadInto<'de, A>,
    table: &Table,
    index: usize,
    map: &mut A,
) -> Result<(), A::Error> {
    let name = table.field_name(index);
    let null = out
        .read_field_from(index, map)
        .map_err(|e| de::Error::custom(format_args!("{}.{}: {}", table.name, name, e)))?;
    if null {
        out.data_mut().insert(name.to_owned(), Value::Null);
    }
    Ok(())
}

/// The rest of a map into `out`: known fields by the table, everything else into
/// `additional_data` in arrival order, starting with `pending` when a key was read already. An
/// `@odata.type` naming one of `types` other than the first stops the read: its variant index
/// and value are returned (for a polymorphic type to switch to that variant).
fn read_rest<'de, A: MapAccess<'de>>(
    out: &mut dyn ReadInto<'de, A>,
    table: &Table,
    mut pending: Option<Key>,
    types: &[&str],
    map: &mut A,
) -> Result<Option<(usize, Value)>, A::Error> {
    loop {
        let key = match pending.take() {
            Some(k) => k,
            None => match map.next_key_seed(KeySeed(table))? {
                Some(k) => k,
                None => return Ok(None),
            },
        };
        match key {
            Key::Known(index) => read_known(out, table, index, map)?,
            Key::Unknown(key) => {
                let value: Value = map.next_value()?;
                if key == "@odata.type" {
                    let index = tag_index(types, &value);
                    if index != 0 {
                        return Ok(Some((index, value)));
                    }
                }
                out.data_mut().insert(key, value);
            }
        }
    }
}

/// Reads a generated struct from a map: known fields by the table, everything else into
/// `additional_data` in arrival order, after `read` (the leading annotations a polymorphic read
/// took from the map already). Errors name the property.
pub fn read_object<'de, T: Object, A: MapAccess<'de>>(
    mut map: A,
    read: Vec<(String, Value)>,
) -> Result<T, A::Error> {
    let mut out = T::default();
    if !read.is_empty() {
        out.additional_data_mut().extend(read);
    }
    read_rest(&mut out, &T::table(), None, &[], &mut map)?;
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
/// Each struct's copy only passes its table on: the body, with the serializer's map prologue and
/// epilogue, is one copy per serializer ([`serialize_dyn`]), which stays in the instruction cache
/// when a payload holds many types.
pub fn serialize_object<T: Object, S: Serializer>(
    value: &T,
    tag: Option<&str>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serialize_dyn(value, &T::table(), tag, serializer)
}

#[inline(never)]
fn serialize_dyn<S: Serializer>(
    value: &dyn WriteFrom<S::SerializeMap>,
    table: &Table,
    tag: Option<&str>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(None)?;
    write_object(&mut map, value, table, tag)?;
    map.end()
}

fn write_object<M: SerializeMap>(
    map: &mut M,
    value: &dyn WriteFrom<M>,
    table: &Table,
    tag: Option<&str>,
) -> Result<(), M::Error> {
    let data = value.data();
    let extra = Extra::new(data, table);
    if let Some(tag) = tag {
        if !data.contains_key("@odata.type") {
            map.serialize_entry("@odata.type", tag)?;
        }
    }
    for (k, v) in data.iter().filter(|(k, _)| k.starts_with('@')) {
        map.serialize_entry(k, v)?;
    }
    value.write_fields_to(map, &extra)?;
    extra.write_nulls_before(map, table.len())?;
    for (k, v) in data.iter().filter(|(k, _)| !k.starts_with('@')) {
        // Skip what went out with a field: its annotations, its kept null, or a stale value for
        // a field that is now set.
        if let Some(i) = table.index(property_of(k)) {
            if extra.written.contains(i) || extra.nulls.contains(i) {
                continue;
            }
        }
        map.serialize_entry(k, v)?;
    }
    Ok(())
}

/// Whether serializing `value` writes a value for the field `name` (it is set): its fields are
/// written into a JSON map, for the rare [`Object::is_null`].
fn writes_field<T: Object>(value: &T, name: &str) -> bool {
    let none = Map::new();
    let table = T::table();
    let extra = Extra::new(&none, &table);
    let Ok(mut map) = serde_json::value::Serializer.serialize_map(None) else {
        return false;
    };
    value.write_fields(&mut map, &extra).is_ok()
        && matches!(map.end(), Ok(Value::Object(m)) if m.contains_key(name))
}

/// Type-erased access to a generated struct's fields by their index in [`Object::FIELDS`]: the
/// default methods of the `…Fields` traits are written once against it (a derived type lists its
/// bases' fields first, so they keep their indices). Implemented by types that have a base or
/// derived types, for the fields their bases declare.
pub trait Fields {
    fn field_any(&self, index: usize) -> &dyn std::any::Any;
    fn field_any_mut(&mut self, index: usize) -> &mut dyn std::any::Any;
}

/// A field from [`Fields::field_any`] as its declared type.
pub fn field<T: 'static>(value: &dyn std::any::Any) -> &T {
    value
        .downcast_ref()
        .expect("a generated field table matches its struct")
}

/// A field from [`Fields::field_any_mut`] as its declared type.
pub fn field_mut<T: 'static>(value: &mut dyn std::any::Any) -> &mut T {
    value
        .downcast_mut()
        .expect("a generated field table matches its struct")
}

/// The end of a [`Fields`] table.
pub fn no_field() -> ! {
    panic!("no such field in the generated field table")
}

/// A generated enum over a base type and the types derived from it (`AnyCommsOperation`).
pub trait Polymorphic: Sized {
    /// The declared (base) type's wire name.
    const NAME: &'static str;
    /// Qualified names of the variants' types; index 0 is the declared type.
    const TYPES: &'static [&'static str];
    /// The declared type.
    type Base: Object + Serialize;
    fn from_base(base: Self::Base) -> Self;
    /// Reads variant `index`'s struct from the map, after `read` (see [`read_object`]).
    fn read_variant<'de, A: MapAccess<'de>>(
        index: usize,
        map: A,
        read: Vec<(String, Value)>,
    ) -> Result<Self, A::Error>;
}

/// The variant an `@odata.type` value names: with or without the leading `#`, the namespace
/// written out or as any alias (`#graph.x`, `#microsoft.graph.x`), letter case ignored; the
/// declared type (0) when nothing matches.
pub fn resolve_tag(types: &[&str], tag: &str) -> usize {
    let tag = tag.strip_prefix('#').unwrap_or(tag);
    if let Some(i) = types.iter().position(|t| t.eq_ignore_ascii_case(tag)) {
        return i;
    }
    let (alias, name) = tag.rsplit_once('.').unwrap_or(("", tag));
    let alias_last = alias.rsplit('.').next().unwrap_or("");
    let mut found = None;
    for (i, t) in types.iter().enumerate() {
        let (ns, n) = t.rsplit_once('.').unwrap_or(("", t));
        if !n.eq_ignore_ascii_case(name) {
            continue;
        }
        let ns_last = ns.rsplit('.').next().unwrap_or("");
        if ns_last.eq_ignore_ascii_case(alias_last) {
            return i;
        }
        found.get_or_insert(i);
    }
    found.unwrap_or(0)
}

/// The variant an `@odata.type` value names (the declared type when it is not a string).
fn tag_index(types: &[&str], tag: &Value) -> usize {
    tag.as_str().map_or(0, |t| resolve_tag(types, t))
}

/// A map whose first entries were read ahead (looking for `@odata.type`), replayed before the rest.
pub struct Replay<A> {
    buffered: std::vec::IntoIter<(String, Value)>,
    value: Option<Value>,
    live: A,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Replay<A> {
    type Error = A::Error;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        if let Some((k, v)) = self.buffered.next() {
            self.value = Some(v);
            return seed
                .deserialize(de::IntoDeserializer::<A::Error>::into_deserializer(k))
                .map(Some);
        }
        self.live.next_key_seed(seed)
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, A::Error> {
        match self.value.take() {
            Some(v) => seed.deserialize(v).map_err(de::Error::custom),
            None => self.live.next_value_seed(seed),
        }
    }
}

struct PolymorphicVisitor<T>(PhantomData<T>);

impl<'de, T: Polymorphic> Visitor<'de> for PolymorphicVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a `{}` object", T::NAME)
    }

    /// Annotations before the first property are read ahead looking for `@odata.type` (OData
    /// puts control information first): with it, the type it names reads the rest as it streams;
    /// without it the declared type does, and a tag that comes later switches to the type it
    /// names, re-reading what was read so far.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        match read_head(&mut map, T::TYPES)? {
            // The rest streams into the variant from the same map (a replay would be read
            // through a second copy of every struct's read code).
            Head::Tagged(index, read) => T::read_variant(index, map, read),
            Head::Untagged(read, first) => {
                let mut base = T::Base::default();
                base.additional_data_mut().extend(read);
                let table = T::Base::table();
                let pending = first.map(|k| table.key(k));
                match read_rest(&mut base, &table, pending, T::TYPES, &mut map)? {
                    Some((index, tag)) => switch_variant(base, index, tag, map),
                    None => Ok(T::from_base(base)),
                }
            }
        }
    }
}

/// What a polymorphic read finds before the first property: the leading annotations, and the
/// variant their `@odata.type` names, or the first property's key.
enum Head {
    Tagged(usize, Vec<(String, Value)>),
    Untagged(Vec<(String, Value)>, Option<String>),
}

/// Reads the annotations before the first property (one copy per map type, not per base type).
fn read_head<'de, A: MapAccess<'de>>(map: &mut A, types: &[&str]) -> Result<Head, A::Error> {
    let mut read: Vec<(String, Value)> = Vec::new();
    while let Some(key) = map.next_key::<String>()? {
        if !key.starts_with('@') {
            return Ok(Head::Untagged(read, Some(key)));
        }
        let value: Value = map.next_value()?;
        if key == "@odata.type" {
            let index = tag_index(types, &value);
            read.push((key, value));
            return Ok(Head::Tagged(index, read));
        }
        read.push((key, value));
    }
    Ok(Head::Untagged(read, None))
}

/// A tag that came after properties: re-reads what was read so far as the variant it names.
#[cold]
#[inline(never)]
fn switch_variant<'de, T: Polymorphic, A: MapAccess<'de>>(
    base: T::Base,
    index: usize,
    tag: Value,
    map: A,
) -> Result<T, A::Error> {
    let so_far = match serde_json::to_value(&base).map_err(de::Error::custom)? {
        Value::Object(m) => m,
        _ => Map::new(),
    };
    let mut entries: Vec<(String, Value)> = so_far.into_iter().collect();
    entries.push(("@odata.type".to_owned(), tag));
    T::read_variant(index, Replay::new(entries, map), Vec::new())
}

impl<A> Replay<A> {
    fn new(buffered: Vec<(String, Value)>, live: A) -> Self {
        Replay {
            buffered: buffered.into_iter(),
            value: None,
            live,
        }
    }
}

/// Deserializes a polymorphic value as the type its `@odata.type` names (the declared type when
/// the tag is absent or unknown; the tag is kept in `additional_data` either way).
pub fn deserialize_polymorphic<'de, T: Polymorphic, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(PolymorphicVisitor(PhantomData))
}

/// A set of flags-enum members, sent as a comma-separated string (`"a,b"`); members in the order
/// received, unknown ones kept. Equality ignores order.
#[derive(Debug, Clone)]
pub struct Flags<E> {
    members: Vec<E>,
}

impl<E> Default for Flags<E> {
    fn default() -> Self {
        Flags {
            members: Vec::new(),
        }
    }
}

impl<E: Enum + PartialEq> Flags<E> {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn contains(&self, member: &E) -> bool {
        self.members.contains(member)
    }
    /// Adds a member; `false` when it was already there.
    pub fn insert(&mut self, member: E) -> bool {
        if self.contains(&member) {
            return false;
        }
        self.members.push(member);
        true
    }
    /// Removes a member; `false` when it was not there.
    pub fn remove(&mut self, member: &E) -> bool {
        let before = self.members.len();
        self.members.retain(|m| m != member);
        before != self.members.len()
    }
    pub fn iter(&self) -> std::slice::Iter<'_, E> {
        self.members.iter()
    }
    pub fn len(&self) -> usize {
        self.members.len()
    }
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }
}

impl<E: PartialEq> PartialEq for Flags<E> {
    fn eq(&self, other: &Self) -> bool {
        self.members.len() == other.members.len()
            && self.members.iter().all(|m| other.members.contains(m))
    }
}

impl<E: Enum + PartialEq> FromIterator<E> for Flags<E> {
    fn from_iter<I: IntoIterator<Item = E>>(iter: I) -> Self {
        let mut out = Flags::new();
        for m in iter {
            out.insert(m);
        }
        out
    }
}

impl<E: Enum> Serialize for Flags<E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut text = String::new();
        for (i, m) in self.members.iter().enumerate() {
            if i > 0 {
                text.push(',');
            }
            text.push_str(m.wire());
        }
        serializer.serialize_str(&text)
    }
}

impl<'de, E: Enum + PartialEq> Deserialize<'de> for Flags<E> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(FlagsVisitor(PhantomData))
    }
}

struct FlagsVisitor<E>(PhantomData<E>);

impl<'de, E: Enum + PartialEq> Visitor<'de> for FlagsVisitor<E> {
    type Value = Flags<E>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "comma-separated `{}` members", E::NAME)
    }
    fn visit_str<Er: de::Error>(self, v: &str) -> Result<Flags<E>, Er> {
        Ok(v.split(',')
            .map(str::trim)
            .filter(|m| !m.is_empty())
            .map(enum_from_str::<E>)
            .collect())
    }
}

struct EnumVisitor<E>(PhantomData<E>);

impl<'de, E: Enum> Visitor<'de> for EnumVisitor<E> {
    type Value = E;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a `{}` value", E::NAME)
    }
    fn visit_str<Er: de::Error>(self, v: &str) -> Result<E, Er> {
        Ok(enum_from_str(v))
    }
    fn visit_string<Er: de::Error>(self, v: String) -> Result<E, Er> {
        Ok(member(&v).unwrap_or_else(|| E::unrecognized(v)))
    }
}

/// An enum member from its wire name in any letter case; unknown values are kept.
pub fn enum_from_str<T: Enum>(s: &str) -> T {
    member(s).unwrap_or_else(|| T::unrecognized(s.to_owned()))
}

/// The known member with this wire name, in any letter case.
fn member<T: Enum>(s: &str) -> Option<T> {
    T::MEMBERS
        .iter()
        .position(|m| m.eq_ignore_ascii_case(s))
        .and_then(T::from_index)
}

/// A generated enum: members by wire name, and a variant for values this crate does not know.
pub trait Enum: Sized {
    const NAME: &'static str;
    /// Wire names, in variant order.
    const MEMBERS: &'static [&'static str];
    fn from_index(index: usize) -> Option<Self>;
    fn unrecognized(value: String) -> Self;
    /// The value as sent on the wire.
    fn wire(&self) -> &str;
}

/// Deserializes an enum from a string in any letter case; unknown values are kept.
pub fn deserialize_enum<'de, T: Enum, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_str(EnumVisitor(PhantomData))
}

/// A collection response: `{ "value": [...], "@odata.nextLink": ... }`; everything else
/// (`@odata.context`, `@odata.count`, ...) is kept in `additional_data` in arrival order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Collection<T> {
    pub value: Vec<T>,
    pub next_link: Option<String>,
    pub additional_data: Map<String, Value>,
}

const NEXT_LINK: &str = "@odata.nextLink";

/// Serializes the instance annotations first (OData's control information), then `value` and
/// `@odata.nextLink`, then any other data.
impl<T: Serialize> Serialize for Collection<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        let annotation = |k: &String| k.starts_with('@');
        for (k, v) in self.additional_data.iter().filter(|(k, _)| annotation(k)) {
            map.serialize_entry(k, v)?;
        }
        map.serialize_entry("value", &self.value)?;
        if let Some(link) = &self.next_link {
            map.serialize_entry(NEXT_LINK, link)?;
        }
        for (k, v) in self.additional_data.iter().filter(|(k, _)| !annotation(k)) {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Collection<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(CollectionVisitor(PhantomData))
    }
}

struct CollectionVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for CollectionVisitor<T> {
    type Value = Collection<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a collection (an object with `value`)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Collection<T>, A::Error> {
        let mut value = None;
        let mut next_link = None;
        let mut additional_data = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "value" => value = Some(map.next_value()?),
                NEXT_LINK => next_link = map.next_value()?,
                _ => {
                    additional_data.insert(key, map.next_value()?);
                }
            }
        }
        Ok(Collection {
            value: value.ok_or_else(|| de::Error::missing_field("value"))?,
            next_link,
            additional_data,
        })
    }
}

/// The HTTP method of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    Get,
    Post,
    Patch,
    Put,
    Delete,
}

/// An operation from an API page: method, path template, and the body and response types
/// (`()` where there is none).
pub trait Operation {
    /// The operation's id in the schema.
    const ID: &'static str;
    const METHOD: Method;
    /// The path template with `{placeholders}`; `None` when the docs give none.
    const PATH: Option<&'static str>;
    type Body: Serialize;
    type Response: for<'de> Deserialize<'de>;
}

/// A number field with OData's quirks: `Edm.Double` and `Edm.Single` also arrive as the strings
/// `"NaN"`, `"INF"` and `"-INF"` (written back the same way), and with `IEEE754Compatible=true`
/// numbers arrive as strings.
pub trait Num: Sized {
    fn de<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;
    fn ser<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;
}

struct NumVisitor<T>(PhantomData<T>);

macro_rules! float_num {
    ($t:ty) => {
        impl<'de> Visitor<'de> for NumVisitor<$t> {
            type Value = $t;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number, \"NaN\", \"INF\" or \"-INF\"")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<$t, E> {
                Ok(v as $t)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<$t, E> {
                Ok(v as $t)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<$t, E> {
                Ok(v as $t)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<$t, E> {
                match v {
                    "NaN" => Ok(<$t>::NAN),
                    "INF" | "Infinity" => Ok(<$t>::INFINITY),
                    "-INF" | "-Infinity" => Ok(<$t>::NEG_INFINITY),
                    _ => v
                        .parse()
                        .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self)),
                }
            }
        }
        impl Num for $t {
            fn de<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_any(NumVisitor::<$t>(PhantomData))
            }
            fn ser<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                if self.is_nan() {
                    serializer.serialize_str("NaN")
                } else if self.is_infinite() {
                    serializer.serialize_str(if *self > 0.0 { "INF" } else { "-INF" })
                } else {
                    self.serialize(serializer)
                }
            }
        }
    };
}
float_num!(f64);
float_num!(f32);

impl<'de> Visitor<'de> for NumVisitor<i64> {
    type Value = i64;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a 64-bit integer (number or string)")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
        Ok(v)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
        i64::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<i64, E> {
        v.parse()
            .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
    }
}

impl Num for i64 {
    fn de<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NumVisitor::<i64>(PhantomData))
    }
    fn ser<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(*self)
    }
}

struct NumSeed<T>(PhantomData<T>);

impl<'de, T: Num> de::DeserializeSeed<'de> for NumSeed<T> {
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        T::de(deserializer)
    }
}

struct NumSeqVisitor<T>(PhantomData<T>);

impl<'de, T: Num> Visitor<'de> for NumSeqVisitor<T> {
    type Value = Vec<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of numbers")
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(v) = seq.next_element_seed(NumSeed::<T>(PhantomData))? {
            out.push(v);
        }
        Ok(out)
    }
}

impl<T: Num> Num for Vec<T> {
    fn de<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_seq(NumSeqVisitor::<T>(PhantomData))
    }
    fn ser<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter().map(AsNum))
    }
}

struct AsNum<'a, T>(&'a T);

impl<T: Num> Serialize for AsNum<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.ser(serializer)
    }
}

struct OptNumVisitor<T>(PhantomData<T>);

impl<'de, T: Num> Visitor<'de> for OptNumVisitor<T> {
    type Value = Option<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number or null")
    }
    fn visit_none<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<T>, D::Error> {
        T::de(deserializer).map(Some)
    }
}

struct OptNumSeed<T>(PhantomData<T>);

impl<'de, T: Num> de::DeserializeSeed<'de> for OptNumSeed<T> {
    type Value = Option<T>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<T>, D::Error> {
        deserializer.deserialize_option(OptNumVisitor::<T>(PhantomData))
    }
}

/// [`read`] for a [`Num`] field.
#[inline(never)]
pub fn read_num<'de, A: MapAccess<'de>, T: Num>(
    map: &mut A,
    slot: &mut Option<T>,
) -> Result<bool, A::Error> {
    *slot = map.next_value_seed(OptNumSeed::<T>(PhantomData))?;
    Ok(slot.is_none())
}

/// [`write`] for a [`Num`] field.
#[inline(always)]
pub fn write_num<S: SerializeMap, T: Num>(
    map: &mut S,
    extra: &Extra<'_>,
    index: usize,
    value: &Option<T>,
) -> Result<(), S::Error> {
    write(map, extra, index, &value.as_ref().map(AsNum))
}

/// A value with a textual wire form (an Edm primitive sent as a JSON string).
pub trait Lexical: Sized {
    /// The Edm type name, for error messages.
    const EDM: &'static str;
    fn parse(text: &str) -> Result<Self, String>;
    /// The canonical text, used for values built in code.
    fn format(&self) -> String;
}

/// An Edm primitive sent as a string: the parsed value and the exact text it came as, so a round
/// trip writes back byte for byte what arrived (7-digit fractions, the original offset, `P1D`
/// rather than `PT24H`, base64 padding). Equality and hashing are by text.
#[derive(Clone)]
pub struct Edm<T> {
    value: T,
    text: String,
}

impl<T: Lexical> Edm<T> {
    /// A value built in code; its text is the canonical form.
    pub fn new(value: T) -> Self {
        let text = value.format();
        Edm { value, text }
    }
    /// Parses wire text; the text is kept as given.
    pub fn parse(text: impl Into<String>) -> Result<Self, String> {
        let text = text.into();
        let value = T::parse(&text).map_err(|e| format!("invalid {} {:?}: {}", T::EDM, text, e))?;
        Ok(Edm { value, text })
    }
}

impl<T> Edm<T> {
    pub fn value(&self) -> &T {
        &self.value
    }
    pub fn into_value(self) -> T {
        self.value
    }
    /// The wire text.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl<T: Lexical> From<T> for Edm<T> {
    fn from(value: T) -> Self {
        Edm::new(value)
    }
}

impl<T: Lexical> std::str::FromStr for Edm<T> {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Edm::parse(s)
    }
}

impl<T> fmt::Debug for Edm<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.text, f)
    }
}

impl<T> fmt::Display for Edm<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl<T> PartialEq for Edm<T> {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl<T> Eq for Edm<T> {}

impl<T> std::hash::Hash for Edm<T> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.text.hash(state)
    }
}

impl<T> Serialize for Edm<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

struct EdmVisitor<T>(PhantomData<T>);

impl<'de, T: Lexical> Visitor<'de> for EdmVisitor<T> {
    type Value = Edm<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an {} string", T::EDM)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Edm<T>, E> {
        Edm::parse(v).map_err(E::custom)
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Edm<T>, E> {
        Edm::parse(v).map_err(E::custom)
    }
}

impl<'de, T: Lexical> Deserialize<'de> for Edm<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(EdmVisitor(PhantomData))
    }
}

/// `Edm.Guid`: 128 bits, written 8-4-4-4-12 in hex.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Uuid(pub u128);

impl Lexical for Uuid {
    const EDM: &'static str = "Edm.Guid";
    fn parse(text: &str) -> Result<Self, String> {
        let b = text.as_bytes();
        if b.len() != 36 || [8, 13, 18, 23].iter().any(|&i| b[i] != b'-') {
            return Err("expected 8-4-4-4-12 hex digits".into());
        }
        let mut v: u128 = 0;
        for (i, c) in text.chars().enumerate() {
            if [8, 13, 18, 23].contains(&i) {
                continue;
            }
            let d = c.to_digit(16).ok_or("not a hex digit")?;
            v = (v << 4) | u128::from(d);
        }
        Ok(Uuid(v))
    }
    fn format(&self) -> String {
        let h = format!("{:032x}", self.0);
        format!(
            "{}-{}-{}-{}-{}",
            &h[..8],
            &h[8..12],
            &h[12..16],
            &h[16..20],
            &h[20..]
        )
    }
}

/// `Edm.Guid`.
pub type Guid = Edm<Uuid>;

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

impl Lexical for Vec<u8> {
    const EDM: &'static str = "Edm.Binary";
    /// Standard or URL-safe base64, padded or not.
    fn parse(text: &str) -> Result<Self, String> {
        let digits = text.trim_end_matches('=');
        if text.len() - digits.len() > 2 {
            return Err("too much padding".into());
        }
        let mut out = Vec::with_capacity(digits.len() * 3 / 4);
        let (mut acc, mut bits) = (0u32, 0u32);
        for c in digits.bytes() {
            let v = match c {
                b'A'..=b'Z' => c - b'A',
                b'a'..=b'z' => c - b'a' + 26,
                b'0'..=b'9' => c - b'0' + 52,
                b'+' | b'-' => 62,
                b'/' | b'_' => 63,
                _ => return Err(format!("{:?} is not a base64 digit", c as char)),
            };
            acc = (acc << 6) | u32::from(v);
            bits += 6;
            if bits >= 8 {
                bits -= 8;
                out.push((acc >> bits) as u8);
                acc &= (1 << bits) - 1;
            }
        }
        if bits >= 6 {
            return Err("truncated base64".into());
        }
        Ok(out)
    }
    /// Standard base64 with padding.
    fn format(&self) -> String {
        let mut out = String::with_capacity(self.len().div_ceil(3) * 4);
        for chunk in self.chunks(3) {
            let n =
                chunk.iter().fold(0u32, |a, &b| (a << 8) | u32::from(b)) << (8 * (3 - chunk.len()));
            for i in 0..4 {
                if i <= chunk.len() {
                    out.push(B64[((n >> (18 - 6 * i)) & 63) as usize] as char);
                } else {
                    out.push('=');
                }
            }
        }
        out
    }
}

/// `Edm.Binary` (and inline `Edm.Stream` values): base64 text and the bytes.
pub type Binary = Edm<Vec<u8>>;
