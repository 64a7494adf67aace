//! Diagnostics: collected by every stage, reported together, rendered with a source snippet.
//!
//! No stage stops at the first problem (serde_derive's `Ctxt` model): each pushes what it finds into
//! a [`Diagnostics`] and the caller decides, once, whether errors make the run fail.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// How bad a diagnostic is. Only errors fail a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// A place in an input page: the page's path relative to its docs root, 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Origin {
    pub file: String,
    pub line: u32,
    pub col: u32,
}

impl Origin {
    pub fn new(file: impl Into<String>, line: u32, col: u32) -> Self {
        Origin {
            file: file.into(),
            line,
            col,
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.col)
    }
}

/// Origins are written as `file:line:col` in the schema.
impl Serialize for Origin {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Origin {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let mut parts = s.rsplitn(3, ':');
        let col = parts.next().and_then(|c| c.parse().ok());
        let line = parts.next().and_then(|l| l.parse().ok());
        match (parts.next(), line, col) {
            (Some(file), Some(line), Some(col)) => Ok(Origin::new(file, line, col)),
            _ => Err(serde::de::Error::custom(format!(
                "`{s}` is not file:line:col"
            ))),
        }
    }
}

/// One finding. `kind` is a stable, kebab-case code (`unresolved-type`, `placeholder`, ...) that
/// summaries group by and tests match on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Diagnostic {
    pub origin: Option<Origin>,
    pub severity: Severity,
    pub kind: String,
    pub message: String,
}

impl Diagnostic {
    pub fn new(
        severity: Severity,
        kind: &str,
        origin: Option<Origin>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            origin,
            severity,
            kind: kind.to_owned(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(o) = &self.origin {
            write!(f, "{o}: ")?;
        }
        write!(f, "{}[{}]: {}", self.severity, self.kind, self.message)
    }
}

/// The collector every stage writes into.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }
    pub fn error(&mut self, kind: &str, origin: Option<Origin>, message: impl Into<String>) {
        self.push(Diagnostic::new(Severity::Error, kind, origin, message));
    }
    pub fn warning(&mut self, kind: &str, origin: Option<Origin>, message: impl Into<String>) {
        self.push(Diagnostic::new(Severity::Warning, kind, origin, message));
    }
    pub fn note(&mut self, kind: &str, origin: Option<Origin>, message: impl Into<String>) {
        self.push(Diagnostic::new(Severity::Note, kind, origin, message));
    }
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }
    pub fn error_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }
    /// Sorted by file, line, column, then severity and text, and deduplicated: the order never
    /// depends on the order pages were read in.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort();
        self.items.dedup();
        self.items
    }
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
    pub fn len(&self) -> usize {
        self.items.len()
    }
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// A count of diagnostics by severity and kind, for summaries.
pub fn summary(diags: &[Diagnostic]) -> BTreeMap<(Severity, String), usize> {
    let mut counts = BTreeMap::new();
    for d in diags {
        *counts.entry((d.severity, d.kind.clone())).or_insert(0) += 1;
    }
    counts
}

/// Renders a diagnostic the way rustc does, with the source line when the page text is known.
/// `display_path` is how the file is named to the user (the input dir joined with `origin.file`).
pub fn render(d: &Diagnostic, display_path: Option<&str>, source: Option<&str>) -> String {
    use annotate_snippets::{Level, Renderer, Snippet};
    let level = match d.severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Note => Level::Note,
    };
    let title = format!("{} [{}]", d.message, d.kind);
    let Some(origin) = &d.origin else {
        return Renderer::plain().render(level.title(&title)).to_string();
    };
    let path = display_path.unwrap_or(&origin.file);
    let line_text = source.and_then(|s| s.lines().nth(origin.line.saturating_sub(1) as usize));
    match line_text {
        Some(text) => {
            let start = char_col_to_byte(text, origin.col);
            let end = next_char_boundary(text, start);
            let snippet = Snippet::source(text)
                .line_start(origin.line as usize)
                .origin(path)
                .annotation(level.span(start..end));
            Renderer::plain()
                .render(level.title(&title).snippet(snippet))
                .to_string()
        }
        None => format!(
            "{level_name}: {title}\n  --> {origin_path}:{line}:{col}",
            level_name = d.severity,
            origin_path = path,
            line = origin.line,
            col = origin.col
        ),
    }
}

fn char_col_to_byte(text: &str, col: u32) -> usize {
    text.char_indices()
        .nth(col.saturating_sub(1) as usize)
        .map_or(text.len(), |(i, _)| i)
}

fn next_char_boundary(text: &str, start: usize) -> usize {
    text[start..]
        .chars()
        .next()
        .map_or(start, |c| start + c.len_utf8())
}
