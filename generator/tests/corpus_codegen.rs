//! The Rust generated from the whole Graph v1.0 corpus compiles with zero warnings: it is written
//! into a temporary crate under `target/corpus-model` and `cargo check`ed under
//! `#![deny(warnings)]`. Needs `GRAPHDOC_CORPUS` (see `support`); skips with the reason otherwise.

mod support;

use std::path::Path;
use std::process::Command;

#[test]
fn corpus_code_compiles_without_warnings() {
    let Some(corpus) = support::corpus() else {
        return;
    };
    let analysis = graphdoc::analyze(&[corpus.join("graph-docs-v1.0")]);
    assert!(!analysis.has_errors(), "{}", analysis.render_diagnostics());
    let mut diags = graphdoc::diag::Diagnostics::default();
    let code = graphdoc::emit::emit(&analysis.built.schema, &Default::default(), &mut diags)
        .unwrap_or_else(|| panic!("{:?}", diags.into_sorted()));
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let krate = workspace.join("target/corpus-model");
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
