//! Property tests: any string given as a property name becomes either a valid, unique Rust
//! identifier whose wire name round-trips through the field table, or a diagnostic; the generated
//! file always parses with syn.

use graphdoc::diag::{Diagnostics, Origin, Severity};
use graphdoc::ir::{Element, Primitive, Property, Schema, TypeDef, TypeKind, TypeRef};
use proptest::prelude::*;

fn schema(names: &[String]) -> Schema {
    let properties = names
        .iter()
        .enumerate()
        .map(|(i, n)| Property {
            name: n.clone(),
            ty: TypeRef::one(Element::Primitive(Primitive::String)),
            navigation: false,
            read_only: false,
            description: Some(format!("doc {n} */ \"# ")),
            origin: Origin::new("p.md", i as u32 + 1, 1),
        })
        .collect();
    let t = TypeDef {
        properties,
        origins: vec![Origin::new("p.md", 1, 1)],
        ..TypeDef::new("microsoft.graph", "thing", TypeKind::Complex)
    };
    Schema {
        types: vec![t],
        operations: vec![],
    }
}

/// The struct's field identifiers and the wire names in its `TABLE`'s fields.
fn fields_and_wire_names(file: &syn::File) -> (Vec<String>, Vec<String>) {
    let mut fields = Vec::new();
    let mut wires = Vec::new();
    for item in &file.items {
        match item {
            syn::Item::Struct(s) if s.ident == "Thing" => {
                fields.extend(
                    s.fields
                        .iter()
                        .filter_map(|f| f.ident.as_ref())
                        .map(|i| i.to_string())
                        .filter(|i| i != "additional_data"),
                );
            }
            syn::Item::Impl(i) if matches!(&*i.self_ty, syn::Type::Path(p) if p.path.is_ident("Thing")) => {
                for it in &i.items {
                    let syn::ImplItem::Const(c) = it else {
                        continue;
                    };
                    if c.ident != "TABLE" {
                        continue;
                    }
                    let syn::Expr::Struct(table) = &c.expr else {
                        continue;
                    };
                    let fields = table
                        .fields
                        .iter()
                        .find(|f| matches!(&f.member, syn::Member::Named(n) if n == "fields"));
                    if let Some(syn::Expr::Reference(r)) = fields.map(|f| &f.expr) {
                        if let syn::Expr::Array(a) = &*r.expr {
                            for e in &a.elems {
                                if let syn::Expr::Lit(syn::ExprLit {
                                    lit: syn::Lit::Str(s),
                                    ..
                                }) = e
                                {
                                    wires.push(s.value());
                                }
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    (fields, wires)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_name_becomes_an_identifier_or_a_diagnostic(names in prop::collection::vec(prop_oneof![any::<String>(), "[a-zA-Z_][a-zA-Z0-9_]{0,10}", "[a-z]{1,3}[A-Z_][a-z]{0,3}", Just("type".to_string()), Just("self".to_string())], 1..6)) {
        let mut unique = names.clone();
        unique.sort();
        unique.dedup();
        let mut diags = Diagnostics::default();
        match graphdoc::emit::emit(&schema(&unique), &Default::default(), &mut diags) {
            Some(code) => {
                let file = syn::parse_file(&code).map_err(|e| TestCaseError::fail(format!("generated code does not parse: {e}")))?;
                let (fields, wires) = fields_and_wire_names(&file);
                let mut sorted_fields = fields.clone();
                sorted_fields.sort();
                sorted_fields.dedup();
                prop_assert_eq!(sorted_fields.len(), fields.len(), "field identifiers are unique");
                prop_assert_eq!(&wires, &unique, "every wire name is in the field table, unchanged");
                for f in &fields {
                    prop_assert!(syn::parse_str::<syn::Ident>(f).is_ok() || f.starts_with("r#"), "{} is an identifier", f);
                }
            }
            None => {
                let diags = diags.into_sorted();
                prop_assert!(diags.iter().any(|d| d.severity == Severity::Error), "no code and no error: {:?}", diags);
            }
        }
    }
}
