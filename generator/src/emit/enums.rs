//! Enums: UpperCamel variants, case-insensitive deserialization, and an `Unrecognized` variant that
//! keeps any value the docs do not list.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::names::{convert, Case, Scope};
use super::structs::doc_attrs;
use crate::diag::Diagnostics;
use crate::ir::TypeDef;

pub(crate) fn emit_enum(
    t: &TypeDef,
    ident: &Ident,
    rt: &TokenStream,
    docs: &[String],
    serde_derive: bool,
    diags: &mut Diagnostics,
) -> TokenStream {
    let mut scope = Scope::default();
    scope.reserve("Unrecognized", "the generated Unrecognized variant");
    let mut variants = Vec::new();
    for m in &t.members {
        let what = format!("member `{}` of `{}`", m.name, t.name);
        let name = convert(&m.name, Case::Variant, &what, Some(&m.origin), diags);
        let name = scope.claim(name, "enum member", Some(&m.origin), diags);
        variants.push((name.ident, m));
    }
    let docs = doc_attrs(docs);
    let wire = Literal::string(&t.name);
    let idents: Vec<&Ident> = variants.iter().map(|(v, _)| v).collect();
    let names: Vec<Literal> = variants
        .iter()
        .map(|(_, m)| Literal::string(&m.name))
        .collect();
    let idx: Vec<Literal> = (0..variants.len()).map(Literal::usize_unsuffixed).collect();
    let variant_docs = variants.iter().map(|(_, m)| {
        doc_attrs(&[m
            .description
            .clone()
            .unwrap_or_else(|| format!("`{}`.", m.name))])
    });
    let from_index = if variants.is_empty() {
        quote!(let _ = index; None)
    } else {
        quote!(match index { #(#idx => Some(Self::#idents),)* _ => None })
    };
    let (derives, renames, untagged, serde_impls) = if serde_derive {
        let renames: Vec<TokenStream> = names
            .iter()
            .map(|n| quote!(#[serde(rename = #n)]))
            .collect();
        (
            quote!(, serde::Serialize, serde::Deserialize),
            renames,
            quote!(#[serde(untagged)]),
            quote!(),
        )
    } else {
        (
            quote!(),
            Vec::new(),
            quote!(),
            quote! {
                impl serde::Serialize for #ident {
                    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                        serializer.serialize_str(self.as_str())
                    }
                }

                impl<'de> serde::Deserialize<'de> for #ident {
                    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                        #rt::__private::deserialize_enum(deserializer)
                    }
                }

                impl #rt::__private::HasWire for #ident {
                    type Wire = #rt::__private::Enumerated<Self>;
                }
            },
        )
    };
    let renames = if renames.is_empty() {
        vec![quote!(); idents.len()]
    } else {
        renames
    };
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash #derives)]
        pub enum #ident {
            #(#variant_docs #renames #idents,)*
            /// A value the docs do not list, kept as received.
            #untagged
            Unrecognized(String),
        }

        impl #ident {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#idents => #names,)*
                    Self::Unrecognized(value) => value,
                }
            }

            /// Whether this is a documented member other than `unknownFutureValue` (which Graph
            /// sends for members added after it unless the request opts in with
            /// `Prefer: include-unknown-enum-members`).
            pub fn is_known(&self) -> bool {
                !matches!(self, Self::Unrecognized(_)) && !self.as_str().eq_ignore_ascii_case("unknownFutureValue")
            }
        }

        impl #rt::Enum for #ident {
            const NAME: &'static str = #wire;
            const MEMBERS: &'static [&'static str] = &[#(#names),*];
            fn from_index(index: usize) -> Option<Self> { #from_index }
            fn unrecognized(value: String) -> Self { Self::Unrecognized(value) }
            fn wire(&self) -> &str { self.as_str() }
        }

        #serde_impls
    }
}
