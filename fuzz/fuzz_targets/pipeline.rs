//! The whole pipeline on a few pages: parse, build, schema files and emission. Pages are separated
//! by a line `=====`; at most four are read.

#![no_main]

use std::collections::BTreeSet;
use std::path::Component;

use graphdoc::diag::Diagnostics;
use graphdoc::emit::{emit, EmitOptions};
use libfuzzer_sys::fuzz_target;

const SEPARATOR: &str = "\n=====\n";
const MAX_PAGES: usize = 4;
/// Larger inputs are skipped to keep executions fast.
const MAX_LEN: usize = 64 * 1024;

fuzz_target!(|data: &[u8]| {
    if data.len() > MAX_LEN {
        return;
    }
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
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
});
