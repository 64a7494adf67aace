//! Shared by the corpus tests: where the reference corpus is, how a crate is checked, and (in
//! submodules) the agreement of two schemas and the vocabulary scrambler.
//!
//! The corpus tests are marked
//! `#[cfg_attr(not(graphdoc_corpus), ignore = "set GRAPHDOC_CORPUS=../shared/corpus to run")]`:
//! `generator/build.rs` sets `cfg(graphdoc_corpus)` when `GRAPHDOC_CORPUS` is set, so without it
//! the test summary counts them as ignored, and with it they run and fail when it names no
//! directory.

#[allow(dead_code)] // Only the translated and vocabulary_blind tests measure agreement.
pub mod agreement;
#[allow(dead_code)] // Only the vocabulary_blind test scrambles pages.
pub mod scramble;

use std::ffi::OsString;
use std::path::PathBuf;

/// The corpus directory from `GRAPHDOC_CORPUS` (relative paths from the workspace root). Panics,
/// failing the test, when the variable is unset or names no directory.
#[allow(dead_code)] // Not every test that includes `support` reads the corpus.
pub fn corpus() -> PathBuf {
    resolve(std::env::var_os("GRAPHDOC_CORPUS")).unwrap_or_else(|e| panic!("{e}"))
}

/// The corpus directory `value` names, or why it names none.
#[allow(dead_code)] // Not every test that includes `support` reads the corpus.
pub fn resolve(value: Option<OsString>) -> Result<PathBuf, String> {
    let Some(value) = value.filter(|v| !v.is_empty()) else {
        return Err(
            "GRAPHDOC_CORPUS is not set: set it to ../shared/corpus to run the corpus tests".into(),
        );
    };
    let given = PathBuf::from(&value);
    let path = if given.is_relative() {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join(&given)
    } else {
        given.clone()
    };
    if !path.is_dir() {
        return Err(format!(
            "GRAPHDOC_CORPUS is {}, which is not a directory (resolved to {}); set it to the \
             corpus directory (../shared/corpus) or unset it to skip the corpus tests",
            given.display(),
            path.display()
        ));
    }
    Ok(path)
}

/// Where tests put the crates they build: `CARGO_TARGET_DIR` (relative to the workspace root)
/// or the workspace's `target/`.
#[allow(dead_code)] // Not every test that includes `support` builds a crate.
pub fn target_dir() -> PathBuf {
    let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map_or_else(|| workspace.join("target"), |t| workspace.join(t))
}

/// Writes a crate `name` under [`target_dir`] whose `src/` holds `files` (`lib.rs` among them),
/// depending on serde, serde_json, jiff and the workspace's own `runtime/` at the workspace's
/// locked versions, and `cargo check`s it. Returns its stderr; panics when the check fails.
#[allow(dead_code)] // Not every test that includes `support` builds a crate.
pub fn cargo_check(name: &str, files: &[(String, String)]) -> String {
    let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let krate = target_dir().join(name);
    std::fs::create_dir_all(krate.join("src")).unwrap();
    let manifest = graphdoc::emit::crate_manifest(
        name,
        Some(&workspace.join("runtime").canonicalize().unwrap()),
    );
    std::fs::write(krate.join("Cargo.toml"), manifest).unwrap();
    std::fs::copy(workspace.join("Cargo.lock"), krate.join("Cargo.lock")).unwrap();
    for (file, text) in files {
        std::fs::write(krate.join("src").join(file), text).unwrap();
    }
    let output = std::process::Command::new(env!("CARGO"))
        .args(["check", "--quiet", "--manifest-path"])
        .arg(krate.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", krate.join("target"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        output.status.success(),
        "cargo check of {name} failed:\n{stderr}"
    );
    stderr
}
