//! The Rust generated from the whole Graph v1.0 corpus compiles with zero warnings: it is written
//! into a temporary crate under `$CARGO_TARGET_DIR/corpus-model` (default `target/`) and `cargo check`ed under
//! `#![deny(warnings)]`. Needs `GRAPHDOC_CORPUS` (see `support`): ignored without it, fails when it
//! names no directory.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

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
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let krate = support::target_dir().join("corpus-model");
    std::fs::create_dir_all(krate.join("src")).unwrap();
    // The runtime by path: the workspace's own `runtime/`.
    let manifest = graphdoc::emit::crate_manifest(
        "corpus-model",
        Some(&workspace.join("runtime").canonicalize().unwrap()),
    );
    std::fs::write(krate.join("Cargo.toml"), manifest).unwrap();
    // The workspace's lock file pins the same serde versions the workspace builds with.
    std::fs::copy(workspace.join("Cargo.lock"), krate.join("Cargo.lock")).unwrap();
    std::fs::write(krate.join("src/lib.rs"), "//! Generated from the Graph v1.0 corpus by the corpus_codegen test.\n#![deny(warnings)]\ninclude!(\"model.rs\");\n").unwrap();
    std::fs::write(krate.join("src/model.rs"), &code).unwrap();
    let output = Command::new(env!("CARGO"))
        .args(["check", "--quiet", "--manifest-path"])
        .arg(krate.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", krate.join("target"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!(
        "{} types, {} lines of code",
        analysis.built.schema.types.len(),
        code.lines().count()
    );
    assert!(
        output.status.success(),
        "cargo check of the corpus crate failed:\n{stderr}"
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
