//! Rust names in one place: case conversion (heck), `r#` for keywords, validation of what comes
//! from the docs, and collision detection within a scope.

use crate::diag::Code;
use std::collections::BTreeMap;

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

use crate::diag::{Diagnostics, Origin};

const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers; they get a trailing underscore instead.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// Whether a wire name is an identifier as written: ASCII letters, digits and `_`, with a letter.
fn is_identifier_source(name: &str) -> bool {
    !name.is_empty()
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name.chars().any(|c| c.is_ascii_alphabetic())
}

/// The one rule that makes any text identifier material: ASCII letters and digits stay, other
/// ASCII characters separate words, a non-ASCII character is transliterated (`Контекст` →
/// `Kontekst`) or, where it has no letters in ASCII, written as `uXXXX` between word breaks.
fn identifier_source(wire: &str) -> String {
    let mut out = String::with_capacity(wire.len());
    for c in wire.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if c.is_ascii() {
            out.push('_');
        } else {
            match deunicode::deunicode_char(c)
                .filter(|t| t.chars().any(|c| c.is_ascii_alphanumeric()))
            {
                Some(t) => {
                    out.extend(
                        t.chars()
                            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }),
                    )
                }
                None => out.push_str(&format!("_u{:04x}_", c as u32)),
            }
        }
    }
    out
}

fn make_ident(converted: &str) -> Ident {
    if NOT_RAW.contains(&converted) {
        Ident::new(&format!("{converted}_"), Span::call_site())
    } else if KEYWORDS.contains(&converted) {
        Ident::new_raw(converted, Span::call_site())
    } else {
        Ident::new(converted, Span::call_site())
    }
}

/// A converted name: the identifier, and the text it was made from (the wire name).
#[derive(Debug, Clone)]
pub(crate) struct Name {
    pub ident: Ident,
    pub wire: String,
}

/// The identifier kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Case {
    /// Types and enum variants: `UpperCamelCase`.
    Type,
    /// Fields and modules: `snake_case`.
    Field,
    /// Enum variants: `UpperCamelCase` from a wire value, which may also hold spaces, dots and
    /// hyphens (`JIS B4`); the value itself is kept as written.
    Variant,
}

/// The name of a struct field's `Field` constant (`client_context` → `CLIENT_CONTEXT`, `r#type` →
/// `TYPE`): the field name in capitals, so distinct fields give distinct constants.
pub(crate) fn field_const(field: &Ident) -> Ident {
    let name = field.to_string();
    Ident::new(
        &name.trim_start_matches("r#").to_ascii_uppercase(),
        field.span(),
    )
}

/// Converts a wire name to an identifier. Every text becomes one, by [`identifier_source`]'s
/// rule; a name that was not an identifier as written is reported (the wire name stays the
/// serde name, so nothing is lost).
pub(crate) fn convert(
    wire: &str,
    case: Case,
    what: &str,
    origin: Option<&Origin>,
    diags: &mut Diagnostics,
) -> Name {
    let plain = match case {
        Case::Variant => wire.replace([' ', '.', '-'], "_"),
        _ => wire.to_owned(),
    };
    let as_written = is_identifier_source(&plain);
    let source = if as_written {
        plain
    } else {
        identifier_source(&plain)
    };
    let mut converted = match case {
        Case::Type | Case::Variant => source.to_upper_camel_case(),
        Case::Field => source.to_snake_case(),
    };
    if converted.is_empty() {
        converted = match case {
            Case::Type | Case::Variant => "Unnamed".to_owned(),
            Case::Field => "unnamed".to_owned(),
        };
    }
    if converted.starts_with(|c: char| c.is_ascii_digit()) {
        converted = match case {
            Case::Type | Case::Variant => format!("V{converted}"),
            Case::Field => format!("_{converted}"),
        };
    }
    let ident = make_ident(&converted);
    if !as_written {
        diags.warning(
            Code::Identifier,
            origin.cloned(),
            format!(
                "{what} `{}` is not an identifier as written; its Rust name is `{ident}`",
                wire.escape_debug()
            ),
        );
    }
    Name {
        ident,
        wire: wire.to_owned(),
    }
}

/// `stem` with the first numeric suffix from 2 that `taken` does not hold (`foo2`, `foo3`, ...):
/// how every collision in the generated code is disambiguated.
pub(crate) fn first_free(stem: &str, taken: impl Fn(&str) -> bool) -> String {
    (2..)
        .map(|n| format!("{stem}{n}"))
        .find(|k| !taken(k))
        .unwrap_or_default()
}

/// One naming scope (a module's types, a struct's fields, an enum's variants). A second wire name
/// that maps to an identifier already taken gets the first free numeric suffix (`foo2`), with a
/// warning naming both: the outcome depends only on the order of claims, which callers keep
/// deterministic (sorted types, document-order properties).
#[derive(Debug, Default)]
pub(crate) struct Scope {
    taken: BTreeMap<String, (String, Option<Origin>)>,
}

impl Scope {
    /// Reserves an identifier the generator itself uses (`additional_data`, `Unrecognized`).
    pub(crate) fn reserve(&mut self, ident: &str, why: &str) {
        self.taken
            .insert(ident.to_owned(), (format!("<{why}>"), None));
    }

    /// Claims `name`'s identifier and returns the name to use: itself, or, when another wire name
    /// has its identifier, the same with the first free numeric suffix (and a warning).
    pub(crate) fn claim(
        &mut self,
        name: Name,
        what: &str,
        origin: Option<&Origin>,
        diags: &mut Diagnostics,
    ) -> Name {
        let key = name.ident.to_string().trim_start_matches("r#").to_owned();
        let (other, other_origin) = match self.taken.get(&key) {
            None => {
                self.taken.insert(key, (name.wire.clone(), origin.cloned()));
                return name;
            }
            Some((other, _)) if other == &name.wire => return name,
            Some(taken) => taken.clone(),
        };
        let free = first_free(&key, |k| self.taken.contains_key(k));
        let place = other_origin
            .as_ref()
            .map(|o| format!(" (at {o})"))
            .unwrap_or_default();
        diags.warning(
            Code::NameCollision,
            origin.cloned(),
            format!(
                "{what} `{}` and `{other}`{place} both become the Rust name `{key}`; this one is named `{free}`",
                name.wire
            ),
        );
        self.taken
            .insert(free.clone(), (name.wire.clone(), origin.cloned()));
        Name {
            ident: Ident::new(&free, Span::call_site()),
            wire: name.wire,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conv(w: &str, c: Case) -> Option<String> {
        Some(
            convert(w, c, "name", None, &mut Diagnostics::default())
                .ident
                .to_string(),
        )
    }

    #[test]
    fn cases_and_keywords() {
        assert_eq!(
            conv("commsOperation", Case::Type).as_deref(),
            Some("CommsOperation")
        );
        assert_eq!(
            conv("clientContext", Case::Field).as_deref(),
            Some("client_context")
        );
        assert_eq!(conv("type", Case::Field).as_deref(), Some("r#type"));
        assert_eq!(conv("self", Case::Field).as_deref(), Some("self_"));
        assert_eq!(conv("Self", Case::Type).as_deref(), Some("Self_"));
        assert_eq!(conv("3d", Case::Field).as_deref(), Some("_3d"));
        assert_eq!(conv("3d", Case::Type).as_deref(), Some("V3d"));
        assert_eq!(conv("../../x", Case::Type).as_deref(), Some("X"));
        assert_eq!(conv("Контекст", Case::Field).as_deref(), Some("kontekst"));
        assert_eq!(
            conv("@odata.type", Case::Field).as_deref(),
            Some("odata_type")
        );
        assert_eq!(conv("字符串", Case::Type).as_deref(), Some("ZiFuChuan"));
        assert_eq!(conv("%%", Case::Field).as_deref(), Some("unnamed"));
        assert_eq!(
            conv("6463a5ce-2119", Case::Field).as_deref(),
            Some("_6463a5ce_2119")
        );
        assert_eq!(conv("\u{1F600}x", Case::Type).as_deref(), Some("GrinningX"));
    }

    #[test]
    fn collisions_get_numeric_suffixes() {
        let mut d = Diagnostics::default();
        let mut s = Scope::default();
        s.reserve("additional_data", "generated field");
        let mut claim = |w: &str, d: &mut Diagnostics| {
            let n = convert(w, Case::Field, "property", None, d);
            s.claim(n, "property", None, d).ident.to_string()
        };
        assert_eq!(claim("fooBar", &mut d), "foo_bar");
        assert_eq!(claim("foo_bar", &mut d), "foo_bar2");
        assert_eq!(claim("FooBar", &mut d), "foo_bar3");
        assert_eq!(claim("fooBar", &mut d), "foo_bar");
        assert_eq!(claim("additionalData", &mut d), "additional_data2");
        let msgs: Vec<String> = d.into_sorted().into_iter().map(|d| d.message).collect();
        assert_eq!(msgs, ["property `FooBar` and `fooBar` both become the Rust name `foo_bar`; this one is named `foo_bar3`", "property `additionalData` and `<generated field>` both become the Rust name `additional_data`; this one is named `additional_data2`", "property `foo_bar` and `fooBar` both become the Rust name `foo_bar`; this one is named `foo_bar2`"]);
    }
}
