//! Inputs that crashed (or were made to stress) the fuzz targets in `fuzz/`, run through the same
//! steps as `fuzz/fuzz_targets/parse_page.rs` and `fuzz/fuzz_targets/pipeline.rs`, on stable Rust.
//! Add a minimized crashing input to `tests/fuzz_regressions/`, named after what it triggers.

use std::collections::BTreeSet;
use std::path::{Component, Path};

use graphdoc::diag::Diagnostics;
use graphdoc::emit::{emit, EmitOptions};

/// The pipeline target's page separator, page limit and input size limit.
const SEPARATOR: &str = "\n=====\n";
const MAX_PAGES: usize = 4;
const MAX_LEN: usize = 64 * 1024;

/// The `parse_page` target.
fn parse_page_target(text: &str) {
    let (page, _diags) = graphdoc::page::parse_page("fuzz.md", text);
    for table in &page.tables {
        let _ = table.param_rows();
        let _ = table.enum_rows();
    }
    let _ = page.namespace();
    let _ = page.inherits_from();
}

/// The `pipeline` target.
fn pipeline_target(text: &str) {
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

#[test]
fn fuzz_regressions_stay_fixed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut inputs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty(), "no inputs in {}", dir.display());
    for path in inputs {
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        // Like the fuzz targets, inputs that are not UTF-8 are ignored.
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        eprintln!("{}", path.display());
        parse_page_target(text);
        pipeline_target(text);
    }
}
