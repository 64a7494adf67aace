//! Cargo features by docs area ([`super::EmitOptions::features`]): one feature per area (the
//! `ms.prod` of a type's pages; `other` for types without one), with no dependencies between
//! features (Cargo rejects cycles, and the areas reference each other). Each generated item is
//! gated `#[cfg(any(feature = "a", ...))]` over every area whose closure needs it. The closure of
//! an area is its types, their base chains and the types of their non-navigation properties,
//! recursively. A navigation property whose type is outside the owner's closure is gated on its
//! type's features: without them the field is absent and its value stays in `additional_data`
//! (so round trips lose nothing and every feature only adds).

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Property, Schema, TypeDef};

/// The feature of a type's area.
pub(crate) fn area_feature(t: &TypeDef) -> String {
    let area = t.area.as_deref().unwrap_or("").trim().to_ascii_lowercase();
    let name: String = area
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let name = name.trim_matches('-').to_owned();
    if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        "other".to_owned()
    } else {
        name
    }
}

/// Which features enable each type (by lower-cased qualified name).
#[derive(Debug, Clone, Default)]
pub(crate) struct Features {
    pub by_type: BTreeMap<String, BTreeSet<String>>,
    pub all: BTreeSet<String>,
}

impl Features {
    pub(crate) fn new(schema: &Schema) -> Features {
        let types: BTreeMap<String, &TypeDef> = schema
            .types
            .iter()
            .map(|t| (t.qualified_name().to_ascii_lowercase(), t))
            .collect();
        let mut by_area: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (k, t) in &types {
            by_area.entry(area_feature(t)).or_default().push(k.clone());
        }
        let mut by_type: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (area, roots) in &by_area {
            let mut seen: BTreeSet<String> = BTreeSet::new();
            let mut stack: Vec<String> = roots.clone();
            while let Some(k) = stack.pop() {
                let Some(t) = types.get(&k) else { continue };
                if !seen.insert(k.clone()) {
                    continue;
                }
                if let Some(b) = &t.base {
                    stack.push(b.to_ascii_lowercase());
                }
                for p in t.properties.iter().filter(|p| !p.navigation) {
                    stack.push(p.ty.element.qualified().to_ascii_lowercase());
                }
            }
            for k in seen {
                by_type.entry(k).or_default().insert(area.clone());
            }
        }
        Features {
            by_type,
            all: by_area.into_keys().collect(),
        }
    }

    /// The features of a type (empty when it is not a schema type).
    pub(crate) fn of(&self, qualified: &str) -> Option<&BTreeSet<String>> {
        self.by_type.get(&qualified.to_ascii_lowercase())
    }

    /// `#[cfg(any(feature = ...))]` for a type.
    pub(crate) fn cfg_type(&self, qualified: &str) -> TokenStream {
        self.of(qualified).map(cfg_any).unwrap_or_default()
    }

    /// The gate of a property of `owner`: its type's features when they do not cover the owner's.
    pub(crate) fn cfg_property(&self, owner: Option<&TypeDef>, p: &Property) -> TokenStream {
        self.property_gate(owner, p)
            .map(cfg_any)
            .unwrap_or_default()
    }

    fn property_gate(&self, owner: Option<&TypeDef>, p: &Property) -> Option<&BTreeSet<String>> {
        let target = self.of(p.ty.element.named()?)?;
        // Request bodies (no owner) are gated with their operation, on every type they use.
        let covered = owner.is_none_or(|o| {
            self.of(&o.qualified_name())
                .is_some_and(|own| own.is_subset(target))
        });
        (!covered).then_some(target)
    }

    /// `#[cfg(all(any(...), ...))]`: every one of these types is enabled.
    pub(crate) fn cfg_all<'a>(&self, qualified: impl IntoIterator<Item = &'a str>) -> TokenStream {
        let sets: BTreeSet<&BTreeSet<String>> =
            qualified.into_iter().filter_map(|q| self.of(q)).collect();
        if sets.is_empty() {
            return TokenStream::new();
        }
        let anys = sets.iter().map(|s| any_feature(s));
        quote!(#[cfg(all(#(#anys),*))])
    }

    /// `cfg!(any(feature = ...))` for a type, `true` when it is not a schema type.
    pub(crate) fn cfg_macro(&self, qualified: &str) -> TokenStream {
        match self.of(qualified) {
            Some(s) => {
                let any = any_feature(s);
                quote!(cfg!(#any))
            }
            None => quote!(true),
        }
    }

    /// The `[features]` table for Cargo.toml: every area, and `full` enabling them all.
    pub(crate) fn table(&self) -> String {
        let mut out = String::from("[features]\n");
        let all: Vec<String> = self.all.iter().map(|f| format!("{f:?}")).collect();
        out.push_str(&format!("full = [{}]\n", all.join(", ")));
        for f in &self.all {
            out.push_str(&format!("{f} = []\n"));
        }
        out
    }
}

fn cfg_any(set: &BTreeSet<String>) -> TokenStream {
    let any = any_feature(set);
    quote!(#[cfg(#any)])
}

/// The predicate `any(feature = "a", ...)`: one of these areas is enabled.
fn any_feature(set: &BTreeSet<String>) -> TokenStream {
    let fs = set.iter();
    quote!(any(#(feature = #fs),*))
}

/// Puts `cfg` on every item of `tokens` (a sequence of items).
pub(crate) fn gate_items(tokens: TokenStream, cfg: &TokenStream) -> TokenStream {
    if cfg.is_empty() {
        return tokens;
    }
    match syn::parse2::<syn::File>(tokens.clone()) {
        Ok(file) => file.items.iter().map(|i| quote!(#cfg #i)).collect(),
        Err(_) => tokens,
    }
}
