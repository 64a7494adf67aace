//! The type-name registry: every declared type, its canonical spelling, and reference resolution.
//!
//! Pages spell one type many ways (`ResultInfo`, `resultInfo`); the registry keys types by their
//! lower-cased qualified name and picks one spelling by a fixed rule, so the result never depends
//! on page order.

use crate::diag::Code;
use std::collections::{BTreeMap, BTreeSet};

use crate::diag::{Diagnostics, Origin};

/// How strongly a spelling is attested: a page that defines the type beats a link to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Weight {
    Reference,
    Definition,
}

#[derive(Debug, Default)]
struct Entry {
    spellings: BTreeMap<String, (Weight, usize)>,
    namespace: String,
    first: Option<Origin>,
}

/// Declared types by lower-cased qualified name.
#[derive(Debug, Default)]
pub(crate) struct Names {
    entries: BTreeMap<String, Entry>,
    by_bare: BTreeMap<String, BTreeSet<String>>,
    /// Page stem (lower-cased file name without `.md`) → the key of the one type the page defines.
    /// Pages that define several types (`enums.md`) are not here.
    stems: BTreeMap<String, Option<String>>,
}

pub(crate) const DEFAULT_NAMESPACE: &str = "microsoft.graph";

/// Splits `a.b.c` into (`a.b`, `c`), with `context` (or the default) as the namespace of a bare name.
pub(crate) fn qualify(name: &str, context: Option<&str>) -> (String, String) {
    let name = name.trim_start_matches('#');
    match name.rsplit_once('.') {
        Some((ns, n)) => (ns.to_owned(), n.to_owned()),
        None => (
            context.unwrap_or(DEFAULT_NAMESPACE).to_owned(),
            name.to_owned(),
        ),
    }
}

/// `[A-Za-z_][A-Za-z0-9_]*`.
pub(crate) fn is_name(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

impl Names {
    /// Declares a type. Returns its key, or `None` when the name is not a plain (dotted)
    /// identifier: such text is prose or markup, never a type, and stays unresolved.
    pub(crate) fn declare(
        &mut self,
        name: &str,
        context_ns: Option<&str>,
        weight: Weight,
        origin: &Origin,
    ) -> Option<String> {
        let (ns, bare) = qualify(name, context_ns);
        // A primitive's name (`string`, `Int32`) names the primitive, never a type of its own.
        let primitive = crate::page::Primitive::from_name(&bare).is_some();
        if !is_name(&bare)
            || !ns.split('.').all(is_name)
            || ns.eq_ignore_ascii_case("edm")
            || primitive
        {
            return None;
        }
        let key = format!("{ns}.{bare}").to_ascii_lowercase();
        let e = self.entries.entry(key.clone()).or_default();
        if e.namespace.is_empty() {
            e.namespace = ns.clone();
        }
        let s = e.spellings.entry(bare.clone()).or_insert((weight, 0));
        s.0 = s.0.max(weight);
        s.1 += 1;
        if e.first.as_ref().is_none_or(|f| origin < f) {
            e.first = Some(origin.clone());
        }
        self.by_bare
            .entry(bare.to_ascii_lowercase())
            .or_default()
            .insert(key.clone());
        Some(key)
    }

    /// Records that the page with this stem defines the type `key`. A stem recorded for two types
    /// resolves to neither.
    pub(crate) fn add_stem(&mut self, stem: &str, key: &str) {
        let stem = stem.to_ascii_lowercase();
        match self.stems.get(&stem) {
            Some(Some(k)) if k != key => {
                self.stems.insert(stem, None);
            }
            Some(_) => {}
            None => {
                self.stems.insert(stem, Some(key.to_owned()));
            }
        }
    }

    /// The type the page with this stem defines.
    pub(crate) fn by_stem(&self, stem: &str) -> Option<String> {
        self.stems
            .get(&stem.to_ascii_lowercase())
            .cloned()
            .flatten()
    }

    /// Resolves a reference by link or name: a name that a page defines, then the linked page's own
    /// type (`[chart](chart.md)` on a page defining `workbookChart`), then any declared name.
    pub(crate) fn resolve_ref(
        &self,
        r: &crate::page::NamedRef,
        context_ns: Option<&str>,
    ) -> Option<String> {
        let by_name = (!r.name.is_empty())
            .then(|| self.resolve(&r.name, context_ns))
            .flatten();
        by_name
            .clone()
            .filter(|k| self.is_defined(k))
            .or_else(|| r.stem.as_deref().and_then(|s| self.by_stem(s)))
            .or(by_name)
    }

    /// Some page defines the type (not only refers to it).
    pub(crate) fn is_defined(&self, key: &str) -> bool {
        self.entries
            .get(key)
            .is_some_and(|e| e.spellings.values().any(|(w, _)| *w == Weight::Definition))
    }

    /// Resolves a reference as written to a key: qualified names directly, bare names in the
    /// referring page's namespace, then the default namespace, then any single match.
    pub(crate) fn resolve(&self, name: &str, context_ns: Option<&str>) -> Option<String> {
        let name = name.trim_start_matches('#');
        if name.contains('.') {
            let key = name.to_ascii_lowercase();
            return self
                .entries
                .contains_key(&key)
                .then_some(key)
                .or_else(|| self.resolve(name.rsplit('.').next()?, context_ns));
        }
        let candidates = self.by_bare.get(&name.to_ascii_lowercase())?;
        for ns in [context_ns.unwrap_or(DEFAULT_NAMESPACE), DEFAULT_NAMESPACE] {
            let key = format!("{ns}.{name}").to_ascii_lowercase();
            if candidates.contains(&key) {
                return Some(key);
            }
        }
        (candidates.len() == 1)
            .then(|| candidates.iter().next().cloned())
            .flatten()
    }

    /// The canonical (namespace, name) of a key: the namespace as first declared, and the spelling
    /// with the strongest attestation, then lowerCamel (the Graph convention), then the most
    /// frequent, then the smallest.
    pub(crate) fn canonical(&self, key: &str) -> (String, String) {
        let Some(e) = self.entries.get(key) else {
            let (ns, n) = qualify(key, None);
            return (ns, n);
        };
        // A spelling with capitals after its first letter cannot come from lower-casing (an
        // anchor slug, a file name, a URL), so it beats one that has none; then definitions beat
        // references.
        let mixed = |s: &str| s.chars().skip(1).any(|c| c.is_uppercase());
        let best = e
            .spellings
            .iter()
            .max_by(|(a, (wa, ca)), (b, (wb, cb))| {
                mixed(a)
                    .cmp(&mixed(b))
                    .then(wa.cmp(wb))
                    .then(
                        a.starts_with(|c: char| c.is_lowercase())
                            .cmp(&b.starts_with(|c: char| c.is_lowercase())),
                    )
                    .then(ca.cmp(cb))
                    .then(b.cmp(a))
            })
            .map(|(s, _)| s.clone())
            .unwrap_or_default();
        (e.namespace.clone(), best)
    }

    pub(crate) fn qualified(&self, key: &str) -> String {
        let (ns, n) = self.canonical(key);
        format!("{ns}.{n}")
    }

    pub(crate) fn keys(&self) -> impl Iterator<Item = &String> {
        self.entries.keys()
    }

    /// Notes every type spelled more than one way.
    pub(crate) fn report_spellings(&self, diags: &mut Diagnostics) {
        for (key, e) in &self.entries {
            if e.spellings.len() > 1 {
                let (_, chosen) = self.canonical(key);
                let all: Vec<&str> = e.spellings.keys().map(String::as_str).collect();
                diags.note(
                    Code::TypeNameCase,
                    e.first.clone(),
                    format!(
                        "type spelled {} ways ({}); using `{chosen}`",
                        all.len(),
                        all.join(", ")
                    ),
                );
            }
        }
    }
}

/// How closely a name a translation transliterated (`Фаилурестаже`) spells an identifier
/// (`failureStage`): the normalized Levenshtein similarity of their letters and digits, lower-cased,
/// after transliterating the first; 0 when it has fewer than three.
pub(crate) fn spelling_closeness(transliterated: &str, identifier: &str) -> f64 {
    let letters = |s: &str| -> String {
        s.chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    let spelled = letters(&deunicode::deunicode(transliterated));
    if spelled.len() < 3 {
        return 0.0;
    }
    strsim::normalized_levenshtein(&spelled, &letters(identifier))
}

/// How close a transliterated name must spell an identifier to be taken for it, and by how much
/// closer than any other candidate ([`spelling_closeness`]).
pub(crate) const SPELLS: f64 = 0.75;
pub(crate) const SPELLS_MARGIN: f64 = 0.1;
