//! graphdoc: API reference docs in markdown → a reviewable schema IR → Rust types with serde impls.
//!
//! The stages are pure functions; only [`load`] reads and [`write`](mod@write) (used by the [`Builder`] and
//! `cargo xtask regenerate`) writes: [`page::parse_page`] (markdown → page model), [`ir::build`]
//! (pages → schema IR), [`schema_files::schema_files`] (IR → YAML files), [`emit::emit`]
//! (IR → Rust source).

mod builder;
pub mod compare;
pub mod diag;
pub mod edm;
pub mod emit;
pub mod ir;
pub mod load;
pub mod page;
pub mod report;
pub mod schema_files;
pub mod validate;
pub mod write;

pub use builder::{Builder, Error, Run};

use std::path::PathBuf;

use diag::{Diagnostic, Diagnostics};
use load::SourceFile;

/// Everything known after reading and building: the inputs, the schema, and the diagnostics.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub sources: Vec<SourceFile>,
    pub built: ir::Built,
    /// Sorted by place.
    pub diagnostics: Vec<Diagnostic>,
}

impl Analysis {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == diag::Severity::Error)
    }

    /// Renders every diagnostic with its source snippet.
    pub fn render_diagnostics(&self) -> String {
        let mut out = String::new();
        for d in &self.diagnostics {
            let src = d
                .origin
                .as_ref()
                .and_then(|o| self.sources.iter().find(|s| s.rel == o.file));
            let path = src.map(|s| s.path.display().to_string());
            out.push_str(&diag::render(
                d,
                path.as_deref(),
                src.map(|s| s.text.as_str()),
            ));
            out.push_str("\n\n");
        }
        out
    }
}

/// Reads every page under `dirs`, parses it and builds the schema.
pub fn analyze(dirs: &[PathBuf]) -> Analysis {
    let mut diags = Diagnostics::default();
    let sources = load::read_dirs(dirs, &mut diags);
    analyze_with(sources, diags)
}

/// Parses pages already read (`sources`) and builds the schema: [`analyze`] without the reading.
pub fn analyze_sources(sources: Vec<SourceFile>) -> Analysis {
    analyze_with(sources, Diagnostics::default())
}

fn analyze_with(sources: Vec<SourceFile>, mut diags: Diagnostics) -> Analysis {
    let pages: Vec<page::Page> = sources
        .iter()
        .map(|s| {
            let (page, d) = page::parse_page(&s.rel, &s.text);
            diags.extend(d);
            page
        })
        .collect();
    let built = ir::build(&pages, &mut diags);
    Analysis {
        sources,
        built,
        diagnostics: diags.into_sorted(),
    }
}
