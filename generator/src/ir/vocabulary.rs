//! The docs' own words for types, learned per input set from their redundancy, with no word list
//! in the code: a resource page gives each property both in its table (the Type cell, in the
//! docs' language: `Строка`, `Коллекция [callRoute](callroute.md)`) and in its JSON
//! representation (`"String"`, `[{"@odata.type": …}]`). Each Type cell is reduced to its frame
//! (its words around the names in it, [`crate::page::type_frame`]); the frames seen beside JSON
//! values learn what they mean, and the learned meaning types the rows no JSON value covers (API
//! pages, pages without a representation) where the grammar cannot read the cell.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::ir::facts::{FramePair, PageFacts, PropFact};
use crate::page::{Primitive, TypeName, TypeRef};

/// Confirmations after which a one-word frame no page declares a type by is a type word.
const STRONG: usize = 5;

/// What a frame was learned to mean.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Meaning {
    /// A frame without names: the whole type (`строка` → `Edm.String`).
    Type(Primitive, bool),
    /// A frame around a name (`коллекция {}`): whether the named type is a collection.
    Around { collection: bool },
}

impl Meaning {
    fn show(&self) -> String {
        match self {
            Meaning::Type(p, false) => p.qualified().to_owned(),
            Meaning::Type(p, true) => format!("Collection({})", p.qualified()),
            Meaning::Around { collection: false } => "{}".to_owned(),
            Meaning::Around { collection: true } => "Collection({})".to_owned(),
        }
    }
}

/// A learned phrase, for `graphdoc schema --summary`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LearnedPhrase {
    /// The frame: the Type cell's words, lower-cased, names as `{}`.
    pub phrase: String,
    /// What it means: `Edm.String`, `Collection({})`.
    pub meaning: String,
    /// Rows whose JSON value agrees with the meaning.
    pub confirmed: usize,
    /// Rows whose JSON value says otherwise.
    pub contradicted: usize,
    /// Rows without a JSON value it typed.
    pub applied: usize,
}

/// The learned frames.
#[derive(Debug, Default)]
pub(crate) struct Vocabulary {
    learned: BTreeMap<String, (Meaning, usize, usize)>,
}

/// What one pair says its frame means, if anything: a JSON value that is a primitive (not the
/// untyped fallback) for a frame without names, the collection flag for a frame around one.
fn pair_meaning(pair: &FramePair) -> Option<Meaning> {
    // A dotted frame is a qualified name (`microsoft.graph.x`, transliterated or not), no phrase
    // of the docs' language. A one-word frame may be either (`callState`, `Строка`): it is
    // learned, and used for a name only when the name turns out to be no type.
    if pair.frame.contains('.') {
        return None;
    }
    if pair.frame.contains("{}") {
        return Some(Meaning::Around {
            collection: pair.json.collection,
        });
    }
    match pair.json.name {
        TypeName::Primitive(Primitive::Untyped) => None,
        TypeName::Primitive(p) => Some(Meaning::Type(p, pair.json.collection)),
        _ => None,
    }
}

impl Vocabulary {
    /// Learns from every page's pairs: a frame means what most of its pairs say (three in four at
    /// least), once two agree, or its only pair says.
    pub(crate) fn learn(facts: &[PageFacts]) -> Vocabulary {
        let mut votes: BTreeMap<&str, BTreeMap<Meaning, usize>> = BTreeMap::new();
        for pair in facts.iter().flat_map(|f| &f.frame_pairs) {
            if let Some(m) = pair_meaning(pair) {
                *votes
                    .entry(pair.frame.as_str())
                    .or_default()
                    .entry(m)
                    .or_default() += 1;
            }
        }
        let mut learned = BTreeMap::new();
        for (frame, counts) in votes {
            let total: usize = counts.values().sum();
            let Some((meaning, best)) =
                counts.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            else {
                continue;
            };
            if (*best >= 2 || total == 1) && best * 4 >= total * 3 {
                learned.insert(frame.to_owned(), (meaning.clone(), *best, total - best));
            }
        }
        Vocabulary { learned }
    }

    /// The type a learned frame gives a row, where the grammar could not read its cell, or read a
    /// name but not the words around it (`Коллекция [x](x.md)` read as one `x`).
    fn type_of(&self, p: &PropFact) -> Option<TypeRef> {
        let frame = p.type_frame.as_deref()?;
        let (meaning, _, _) = self.learned.get(frame)?;
        match (meaning, &p.type_ref) {
            (Meaning::Type(prim, collection), None) => Some(TypeRef {
                name: TypeName::Primitive(*prim),
                collection: *collection,
            }),
            (Meaning::Around { collection }, None) => Some(TypeRef {
                name: TypeName::Named(p.type_name_in_cell.clone()?),
                collection: *collection,
            }),
            (Meaning::Around { collection }, Some(t))
                if frame != "{}" && t.collection != *collection =>
            {
                Some(TypeRef {
                    collection: *collection,
                    ..t.clone()
                })
            }
            _ => None,
        }
    }

    /// Types the rows of every page that the vocabulary can type, and lists what was learned with
    /// how often each phrase was confirmed and applied. Only phrases that typed a row or that the
    /// grammar cannot read are listed (`string` learned as `Edm.String` says nothing new).
    pub(crate) fn apply(&self, facts: &mut [PageFacts]) -> Vec<LearnedPhrase> {
        let mut applied: BTreeMap<String, usize> = BTreeMap::new();
        // The names pages declare types by: a one-word frame that is one of them is a name.
        let declared: std::collections::BTreeSet<String> = facts
            .iter()
            .flat_map(|f| &f.types)
            .map(|t| t.name.to_lowercase())
            .collect();
        for p in facts.iter_mut().flat_map(PageFacts::rows_mut) {
            // The word the grammar read as a type's name (`Simidune` in `Simidune`, `Simidune
            // collection`, `Simidune (note)`), lower-cased, with the collection flag read.
            let read_name = match &p.type_ref {
                Some(TypeRef {
                    name: TypeName::Named(n),
                    collection,
                }) if crate::page::is_identifier(n) && !n.contains('.') => {
                    Some((n.to_lowercase(), *collection))
                }
                _ => None,
            };
            if let Some((word, read_collection, prim, confirmed, contradicted)) = read_name
                .and_then(|(word, read_collection)| match self.learned.get(&word) {
                    Some((Meaning::Type(prim, false), confirmed, contradicted)) => {
                        Some((word, read_collection, *prim, *confirmed, *contradicted))
                    }
                    _ => None,
                })
            {
                // A word no page declares a type by, that the JSON says is this primitive on many
                // rows and seldom otherwise (one in ten), is the docs' word for it; a rarer one is
                // the type only if the word turns out to name none.
                if confirmed >= STRONG
                    && contradicted * 10 <= confirmed
                    && !declared.contains(&word)
                {
                    p.type_ref = Some(TypeRef {
                        name: TypeName::Primitive(prim),
                        collection: read_collection,
                    });
                    // A code list the row took only because its Type cell read as a name is a
                    // value list now only if its words are the docs' words for one
                    // (`value_labels`).
                    if p.labeled_values
                        .as_ref()
                        .is_some_and(|(_, values)| *values == p.possible_values)
                    {
                        p.possible_values.clear();
                    }
                    *applied.entry(word).or_default() += 1;
                    continue;
                }
                p.learned_fallback = Some(prim);
            }
            if let Some(t) = self.type_of(p) {
                p.type_ref = Some(t);
                if let Some(frame) = &p.type_frame {
                    *applied.entry(frame.clone()).or_default() += 1;
                }
            }
        }
        let beyond_grammar: std::collections::BTreeSet<&str> = facts
            .iter()
            .flat_map(|f| &f.frame_pairs)
            .filter(|pair| pair.parsed.is_none())
            .map(|pair| pair.frame.as_str())
            .collect();
        self.learned
            .iter()
            .filter(|(frame, _)| {
                beyond_grammar.contains(&frame.as_str()) || applied.contains_key(*frame)
            })
            .map(
                |(frame, (meaning, confirmed, contradicted))| LearnedPhrase {
                    phrase: frame.clone(),
                    meaning: meaning.show(),
                    confirmed: *confirmed,
                    contradicted: *contradicted,
                    applied: applied.get(frame).copied().unwrap_or(0),
                },
            )
            .collect()
    }
}
