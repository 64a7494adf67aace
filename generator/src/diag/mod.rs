//! Diagnostics: collected by every stage, reported together, rendered with a source snippet.
//!
//! No stage stops at the first problem (serde_derive's `Ctxt` model): each pushes what it finds into
//! a [`Diagnostics`] and the caller decides, once, whether errors make the run fail.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

pub mod codes;
pub use codes::Code;

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

impl Origin {
    /// The place `offset` bytes into `text`, a block whose first line is this origin's line
    /// (column 1; an offset that is not a char boundary in `text` gives the first line).
    pub fn within(&self, text: &str, offset: usize) -> Origin {
        let lines = text.get(..offset).map_or(0, |s| s.matches('\n').count());
        Origin::new(&self.file, self.line + lines as u32, 1)
    }

    /// The line of the first `"key"` in `text` (a JSON block starting at this origin), or the
    /// block's first line.
    pub fn of_key(&self, text: &str, key: &str) -> Origin {
        self.within(text, text.find(&format!("\"{key}\"")).unwrap_or(0))
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

/// One finding. `kind` is its [`Code`]: a stable kebab-case name (`unresolved-type`) and number
/// that summaries group by, tests match on and `DIAGNOSTICS.md` explains.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Diagnostic {
    pub origin: Option<Origin>,
    pub severity: Severity,
    pub kind: Code,
    pub message: String,
    /// The qualified type the finding is about, when it is about one (so that `graphdoc compare`
    /// can tell a type the docs contradict themselves on).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// For a type the input lacks: the page that would define it (where the docs link for it),
    /// for the summary of what to add to the input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub defined_in: Option<String>,
}

impl Diagnostic {
    pub fn new(
        severity: Severity,
        kind: Code,
        origin: Option<Origin>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            origin,
            severity,
            kind,
            message: message.into(),
            subject: None,
            defined_in: None,
        }
    }

    /// The same finding, about the qualified type `subject`.
    pub fn about(mut self, subject: impl Into<String>) -> Self {
        self.subject = Some(subject.into());
        self
    }

    /// The same finding, with the page that would define its missing type.
    pub fn defined_in(mut self, page: impl Into<String>) -> Self {
        self.defined_in = Some(page.into());
        self
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
    pub fn error(&mut self, kind: Code, origin: Option<Origin>, message: impl Into<String>) {
        self.push(Diagnostic::new(Severity::Error, kind, origin, message));
    }
    pub fn warning(&mut self, kind: Code, origin: Option<Origin>, message: impl Into<String>) {
        self.push(Diagnostic::new(Severity::Warning, kind, origin, message));
    }
    /// A warning about the qualified type `subject` (see [`Diagnostic::subject`]).
    pub fn warning_about(
        &mut self,
        kind: Code,
        origin: Option<Origin>,
        subject: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.push(Diagnostic::new(Severity::Warning, kind, origin, message).about(subject));
    }
    pub fn note(&mut self, kind: Code, origin: Option<Origin>, message: impl Into<String>) {
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
pub fn summary(diags: &[Diagnostic]) -> BTreeMap<(Severity, Code), usize> {
    let mut counts = BTreeMap::new();
    for d in diags {
        *counts.entry((d.severity, d.kind)).or_insert(0) += 1;
    }
    counts
}

/// Renders a diagnostic: one line `path:line:col: severity[kind]: message` (what tests and
/// editors match on), then the source line with a caret, as rustc does. `display_path` is how the
/// file is named to the user (the input dir joined with `origin.file`).
pub fn render(d: &Diagnostic, display_path: Option<&str>, source: Option<&str>) -> String {
    let Some(origin) = &d.origin else {
        return format!("{}[{}]: {}", d.severity, d.kind, d.message);
    };
    let path = display_path.unwrap_or(&origin.file);
    let mut out = format!(
        "{path}:{}:{}: {}[{}]: {}",
        origin.line, origin.col, d.severity, d.kind, d.message
    );
    let line_text = source.and_then(|s| s.lines().nth(origin.line.saturating_sub(1) as usize));
    if let Some(text) = line_text {
        let text: String = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let number = origin.line.to_string();
        let gutter = " ".repeat(number.len());
        let caret_pad = " ".repeat(origin.col.saturating_sub(1) as usize);
        out.push_str(&format!(
            "\n{gutter} |\n{number} | {text}\n{gutter} | {caret_pad}^"
        ));
    }
    out
}
