//! Measures the schema built from the real Microsoft Graph docs against the official CSDL.
//!
//! Needs the reference corpus: set `GRAPHDOC_CORPUS` to its directory (relative paths are taken
//! from the workspace root, e.g. `GRAPHDOC_CORPUS=../shared/corpus`). Without it the tests say why
//! they skip and pass.

use std::path::PathBuf;

use graphdoc::compare::{compare, Csdl, Report, Targets};

/// The corpus directory, or `None` after printing why the test skips.
fn corpus() -> Option<PathBuf> {
    let Some(value) = std::env::var_os("GRAPHDOC_CORPUS") else {
        println!(
            "skipping: GRAPHDOC_CORPUS is not set; set it to ../shared/corpus to run the corpus tests"
        );
        return None;
    };
    let path = PathBuf::from(&value);
    let path = if path.is_relative() {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join(path)
    } else {
        path
    };
    if !path.is_dir() {
        println!(
            "skipping: GRAPHDOC_CORPUS is {}, which is not a directory (resolved to {})",
            PathBuf::from(value).display(),
            path.display()
        );
        return None;
    }
    Some(path)
}

/// Builds the schema from `graph-docs-v1.0` and compares it with `metadata/v1.0-csdl.xml`.
fn corpus_report(corpus: &std::path::Path) -> Report {
    let metadata = corpus.join("metadata/v1.0-csdl.xml");
    let text = std::fs::read_to_string(&metadata)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", metadata.display()));
    let csdl = Csdl::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", metadata.display()));
    let analysis = graphdoc::analyze(&[corpus.join("graph-docs-v1.0")]);
    compare(&analysis.built.schema, &csdl)
}

#[test]
fn corpus_compare_runs() {
    let Some(corpus) = corpus() else { return };
    let report = corpus_report(&corpus);
    println!("{report}");
    let csdl_types =
        report.csdl_types.entity + report.csdl_types.complex + report.csdl_types.enumeration;
    let docs_types =
        report.docs_types.entity + report.docs_types.complex + report.docs_types.enumeration;
    assert!(csdl_types > 1000, "only {csdl_types} CSDL types");
    assert!(docs_types > 500, "only {docs_types} docs types");
    assert!(
        report.types_in_both > 500,
        "only {} types in both",
        report.types_in_both
    );
    assert!(
        report.property_recall.den > 1000,
        "{:?}",
        report.property_recall
    );
    assert!(
        report.enum_member_recall.den > 100,
        "{:?}",
        report.enum_member_recall
    );
}

/// The issue's targets; ignored until the builder is tuned for the corpus. Run with
/// `GRAPHDOC_CORPUS=../shared/corpus cargo test -p graphdoc --test corpus_compare -- --ignored`.
#[test]
#[ignore = "the builder is not tuned for the corpus yet"]
fn corpus_meets_targets() {
    let Some(corpus) = corpus() else { return };
    let report = corpus_report(&corpus);
    println!("{report}");
    let failures = report.failures(&Targets::ISSUE_3);
    assert!(
        failures.is_empty(),
        "below target:\n{}",
        failures
            .iter()
            .map(|f| format!("  {f}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}
