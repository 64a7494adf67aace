//! Polymorphism: the `Any…` enums over a base type and its descendants, chosen by
//! `@odata.type`, and the type-erased field access behind the generated `…Fields` traits.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::Serialize;
use serde_json::{Map, Value};

#[cfg(doc)]
use crate::object::read_object;
use crate::object::{read_rest, Object};

/// Type-erased access to a generated struct's fields by their index in [`Object::FIELDS`]: the
/// default methods of the `…Fields` traits are written once against it (a derived type lists its
/// bases' fields first, so they keep their indices). Implemented by types that have a base or
/// derived types, for the fields their bases declare.
pub trait Fields {
    /// Field `index` (of [`Object::FIELDS`]).
    fn field_any(&self, index: usize) -> &dyn std::any::Any;
    /// Field `index`, mutably.
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
    /// The enum's variant for the declared type.
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
#[inline]
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
#[inline]
pub(crate) fn tag_index(types: &[&str], tag: &Value) -> usize {
    tag.as_str().map_or(0, |t| resolve_tag(types, t))
}

/// A map whose first entries were read ahead (looking for `@odata.type`), replayed before the rest.
pub(crate) struct Replay<A> {
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
                match read_rest(&mut base, first, T::TYPES, &mut map)? {
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
