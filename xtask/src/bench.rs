//! `cargo xtask bench`: benchmarks of the code generated from the whole Graph v1.0 corpus, with
//! graphdoc's shared serde impls and with per-type serde derives (the bench-only
//! `BenchOptions::serde_derive`), each in a crate under `bench/` in Cargo's target directory
//! (`CARGO_TARGET_DIR`, default `target/`; `GRAPHDOC_BENCH_DIR` overrides it). [`compile_time`] times
//! `cargo check` of each crate in one run (and of the feature-gated crate, full and one area);
//! [`runtime`] times round trips of the corpus's response examples through both, through
//! `serde_json::Value` and, as a reference only, through plain derives that drop unknown fields
//! (the fastest conventional typed model), in one release binary: the whole set in turn (the
//! figure), then each example repeated in a row (warm caches).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// One timed crate.
pub struct Timing {
    pub name: &'static str,
    pub types: usize,
    pub bytes: usize,
    pub check: Duration,
}

/// Writes `text` to `path` unless it holds that already (so Cargo does not rebuild a bench crate
/// whose code did not change).
fn write(path: &Path, text: &str) -> Result<(), String> {
    if std::fs::read(path).is_ok_and(|old| old == text.as_bytes()) {
        return Ok(());
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Where the bench crates and their target directory go: `target/bench/`, or
/// `$GRAPHDOC_BENCH_DIR` (to keep two builds apart, e.g. before and after a change).
fn bench_dir(root: &Path) -> PathBuf {
    std::env::var_os("GRAPHDOC_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| crate::target_dir(root).join("bench"))
}

/// The schema's code for one variant.
fn emit(
    schema: &graphdoc::ir::Schema,
    opts: &graphdoc::emit::EmitOptions,
    bench: &graphdoc::emit::BenchOptions,
) -> Result<String, String> {
    let mut diags = graphdoc::diag::Diagnostics::default();
    graphdoc::emit::emit_for_bench(schema, opts, bench, &mut diags)
        .ok_or_else(|| format!("bench: emission failed: {:?}", diags.into_sorted()))
}

fn cargo_check(dir: &Path, target: &Path, features: &[&str]) -> Result<Duration, String> {
    let start = Instant::now();
    let status = crate::cargo()
        .args(["check", "--quiet", "--lib"])
        .args(features)
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

/// Reads the corpus, or says why the bench cannot run on it: it is not there, holds no pages, or
/// lacks what the bench times (the `cloud-communications` area).
fn read_corpus(corpus: &Path) -> Result<graphdoc::Analysis, String> {
    let how = "the bench times code generated from the Graph v1.0 docs: put the corpus at \
               ../shared/corpus/graph-docs-v1.0 or pass --corpus DIR";
    if !corpus.is_dir() {
        return Err(format!("bench: no corpus at {}; {how}", corpus.display()));
    }
    eprintln!("bench: reading {}", corpus.display());
    let analysis = graphdoc::analyze(&[corpus.to_path_buf()]);
    if analysis.has_errors() {
        return Err(format!(
            "{}bench: the docs at {} have errors; {how}",
            graphdoc::report::human(&analysis, graphdoc::report::Verbosity::Quiet),
            corpus.display()
        ));
    }
    if !analysis
        .built
        .schema
        .types
        .iter()
        .any(|t| t.area.as_deref() == Some("cloud-communications"))
    {
        return Err(format!(
            "bench: the docs at {} have no `cloud-communications` types (the feature the bench \
             times alone); {how}",
            corpus.display()
        ));
    }
    Ok(analysis)
}

/// Generates, warms and times each variant. `corpus` is the docs directory.
/// `repeat` times each variant that many times, interleaved, and keeps the best; `only` keeps the
/// variants whose name contains one of these (all when empty; for iterating, not for ratios).
pub fn compile_time(
    root: &Path,
    corpus: &Path,
    repeat: usize,
    only: &[String],
) -> Result<Vec<Timing>, String> {
    let analysis = read_corpus(corpus)?;
    let schema = &analysis.built.schema;
    let bench = bench_dir(root);
    let target = bench.join("target");
    // (variant, crate, serde_derive, feature-gated, cargo features)
    let variants: [(&'static str, &'static str, bool, bool, &[&str]); 4] = [
        ("ours", "ours", false, false, &[]),
        ("derive", "derive", true, false, &[]),
        (
            "features: full",
            "features",
            false,
            true,
            &["--features", "full"],
        ),
        (
            "features: cloud-communications",
            "features",
            false,
            true,
            &["--features", "cloud-communications"],
        ),
    ];
    let mut crates: Vec<(&'static str, PathBuf, String, &[&str])> = Vec::new();
    for (name, krate, derive, features, args) in variants {
        if !only.is_empty() && !only.iter().any(|o| name.contains(o.as_str())) {
            continue;
        }
        if let Some((_, dir, code, _)) = crates.iter().find(|c| c.1 == bench.join(krate)) {
            let (dir, code) = (dir.clone(), code.clone());
            crates.push((name, dir, code, args));
            continue;
        }
        let opts = graphdoc::emit::EmitOptions {
            features,
            ..Default::default()
        };
        let variant = graphdoc::emit::BenchOptions {
            serde_derive: derive,
            ..Default::default()
        };
        let code = emit(schema, &opts, &variant)?;
        let dir = bench.join(krate);
        let mut toml =
            graphdoc::emit::crate_manifest(&format!("bench-{krate}"), Some(&root.join("runtime")));
        if features {
            toml.push('\n');
            toml.push_str(&graphdoc::emit::features_table(schema));
        }
        write(&dir.join("Cargo.toml"), &toml)?;
        write(&dir.join("src/model.rs"), &code)?;
        // Warm: the dependencies only.
        write(&dir.join("src/lib.rs"), "")?;
        crate::copy_lock(root, &dir)?;
        eprintln!("bench: building dependencies for {name}");
        cargo_check(&dir, &target, args)?;
        crates.push((name, dir, code, args));
    }
    let mut out: Vec<Timing> = crates
        .iter()
        .map(|(name, _, code, _)| Timing {
            name,
            types: schema.types.len(),
            bytes: code.len(),
            check: Duration::MAX,
        })
        .collect();
    for round in 0..repeat.max(1) {
        for (i, (name, dir, _, args)) in crates.iter().enumerate() {
            // Fresh each time: new lib.rs text, and no incremental state from an earlier check.
            let krate = dir
                .file_name()
                .map(|n| n.to_string_lossy().replace('-', "_"))
                .unwrap_or_default();
            if let Ok(entries) = std::fs::read_dir(target.join("debug/incremental")) {
                for e in entries.flatten() {
                    if e.file_name()
                        .to_string_lossy()
                        .starts_with(&format!("bench_{krate}-"))
                    {
                        let _ = std::fs::remove_dir_all(e.path());
                    }
                }
            }
            write(
                &dir.join("src/lib.rs"),
                &format!(
                    "#![allow(clippy::all)]\n// variant {i}, round {round}\ninclude!(\"model.rs\");\n"
                ),
            )?;
            eprintln!("bench: cargo check {name}");
            let check = cargo_check(dir, &target, args)?;
            eprintln!("bench: {name}: {:.1} s", check.as_secs_f64());
            out[i].check = out[i].check.min(check);
        }
    }
    Ok(out)
}

/// The runtime benchmark's driver: the round trip of every example through each generated variant
/// (a library crate each, so they build in parallel and the driver rebuilds alone) and through
/// `serde_json::Value`, timed back to back.
const RUNTIME_MAIN: &str = r#"use bench_derive as derive;
use bench_ours as ours;
use bench_plain as plain;
use std::time::{Duration, Instant};

type RoundTrip = fn(&str) -> Result<String, serde_json::Error>;
type Lookup = fn(&str, bool) -> Option<RoundTrip>;

fn value(json: &str) -> Result<String, serde_json::Error> {
    serde_json::from_str::<serde_json::Value>(json).and_then(|v| serde_json::to_string(&v))
}

fn value_lookup(_: &str, _: bool) -> Option<RoundTrip> {
    Some(value)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let text = std::fs::read_to_string(&args[1]).expect("examples file");
    let rounds: usize = args[2].parse().expect("rounds");
    let all: Vec<(String, bool, String)> = serde_json::from_str(&text).expect("examples");
    let variants: [(&str, Lookup); 4] = [
        ("ours", ours::roundtrip_registry::roundtrip),
        ("serde_json::Value", value_lookup),
        ("derive", derive::roundtrip_registry::roundtrip),
        ("plain derive (drops unknown fields; reference)", plain::roundtrip_registry::roundtrip),
    ];
    // Each example's function per variant, looked up once (the timing is serde's work, not the
    // dispatch by name).
    let resolved: Vec<(Vec<Option<RoundTrip>>, &str)> = all
        .iter()
        .map(|(t, c, j)| (variants.iter().map(|(_, l)| l(t, *c)).collect(), j.as_str()))
        .collect();
    let ok = |f: Option<RoundTrip>, j: &str| f.is_some_and(|f| f(j).is_ok());
    for (i, (name, _)) in variants.iter().enumerate() {
        let failed = resolved.iter().filter(|(fs, j)| !ok(fs[i], j)).count();
        println!("  {name}: {failed} of {} do not round trip", all.len());
    }
    // The set: examples every variant reads and writes back (the plain variant writes back less).
    let set: Vec<(Vec<RoundTrip>, &str, &str)> = resolved
        .iter()
        .zip(&all)
        .filter(|((fs, j), _)| fs.iter().all(|f| ok(*f, j)))
        .map(|((fs, j), (t, _, _))| (fs.iter().flatten().copied().collect(), *j, t.as_str()))
        .collect();
    let bytes: usize = set.iter().map(|e| e.1.len()).sum();
    println!("examples: {} of {} ({} bytes)", set.len(), all.len(), bytes);
    let names: Vec<&str> = variants.iter().map(|(name, _)| *name).collect();
    let once = |f: RoundTrip, j: &str| {
        let _ = std::hint::black_box(f(std::hint::black_box(j)));
    };
    // `rounds` passes over the whole set in turn with variant `i` (the cold figure).
    let cold = |i: usize| {
        for _ in 0..rounds {
            for (fs, j, _) in &set {
                once(fs[i], j);
            }
        }
    };
    // With a variant named: only its cold rounds, nothing timed (run under cachegrind, beside a
    // zero-round run whose counts are subtracted).
    if let Some(only) = args.get(3) {
        cold(names.iter().position(|n| n.starts_with(only.as_str())).expect("a variant"));
        return;
    }
    let best = best_of(5, cold);
    report(&names, &best, "", &format!(" for {rounds} rounds"));
    // The same work with each example repeated `rounds` times in a row (its type's code and
    // tables stay in cache, as when a client pages through one collection).
    let warm = best_of(3, |i| {
        for (fs, j, _) in &set {
            for _ in 0..rounds {
                once(fs[i], j);
            }
        }
    });
    println!("each example repeated {rounds} times in a row:");
    report(&names, &warm, "  ", "");
    // Where the time goes: the examples that cost ours the most over `Value` (for profiling).
    let time = |f: RoundTrip, j: &str| {
        let start = Instant::now();
        for _ in 0..rounds {
            once(f, j);
        }
        start.elapsed().as_secs_f64() * 1e6 / rounds as f64
    };
    let mut excess: Vec<(f64, f64, &str, usize)> = set
        .iter()
        .map(|(fs, j, t)| {
            let (o, v) = (time(fs[0], j), time(fs[1], j));
            (o - v, o / v, *t, j.len())
        })
        .collect();
    excess.sort_by(|a, b| b.0.total_cmp(&a.0));
    println!("most time over serde_json::Value (µs per round trip, ratio, type, bytes):");
    for (d, r, t, n) in excess.iter().take(10) {
        println!("  {d:+8.1} {r:5.2}x {t} ({n} bytes)");
    }
}

/// The best of `repeats` interleaved timings of `pass(i)` for each variant `i`.
fn best_of(repeats: usize, pass: impl Fn(usize)) -> [Duration; 4] {
    let mut best = [Duration::MAX; 4];
    for _ in 0..repeats {
        for (i, b) in best.iter_mut().enumerate() {
            let start = Instant::now();
            pass(i);
            *b = (*b).min(start.elapsed());
        }
    }
    best
}

/// Each variant's time, then ours over `Value` and derive, and the plain reference over `Value`.
fn report(names: &[&str], best: &[Duration; 4], indent: &str, unit: &str) {
    for (name, b) in names.iter().zip(best) {
        println!("{indent}{name}: {:.1} ms{unit}", b.as_secs_f64() * 1e3);
    }
    println!("{indent}ours / serde_json::Value: {:.2}x", best[0].as_secs_f64() / best[1].as_secs_f64());
    println!("{indent}ours / derive: {:.2}x", best[0].as_secs_f64() / best[2].as_secs_f64());
    println!("{indent}plain derive / serde_json::Value: {:.2}x", best[3].as_secs_f64() / best[1].as_secs_f64());
}
"#;

/// `cargo xtask bench --runtime`: round trips (deserialize + serialize) of every response example
/// in the corpus whose JSON parses and whose type resolves, through graphdoc's types, through
/// `serde_json::Value`, through the serde-derived types and through the same derives with
/// `additional_data` skipped (unknown fields dropped: a bound on what owned typed serde reaches,
/// not a variant that meets the issue), in one release binary.
pub fn runtime(root: &Path, corpus: &Path, rounds: usize, cachegrind: bool) -> Result<(), String> {
    let analysis = read_corpus(corpus)?;
    let schema = &analysis.built.schema;
    let known: std::collections::BTreeSet<String> = schema
        .types
        .iter()
        .map(|t| t.qualified_name().to_ascii_lowercase())
        .collect();
    let mut examples: Vec<(String, bool, String)> = Vec::new();
    for e in &analysis.built.examples {
        let e = &e.example;
        if e.role != graphdoc::ir::ExampleRole::Response {
            continue;
        }
        let Some(t) = e.type_name.as_ref().map(|t| t.to_ascii_lowercase()) else {
            continue;
        };
        if !known.contains(&t) || serde_json::from_str::<serde_json::Value>(&e.json).is_err() {
            continue;
        }
        examples.push((t, e.collection, e.json.clone()));
    }
    let names: Vec<String> = examples
        .iter()
        .map(|e| e.0.clone())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let bench = bench_dir(root);
    let dir = bench.join("runtime");
    // (crate, serde derives, unknown fields dropped)
    for (krate, derive, drop_unknown) in [
        ("ours", false, false),
        ("derive", true, false),
        ("plain", true, true),
    ] {
        let variant = graphdoc::emit::BenchOptions {
            serde_derive: derive,
            registry: names.clone(),
        };
        let mut code = emit(schema, &Default::default(), &variant)?;
        if drop_unknown {
            code = drop_unknown_fields(&code)?;
        }
        let lib = bench.join(format!("runtime-{krate}"));
        write(&lib.join("src/model.rs"), &code)?;
        write(
            &lib.join("src/lib.rs"),
            "#![allow(clippy::all, dead_code)]\ninclude!(\"model.rs\");\n",
        )?;
        let toml =
            graphdoc::emit::crate_manifest(&format!("bench-{krate}"), Some(&root.join("runtime")));
        write(&lib.join("Cargo.toml"), &toml)?;
    }
    let toml = graphdoc::emit::crate_manifest("bench-runtime", Some(&root.join("runtime")))
        + "bench-ours = { path = \"../runtime-ours\" }\n\
           bench-derive = { path = \"../runtime-derive\" }\n\
           bench-plain = { path = \"../runtime-plain\" }\n\
           \n[profile.release]\ndebug = false\n";
    write(&dir.join("Cargo.toml"), &toml)?;
    crate::copy_lock(root, &dir)?;
    write(&dir.join("src/main.rs"), RUNTIME_MAIN)?;
    let data = dir.join("examples.json");
    write(
        &data,
        &serde_json::to_string(&examples).map_err(|e| e.to_string())?,
    )?;
    eprintln!("bench: cargo build --release (three generated variants)");
    let target = bench.join("target");
    let status = crate::cargo()
        .args(["build", "--quiet", "--release"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", &target)
        .status()
        .map_err(|e| format!("cargo build: {e}"))?;
    if !status.success() {
        return Err("cargo build of the runtime bench failed".into());
    }
    let binary = target.join("release/bench-runtime");
    let status = Command::new(&binary)
        .arg(&data)
        .arg(rounds.to_string())
        .status()
        .map_err(|e| format!("bench-runtime: {e}"))?;
    if !status.success() {
        return Err("the runtime bench failed".into());
    }
    if cachegrind {
        cachegrind_counts(&binary, &data)?;
    }
    Ok(())
}

/// Cold rounds counted under cachegrind (`--cachegrind`).
const CACHEGRIND_ROUNDS: usize = 5;

/// Instructions, I1 misses and D1 misses per cold round over the example set, for ours, derive
/// and `serde_json::Value`: each variant's run of [`CACHEGRIND_ROUNDS`] rounds, less a run of none
/// (reading the examples and checking which every variant round trips), all run at once.
fn cachegrind_counts(binary: &Path, data: &Path) -> Result<(), String> {
    // The first run, of no rounds, is the baseline.
    let runs = [
        ("ours", 0),
        ("ours", CACHEGRIND_ROUNDS),
        ("derive", CACHEGRIND_ROUNDS),
        ("serde_json", CACHEGRIND_ROUNDS),
    ];
    eprintln!("bench: cachegrind ({CACHEGRIND_ROUNDS} cold rounds per variant)");
    let children = runs
        .iter()
        .map(|(variant, rounds)| {
            Command::new("valgrind")
                .args([
                    "--tool=cachegrind",
                    "--cache-sim=yes",
                    "--cachegrind-out-file=/dev/null",
                ])
                .arg(binary)
                .arg(data)
                .arg(rounds.to_string())
                .arg(variant)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .map_err(|e| format!("valgrind (is it installed?): {e}"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut counts = Vec::new();
    for child in children {
        let out = child
            .wait_with_output()
            .map_err(|e| format!("valgrind: {e}"))?;
        let text = String::from_utf8_lossy(&out.stderr);
        if !out.status.success() {
            return Err(format!("valgrind failed:\n{text}"));
        }
        counts.push(
            ["I   refs:", "I1  misses:", "D1  misses:"].map(|label| summary_count(&text, label)),
        );
    }
    let base = counts[0];
    println!(
        "cachegrind, per cold round over the set ({CACHEGRIND_ROUNDS} rounds, less a run of none):"
    );
    println!("| variant | instructions | I1 misses | D1 misses |");
    println!("| --- | --- | --- | --- |");
    let per_round: Vec<[f64; 3]> = counts[1..]
        .iter()
        .map(|c| [0, 1, 2].map(|k| c[k].saturating_sub(base[k]) as f64 / CACHEGRIND_ROUNDS as f64))
        .collect();
    for ((variant, _), c) in runs[1..].iter().zip(&per_round) {
        println!(
            "| {variant} | {:.1} M | {:.0} k | {:.0} k |",
            c[0] / 1e6,
            c[1] / 1e3,
            c[2] / 1e3
        );
    }
    let ratio = |k: usize| per_round[0][k] / per_round[1][k];
    println!(
        "ours / derive: instructions {:.2}x, I1 misses {:.2}x, D1 misses {:.2}x",
        ratio(0),
        ratio(1),
        ratio(2)
    );
    Ok(())
}

/// The count after `label` in cachegrind's summary (`==1== I   refs:      402,559,144`); 0 when
/// absent.
fn summary_count(text: &str, label: &str) -> u64 {
    text.lines()
        .find_map(|l| l.split_once(label))
        .and_then(|(_, rest)| rest.split_whitespace().next())
        .and_then(|n| n.replace(',', "").parse().ok())
        .unwrap_or(0)
}

/// The derived code with every struct's `additional_data` skipped instead of flattened: unknown
/// fields are ignored on the way in and nothing extra goes out.
fn drop_unknown_fields(derived: &str) -> Result<String, String> {
    const FLATTEN: &str = "#[serde(flatten)]";
    if !derived.contains(FLATTEN) {
        return Err("bench: the derived code has no flattened additional_data".into());
    }
    Ok(derived.replace(FLATTEN, "#[serde(skip)]"))
}

#[cfg(test)]
mod tests {
    use super::summary_count;

    #[test]
    fn cachegrind_summary_counts_are_read_by_label() {
        let text = "==7== I   refs:      402,559,144\n==7== I1  misses:      2,560,449\n\
                    ==7== D1  misses:        851,813  (   606,300 rd   +   245,513 wr)\n";
        assert_eq!(summary_count(text, "I   refs:"), 402_559_144);
        assert_eq!(summary_count(text, "I1  misses:"), 2_560_449);
        assert_eq!(summary_count(text, "D1  misses:"), 851_813);
        assert_eq!(summary_count(text, "LL refs:"), 0);
    }
}
