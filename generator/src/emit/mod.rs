//! Emission: schema IR → one Rust source file, built as tokens (quote) and formatted with
//! prettyplease. Never sees markdown.

mod enums;
mod index;
mod names;
mod operations;
mod structs;

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::diag::Diagnostics;
use crate::ir::{Schema, TypeKind};
use index::Index;
use structs::{emit_struct, StructSpec};

/// The support module's source, embedded into every generated file as `mod runtime`.
const RUNTIME_SRC: &str = include_str!("runtime_src.rs");

/// Emission settings.
#[derive(Debug, Clone)]
pub struct EmitOptions {
    /// Types of this namespace go at the root; others into snake_case modules.
    pub root_namespace: String,
    /// The command named in the generated header.
    pub regenerate_command: String,
}

impl Default for EmitOptions {
    fn default() -> Self {
        EmitOptions {
            root_namespace: "microsoft.graph".to_owned(),
            regenerate_command: "cargo xtask regenerate".to_owned(),
        }
    }
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

/// Emits the whole schema as one file: the support module, types by namespace, request bodies and
/// operation descriptors. `None` when a diagnostic made emission impossible (all are reported).
pub fn emit(schema: &Schema, opts: &EmitOptions, diags: &mut Diagnostics) -> Option<String> {
    let body_names: Vec<(String, crate::diag::Origin)> = schema
        .operations
        .iter()
        .filter(|o| !o.parameters.is_empty())
        .map(|o| (operations::request_body_name(o), o.origin.clone()))
        .collect();
    let index = Index::new(schema, &opts.root_namespace, &body_names, diags);

    let mut root_items: Vec<TokenStream> = Vec::new();
    let mut module_items: std::collections::BTreeMap<String, (Ident, Vec<TokenStream>)> =
        Default::default();
    for (placed, t) in index.types.values() {
        let docs = type_docs(t);
        let tokens = match t.kind {
            TypeKind::Enum => {
                enums::emit_enum(t, &placed.ident, placed.module.as_ref(), &docs, diags)
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
                emit_struct(&spec, &index, diags)
            }
        };
        match &placed.module {
            None => root_items.push(tokens),
            Some(m) => module_items
                .entry(m.to_string())
                .or_insert_with(|| (m.clone(), Vec::new()))
                .1
                .push(tokens),
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
        let Some(name) = names::convert(
            &wire,
            names::Case::Type,
            "request body",
            Some(&op.origin),
            diags,
        ) else {
            continue;
        };
        let docs = vec![format!("The request body of `{}`.", op.id)];
        let spec = StructSpec {
            ident: name.ident.clone(),
            wire_name: wire,
            docs,
            properties: op.parameters.iter().collect(),
            owner: None,
            module: None,
        };
        root_items.push(emit_struct(&spec, &index, diags));
        body_idents.insert(op.id.clone(), name.ident);
    }
    let body_of = |op: &crate::ir::Operation| body_idents.get(&op.id).map(|i| quote!(#i));
    let ops = operations::emit_operations(&schema.operations, &index, &body_of, diags);

    let runtime = match syn::parse_file(RUNTIME_SRC) {
        Ok(f) => {
            let attrs = f.attrs;
            let items = f.items;
            quote!(pub mod runtime { #(#attrs)* #(#items)* })
        }
        Err(e) => {
            diags.error(
                "internal",
                None,
                format!("the embedded runtime does not parse: {e}"),
            );
            return None;
        }
    };
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
    let file = quote! {
        #runtime
        #(#root_items)*
        #(#modules)*
        #ops
    };
    if diags.has_errors() {
        return None;
    }
    match syn::parse2::<syn::File>(file) {
        Ok(f) => Some(format!("// @generated by graphdoc from the API reference docs. Do not edit.\n// Regenerate with `{}`.\n\n{}", opts.regenerate_command, prettyplease::unparse(&f))),
        Err(e) => {
            diags.error("internal", None, format!("generated code does not parse: {e}"));
            None
        }
    }
}
