//! How one field's value is read and written: leniently and losslessly. A field's [`Wire`] reader
//! follows from its Rust type ([`HasWire`]: [`Str`], [`Bool`], [`Int`], [`Num`], [`Enumerated`],
//! [`Struct`], [`Nested`], [`Any`], and [`Seq`] or [`Boxed`] of one of them); each reads whatever
//! JSON arrives and says how it fits the documented type ([`Lenient`]):
//!
//! - it fits and would be written back as it came: the field holds it;
//! - it fits but would be written back differently (an enum member in other letter case, a whole
//!   number in a `Double`, a number sent as a string): the field holds it and the received JSON is
//!   kept beside it, written back while the field still holds that value;
//! - it does not fit (the docs are wrong, or the service changed): the field stays unset and the
//!   received JSON is kept, written back as it came ([`crate::Object::raw`] shows it).
//!
//! [`strictly`] turns the last case back into an error.

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, MapAccess, SeqAccess};
use serde::de::{Deserialize, Visitor};
use serde::ser::{Serialize, Serializer};
use serde_json::Value;

use crate::enums::Enum;

thread_local! {
    static STRICT: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` with strict reading on this thread: a value that does not fit its field's documented
/// type fails the read (the behaviour of plain serde derives) instead of being kept raw.
///
/// ```
/// # use graphdoc_runtime::strictly;
/// // With generated types, `serde_json::from_str::<Message>(text)` keeps a value that does not
/// // fit raw; inside `strictly` it is an error.
/// let n: Result<i32, _> = strictly(|| serde_json::from_str::<i32>("1"));
/// assert_eq!(n.unwrap(), 1);
/// ```
pub fn strictly<R>(f: impl FnOnce() -> R) -> R {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            STRICT.with(|s| s.set(self.0));
        }
    }
    let _restore = Restore(STRICT.with(|s| s.replace(true)));
    f()
}

/// Whether this thread reads strictly (inside [`strictly`]).
fn strict() -> bool {
    STRICT.with(Cell::get)
}

/// How a received value fits a field's type.
pub enum Lenient<T> {
    /// `null`.
    Null,
    /// It fits, and is written back as it came.
    Fits(T),
    /// It fits, but the canonical form differs from the received JSON (kept).
    Differs(T, Value),
    /// It does not fit: the received JSON.
    Raw(Value),
}

impl<T> Lenient<T> {
    /// The same outcome for a value mapped by `f`.
    #[inline]
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Lenient<U> {
        match self {
            Lenient::Null => Lenient::Null,
            Lenient::Fits(v) => Lenient::Fits(f(v)),
            Lenient::Differs(v, received) => Lenient::Differs(f(v), received),
            Lenient::Raw(received) => Lenient::Raw(received),
        }
    }
}

/// A field type's reader and writer (see the module docs).
pub trait Wire {
    /// The Rust type the field holds (inside its `Option`).
    type Out: PartialEq + Serialize;
    /// Whether one out-of-line write of a field of this type serves every struct (strings,
    /// numbers: their code stays hot). A struct's or enum's field write is instead inlined into
    /// the struct that holds it, which enters the value's own code anyway.
    const SHARED: bool = false;
    /// Reads a value (never failing on a value that does not fit, unless [`strictly`]).
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Lenient<Self::Out>, D::Error>;
    /// Reads a value into a box (a single struct in a field); by default [`Wire::read`], then
    /// boxed. A struct reader reads in place, so a large struct is not moved into the box.
    #[inline]
    fn read_boxed<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Lenient<Box<Self::Out>>, D::Error> {
        Ok(Self::read(deserializer)?.map(Box::new))
    }
    /// Reads one element of a collection: onto the end of `into` when it fits as it came
    /// (`None`), else how it read. By default [`Wire::read`], then a push; a struct reader reads
    /// in place at the end of the vector, so an element is neither boxed nor moved.
    #[inline(always)]
    fn read_onto<'de, D: Deserializer<'de>>(
        deserializer: D,
        into: &mut Vec<Self::Out>,
    ) -> Result<Option<Lenient<Self::Out>>, D::Error> {
        match Self::read(deserializer)? {
            Lenient::Fits(v) => {
                into.push(v);
                Ok(None)
            }
            other => Ok(Some(other)),
        }
    }
    /// Writes a value in its canonical form (by default its own `Serialize`).
    #[inline]
    fn write<S: Serializer>(value: &Self::Out, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }
}

/// A value serialized by its [`Wire`] writer.
pub struct Written<'a, W: Wire>(pub &'a W::Out);

impl<W: Wire> Serialize for Written<'_, W> {
    #[inline]
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        W::write(self.0, serializer)
    }
}

/// The seed that reads one element of a collection with `W` onto the end of its vector (see
/// [`Wire::read_onto`]).
struct Onto<'a, W: Wire>(&'a mut Vec<W::Out>);

impl<'de, W: Wire> DeserializeSeed<'de> for Onto<'_, W> {
    type Value = Option<Lenient<W::Out>>;
    // Always inlined: a collection's element loop holds the reader itself, not a call to one
    // more function per element type.
    #[inline(always)]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        W::read_onto(deserializer, self.0)
    }
}

/// Whether the received JSON `received` reads as `value` with `W` (so it can be written back in
/// place of `value`'s canonical form).
#[inline(never)]
#[cold]
pub(crate) fn still_holds<W: Wire>(value: &W::Out, received: &Value) -> bool {
    match W::read(received) {
        Ok(Lenient::Fits(v) | Lenient::Differs(v, _)) => v == *value,
        _ => false,
    }
}

/// A value that does not fit: kept raw, or an error when [`strictly`]. One copy per error type,
/// out of line: the readers' hot paths hold only the call.
#[cold]
#[inline(never)]
fn unfit<E: de::Error>(raw: Value, expected: &str) -> Result<Value, E> {
    if strict() {
        Err(E::custom(format_args!(
            "invalid value {}, expected {expected}",
            Shown(&raw)
        )))
    } else {
        Ok(raw)
    }
}

/// [`unfit`] with its own message (a value that reads but is not valid: a bad Guid, a number out
/// of range).
#[cold]
#[inline(never)]
fn invalid<E: de::Error>(raw: Value, why: String) -> Result<Value, E> {
    if strict() {
        Err(E::custom(why))
    } else {
        Ok(raw)
    }
}

/// A received value in an error message (short).
struct Shown<'a>(&'a Value);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Value::Object(_) => f.write_str("(an object)"),
            Value::Array(_) => f.write_str("(an array)"),
            v => write!(f, "{v}"),
        }
    }
}

/// The rest of a map as JSON (a value that does not fit, kept raw).
#[cold]
#[inline(never)]
fn drain_map<'de, A: MapAccess<'de>>(map: A, expected: &str) -> Result<Value, A::Error> {
    let raw = Value::deserialize(de::value::MapAccessDeserializer::new(map))?;
    unfit(raw, expected)
}

/// The rest of a sequence as JSON (a value that does not fit, kept raw).
#[cold]
#[inline(never)]
fn drain_seq<'de, A: SeqAccess<'de>>(seq: A, expected: &str) -> Result<Value, A::Error> {
    let raw = Value::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
    unfit(raw, expected)
}

/// The visitor methods of a reader for the JSON kinds it does not take: each keeps the value raw
/// (or fails, when strict), out of line.
macro_rules! unfit_kinds {
    ($expected:expr; $($kind:ident)*) => {
        $(unfit_kinds!(@ $kind $expected);)*
    };
    (@ bool $expected:expr) => {
        fn visit_bool<Er: de::Error>(self, v: bool) -> Result<Self::Value, Er> {
            unfit(Value::Bool(v), $expected).map(Lenient::Raw)
        }
    };
    (@ int $expected:expr) => {
        fn visit_i64<Er: de::Error>(self, v: i64) -> Result<Self::Value, Er> {
            unfit(Value::from(v), $expected).map(Lenient::Raw)
        }
        fn visit_u64<Er: de::Error>(self, v: u64) -> Result<Self::Value, Er> {
            unfit(Value::from(v), $expected).map(Lenient::Raw)
        }
    };
    (@ float $expected:expr) => {
        fn visit_f64<Er: de::Error>(self, v: f64) -> Result<Self::Value, Er> {
            unfit(Value::from(v), $expected).map(Lenient::Raw)
        }
    };
    (@ str $expected:expr) => {
        fn visit_str<Er: de::Error>(self, v: &str) -> Result<Self::Value, Er> {
            unfit(Value::from(v), $expected).map(Lenient::Raw)
        }
    };
    (@ map $expected:expr) => {
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            drain_map(map, $expected).map(Lenient::Raw)
        }
    };
    (@ seq $expected:expr) => {
        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            drain_seq(seq, $expected).map(Lenient::Raw)
        }
    };
    (@ null $expected:expr) => {
        fn visit_unit<Er: de::Error>(self) -> Result<Self::Value, Er> {
            Ok(Lenient::Null)
        }
        fn visit_none<Er: de::Error>(self) -> Result<Self::Value, Er> {
            Ok(Lenient::Null)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
    };
}

/// A value read from a JSON string: `String`, the Edm string types, flags sets.
pub trait Text: Sized {
    /// Reads the text (the error says why it is not valid).
    fn from_text(text: &str) -> Result<Self, String>;
}

impl Text for String {
    #[inline]
    fn from_text(text: &str) -> Result<Self, String> {
        Ok(text.to_owned())
    }
}

impl<T: crate::Lexical> Text for crate::Edm<T> {
    #[inline]
    fn from_text(text: &str) -> Result<Self, String> {
        crate::Edm::parse(text)
    }
}

/// Strings, the Edm string types and flags sets: a JSON string read by [`Text`].
pub struct Str<T>(PhantomData<T>);

struct StrVisitor<T>(PhantomData<T>);

impl<T: Text + Serialize + PartialEq> Wire for Str<T> {
    type Out = T;
    const SHARED: bool = true;
    #[inline]
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Lenient<T>, D::Error> {
        deserializer.deserialize_any(StrVisitor(PhantomData))
    }
}

impl<'de, T: Text> Visitor<'de> for StrVisitor<T> {
    type Value = Lenient<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        match T::from_text(v) {
            Ok(t) => Ok(Lenient::Fits(t)),
            Err(why) => invalid(Value::from(v), why).map(Lenient::Raw),
        }
    }
    unfit_kinds!("a string"; null bool int float map seq);
}

/// `Edm.Boolean`.
pub struct Bool;

struct BoolVisitor;

impl Wire for Bool {
    type Out = bool;
    const SHARED: bool = true;
    #[inline]
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Lenient<bool>, D::Error> {
        deserializer.deserialize_any(BoolVisitor)
    }
}

impl<'de> Visitor<'de> for BoolVisitor {
    type Value = Lenient<bool>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a boolean")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Lenient::Fits(v))
    }
    unfit_kinds!("a boolean"; null int float str map seq);
}

/// `Edm.Byte`, `SByte`, `Int16`, `Int32`: a JSON integer in the type's range.
pub struct Int<T>(PhantomData<T>);

struct IntVisitor<T>(PhantomData<T>);

impl<T: TryFrom<i64> + TryFrom<u64> + Serialize + PartialEq> Wire for Int<T> {
    type Out = T;
    const SHARED: bool = true;
    #[inline]
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Lenient<T>, D::Error> {
        deserializer.deserialize_any(IntVisitor(PhantomData))
    }
}

impl<'de, T: TryFrom<i64> + TryFrom<u64>> Visitor<'de> for IntVisitor<T> {
    type Value = Lenient<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an integer")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        match T::try_from(v) {
            Ok(t) => Ok(Lenient::Fits(t)),
            Err(_) => unfit(Value::from(v), "an integer in range").map(Lenient::Raw),
        }
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        match T::try_from(v) {
            Ok(t) => Ok(Lenient::Fits(t)),
            Err(_) => unfit(Value::from(v), "an integer in range").map(Lenient::Raw),
        }
    }
    unfit_kinds!("an integer"; null bool float str map seq);
}

/// A polymorphic `Any…` enum: read from a JSON object.
pub struct Nested<T>(PhantomData<T>);

struct NestedVisitor<T>(PhantomData<T>);

impl<T: DeserializeOwned + Serialize + PartialEq> Wire for Nested<T> {
    type Out = T;
    #[inline]
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Lenient<T>, D::Error> {
        deserializer.deserialize_any(NestedVisitor(PhantomData))
    }
}

impl<'de, T: DeserializeOwned> Visitor<'de> for NestedVisitor<T> {
    type Value = Lenient<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map)).map(Lenient::Fits)
    }
    unfit_kinds!("an object"; null bool int float str seq);
}

/// A generated struct: read from a JSON object by its read loop, in place when boxed or an element
/// of a collection.
pub struct Struct<T>(PhantomData<T>);

struct StructVisitor<T>(PhantomData<T>);

impl<T: crate::Object + DeserializeOwned + Serialize + PartialEq> Wire for Struct<T> {
    type Out = T;
    #[inline]
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Lenient<T>, D::Error> {
        Ok(Self::read_boxed(deserializer)?.map(|v| *v))
    }
    #[inline]
    fn read_boxed<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Lenient<Box<T>>, D::Error> {
        deserializer.deserialize_any(StructVisitor(PhantomData))
    }
    #[inline(always)]
    fn read_onto<'de, D: Deserializer<'de>>(
        deserializer: D,
        into: &mut Vec<T>,
    ) -> Result<Option<Lenient<T>>, D::Error> {
        Ok(match deserializer.deserialize_any(StructOnto(into))? {
            Lenient::Fits(()) => None,
            Lenient::Null => Some(Lenient::Null),
            Lenient::Differs((), received) | Lenient::Raw(received) => Some(Lenient::Raw(received)),
        })
    }
}

/// Reads a struct in place at the end of a vector (a collection's element); the visitor's value
/// says how it read (`Fits` when the struct was pushed).
struct StructOnto<'a, T>(&'a mut Vec<T>);

impl<'de, T: crate::Object> Visitor<'de> for StructOnto<'_, T> {
    type Value = Lenient<()>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }
    #[inline]
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let at = self.0.len();
        self.0.push(T::default());
        let read = match self.0.get_mut(at) {
            Some(out) => crate::object::read_rest(out, None, &[], &mut map),
            None => Ok(None),
        };
        if let Err(e) = read {
            self.0.truncate(at);
            return Err(e);
        }
        Ok(Lenient::Fits(()))
    }
    unfit_kinds!("an object"; null bool int float str seq);
}

impl<'de, T: crate::Object> Visitor<'de> for StructVisitor<T> {
    type Value = Lenient<Box<T>>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }
    #[inline]
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = Box::<T>::default();
        crate::object::read_rest(&mut *out, None, &[], &mut map)?;
        Ok(Lenient::Fits(out))
    }
    unfit_kinds!("an object"; null bool int float str seq);
}

/// Any JSON value (`serde_json::Value`): an untyped property, or a type the docs do not define.
pub struct Any;

impl Wire for Any {
    type Out = Value;
    const SHARED: bool = true;
    #[inline]
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Lenient<Value>, D::Error> {
        Ok(match Value::deserialize(deserializer)? {
            Value::Null => Lenient::Null,
            v => Lenient::Fits(v),
        })
    }
}

/// A generated enum: members by wire name in any letter case (a spelling other than the
/// documented one is kept), values the docs do not list in the `Unrecognized` variant.
///
/// The JSON is read by one reader for every enum (`read_text`); only the lookup of the member
/// is the enum's own code (a cold read pays for every function it enters, and each reader of its
/// own would be one more).
pub struct Enumerated<E>(PhantomData<E>);

impl<E: Enum + PartialEq + Serialize> Wire for Enumerated<E> {
    type Out = E;
    #[inline]
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Lenient<E>, D::Error> {
        Ok(match read_text(deserializer)? {
            Lenient::Fits(text) => match E::MEMBERS
                .iter()
                .position(|m| *m == text)
                .and_then(E::from_index)
            {
                Some(m) => Lenient::Fits(m),
                None => other_spelling(text),
            },
            Lenient::Null => Lenient::Null,
            Lenient::Differs(_, received) | Lenient::Raw(received) => Lenient::Raw(received),
        })
    }
}

/// A JSON string (an enum member), borrowed from the input when it can be; any other JSON is kept
/// raw (or fails, when strict). One copy per deserializer, shared by every enum.
#[inline(never)]
fn read_text<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Lenient<Cow<'de, str>>, D::Error> {
    deserializer.deserialize_any(TextVisitor)
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Lenient<Cow<'de, str>>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an enum member")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Lenient::Fits(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Lenient::Fits(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Lenient::Fits(Cow::Owned(v)))
    }
    unfit_kinds!("an enum member"; null bool int float map seq);
}

/// An enum value not spelled as documented: a member in other letter case (its spelling kept), or
/// a value the docs do not list.
#[cold]
#[inline(never)]
fn other_spelling<E: Enum>(v: Cow<'_, str>) -> Lenient<E> {
    match crate::enums::member(&v) {
        Some(m) => Lenient::Differs(m, Value::String(v.into_owned())),
        None => Lenient::Fits(E::unrecognized(v.into_owned())),
    }
}

/// A collection: a JSON array of `W`'s values. One element that does not fit leaves the whole
/// array raw (written back as it came); elements that fit in another spelling keep the array's
/// received form beside the typed values.
pub struct Seq<W>(PhantomData<W>);

struct SeqVisitor<W>(PhantomData<W>);

impl<W: Wire> Wire for Seq<W> {
    type Out = Vec<W::Out>;
    const SHARED: bool = W::SHARED;
    #[inline]
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Lenient<Self::Out>, D::Error> {
        deserializer.deserialize_any(SeqVisitor::<W>(PhantomData))
    }
    fn write<S: Serializer>(value: &Self::Out, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(value.iter().map(Written::<W>))
    }
}

/// A value's canonical form as JSON (what `W` writes for it).
fn canonical<W: Wire>(value: &W::Out) -> Value {
    serde_json::to_value(Written::<W>(value)).unwrap_or(Value::Null)
}

/// The received form of the elements read so far: each typed one in its canonical form.
#[cold]
#[inline(never)]
fn received_so_far<W: Wire>(typed: &[W::Out]) -> Vec<Value> {
    typed.iter().map(canonical::<W>).collect()
}

/// A collection being read: the typed elements, whether all of them fit so far, and their
/// received form once an element differs from its canonical form or does not fit.
struct Elements<W: Wire> {
    typed: Vec<W::Out>,
    all_fit: bool,
    received: Option<Vec<Value>>,
}

impl<W: Wire> Elements<W> {
    /// Records the element just pushed onto `typed` in the received form (kept once an earlier
    /// element did not simply fit).
    #[cold]
    #[inline(never)]
    fn pushed(&mut self) {
        if let (Some(r), Some(v)) = (self.received.as_mut(), self.typed.last()) {
            r.push(canonical::<W>(v));
        }
    }

    /// An element that did not simply fit: the typed values and the received form are kept up to
    /// date (see [`Seq`]).
    #[cold]
    #[inline(never)]
    fn other(&mut self, element: Lenient<W::Out>) {
        let (value, form) = match element {
            Lenient::Fits(v) => {
                self.typed.push(v);
                return self.pushed();
            }
            Lenient::Null => (None, Value::Null),
            Lenient::Differs(v, r) => (Some(v), r),
            Lenient::Raw(r) => (None, r),
        };
        let typed = &self.typed;
        let received = self
            .received
            .get_or_insert_with(|| received_so_far::<W>(typed));
        received.push(form);
        match value {
            Some(v) => self.typed.push(v),
            None => self.all_fit = false,
        }
    }
}

impl<'de, W: Wire> Visitor<'de> for SeqVisitor<W> {
    type Value = Lenient<Vec<W::Out>>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut elements = Elements::<W> {
            typed: Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096)),
            all_fit: true,
            received: None,
        };
        while let Some(element) = seq.next_element_seed(Onto::<W>(&mut elements.typed))? {
            // One test for the common case (the element fit as it came, and so did every one
            // before it); the rest is out of line.
            match element {
                None if elements.received.is_none() => {}
                None => elements.pushed(),
                Some(other) => elements.other(other),
            }
        }
        Ok(match elements {
            Elements {
                typed,
                all_fit: true,
                received: None,
            } => Lenient::Fits(typed),
            Elements {
                typed,
                all_fit: true,
                received: Some(r),
            } => Lenient::Differs(typed, Value::Array(r)),
            Elements { received, .. } => Lenient::Raw(Value::Array(received.unwrap_or_default())),
        })
    }
    unfit_kinds!("an array"; null bool int float str map);
}

/// A number with OData's quirks (`Edm.Double`, `Single`, `Decimal`, `Int64`): `"NaN"`, `"INF"`
/// and `"-INF"`, numbers sent as strings (`IEEE754Compatible=true`), whole numbers in float
/// properties. What arrives in a form other than the canonical one is kept beside the value.
pub struct Num<T>(PhantomData<T>);

/// A number type [`Num`] reads.
pub trait Number: Sized + Copy + PartialEq + Serialize {
    /// From a JSON integer: the value, and whether its canonical form is that integer.
    fn from_i64(v: i64) -> Option<(Self, bool)>;
    /// From a JSON unsigned integer (as [`Number::from_i64`]).
    fn from_u64(v: u64) -> Option<(Self, bool)>;
    /// From a JSON float.
    fn from_f64(v: f64) -> Option<Self>;
    /// From a string holding a number.
    fn from_text(v: &str) -> Option<Self>;
    /// Writes the canonical form.
    fn write<S: Serializer>(self, serializer: S) -> Result<S::Ok, S::Error>;
}

macro_rules! float_number {
    ($t:ty) => {
        impl Number for $t {
            fn from_i64(v: i64) -> Option<(Self, bool)> {
                Some((v as $t, false))
            }
            fn from_u64(v: u64) -> Option<(Self, bool)> {
                Some((v as $t, false))
            }
            fn from_f64(v: f64) -> Option<Self> {
                Some(v as $t)
            }
            fn from_text(v: &str) -> Option<Self> {
                match v {
                    "NaN" => Some(<$t>::NAN),
                    "INF" | "Infinity" => Some(<$t>::INFINITY),
                    "-INF" | "-Infinity" => Some(<$t>::NEG_INFINITY),
                    _ => v.parse().ok(),
                }
            }
            fn write<S: Serializer>(self, serializer: S) -> Result<S::Ok, S::Error> {
                if self.is_nan() {
                    serializer.serialize_str("NaN")
                } else if self.is_infinite() {
                    serializer.serialize_str(if self > 0.0 { "INF" } else { "-INF" })
                } else {
                    self.serialize(serializer)
                }
            }
        }
    };
}
float_number!(f64);
float_number!(f32);

impl Number for i64 {
    fn from_i64(v: i64) -> Option<(Self, bool)> {
        Some((v, true))
    }
    fn from_u64(v: u64) -> Option<(Self, bool)> {
        i64::try_from(v).ok().map(|v| (v, true))
    }
    fn from_f64(_: f64) -> Option<Self> {
        None
    }
    fn from_text(v: &str) -> Option<Self> {
        v.parse().ok()
    }
    fn write<S: Serializer>(self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(self)
    }
}

struct NumVisitor<T>(PhantomData<T>);

impl<T: Number> Wire for Num<T> {
    type Out = T;
    const SHARED: bool = true;
    #[inline]
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Lenient<T>, D::Error> {
        deserializer.deserialize_any(NumVisitor(PhantomData))
    }
    #[inline]
    fn write<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        value.write(serializer)
    }
}

/// A whole number read into `T`: as it came when that is `T`'s canonical form, else kept.
fn whole<T, E: de::Error>(read: Option<(T, bool)>, raw: Value) -> Result<Lenient<T>, E> {
    match read {
        Some((v, true)) => Ok(Lenient::Fits(v)),
        Some((v, false)) => Ok(Lenient::Differs(v, raw)),
        None => unfit(raw, "a number in range").map(Lenient::Raw),
    }
}

impl<'de, T: Number> Visitor<'de> for NumVisitor<T> {
    type Value = Lenient<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number, or a string holding one")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        whole(T::from_i64(v), v.into())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        whole(T::from_u64(v), v.into())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        match T::from_f64(v) {
            Some(n) => Ok(Lenient::Fits(n)),
            None => unfit(Value::from(v), "an integer").map(Lenient::Raw),
        }
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        match T::from_text(v) {
            Some(n) => Ok(Lenient::Differs(n, v.into())),
            None => unfit(Value::from(v), "a number").map(Lenient::Raw),
        }
    }
    unfit_kinds!("a number"; null bool map seq);
}

/// A boxed value (a single struct in a field): read and written as `W`'s value.
pub struct Boxed<W>(PhantomData<W>);

impl<W: Wire> Wire for Boxed<W> {
    type Out = Box<W::Out>;
    #[inline]
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Lenient<Self::Out>, D::Error> {
        W::read_boxed(deserializer)
    }
    #[inline]
    fn write<S: Serializer>(value: &Self::Out, serializer: S) -> Result<S::Ok, S::Error> {
        W::write(value, serializer)
    }
}

/// The [`Wire`] reader of a type a generated field holds. Implemented here for the primitives,
/// the Edm types, flags sets, `Vec` and `Box`, and by generated code for each struct, enum and
/// polymorphic `Any…` enum, so a field's reader follows from its type: the generated read and
/// write calls name no reader, and the compiler proves each reader's bounds once per type.
pub trait HasWire: Sized {
    /// The reader.
    type Wire: Wire<Out = Self>;
}

macro_rules! has_wire {
    ($($t:ty => $w:ty),* $(,)?) => {
        $(impl HasWire for $t {
            type Wire = $w;
        })*
    };
}

has_wire!(
    String => Str<String>,
    bool => Bool,
    u8 => Int<u8>,
    i8 => Int<i8>,
    i16 => Int<i16>,
    i32 => Int<i32>,
    i64 => Num<i64>,
    f32 => Num<f32>,
    f64 => Num<f64>,
    Value => Any,
);

impl<T: crate::Lexical> HasWire for crate::Edm<T> {
    type Wire = Str<Self>;
}

impl<E: Enum + PartialEq> HasWire for crate::Flags<E> {
    type Wire = Str<Self>;
}

impl<T: HasWire> HasWire for Vec<T> {
    type Wire = Seq<T::Wire>;
}

impl<T: HasWire> HasWire for Box<T> {
    type Wire = Boxed<T::Wire>;
}
