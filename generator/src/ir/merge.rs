//! Merging page facts into type accumulators: one per declared type, fed by every page that
//! describes it, with inherited rows moved to the type they are inherited from.

use std::collections::{BTreeMap, BTreeSet};

use crate::diag::{Diagnostics, Origin};
use crate::ir::facts::{BaseEvidence, PageFacts, PropFact, Rank};
use crate::ir::model::TypeKind;
use crate::ir::names::{Names, Weight};
use crate::page::{EnumRow, TypeName};

/// One property as seen by every source that describes it, best source first.
#[derive(Debug, Clone)]
pub(crate) struct PropAcc {
    pub sources: Vec<(Rank, PropFact, Option<String>)>,
}

/// Everything known about one type.
#[derive(Debug, Clone, Default)]
pub(crate) struct Acc {
    pub kind: Option<TypeKind>,
    pub entity_evidence: bool,
    pub bases: Vec<(String, BaseEvidence, Origin)>,
    pub is_abstract: bool,
    pub open: bool,
    pub flags: bool,
    pub descriptions: Vec<(Rank, String)>,
    /// In first-seen order (best sources are merged first).
    pub props: Vec<(String, PropAcc)>,
    pub members: Vec<EnumRow>,
    pub origins: BTreeSet<Origin>,
    pub inferred: Option<String>,
    /// A page describes the type itself (not only rows inherited from it).
    pub declared: bool,
}

impl Acc {
    pub(crate) fn add_prop(&mut self, rank: Rank, fact: PropFact, ns: Option<String>) {
        let lower = fact.name.to_ascii_lowercase();
        self.origins.insert(fact.origin.clone());
        match self.props.iter_mut().find(|(k, _)| *k == lower) {
            Some((_, acc)) => acc.sources.push((rank, fact, ns)),
            None => self.props.push((
                lower,
                PropAcc {
                    sources: vec![(rank, fact, ns)],
                },
            )),
        }
    }

    /// Adds enum members: a member listed twice in one table is an error; members from different
    /// pages are united, with a warning when the sets differ.
    pub(crate) fn add_members(&mut self, rows: &[EnumRow], what: &str, diags: &mut Diagnostics) {
        for (i, r) in rows.iter().enumerate() {
            if let Some(first) = rows[..i]
                .iter()
                .find(|m| m.name.eq_ignore_ascii_case(&r.name))
            {
                diags.error(
                    "duplicate-member",
                    Some(r.origin.clone()),
                    format!(
                        "member `{}` of `{what}` is listed twice (first at line {})",
                        r.name, first.origin.line
                    ),
                );
            }
        }
        if !self.members.is_empty() && !rows.is_empty() {
            let old: BTreeSet<String> = self
                .members
                .iter()
                .map(|m| m.name.to_ascii_lowercase())
                .collect();
            let new: BTreeSet<String> = rows.iter().map(|m| m.name.to_ascii_lowercase()).collect();
            if old != new {
                diags.warning("enum-member-conflict", rows.first().map(|r| r.origin.clone()), format!("`{what}` is listed here with members {new:?} and elsewhere with {old:?}; using all of them"));
            }
        }
        for r in rows {
            self.origins.insert(r.origin.clone());
            if !self
                .members
                .iter()
                .any(|m| m.name.eq_ignore_ascii_case(&r.name))
            {
                self.members.push(r.clone());
            }
        }
    }
}

/// Declares every type the facts name: definitions, inherited-from targets, bases, and named enums
/// given by "Possible values".
pub(crate) fn declare_names(facts: &[PageFacts], names: &mut Names) {
    for f in facts {
        let page_ns = f.namespace.as_deref();
        for t in &f.types {
            let ns = t.namespace.as_deref().or(page_ns);
            names.declare(&t.name, ns, Weight::Definition, &t.origin);
            for (b, _, o) in &t.bases {
                names.declare(b, ns, Weight::Reference, o);
            }
            for p in &t.properties {
                declare_prop(p, ns, names);
            }
        }
        for op in &f.operations {
            for p in &op.params {
                declare_prop(p, page_ns, names);
            }
        }
    }
}

fn declare_prop(p: &PropFact, ns: Option<&str>, names: &mut Names) {
    if let Some(x) = &p.inherited_from {
        names.declare(x, ns, Weight::Reference, &p.origin);
    }
    if let (Some(TypeName::Named(n)), false) = (
        p.type_ref.as_ref().map(|t| &t.name),
        p.possible_values.is_empty(),
    ) {
        names.declare(n, ns, Weight::Reference, &p.origin);
    }
}

/// Builds the accumulators: resource pages first, then API request bodies, each in page order.
pub(crate) fn accumulate(
    facts: &[PageFacts],
    names: &Names,
    diags: &mut Diagnostics,
) -> BTreeMap<String, Acc> {
    let mut accs: BTreeMap<String, Acc> =
        names.keys().map(|k| (k.clone(), Acc::default())).collect();
    for rank in [Rank::Resource, Rank::ApiBody] {
        for f in facts {
            let page_ns = f.namespace.as_deref();
            for t in f.types.iter().filter(|t| t.rank == rank) {
                let ns = t.namespace.as_deref().or(page_ns);
                let Some(key) = names.resolve(&t.name, ns) else {
                    continue;
                };
                let what = names.qualified(&key);
                {
                    let acc = accs.entry(key.clone()).or_default();
                    acc.origins.insert(t.origin.clone());
                    acc.declared = true;
                    if let Some(k) = t.kind {
                        if acc.kind.is_some_and(|old| {
                            old != k && (old == TypeKind::Enum || k == TypeKind::Enum)
                        }) {
                            diags.warning(
                                "kind-conflict",
                                Some(t.origin.clone()),
                                format!(
                                    "`{what}` is described as both an enum and a structured type"
                                ),
                            );
                        }
                        acc.kind = Some(k);
                    }
                    acc.is_abstract |= t.is_abstract;
                    acc.open |= t.open;
                    acc.flags |= t.flags;
                    if let Some(d) = &t.description {
                        acc.descriptions.push((rank, d.clone()));
                    }
                    for (b, ev, o) in &t.bases {
                        if let Some(bk) = names.resolve(b, ns) {
                            acc.bases.push((bk, *ev, o.clone()));
                        }
                    }
                    acc.add_members(&t.members, &what, diags);
                }
                for p in &t.properties {
                    match p
                        .inherited_from
                        .as_deref()
                        .and_then(|x| names.resolve(x, ns))
                    {
                        Some(owner) if owner != key => {
                            accs.entry(key.clone()).or_default().bases.push((
                                owner.clone(),
                                BaseEvidence::InheritedRows,
                                p.origin.clone(),
                            ));
                            accs.entry(owner).or_default().add_prop(
                                rank,
                                p.clone(),
                                ns.map(str::to_owned),
                            );
                        }
                        _ => accs.entry(key.clone()).or_default().add_prop(
                            rank,
                            p.clone(),
                            ns.map(str::to_owned),
                        ),
                    }
                }
            }
            for op in &f.operations {
                use crate::ir::model::OperationKind::*;
                if matches!(op.kind, Get | Update | Delete | List) {
                    if let Some(key) = op
                        .main_type
                        .as_deref()
                        .and_then(|t| names.resolve(t, page_ns))
                    {
                        if let Some(acc) = accs.get_mut(&key) {
                            acc.entity_evidence = true;
                        }
                    }
                }
            }
        }
    }
    // Named enums declared by "Possible values" on a property typed with the enum's name.
    for f in facts {
        let page_ns = f.namespace.as_deref();
        let props = f
            .types
            .iter()
            .flat_map(|t| {
                t.properties
                    .iter()
                    .map(move |p| (p, t.namespace.as_deref()))
            })
            .chain(
                f.operations
                    .iter()
                    .flat_map(|o| o.params.iter().map(|p| (p, None))),
            );
        for (p, ns) in props {
            let (Some(TypeName::Named(n)), false) = (
                p.type_ref.as_ref().map(|t| &t.name),
                p.possible_values.is_empty(),
            ) else {
                continue;
            };
            let Some(key) = names.resolve(n, ns.or(page_ns)) else {
                continue;
            };
            let what = names.qualified(&key);
            let acc = accs.entry(key).or_default();
            if acc.kind.is_some_and(|k| k != TypeKind::Enum) {
                continue;
            }
            acc.kind = Some(TypeKind::Enum);
            acc.declared = true;
            let rows: Vec<EnumRow> = p
                .possible_values
                .iter()
                .map(|v| EnumRow {
                    name: v.clone(),
                    value: None,
                    description: String::new(),
                    origin: p.origin.clone(),
                })
                .collect();
            acc.add_members(&rows, &what, diags);
        }
    }
    accs
}
