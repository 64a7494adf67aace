//! The Rust generated from the whole Graph v1.0 corpus compiles with zero warnings and every public
//! item documented (`missing_docs`): it is written
//! into a temporary crate under `$CARGO_TARGET_DIR/corpus-model` (default `target/`) and `cargo check`ed under
//! `#![deny(warnings)]`. Needs `GRAPHDOC_CORPUS` (see `support`): ignored without it, fails when it
//! names no directory.

mod support;

use std::path::PathBuf;

#[test]
#[cfg_attr(
    not(graphdoc_corpus),
    ignore = "set GRAPHDOC_CORPUS=../shared/corpus to run"
)]
fn corpus_code_compiles_without_warnings() {
    let corpus = support::corpus();
    let analysis = graphdoc::analyze(&[corpus.join("graph-docs-v1.0")]);
    assert!(!analysis.has_errors(), "{}", analysis.render_diagnostics());
    let mut diags = graphdoc::diag::Diagnostics::default();
    let code = graphdoc::emit::emit(&analysis.built.schema, &Default::default(), &mut diags)
        .unwrap_or_else(|| panic!("{:?}", diags.into_sorted()));
    let stderr = support::cargo_check(
        "corpus-model",
        &[
            ("lib.rs".into(), "//! Generated from the Graph v1.0 corpus by the corpus_codegen test.\n#![deny(warnings)]\n#![warn(missing_docs)]\ninclude!(\"model.rs\");\n".into()),
            ("model.rs".into(), code.clone()),
        ],
    );
    println!(
        "{} types, {} lines of code",
        analysis.built.schema.types.len(),
        code.lines().count()
    );
    assert!(!stderr.contains("warning"), "warnings:\n{stderr}");
    // The runtime is a dependency, not embedded.
    assert!(!code.contains("mod runtime"));
    assert!(code.contains("::graphdoc_runtime::"));
}

/// The corpus tests fail, rather than pass without running, when `GRAPHDOC_CORPUS` names no
/// directory; unset, they are ignored (see `support`) and would fail if run.
#[test]
fn a_missing_corpus_is_an_error() {
    let e = support::resolve(Some("/nonexistent/graphdoc-corpus".into())).unwrap_err();
    assert!(
        e.starts_with("GRAPHDOC_CORPUS is /nonexistent/graphdoc-corpus, which is not a directory"),
        "{e}"
    );
    assert!(support::resolve(None).is_err());
    assert!(support::resolve(Some("".into())).is_err());
    let here = env!("CARGO_MANIFEST_DIR");
    assert_eq!(support::resolve(Some(here.into())), Ok(PathBuf::from(here)));
}
