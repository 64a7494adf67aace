//! Type selection: the closure of a set of types (their bases, the types their properties use,
//! and the types derived from them), and the operations bound to that closure.

use std::collections::BTreeSet;

use crate::diag::Diagnostics;
use crate::ir::{Schema, TypeDef};

fn key(s: &str) -> String {
    s.to_ascii_lowercase()
}

/// Keeps the selected types (qualified names, any case) and everything they need. An unknown name
/// is an error.
pub fn select(schema: &Schema, wanted: &[String], diags: &mut Diagnostics) -> Schema {
    let mut keep: BTreeSet<String> = BTreeSet::new();
    for w in wanted {
        match schema.get(w) {
            Some(t) => {
                keep.insert(key(&t.qualified_name()));
            }
            None => diags.error(
                "select",
                None,
                format!("selected type `{w}` is not in the schema"),
            ),
        }
    }
    let by_key = |k: &str| schema.types.iter().find(|t| key(&t.qualified_name()) == k);
    loop {
        let before = keep.len();
        let current: Vec<String> = keep.iter().cloned().collect();
        for k in &current {
            let Some(t) = by_key(k) else { continue };
            keep.extend(t.base.iter().map(|b| key(b)));
            keep.extend(
                t.properties
                    .iter()
                    .filter(|p| !p.type_name.starts_with("Edm."))
                    .map(|p| key(&p.type_name)),
            );
        }
        for t in &schema.types {
            if t.base.as_ref().is_some_and(|b| keep.contains(&key(b))) {
                keep.insert(key(&t.qualified_name()));
            }
        }
        for op in &schema.operations {
            if op
                .bound_type
                .as_ref()
                .is_some_and(|b| keep.contains(&key(b)))
            {
                keep.extend(
                    op.parameters
                        .iter()
                        .filter(|p| !p.type_name.starts_with("Edm."))
                        .map(|p| key(&p.type_name)),
                );
                keep.extend(
                    op.request_body
                        .iter()
                        .chain(&op.response)
                        .map(|t| key(&t.type_name)),
                );
            }
        }
        if keep.len() == before {
            break;
        }
    }
    let types: Vec<TypeDef> = schema
        .types
        .iter()
        .filter(|t| keep.contains(&key(&t.qualified_name())))
        .cloned()
        .collect();
    let operations = schema
        .operations
        .iter()
        .filter(|o| {
            o.bound_type
                .as_ref()
                .is_some_and(|b| keep.contains(&key(b)))
        })
        .cloned()
        .collect();
    Schema { types, operations }
}
