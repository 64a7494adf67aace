//! Emission: schema IR → one Rust source file, built as tokens (quote) and formatted with
//! prettyplease. Never sees markdown.

mod enums;
mod features;
mod index;
mod names;
mod operations;
mod poly;
mod structs;

use crate::diag::Code;
use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::diag::Diagnostics;
use crate::ir::{Schema, TypeKind};
use index::Index;
use structs::{emit_struct, StructSpec};

/// The path generated code names the support crate by when [`EmitOptions::runtime_path`] is
/// left as it is.
pub const DEFAULT_RUNTIME_PATH: &str = "::graphdoc_runtime";

/// The version of `graphdoc-runtime` this generator's output calls (its `__private` module is
/// not a stable API: generated code needs the runtime of the same version).
pub const RUNTIME_VERSION: &str = graphdoc_runtime::__private::VERSION;

/// How `Edm.DateTimeOffset`, `Edm.Date`, `Edm.TimeOfDay` and `Edm.Duration` are represented.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateTimeMapping {
    /// `graphdoc_runtime::DateTimeOffset` etc.: jiff values that keep their wire text (the
    /// runtime's default `jiff` feature).
    #[default]
    Jiff,
    /// Plain `String`s: no date-time dependency (the runtime builds without its `jiff` feature).
    String,
}

/// Emission settings.
#[derive(Debug, Clone)]
pub struct EmitOptions {
    /// Types of this namespace go at the root; others into snake_case modules.
    pub root_namespace: String,
    /// The command named in the generated header.
    pub regenerate_command: String,
    /// How date and time primitives are represented.
    pub date_time: DateTimeMapping,
    /// Gate every item on Cargo features by docs area (see [`features_table`] for the
    /// `[features]` table the crate needs).
    pub features: bool,
    /// The path generated code names the `graphdoc-runtime` crate by, from any module of the
    /// generated code ([`DEFAULT_RUNTIME_PATH`]; e.g. `::my_crate::graphdoc_runtime` when a crate
    /// re-exports it). Like prost-build's `prost_path`: it must be absolute (`::a::b` or
    /// `crate::a`), since the generated code has modules.
    pub runtime_path: String,
}

impl Default for EmitOptions {
    fn default() -> Self {
        EmitOptions {
            root_namespace: "microsoft.graph".to_owned(),
            regenerate_command: "cargo xtask regenerate".to_owned(),
            date_time: DateTimeMapping::default(),
            features: false,
            runtime_path: DEFAULT_RUNTIME_PATH.to_owned(),
        }
    }
}

/// Options that exist only for `cargo xtask bench` (not an API: see [`emit_for_bench`]).
#[doc(hidden)]
#[derive(Debug, Clone, Default)]
pub struct BenchOptions {
    /// The baseline: `#[derive(Serialize, Deserialize)]` with `#[serde(rename)]` and a
    /// `#[serde(flatten)]` `additional_data` on every type instead of the shared runtime impls
    /// (no polymorphism, no number quirks, case-sensitive enums, no feature gates).
    pub serde_derive: bool,
    /// Qualified type names for a generated `roundtrip_registry::roundtrip(type, collection)`
    /// that deserializes and serializes a payload as that type (empty: none).
    pub registry: Vec<String>,
}

fn type_docs(t: &crate::ir::TypeDef) -> Vec<String> {
    let mut docs: Vec<String> = t.description.iter().cloned().collect();
    if !docs.is_empty() {
        docs.push(String::new());
    }
    let kind = match t.kind {
        TypeKind::Entity => "entity",
        TypeKind::Complex => "complex type",
        TypeKind::Enum => "enum",
    };
    let base = t
        .base
        .as_ref()
        .map(|b| format!(", derived from `{b}`"))
        .unwrap_or_default();
    docs.push(format!("`{}.{}` ({kind}{base}).", t.namespace, t.name));
    docs
}

/// The bench-only dispatch by qualified type name (see [`BenchOptions::registry`]).
fn roundtrip_registry(index: &Index<'_>, names: &[String], serde_derive: bool) -> TokenStream {
    if names.is_empty() {
        return TokenStream::new();
    }
    let from = Ident::new("roundtrip_registry", proc_macro2::Span::call_site());
    let mut seen = std::collections::BTreeSet::new();
    let arms = names.iter().filter_map(|n| {
        let (placed, t) = index.get(n)?;
        let key = t.qualified_name().to_ascii_lowercase();
        if !seen.insert(key.clone()) {
            return None;
        }
        let path = index.value_path(Some(&from), placed, t);
        let lit = proc_macro2::Literal::string(&key);
        Some(quote! {
            #lit => Some(if collection { run::<Collection<#path>> } else { run::<#path> }),
        })
    });
    // The derive variant's collection is derived too, keeping the rest with `flatten`.
    let collection = if serde_derive {
        quote! {
            #[derive(serde::Serialize, serde::Deserialize)]
            struct Collection<T> {
                value: Vec<T>,
                #[serde(rename = "@odata.nextLink", default, skip_serializing_if = "Option::is_none")]
                next_link: Option<String>,
                #[serde(flatten)]
                additional_data: serde_json::Map<String, serde_json::Value>,
            }
        }
    } else {
        let rt = &index.runtime;
        quote!(
            use #rt::Collection;
        )
    };
    quote! {
        /// Bench only: a function that deserializes JSON text as the named type (lower-cased
        /// qualified name; a `Collection` of it when `collection`) and serializes it again.
        pub mod roundtrip_registry {
            #collection
            pub type RoundTrip = fn(&str) -> Result<String, serde_json::Error>;
            fn run<T: serde::de::DeserializeOwned + serde::Serialize>(json: &str) -> Result<String, serde_json::Error> {
                let value: T = serde_json::from_str(json)?;
                serde_json::to_string(&value)
            }
            pub fn roundtrip(type_name: &str, collection: bool) -> Option<RoundTrip> {
                match type_name {
                    #(#arms)*
                    _ => None,
                }
            }
        }
    }
}

/// A `Cargo.toml` for a standalone crate that holds generated code: the dependencies the code
/// uses (`graphdoc-runtime` at [`RUNTIME_VERSION`], from the directory `runtime` when given;
/// serde; serde_json with `preserve_order` for `additional_data` order) and an empty
/// `[workspace]` so it builds on its own.
pub fn crate_manifest(name: &str, runtime: Option<&std::path::Path>) -> String {
    let path = runtime
        .map(|dir| {
            // A TOML basic string: backslashes (Windows paths) and quotes escaped.
            let dir = dir.display().to_string();
            format!(
                "path = \"{}\", ",
                dir.replace('\\', "\\\\").replace('"', "\\\"")
            )
        })
        .unwrap_or_default();
    format!(
        "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[workspace]\n\n[dependencies]\ngraphdoc-runtime = {{ {path}version = \"={RUNTIME_VERSION}\" }}\nserde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = {{ version = \"1\", features = [\"preserve_order\"] }}\n"
    )
}

/// The `[features]` table for a crate generated with [`EmitOptions::features`]: one feature per
/// docs area, none depending on another, and `full` enabling all.
pub fn features_table(schema: &Schema) -> String {
    features::Features::new(schema).table()
}

/// Emits the whole schema as one file: types by namespace, request bodies and operation
/// descriptors, calling the `graphdoc-runtime` crate by [`EmitOptions::runtime_path`] (nothing
/// of it is embedded). `None` when a diagnostic made emission impossible (all are reported).
pub fn emit(schema: &Schema, opts: &EmitOptions, diags: &mut Diagnostics) -> Option<String> {
    emit_for_bench(schema, opts, &BenchOptions::default(), diags)
}

/// [`emit`] with the benchmark's variants (`cargo xtask bench`; not an API).
#[doc(hidden)]
pub fn emit_for_bench(
    schema: &Schema,
    opts: &EmitOptions,
    bench: &BenchOptions,
    diags: &mut Diagnostics,
) -> Option<String> {
    let runtime = runtime_path(&opts.runtime_path, diags)?;
    let body_names: Vec<(String, crate::diag::Origin)> = schema
        .operations
        .iter()
        .filter(|o| !o.parameters.is_empty())
        .map(|o| (operations::request_body_name(o), o.origin.clone()))
        .collect();
    let mut index = Index::new(
        schema,
        &opts.root_namespace,
        &body_names,
        opts.date_time,
        !bench.serde_derive,
        diags,
    );
    index.runtime = runtime;
    if opts.features && !bench.serde_derive {
        index.features = Some(features::Features::new(schema));
    }

    let mut root_items: Vec<TokenStream> = Vec::new();
    let mut module_items: std::collections::BTreeMap<String, (Ident, Vec<TokenStream>)> =
        Default::default();
    for (placed, t) in index.types.values() {
        let docs = type_docs(t);
        let tokens = match t.kind {
            TypeKind::Enum => enums::emit_enum(
                t,
                &placed.ident,
                &index.runtime,
                &docs,
                bench.serde_derive,
                diags,
            ),
            TypeKind::Complex if index.undescribed(t) => {
                let ident = &placed.ident;
                let mut docs = docs;
                docs.push(String::new());
                docs.push("The docs describe none of its properties: any JSON value.".to_owned());
                let docs = structs::doc_attrs(&docs);
                quote!(#docs pub type #ident = serde_json::Value;)
            }
            TypeKind::Entity | TypeKind::Complex => {
                let spec = StructSpec {
                    ident: placed.ident.clone(),
                    wire_name: t.name.clone(),
                    docs,
                    properties: index.flattened(t),
                    owner: Some(t),
                    module: placed.module.as_ref(),
                };
                emit_struct(&spec, &index, bench.serde_derive, diags)
            }
        };
        let tokens = features::gate_items(tokens, &index.cfg_type(&t.qualified_name()));
        match &placed.module {
            None => root_items.push(tokens),
            Some(m) => module_items
                .entry(m.to_string())
                .or_insert_with(|| (m.clone(), Vec::new()))
                .1
                .push(tokens),
        }
    }

    for items in poly::emit_poly(&index, diags) {
        match &items.module {
            None => root_items.push(items.tokens),
            Some(m) => module_items
                .entry(m.to_string())
                .or_insert_with(|| (m.clone(), Vec::new()))
                .1
                .push(items.tokens),
        }
    }

    // Action request bodies.
    let mut body_idents = std::collections::BTreeMap::new();
    for op in schema
        .operations
        .iter()
        .filter(|o| !o.parameters.is_empty())
    {
        let wire = operations::request_body_name(op);
        let Some(ident) = index.request_bodies.get(&wire).cloned() else {
            continue;
        };
        let docs = vec![format!("The request body of `{}`.", op.id)];
        let spec = StructSpec {
            ident: ident.clone(),
            wire_name: wire,
            docs,
            properties: op.parameters.iter().collect(),
            owner: None,
            module: None,
        };
        let tokens = emit_struct(&spec, &index, bench.serde_derive, diags);
        root_items.push(features::gate_items(
            tokens,
            &operations::cfg_operation(&index, op),
        ));
        body_idents.insert(op.id.clone(), ident);
    }
    let body_of = |op: &crate::ir::Operation| body_idents.get(&op.id).map(|i| quote!(#i));
    let ops = operations::emit_operations(&schema.operations, &index, &body_of, diags);

    let modules = module_items.values().map(|(m, items)| {
        let doc = format!(
            " Types of the `{}` namespace.",
            index
                .modules
                .iter()
                .find(|(_, i)| *i == m)
                .map_or("", |(ns, _)| ns.as_str())
        );
        quote!(#[doc = #doc] pub mod #m { #(#items)* })
    });
    let registry = roundtrip_registry(&index, &bench.registry, bench.serde_derive);
    let file = quote! {
        #(#root_items)*
        #(#modules)*
        #ops
        #registry
    };
    if diags.has_errors() {
        return None;
    }
    match syn::parse2::<syn::File>(file) {
        Ok(f) => Some(format!("// @generated by graphdoc from the API reference docs. Do not edit.\n// Regenerate with `{}`.\n\n{}", opts.regenerate_command, prettyplease::unparse(&f))),
        Err(e) => {
            diags.error(Code::Internal, None, format!("generated code does not parse: {e}"));
            None
        }
    }
}

/// [`EmitOptions::runtime_path`] as tokens: an absolute path (`::a::b`, `crate::a`), since the
/// generated code names it from every module.
fn runtime_path(path: &str, diags: &mut Diagnostics) -> Option<TokenStream> {
    let parsed = syn::parse_str::<syn::Path>(path).ok().filter(|p| {
        p.leading_colon.is_some() || p.segments.first().is_some_and(|s| s.ident == "crate")
    });
    match parsed {
        Some(p) => Some(quote!(#p)),
        None => {
            diags.error(
                Code::InvalidOption,
                None,
                format!(
                    "the runtime path `{path}` is not an absolute Rust path (`::graphdoc_runtime`, `crate::rt`)"
                ),
            );
            None
        }
    }
}
