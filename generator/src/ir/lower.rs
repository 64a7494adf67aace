//! Lowering accumulators and operation facts into the sorted, serializable [`Schema`].

use crate::diag::Code;
use std::collections::BTreeMap;

use crate::diag::Diagnostics;
use crate::ir::facts::{BaseEvidence, OpFact, PageFacts, Rank};
use crate::ir::merge::Acc;
use crate::ir::model::{
    Element, EnumMember, Operation, OperationKind, Property, Schema, TypeDef, TypeKind, TypeRef,
};
use crate::ir::names::Names;
use crate::ir::resolve::{Bases, EnumSets, Resolver};

/// Lowers everything; returns the schema and, per page, the id of its operation.
pub(crate) fn lower(
    facts: &[PageFacts],
    names: &mut Names,
    accs: &mut BTreeMap<String, Acc>,
    bases: &Bases,
    kinds: &mut BTreeMap<String, TypeKind>,
    diags: &mut Diagnostics,
) -> (Schema, Vec<Option<String>>) {
    let mut types = Vec::new();
    let mut enums = EnumSets::default();
    let keys: Vec<String> = accs.keys().cloned().collect();
    for key in &keys {
        if kinds.get(key) == Some(&TypeKind::Enum) {
            continue;
        }
        let Some(acc) = accs.get(key).cloned() else {
            continue;
        };
        let owner = names.qualified(key);
        let mut properties = Vec::new();
        let line = crate::ir::resolve::ancestors(key, bases);
        for (lower, prop) in &acc.props {
            if prop.sources.iter().all(|(_, f, _)| f.from_representation) {
                // Representations list inherited properties too: those stay with the base.
                if line.iter().any(|a| {
                    accs.get(a)
                        .is_some_and(|b| b.props.iter().any(|(n, _)| n == lower))
                }) {
                    continue;
                }
                let f = &prop.sources[0].1;
                diags.warning(Code::JsonOnlyProperty, Some(f.origin.clone()), format!("`{owner}.{}` is in the JSON representation but in no property table; typed from the representation", f.name));
            }
            let mut sources = prop.sources.clone();
            sources.sort_by_key(|s| std::cmp::Reverse(s.0));
            let mut resolver = Resolver {
                names,
                accs,
                kinds,
                enums: &mut enums,
            };
            let resolved: Vec<TypeRef> = sources
                .iter()
                .map(|(_, f, ns)| resolver.resolve(f, ns.as_deref(), &owner, diags))
                .collect();
            let (_, primary, _) = &sources[0];
            for ((_, f, _), r) in sources.iter().zip(&resolved).skip(1) {
                if *r != resolved[0] && f.type_ref.is_some() {
                    diags.warning(
                        Code::PropertyConflict,
                        Some(f.origin.clone()),
                        format!(
                            "`{owner}.{}` is typed {} here but {} at {}",
                            f.name,
                            show(r),
                            show(&resolved[0]),
                            primary.origin
                        ),
                    );
                }
            }
            let description = sources
                .iter()
                .find_map(|(_, f, _)| f.description.clone())
                .filter(|d| !d.starts_with("Inherited from"));
            properties.push(Property {
                name: primary.name.clone(),
                ty: resolved[0].clone(),
                navigation: sources.iter().any(|(_, f, _)| f.navigation),
                read_only: primary.read_only,
                description,
                origin: primary.origin.clone(),
            });
        }
        let (namespace, name) = names.canonical(key);
        let (base, base_evidence) = match bases.get(key) {
            Some((b, ev)) => (Some(names.qualified(b)), Some(ev.as_str().to_owned())),
            // `"baseType": null` and nothing else: the annotation decided there is none.
            None => (
                None,
                acc.no_base
                    .is_some()
                    .then(|| BaseEvidence::Annotation.as_str().to_owned()),
            ),
        };
        let description = best_description(&acc.descriptions);
        types.push(TypeDef {
            evidence: Some(type_evidence(&acc).to_owned()),
            name,
            namespace,
            kind: kinds.get(key).copied().unwrap_or(TypeKind::Complex),
            base,
            base_evidence,
            is_abstract: acc.is_abstract,
            open: acc.open,
            flags: false,
            description,
            area: None,
            inferred: acc.inferred.clone().or_else(|| {
                (!acc.declared).then(|| "declared only by rows inherited from it".to_owned())
            }),
            properties,
            members: Vec::new(),
            origins: acc.origins.iter().cloned().collect(),
        });
    }

    // Ids: `{kind}{Type}` / `{bound}.{action}` where that is unique; where several pages would
    // share one (a type listed through several navigation paths), each takes its page's name.
    let lowered: Vec<Option<Operation>> = facts
        .iter()
        .map(|f| {
            f.operations.first().map(|op| {
                let ns = f.namespace.as_deref();
                lower_op(op, ns, names, accs, kinds, &mut enums, diags)
            })
        })
        .collect();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for o in lowered.iter().flatten() {
        *counts.entry(o.id.clone()).or_default() += 1;
    }
    let mut operations: Vec<Operation> = Vec::new();
    let mut op_ids = Vec::new();
    for o in lowered {
        let id = o.map(|mut o| {
            if counts.get(&o.id).is_some_and(|&n| n > 1) {
                let stem = crate::page::file_stem(&o.origin.file);
                let paths: Vec<String> = o.path.iter().chain(&o.other_paths).cloned().collect();
                let ns = o
                    .bound_type
                    .as_deref()
                    .and_then(|b| b.rsplit_once('.'))
                    .map(|(ns, _)| ns.to_owned());
                o.id = crate::ir::merge::stem_identifier(stem, &paths, names, ns.as_deref());
            }
            let id = o.id.clone();
            match operations.iter().find(|x| x.id == o.id) {
                Some(existing) => diags.warning(
                    Code::DuplicateOperation,
                    Some(o.origin.clone()),
                    format!(
                        "operation `{}` is also described at {}; this page is ignored",
                        o.id, existing.origin
                    ),
                ),
                None => operations.push(o),
            }
            id
        });
        op_ids.push(id);
    }

    // Enums last: property resolution may have synthesized some.
    for (key, acc) in accs.iter() {
        if kinds.get(key) != Some(&TypeKind::Enum) {
            continue;
        }
        let (namespace, name) = names.canonical(key);
        let members = acc
            .members
            .iter()
            .map(|m| EnumMember {
                name: m.name.clone(),
                value: m.value,
                description: Some(m.description.clone()).filter(|d| !d.is_empty()),
                origin: m.origin.clone(),
            })
            .collect();
        types.push(TypeDef {
            evidence: Some(type_evidence(acc).to_owned()),
            name,
            namespace,
            kind: TypeKind::Enum,
            base: None,
            base_evidence: None,
            is_abstract: false,
            open: false,
            flags: acc.flags,
            description: best_description(&acc.descriptions),
            area: None,
            inferred: acc.inferred.clone(),
            properties: Vec::new(),
            members,
            origins: acc.origins.iter().cloned().collect(),
        });
    }
    types.sort_by(|a, b| {
        let (qa, qb) = (a.qualified_name(), b.qualified_name());
        qa.to_ascii_lowercase()
            .cmp(&qb.to_ascii_lowercase())
            .then(qa.cmp(&qb))
    });
    operations.sort_by(|a, b| a.id.cmp(&b.id));
    (Schema { types, operations }, op_ids)
}

fn show(t: &TypeRef) -> String {
    if t.collection {
        format!("Collection({})", t.element)
    } else {
        t.element.to_string()
    }
}

fn best_description(ds: &[(Rank, String)]) -> Option<String> {
    ds.iter().max_by_key(|(r, _)| *r).map(|(_, d)| d.clone())
}

fn lower_op(
    op: &OpFact,
    ns: Option<&str>,
    names: &mut Names,
    accs: &mut BTreeMap<String, Acc>,
    kinds: &mut BTreeMap<String, TypeKind>,
    enums: &mut EnumSets,
    diags: &mut Diagnostics,
) -> Operation {
    let type_of = |name: &str, what: &str, diags: &mut Diagnostics| -> Option<Element> {
        if let Some(p) = crate::page::primitive_type_name(name) {
            return Some(Element::Primitive(p));
        }
        match names.resolve(name, ns).filter(|k| kinds.contains_key(k)) {
            Some(k) => Some(Element::Named(names.qualified(&k))),
            None => {
                diags.warning_about(
                    Code::UnresolvedType,
                    Some(op.origin.clone()),
                    name.trim_start_matches('#'),
                    format!(
                        "{what} `{name}` of operation `{}` is not defined by any page",
                        op.name
                    ),
                );
                None
            }
        }
    };
    let bound_type = op
        .bound_type
        .as_deref()
        .and_then(|b| type_of(b, "bound type", diags));
    let response = op.response.as_ref().and_then(|(t, c)| {
        type_of(t, "response type", diags).map(|element| TypeRef {
            element,
            collection: *c,
        })
    });
    let request_body = match op.kind {
        OperationKind::Create | OperationKind::Update => op
            .main_type
            .as_deref()
            .and_then(|t| type_of(t, "request body type", diags))
            .map(TypeRef::one),
        _ => None,
    };
    let bound_type = bound_type.map(String::from);
    let bound_name = bound_type
        .as_deref()
        .map(|b| b.rsplit('.').next().unwrap_or(b).to_owned())
        .or_else(|| op.bound_type.clone());
    let id = match (op.kind, &bound_name) {
        (OperationKind::Action | OperationKind::Function, Some(b)) => format!("{b}.{}", op.name),
        _ => op.name.clone(),
    };
    let owner = format!(
        "{}.{}",
        ns.unwrap_or(crate::ir::names::DEFAULT_NAMESPACE),
        op.name
    );
    let mut resolver = Resolver {
        names,
        accs,
        kinds,
        enums,
    };
    let parameters = op
        .params
        .iter()
        .map(|p| Property {
            name: p.name.clone(),
            ty: resolver.resolve(p, ns, &owner, diags),
            navigation: false,
            read_only: false,
            description: p.description.clone(),
            origin: p.origin.clone(),
        })
        .collect();
    Operation {
        id,
        name: op.name.clone(),
        kind: op.kind,
        method: op.method.clone(),
        path: op.paths.first().cloned(),
        other_paths: op.paths.iter().skip(1).cloned().collect(),
        bound_type,
        parameters,
        request_body,
        response,
        description: op.description.clone(),
        origin: op.origin.clone(),
    }
}

/// What names a type into existence: the strongest page source, or why no page defines it.
fn type_evidence(acc: &Acc) -> &'static str {
    match (acc.evidence, &acc.inferred) {
        (Some(e), _) => e.as_str(),
        (None, Some(why)) if why.starts_with(crate::ir::model::INFERRED_FROM_EXAMPLES) => {
            "examples"
        }
        (None, Some(why)) if why.starts_with("synthesized") => "value-list",
        _ => "inherited-rows",
    }
}
