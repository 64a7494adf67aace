//! The schema IR and how it is built from pages.
//!
//! [`build`] is pure: pages in, schema and diagnostics out. Its stages: per-page facts, the
//! vocabulary learned from them (what the docs' own Type-cell words mean, which words before a
//! link state a base), the name
//! registry, accumulation (inherited rows moved to their owners), bases and kinds, types inferred
//! from examples, property resolution (enums matched or synthesized), operations, and a last check
//! of example enum values.

mod examples;
mod facts;
mod index;
mod link_phrases;
mod lower;
mod merge;
pub mod model;
mod names;
mod representation;
mod resolve;
mod select;
mod value_labels;
mod vocabulary;

use std::collections::BTreeMap;

pub(crate) use facts::BaseEvidence;
pub use facts::{Example, ExampleRole};
pub use index::SchemaIndex;
pub use link_phrases::LearnedWords;
pub use model::*;
pub use select::select;
pub use vocabulary::LearnedPhrase;

use crate::diag::Diagnostics;
use crate::page::Page;

/// A page that contributed nothing, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Skipped {
    pub file: String,
    pub reason: String,
}

/// The result of [`build`].
#[derive(Debug, Clone)]
pub struct Built {
    pub schema: Schema,
    /// Every JSON example, with `type_name` resolved to a qualified schema name where it resolves.
    pub examples: Vec<ResolvedExample>,
    pub skipped: Vec<Skipped>,
    /// The Type-cell phrases learned from this input's own tables and JSON representations.
    pub vocabulary: Vec<LearnedPhrase>,
    /// The words for inheritance and value lists learned from this input's own redundancy.
    pub learned_words: Vec<LearnedWords>,
}

/// A JSON example with its type resolved against the schema.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ResolvedExample {
    pub example: Example,
    /// The operation the example belongs to (its `id`).
    pub operation: Option<String>,
}

/// Builds the schema from parsed pages. Page order does not matter.
pub fn build(pages: &[Page], diags: &mut Diagnostics) -> Built {
    let mut pages: Vec<&Page> = pages.iter().collect();
    pages.sort_by(|a, b| a.file.cmp(&b.file));
    let mut facts: Vec<facts::PageFacts> =
        pages.iter().map(|p| facts::page_facts(p, diags)).collect();
    let skipped = pages
        .iter()
        .zip(&facts)
        .filter_map(|(p, f)| {
            Some(Skipped {
                file: p.file.clone(),
                reason: f.skipped.clone()?,
            })
        })
        .collect();

    let vocabulary = vocabulary::Vocabulary::learn(&facts).apply(&mut facts);
    let mut learned_words = link_phrases::learn_and_apply(&mut facts);
    learned_words.extend(value_labels::learn_and_apply(&mut facts));

    let mut names = names::Names::default();
    merge::declare_names(&facts, &mut names);
    merge::bind_operations(&mut facts, &names);
    let mut accs = merge::accumulate(&facts, &names, diags);
    // Bases are chosen again as examples add evidence; only the last choice is reported.
    let bases = resolve::choose_bases(&accs, &names, &mut Diagnostics::default());

    let raw_examples: Vec<(Example, Option<String>)> = facts
        .iter()
        .flat_map(|f| f.examples.iter().map(|e| (e.clone(), f.namespace.clone())))
        .collect();
    examples::infer_types(&raw_examples, &mut names, &mut accs, &bases, diags);
    examples::property_type_annotations(&raw_examples, &names, &mut accs);
    examples::odata_type_bases(&raw_examples, &names, &mut accs, &bases);
    let bases = resolve::choose_bases(&accs, &names, &mut Diagnostics::default());
    examples::example_property_bases(&raw_examples, &names, &mut accs, &bases);
    let mut bases = resolve::choose_bases(&accs, &names, diags);
    let kinds = resolve::choose_kinds(&accs, &bases);
    resolve::default_entity_bases(&mut accs, &names, &mut bases, &kinds, diags);
    // The defaulted bases can change kinds (an entity base makes an entity).
    let mut kinds = resolve::choose_kinds(&accs, &bases);

    let (mut schema, op_ids) =
        lower::lower(&facts, &mut names, &mut accs, &bases, &mut kinds, diags);
    names.report_spellings(diags);
    drop_unused_value_lists(&mut schema);
    assign_areas(&mut schema, &pages);

    let mut examples = Vec::new();
    for (f, op_id) in facts.iter().zip(op_ids) {
        for e in &f.examples {
            let mut e = e.clone();
            e.type_name = e
                .type_name
                .as_deref()
                .and_then(|t| names.resolve(t, f.namespace.as_deref()))
                .filter(|k| kinds.contains_key(k))
                .map(|k| names.qualified(&k));
            let operation = (e.role != ExampleRole::Resource)
                .then(|| op_id.clone())
                .flatten();
            examples.push(ResolvedExample {
                example: e,
                operation,
            });
        }
    }
    let with_ops: Vec<(Example, Option<&Operation>)> = examples
        .iter()
        .map(|e| {
            (
                e.example.clone(),
                e.operation
                    .as_ref()
                    .and_then(|id| schema.operations.iter().find(|o| &o.id == id)),
            )
        })
        .collect();
    examples::check_enum_values(&schema, &with_ops, diags);
    Built {
        schema,
        examples,
        skipped,
        vocabulary,
        learned_words,
    }
}

/// Counts of types by kind, for summaries.
pub fn type_counts(schema: &Schema) -> BTreeMap<TypeKind, usize> {
    let mut m = BTreeMap::new();
    for t in &schema.types {
        *m.entry(t.kind).or_insert(0) += 1;
    }
    m
}

/// Drops the enums that only a value-list table declares (a table that looks like an enum's
/// members under a heading naming one identifier) when nothing is typed by them: such a table also
/// lists the values a string property takes.
fn drop_unused_value_lists(schema: &mut Schema) {
    let used: std::collections::BTreeSet<String> = schema
        .types
        .iter()
        .flat_map(|t| &t.properties)
        .chain(schema.operations.iter().flat_map(|o| &o.parameters))
        .map(|p| &p.ty)
        .chain(
            schema
                .operations
                .iter()
                .flat_map(|o| o.request_body.iter().chain(&o.response)),
        )
        .filter_map(|t| t.element.named())
        .map(str::to_ascii_lowercase)
        .collect();
    schema.types.retain(|t| {
        t.evidence.as_deref() != Some(facts::TypeEvidence::ValueList.as_str())
            || used.contains(&t.qualified_name().to_ascii_lowercase())
    });
}

/// Each type's area: the `ms.prod` most of its pages carry (ties to the smallest name), ignoring
/// empty and placeholder values.
fn assign_areas(schema: &mut Schema, pages: &[&Page]) {
    let prod: BTreeMap<&str, &str> = pages
        .iter()
        .filter_map(|p| {
            let v = p.front.ms_prod.as_deref()?.trim();
            (!v.is_empty() && !v.contains("TODO")).then_some((p.file.as_str(), v))
        })
        .collect();
    for t in &mut schema.types {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for o in &t.origins {
            if let Some(v) = prod.get(o.file.as_str()) {
                *counts.entry(v).or_default() += 1;
            }
        }
        t.area = counts
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(v, _)| (*v).to_owned());
    }
}

#[cfg(test)]
mod tests;
