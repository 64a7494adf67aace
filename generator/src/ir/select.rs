//! Type selection: the closure of a set of types — their base chains, the types their properties
//! use, and the types derived from them (a value of a selected type may arrive as any derived
//! type) — and the operations bound to that closure. Types pulled in only as a base do not pull in
//! their other derived types, or selecting anything would select every entity.

use crate::diag::Code;
use std::collections::BTreeSet;

use crate::diag::Diagnostics;
use crate::ir::{Schema, TypeDef};

fn key(s: &str) -> String {
    s.to_ascii_lowercase()
}

/// Keeps the selected types (qualified names, any case) and everything they need. An unknown name
/// is an error.
pub fn select(schema: &Schema, wanted: &[String], diags: &mut Diagnostics) -> Schema {
    let mut full: BTreeSet<String> = BTreeSet::new();
    for w in wanted {
        match schema.get(w) {
            Some(t) => {
                full.insert(key(&t.qualified_name()));
            }
            None => diags.error(
                Code::Select,
                None,
                format!("selected type `{w}` is not in the schema"),
            ),
        }
    }
    let by_key = |k: &str| schema.types.iter().find(|t| key(&t.qualified_name()) == k);
    let uses = |t: &TypeDef| {
        t.properties
            .iter()
            .filter(|p| !p.type_name.starts_with("Edm."))
            .map(|p| key(&p.type_name))
            .collect::<Vec<_>>()
    };
    let mut bases: BTreeSet<String> = BTreeSet::new();
    loop {
        let before = (full.len(), bases.len());
        for k in full.clone() {
            let Some(t) = by_key(&k) else { continue };
            full.extend(uses(t));
            let mut cur = t.base.clone();
            while let Some(b) = cur {
                if !bases.insert(key(&b)) {
                    break;
                }
                cur = by_key(&key(&b)).and_then(|bt| bt.base.clone());
            }
            full.extend(
                schema
                    .types
                    .iter()
                    .filter(|d| d.base.as_ref().is_some_and(|b| key(b) == k))
                    .map(|d| key(&d.qualified_name())),
            );
        }
        for k in bases.clone() {
            if let Some(t) = by_key(&k) {
                full.extend(uses(t));
            }
        }
        for op in &schema.operations {
            if op
                .bound_type
                .as_ref()
                .is_some_and(|b| full.contains(&key(b)))
            {
                full.extend(
                    op.parameters
                        .iter()
                        .filter(|p| !p.type_name.starts_with("Edm."))
                        .map(|p| key(&p.type_name)),
                );
                full.extend(
                    op.request_body
                        .iter()
                        .chain(&op.response)
                        .map(|t| key(&t.type_name)),
                );
            }
        }
        if (full.len(), bases.len()) == before {
            break;
        }
    }
    let keep = |t: &TypeDef| {
        let k = key(&t.qualified_name());
        full.contains(&k) || bases.contains(&k)
    };
    let types: Vec<TypeDef> = schema.types.iter().filter(|t| keep(t)).cloned().collect();
    let operations = schema
        .operations
        .iter()
        .filter(|o| {
            o.bound_type
                .as_ref()
                .is_some_and(|b| full.contains(&key(b)))
        })
        .cloned()
        .collect();
    Schema { types, operations }
}
