//! Resolution: base types (with the evidence that decided them), entity/complex kinds, and
//! property types (named references, enums matched by member set or synthesized).

use crate::diag::Code;
use std::collections::{BTreeMap, BTreeSet};

use heck::ToUpperCamelCase;

use crate::diag::{Diagnostic, Diagnostics, Origin, Severity};
use crate::ir::facts::{BaseEvidence, PropFact};
use crate::ir::merge::Acc;
use crate::ir::model::{Element, TypeKind, TypeRef};
use crate::ir::names::{Names, Weight};
use crate::page::{Primitive, TypeName};

/// The chosen base of each type that has one: (base key, evidence).
pub(crate) type Bases = BTreeMap<String, (String, BaseEvidence)>;

pub(crate) fn ancestors(key: &str, bases: &Bases) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = key;
    while let Some((b, _)) = bases.get(cur) {
        if out.contains(b) || b == key {
            break;
        }
        out.push(b.clone());
        cur = b;
    }
    out
}

/// Chooses each type's base from its evidence: the strongest kind of evidence wins; among
/// inherited rows, the most derived type wins; weaker evidence naming a descendant of the chosen
/// base refines it. Disagreements, cycles and enum bases are reported.
pub(crate) fn choose_bases(
    accs: &BTreeMap<String, Acc>,
    names: &Names,
    diags: &mut Diagnostics,
) -> Bases {
    let mut bases = Bases::new();
    let candidates = |acc: &Acc, key: &str| -> (BaseEvidence, BTreeSet<String>) {
        let strongest = acc
            .bases
            .iter()
            .filter(|(b, _, _)| b != key)
            .map(|(_, e, _)| *e)
            .min()
            .unwrap_or(BaseEvidence::InheritedRows);
        let set = acc
            .bases
            .iter()
            .filter(|(b, e, _)| *e == strongest && b != key)
            .map(|(b, _, _)| b.clone())
            .collect();
        (strongest, set)
    };
    // Single candidates first, then the multi-candidate ones, which need their candidates' chains.
    for (key, acc) in accs {
        let (ev, set) = candidates(acc, key);
        if set.len() == 1 {
            bases.insert(
                key.clone(),
                (set.into_iter().next().unwrap_or_default(), ev),
            );
        }
    }
    for _ in 0..accs.len().min(64) {
        let mut changed = false;
        for (key, acc) in accs {
            let (ev, set) = candidates(acc, key);
            if set.len() < 2 || bases.contains_key(key) {
                continue;
            }
            if let Some(c) = set.iter().find(|c| {
                set.iter()
                    .all(|o| o == *c || ancestors(c, &bases).contains(o))
            }) {
                bases.insert(key.clone(), (c.clone(), ev));
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    for (key, acc) in accs {
        let (ev, set) = candidates(acc, key);
        if set.len() > 1 && !bases.contains_key(key) {
            let names_list: Vec<String> = set.iter().map(|k| names.qualified(k)).collect();
            let first = names_list.first().cloned().unwrap_or_default();
            diags.warning_about(
                Code::BaseConflict,
                acc.origins.iter().next().cloned(),
                names.qualified(key),
                format!(
                    "{} says `{}` inherits from unrelated types {}; using `{first}`, the \
                         first by name (the evidence is equally strong)",
                    ev.as_str(),
                    names.qualified(key),
                    names_list.join(", ")
                ),
            );
            if let Some(first) = set.into_iter().next() {
                bases.insert(key.clone(), (first, ev));
            }
        }
    }
    // Weaker evidence naming a descendant of the chosen base refines it rather than contradicting
    // it (an annotation says `entity`, the prose says `directoryObject`, itself an entity): the
    // most derived type of the line wins, with its evidence.
    let unrefined = bases.clone();
    for _ in 0..accs.len().min(64) {
        let mut changed = false;
        for (key, acc) in accs {
            let Some((chosen, _)) = bases.get(key).cloned() else {
                continue;
            };
            let refined = acc.bases.iter().find(|(b, _, _)| {
                b != key
                    && *b != chosen
                    && ancestors(b, &bases).contains(&chosen)
                    && !ancestors(b, &bases).contains(key)
            });
            if let Some((b, e, _)) = refined {
                bases.insert(key.clone(), (b.clone(), *e));
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    // A refinement is reported: the pages still name two different direct bases.
    for (key, (before, before_ev)) in &unrefined {
        let Some((after, after_ev)) = bases.get(key) else {
            continue;
        };
        if after == before {
            continue;
        }
        let origin = accs.get(key).and_then(|a| {
            a.bases
                .iter()
                .find(|(b, e, _)| b == after && e == after_ev)
                .map(|(_, _, o)| o.clone())
        });
        diags.warning_about(
            Code::BaseConflict,
            origin,
            names.qualified(key),
            format!(
                "{} says `{}` inherits from `{}`, but {} says `{}`; using `{}`, which itself \
                     derives from `{}` (the most derived type of the line wins)",
                after_ev.as_str(),
                names.qualified(key),
                names.qualified(after),
                before_ev.as_str(),
                names.qualified(before),
                names.qualified(after),
                names.qualified(before)
            ),
        );
    }
    // `"baseType": null` where other evidence states a base.
    for (key, acc) in accs {
        let (Some(null_at), Some((chosen, ev))) = (&acc.no_base, bases.get(key)) else {
            continue;
        };
        diags.warning_about(
            Code::BaseConflict,
            Some(null_at.clone()),
            names.qualified(key),
            format!(
                "the annotation says `{}` has no base (`\"baseType\": null`), but {} says \
                     `{}`; using `{}`: a stated base outranks a null",
                names.qualified(key),
                ev.as_str(),
                names.qualified(chosen),
                names.qualified(chosen)
            ),
        );
    }
    // Weaker evidence that contradicts the chosen base.
    for (key, acc) in accs {
        let Some((chosen, ev)) = bases.get(key).cloned() else {
            continue;
        };
        let mut line = ancestors(key, &bases);
        line.push(chosen.clone());
        for (b, e, o) in &acc.bases {
            if *e != ev && b != key && !line.contains(b) {
                diags.warning_about(
                    Code::BaseConflict,
                    Some(o.clone()),
                    names.qualified(key),
                    format!(
                        "{} says `{}` inherits from `{}`, but {} says `{}`; using `{}`: {} \
                             is stronger evidence than {}",
                        e.as_str(),
                        names.qualified(key),
                        names.qualified(b),
                        ev.as_str(),
                        names.qualified(&chosen),
                        names.qualified(&chosen),
                        ev.as_str(),
                        e.as_str()
                    ),
                );
            }
        }
    }
    // `entity`, the key-holding root, never has a base, whatever a page says.
    for key in bases.keys().cloned().collect::<Vec<_>>() {
        if names.canonical(&key).1.eq_ignore_ascii_case("entity") {
            if let Some((b, ev)) = bases.remove(&key) {
                diags.warning_about(
                    Code::BaseConflict,
                    first_origin(accs, &key),
                    names.qualified(&key),
                    format!(
                        "{} says `{}` inherits from `{}`; `entity` is the root of every entity \
                         and has no base, so this is ignored",
                        ev.as_str(),
                        names.qualified(&key),
                        names.qualified(&b)
                    ),
                );
            }
        }
    }
    // An enum base is dropped; so is the weakest edge of each cycle, so later stages terminate.
    let keys: Vec<String> = bases.keys().cloned().collect();
    for key in &keys {
        let Some((b, _)) = bases.get(key).cloned() else {
            continue;
        };
        if accs.get(&b).is_some_and(|a| a.kind == Some(TypeKind::Enum)) {
            diags.warning_about(
                Code::BaseIsEnum,
                first_origin(accs, key),
                names.qualified(key),
                format!(
                    "`{}` inherits from `{}`, which is an enum; the base is dropped",
                    names.qualified(key),
                    names.qualified(&b)
                ),
            );
            bases.remove(key);
        }
    }
    break_cycles(&mut bases, accs, names, diags);
    bases
}

/// Breaks every inheritance cycle at its weakest edge: the base stated by the weakest kind of
/// evidence; among equals, the edge to the base that declares the most properties (a base never
/// has more than what derives from it), then the edge of the last type by key (a fixed order). The warning names
/// the whole cycle, the edge dropped and its evidence.
fn break_cycles(
    bases: &mut Bases,
    accs: &BTreeMap<String, Acc>,
    names: &Names,
    diags: &mut Diagnostics,
) {
    let keys: Vec<String> = bases.keys().cloned().collect();
    for key in &keys {
        loop {
            // The chain from `key`; a cycle is where it first comes back to a type on it.
            let mut chain = vec![key.clone()];
            let mut cycle = None;
            while let Some((b, _)) = bases.get(chain.last().map_or("", String::as_str)) {
                if let Some(at) = chain.iter().position(|k| k == b) {
                    cycle = Some(chain[at..].to_vec());
                    break;
                }
                chain.push(b.clone());
            }
            let Some(cycle) = cycle else {
                break;
            };
            // Weakest evidence first; among equals, the edge whose base declares the most
            // properties (a base has no more than what derives from it); then by key.
            let weakest = cycle
                .iter()
                .filter_map(|k| {
                    let (b, ev) = bases.get(k)?;
                    let base_props = accs.get(b).map_or(0, |a| a.props.len());
                    Some((*ev, base_props, k.clone()))
                })
                .max();
            let Some((ev, _, weak)) = weakest else {
                break;
            };
            let start = cycle.iter().min().cloned().unwrap_or_default();
            let at = cycle.iter().position(|k| *k == start).unwrap_or(0);
            let shown: Vec<String> = cycle[at..]
                .iter()
                .chain(&cycle[..at])
                .chain(std::iter::once(&start))
                .map(|k| names.qualified(k))
                .collect();
            let base = bases.remove(&weak).map(|(b, _)| b).unwrap_or_default();
            let origin = accs
                .get(&weak)
                .and_then(|a| a.bases.iter().find(|(b, e, _)| *b == base && *e == ev))
                .map(|(_, _, o)| o.clone())
                .or_else(|| first_origin(accs, &weak));
            diags.warning_about(
                Code::InheritanceCycle,
                origin,
                names.qualified(&weak),
                format!(
                    "inheritance cycle {}; broken at its weakest edge: `{}` → `{}` ({}) is dropped",
                    shown.join(" → "),
                    names.qualified(&weak),
                    names.qualified(&base),
                    ev.as_str()
                ),
            );
        }
    }
}

/// Every entity without a base derives from `entity`, the key-holding root that Graph entities
/// share, when some page defines `entity` (evidence `entity-default`). The type's own rows that
/// `entity` declares (its `id`) are then inherited, and dropped from the type.
pub(crate) fn default_entity_bases(
    accs: &mut BTreeMap<String, Acc>,
    names: &Names,
    bases: &mut Bases,
    kinds: &BTreeMap<String, TypeKind>,
    diags: &mut Diagnostics,
) {
    for (key, kind) in kinds {
        if *kind != TypeKind::Entity || bases.contains_key(key) {
            continue;
        }
        let (ns, _) = names.canonical(key);
        let Some(root) = names.resolve("entity", Some(&ns)) else {
            continue;
        };
        let Some(root_acc) = accs.get(&root).filter(|a| a.declared) else {
            continue;
        };
        if root == *key || ancestors(&root, bases).contains(key) {
            continue;
        }
        let root_props: BTreeSet<String> = root_acc.props.iter().map(|(n, _)| n.clone()).collect();
        bases.insert(key.clone(), (root.clone(), BaseEvidence::EntityDefault));
        let Some(acc) = accs.get_mut(key) else {
            continue;
        };
        let dropped: Vec<String> = acc
            .props
            .iter()
            .filter(|(n, _)| root_props.contains(n))
            .filter_map(|(_, p)| p.sources.first().map(|(_, f, _)| f.name.clone()))
            .collect();
        acc.props.retain(|(n, _)| !root_props.contains(n));
        if !dropped.is_empty() {
            diags.note(
                Code::EntityDefault,
                acc.origins.iter().next().cloned(),
                format!(
                    "`{}` states no base; as an entity it derives from `{}`, which declares {}",
                    names.qualified(key),
                    names.qualified(&root),
                    dropped
                        .iter()
                        .map(|d| format!("`{d}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
        }
    }
}

fn first_origin(accs: &BTreeMap<String, Acc>, key: &str) -> Option<Origin> {
    accs.get(key).and_then(|a| a.origins.iter().next().cloned())
}

/// Entity or complex: a type is an entity when a page says so (key property, relationships), an
/// operation addresses it (get, list, update, delete), or it is a base or a descendant of one.
pub(crate) fn choose_kinds(
    accs: &BTreeMap<String, Acc>,
    bases: &Bases,
) -> BTreeMap<String, TypeKind> {
    let mut entity: BTreeSet<String> = accs
        .iter()
        .filter(|(_, a)| a.kind == Some(TypeKind::Entity) || a.entity_evidence)
        .map(|(k, _)| k.clone())
        .collect();
    loop {
        let before = entity.len();
        for key in accs.keys() {
            let line = ancestors(key, bases);
            if line.iter().any(|a| entity.contains(a)) {
                entity.insert(key.clone());
            }
            if entity.contains(key) {
                entity.extend(line);
            }
        }
        if entity.len() == before {
            break;
        }
    }
    accs.iter()
        .map(|(k, a)| {
            let kind = if a.kind == Some(TypeKind::Enum) {
                TypeKind::Enum
            } else if entity.contains(k) {
                TypeKind::Entity
            } else {
                TypeKind::Complex
            };
            (k.clone(), kind)
        })
        .collect()
}

/// Resolves property types against the registry, matching or synthesizing enums.
pub(crate) struct Resolver<'a> {
    pub names: &'a mut Names,
    pub accs: &'a mut BTreeMap<String, Acc>,
    pub kinds: &'a mut BTreeMap<String, TypeKind>,
    pub enums: &'a mut EnumSets,
}

/// The `unknownFutureValue` sentinel the docs often leave out of value lists (lower-cased).
const SENTINEL: &str = "unknownfuturevalue";

/// The enums by their member sets (lower-cased, without the sentinel), built on first use and
/// kept up to date as enums are synthesized, so a value list finds its enum without a scan of
/// every type.
#[derive(Debug, Default)]
pub(crate) struct EnumSets {
    built: bool,
    /// Member set → (enum key, synthesized) in key order.
    by_members: BTreeMap<BTreeSet<String>, Vec<(String, bool)>>,
}

impl EnumSets {
    fn member_set<'m>(names: impl Iterator<Item = &'m str>) -> BTreeSet<String> {
        names
            .map(str::to_ascii_lowercase)
            .filter(|v| v != SENTINEL)
            .collect()
    }

    fn build(&mut self, accs: &BTreeMap<String, Acc>, kinds: &BTreeMap<String, TypeKind>) {
        if self.built {
            return;
        }
        self.built = true;
        for (k, a) in accs {
            if kinds.get(k) == Some(&TypeKind::Enum) {
                self.add(k, a);
            }
        }
    }

    /// Forgets `key` under its current members (before they change).
    fn remove(&mut self, key: &str, acc: &Acc) {
        let set = Self::member_set(acc.members.iter().map(|m| m.name.as_str()));
        if let Some(keys) = self.by_members.get_mut(&set) {
            keys.retain(|(k, _)| k != key);
        }
    }

    fn add(&mut self, key: &str, acc: &Acc) {
        let set = Self::member_set(acc.members.iter().map(|m| m.name.as_str()));
        if !set.is_empty() {
            self.by_members
                .entry(set)
                .or_default()
                .push((key.to_owned(), acc.inferred.is_some()));
        }
    }
}

impl Resolver<'_> {
    /// The type of one property fact. `owner` is the qualified name
    /// of the type or operation the property belongs to (for synthesized enum names).
    pub(crate) fn resolve(
        &mut self,
        fact: &PropFact,
        ns: Option<&str>,
        owner: &str,
        diags: &mut Diagnostics,
    ) -> TypeRef {
        let Some(t) = &fact.type_ref else {
            // A type name a translation transliterated (`Microsoft. Graph. Каллрекордс.
            // Фаилурестаже`): the declared type it spells.
            if let Some(key) = self.transliterated_type(fact) {
                if self.kinds.get(&key) == Some(&TypeKind::Enum) {
                    self.complete_typing_enum(&key, fact);
                }
                return TypeRef::one(Element::Named(self.names.qualified(&key)));
            }
            // An unreadable Type cell with a value list: the enum with those values.
            if !fact.possible_values.is_empty() {
                return TypeRef::one(self.enum_for(fact, owner, diags));
            }
            return TypeRef::one(Element::Primitive(Primitive::Untyped));
        };
        let element = match &t.name {
            // A string with "Possible values" is an enum (issue 2): the documented enum with
            // exactly those members, else one synthesized as owner + property. The generated enums
            // keep values they do not list, so a value list that is not exhaustive costs nothing.
            TypeName::Primitive(Primitive::String) if !fact.possible_values.is_empty() => {
                self.enum_for(fact, owner, diags)
            }
            TypeName::Primitive(p) => Element::Primitive(*p),
            TypeName::Enumeration if !fact.possible_values.is_empty() => {
                self.enum_for(fact, owner, diags)
            }
            TypeName::Enumeration => {
                diags.warning(
                    Code::EnumWithoutValues,
                    Some(fact.origin.clone()),
                    format!(
                        "`{}` is an Enumeration but lists no possible values; typed as Edm.String",
                        fact.name
                    ),
                );
                Element::Primitive(Primitive::String)
            }
            TypeName::Named(n) => match self.names.resolve_ref(&fact.named_type(n), ns) {
                Some(key) if self.kinds.contains_key(&key) => {
                    if self.kinds.get(&key) == Some(&TypeKind::Enum) {
                        self.complete_typing_enum(&key, fact);
                    }
                    Element::Named(self.names.qualified(&key))
                }
                // A bare word that names no type, which the docs' tables and JSON say is a
                // primitive (a type word of the docs' language).
                _ => match fact.learned_fallback {
                    Some(learned) => Element::Primitive(learned),
                    None => {
                        let page = fact.type_stem.as_deref().map(|stem| format!("{stem}.md"));
                        let shown = page
                            .as_deref()
                            .map(|p| format!(" (its page would be `{p}`)"))
                            .unwrap_or_default();
                        let mut d = Diagnostic::new(
                        Severity::Warning,
                        Code::UnresolvedType,
                        Some(fact.origin.clone()),
                        format!("type `{n}` of `{}` is not defined by any page or example{shown}; typed as untyped JSON", fact.name),
                    )
                    .about(n.trim_start_matches('#'));
                        if let Some(page) = page {
                            d = d.defined_in(page);
                        }
                        diags.push(d);
                        Element::Primitive(Primitive::Untyped)
                    }
                },
            },
        };
        TypeRef {
            element,
            collection: t.collection,
        }
    }

    /// The type whose name an unreadable Type cell's last word spells once transliterated, if it
    /// is written in another script than identifiers, spells it closely and closer than any
    /// other type's name.
    fn transliterated_type(&self, fact: &PropFact) -> Option<String> {
        use crate::ir::names::{spelling_closeness, SPELLS, SPELLS_MARGIN};
        let frame = fact.type_frame.as_deref()?;
        let word = frame.rsplit(['.', ' ']).find(|w| !w.is_empty())?;
        if word.is_ascii() || frame.contains("{}") {
            return None;
        }
        let mut scored: Vec<(f64, &String)> = self
            .kinds
            .keys()
            .map(|k| {
                (
                    spelling_closeness(word, k.rsplit('.').next().unwrap_or(k)),
                    k,
                )
            })
            .filter(|(score, _)| *score >= SPELLS - SPELLS_MARGIN)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        match scored.as_slice() {
            [(best, key), rest @ ..]
                if *best >= SPELLS
                    && rest
                        .first()
                        .is_none_or(|(second, _)| best - second >= SPELLS_MARGIN) =>
            {
                Some((*key).clone())
            }
            _ => None,
        }
    }

    /// The documented enum whose members are exactly these values (case-insensitively; the
    /// `unknownFutureValue` sentinel the docs often leave out does not count), else, for a
    /// property of a type (`of_type`), the enum already synthesized for a type's property with
    /// exactly these members (one value list repeated on several types is one enum, not one per
    /// property; an action parameter's list stays the action's own). Several matches are
    /// ambiguous: none is chosen.
    fn matching_enum(&mut self, fact: &PropFact, of_type: bool) -> Option<String> {
        let wanted = EnumSets::member_set(fact.possible_values.iter().map(String::as_str));
        if wanted.is_empty() {
            return None;
        }
        self.enums.build(self.accs, self.kinds);
        let Some(found) = self.enums.by_members.get(&wanted) else {
            return self.complete_enum(fact, &wanted);
        };
        let matches = |synthesized: bool| -> Vec<&String> {
            found
                .iter()
                .filter(|(_, s)| *s == synthesized)
                .map(|(k, _)| k)
                .collect()
        };
        let documented = matches(false);
        let found = if documented.is_empty() && of_type {
            matches(true)
        } else {
            documented
        };
        match found.as_slice() {
            [one] => Some(self.names.qualified(one)),
            _ => None,
        }
    }

    /// The documented enum whose members table skipped rows in another script and whose other
    /// members are all in `wanted`, sharing more of them with it than any other such enum (two at
    /// least): the value list gives its missing members, which are added.
    fn complete_enum(&mut self, fact: &PropFact, wanted: &BTreeSet<String>) -> Option<String> {
        let mut candidates: Vec<(usize, String)> = self
            .accs
            .iter()
            .filter(|(k, a)| {
                a.incomplete_members
                    && a.inferred.is_none()
                    && self.kinds.get(*k) == Some(&TypeKind::Enum)
            })
            .filter_map(|(k, a)| {
                let set = EnumSets::member_set(a.members.iter().map(|m| m.name.as_str()));
                (set.len() >= 2 && set.is_subset(wanted)).then(|| (set.len(), k.clone()))
            })
            .collect();
        candidates.sort();
        let key = match candidates.as_slice() {
            [.., (second, _), (best, key)] if best > second => key.clone(),
            [(_, key)] => key.clone(),
            _ => return None,
        };
        self.fill_members(&key, fact);
        Some(self.names.qualified(&key))
    }

    /// Where a row typed by an enum whose members table skipped rows in another script lists
    /// values that hold all of its other members, the values give the skipped ones.
    fn complete_typing_enum(&mut self, key: &str, fact: &PropFact) {
        let Some(acc) = self.accs.get(key) else {
            return;
        };
        if !acc.incomplete_members || fact.possible_values.is_empty() {
            return;
        }
        let wanted = EnumSets::member_set(fact.possible_values.iter().map(String::as_str));
        let set = EnumSets::member_set(acc.members.iter().map(|m| m.name.as_str()));
        if set.is_subset(&wanted) {
            self.enums.build(self.accs, self.kinds);
            self.fill_members(key, fact);
        }
    }

    /// Adds the values of `fact` that enum `key` lacks to its members.
    fn fill_members(&mut self, key: &str, fact: &PropFact) {
        let Some(acc) = self.accs.get_mut(key) else {
            return;
        };
        self.enums.remove(key, acc);
        let rows = fact.value_rows();
        for r in &rows {
            if !acc
                .members
                .iter()
                .any(|m| m.name.eq_ignore_ascii_case(&r.name))
            {
                acc.members.push(r.clone());
            }
        }
        acc.incomplete_members = false;
        self.enums.add(key, acc);
    }

    /// The documented enum with these members, or a new one named owner + property.
    fn enum_for(&mut self, fact: &PropFact, owner: &str, diags: &mut Diagnostics) -> Element {
        // Types are lowered before operations, so only types' enums exist when a type reuses one.
        let of_type = self
            .names
            .resolve(owner, None)
            .and_then(|k| self.kinds.get(&k))
            .is_some_and(|k| *k != TypeKind::Enum);
        if let Some(found) = self.matching_enum(fact, of_type) {
            return Element::Named(found);
        }
        let (ns, owner_name) = crate::ir::names::qualify(owner, None);
        // An example's `prop@odata.type` names the enum; else it is named owner + property.
        let annotated = self
            .names
            .resolve(owner, None)
            .and_then(|k| self.accs.get(&k))
            .and_then(|a| a.annotated_types.get(&fact.name.to_ascii_lowercase()))
            .cloned();
        if let Some(existing) = annotated
            .as_deref()
            .and_then(|t| self.names.resolve(t, Some(&ns)))
        {
            if self.kinds.get(&existing) == Some(&TypeKind::Enum) {
                return Element::Named(self.names.qualified(&existing));
            }
        }
        let (ns, synthesized) = match annotated {
            Some(t) => {
                let (tns, name) = crate::ir::names::qualify(&t, Some(&ns));
                (tns, name)
            }
            None => (
                ns,
                format!("{owner_name}{}", fact.name.to_upper_camel_case()),
            ),
        };
        let Some(key) = self.names.declare(
            &format!("{ns}.{synthesized}"),
            None,
            Weight::Definition,
            &fact.origin,
        ) else {
            diags.warning(Code::EnumName, Some(fact.origin.clone()), format!("cannot name an enum for `{}` (`{synthesized}` is not an identifier); typed as Edm.String", fact.name));
            return Element::Primitive(Primitive::String);
        };
        diags.note(
            Code::EnumSynthesized,
            Some(fact.origin.clone()),
            format!(
                "`{}` lists possible values but names no enum; synthesized enum `{synthesized}`",
                fact.name
            ),
        );
        let acc = self.accs.entry(key.clone()).or_default();
        acc.kind = Some(TypeKind::Enum);
        acc.inferred = Some(format!(
            "synthesized from the possible values of `{owner_name}.{}`",
            fact.name
        ));
        let rows = fact.value_rows();
        if self.enums.built {
            self.enums.remove(&key, acc);
        }
        acc.add_members(&rows, &synthesized, diags);
        self.kinds.insert(key.clone(), TypeKind::Enum);
        if self.enums.built {
            self.enums.add(&key, acc);
        }
        Element::Named(self.names.qualified(&key))
    }
}
