//! `graphdoc compare`: measures a schema built from docs against an OData CSDL (the service's
//! `$metadata`), which serves only as a yardstick and never feeds the build.
//!
//! How each figure is counted (all names case-insensitively, types on the qualified name):
//! - **type recall**: CSDL types that the docs schema has, over CSDL types; per kind by the CSDL's
//!   kind. **type precision**: docs types that the CSDL has, over docs types (inferred ones
//!   included); per kind by the docs' kind. **kind agreement**: types in both whose kind agrees.
//! - **base type agreement**: over types in both that the CSDL makes entity or complex types, the
//!   ones whose base agrees, no base on both sides counting as agreement. The subset where the CSDL
//!   has a base is shown beside it.
//! - **properties**: over types in both that the CSDL makes entity or complex types, the flattened
//!   property sets (own properties plus those of the `base` chain, a nearer declaration hiding a
//!   farther one, cycles cut) of both sides, navigation properties included. Recall is matched over
//!   CSDL properties, precision matched over docs properties, F1 their harmonic mean. Properties of
//!   types missing on one side are not counted here: type recall and precision already count them.
//! - **property type agreement**: over matched properties, the ones whose element type (by name;
//!   `Edm` primitives by their `Edm.` name) and collection flag both agree; the two parts are shown
//!   separately too. `Edm.Untyped`, graphdoc's untyped JSON, is never an agreement: the CSDL always
//!   names a type (usually `microsoft.graph.Json`), so a docs `Edm.Untyped` counts as a disagreement
//!   of its own kind, `untyped-property`, against property type agreement.
//! - **enum members**: over types in both that either side makes an enum, the member names (a side
//!   that does not make it an enum has none). Recall over CSDL members, precision over docs members.
//! - abstract, open type and flags agreement are shown without targets.
//!
//! Every disagreement is listed with the docs place it came from: the property's origin, or the
//! type's defining origin (see [`type_origin`]) when the docs lack the property.
//!
//! Base, missing-type and extra-type disagreements are also classified by what the docs support
//! ([`Class`]), from [`Docs`]: the schema stage's diagnostics about a type and the words of every
//! page. The summary counts each class and shows, as secondary figures below the real ones, type
//! recall over CSDL types named in the docs, type precision without enums synthesized from value
//! lists, and base agreement without the types whose docs are silent or state another base.

pub mod csdl;
pub mod metrics;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{self, Write as _};

use crate::diag::{Diagnostic, Origin};
use crate::ir::{BaseEvidence, Primitive, Property, Schema, TypeDef, TypeKind, TypeRef};

pub use csdl::{Csdl, CsdlError, CsdlProperty, CsdlType};
pub use metrics::{f1, Failure, PerKind, Ratio, Targets};

/// What a disagreement is about. `code()` is a stable kebab-case name that summaries group by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DisagreementKind {
    /// A CSDL type the docs schema lacks.
    MissingType,
    /// A docs type the CSDL lacks.
    ExtraType,
    Kind,
    Base,
    /// A CSDL property (own or inherited) the docs type lacks.
    MissingProperty,
    /// A docs property (own or inherited) the CSDL type lacks.
    ExtraProperty,
    /// The element types differ.
    PropertyType,
    /// The docs say `Edm.Untyped` where the CSDL names a type.
    UntypedProperty,
    /// Same element type, but one side is a collection and the other is not.
    PropertyCollection,
    MissingMember,
    ExtraMember,
    Abstract,
    Open,
    Flags,
}

impl DisagreementKind {
    pub fn code(self) -> &'static str {
        match self {
            DisagreementKind::MissingType => "missing-type",
            DisagreementKind::ExtraType => "extra-type",
            DisagreementKind::Kind => "kind",
            DisagreementKind::Base => "base",
            DisagreementKind::MissingProperty => "missing-property",
            DisagreementKind::ExtraProperty => "extra-property",
            DisagreementKind::PropertyType => "property-type",
            DisagreementKind::UntypedProperty => "untyped-property",
            DisagreementKind::PropertyCollection => "property-collection",
            DisagreementKind::MissingMember => "missing-member",
            DisagreementKind::ExtraMember => "extra-member",
            DisagreementKind::Abstract => "abstract",
            DisagreementKind::Open => "open",
            DisagreementKind::Flags => "flags",
        }
    }
}

/// What the docs support, for a base, missing-type or extra-type disagreement.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Class {
    /// The docs contradict themselves on the type's base; the schema stage reported it here.
    DocsConflict(Origin),
    /// No page states a base (none, or only graphdoc's `entity` default).
    DocsSilent,
    /// The docs state one base, uncontradicted, and it is not the CSDL's.
    DocsStateOtherwise,
    /// No page's text has the type's name as a word.
    NamedOnNoPage,
    /// Some page's text has the name, but not as a type the schema could read.
    NamedInDocs,
    /// An enum graphdoc made from a "Possible values" list.
    Synthesized,
    /// A page defines the type.
    DefinedByPage,
    /// Inferred from example values alone.
    InferredFromExamples,
}

impl Class {
    /// The class without its place: what the summary counts by.
    pub fn label(&self) -> &'static str {
        match self {
            Class::DocsConflict(_) => "docs conflict",
            Class::DocsSilent => "docs silent (no base evidence)",
            Class::DocsStateOtherwise => "docs state otherwise (single evidence)",
            Class::NamedOnNoPage => "named on no docs page",
            Class::NamedInDocs => "named in the docs",
            Class::Synthesized => "synthesized from a value list",
            Class::DefinedByPage => "defined by a docs page",
            Class::InferredFromExamples => "inferred from examples",
        }
    }
}

/// `docs conflict (diagnostic at file:line)`, or the label.
impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Class::DocsConflict(o) => {
                write!(f, "docs conflict (diagnostic at {}:{})", o.file, o.line)
            }
            other => f.write_str(other.label()),
        }
    }
}

/// What `compare` knows of the docs beyond the schema: where the schema stage reported the docs
/// contradicting themselves about a type, and every word of every page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Docs {
    /// Lowercase qualified type name → the first place of a `base-conflict` or `name-conflict`
    /// diagnostic about it.
    conflicts: BTreeMap<String, Origin>,
    /// Lowercase words (runs of letters, digits and `_`) of every page.
    words: BTreeSet<String>,
}

impl Docs {
    /// From the schema stage's diagnostics and the pages' texts.
    pub fn new<'a>(diagnostics: &[Diagnostic], texts: impl IntoIterator<Item = &'a str>) -> Docs {
        let mut conflicts = BTreeMap::new();
        for d in diagnostics {
            if let (Some(subject), Some(origin), "base-conflict" | "name-conflict") =
                (&d.subject, &d.origin, d.kind.as_str())
            {
                let e = conflicts
                    .entry(subject.to_ascii_lowercase())
                    .or_insert_with(|| origin.clone());
                if origin < e {
                    *e = origin.clone();
                }
            }
        }
        let words = texts
            .into_iter()
            .flat_map(|t| t.split(|c: char| !(c.is_alphanumeric() || c == '_')))
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        Docs { conflicts, words }
    }

    /// From an analysis: its diagnostics and its pages' texts.
    pub fn of(analysis: &crate::Analysis) -> Docs {
        Docs::new(
            &analysis.diagnostics,
            analysis.sources.iter().map(|s| s.text.as_str()),
        )
    }

    /// Whether some page has `name` (a simple name) as a word, case-insensitively.
    fn names(&self, name: &str) -> bool {
        self.words.contains(&name.to_lowercase())
    }
}

/// One place where the docs schema and the CSDL disagree.
#[derive(Debug, Clone, PartialEq)]
pub struct Disagreement {
    pub kind: DisagreementKind,
    /// Qualified, as the CSDL spells it when it has the type, else as the docs do.
    pub type_name: String,
    /// The property or enum member, if the disagreement is about one.
    pub member: Option<String>,
    /// What the docs schema says; `None` when it says nothing.
    pub docs: Option<String>,
    /// What the CSDL says; `None` when it says nothing.
    pub csdl: Option<String>,
    /// The docs place it came from, when the docs have one.
    pub origin: Option<Origin>,
    /// The 1-based CSDL line, when the CSDL has one.
    pub csdl_line: Option<u32>,
    /// Why, where known (e.g. which type declares an inherited property).
    pub note: Option<String>,
    /// What the docs support (base, missing-type and extra-type disagreements).
    pub class: Option<Class>,
}

/// `origin: code: type.member: docs X, CSDL Y (CSDL line N); note`
impl fmt::Display for Disagreement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.origin {
            Some(o) => write!(f, "{o}: ")?,
            None => f.write_str("(no docs place): ")?,
        }
        write!(f, "{}: {}", self.kind.code(), self.type_name)?;
        if let Some(m) = &self.member {
            write!(f, ".{m}")?;
        }
        write!(
            f,
            ": docs {}, CSDL {}",
            self.docs.as_deref().unwrap_or("(none)"),
            self.csdl.as_deref().unwrap_or("(none)")
        )?;
        if let Some(line) = self.csdl_line {
            write!(f, " (CSDL line {line})")?;
        }
        if let Some(note) = &self.note {
            write!(f, "; {note}")?;
        }
        if let Some(class) = &self.class {
            write!(f, " [{class}]")?;
        }
        Ok(())
    }
}

/// Every figure of a comparison, with its counts, and every disagreement.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    pub csdl_types: PerKind<usize>,
    pub docs_types: PerKind<usize>,
    /// Types in both (each CSDL type matched at most once).
    pub types_in_both: usize,
    pub type_recall: Ratio,
    pub type_recall_by_kind: PerKind<Ratio>,
    pub type_precision: Ratio,
    pub type_precision_by_kind: PerKind<Ratio>,
    pub kind_agreement: Ratio,
    pub base_agreement: Ratio,
    /// Base agreement over the types whose CSDL declaration has a base.
    pub base_agreement_where_csdl_has_base: Ratio,
    pub property_recall: Ratio,
    pub property_precision: Ratio,
    pub property_type_agreement: Ratio,
    pub property_type_name_agreement: Ratio,
    pub property_collection_agreement: Ratio,
    pub enum_member_recall: Ratio,
    pub enum_member_precision: Ratio,
    pub abstract_agreement: Ratio,
    pub open_agreement: Ratio,
    pub flags_agreement: Ratio,
    /// In the order found: CSDL types in document order, then docs types.
    pub disagreements: Vec<Disagreement>,
}

impl Report {
    /// Property F1: the harmonic mean of property precision and recall.
    pub fn property_f1(&self) -> Option<f64> {
        f1(self.property_precision, self.property_recall)
    }

    /// The targeted figures that are below target (or unmeasured).
    pub fn failures(&self, targets: &Targets) -> Vec<Failure> {
        self.targeted(targets)
            .into_iter()
            .filter(|(_, value, target)| !metrics::meets(*value, *target))
            .map(|(figure, value, target)| Failure {
                figure,
                value,
                target,
            })
            .collect()
    }

    fn targeted(&self, t: &Targets) -> [(&'static str, Option<f64>, f64); 6] {
        [
            ("type recall", self.type_recall.value(), t.type_recall),
            (
                "type precision",
                self.type_precision.value(),
                t.type_precision,
            ),
            (
                "base type agreement",
                self.base_agreement.value(),
                t.base_agreement,
            ),
            ("property F1", self.property_f1(), t.property_f1),
            (
                "property type agreement",
                self.property_type_agreement.value(),
                t.property_type_agreement,
            ),
            (
                "enum member recall",
                self.enum_member_recall.value(),
                t.enum_member_recall,
            ),
        ]
    }

    /// How many disagreements there are of each kind, in kind order.
    pub fn counts_by_kind(&self) -> Vec<(DisagreementKind, usize)> {
        let mut counts: BTreeMap<DisagreementKind, usize> = BTreeMap::new();
        for d in &self.disagreements {
            *counts.entry(d.kind).or_default() += 1;
        }
        counts.into_iter().collect()
    }

    /// How many disagreements there are of each kind and class, in kind then class order.
    pub fn counts_by_class(&self) -> Vec<((DisagreementKind, &'static str), usize)> {
        let mut counts: BTreeMap<(DisagreementKind, &'static str), usize> = BTreeMap::new();
        for d in &self.disagreements {
            if let Some(c) = &d.class {
                *counts.entry((d.kind, c.label())).or_default() += 1;
            }
        }
        counts.into_iter().collect()
    }

    fn count_class(&self, kind: DisagreementKind, keep: impl Fn(&Class) -> bool) -> usize {
        self.disagreements
            .iter()
            .filter(|d| d.kind == kind && d.class.as_ref().is_some_and(&keep))
            .count()
    }

    /// Type recall over the CSDL types some page names.
    pub fn type_recall_named(&self) -> Ratio {
        let unnamed = self.count_class(DisagreementKind::MissingType, |c| {
            *c == Class::NamedOnNoPage
        });
        Ratio::new(self.type_recall.num, self.type_recall.den - unnamed)
    }

    /// Type precision without the enums synthesized from value lists that the CSDL lacks.
    pub fn type_precision_without_synthesized(&self) -> Ratio {
        let synthesized =
            self.count_class(DisagreementKind::ExtraType, |c| *c == Class::Synthesized);
        Ratio::new(
            self.type_precision.num,
            self.type_precision.den - synthesized,
        )
    }

    /// Base agreement without the types whose docs are silent or state another base.
    pub fn base_agreement_where_docs_can_agree(&self) -> Ratio {
        let unsupported = self.count_class(DisagreementKind::Base, |c| {
            matches!(c, Class::DocsSilent | Class::DocsStateOtherwise)
        });
        Ratio::new(
            self.base_agreement.num,
            self.base_agreement.den - unsupported,
        )
    }

    /// The summary, each targeted figure with its target and `ok` or `FAIL`.
    pub fn summary(&self, targets: &Targets) -> String {
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = self.write_summary(&mut out, targets);
        out
    }

    fn write_summary(&self, out: &mut String, t: &Targets) -> fmt::Result {
        let kinds = |k: &PerKind<usize>| {
            format!(
                "{} ({} entity, {} complex, {} enum)",
                k.entity + k.complex + k.enumeration,
                k.entity,
                k.complex,
                k.enumeration
            )
        };
        writeln!(
            out,
            "graphdoc compare: the schema built from the docs, measured against the CSDL"
        )?;
        writeln!(
            out,
            "(names case-insensitive, types by qualified name; properties on the flattened own + inherited set)"
        )?;
        writeln!(out)?;
        writeln!(out, "types: CSDL {}", kinds(&self.csdl_types))?;
        writeln!(out, "       docs {}", kinds(&self.docs_types))?;
        writeln!(out, "       in both {}", self.types_in_both)?;
        writeln!(out)?;
        let pct = |v: f64| format!("≥ {:.1}%", v * 100.0);
        let verdict = |v: Option<f64>, target: f64| {
            if metrics::meets(v, target) {
                "ok"
            } else {
                "FAIL"
            }
        };
        let row = |out: &mut String, label: &str, r: Ratio, target: Option<f64>| match target {
            Some(tv) => writeln!(
                out,
                "{label:<28} {:<22} target {:<8} {}",
                r.to_string(),
                pct(tv),
                verdict(r.value(), tv)
            ),
            None => writeln!(out, "{label:<28} {r}"),
        };
        let by_kind = |out: &mut String, k: &PerKind<Ratio>| -> fmt::Result {
            row(out, "  entity", k.entity, None)?;
            row(out, "  complex", k.complex, None)?;
            row(out, "  enum", k.enumeration, None)
        };
        row(out, "type recall", self.type_recall, Some(t.type_recall))?;
        by_kind(out, &self.type_recall_by_kind)?;
        row(
            out,
            "type precision",
            self.type_precision,
            Some(t.type_precision),
        )?;
        by_kind(out, &self.type_precision_by_kind)?;
        row(out, "kind agreement", self.kind_agreement, None)?;
        row(
            out,
            "base type agreement",
            self.base_agreement,
            Some(t.base_agreement),
        )?;
        row(
            out,
            "  where the CSDL has a base",
            self.base_agreement_where_csdl_has_base,
            None,
        )?;
        row(out, "property recall", self.property_recall, None)?;
        row(out, "property precision", self.property_precision, None)?;
        let f1 = self.property_f1();
        writeln!(
            out,
            "{:<28} {:<22} target {:<8} {}",
            "property F1",
            f1.map_or_else(|| "  n/a".to_string(), |v| format!("{v:6.3}")),
            format!("≥ {:.3}", t.property_f1),
            verdict(f1, t.property_f1)
        )?;
        row(
            out,
            "property type agreement",
            self.property_type_agreement,
            Some(t.property_type_agreement),
        )?;
        row(
            out,
            "  element type",
            self.property_type_name_agreement,
            None,
        )?;
        row(
            out,
            "  collection flag",
            self.property_collection_agreement,
            None,
        )?;
        row(
            out,
            "enum member recall",
            self.enum_member_recall,
            Some(t.enum_member_recall),
        )?;
        row(
            out,
            "enum member precision",
            self.enum_member_precision,
            None,
        )?;
        row(out, "abstract agreement", self.abstract_agreement, None)?;
        row(out, "open type agreement", self.open_agreement, None)?;
        row(out, "flags agreement", self.flags_agreement, None)?;
        writeln!(out)?;
        writeln!(out, "disagreements: {}", self.disagreements.len())?;
        for (kind, n) in self.counts_by_kind() {
            writeln!(out, "  {:<26} {n}", kind.code())?;
        }
        writeln!(out)?;
        writeln!(out, "disagreements by what the docs support:")?;
        for ((kind, class), n) in self.counts_by_class() {
            writeln!(out, "  {:<50} {n}", format!("{}: {class}", kind.code()))?;
        }
        writeln!(out)?;
        writeln!(
            out,
            "secondary figures, over what the docs can support (the figures above are the real ones):"
        )?;
        row(out, "  type recall", self.type_recall_named(), None)?;
        writeln!(out, "    (over CSDL types named on some docs page)")?;
        row(
            out,
            "  type precision",
            self.type_precision_without_synthesized(),
            None,
        )?;
        writeln!(out, "    (enums synthesized from value lists left out)")?;
        row(
            out,
            "  base type agreement",
            self.base_agreement_where_docs_can_agree(),
            None,
        )?;
        writeln!(
            out,
            "    (types whose docs are silent or state another base left out)"
        )?;
        let failures = self.failures(t);
        writeln!(out)?;
        if failures.is_empty() {
            writeln!(out, "every targeted figure meets its target")?;
        } else {
            writeln!(out, "{} of 6 targeted figures below target", failures.len())?;
        }
        Ok(())
    }

    /// Every disagreement, one a line, grouped by kind and sorted by docs place within a kind.
    pub fn details(&self) -> String {
        let mut sorted: Vec<&Disagreement> = self.disagreements.iter().collect();
        sorted.sort_by(|a, b| {
            (
                a.kind,
                a.origin.is_none(),
                &a.origin,
                &a.type_name,
                &a.member,
            )
                .cmp(&(
                    b.kind,
                    b.origin.is_none(),
                    &b.origin,
                    &b.type_name,
                    &b.member,
                ))
        });
        let mut out = String::new();
        let mut current = None;
        for d in sorted {
            if current != Some(d.kind) {
                current = Some(d.kind);
                let n = self
                    .disagreements
                    .iter()
                    .filter(|x| x.kind == d.kind)
                    .count();
                let _ = writeln!(out, "\n## {} ({n})", d.kind.code());
            }
            let _ = writeln!(out, "{d}");
        }
        out
    }
}

/// The summary against [`Targets::ISSUE_3`].
impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.summary(&Targets::default()))
    }
}

/// A structured type of either model, as far as flattening needs it.
trait Structured {
    type Prop;
    fn key(&self) -> String;
    fn base(&self) -> Option<&str>;
    fn props(&self) -> &[Self::Prop];
    fn prop_name(p: &Self::Prop) -> &str;
}

impl Structured for TypeDef {
    type Prop = Property;
    fn key(&self) -> String {
        self.qualified_name().to_ascii_lowercase()
    }
    fn base(&self) -> Option<&str> {
        self.base.as_deref()
    }
    fn props(&self) -> &[Property] {
        &self.properties
    }
    fn prop_name(p: &Property) -> &str {
        &p.name
    }
}

impl Structured for CsdlType {
    type Prop = CsdlProperty;
    fn key(&self) -> String {
        self.qualified_name().to_ascii_lowercase()
    }
    fn base(&self) -> Option<&str> {
        self.base.as_deref()
    }
    fn props(&self) -> &[CsdlProperty] {
        &self.properties
    }
    fn prop_name(p: &CsdlProperty) -> &str {
        &p.name
    }
}

/// A property of the flattened set and the type that declares it.
struct Flat<'a, T: Structured> {
    prop: &'a T::Prop,
    owner: &'a T,
}

/// Own properties, then those of the base, its base and so on, keyed by lowercase name; a nearer
/// declaration hides a farther one. The walk stops at a base that does not resolve or that it has
/// already visited.
fn flatten<'a, T: Structured>(
    start: &'a T,
    index: &BTreeMap<String, &'a T>,
) -> BTreeMap<String, Flat<'a, T>> {
    let mut out = BTreeMap::new();
    let mut seen = BTreeSet::new();
    let mut current = Some(start);
    while let Some(t) = current {
        if !seen.insert(t.key()) {
            break;
        }
        for p in t.props() {
            out.entry(T::prop_name(p).to_ascii_lowercase())
                .or_insert(Flat { prop: p, owner: t });
        }
        current = t
            .base()
            .and_then(|b| index.get(&b.to_ascii_lowercase()).copied());
    }
    out
}

/// The origin that best shows where a type is defined: the first on a page named after the type
/// (`user.md`), else the first on the page with the shortest name that ends in `-{type}`
/// (`intune-shared-user.md` rather than `group-post-user.md`), else the first.
pub fn type_origin(t: &TypeDef) -> Option<&Origin> {
    let name = t.name.to_ascii_lowercase();
    let suffix = format!("-{name}");
    let stem = |o: &Origin| crate::page::file_stem(&o.file).to_ascii_lowercase();
    t.origins
        .iter()
        .find(|o| stem(o) == name)
        .or_else(|| {
            t.origins
                .iter()
                .filter(|o| stem(o).ends_with(&suffix))
                .min_by_key(|o| stem(o).len())
        })
        .or_else(|| t.origins.first())
}

fn type_use(t: &TypeRef) -> String {
    if t.collection {
        format!("Collection({})", t.element)
    } else {
        t.element.to_string()
    }
}

fn kind_name(kind: TypeKind) -> &'static str {
    match kind {
        TypeKind::Entity => "entity",
        TypeKind::Complex => "complex",
        TypeKind::Enum => "enum",
    }
}

/// Measures `schema` against `csdl`, classifying disagreements by what `docs` support. Pure: the
/// same inputs give the same report.
pub fn compare(schema: &Schema, csdl: &Csdl, docs: &Docs) -> Report {
    let mut r = Report::default();

    // Indexes by lowercase qualified name; the first of two that differ only in case wins.
    let mut docs_index: BTreeMap<String, &TypeDef> = BTreeMap::new();
    let mut docs_by_simple: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for t in &schema.types {
        docs_index.entry(t.key()).or_insert(t);
        docs_by_simple
            .entry(t.name.to_ascii_lowercase())
            .or_default()
            .push(t.qualified_name());
    }
    let mut csdl_index: BTreeMap<String, &CsdlType> = BTreeMap::new();
    let mut csdl_by_simple: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for t in &csdl.types {
        csdl_index.entry(t.key()).or_insert(t);
        csdl_by_simple
            .entry(t.name.to_ascii_lowercase())
            .or_default()
            .push(t.qualified_name());
    }

    // Type recall, and everything measured on types in both.
    let mut matched = BTreeSet::new();
    for c in &csdl.types {
        *r.csdl_types.get_mut(c.kind) += 1;
        let key = c.key();
        let found = docs_index.get(&key).copied();
        r.type_recall.count(found.is_some());
        r.type_recall_by_kind.get_mut(c.kind).count(found.is_some());
        let Some(d) = found else {
            let elsewhere = docs_by_simple.get(&c.name.to_ascii_lowercase());
            r.disagreements.push(Disagreement {
                kind: DisagreementKind::MissingType,
                type_name: c.qualified_name(),
                member: None,
                docs: None,
                csdl: Some(kind_name(c.kind).to_string()),
                origin: None,
                csdl_line: Some(c.line),
                note: elsewhere.map(|names| format!("the docs have {}", names.join(", "))),
                class: Some(if docs.names(&c.name) {
                    Class::NamedInDocs
                } else {
                    Class::NamedOnNoPage
                }),
            });
            continue;
        };
        if !matched.insert(key) {
            // A second CSDL type with the same name: measured once.
            continue;
        }
        r.types_in_both += 1;
        compare_type(&mut r, d, c, &docs_index, &csdl_index, docs);
    }

    // Type precision.
    for d in &schema.types {
        *r.docs_types.get_mut(d.kind) += 1;
        let found = csdl_index.contains_key(&d.key());
        r.type_precision.count(found);
        r.type_precision_by_kind.get_mut(d.kind).count(found);
        if !found {
            let elsewhere = csdl_by_simple
                .get(&d.name.to_ascii_lowercase())
                .map(|names| format!("the CSDL has {}", names.join(", ")));
            let note = [elsewhere, d.inferred.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>();
            r.disagreements.push(Disagreement {
                kind: DisagreementKind::ExtraType,
                type_name: d.qualified_name(),
                member: None,
                docs: Some(kind_name(d.kind).to_string()),
                csdl: None,
                origin: type_origin(d).cloned(),
                csdl_line: None,
                note: (!note.is_empty()).then(|| note.join("; ")),
                class: Some(if d.from_examples_only() {
                    Class::InferredFromExamples
                } else if d.inferred.is_some() && d.kind == TypeKind::Enum {
                    Class::Synthesized
                } else {
                    Class::DefinedByPage
                }),
            });
        }
    }
    r
}

/// Kind, base, flags, properties and members of one type in both.
fn compare_type(
    r: &mut Report,
    d: &TypeDef,
    c: &CsdlType,
    docs_index: &BTreeMap<String, &TypeDef>,
    csdl_index: &BTreeMap<String, &CsdlType>,
    docs: &Docs,
) {
    let origin = type_origin(d).cloned();
    let type_name = c.qualified_name();
    let disagree =
        |kind, member: Option<String>, docs, csdl, origin, csdl_line, note| Disagreement {
            kind,
            type_name: type_name.clone(),
            member,
            docs,
            csdl,
            origin,
            csdl_line,
            note,
            class: None,
        };
    let mut out = Vec::new();

    r.kind_agreement.count(d.kind == c.kind);
    if d.kind != c.kind {
        out.push(disagree(
            DisagreementKind::Kind,
            None,
            Some(kind_name(d.kind).to_string()),
            Some(kind_name(c.kind).to_string()),
            origin.clone(),
            Some(c.line),
            d.inferred.clone(),
        ));
    }

    let structured = c.kind != TypeKind::Enum;
    if structured {
        let same_base = match (&d.base, &c.base) {
            (None, None) => true,
            (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
            _ => false,
        };
        r.base_agreement.count(same_base);
        if c.base.is_some() {
            r.base_agreement_where_csdl_has_base.count(same_base);
        }
        if !same_base {
            let class = match docs.conflicts.get(&d.key()) {
                Some(o) => Class::DocsConflict(o.clone()),
                None if d
                    .base_evidence
                    .as_deref()
                    .is_none_or(|e| e == BaseEvidence::EntityDefault.as_str()) =>
                {
                    Class::DocsSilent
                }
                None => Class::DocsStateOtherwise,
            };
            out.push(Disagreement {
                class: Some(class),
                ..disagree(
                    DisagreementKind::Base,
                    None,
                    d.base.clone(),
                    c.base.clone(),
                    origin.clone(),
                    Some(c.line),
                    d.base_evidence
                        .as_ref()
                        .map(|e| format!("docs evidence: {e}")),
                )
            });
        }
        r.abstract_agreement.count(d.is_abstract == c.is_abstract);
        if d.is_abstract != c.is_abstract {
            out.push(disagree(
                DisagreementKind::Abstract,
                None,
                Some(d.is_abstract.to_string()),
                Some(c.is_abstract.to_string()),
                origin.clone(),
                Some(c.line),
                None,
            ));
        }
        r.open_agreement.count(d.open == c.open);
        if d.open != c.open {
            out.push(disagree(
                DisagreementKind::Open,
                None,
                Some(d.open.to_string()),
                Some(c.open.to_string()),
                origin.clone(),
                Some(c.line),
                None,
            ));
        }

        let docs_props = flatten(d, docs_index);
        let csdl_props = flatten(c, csdl_index);
        for (key, cp) in &csdl_props {
            let inherited = !std::ptr::eq(cp.owner, c);
            let Some(dp) = docs_props.get(key) else {
                r.property_recall.count(false);
                out.push(disagree(
                    DisagreementKind::MissingProperty,
                    Some(cp.prop.name.clone()),
                    None,
                    Some(type_use(&cp.prop.ty)),
                    origin.clone(),
                    Some(cp.prop.line),
                    inherited.then(|| {
                        format!("the CSDL inherits it from {}", cp.owner.qualified_name())
                    }),
                ));
                continue;
            };
            r.property_recall.count(true);
            let (dp, cp) = (dp.prop, cp.prop);
            let same_type = dp
                .ty
                .element
                .qualified()
                .eq_ignore_ascii_case(cp.ty.element.qualified());
            let same_collection = dp.ty.collection == cp.ty.collection;
            r.property_type_name_agreement.count(same_type);
            r.property_collection_agreement.count(same_collection);
            r.property_type_agreement
                .count(same_type && same_collection);
            let kind = if !same_type && dp.ty.element.primitive() == Some(Primitive::Untyped) {
                DisagreementKind::UntypedProperty
            } else if !same_type {
                DisagreementKind::PropertyType
            } else if !same_collection {
                DisagreementKind::PropertyCollection
            } else {
                continue;
            };
            out.push(disagree(
                kind,
                Some(cp.name.clone()),
                Some(type_use(&dp.ty)),
                Some(type_use(&cp.ty)),
                Some(dp.origin.clone()),
                Some(cp.line),
                None,
            ));
        }
        for (key, dp) in &docs_props {
            let found = csdl_props.contains_key(key);
            r.property_precision.count(found);
            if !found {
                let inherited = !std::ptr::eq(dp.owner, d);
                out.push(disagree(
                    DisagreementKind::ExtraProperty,
                    Some(dp.prop.name.clone()),
                    Some(type_use(&dp.prop.ty)),
                    None,
                    Some(dp.prop.origin.clone()),
                    Some(c.line),
                    inherited
                        .then(|| format!("the docs inherit it from {}", dp.owner.qualified_name())),
                ));
            }
        }
    }

    if c.kind == TypeKind::Enum || d.kind == TypeKind::Enum {
        let docs_members: BTreeMap<String, &crate::ir::EnumMember> = if d.kind == TypeKind::Enum {
            d.members
                .iter()
                .map(|m| (m.name.to_ascii_lowercase(), m))
                .collect()
        } else {
            BTreeMap::new()
        };
        // Keyed by lowercase name: a member repeated in either model counts once.
        let csdl_members: BTreeMap<String, &String> = if c.kind == TypeKind::Enum {
            c.members
                .iter()
                .map(|m| (m.to_ascii_lowercase(), m))
                .collect()
        } else {
            BTreeMap::new()
        };
        for (key, m) in &csdl_members {
            let found = docs_members.contains_key(key);
            r.enum_member_recall.count(found);
            if !found {
                out.push(disagree(
                    DisagreementKind::MissingMember,
                    Some(m.to_string()),
                    None,
                    Some(m.to_string()),
                    origin.clone(),
                    Some(c.line),
                    None,
                ));
            }
        }
        for (key, m) in &docs_members {
            let found = csdl_members.contains_key(key);
            r.enum_member_precision.count(found);
            if !found {
                out.push(disagree(
                    DisagreementKind::ExtraMember,
                    Some(m.name.clone()),
                    Some(m.name.clone()),
                    None,
                    Some(m.origin.clone()),
                    Some(c.line),
                    None,
                ));
            }
        }
        if c.kind == TypeKind::Enum && d.kind == TypeKind::Enum {
            r.flags_agreement.count(d.flags == c.flags);
            if d.flags != c.flags {
                out.push(disagree(
                    DisagreementKind::Flags,
                    None,
                    Some(d.flags.to_string()),
                    Some(c.flags.to_string()),
                    origin.clone(),
                    Some(c.line),
                    None,
                ));
            }
        }
    }
    r.disagreements.extend(out);
}

#[cfg(test)]
mod tests;
