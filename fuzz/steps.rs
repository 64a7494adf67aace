//! The fuzz targets' steps, shared by `fuzz/fuzz_targets/*.rs` and
//! `generator/tests/fuzz_regressions.rs` (which runs them on stable Rust), so a regression input
//! is checked exactly as the fuzzer checked it.

use std::collections::BTreeSet;
use std::path::Component;

use graphdoc::diag::Diagnostics;
use graphdoc::emit::{emit, EmitOptions};

/// The pipeline target's page separator, page limit and input size limit.
const SEPARATOR: &str = "\n=====\n";
const MAX_PAGES: usize = 4;
const MAX_LEN: usize = 64 * 1024;

/// The `parse_page` target.
pub fn parse_page_target(text: &str) {
    let (page, _diags) = graphdoc::page::parse_page("fuzz.md", text);
    for table in &page.tables {
        let _ = table.param_rows();
        let _ = table.enum_rows();
    }
    let _ = page.namespace();
    let _ = page.inherits_from();
}

/// The `pipeline` target.
pub fn pipeline_target(text: &str) {
    if text.len() > MAX_LEN {
        return;
    }
    let pages: Vec<_> = text
        .splitn(MAX_PAGES, SEPARATOR)
        .enumerate()
        .map(|(i, page)| graphdoc::page::parse_page(&format!("api/page{i}.md"), page).0)
        .collect();
    let mut diags = Diagnostics::default();
    let built = graphdoc::ir::build(&pages, &mut diags);

    let files = graphdoc::schema_files::schema_files(&built.schema, &mut diags);
    let mut seen = BTreeSet::new();
    for f in &files {
        assert!(
            f.path.is_relative() && f.path.components().next().is_some(),
            "absolute or empty path {:?}",
            f.path
        );
        assert!(
            f.path
                .components()
                .all(|c| matches!(c, Component::Normal(_))),
            "path with a non-plain component {:?}",
            f.path
        );
        let key = f.path.to_string_lossy().to_ascii_lowercase();
        assert!(
            seen.insert(key),
            "two files differ only in case: {:?}",
            f.path
        );
    }

    if let Some(src) = emit(&built.schema, &EmitOptions::default(), &mut diags) {
        if let Err(e) = syn::parse_file(&src) {
            panic!("emitted source does not parse: {e}\n{src}");
        }
    }
}
