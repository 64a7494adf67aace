//! Edm primitives sent as strings: [`Edm<T>`] keeps the wire text beside the parsed value.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::ser::{Serialize, Serializer};

/// A value with a textual wire form (an Edm primitive sent as a JSON string).
pub trait Lexical: Sized {
    /// The Edm type name, for error messages.
    const EDM: &'static str;
    /// Parses the wire text (the error says why it is not valid).
    fn parse(text: &str) -> Result<Self, String>;
    /// The canonical text, used for values built in code.
    fn format(&self) -> String;
}

/// An Edm primitive sent as a string: the parsed value and the exact text it came as, so a round
/// trip writes back byte for byte what arrived (7-digit fractions, the original offset, `P1D`
/// rather than `PT24H`, base64 padding). Equality and hashing are by text.
///
/// ```
/// use graphdoc_runtime::{Binary, Guid, Uuid};
///
/// let id: Guid = serde_json::from_str(r#""0000000A-0000-0000-0000-0000000000FF""#)?;
/// assert_eq!(id.value(), &Uuid(0xa_0000_0000_0000_0000_0000_00ff));
/// assert_eq!(id.as_str(), "0000000A-0000-0000-0000-0000000000FF"); // the text as received
/// assert_eq!(Guid::new(*id.value()).as_str(), "0000000a-0000-0000-0000-0000000000ff");
///
/// let bytes = Binary::new(vec![1, 2, 3]);
/// assert_eq!(serde_json::to_string(&bytes)?, r#""AQID""#);
/// assert!("not base64!".parse::<Binary>().is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
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
    /// The parsed value.
    pub fn value(&self) -> &T {
        &self.value
    }
    /// The parsed value, without its text.
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

/// `Edm.Guid`'s value: 128 bits, written 8-4-4-4-12 in hex.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Uuid(pub u128);

impl Lexical for Uuid {
    const EDM: &'static str = "Edm.Guid";
    #[inline]
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
    #[inline]
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
    #[inline]
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
    #[inline]
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
