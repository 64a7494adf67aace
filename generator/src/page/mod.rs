//! The page model: what one markdown page says, before anything is merged across pages.
//!
//! [`parse_page`] is a pure function from text to [`Page`] plus diagnostics. It never sees the
//! schema IR; everything here is still "as written" (names in their page's casing, types as the
//! Type column spelled them, parsed into a [`TypeRef`]).

mod annotation;
mod frontmatter;
mod http;
mod markdown;
mod table;
mod text;
mod typeref;

pub use annotation::Annotation;
pub use frontmatter::FrontMatter;
pub use http::{parse_http, path_template, HttpMessage, HttpRequest, HttpResponse};
pub use markdown::parse_page;
pub use table::{classify_heading, EnumRow, ParamRow, TableKind};
pub use text::{
    introduced_code_values, labeled_code_values, link_phrases, possible_values, strip_placeholder,
};
pub use typeref::{
    cell_names, parse_type_cell, primitive_type_name, type_frame, Primitive, TypeName, TypeRef,
};

use crate::diag::Origin;

/// A link as written: visible text and destination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub text: String,
    pub dest: String,
}

impl Link {
    /// The page a link points at, without folders, extension or anchor: `../resources/ResultInfo.md`
    /// gives `ResultInfo`.
    pub fn target_stem(&self) -> Option<&str> {
        let stem = file_stem(self.dest.split(['#', '?']).next()?);
        (!stem.is_empty()).then_some(stem)
    }
}

/// A page's file name without folders or `.md`: `api/call-record.md` gives `call-record`.
pub fn file_stem(path: &str) -> &str {
    let file = path.rsplit(['/', '\\']).next().unwrap_or(path);
    file.strip_suffix(".md").unwrap_or(file)
}

/// Text of a block or a table cell, with the English reading of bilingual pages, and the links and
/// code spans inside it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inline {
    pub text: String,
    pub links: Vec<Link>,
    pub code: Vec<String>,
    /// Anchors set inside it (`<a name="properties"></a>`, `<a id="x">`): identifiers that stay
    /// as written when the docs are translated.
    pub anchors: Vec<String>,
}

/// A heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    /// Its anchor (`## <a name="properties"></a>Свойства`), lower-cased.
    pub anchor: Option<String>,
    pub origin: Origin,
}

/// A table, classified by the heading above it.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub kind: TableKind,
    /// The heading the table sits under (English text).
    pub heading: String,
    /// That heading's anchor, lower-cased.
    pub anchor: Option<String>,
    pub header: Vec<String>,
    pub rows: Vec<Row>,
    pub origin: Origin,
}

/// A table row; `cells` has exactly as many entries as the header.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub cells: Vec<Inline>,
    pub origin: Origin,
}

/// A fenced code block and the annotation comment bound to it, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeBlock {
    pub lang: String,
    pub text: String,
    pub annotation: Option<Annotation>,
    /// The heading the block sits under.
    pub heading: String,
    /// Where the block's first content line is.
    pub origin: Origin,
}

/// A paragraph's text, kept for sentence-level signals ("Inherits from", "Namespace:").
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    pub inline: Inline,
    pub heading: String,
    /// The paragraph is (the text of) a list item.
    pub list_item: bool,
    pub origin: Origin,
}

/// A type named in prose: by a link (with the linked page's stem) or by a bare name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedRef {
    /// The name as written (link text, or the bare word), without markup.
    pub name: String,
    /// The stem of the linked page, when the name is a link.
    pub stem: Option<String>,
}

impl NamedRef {
    /// The type a link names: its cleaned text and the linked page's stem.
    pub fn from_link(l: &Link) -> Self {
        NamedRef {
            name: clean_name(&l.text),
            stem: l.target_stem().map(str::to_owned),
        }
    }
}

/// One markdown page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    /// Path relative to the docs root, with `/` separators.
    pub file: String,
    pub front: FrontMatter,
    /// The first level-1 heading.
    pub title: Option<Heading>,
    pub headings: Vec<Heading>,
    pub paragraphs: Vec<Paragraph>,
    pub tables: Vec<Table>,
    pub code_blocks: Vec<CodeBlock>,
    /// Annotation comments not followed by a code block (resource and enum annotations often are).
    pub annotations: Vec<Annotation>,
}

impl Page {
    /// The `Namespace: x` line, if the page has one: a paragraph of a short label, a colon and
    /// one dotted identifier (`Namespace: microsoft.graph.callRecords`, `Пространство имен:
    /// microsoft.graph.callRecords`), whatever language the label is in.
    pub fn namespace(&self) -> Option<(&str, &Origin)> {
        self.paragraphs
            .iter()
            .filter(|p| !p.list_item)
            .find_map(|p| {
                let (label, rest) = p.inline.text.trim().split_once(':')?;
                let mut words = rest.split_whitespace();
                let ns = words.next()?.trim_matches('`');
                let short_label = label.split_whitespace().count() <= 4;
                (short_label && words.next().is_none() && is_identifier(ns) && ns.contains('.'))
                    .then_some((ns, &p.origin))
            })
    }

    /// The base a page's prose states: "Inherits from [x](x.md)", "Inherits from x", "is derived
    /// from [x](x.md)", "Derived from **x**".
    pub fn inherits_from(&self) -> Vec<(NamedRef, &Origin)> {
        let mut out = Vec::new();
        for p in self.paragraphs.iter().filter(|p| !p.list_item) {
            for phrase in [
                "inherits from",
                "derived from",
                "derives from",
                "a subclass of",
                "a subclass from",
                "a subtype of",
            ] {
                if let Some(r) = ref_after(&p.inline, phrase) {
                    out.push((r, &p.origin));
                }
            }
        }
        out
    }

    /// The derived types a (base type's) page lists: a table under a "Derived types" heading (or
    /// its anchor, `<a name="derived-types">`, in a translation),
    /// "the derived types are [a](a.md), [b](b.md)", "is the base type for [a](a.md)", "Derived types
    /// include:" (or "Supported derived types:") followed by a list, and list items saying
    /// "[a](a.md) is a derived type of ...".
    pub fn derived_types(&self) -> Vec<(NamedRef, &Origin)> {
        let mut out = Vec::new();
        for t in &self.tables {
            if t.kind == TableKind::DerivedTypes {
                for row in &t.rows {
                    if let Some(r) = row.cells.first().and_then(ref_at_start) {
                        out.push((r, &row.origin));
                    }
                }
            }
        }
        let mut in_list = false;
        for p in &self.paragraphs {
            let lower = p.inline.text.to_ascii_lowercase();
            if p.list_item {
                if in_list || lower.contains("is a derived type of") {
                    if let Some(r) = ref_at_start(&p.inline) {
                        out.push((r, &p.origin));
                    }
                }
                continue;
            }
            in_list = false;
            for phrase in [
                "derived types are",
                "is the base type for",
                "is the base type of",
                "derived types include",
                "supported derived types",
                "following derived types",
            ] {
                let Some(pos) = lower.find(phrase) else {
                    continue;
                };
                let after = &p.inline.text[pos + phrase.len()..];
                if after.trim().trim_end_matches(':').trim().is_empty() {
                    in_list = true;
                    continue;
                }
                for l in &p.inline.links {
                    let named = NamedRef::from_link(l);
                    if !named.name.is_empty() && after.contains(l.text.as_str()) {
                        out.push((named, &p.origin));
                    }
                }
                if after.trim_end().ends_with(':') {
                    in_list = true;
                }
            }
        }
        out
    }
}

/// A name without markdown emphasis, code marks or surrounding punctuation.
pub fn clean_name(s: &str) -> String {
    s.trim().trim_matches(['*', '`']).trim().to_owned()
}

pub(crate) fn is_identifier(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
}

/// The type named right after `phrase` (case-insensitive) in `inline`: a link whose text starts
/// there, or a bare identifier followed by the end of the sentence, "resource", "type" or a comma.
fn ref_after(inline: &Inline, phrase: &str) -> Option<NamedRef> {
    let lower = inline.text.to_ascii_lowercase();
    let pos = lower.find(phrase)?;
    let after = inline.text[pos + phrase.len()..].trim_start();
    // "inherits from the base class [x]": filler words before a link to the base are skipped.
    let mut skipped = after;
    while let Some(f) = ["the ", "a ", "an ", "base ", "abstract ", "class ", "type "]
        .into_iter()
        .find(|f| skipped.to_ascii_lowercase().starts_with(f))
    {
        skipped = skipped[f.len()..].trim_start();
    }
    let linked = |t: &str| {
        let t = t.trim_start_matches(['*', '`', '[', ' ']);
        inline.links.iter().any(|l| {
            let name = clean_name(&l.text);
            !name.is_empty()
                && t.get(..name.len())
                    .is_some_and(|w| w.eq_ignore_ascii_case(&name))
        })
    };
    let after = if skipped != after && linked(skipped) {
        skipped
    } else {
        after
    };
    let after = after.trim_start_matches(['*', '`', '[', ' ']);
    let word: String = after
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '.')
        .collect();
    let word = word.trim_end_matches('.').to_owned();
    if !is_identifier(&word) {
        return None;
    }
    if let Some(l) = inline
        .links
        .iter()
        .find(|l| clean_name(&l.text).eq_ignore_ascii_case(&word))
    {
        return Some(NamedRef::from_link(l));
    }
    // A bare name: only when nothing but the end of the phrase follows it.
    let rest = after[word.len()..]
        .trim_start_matches(['*', '`'])
        .trim_start();
    let lower_rest = rest.to_ascii_lowercase();
    let ends = rest.is_empty()
        || rest.starts_with(['.', ',', ';', ')'])
        || lower_rest.starts_with("resource")
        || lower_rest.starts_with("type")
        || lower_rest.starts_with("entity")
        || lower_rest.starts_with("and ");
    let stop = ["the", "a", "an", "base", "this", "that", "its", "iso"];
    (ends && !stop.contains(&word.to_ascii_lowercase().as_str())).then_some(NamedRef {
        name: word,
        stem: None,
    })
}

/// The type an inline starts with: a link, or a bare identifier.
fn ref_at_start(inline: &Inline) -> Option<NamedRef> {
    let text = inline.text.trim_start_matches(['*', '`', '[', ' ']);
    let word: String = text
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '.')
        .collect();
    if !is_identifier(&word) {
        // A link whose text is not an identifier (a translation's `[организермитингинфо](x.md)`)
        // still names its page.
        let first = inline.links.first()?;
        let name = clean_name(&first.text);
        return (!name.is_empty() && clean_name(&inline.text).starts_with(&name))
            .then(|| NamedRef::from_link(first));
    }
    let link = inline
        .links
        .iter()
        .find(|l| clean_name(&l.text).eq_ignore_ascii_case(&word));
    Some(NamedRef {
        name: link.map_or(word, |l| clean_name(&l.text)),
        stem: link.and_then(|l| l.target_stem().map(str::to_owned)),
    })
}
