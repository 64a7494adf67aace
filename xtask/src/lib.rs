//! The repository's own jobs: `regenerate` rewrites (or checks) `schemas/` and `generated/src`
//! from `docs/`. One function does both, so the drift test and the CI check cannot disagree.

pub mod bench;

use std::path::{Path, PathBuf};

use graphdoc::write::{sync, Drift, Mode, Owned, Target};

/// What a regenerate run found.
pub struct Outcome {
    /// Drift per output directory (relative to the workspace root).
    pub drift: Vec<(PathBuf, Drift)>,
    /// Rendered warnings and notes.
    pub diagnostics: String,
    pub warning_count: usize,
}

impl Outcome {
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
    let mut shown = analysis.clone();
    shown.diagnostics.extend(diags.into_sorted());
    let rendered = shown.render_diagnostics();
    let (Some(code), false) = (code, shown.has_errors()) else {
        return Err(format!(
            "{rendered}regenerate: the docs have errors; nothing was written"
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
        warning_count: shown
            .diagnostics
            .iter()
            .filter(|d| d.severity == graphdoc::diag::Severity::Warning)
            .count(),
        diagnostics: rendered,
    })
}
