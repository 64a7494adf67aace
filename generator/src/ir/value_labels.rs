//! The docs' own words for "possible values", learned per input set: a row whose Type cell names
//! an enum and whose description lists code spans after a colon (`Возможные значения: `a`,
//! `b``) shows the words that introduce a value list. Read on a row whose Type cell says a plain
//! string, those words make its list the property's values (an enum, as "Possible values" does
//! in English), where other words before a list (`for example:`) do not.

use std::collections::BTreeMap;

use crate::ir::facts::PageFacts;
use crate::ir::LearnedWords;
use crate::page::{Primitive, TypeName};

/// Confirmations after which words are the docs' words for a value list.
const CONFIRMED: usize = 3;

/// Learns the labels from rows typed by a name, and gives their lists to string rows.
pub(crate) fn learn_and_apply(facts: &mut [PageFacts]) -> Vec<LearnedWords> {
    let rows = |facts: &[PageFacts]| -> BTreeMap<String, usize> {
        let mut confirmed = BTreeMap::new();
        for p in facts
            .iter()
            .flat_map(|f| &f.types)
            .flat_map(|t| &t.properties)
        {
            let named = p
                .type_ref
                .as_ref()
                .is_some_and(|t| !matches!(t.name, TypeName::Primitive(_)));
            if let (true, Some((label, _))) = (named, &p.labeled_values) {
                if !label.is_empty() {
                    *confirmed.entry(label.clone()).or_default() += 1;
                }
            }
        }
        confirmed
    };
    let confirmed = rows(facts);
    // Words that begin learned ones, two at least, introduce a list too: the three words before
    // a colon are `possible values are` in one sentence and `possible values` in another.
    let learned = |label: &str| {
        confirmed.get(label).is_some_and(|n| *n >= CONFIRMED)
            || (label.split(' ').count() >= 2
                && confirmed.iter().any(|(l, n)| {
                    *n >= CONFIRMED
                        && l.strip_prefix(label)
                            .is_some_and(|rest| rest.starts_with(' '))
                }))
    };
    let mut applied: BTreeMap<String, usize> = BTreeMap::new();
    for p in facts.iter_mut().flat_map(PageFacts::rows_mut) {
        let string = p
            .type_ref
            .as_ref()
            .is_some_and(|t| t.name == TypeName::Primitive(Primitive::String));
        let Some((label, values)) = p.labeled_values.clone() else {
            continue;
        };
        if string && p.possible_values.is_empty() && learned(&label) {
            p.possible_values = values;
            *applied.entry(label).or_default() += 1;
        }
    }
    confirmed
        .into_iter()
        .filter(|(_, n)| *n >= CONFIRMED)
        .map(|(label, n)| LearnedWords {
            applied: applied.get(&label).copied().unwrap_or(0),
            phrase: label,
            meaning: "value list",
            confirmed: n,
            contradicted: 0,
        })
        .collect()
}
