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

/// Whether a wire name can become an identifier: ASCII letters, digits and `_`, not starting with a
/// digit once converted. Anything else is reported rather than guessed at.
fn is_identifier_source(name: &str) -> bool {
    !name.is_empty()
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name.chars().any(|c| c.is_ascii_alphabetic())
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

/// Converts a wire name to an identifier, or reports why it cannot be one.
pub(crate) fn convert(
    wire: &str,
    case: Case,
    what: &str,
    origin: Option<&Origin>,
    diags: &mut Diagnostics,
) -> Option<Name> {
    let source_ok = match case {
        Case::Variant => is_identifier_source(&wire.replace([' ', '.', '-'], "_")),
        _ => is_identifier_source(wire),
    };
    if !source_ok {
        diags.error(
            Code::Identifier,
            origin.cloned(),
            format!(
                "{what} `{}` is not an ASCII identifier; it cannot become a Rust name",
                wire.escape_debug()
            ),
        );
        return None;
    }
    let mut converted = match case {
        Case::Type | Case::Variant => wire.to_upper_camel_case(),
        Case::Field => wire.to_snake_case(),
    };
    if converted.is_empty() {
        diags.error(
            Code::Identifier,
            origin.cloned(),
            format!("{what} `{wire}` has no letters to make a Rust name from"),
        );
        return None;
    }
    if converted.starts_with(|c: char| c.is_ascii_digit()) {
        converted = match case {
            Case::Type | Case::Variant => format!("V{converted}"),
            Case::Field => format!("_{converted}"),
        };
    }
    Some(Name {
        ident: make_ident(&converted),
        wire: wire.to_owned(),
    })
}

/// One naming scope (a module's types, a struct's fields, an enum's variants): a second wire name
/// that maps to an identifier already taken is an error naming both.
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

    /// Claims `name`'s identifier; `false` (and an error) when another wire name has it.
    pub(crate) fn claim(
        &mut self,
        name: &Name,
        what: &str,
        origin: Option<&Origin>,
        diags: &mut Diagnostics,
    ) -> bool {
        let key = name.ident.to_string().trim_start_matches("r#").to_owned();
        match self.taken.get(&key) {
            Some((other, other_origin)) if other != &name.wire => {
                let place = other_origin
                    .as_ref()
                    .map(|o| format!(" (at {o})"))
                    .unwrap_or_default();
                diags.error(
                    Code::NameCollision,
                    origin.cloned(),
                    format!(
                        "{what} `{}` and `{other}`{place} both become the Rust name `{key}`",
                        name.wire
                    ),
                );
                false
            }
            Some(_) => true,
            None => {
                self.taken.insert(key, (name.wire.clone(), origin.cloned()));
                true
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conv(w: &str, c: Case) -> Option<String> {
        convert(w, c, "name", None, &mut Diagnostics::default()).map(|n| n.ident.to_string())
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
        assert_eq!(conv("../../x", Case::Type), None);
        assert_eq!(conv("Контекст", Case::Field), None);
        assert_eq!(conv("@odata.type", Case::Field), None);
    }

    #[test]
    fn collisions_are_errors() {
        let mut d = Diagnostics::default();
        let mut s = Scope::default();
        s.reserve("additional_data", "generated field");
        let a = convert("fooBar", Case::Field, "property", None, &mut d).unwrap();
        let b = convert("foo_bar", Case::Field, "property", None, &mut d).unwrap();
        let c = convert("additionalData", Case::Field, "property", None, &mut d).unwrap();
        assert!(s.claim(&a, "property", None, &mut d));
        assert!(!s.claim(&b, "property", None, &mut d));
        assert!(!s.claim(&c, "property", None, &mut d));
        let msgs: Vec<String> = d.into_sorted().into_iter().map(|d| d.message).collect();
        assert_eq!(msgs, ["property `additionalData` and `<generated field>` both become the Rust name `additional_data`", "property `foo_bar` and `fooBar` both become the Rust name `foo_bar`"]);
    }
}
