//! What `cargo xtask` says: `regenerate` summarizes the docs' warnings in a few lines and says they
//! are expected; `bench` refuses to run without the corpus and says why.

use graphdoc::write::Mode;

#[test]
fn regenerate_summarizes_the_expected_warnings() {
    let outcome =
        xtask::regenerate(&xtask::workspace_root(), Mode::Check).unwrap_or_else(|e| panic!("{e}"));
    let summary = outcome.summary();
    let lines: Vec<&str> = summary.lines().collect();
    // One line saying what and where to see each, then one per code.
    let codes: std::collections::BTreeSet<String> = outcome
        .analysis
        .diagnostics
        .iter()
        .map(graphdoc::report::code)
        .collect();
    assert!(outcome.warning_count > 0, "the seed pages have warnings");
    assert_eq!(lines.len(), 1 + codes.len(), "{summary}");
    assert!(
        lines[0].starts_with(&format!("docs/: {} warnings, ", outcome.warning_count))
            && lines[0].contains("; expected (")
            && lines[0].ends_with("`cargo run -p graphdoc -- schema docs -v` shows each"),
        "{summary}"
    );
    assert!(
        lines[1..]
            .iter()
            .all(|l| l.starts_with("  warning[") || l.starts_with("  note[")),
        "{summary}"
    );
}

#[test]
fn bench_refuses_without_the_corpus() {
    let root = xtask::workspace_root();
    let Err(e) =
        xtask::bench::compile_time(&root, std::path::Path::new("/nonexistent/corpus"), 1, &[])
    else {
        panic!("the bench ran without a corpus");
    };
    assert!(
        e.starts_with("bench: no corpus at /nonexistent/corpus; the bench times code generated"),
        "{e}"
    );
    let empty = tempfile_dir();
    let Err(e) = xtask::bench::runtime(&root, &empty, 1, false) else {
        panic!("the bench ran on an empty directory");
    };
    assert!(e.contains("has no `.md` pages"), "{e}");
    let _ = std::fs::remove_dir_all(&empty);
}

/// An empty directory of this test's own (xtask has no tempfile dependency).
fn tempfile_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("xtask-bench-empty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
