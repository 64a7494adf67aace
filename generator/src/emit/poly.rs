//! Polymorphism: for every base type with derived types, an `Any…` enum over the base and all its
//! descendants (boxed, chosen by `@odata.type` when deserializing, tagged when serializing), a
//! `…Fields` trait with an accessor pair per field the base declares (implemented by the base and
//! every descendant, and reachable from the enum through `Deref`), and upcasting `From` impls.

use crate::diag::Code;
use heck::ToUpperCamelCase;
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

use super::index::{Index, Placed, Poly};
use super::names::first_free;
use crate::diag::Diagnostics;
use crate::ir::Property;

/// One polymorphic base's items, and the module they go in.
pub(crate) struct PolyItems {
    pub module: Option<Ident>,
    pub tokens: TokenStream,
}

fn trait_path(index: &Index<'_>, from: Option<&Ident>, base: &str) -> Option<TokenStream> {
    let (placed, _) = index.types.get(base)?;
    let poly = index.poly.get(base)?;
    let target = Placed {
        module: placed.module.clone(),
        ident: poly.fields_trait.clone(),
        kind: placed.kind,
    };
    Some(index.path_to(from, &target))
}

/// The accessor methods of a base's trait: (getter, mutable getter, field index in the base's
/// flattened field list, Rust type).
fn trait_fields(
    index: &Index<'_>,
    base: &str,
    poly: &Poly,
    diags: &mut Diagnostics,
) -> Vec<(Ident, Ident, Literal, TokenStream, TokenStream)> {
    let Some((placed, t)) = index.types.get(base) else {
        return Vec::new();
    };
    let inherited: Vec<String> = poly
        .parent
        .as_ref()
        .and_then(|p| index.types.get(p))
        .map(|(_, pt)| index.flattened(pt).iter().map(|p| p.name.clone()).collect())
        .unwrap_or_default();
    let flat = index.flattened(t);
    // Names were reported (if at all) when the struct was emitted.
    let idents = super::structs::field_names("", &flat, &mut Diagnostics::default());
    let own: Vec<(usize, &Property, &Ident)> = flat
        .iter()
        .zip(&idents)
        .enumerate()
        .filter(|(_, (p, _))| !inherited.contains(&p.name))
        .map(|(i, (p, ident))| (i, *p, ident))
        .collect();
    let mut seen: std::collections::BTreeSet<String> =
        own.iter().map(|(_, _, ident)| ident.to_string()).collect();
    let mut out = Vec::new();
    for (i, p, ident) in own {
        let stem = ident.to_string();
        let stem = stem.trim_start_matches("r#").trim_end_matches('_');
        let mut getter_mut = format!("{stem}_mut");
        if !seen.insert(getter_mut.clone()) {
            let free = first_free(&getter_mut, |m| seen.contains(m));
            diags.warning(
                Code::NameCollision,
                t.origins.first().cloned(),
                format!(
                    "the accessor `{getter_mut}` of `{}` collides with a property of the same name; it is named `{free}`",
                    t.qualified_name()
                ),
            );
            seen.insert(free.clone());
            getter_mut = free;
        }
        out.push((
            ident.clone(),
            Ident::new(&getter_mut, Span::call_site()),
            Literal::usize_unsuffixed(i),
            index.rust_type(placed.module.as_ref(), true, &p.ty),
            index.cfg_property(Some(t), p),
        ));
    }
    out
}

pub(crate) fn emit_poly(index: &Index<'_>, diags: &mut Diagnostics) -> Vec<PolyItems> {
    let mut out = Vec::new();
    // How many leading fields each polymorphic member exposes through `__private::Fields`: the
    // longest flattened field list among the bases it belongs to.
    let mut needed: std::collections::BTreeMap<String, usize> = Default::default();
    for (base, poly) in &index.poly {
        let Some((placed, t)) = index.types.get(base) else {
            continue;
        };
        let from = placed.module.as_ref();
        let rt = &index.runtime;
        let private = quote!(#rt::__private);
        let any = &poly.any;
        let tr = &poly.fields_trait;
        let mut used = std::collections::BTreeSet::new();
        let mut variants = Vec::new();
        for key in &poly.members {
            let Some((dp, dt)) = index.types.get(key) else {
                continue;
            };
            let mut v = dp.ident.clone();
            if !used.insert(v.to_string()) {
                let prefix = dp
                    .module
                    .as_ref()
                    .map(|m| m.to_string().to_upper_camel_case())
                    .unwrap_or_default();
                v = Ident::new(&format!("{prefix}{}", dp.ident), Span::call_site());
                if !used.insert(v.to_string()) {
                    let free = first_free(&v.to_string(), |f| used.contains(f));
                    diags.warning(
                        Code::NameCollision,
                        dt.origins.first().cloned(),
                        format!(
                            "`{}` and another type derived from `{}` have the same Rust name; its variant of `{any}` is `{free}`",
                            dt.qualified_name(),
                            t.qualified_name()
                        ),
                    );
                    used.insert(free.clone());
                    v = Ident::new(&free, Span::call_site());
                }
            }
            variants.push((v, index.path_to(from, dp), dt.qualified_name(), key.clone()));
        }
        let vcfgs: Vec<TokenStream> = variants.iter().map(|v| index.cfg_type(&v.2)).collect();
        let vidents: Vec<&Ident> = variants.iter().map(|v| &v.0).collect();
        let vpaths: Vec<&TokenStream> = variants.iter().map(|v| &v.1).collect();
        let qnames: Vec<Literal> = variants.iter().map(|v| Literal::string(&v.2)).collect();
        // Without features a plain table; with them, disabled types' names are blanked.
        let type_table: Vec<TokenStream> = variants
            .iter()
            .map(|v| {
                let q = Literal::string(&v.2);
                match &index.features {
                    Some(f) => {
                        let on = f.cfg_macro(&v.2);
                        quote!(if #on { #q } else { "" })
                    }
                    None => quote!(#q),
                }
            })
            .collect();
        let idx: Vec<Literal> = (0..variants.len()).map(Literal::usize_unsuffixed).collect();
        let tags: Vec<TokenStream> = variants
            .iter()
            .enumerate()
            .map(|(i, v)| {
                if i == 0 {
                    quote!(None)
                } else {
                    let tag = Literal::string(&format!("#{}", v.2));
                    quote!(Some(#tag))
                }
            })
            .collect();
        let wire = Literal::string(&t.name);
        let Some(first) = vidents.first() else {
            continue;
        };
        let rest_idx = &idx[1..];
        let rest_idents = &vidents[1..];
        let first_path = vpaths[0];
        let rest_cfgs = &vcfgs[1..];
        let fields = trait_fields(index, base, poly, diags);
        let getters = fields.iter().map(|f| &f.0);
        let muts = fields.iter().map(|f| &f.1);
        let fidx: Vec<&Literal> = fields.iter().map(|f| &f.2).collect();
        let tys: Vec<&TokenStream> = fields.iter().map(|f| &f.3).collect();
        let fcfgs: Vec<&TokenStream> = fields.iter().map(|f| &f.4).collect();
        let supertrait = match poly.parent.as_ref() {
            Some(p) => trait_path(index, from, p).map(|p| quote!(: #p)),
            None => Some(quote!(: #private::Fields)),
        };
        // Base fields keep their index in every derived type (fields are flattened base-first).
        let base_len = index.flattened(t).len();
        for key in &poly.members {
            let need = needed.entry(key.clone()).or_insert(0);
            *need = (*need).max(base_len);
        }
        let doc_enum = format!(
            " `{}` or any type derived from it, chosen by `@odata.type` (the declared type when the tag is absent or unknown). Derefs to [`{tr}`] for the shared fields.",
            t.qualified_name()
        );
        let doc_trait = format!(
            " The fields `{}` declares, implemented by it and every type derived from it.",
            t.qualified_name()
        );
        // Trait impls for the base and every descendant.
        let impls = variants.iter().zip(&vcfgs).map(|((v, path, _, _), cfg)| {
            quote! {
                #cfg
                impl #tr for #path {}
                #cfg
                impl From<#path> for #any {
                    fn from(value: #path) -> Self { Self::#v(Box::new(value)) }
                }
            }
        });
        let getter_docs: Vec<String> = fields
            .iter()
            .map(|f| format!(" The `{}` field.", f.0.to_string().trim_start_matches("r#")))
            .collect();
        let mut_docs = getter_docs.iter().map(|d| format!("{d} Mutable."));
        let variant_docs = variants.iter().map(|v| format!(" A `{}`.", v.2));
        let tokens = quote! {
            #[doc = #doc_trait]
            pub trait #tr #supertrait {
                #(#fcfgs #[doc = #getter_docs] fn #getters(&self) -> &Option<#tys> { #private::field(#private::Fields::field_any(self, #fidx)) })*
                #(#fcfgs #[doc = #mut_docs] fn #muts(&mut self) -> &mut Option<#tys> { #private::field_mut(#private::Fields::field_any_mut(self, #fidx)) })*
            }

            #[doc = #doc_enum]
            #[derive(Debug, Clone, PartialEq)]
            pub enum #any {
                #(#vcfgs #[doc = #variant_docs] #vidents(Box<#vpaths>),)*
            }

            impl #any {
                /// The qualified name of the type held.
                pub fn odata_type(&self) -> &'static str {
                    match self { #(#vcfgs Self::#vidents(_) => #qnames,)* }
                }
            }

            impl #private::Polymorphic for #any {
                const NAME: &'static str = #wire;
                const TYPES: &'static [&'static str] = &[#(#type_table),*];
                type Base = #first_path;
                fn from_base(base: Self::Base) -> Self { Self::#first(Box::new(base)) }
                fn read_variant<'de, A: serde::de::MapAccess<'de>>(index: usize, map: A, read: Vec<(String, serde_json::Value)>) -> Result<Self, A::Error> {
                    Ok(match index {
                        #(#rest_cfgs #rest_idx => Self::#rest_idents(Box::new(#private::read_object(map, read)?)),)*
                        _ => Self::#first(Box::new(#private::read_object(map, read)?)),
                    })
                }
            }

            impl serde::Serialize for #any {
                fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    match self { #(#vcfgs Self::#vidents(v) => #private::serialize_object(&**v, #tags, serializer),)* }
                }
            }

            impl<'de> serde::Deserialize<'de> for #any {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    #private::deserialize_polymorphic(deserializer)
                }
            }

            impl #private::HasWire for #any {
                type Wire = #private::Nested<Self>;
            }

            impl std::ops::Deref for #any {
                type Target = dyn #tr;
                fn deref(&self) -> &Self::Target {
                    match self { #(#vcfgs Self::#vidents(v) => &**v,)* }
                }
            }

            impl std::ops::DerefMut for #any {
                fn deref_mut(&mut self) -> &mut Self::Target {
                    match self { #(#vcfgs Self::#vidents(v) => &mut **v,)* }
                }
            }

            #(#impls)*
        };
        out.push(PolyItems {
            module: placed.module.clone(),
            tokens: super::features::gate_items(tokens, &index.cfg_type(&t.qualified_name())),
        });
    }
    for (key, need) in &needed {
        if let Some(tokens) = fields_impl(index, key, *need, diags) {
            let module = index.types.get(key).and_then(|(p, _)| p.module.clone());
            let cfg = index
                .types
                .get(key)
                .map(|(_, t)| index.cfg_type(&t.qualified_name()))
                .unwrap_or_default();
            out.push(PolyItems {
                module,
                tokens: super::features::gate_items(tokens, &cfg),
            });
        }
    }
    out
}

/// `graphdoc_runtime::__private::Fields` for a polymorphic member: its first `need` fields by index.
fn fields_impl(
    index: &Index<'_>,
    key: &str,
    need: usize,
    diags: &mut Diagnostics,
) -> Option<TokenStream> {
    let (placed, t) = index.types.get(key)?;
    let rt = &index.runtime;
    let private = quote!(#rt::__private);
    let ident = &placed.ident;
    let mut quiet = Diagnostics::default();
    let flat = index.flattened(t);
    // Every base's flattened fields must be a prefix of this type's.
    for bt in index.schema.ancestors(t) {
        let bflat = index.flattened(bt);
        if bflat.iter().zip(&flat).any(|(a, b)| a.name != b.name) || bflat.len() > flat.len() {
            diags.error(
                Code::Internal,
                t.origins.first().cloned(),
                format!(
                    "the fields of `{}` do not start with those of its base `{}`",
                    t.qualified_name(),
                    bt.qualified_name()
                ),
            );
            return None;
        }
    }
    let mut fields = super::structs::field_names("", &flat, &mut quiet);
    fields.truncate(need);
    let cfgs: Vec<TokenStream> = flat
        .iter()
        .take(need)
        .map(|p| index.cfg_property(Some(t), p))
        .collect();
    let idx: Vec<Literal> = (0..fields.len()).map(Literal::usize_unsuffixed).collect();
    Some(quote! {
        impl #private::Fields for #ident {
            fn field_any(&self, index: usize) -> &dyn std::any::Any {
                match index { #(#cfgs #idx => &self.#fields,)* _ => &() }
            }
            fn field_any_mut(&mut self, index: usize) -> &mut dyn std::any::Any {
                match index { #(#cfgs #idx => &mut self.#fields,)* _ => #private::no_field() }
            }
        }
    })
}
