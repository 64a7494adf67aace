//! Number fields with OData's quirks ([`Num`]).

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};

#[cfg(doc)]
use crate::object::read;
use crate::object::{write, Extra};

/// A number field with OData's quirks: `Edm.Double` and `Edm.Single` also arrive as the strings
/// `"NaN"`, `"INF"` and `"-INF"` (written back the same way), and with `IEEE754Compatible=true`
/// numbers arrive as strings.
pub trait Num: Sized {
    /// Reads a number, or a string holding one.
    fn de<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;
    /// Writes the number (a non-finite float as a string).
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
