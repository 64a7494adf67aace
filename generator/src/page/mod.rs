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
pub use text::{possible_values, strip_placeholder};
pub use typeref::{parse_type_cell, Primitive, TypeName, TypeRef};

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
        let path = self.dest.split(['#', '?']).next()?;
        let file = path.rsplit(['/', '\\']).next()?;
        let stem = file.strip_suffix(".md").unwrap_or(file);
        (!stem.is_empty()).then_some(stem)
    }
}

/// Text of a block or a table cell, with the English reading of bilingual pages, and the links and
/// code spans inside it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inline {
    pub text: String,
    pub links: Vec<Link>,
    pub code: Vec<String>,
}

/// A heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub origin: Origin,
}

/// A table, classified by the heading above it.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub kind: TableKind,
    /// The heading the table sits under (English text).
    pub heading: String,
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
    pub origin: Origin,
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
    /// The `Namespace: x` line, if the page has one.
    pub fn namespace(&self) -> Option<(&str, &Origin)> {
        self.paragraphs.iter().find_map(|p| {
            let rest = p.inline.text.trim().strip_prefix("Namespace:")?;
            let ns = rest.split_whitespace().next()?;
            Some((ns, &p.origin))
        })
    }

    /// "Inherits from [x](x.md)" links in the page's prose.
    pub fn inherits_from(&self) -> Vec<(&Link, &Origin)> {
        let mut out = Vec::new();
        for p in &self.paragraphs {
            let lower = p.inline.text.to_ascii_lowercase();
            if let Some(pos) = lower.find("inherits from") {
                let after = &p.inline.text[pos..];
                if let Some(link) = p.inline.links.iter().find(|l| after.contains(&l.text)) {
                    out.push((link, &p.origin));
                }
            }
        }
        out
    }
}
