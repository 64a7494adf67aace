//! [`AdditionalData`]: what a generated struct received beyond its fields' values.

use std::fmt;
use std::ops::{Deref, DerefMut};

use serde_json::{Map, Value};

/// A generated struct's unknown properties and instance annotations (`@odata.etag`,
/// `name@odata.type`), in arrival order (with serde_json's `preserve_order`), and which of its
/// fields arrived as `null`.
///
/// It is a [`serde_json::Map`] to the program (through `Deref`): look properties up, insert or
/// remove them as in any map. The received nulls are kept beside the map, by field, so a response
/// full of nulls costs no map entries; [`crate::Object::is_null`] tells them, and they are written
/// back where they came. A `null` the program inserts into the map for a known property is sent
/// too.
///
/// ```
/// let mut data = graphdoc_runtime::AdditionalData::new();
/// data.insert("@odata.etag".into(), "W/\"1\"".into());
/// assert_eq!(data["@odata.etag"], "W/\"1\"");
/// ```
#[derive(Clone, Default, PartialEq)]
pub struct AdditionalData {
    map: Map<String, Value>,
    nulls: NullFields,
}

impl AdditionalData {
    /// No data.
    pub fn new() -> Self {
        AdditionalData::default()
    }

    /// Whether field `index` of the struct arrived as `null` (or was set to null).
    #[inline]
    pub(crate) fn null_at(&self, index: usize) -> bool {
        self.nulls.contains(index)
    }

    /// Records that field `index` of the struct is `null`.
    #[inline]
    pub(crate) fn set_null_at(&mut self, index: usize) {
        self.nulls.insert(index);
    }

    /// The fields recorded as `null`, as 64-bit words (field 0 in the lowest bit of the first).
    #[inline]
    pub(crate) fn null_words(&self) -> impl Iterator<Item = u64> + '_ {
        self.nulls.words()
    }

    /// Whether any field is recorded as `null`.
    #[inline]
    pub(crate) fn has_null_fields(&self) -> bool {
        !self.nulls.is_empty()
    }

    /// No properties, annotations nor nulls: nothing to write around the struct's fields.
    #[inline]
    pub(crate) fn is_plain(&self) -> bool {
        self.map.is_empty() && !self.has_null_fields()
    }
}

impl Deref for AdditionalData {
    type Target = Map<String, Value>;
    fn deref(&self) -> &Map<String, Value> {
        &self.map
    }
}

impl DerefMut for AdditionalData {
    fn deref_mut(&mut self) -> &mut Map<String, Value> {
        &mut self.map
    }
}

impl<'a> IntoIterator for &'a AdditionalData {
    type Item = (&'a String, &'a Value);
    type IntoIter = serde_json::map::Iter<'a>;
    fn into_iter(self) -> Self::IntoIter {
        self.map.iter()
    }
}

impl<'a> IntoIterator for &'a mut AdditionalData {
    type Item = (&'a String, &'a mut Value);
    type IntoIter = serde_json::map::IterMut<'a>;
    fn into_iter(self) -> Self::IntoIter {
        self.map.iter_mut()
    }
}

impl From<Map<String, Value>> for AdditionalData {
    fn from(map: Map<String, Value>) -> Self {
        AdditionalData {
            map,
            nulls: NullFields::default(),
        }
    }
}

impl fmt::Debug for AdditionalData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_struct("AdditionalData");
        out.field("map", &self.map);
        if !self.nulls.is_empty() {
            out.field("null_fields", &self.nulls.iter().collect::<Vec<_>>());
        }
        out.finish()
    }
}

/// A set of field indexes, a bit each: the first 128 inline, the rest allocated when one is set.
#[derive(Clone, Default, PartialEq)]
struct NullFields {
    low: u128,
    high: Vec<u64>,
}

impl NullFields {
    #[inline]
    fn is_empty(&self) -> bool {
        self.low == 0 && self.high.iter().all(|w| *w == 0)
    }

    #[inline]
    fn contains(&self, index: usize) -> bool {
        match index.checked_sub(128) {
            None => self.low >> index & 1 == 1,
            Some(i) => self
                .high
                .get(i / 64)
                .is_some_and(|w| w >> (i % 64) & 1 == 1),
        }
    }

    #[inline]
    fn insert(&mut self, index: usize) {
        match index.checked_sub(128) {
            None => self.low |= 1 << index,
            Some(i) => {
                if self.high.len() <= i / 64 {
                    self.high.resize(i / 64 + 1, 0);
                }
                if let Some(w) = self.high.get_mut(i / 64) {
                    *w |= 1 << (i % 64);
                }
            }
        }
    }

    /// The set as 64-bit words, field 0 in the lowest bit of the first.
    fn words(&self) -> impl Iterator<Item = u64> + '_ {
        [self.low as u64, (self.low >> 64) as u64]
            .into_iter()
            .chain(self.high.iter().copied())
    }

    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.words().enumerate().flat_map(|(w, mut bits)| {
            std::iter::from_fn(move || {
                let bit = bits.trailing_zeros() as usize;
                bits &= bits.checked_sub(1)?;
                Some(w * 64 + bit)
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::NullFields;

    #[test]
    fn null_fields_hold_any_field_index() {
        let mut set = NullFields::default();
        assert!(set.is_empty());
        for i in [0, 1, 63, 64, 127, 128, 191, 192, 1000] {
            assert!(!set.contains(i), "{i}");
            set.insert(i);
            assert!(set.contains(i), "{i}");
        }
        assert!(
            !set.contains(2) && !set.contains(129) && !set.contains(999) && !set.contains(5000)
        );
        assert_eq!(
            set.iter().collect::<Vec<_>>(),
            [0, 1, 63, 64, 127, 128, 191, 192, 1000]
        );
        assert!(!set.is_empty());
    }
}
