//! Reporting diagnostics to people and tools, the way cargo does: by default a summary (one line
//! per diagnostic code with its count, the first occurrences with file:line:col) and every error in
//! full; [`Verbosity::Verbose`] renders every diagnostic with its source snippet;
//! [`Verbosity::Quiet`] only the errors; [`json_lines`] one JSON object per diagnostic. The
//! `graphdoc` CLI, [`crate::Builder`] (build.rs) and `cargo xtask regenerate` all report through
//! here.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::diag::{Code, Diagnostic, Severity};
use crate::Analysis;

/// A diagnostic's stable code: what summaries group by and what JSON output calls `code`.
/// The one place that knows how a code is spelled.
pub fn code(d: &Diagnostic) -> String {
    d.kind.to_string()
}

/// Whether an error is about how graphdoc was called or what it could read, not about the docs: an
/// input path that is missing, holds no pages or cannot be listed (`input` with no page), an
/// unknown selected type (`select`). The CLI exits 2 on these, 1 on the docs' own errors (a page
/// that is not UTF-8 is one of those).
pub fn is_usage_or_io(d: &Diagnostic) -> bool {
    d.severity == Severity::Error
        && match d.kind {
            Code::Input => d.origin.is_none(),
            Code::Select | Code::InvalidOption => true,
            _ => false,
        }
}

/// How much the human-readable report shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Verbosity {
    /// Only the errors: the first [`ERRORS_IN_FULL`] in full, the rest counted by code.
    Quiet,
    /// Warnings and notes summarized by code, then the errors as in `Quiet`.
    #[default]
    Normal,
    /// Every diagnostic in full, with its source snippet.
    Verbose,
}

/// How many errors the default and quiet reports show in full; the rest are counted by code.
pub const ERRORS_IN_FULL: usize = 20;

/// How many occurrences of each warning code the summary shows.
pub const SHOWN_PER_CODE: usize = 2;

/// Turns every warning into an error (`--deny warnings`, [`crate::Builder::deny_warnings`]).
/// Returns how many were turned.
pub fn deny_warnings(diagnostics: &mut [Diagnostic]) -> usize {
    let mut n = 0;
    for d in diagnostics
        .iter_mut()
        .filter(|d| d.severity == Severity::Warning)
    {
        d.severity = Severity::Error;
        n += 1;
    }
    n
}

/// How many diagnostics have this severity.
pub fn count(diagnostics: &[Diagnostic], severity: Severity) -> usize {
    diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .count()
}

/// `1,234`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `812 bytes`, `14.2 KB`, `9.6 MB` (decimal units).
pub fn size(bytes: usize) -> String {
    match bytes {
        0..1_000 => format!("{bytes} bytes"),
        1_000..1_000_000 => format!("{:.1} KB", bytes as f64 / 1e3),
        _ => format!("{:.1} MB", bytes as f64 / 1e6),
    }
}

/// `1 warning`, `2 warnings`, `1,845 notes`.
pub fn plural(n: usize, what: &str) -> String {
    format!("{} {what}{}", thousands(n), if n == 1 { "" } else { "s" })
}

/// Where a diagnostic is, as the user can open it: the page's path on disk (the input as given
/// joined with the page's relative path), line and column; `None` for a diagnostic about no place.
pub fn location(analysis: &Analysis, d: &Diagnostic) -> Option<String> {
    let o = d.origin.as_ref()?;
    Some(format!(
        "{}:{}:{}",
        display_path(analysis, d)?,
        o.line,
        o.col
    ))
}

/// The page's path on disk, or its relative name when it was not read.
fn display_path(analysis: &Analysis, d: &Diagnostic) -> Option<String> {
    let o = d.origin.as_ref()?;
    Some(
        analysis
            .sources
            .iter()
            .find(|s| s.rel == o.file)
            .map_or_else(|| o.file.clone(), |s| s.path.display().to_string()),
    )
}

/// One diagnostic on one line: `path:line:col: severity[code]: message`.
pub fn one_line(analysis: &Analysis, d: &Diagnostic) -> String {
    match location(analysis, d) {
        Some(at) => format!("{at}: {}[{}]: {}", d.severity, code(d), d.message),
        None => format!("{}[{}]: {}", d.severity, code(d), d.message),
    }
}

/// One diagnostic in full, with its source snippet.
pub fn full(analysis: &Analysis, d: &Diagnostic) -> String {
    let src = d
        .origin
        .as_ref()
        .and_then(|o| analysis.sources.iter().find(|s| s.rel == o.file));
    let path = src.map(|s| s.path.display().to_string());
    crate::diag::render(d, path.as_deref(), src.map(|s| s.text.as_str()))
}

/// The diagnostics of one severity grouped by code, most frequent first (then by code).
fn by_code(diagnostics: &[Diagnostic], severity: Severity) -> Vec<(String, Vec<&Diagnostic>)> {
    let mut groups: BTreeMap<String, Vec<&Diagnostic>> = BTreeMap::new();
    for d in diagnostics.iter().filter(|d| d.severity == severity) {
        groups.entry(code(d)).or_default().push(d);
    }
    let mut groups: Vec<_> = groups.into_iter().collect();
    groups.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
    groups
}

/// The summary of the warnings and notes: per warning code one line with its count and its first
/// [`SHOWN_PER_CODE`] occurrences (`path:line:col: message`), then one line counting the notes by
/// code.
pub fn summary(analysis: &Analysis) -> String {
    let mut out = String::new();
    for (code, items) in by_code(&analysis.diagnostics, Severity::Warning) {
        let shown = items.len().min(SHOWN_PER_CODE);
        let _ = write!(out, "warning[{code}]: {}", plural(items.len(), "time"));
        if items.len() > shown {
            let _ = write!(out, ", the first {shown}");
        }
        out.push('\n');
        for d in &items[..shown] {
            let at = location(analysis, d).unwrap_or_else(|| "(no place)".into());
            let _ = writeln!(out, "    {at}: {}", d.message);
        }
    }
    if let Some(line) = missing_types(&analysis.diagnostics) {
        out.push_str(&line);
    }
    let notes = by_code(&analysis.diagnostics, Severity::Note);
    if !notes.is_empty() {
        let total: usize = notes.iter().map(|(_, v)| v.len()).sum();
        let list: Vec<String> = notes
            .iter()
            .map(|(c, v)| format!("{c} {}", thousands(v.len())))
            .collect();
        let _ = writeln!(out, "note: {} ({})", plural(total, "note"), list.join(", "));
    }
    out
}

/// How many types the docs refer to (by properties and operations) are not in the input, the first few, and the pages that
/// would define them (the links' targets): one line, or `None` when nothing is missing.
pub fn missing_types(diagnostics: &[Diagnostic]) -> Option<String> {
    const SHOWN: usize = 5;
    let mut missing: BTreeMap<String, Option<String>> = BTreeMap::new();
    for d in diagnostics
        .iter()
        .filter(|d| d.kind == Code::UnresolvedType)
    {
        let Some(subject) = &d.subject else { continue };
        let page = d.defined_in.clone();
        let entry = missing.entry(subject.clone()).or_default();
        if entry.is_none() {
            *entry = page;
        }
    }
    if missing.is_empty() {
        return None;
    }
    let first: Vec<String> = missing
        .iter()
        .take(SHOWN)
        .map(|(t, page)| match page {
            Some(p) => format!("{t} ({p})"),
            None => t.clone(),
        })
        .collect();
    Some(format!(
        "missing: {} the docs refer to {} not in the input: {}{}; add their pages to the input\n",
        plural(missing.len(), "type"),
        if missing.len() == 1 { "is" } else { "are" },
        first.join(", "),
        if missing.len() > SHOWN { ", ..." } else { "" }
    ))
}

/// The closing count: `graphdoc: 3,341 pages (12 skipped): 0 errors, 1,447 warnings, 398 notes`,
/// and how to see more when something was left out.
pub fn counts(analysis: &Analysis, verbosity: Verbosity) -> String {
    let d = &analysis.diagnostics;
    let skipped = analysis.built.skipped.len();
    let mut out = format!(
        "graphdoc: read {}{}: {}, {}, {}",
        plural(analysis.sources.len(), "page"),
        if skipped > 0 {
            format!(" ({} skipped)", thousands(skipped))
        } else {
            String::new()
        },
        plural(count(d, Severity::Error), "error"),
        plural(count(d, Severity::Warning), "warning"),
        plural(count(d, Severity::Note), "note"),
    );
    if verbosity != Verbosity::Verbose && d.len() > count(d, Severity::Error) {
        out.push_str("; `-v` shows each with its source");
    }
    out
}

/// The human-readable report of an analysis, for stderr: see [`Verbosity`]. Errors come last, as
/// cargo prints them, so the end of the output says what went wrong. No closing count.
pub fn human(analysis: &Analysis, verbosity: Verbosity) -> String {
    let mut out = String::new();
    match verbosity {
        Verbosity::Verbose => {
            for d in &analysis.diagnostics {
                out.push_str(&full(analysis, d));
                out.push_str("\n\n");
            }
            return out;
        }
        Verbosity::Normal => out.push_str(&summary(analysis)),
        Verbosity::Quiet => {}
    }
    let errors: Vec<&Diagnostic> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    for d in errors.iter().take(ERRORS_IN_FULL) {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&full(analysis, d));
        out.push('\n');
    }
    if errors.len() > ERRORS_IN_FULL {
        let mut rest: BTreeMap<String, usize> = BTreeMap::new();
        for d in &errors[ERRORS_IN_FULL..] {
            *rest.entry(code(d)).or_default() += 1;
        }
        out.push('\n');
        for (code, n) in rest {
            let _ = writeln!(out, "error[{code}]: {} more", thousands(n));
        }
    }
    out
}

/// One JSON object per diagnostic, one per line: `code` (the stable name), `number` (`GD0202`,
/// see `DIAGNOSTICS.md`), `level` (`error`, `warning`, `note`),
/// `file` (the page's path on disk), `line`, `column` (1-based; `file`, `line` and `column` are
/// `null` for a diagnostic about no place) and `message`.
pub fn json_lines(analysis: &Analysis) -> String {
    let mut out = String::new();
    for d in &analysis.diagnostics {
        out.push_str(&json(analysis, d));
        out.push('\n');
    }
    out
}

/// One diagnostic as a JSON object (see [`json_lines`]).
pub fn json(analysis: &Analysis, d: &Diagnostic) -> String {
    let o = d.origin.as_ref();
    serde_json::json!({
        "code": code(d),
        "number": d.kind.number(),
        "level": d.severity,
        "file": display_path(analysis, d),
        "line": o.map(|o| o.line),
        "column": o.map(|o| o.col),
        "message": d.message,
    })
    .to_string()
}

/// A message that is not about a page (an output that cannot be written, a metadata file that
/// cannot be read) in the same JSON shape, with no place.
pub fn json_message(code: Code, level: Severity, message: &str) -> String {
    serde_json::json!({
        "code": code.as_str(),
        "number": code.number(),
        "level": level,
        "file": null,
        "line": null,
        "column": null,
        "message": message,
    })
    .to_string()
}

/// The warnings for a build script, as a few `cargo:warning=` payloads (one line each): the counts
/// by code, then the first occurrence of the most frequent codes. Empty without warnings.
pub fn cargo_warnings(analysis: &Analysis) -> Vec<String> {
    const CODES_SHOWN: usize = 3;
    let groups = by_code(&analysis.diagnostics, Severity::Warning);
    if groups.is_empty() {
        return Vec::new();
    }
    let total: usize = groups.iter().map(|(_, v)| v.len()).sum();
    let list: Vec<String> = groups
        .iter()
        .map(|(c, v)| format!("{c} {}", thousands(v.len())))
        .collect();
    let mut lines = vec![format!(
        "graphdoc: {} in the docs ({}); `graphdoc schema DOCS -v` shows each",
        plural(total, "warning"),
        list.join(", ")
    )];
    for (_, items) in groups.iter().take(CODES_SHOWN) {
        lines.push(format!("  {}", one_line(analysis, items[0])));
    }
    if groups.len() > CODES_SHOWN {
        let more = groups.len() - CODES_SHOWN;
        lines.push(format!(
            "  ... and {more} more code{}",
            if more == 1 { "" } else { "s" }
        ));
    }
    lines
}

/// The errors of a failed run, concisely: one line each (at most `max`, then how many more), then
/// a count of the warnings beside them. For build scripts, where a thousand warnings rendered in
/// full would bury the error.
pub fn concise_errors(analysis: &Analysis, max: usize) -> String {
    let errors: Vec<&Diagnostic> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    let mut out = String::new();
    for d in errors.iter().take(max) {
        out.push_str(&one_line(analysis, d));
        out.push('\n');
    }
    if errors.len() > max {
        let _ = writeln!(out, "... and {} more", plural(errors.len() - max, "error"));
    }
    let warnings = count(&analysis.diagnostics, Severity::Warning);
    let _ = write!(
        out,
        "graphdoc: {}{}; nothing was generated",
        plural(errors.len(), "error"),
        if warnings > 0 {
            format!(
                " and {} (`graphdoc schema DOCS -v` shows each)",
                plural(warnings, "warning")
            )
        } else {
            String::new()
        }
    );
    out
}
