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
    /// The index of a known wire field.
    fn field_index(name: &str) -> Option<usize>;
    /// Reads field `index` from the map's next value; returns `true` when the value was `null`.
    fn read_field<'de, A: MapAccess<'de>>(
        &mut self,
        index: usize,
        map: &mut A,
    ) -> Result<bool, A::Error>;
    /// Writes every field that is set.
    fn write_fields<S: SerializeMap>(&self, map: &mut S) -> Result<(), S::Error>;
    /// Whether field `index` is set.
    fn is_set(&self, index: usize) -> bool;
    fn additional_data(&self) -> &Map<String, Value>;
    fn additional_data_mut(&mut self) -> &mut Map<String, Value>;
}

/// Reads the next map value into an optional field; `true` when it was `null`.
pub fn read<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
) -> Result<bool, A::Error> {
    *slot = map.next_value()?;
    Ok(slot.is_none())
}

/// Writes a field when it is set.
pub fn write<S: SerializeMap, T: Serialize>(
    map: &mut S,
    name: &'static str,
    value: &Option<T>,
) -> Result<(), S::Error> {
    match value {
        Some(v) => map.serialize_entry(name, v),
        None => Ok(()),
    }
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: Object> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a `{}` object", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut out = T::default();
        while let Some(key) = map.next_key::<String>()? {
            match T::field_index(&key) {
                Some(index) => {
                    let null = out.read_field(index, &mut map).map_err(|e| {
                        de::Error::custom(format_args!("{}.{}: {}", T::NAME, key, e))
                    })?;
                    // A null for a known property is kept, so it is written back (and so a PATCH
                    // can clear a value by setting null in `additional_data`).
                    if null {
                        out.additional_data_mut().insert(key, Value::Null);
                    }
                }
                None => {
                    let value: Value = map.next_value()?;
                    out.additional_data_mut().insert(key, value);
                }
            }
        }
        Ok(out)
    }
}

/// Deserializes a generated struct: known fields by the table, everything else into
/// `additional_data` in arrival order.
pub fn deserialize_object<'de, T: Object, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(ObjectVisitor(PhantomData))
}

/// Serializes a generated struct: instance annotations (`@odata.type`, ...) first, then the set
/// fields, then the other additional data. A null kept for a field that is now set is skipped.
pub fn serialize_object<T: Object, S: Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(None)?;
    let extra = value.additional_data();
    for (k, v) in extra.iter().filter(|(k, _)| k.starts_with('@')) {
        map.serialize_entry(k, v)?;
    }
    value.write_fields(&mut map)?;
    for (k, v) in extra.iter().filter(|(k, _)| !k.starts_with('@')) {
        if T::field_index(k).is_some_and(|i| value.is_set(i)) {
            continue;
        }
        map.serialize_entry(k, v)?;
    }
    map.end()
}

/// A generated enum: members by wire name, and a variant for values this crate does not know.
pub trait Enum: Sized {
    const NAME: &'static str;
    /// Wire names, in variant order.
    const MEMBERS: &'static [&'static str];
    fn from_index(index: usize) -> Option<Self>;
    fn unrecognized(value: String) -> Self;
}

/// Deserializes an enum from a string in any letter case; unknown values are kept.
pub fn deserialize_enum<'de, T: Enum, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    let s = String::deserialize(deserializer)?;
    let found = T::MEMBERS
        .iter()
        .position(|m| m.eq_ignore_ascii_case(&s))
        .and_then(T::from_index);
    Ok(found.unwrap_or_else(|| T::unrecognized(s)))
}

/// A collection response: `{ "value": [...], "@odata.nextLink": ... }`.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Collection<T> {
    pub value: Vec<T>,
    #[serde(
        rename = "@odata.nextLink",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub next_link: Option<String>,
    #[serde(flatten)]
    pub additional_data: Map<String, Value>,
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
