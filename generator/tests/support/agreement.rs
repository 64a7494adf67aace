//! Agreement of one schema with a reference schema built from the same pages in another wording
//! (a translation, a scrambled vocabulary): the figures of the `translated` and
//! `vocabulary_blind` tests, the mismatches behind them, and the floors they are held to.
//!
//! How each figure is counted (every name case-insensitively, types by qualified name):
//! - **types**: F1 of type recall (reference types the other schema has) and type precision
//!   (other types the reference has).
//! - **bases**: over types in both that the reference makes entity or complex types, the ones
//!   whose base agrees (no base on both sides agrees).
//! - **properties**: over types in both that the reference makes entity or complex types, F1 of
//!   the own property names, pooled: recall over reference properties, precision over the other's.
//! - **property types**: over properties in both, the ones whose type and collection flag agree.
//! - **enum members**: over every enum of the reference, the members the other schema's type of
//!   the same name has (a type it lacks, or does not make an enum, has none).
//! - **operations** (shown, not floored): over reference operations, the ones whose page gives
//!   the other schema an operation with the same id and kind.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use graphdoc::compare::{f1, Ratio};
use graphdoc::diag::Severity;
use graphdoc::ir::{Operation, Property, Schema, TypeDef, TypeKind};
use graphdoc::load::SourceFile;

/// The schema `graphdoc schema` prints for `sources`, built in memory. Panics when the build
/// reports an error (real docs are never refused, so that is a bug).
pub fn schema_of(sources: &[SourceFile]) -> Schema {
    let analysis = graphdoc::analyze_sources(sources.to_vec());
    let errors: Vec<String> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "the build reported errors: {errors:#?}");
    analysis.built.schema
}

/// What kind of fact differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fact {
    /// A reference type the other schema lacks.
    MissingType,
    /// A type of the other schema the reference lacks.
    ExtraType,
    /// A type in both whose kind differs (shown, not a figure).
    TypeKind,
    Base,
    MissingProperty,
    ExtraProperty,
    PropertyType,
    MissingMember,
    /// A member of the other enum the reference lacks (shown, not a figure).
    ExtraMember,
    /// An operation whose id or kind differs, or that the other schema lacks (shown, not a
    /// figure).
    Operation,
}

impl Fact {
    const ALL: [Fact; 10] = [
        Fact::MissingType,
        Fact::ExtraType,
        Fact::TypeKind,
        Fact::Base,
        Fact::MissingProperty,
        Fact::ExtraProperty,
        Fact::PropertyType,
        Fact::MissingMember,
        Fact::ExtraMember,
        Fact::Operation,
    ];

    fn label(self) -> &'static str {
        match self {
            Fact::MissingType => "missing type",
            Fact::ExtraType => "extra type",
            Fact::TypeKind => "type kind",
            Fact::Base => "base",
            Fact::MissingProperty => "missing property",
            Fact::ExtraProperty => "extra property",
            Fact::PropertyType => "property type",
            Fact::MissingMember => "missing enum member",
            Fact::ExtraMember => "extra enum member",
            Fact::Operation => "operation",
        }
    }
}

/// One fact that differs: where, what the reference says, what the other schema says.
#[derive(Debug, Clone)]
pub struct Mismatch {
    pub kind: Fact,
    /// `type`, `type.property` or `type.member`, qualified as the reference (or, for extra
    /// facts, the other schema) names it; an operation's id.
    pub subject: String,
    pub reference: String,
    pub other: String,
    /// The page the fact comes from (the reference's place, else the other's).
    pub file: String,
}

/// The five figures as fractions, in the order of [`FIGURES`].
pub type Figures = [Option<f64>; 5];

/// The names of the five figures.
pub const FIGURES: [&str; 5] = [
    "types",
    "bases",
    "properties",
    "property types",
    "enum members",
];

/// Floors in whole percent, in the order of [`FIGURES`].
pub type Floors = [u32; 5];

/// The agreement of one schema with a reference schema.
#[derive(Debug, Clone, Default)]
pub struct Agreement {
    pub type_recall: Ratio,
    pub type_precision: Ratio,
    pub bases: Ratio,
    pub property_recall: Ratio,
    pub property_precision: Ratio,
    pub property_types: Ratio,
    pub members: Ratio,
    /// How many of the members counted belong to reference enums the other schema lacks (each a
    /// `missing type` mismatch, not listed member by member).
    pub members_of_missing_enums: usize,
    /// Reference operations whose page gives the other schema an operation with the same id and
    /// kind (shown, not a figure: the five figures are about types).
    pub operations: Ratio,
    pub mismatches: Vec<Mismatch>,
}

fn key(t: &TypeDef) -> String {
    t.qualified_name().to_lowercase()
}

fn kind_name(kind: TypeKind) -> &'static str {
    match kind {
        TypeKind::Entity => "entity",
        TypeKind::Complex => "complex",
        TypeKind::Enum => "enum",
    }
}

/// The types by lower-case qualified name; the first of two that differ only in case wins.
fn index(s: &Schema) -> BTreeMap<String, &TypeDef> {
    let mut m = BTreeMap::new();
    for t in &s.types {
        m.entry(key(t)).or_insert(t);
    }
    m
}

/// The own properties by lower-case name; the first of two that differ only in case wins.
fn properties(t: &TypeDef) -> BTreeMap<String, &Property> {
    let mut m = BTreeMap::new();
    for p in &t.properties {
        m.entry(p.name.to_lowercase()).or_insert(p);
    }
    m
}

/// A property's type as `graphdoc schema --format json` prints it (`type`, `collection`), shown as
/// `T` or `Collection(T)`. Read from the serialized form so that the figures are those of the
/// printed schema, whatever the in-memory representation of a type.
fn shape(p: &Property) -> String {
    let v = serde_json::to_value(p).unwrap_or_default();
    let ty = v["type"].as_str().unwrap_or("?");
    if v["collection"].as_bool().unwrap_or(false) {
        format!("Collection({ty})")
    } else {
        ty.to_owned()
    }
}

fn first_file(t: &TypeDef) -> String {
    t.origins
        .first()
        .map(|o| o.file.clone())
        .unwrap_or_default()
}

/// Measures `other` against `reference` (see the module doc for how).
pub fn agreement(reference: &Schema, other: &Schema) -> Agreement {
    let mut a = Agreement::default();
    let (refs, others) = (index(reference), index(other));
    for (k, r) in &refs {
        let found = others.get(k).copied();
        a.type_recall.count(found.is_some());
        match found {
            Some(o) => a.compare_type(r, o),
            None => {
                // The members of a missing enum are missing too.
                for _ in &r.members {
                    a.members.count(false);
                }
                a.members_of_missing_enums += r.members.len();
                a.mismatches.push(Mismatch {
                    kind: Fact::MissingType,
                    subject: r.qualified_name(),
                    reference: kind_name(r.kind).to_owned(),
                    other: "-".to_owned(),
                    file: first_file(r),
                });
            }
        }
    }
    for (k, o) in &others {
        let found = refs.contains_key(k);
        a.type_precision.count(found);
        if !found {
            a.mismatches.push(Mismatch {
                kind: Fact::ExtraType,
                subject: o.qualified_name(),
                reference: "-".to_owned(),
                other: format!(
                    "{}{}",
                    kind_name(o.kind),
                    o.inferred
                        .as_deref()
                        .map(|why| format!(" ({why})"))
                        .unwrap_or_default()
                ),
                file: first_file(o),
            });
        }
    }
    let op = |o: &Operation| format!("{} ({:?})", o.id, o.kind).to_lowercase();
    for r in &reference.operations {
        let theirs = other
            .operations
            .iter()
            .find(|o| o.origin.file == r.origin.file);
        let hit = theirs.is_some_and(|o| op(o) == op(r));
        a.operations.count(hit);
        if !hit {
            a.mismatches.push(Mismatch {
                kind: Fact::Operation,
                subject: r.id.clone(),
                reference: op(r),
                other: theirs.map_or_else(|| "-".to_owned(), op),
                file: r.origin.file.clone(),
            });
        }
    }
    a
}

impl Agreement {
    fn push(
        &mut self,
        kind: Fact,
        subject: String,
        reference: String,
        other: String,
        file: String,
    ) {
        self.mismatches.push(Mismatch {
            kind,
            subject,
            reference,
            other,
            file,
        });
    }

    /// Kind, base, properties and members of a type in both.
    fn compare_type(&mut self, r: &TypeDef, o: &TypeDef) {
        let name = r.qualified_name();
        if r.kind != o.kind {
            self.push(
                Fact::TypeKind,
                name.clone(),
                kind_name(r.kind).to_owned(),
                kind_name(o.kind).to_owned(),
                first_file(r),
            );
        }
        if r.kind == TypeKind::Enum {
            let theirs: Vec<String> = if o.kind == TypeKind::Enum {
                o.members.iter().map(|m| m.name.to_lowercase()).collect()
            } else {
                Vec::new()
            };
            let ours: Vec<String> = r.members.iter().map(|m| m.name.to_lowercase()).collect();
            for m in &r.members {
                let hit = theirs.contains(&m.name.to_lowercase());
                self.members.count(hit);
                if !hit {
                    self.push(
                        Fact::MissingMember,
                        format!("{name}.{}", m.name),
                        "member".to_owned(),
                        if o.kind == TypeKind::Enum {
                            "-".to_owned()
                        } else {
                            format!("not an enum ({})", kind_name(o.kind))
                        },
                        m.origin.file.clone(),
                    );
                }
            }
            if o.kind == TypeKind::Enum {
                for m in o
                    .members
                    .iter()
                    .filter(|m| !ours.contains(&m.name.to_lowercase()))
                {
                    self.push(
                        Fact::ExtraMember,
                        format!("{name}.{}", m.name),
                        "-".to_owned(),
                        "member".to_owned(),
                        m.origin.file.clone(),
                    );
                }
            }
            return;
        }
        let base = |t: &TypeDef| t.base.clone().unwrap_or_else(|| "(none)".to_owned());
        let same_base = base(r).eq_ignore_ascii_case(&base(o));
        self.bases.count(same_base);
        if !same_base {
            self.push(
                Fact::Base,
                name.clone(),
                base(r),
                format!(
                    "{}{}",
                    base(o),
                    o.base_evidence
                        .as_deref()
                        .map(|e| format!(" ({e})"))
                        .unwrap_or_default()
                ),
                first_file(r),
            );
        }
        let (ours, theirs) = (properties(r), properties(o));
        for (k, p) in &ours {
            let found = theirs.get(k);
            self.property_recall.count(found.is_some());
            let subject = format!("{name}.{}", p.name);
            match found {
                Some(q) => {
                    let same = shape(p).eq_ignore_ascii_case(&shape(q));
                    self.property_types.count(same);
                    if !same {
                        self.push(
                            Fact::PropertyType,
                            subject,
                            shape(p),
                            shape(q),
                            p.origin.file.clone(),
                        );
                    }
                }
                None => self.push(
                    Fact::MissingProperty,
                    subject,
                    shape(p),
                    "-".to_owned(),
                    p.origin.file.clone(),
                ),
            }
        }
        for (k, q) in &theirs {
            let found = ours.contains_key(k);
            self.property_precision.count(found);
            if !found {
                self.push(
                    Fact::ExtraProperty,
                    format!("{name}.{}", q.name),
                    "-".to_owned(),
                    shape(q),
                    q.origin.file.clone(),
                );
            }
        }
    }

    /// The five figures, in the order of [`FIGURES`].
    pub fn figures(&self) -> Figures {
        [
            f1(self.type_precision, self.type_recall),
            self.bases.value(),
            f1(self.property_precision, self.property_recall),
            self.property_types.value(),
            self.members.value(),
        ]
    }

    /// The figures below their floors, one line each; empty when every floor holds.
    pub fn below(&self, floors: &Floors) -> Vec<String> {
        FIGURES
            .iter()
            .zip(self.figures())
            .zip(floors)
            .filter(|((_, v), &floor)| v.unwrap_or(0.0) * 100.0 + 1e-9 < f64::from(floor))
            .map(|((name, v), floor)| format!("{name} is {}, below its floor {floor}%", percent(v)))
            .collect()
    }

    /// The table of figures (with the floors and targets beside them), the mismatch counts by
    /// kind, and the first `limit` mismatches of each kind.
    pub fn report(&self, title: &str, floors: &Floors, targets: &Floors, limit: usize) -> String {
        let mut out = String::new();
        writeln!(out, "{title}").unwrap();
        writeln!(
            out,
            "  {:<16} {:>7}  {:>6}  {:>6}  counted",
            "figure", "value", "floor", "target"
        )
        .unwrap();
        let counted = [
            format!(
                "F1 of recall {} and precision {}",
                self.type_recall, self.type_precision
            ),
            format!("{} entity/complex types in both", self.bases),
            format!(
                "F1 of recall {} and precision {}",
                self.property_recall, self.property_precision
            ),
            format!("{} properties in both", self.property_types),
            format!(
                "{} reference enum members present ({} of them in enums missing)",
                self.members, self.members_of_missing_enums
            ),
        ];
        for (i, name) in FIGURES.iter().enumerate() {
            writeln!(
                out,
                "  {:<16} {:>7}  {:>5}%  {:>5}%  {}",
                name,
                percent(self.figures()[i]),
                floors[i],
                targets[i],
                counted[i].split_whitespace().collect::<Vec<_>>().join(" ")
            )
            .unwrap();
        }
        writeln!(
            out,
            "  {:<16} {:>7}  {:>6}  {:>6}  {} reference operations whose page gives the same id and kind (not floored)",
            "operations",
            percent(self.operations.value()),
            "-",
            "-",
            self.operations.to_string().trim()
        )
        .unwrap();
        let mut by_kind: BTreeMap<Fact, Vec<&Mismatch>> = BTreeMap::new();
        for m in &self.mismatches {
            by_kind.entry(m.kind).or_default().push(m);
        }
        writeln!(out, "  mismatches by kind:").unwrap();
        for kind in Fact::ALL {
            let n = by_kind.get(&kind).map_or(0, Vec::len);
            writeln!(out, "    {:<20} {n}", kind.label()).unwrap();
        }
        for (kind, list) in &by_kind {
            writeln!(
                out,
                "  {} ({}, the first {}):",
                kind.label(),
                list.len(),
                limit.min(list.len())
            )
            .unwrap();
            for m in list.iter().take(limit) {
                writeln!(
                    out,
                    "    {}: reference {}, other {}  [{}]",
                    m.subject, m.reference, m.other, m.file
                )
                .unwrap();
            }
        }
        out
    }
}

/// `97.3%`, or `n/a`.
pub fn percent(v: Option<f64>) -> String {
    v.map_or_else(|| "n/a".to_owned(), |v| format!("{:.1}%", v * 100.0))
}

/// How many mismatches of each kind to print: `GRAPHDOC_AGREEMENT_LIMIT`, else 20.
pub fn print_limit() -> usize {
    std::env::var("GRAPHDOC_AGREEMENT_LIMIT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20)
}
