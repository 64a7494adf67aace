//! `cargo xtask bench`: compile-time benchmark of the generated code. Generates the whole Graph
//! v1.0 corpus twice, with graphdoc's shared serde impls and with per-type serde derives (the
//! bench-only `EmitOptions::serde_derive`), puts each in a crate under `target/bench/`, builds the
//! dependencies once, then times `cargo check` of each crate in one run.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const CARGO_TOML: &str = r#"[package]
name = "NAME"
version = "0.0.0"
edition = "2021"
publish = false

[workspace]

[dependencies]
serde = { version = "1", features = ["derive"] }
serde_json = { version = "1", features = ["preserve_order"] }
jiff = { version = "0.2", default-features = false, features = ["std"] }
"#;

/// One timed crate.
pub struct Timing {
    pub name: &'static str,
    pub types: usize,
    pub bytes: usize,
    pub check: Duration,
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn cargo_check(dir: &Path, target: &Path) -> Result<Duration, String> {
    let start = Instant::now();
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["check", "--quiet", "--lib"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .status()
        .map_err(|e| format!("cargo check in {}: {e}", dir.display()))?;
    let took = start.elapsed();
    if !status.success() {
        return Err(format!("cargo check failed in {}", dir.display()));
    }
    Ok(took)
}

/// Generates, warms and times each variant. `corpus` is the docs directory.
pub fn compile_time(root: &Path, corpus: &Path) -> Result<Vec<Timing>, String> {
    eprintln!("bench: reading {}", corpus.display());
    let analysis = graphdoc::analyze(&[corpus.to_path_buf()]);
    let schema = &analysis.built.schema;
    let bench = root.join("target/bench");
    let target = bench.join("target");
    let variants: [(&'static str, bool); 2] = [("ours", false), ("derive", true)];
    let mut crates: Vec<(&'static str, PathBuf, String)> = Vec::new();
    for (name, derive) in variants {
        let mut diags = graphdoc::diag::Diagnostics::default();
        let opts = graphdoc::emit::EmitOptions {
            serde_derive: derive,
            ..Default::default()
        };
        let code = graphdoc::emit::emit(schema, &opts, &mut diags)
            .ok_or_else(|| format!("bench: emission failed: {:?}", diags.into_sorted()))?;
        let dir = bench.join(name);
        write(
            &dir.join("Cargo.toml"),
            &CARGO_TOML.replace("NAME", &format!("bench-{name}")),
        )?;
        write(&dir.join("src/model.rs"), &code)?;
        // Warm: the dependencies only.
        write(&dir.join("src/lib.rs"), "")?;
        if let Ok(lock) = std::fs::read_to_string(root.join("Cargo.lock")) {
            write(&dir.join("Cargo.lock"), &lock)?;
        }
        eprintln!("bench: building dependencies for {name}");
        cargo_check(&dir, &target)?;
        crates.push((name, dir, code));
    }
    let mut out = Vec::new();
    for (name, dir, code) in crates {
        write(
            &dir.join("src/lib.rs"),
            "#![allow(clippy::all)]\ninclude!(\"model.rs\");\n",
        )?;
        eprintln!("bench: cargo check {name}");
        let check = cargo_check(&dir, &target)?;
        eprintln!("bench: {name}: {:.1} s", check.as_secs_f64());
        out.push(Timing {
            name,
            types: schema.types.len(),
            bytes: code.len(),
            check,
        });
    }
    Ok(out)
}
