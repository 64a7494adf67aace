//! Shared by the corpus tests: where the reference corpus is, how a crate is checked or run, and
//! (in submodules) the agreement of two schemas and the vocabulary scrambler. (`canonical.rs` and
//! `json_diff.rs` here are the payload test's alone, included by path there, so their unit tests
//! run once.)
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

/// Writes a crate `name` under [`target_dir`] whose `src/` holds `files`, depending on serde,
/// serde_json, jiff and the workspace's own `runtime/` at the workspace's locked versions, with
/// `extra` appended to its manifest. Returns its directory. With `keep`, a file that already
/// holds its text is left alone, so Cargo does not rebuild what did not change.
fn write_crate(name: &str, files: &[(String, String)], extra: &str, keep: bool) -> PathBuf {
    let write = |path: PathBuf, text: &str| {
        if !(keep && std::fs::read(&path).is_ok_and(|old| old == text.as_bytes())) {
            std::fs::write(path, text).unwrap();
        }
    };
    let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let krate = target_dir().join(name);
    std::fs::create_dir_all(krate.join("src")).unwrap();
    let manifest = graphdoc::emit::crate_manifest(
        name,
        Some(&workspace.join("runtime").canonicalize().unwrap()),
    );
    write(krate.join("Cargo.toml"), &(manifest + extra));
    let lock = std::fs::read_to_string(workspace.join("Cargo.lock")).unwrap();
    write(krate.join("Cargo.lock"), &lock);
    for (file, text) in files {
        write(krate.join("src").join(file), text);
    }
    krate
}

/// Writes a crate `name` under [`target_dir`] whose `src/` holds `files` (`lib.rs` among them),
/// depending on serde, serde_json, jiff and the workspace's own `runtime/` at the workspace's
/// locked versions, and `cargo check`s it. Returns its stderr; panics when the check fails.
#[allow(dead_code)] // Not every test that includes `support` builds a crate.
pub fn cargo_check(name: &str, files: &[(String, String)]) -> String {
    let krate = write_crate(name, files, "", false);
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

/// The manifest's `[profile.dev]` for [`cargo_run`]: no debug info (the generated code is large,
/// and nothing is debugged there).
const RUN_PROFILE: &str = "\n[profile.dev]\ndebug = false\n";

/// Writes a crate `name` as [`cargo_check`] does (`src/main.rs` among `files`, beside `lib.rs`
/// for one compile of a library and its driver; files that did not change are not rewritten)
/// and `cargo run`s it in the dev profile with `args`. The crates it runs share one target
/// directory, `cargo-run/` under [`target_dir`], so they share their compiled dependencies.
/// Returns its stdout; panics when the build or the run fails.
#[allow(dead_code)] // Not every test that includes `support` runs a crate.
pub fn cargo_run<S: AsRef<std::ffi::OsStr>>(
    name: &str,
    files: &[(String, String)],
    args: impl IntoIterator<Item = S>,
) -> String {
    let krate = write_crate(name, files, RUN_PROFILE, true);
    let output = std::process::Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--manifest-path"])
        .arg(krate.join("Cargo.toml"))
        .arg("--")
        .args(args)
        .env("CARGO_TARGET_DIR", target_dir().join("cargo-run"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "cargo run of {name} failed:\n{stderr}"
    );
    String::from_utf8(output.stdout).unwrap()
}
