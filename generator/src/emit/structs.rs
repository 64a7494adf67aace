//! Structs for entity and complex types (and action request bodies): `Option` fields, inherited
//! fields base-first, `additional_data`, and the `graphdoc_runtime::Object` table the shared serde
//! code uses.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::index::Index;
use super::names::{convert, field_const, Case, Scope};
use crate::diag::Diagnostics;
use crate::ir::Property;

/// What a struct is made from.
pub(crate) struct StructSpec<'a> {
    pub ident: Ident,
    pub wire_name: String,
    pub docs: Vec<String>,
    pub properties: Vec<&'a Property>,
    pub owner: Option<&'a crate::ir::TypeDef>,
    pub module: Option<&'a Ident>,
}

pub(crate) fn doc_attrs(lines: &[String]) -> TokenStream {
    let lines = lines
        .iter()
        .flat_map(|l| l.split('\n'))
        .map(|l| format!(" {}", l.trim_end()));
    quote!(#(#[doc = #lines])*)
}

/// A property's doc lines: its description and, where it differs, the wire name.
fn field_docs(p: &Property, renamed: bool) -> Vec<String> {
    let mut docs: Vec<String> = p.description.iter().cloned().collect();
    if docs.is_empty() && !renamed {
        docs.push(format!("`{}` (no description in the docs).", p.name));
    }
    if renamed {
        if !docs.is_empty() {
            docs.push(String::new());
        }
        docs.push(format!("Wire name: `{}`.", p.name));
    }
    docs
}

/// The field identifiers of a struct with these (flattened, base-first) properties, one per
/// property in order. Base fields come first, so a base's fields are named the same in every
/// descendant; the polymorphic accessors rely on that.
pub(crate) fn field_names(
    owner: &str,
    properties: &[&Property],
    diags: &mut Diagnostics,
) -> Vec<Ident> {
    let mut scope = Scope::default();
    scope.reserve("additional_data", "the generated additional_data field");
    properties
        .iter()
        .map(|p| {
            let what = format!("property `{owner}.{}`", p.name);
            let name = convert(&p.name, Case::Field, &what, Some(&p.origin), diags);
            scope.claim(name, "property", Some(&p.origin), diags).ident
        })
        .collect()
}

pub(crate) fn emit_struct(
    spec: &StructSpec<'_>,
    index: &Index<'_>,
    serde_derive: bool,
    diags: &mut Diagnostics,
) -> TokenStream {
    let rt = &index.runtime;
    let private = quote!(#rt::__private);
    let fields: Vec<(Ident, &Property)> = field_names(&spec.wire_name, &spec.properties, diags)
        .into_iter()
        .zip(spec.properties.iter().copied())
        .collect();
    let cfgs: Vec<TokenStream> = fields
        .iter()
        .map(|(_, p)| index.cfg_property(spec.owner, p))
        .collect();

    let ident = &spec.ident;
    let docs = doc_attrs(&spec.docs);
    let field_defs = fields.iter().zip(&cfgs).map(|((f, p), cfg)| {
        let ty = index.rust_type(spec.module, true, &p.ty);
        let docs = doc_attrs(&field_docs(
            p,
            f.to_string().trim_start_matches("r#") != p.name,
        ));
        quote!(#cfg #docs pub #f: Option<#ty>,)
    });
    if serde_derive {
        let field_defs = fields.iter().map(|(f, p)| {
            let ty = index.rust_type(spec.module, true, &p.ty);
            let name = Literal::string(&p.name);
            quote!(#[serde(rename = #name, default, skip_serializing_if = "Option::is_none")] pub #f: Option<#ty>,)
        });
        return quote! {
            #docs
            #[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
            pub struct #ident {
                #(#field_defs)*
                #[serde(flatten)]
                pub additional_data: serde_json::Map<String, serde_json::Value>,
            }
        };
    }
    let wire = Literal::string(&spec.wire_name);
    let n = fields.len();
    let idx: Vec<Literal> = (0..n).map(Literal::usize_unsuffixed).collect();
    let names: Vec<Literal> = fields
        .iter()
        .map(|(_, p)| Literal::string(&p.name))
        .collect();
    let idents: Vec<&Ident> = fields.iter().map(|(f, _)| f).collect();

    let field_index = if n == 0 {
        quote!(let _ = name; None)
    } else {
        let arms = names
            .iter()
            .zip(&cfgs)
            .zip(&idx)
            .map(|((name, cfg), i)| quote!(#cfg #name => Some(#i),));
        quote!(match name { #(#arms)* _ => None })
    };
    let read_field = if n == 0 {
        quote!(let _ = (index, kept); map.next_value::<serde::de::IgnoredAny>().map(drop))
    } else {
        let arms = read_arms(&private, &fields, &cfgs, |(_, p)| {
            index.rust_type(spec.module, true, &p.ty).to_string()
        });
        quote!(match index {
            #(#arms)*
            _ => map.next_value::<serde::de::IgnoredAny>().map(drop),
        })
    };
    let field_consts = fields
        .iter()
        .zip(&cfgs)
        .zip(&idx)
        .map(|(((f, p), cfg), i)| {
            let konst = field_const(f);
            let doc = format!(" The `{}` field, for `set_null` and `is_null`.", p.name);
            quote!(#cfg #[doc = #doc] pub const #konst: #rt::Field<Self> = #rt::Field::at(#i);)
        });
    let consts = if fields.is_empty() {
        quote!()
    } else {
        quote!(impl #ident { #(#field_consts)* })
    };
    quote! {
        #docs
        #[derive(Clone, Default, PartialEq)]
        pub struct #ident {
            #(#field_defs)*
            /// Properties the docs do not list and instance annotations (`@odata.type`, ...), in
            /// arrival order, and the fields received as `null` (see `is_null`).
            pub additional_data: #rt::AdditionalData,
        }

        impl #rt::Object for #ident {
            const TABLE: #private::Table = #private::Table { name: #wire, fields: &[#(#names),*], index: <Self as #rt::Object>::field_index };
            #[inline(always)]
            fn field_index(name: &str) -> Option<usize> { #field_index }
            #[inline(always)]
            fn read_field<'de, A: serde::de::MapAccess<'de>>(&mut self, index: usize, map: &mut A, kept: &mut #private::Kept) -> Result<(), A::Error> { #read_field }
            #[inline(always)]
            fn write_fields<S: serde::ser::SerializeMap>(&self, out: &mut #private::Writer<'_, S>) {
                #(#cfgs #private::write(out, #idx, #names, &self.#idents);)*
                let _ = out;
            }
            fn additional_data(&self) -> &#rt::AdditionalData { &self.additional_data }
            fn additional_data_mut(&mut self) -> &mut #rt::AdditionalData { &mut self.additional_data }
        }

        #consts

        impl ::core::fmt::Debug for #ident {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                #private::debug_object(self, f)
            }
        }

        impl #private::HasWire for #ident {
            type Wire = #private::Struct<Self>;
        }

        impl serde::Serialize for #ident {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                #private::serialize_object(self, None, serializer)
            }
        }

        impl<'de> serde::Deserialize<'de> for #ident {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #private::deserialize_object(deserializer)
            }
        }
    }
}

/// The arms of `read_field`: one per group of fields with the same type and `cfg`, each one
/// generic call on a projection of the field by index (`0 | 2 => read(map, match index { 0 =>
/// &mut self.a, _ => &mut self.c })`), so `cargo check` proves each reader's bounds once per
/// type a struct uses rather than once per field. The reader follows from the type
/// (`graphdoc_runtime::__private::HasWire`).
fn read_arms<F>(
    rt: &TokenStream,
    fields: &[(Ident, F)],
    cfgs: &[TokenStream],
    type_of: impl Fn(&(Ident, F)) -> String,
) -> Vec<TokenStream> {
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, field) in fields.iter().enumerate() {
        let key = format!("{} {}", type_of(field), cfgs[i]);
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, members)) => members.push(i),
            None => groups.push((key, vec![i])),
        }
    }
    groups
        .into_iter()
        .filter_map(|(_, members)| {
            let cfg = &cfgs[*members.first()?];
            let (idx, targets): (Vec<Literal>, Vec<TokenStream>) = members
                .iter()
                .map(|&i| {
                    let ident = &fields[i].0;
                    (Literal::usize_unsuffixed(i), quote!(&mut self.#ident))
                })
                .unzip();
            let (last, init) = targets.split_last()?;
            let target = if init.is_empty() {
                last.clone()
            } else {
                let init_idx = &idx[..init.len()];
                quote!(match index { #(#init_idx => #init,)* _ => #last })
            };
            Some(quote!(#cfg #(#idx)|* => #rt::read(map, #target, kept),))
        })
        .collect()
}
