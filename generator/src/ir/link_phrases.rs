//! The docs' own words for inheritance, learned per input set from their redundancy, with no
//! word list in the code. A page whose resource annotation states its base (`"baseType":
//! "microsoft.graph.entity"`) usually says it in prose too, with a link to the base
//! ("Inherits from [entity](entity.md)", "Наследуется от [entity](entity.md)"), and its
//! property table marks the rows its bases declare with a link to the declaring type ("Inherited
//! from [entity](entity.md)"). The words right before such links, confirmed on those pages, are
//! then read on pages that state no base in an annotation.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::ir::facts::{BaseEvidence, PageFacts};
use crate::page::NamedRef;

/// Words learned from the docs' own redundancy, for `graphdoc schema --summary`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LearnedWords {
    /// The words, lower-cased.
    pub phrase: String,
    /// What they were learned to say: `inherits from` (a page's base, before a link),
    /// `inherited from` (a row's declaring type, before a link), `value list` (before a list of
    /// code spans).
    pub meaning: &'static str,
    /// Places where the docs' other statements agree.
    pub confirmed: usize,
    /// Places where they say otherwise.
    pub contradicted: usize,
    /// Pages or rows the words were read on.
    pub applied: usize,
}

/// The last segment of a qualified name, lower-cased.
fn simple(name: &str) -> String {
    name.rsplit('.').next().unwrap_or(name).to_lowercase()
}

/// Whether a link names one of `types` (simple names, lower-cased), by its text or by its page
/// (`endpoint.md`, or a prefixed `callrecords-endpoint.md`: link texts get translated, targets
/// do not).
fn names_one_of(r: &NamedRef, types: &BTreeSet<String>) -> bool {
    types.contains(&simple(&r.name))
        || r.stem.as_deref().is_some_and(|s| {
            let s = s.to_lowercase();
            types.contains(&s)
                || s.rsplit_once('-')
                    .is_some_and(|(_, last)| types.contains(last))
        })
}

/// Counts of one phrase: confirmed, contradicted.
type Votes = BTreeMap<String, (usize, usize)>;

/// Counts one link after `phrase`: confirming when it names what the page states, else
/// contradicting.
fn vote(votes: &mut Votes, phrase: &str, confirms: bool) {
    let v = votes.entry(phrase.to_owned()).or_default();
    if confirms {
        v.0 += 1;
    } else {
        v.1 += 1;
    }
}

/// The phrases confirmed at least twice and at least twice as often as contradicted.
fn learned(votes: &Votes) -> BTreeSet<String> {
    votes
        .iter()
        .filter(|(_, (yes, no))| *yes >= 2 && *yes >= 2 * no)
        .map(|(p, _)| p.clone())
        .collect()
}

/// The learned phrase `phrase` is or ends with (`… overview inherited from`: the words before a
/// link run on from the sentence they close when no period separates them).
fn learned_in<'l>(phrase: &str, learned: &'l BTreeSet<String>) -> Option<&'l String> {
    learned.iter().find(|l| {
        phrase == l.as_str()
            || phrase
                .strip_suffix(l.as_str())
                .is_some_and(|head| head.ends_with(' '))
    })
}

/// Learns the phrases from the pages whose annotation states a base, and applies them to the
/// others: a type with no stated base gets the one its introduction links after a learned phrase
/// (as [`BaseEvidence::InheritsFrom`]); a row with no "Inherited from" gets the type its
/// description links after a learned row phrase.
pub(crate) fn learn_and_apply(facts: &mut [PageFacts]) -> Vec<LearnedWords> {
    // Each annotated base, by the type's simple name, for the ancestor chains rows are checked
    // against.
    let annotated: BTreeMap<String, String> = facts
        .iter()
        .flat_map(|f| &f.types)
        .filter_map(|t| {
            let (b, _, _) = t
                .bases
                .iter()
                .find(|(_, ev, _)| *ev == BaseEvidence::Annotation)?;
            Some((t.name.to_lowercase(), simple(&b.name)))
        })
        .collect();
    let ancestors = |of: &str| {
        let mut chain = BTreeSet::new();
        let mut cur = annotated.get(of);
        while let Some(b) = cur {
            if !chain.insert(b.clone()) {
                break;
            }
            cur = annotated.get(b);
        }
        chain
    };
    let mut intro: Votes = BTreeMap::new();
    let mut rows: Votes = BTreeMap::new();
    for t in facts.iter().flat_map(|f| &f.types) {
        let Some(base) = annotated.get(&t.name.to_lowercase()) else {
            continue;
        };
        let base_only = BTreeSet::from([base.clone()]);
        for (phrase, r, _) in &t.intro_links {
            vote(&mut intro, phrase, names_one_of(r, &base_only));
        }
        let chain = ancestors(&t.name.to_lowercase());
        for (phrase, r) in t.properties.iter().flat_map(|p| &p.description_links) {
            vote(&mut rows, phrase, names_one_of(r, &chain));
        }
    }
    let (intro_learned, rows_learned) = (learned(&intro), learned(&rows));
    let mut applied: BTreeMap<(&'static str, String), usize> = BTreeMap::new();
    for t in facts.iter_mut().flat_map(|f| f.types.iter_mut()) {
        if t.bases.is_empty() && t.no_base.is_none() {
            if let Some((phrase, r, origin)) = t.intro_links.iter().find_map(|(p, r, o)| {
                let phrase = learned_in(p, &intro_learned)?;
                (simple(&r.name) != t.name.to_lowercase()).then(|| (phrase, r.clone(), o.clone()))
            }) {
                t.bases.push((r, BaseEvidence::InheritsFrom, origin));
                *applied
                    .entry(("inherits from", phrase.clone()))
                    .or_default() += 1;
            }
        }
        for p in t
            .properties
            .iter_mut()
            .filter(|p| p.inherited_from.is_none())
        {
            if let Some((phrase, r)) = p
                .description_links
                .iter()
                .find_map(|(phrase, r)| Some((learned_in(phrase, &rows_learned)?, r.clone())))
            {
                p.inherited_from = Some(r);
                *applied
                    .entry(("inherited from", phrase.clone()))
                    .or_default() += 1;
            }
        }
    }
    let list = |meaning: &'static str, votes: &Votes, learned: &BTreeSet<String>| {
        learned
            .iter()
            .map(|phrase| {
                let (confirmed, contradicted) = votes.get(phrase).copied().unwrap_or_default();
                LearnedWords {
                    phrase: phrase.clone(),
                    meaning,
                    confirmed,
                    contradicted,
                    applied: applied
                        .get(&(meaning, phrase.clone()))
                        .copied()
                        .unwrap_or(0),
                }
            })
            .collect::<Vec<_>>()
    };
    let mut out = list("inherits from", &intro, &intro_learned);
    out.extend(list("inherited from", &rows, &rows_learned));
    out
}
