//! Merging page facts into type accumulators: one per declared type, fed by every page that
//! describes it, with inherited rows moved to the type they are inherited from.

use crate::diag::Code;
use std::collections::{BTreeMap, BTreeSet};

use crate::diag::{Diagnostics, Origin};
use crate::ir::facts::{BaseEvidence, ExampleRole, PageFacts, PropFact, Rank};
use crate::ir::model::TypeKind;
use crate::ir::names::{Names, Weight};
use crate::page::{EnumRow, NamedRef, TypeName};

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
    /// Where a page's resource annotation says `"baseType": null`.
    pub no_base: Option<Origin>,
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
    /// Types that examples annotate this type's properties with (`prop@odata.type`), by lower-case
    /// property name.
    pub annotated_types: BTreeMap<String, String>,
    /// The strongest source that names the type, where a page does.
    pub evidence: Option<crate::ir::facts::TypeEvidence>,
    /// A members table skipped rows written in another script (see `TypeFact`).
    pub incomplete_members: bool,
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
                diags.warning(
                    Code::DuplicateMember,
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
                diags.warning(Code::EnumMemberConflict, rows.first().map(|r| r.origin.clone()), format!("`{what}` is listed here with members {new:?} and elsewhere with {old:?}; using all of them"));
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

/// Declares every type the facts name: definitions (and the page stems that define them), then
/// inherited-from targets, bases, and named enums given by "Possible values" that no link resolves.
/// API request bodies declare nothing: [`bind_operations`] finds the type they describe.
pub(crate) fn declare_names(facts: &[PageFacts], names: &mut Names) {
    for f in facts {
        let page_ns = f.namespace.as_deref();
        let mut defined = Vec::new();
        for t in f.types.iter().filter(|t| t.rank == Rank::Resource) {
            let ns = t.namespace.as_deref().or(page_ns);
            if let Some(key) = names.declare(&t.name, ns, Weight::Definition, &t.origin) {
                defined.push((key, t.kind == Some(TypeKind::Enum)));
            }
        }
        let structured: Vec<&String> = defined.iter().filter(|(_, e)| !e).map(|(k, _)| k).collect();
        let main = match (structured.as_slice(), defined.as_slice()) {
            ([one], _) => Some((*one).clone()),
            ([], [(one, _)]) => Some(one.clone()),
            _ => None,
        };
        if let Some(key) = main {
            names.add_stem(&f.stem, &key);
        }
    }
    // An API page's request body describes a type no resource page defines: the type its first
    // candidate names (annotation, link text or title) is declared by the body.
    for f in facts {
        let page_ns = f.namespace.as_deref();
        let (Some(op), Some(body)) = (
            f.operations.first(),
            f.types.iter().find(|t| t.rank == Rank::ApiBody),
        ) else {
            continue;
        };
        if op
            .main_candidates
            .iter()
            .any(|c| names.resolve_ref(c, page_ns).is_some())
        {
            continue;
        }
        if let Some(c) = op.main_candidates.iter().find(|c| !c.name.is_empty()) {
            names.declare(&c.name, page_ns, Weight::Definition, &body.origin);
        }
    }
    for f in facts {
        let page_ns = f.namespace.as_deref();
        for t in &f.types {
            let ns = t.namespace.as_deref().or(page_ns);
            for (b, _, o) in &t.bases {
                declare_ref(b, ns, names, o);
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

/// Declares a referenced type by name unless the reference already resolves (by its link).
fn declare_ref(r: &NamedRef, ns: Option<&str>, names: &mut Names, origin: &Origin) {
    if names.resolve_ref(r, ns).is_none() {
        names.declare(&r.name, ns, Weight::Reference, origin);
    }
}

fn declare_prop(p: &PropFact, ns: Option<&str>, names: &mut Names) {
    if let Some(x) = &p.inherited_from {
        declare_ref(x, ns, names, &p.origin);
    }
    if let (Some(TypeName::Named(n)), false) = (
        p.type_ref.as_ref().map(|t| &t.name),
        p.possible_values.is_empty(),
    ) {
        if names.resolve_ref(&p.named_type(n), ns).is_none() {
            names.declare(n, ns, Weight::Reference, &p.origin);
        }
    }
}

/// Binds each API page's operation to the types it names: the main type (the first candidate that
/// resolves: annotation `@odata.type`, the linked resource page's own type, the link text, the
/// title), an action's bound type, the response when no annotation gives it, the operation's name,
/// the request-body rows' owner, and the types of examples that take theirs from the operation.
pub(crate) fn bind_operations(facts: &mut [PageFacts], names: &Names) {
    for f in facts.iter_mut() {
        let page_ns = f.namespace.clone();
        let ns = page_ns.as_deref();
        let Some(op) = f.operations.first_mut() else {
            continue;
        };
        let resolved = op
            .main_candidates
            .iter()
            .find_map(|c| names.resolve_ref(c, ns))
            .map(|k| names.qualified(&k));
        op.main_type = resolved.or_else(|| {
            op.main_candidates
                .iter()
                .find(|c| !c.name.is_empty())
                .map(|c| c.name.clone())
        });
        if !op.bound_candidates.is_empty() {
            if let Some(k) = op
                .bound_candidates
                .iter()
                .find_map(|c| names.resolve_ref(c, ns))
            {
                op.bound_type = Some(names.qualified(&k));
            }
        }
        if op.bound_type.is_none() {
            op.bound_type = op.main_type.clone();
        }
        use crate::ir::model::OperationKind::*;
        if op.response.is_none() {
            op.response = match op.kind {
                Get | Create | Update => op.main_type.clone().map(|t| (t, false)),
                List => op.main_type.clone().map(|t| (t, true)),
                _ => None,
            };
        }
        if op.name.is_empty() {
            // Identifiers first: the type the annotations and links resolve to; the title's
            // words only where nothing else names one.
            let named_by = op.main_type.as_deref().or(op.title_type.as_deref());
            op.name = operation_name(op.kind, named_by, &f.stem, &op.paths, names, ns);
        }
        let main = op.main_type.clone();
        let response = op.response.clone();
        let is_call = matches!(op.kind, Action | Function);
        for t in f.types.iter_mut().filter(|t| t.rank == Rank::ApiBody) {
            if let Some(m) = &main {
                let (tns, n) = crate::ir::names::qualify(m, ns);
                t.name = n;
                t.namespace = Some(tns);
            }
        }
        for e in f.examples.iter_mut().filter(|e| e.typed_by_operation) {
            match e.role {
                ExampleRole::Response => {
                    if let Some((t, c)) = &response {
                        e.type_name = Some(t.clone());
                        e.collection |= *c;
                    }
                }
                ExampleRole::Request if !is_call => e.type_name = main.clone(),
                _ => {}
            }
        }
    }
}

/// `{kind}{MainType}` (`updateWorkbookChart`), or the page's file name read as identifiers
/// ([`stem_identifier`]) when there is no type name.
fn operation_name(
    kind: crate::ir::model::OperationKind,
    main: Option<&str>,
    stem: &str,
    paths: &[String],
    names: &Names,
    ns: Option<&str>,
) -> String {
    let ty = main
        .map(|m| m.rsplit('.').next().unwrap_or(m))
        .unwrap_or("");
    let verb = format!("{kind:?}").to_ascii_lowercase();
    let mut c = ty.chars();
    let upper: String = c
        .next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default();
    let name = format!("{verb}{upper}");
    if !ty.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()) {
        name
    } else {
        stem_identifier(stem, paths, names, ns)
    }
}

/// A page's file name (`accessreviewinstancedecisionitem-list`) as a lowerCamel identifier whose
/// words are spelled as the docs' identifiers spell them: each hyphen-separated part that equals,
/// ignoring case, a segment of the operation's paths or a type name takes that spelling
/// (`accessReviewInstanceDecisionItemList`); other parts keep their letters, capitalized.
pub(crate) fn stem_identifier(
    stem: &str,
    paths: &[String],
    names: &Names,
    ns: Option<&str>,
) -> String {
    let segments: Vec<&str> = paths
        .iter()
        .flat_map(|p| p.split(['/', '(', ')', '=', ',', '\'', '.']))
        .filter(|s| crate::page::is_identifier(s))
        .collect();
    let mut out = String::new();
    for part in stem.split(|c: char| !c.is_ascii_alphanumeric()) {
        if part.is_empty() {
            continue;
        }
        let spelled = segments
            .iter()
            .find(|s| s.eq_ignore_ascii_case(part))
            .map(|s| s.to_string())
            .or_else(|| {
                let key = names.resolve(part, ns)?;
                Some(names.canonical(&key).1)
            })
            .unwrap_or_else(|| part.to_owned());
        let mut chars = spelled.chars();
        if let Some(first) = chars.next() {
            if out.is_empty() {
                out.extend(first.to_lowercase());
            } else {
                out.extend(first.to_uppercase());
            }
            out.extend(chars);
        }
    }
    out
}

/// A base linked by a name no page defines, to a page that names its type otherwise
/// (`[identityUserFlow](identityuserflow.md)` where that page calls its type `UserFlow`): the docs
/// name one type two ways. The page's own name is used, so the link still resolves.
fn renamed_link(
    link: &NamedRef,
    resolved: &str,
    names: &Names,
    what: &str,
    origin: &Origin,
    diags: &mut Diagnostics,
) {
    let Some(stem) = link.stem.as_deref() else {
        return;
    };
    let linked = names.qualified(resolved);
    let page_name = linked.rsplit('.').next().unwrap_or(&linked);
    let written = link.name.rsplit('.').next().unwrap_or(&link.name);
    if written.is_empty() || written.eq_ignore_ascii_case(page_name) {
        return;
    }
    diags.warning_about(
        Code::NameConflict,
        Some(origin.clone()),
        what,
        format!(
            "the base of `{what}` is linked as `{written}` to `{stem}.md`, but that page names \
             its type `{page_name}`; using `{linked}`, the name the page gives itself"
        ),
    );
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
                    acc.evidence = Some(acc.evidence.map_or(t.evidence, |e| e.min(t.evidence)));
                    acc.declared = true;
                    if let Some(k) = t.kind {
                        if acc.kind.is_some_and(|old| {
                            old != k && (old == TypeKind::Enum || k == TypeKind::Enum)
                        }) {
                            diags.warning(
                                Code::KindConflict,
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
                    if acc.no_base.is_none() {
                        acc.no_base.clone_from(&t.no_base);
                    }
                    for (b, ev, o) in &t.bases {
                        if let Some(bk) = names.resolve_ref(b, ns) {
                            renamed_link(b, &bk, names, &what, o, diags);
                            acc.bases.push((bk, *ev, o.clone()));
                        }
                    }
                    acc.add_members(&t.members, &what, diags);
                    acc.incomplete_members |= t.incomplete_members;
                }
                for (d, o) in &t.derived {
                    match names.resolve_ref(d, ns) {
                        Some(dk) if dk != key => accs.entry(dk).or_default().bases.push((
                            key.clone(),
                            BaseEvidence::DerivedList,
                            o.clone(),
                        )),
                        _ => {}
                    }
                }
                for p in &t.properties {
                    match p
                        .inherited_from
                        .as_ref()
                        .and_then(|x| names.resolve_ref(x, ns))
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
                // A list of the type, or one of them addressed by key (`/x/{id}`): a property of
                // complex type is addressed by name (`/me/mailboxSettings`) and proves nothing.
                let by_key = op.paths.iter().any(|p| {
                    p.trim_end_matches('/')
                        .rsplit('/')
                        .next()
                        .is_some_and(|seg| seg.contains('{') || seg.ends_with(')'))
                });
                if op.kind == List || (matches!(op.kind, Get | Update | Delete) && by_key) {
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
    // The target of a navigation property (a Relationships row) is an entity.
    for f in facts {
        let page_ns = f.namespace.as_deref();
        for t in &f.types {
            let ns = t.namespace.as_deref().or(page_ns);
            for p in t.properties.iter().filter(|p| p.navigation) {
                if let Some(TypeName::Named(n)) = p.type_ref.as_ref().map(|t| &t.name) {
                    if let Some(acc) = names
                        .resolve_ref(&p.named_type(n), ns)
                        .and_then(|k| accs.get_mut(&k))
                    {
                        acc.entity_evidence = true;
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
            let Some(key) = names.resolve_ref(&p.named_type(n), ns.or(page_ns)) else {
                continue;
            };
            let what = names.qualified(&key);
            let acc = accs.entry(key).or_default();
            // A type a page defines as structured (even without properties) is not an enum.
            if acc.kind.is_some_and(|k| k != TypeKind::Enum) || (acc.declared && acc.kind.is_none())
            {
                continue;
            }
            acc.kind = Some(TypeKind::Enum);
            acc.declared = true;
            let rows = p.value_rows();
            acc.add_members(&rows, &what, diags);
        }
    }
    accs
}
