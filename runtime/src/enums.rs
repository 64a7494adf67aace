//! Generated enums ([`Enum`]: members by wire name, unknown values kept) and flags-enum sets
//! ([`Flags`]).

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::ser::{Serialize, Serializer};

/// A set of flags-enum members, sent as a comma-separated string (`"a,b"`); members in the order
/// received, unknown ones kept. A set read and not changed since is written back as the text it
/// came as (spacing and letter case included); a changed or built set is written canonically.
/// Equality ignores order and spelling.
///
/// ```
/// # use graphdoc_runtime::{Enum, Flags};
/// # #[derive(Debug, Clone, PartialEq)]
/// # enum Channel { Sms, Email, Unrecognized(String) }
/// # impl Enum for Channel {
/// #     const NAME: &'static str = "channel";
/// #     const MEMBERS: &'static [&'static str] = &["sms", "email"];
/// #     fn from_index(i: usize) -> Option<Self> { [Self::Sms, Self::Email].get(i).cloned() }
/// #     fn unrecognized(value: String) -> Self { Self::Unrecognized(value) }
/// #     fn wire(&self) -> &str { match self { Self::Sms => "sms", Self::Email => "email", Self::Unrecognized(v) => v } }
/// # }
/// // `Channel` is a generated flags enum.
/// let mut set: Flags<Channel> = serde_json::from_str(r#""email,SMS,fax""#)?;
/// assert!(set.contains(&Channel::Sms));
/// assert_eq!(set.len(), 3);
/// assert_eq!(serde_json::to_string(&set)?, r#""email,SMS,fax""#); // as it came
/// set.remove(&Channel::Email);
/// assert_eq!(serde_json::to_string(&set)?, r#""sms,fax""#); // changed: canonical
/// let built: Flags<Channel> = [Channel::Sms, Channel::Email].into_iter().collect();
/// assert_eq!(serde_json::to_string(&built)?, r#""sms,email""#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Flags<E> {
    members: Vec<E>,
    /// The text the set was read from, until it changes.
    received: Option<String>,
}

impl<E> Default for Flags<E> {
    fn default() -> Self {
        Flags {
            members: Vec::new(),
            received: None,
        }
    }
}

impl<E: Enum + PartialEq> Flags<E> {
    /// The empty set.
    pub fn new() -> Self {
        Self::default()
    }
    /// Whether `member` is in the set.
    pub fn contains(&self, member: &E) -> bool {
        self.members.contains(member)
    }
    /// Adds a member; `false` when it was already there.
    pub fn insert(&mut self, member: E) -> bool {
        if self.contains(&member) {
            return false;
        }
        self.members.push(member);
        self.received = None;
        true
    }
    /// Removes a member; `false` when it was not there.
    pub fn remove(&mut self, member: &E) -> bool {
        let before = self.members.len();
        self.members.retain(|m| m != member);
        if before == self.members.len() {
            return false;
        }
        self.received = None;
        true
    }
    /// The members, in the order received or inserted.
    pub fn iter(&self) -> std::slice::Iter<'_, E> {
        self.members.iter()
    }
    /// The number of members.
    pub fn len(&self) -> usize {
        self.members.len()
    }
    /// Whether the set has no members.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }
}

impl<E: Enum + PartialEq> Flags<E> {
    /// The set `text` lists, keeping `text` to write back while the set is unchanged.
    fn read(text: &str) -> Self {
        let mut set: Flags<E> = text
            .split(',')
            .map(str::trim)
            .filter(|m| !m.is_empty())
            .map(enum_from_str::<E>)
            .collect();
        set.received = Some(text.to_owned());
        set
    }
}

impl<E: Enum + PartialEq> crate::wire::Text for Flags<E> {
    fn from_text(text: &str) -> Result<Self, String> {
        Ok(Flags::read(text))
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
        if let Some(text) = &self.received {
            return serializer.serialize_str(text);
        }
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
        Ok(Flags::read(v))
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
pub(crate) fn member<T: Enum>(s: &str) -> Option<T> {
    T::MEMBERS
        .iter()
        .position(|m| m.eq_ignore_ascii_case(s))
        .and_then(T::from_index)
}

/// A generated enum: members by wire name, and a variant for values this crate does not know.
///
/// Generated enums read their members in any letter case and keep a value they do not know in
/// their `Unrecognized(String)` variant, so a member added to the API later round-trips.
///
/// ```
/// use graphdoc_runtime::Enum;
///
/// /// Every documented member of a generated enum, as sent on the wire.
/// fn members<E: Enum>() -> &'static [&'static str] {
///     E::MEMBERS
/// }
/// ```
pub trait Enum: Sized {
    /// The enum's wire name (`operationStatus`).
    const NAME: &'static str;
    /// Wire names, in variant order.
    const MEMBERS: &'static [&'static str];
    /// The variant of [`Enum::MEMBERS`]`[index]`.
    fn from_index(index: usize) -> Option<Self>;
    /// The variant that keeps a value the docs do not list.
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
