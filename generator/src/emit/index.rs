//! The name index the emitter works from: every type's module and identifier (collisions
//! reported), relative paths between modules, and the Rust type of each property.

use crate::diag::Code;
use std::collections::BTreeMap;

use heck::ToSnakeCase;
use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::names::{convert, Case, Scope};
use super::DateTimeMapping;
use crate::diag::Diagnostics;
use crate::ir::{Element, Primitive, Schema, SchemaIndex, TypeDef, TypeKind, TypeRef};

/// Prelude names the generated code refers to unqualified.
const PRELUDE: &[&str] = &[
    "String",
    "Option",
    "Some",
    "None",
    "Vec",
    "Box",
    "Result",
    "Ok",
    "Err",
    "Default",
    "Clone",
    "Debug",
    "PartialEq",
];

/// Where a type lives in the generated code.
#[derive(Debug, Clone)]
pub(crate) struct Placed {
    pub module: Option<Ident>,
    pub ident: Ident,
    pub kind: TypeKind,
}

/// A base type with derived types: the enum over them and the trait of its fields.
#[derive(Debug, Clone)]
pub(crate) struct Poly {
    /// `AnyCommsOperation`, in the base's module.
    pub any: Ident,
    /// `CommsOperationFields`, in the base's module.
    pub fields_trait: Ident,
    /// The base itself first, then every descendant (depth first, by name); lower-cased keys.
    pub members: Vec<String>,
    /// The nearest ancestor that is itself polymorphic (every base of a type is).
    pub parent: Option<String>,
}

/// Names and places of every type, by lower-cased qualified name.
pub(crate) struct Index<'a> {
    pub types: BTreeMap<String, (Placed, &'a TypeDef)>,
    /// The schema's types and their base edges.
    pub schema: SchemaIndex<'a>,
    /// Polymorphic bases (types with derived types), by lower-cased qualified name.
    pub poly: BTreeMap<String, Poly>,
    /// The struct identifier of each action request body, by its wire name.
    pub request_bodies: BTreeMap<String, Ident>,
    /// Module identifiers by namespace, for every non-root namespace.
    pub modules: BTreeMap<String, Ident>,
    date_time: DateTimeMapping,
    /// Feature gates by docs area, when [`super::EmitOptions::features`] is set.
    pub features: Option<super::features::Features>,
    /// The path of the `graphdoc-runtime` crate ([`super::EmitOptions::runtime_path`]).
    pub runtime: TokenStream,
}

/// The module a namespace becomes: none for the root namespace, else the snake_case of the
/// namespace without the root prefix (`microsoft.graph.callRecords` → `call_records`).
fn module_name(namespace: &str, root: &str) -> Option<String> {
    if namespace.eq_ignore_ascii_case(root) {
        return None;
    }
    let rest = namespace
        .strip_prefix(&format!("{root}."))
        .unwrap_or(namespace);
    Some(
        rest.split('.')
            .map(|s| s.to_snake_case())
            .collect::<Vec<_>>()
            .join("_"),
    )
}

impl<'a> Index<'a> {
    pub(crate) fn new(
        schema: &'a Schema,
        root: &str,
        extra_root_names: &[(String, crate::diag::Origin)],
        date_time: DateTimeMapping,
        polymorphic: bool,
        diags: &mut Diagnostics,
    ) -> Index<'a> {
        let mut module_scope = Scope::default();
        module_scope.reserve("operations", "generated operations module");
        let mut modules = BTreeMap::new();
        let mut type_scopes: BTreeMap<Option<String>, Scope> = BTreeMap::new();
        let mut types = BTreeMap::new();
        for t in &schema.types {
            let origin = t.origins.first();
            let key = t.qualified_name().to_ascii_lowercase();
            if let Some((_, first)) = types.get(&key) {
                let first: &&TypeDef = first;
                diags.warning(
                    Code::NameCollision,
                    origin.cloned(),
                    format!(
                        "type `{}` differs from `{}` only in letter case, and type names are matched \
                         without case; only the first is generated",
                        t.qualified_name(),
                        first.qualified_name()
                    ),
                );
                continue;
            }
            let module = match module_name(&t.namespace, root) {
                None => None,
                Some(m) => match modules.get(&t.namespace.to_ascii_lowercase()) {
                    Some(ident) => Some(Ident::clone(ident)),
                    None => {
                        let name = convert(&m, Case::Field, "namespace", origin, diags);
                        let name = module_scope.claim(name, "namespace", origin, diags);
                        modules.insert(t.namespace.to_ascii_lowercase(), name.ident.clone());
                        Some(name.ident)
                    }
                },
            };
            let mut name = convert(&t.name, Case::Type, "type", origin, diags);
            let plain = name.ident.to_string();
            if PRELUDE.contains(&plain.as_str()) {
                diags.warning(Code::ReservedName, origin.cloned(), format!("type `{}` would shadow `{plain}` from the Rust prelude, which the generated code uses; named `{plain}Type`", t.qualified_name()));
                name.ident = Ident::new(&format!("{plain}Type"), proc_macro2::Span::call_site());
            }
            let scope = type_scopes
                .entry(module.as_ref().map(|m| m.to_string()))
                .or_default();
            let name = scope.claim(name, "type", origin, diags);
            types.insert(
                key,
                (
                    Placed {
                        module,
                        ident: name.ident,
                        kind: t.kind,
                    },
                    t,
                ),
            );
        }
        // Polymorphic bases: an `Any…` enum and a `…Fields` trait beside each.
        let index = SchemaIndex::new(schema);
        let mut poly = BTreeMap::new();
        for (base, (placed, t)) in types.iter().filter(|_| polymorphic) {
            if index.children(t).is_empty() {
                continue;
            }
            let members: Vec<String> = std::iter::once(base.clone())
                .chain(
                    index
                        .descendants(t)
                        .iter()
                        .map(|d| d.qualified_name().to_ascii_lowercase()),
                )
                .collect();
            let origin = t.origins.first();
            let scope = type_scopes
                .entry(placed.module.as_ref().map(|m| m.to_string()))
                .or_default();
            let [any, fields_trait] = [
                (format!("Any{}", placed.ident), "polymorphic enum"),
                (format!("{}Fields", placed.ident), "fields trait"),
            ]
            .map(|(made, what)| {
                let name = super::names::Name {
                    ident: Ident::new(&made, proc_macro2::Span::call_site()),
                    wire: format!("<{what} of {}>", t.qualified_name()),
                };
                scope.claim(name, what, origin, diags).ident
            });
            let parent = t
                .base
                .as_ref()
                .map(|b| b.to_ascii_lowercase())
                .filter(|b| types.contains_key(b) && b != base);
            poly.insert(
                base.clone(),
                Poly {
                    any,
                    fields_trait,
                    members,
                    parent,
                },
            );
        }
        let root_scope = type_scopes.entry(None).or_default();
        let mut request_bodies = BTreeMap::new();
        for (extra, origin) in extra_root_names {
            let name = convert(extra, Case::Type, "request body", Some(origin), diags);
            let name = root_scope.claim(name, "request body type", Some(origin), diags);
            request_bodies.insert(extra.clone(), name.ident);
        }
        Index {
            types,
            schema: index,
            poly,
            request_bodies,
            modules,
            date_time,
            features: None,
            runtime: quote!(::graphdoc_runtime),
        }
    }

    /// The gate of a type's items (empty without features).
    pub(crate) fn cfg_type(&self, qualified: &str) -> TokenStream {
        self.features
            .as_ref()
            .map(|f| f.cfg_type(qualified))
            .unwrap_or_default()
    }

    /// The gate of a property's field (empty without features, or when the owner's gate covers
    /// it).
    pub(crate) fn cfg_property(
        &self,
        owner: Option<&TypeDef>,
        p: &crate::ir::Property,
    ) -> TokenStream {
        self.features
            .as_ref()
            .map(|f| f.cfg_property(owner, p))
            .unwrap_or_default()
    }

    pub(crate) fn get(&self, qualified: &str) -> Option<&(Placed, &'a TypeDef)> {
        self.types.get(&qualified.to_ascii_lowercase())
    }

    /// The type's own properties after its bases', root first.
    pub(crate) fn flattened(&self, t: &'a TypeDef) -> Vec<&'a crate::ir::Property> {
        self.schema.flattened(t)
    }

    /// The path to a type from code in `from` (a module, or the root).
    pub(crate) fn path_to(&self, from: Option<&Ident>, target: &Placed) -> TokenStream {
        let ident = &target.ident;
        match (from, &target.module) {
            (None, None) => quote!(#ident),
            (None, Some(m)) => quote!(#m::#ident),
            (Some(a), Some(b)) if a == b => quote!(#ident),
            (Some(_), None) => quote!(super::#ident),
            (Some(_), Some(m)) => quote!(super::#m::#ident),
        }
    }

    /// The enum over `t` and its descendants, when `t` has any.
    fn poly_of(&self, t: &TypeDef) -> Option<&Poly> {
        self.poly.get(&t.qualified_name().to_ascii_lowercase())
    }

    /// Whether the docs describe nothing of `t`'s shape: a complex type with no property, no base
    /// and no derived type (`microsoft.graph.Json`, open types such as `plannerAssignments`,
    /// empty facets). Its values are any JSON (`serde_json::Value`, under the type's name), since
    /// a struct would refuse what is not an object.
    pub(crate) fn undescribed(&self, t: &TypeDef) -> bool {
        t.kind == TypeKind::Complex
            && t.properties.is_empty()
            && t.base.is_none()
            && self.schema.children(t).is_empty()
    }

    /// The type a value of `t` is held in: `AnyT` for polymorphic bases, `Flags<T>` for flags
    /// enums, else `T`.
    pub(crate) fn value_path(
        &self,
        from: Option<&Ident>,
        placed: &Placed,
        t: &TypeDef,
    ) -> TokenStream {
        if let Some(poly) = self.poly_of(t) {
            let any = Placed {
                module: placed.module.clone(),
                ident: poly.any.clone(),
                kind: placed.kind,
            };
            return self.path_to(from, &any);
        }
        let path = self.path_to(from, placed);
        if t.kind == TypeKind::Enum && t.flags {
            let rt = &self.runtime;
            return quote!(#rt::Flags<#path>);
        }
        path
    }

    /// The Rust type of a property value (without the `Option`). A single struct value held in a
    /// struct `field` is boxed: Graph's entities nest deeply (a user holds a mailbox setting, a
    /// manager, a drive...), and inline they would make every struct as large as everything it
    /// reaches, copied on each move; boxed, a struct's size is a few words per field (and
    /// recursive types need no special case).
    pub(crate) fn rust_type(&self, from: Option<&Ident>, field: bool, ty: &TypeRef) -> TokenStream {
        let inner = match &ty.element {
            Element::Primitive(prim) => primitive(*prim, self.date_time, &self.runtime),
            Element::Named(name) => match self.get(name) {
                Some((placed, t)) => {
                    let path = self.value_path(from, placed, t);
                    let structured = t.kind != TypeKind::Enum
                        && self.poly_of(t).is_none()
                        && !self.undescribed(t);
                    if field && !ty.collection && structured {
                        quote!(Box<#path>)
                    } else {
                        path
                    }
                }
                None => quote!(serde_json::Value),
            },
        };
        if ty.collection {
            quote!(Vec<#inner>)
        } else {
            inner
        }
    }
}

fn primitive(p: Primitive, date_time: DateTimeMapping, rt: &TokenStream) -> TokenStream {
    let jiff = date_time == DateTimeMapping::Jiff;
    match p {
        Primitive::Boolean => quote!(bool),
        Primitive::Byte => quote!(u8),
        Primitive::SByte => quote!(i8),
        Primitive::Int16 => quote!(i16),
        Primitive::Int32 => quote!(i32),
        Primitive::Int64 => quote!(i64),
        Primitive::Single => quote!(f32),
        Primitive::Double | Primitive::Decimal => quote!(f64),
        Primitive::Untyped => quote!(serde_json::Value),
        Primitive::Binary | Primitive::Stream => quote!(#rt::Binary),
        Primitive::Guid => quote!(#rt::Guid),
        Primitive::DateTimeOffset if jiff => quote!(#rt::DateTimeOffset),
        Primitive::Date if jiff => quote!(#rt::Date),
        Primitive::TimeOfDay if jiff => quote!(#rt::TimeOfDay),
        Primitive::Duration if jiff => quote!(#rt::Duration),
        Primitive::String
        | Primitive::Date
        | Primitive::DateTimeOffset
        | Primitive::Duration
        | Primitive::TimeOfDay => quote!(String),
    }
}
