//! The repository's own jobs: `regenerate` rewrites (or checks) `schemas/` and `generated/src`
//! from `docs/`. One function does both, so the drift test and the CI check cannot disagree.

pub mod bench;

use std::path::{Path, PathBuf};

use graphdoc::write::{sync, Drift, Mode, Owned, Target};

/// What a regenerate run found.
pub struct Outcome {
    /// Drift per output directory (relative to the workspace root).
    pub drift: Vec<(PathBuf, Drift)>,
    /// The docs, the schema and every diagnostic (building, schema files and emission).
    pub analysis: graphdoc::Analysis,
    pub warning_count: usize,
}

impl Outcome {
    /// The docs' warnings and notes, briefly: a count per code, and that they are expected.
    pub fn summary(&self) -> String {
        use graphdoc::diag::Severity;
        use graphdoc::report::{count, plural};
        let d = &self.analysis.diagnostics;
        if d.is_empty() {
            return "docs/: no warnings\n".into();
        }
        let mut counts: std::collections::BTreeMap<(std::cmp::Reverse<Severity>, String), usize> =
            Default::default();
        for x in d {
            *counts
                .entry((std::cmp::Reverse(x.severity), graphdoc::report::code(x)))
                .or_default() += 1;
        }
        let mut out = format!(
            "docs/: {}, {}; expected (the seed pages keep the Graph docs' gaps: TODO placeholders, \
             types no page defines); `cargo run -p graphdoc -- schema docs -v` shows each\n",
            plural(count(d, Severity::Warning), "warning"),
            plural(count(d, Severity::Note), "note"),
        );
        for ((severity, code), n) in &counts {
            out.push_str(&format!(
                "  {:<36} {n:>4}\n",
                format!("{}[{code}]", severity.0)
            ));
        }
        out
    }

    pub fn is_clean(&self) -> bool {
        self.drift.iter().all(|(_, d)| d.is_clean())
    }

    /// The check-mode report: every stale, missing or extra file with its diff, and the fix.
    pub fn report(&self) -> String {
        let mut out = String::new();
        for (dir, drift) in &self.drift {
            for (path, change) in &drift.changes {
                let full = dir.join(path);
                match change {
                    graphdoc::write::Change::Stale(diff) => {
                        out.push_str(&format!("stale: {}\n{diff}\n", full.display()))
                    }
                    graphdoc::write::Change::Missing => {
                        out.push_str(&format!("missing: {}\n", full.display()))
                    }
                    graphdoc::write::Change::Extra => out.push_str(&format!(
                        "extra (no longer generated): {}\n",
                        full.display()
                    )),
                }
            }
        }
        if !self.is_clean() {
            out.push_str("\nGenerated files are out of date with docs/. Run `cargo xtask regenerate` and commit the result.\n");
        }
        out
    }
}

/// The cargo that runs this xtask (or its tests).
pub fn cargo() -> std::process::Command {
    std::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

/// The workspace's lock file beside a generated crate's manifest in `dir`, so it builds the
/// workspace's versions of serde, serde_json and jiff.
pub fn copy_lock(root: &Path, dir: &Path) -> Result<(), String> {
    let Ok(lock) = std::fs::read_to_string(root.join("Cargo.lock")) else {
        return Ok(());
    };
    let path = dir.join("Cargo.lock");
    std::fs::write(&path, lock).map_err(|e| format!("{}: {e}", path.display()))
}

/// Cargo's target directory: `CARGO_TARGET_DIR` (relative to the current directory, as Cargo
/// reads it) or `target/` under the workspace root. Benches and test crates go under it.
pub fn target_dir(root: &Path) -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR").filter(|t| !t.is_empty()) {
        Some(t) => std::env::current_dir()
            .map(|cwd| cwd.join(&t))
            .unwrap_or_else(|_| PathBuf::from(t)),
        None => root.join("target"),
    }
}

/// The workspace root (the parent of `xtask/`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Regenerates `schemas/` and `generated/src/model.rs` from `docs/` under `root`, or in
/// [`Mode::Check`] only compares. Errors in the docs fail before anything is written.
pub fn regenerate(root: &Path, mode: Mode) -> Result<Outcome, String> {
    let analysis = graphdoc::analyze(&[root.join("docs")]);
    let mut diags = graphdoc::diag::Diagnostics::default();
    let schema_files = graphdoc::schema_files::schema_files(&analysis.built.schema, &mut diags);
    let code = graphdoc::emit::emit(
        &analysis.built.schema,
        &graphdoc::emit::EmitOptions::default(),
        &mut diags,
    );
    let mut shown = analysis;
    shown.diagnostics.extend(diags.into_sorted());
    shown.diagnostics.sort();
    let (Some(code), false) = (code, shown.has_errors()) else {
        return Err(format!(
            "{}{}\nregenerate: the docs have errors; nothing was written",
            graphdoc::report::human(&shown, graphdoc::report::Verbosity::Normal),
            graphdoc::report::counts(&shown, graphdoc::report::Verbosity::Normal),
        ));
    };
    let code_file = graphdoc::schema_files::OutputFile {
        path: PathBuf::from("model.rs"),
        contents: code,
    };
    // Both directories change as one: nothing is renamed into place until everything is staged.
    let (schemas_dir, generated_dir) = (root.join("schemas"), root.join("generated/src"));
    let targets = [
        Target {
            dir: &schemas_dir,
            files: &schema_files,
            owned: Owned::Extension("yaml"),
        },
        Target {
            dir: &generated_dir,
            files: std::slice::from_ref(&code_file),
            owned: Owned::Listed,
        },
    ];
    let mut drifts = sync(&targets, mode).map_err(|e| e.to_string())?.into_iter();
    let (schemas, generated) = (
        drifts.next().unwrap_or_default(),
        drifts.next().unwrap_or_default(),
    );
    Ok(Outcome {
        drift: vec![
            (PathBuf::from("schemas"), schemas),
            (PathBuf::from("generated/src"), generated),
        ],
        warning_count: graphdoc::report::count(
            &shown.diagnostics,
            graphdoc::diag::Severity::Warning,
        ),
        analysis: shown,
    })
}
