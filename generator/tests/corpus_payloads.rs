//! The payload test (issue "Real payloads", item 4): every response example of the bundled
//! `docs/` and of the Graph v1.0 corpus is deserialized into its documented type (the one the
//! response annotation's `@odata.type` or the operation gives; collections as `Collection<T>`)
//! and serialized again, by a crate generated from the same docs with a generated dispatch table
//! (`roundtrip_registry`, see `BenchOptions::registry`) and run under
//! `$CARGO_TARGET_DIR/cargo-run`.
//!
//! Of the typed examples whose JSON parses it reports the share that deserializes, that is
//! lossless (written back equal as a `serde_json::Value`) and that is exact (equal token for token
//! once both sides are minified with their keys sorted, see `canonical`), and lists every
//! failure as `file:line: type: cause`. Response examples that are not JSON (placeholders,
//! ellipses, comments) and those without a type of the schema are counted and listed apart.
//! The corpus half needs `GRAPHDOC_CORPUS` (see `support`).

#[path = "support/canonical.rs"]
mod canonical;
#[path = "support/json_diff.rs"]
mod json_diff;
mod support;

use graphdoc::ir::ExampleRole;
use graphdoc::page::HttpMessage;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Floors, not targets: the figures measured when the test was written, rounded down to 0.1.
/// Raise them as the generated model improves.
const DOCS_FLOORS: Floors = Floors {
    deserialize: 100.0,
    lossless: 100.0,
    exact: 100.0,
};
/// Floors for the Graph v1.0 corpus, as [`DOCS_FLOORS`].
const CORPUS_FLOORS: Floors = Floors {
    deserialize: 100.0,
    lossless: 100.0,
    exact: 99.4,
};

/// Percentages of the valid typed examples.
struct Floors {
    deserialize: f64,
    lossless: f64,
    exact: f64,
}

/// The driver run in the generated crate: reads `[[type, collection, json], ...]` from the file
/// its argument names and prints one JSON line per example, `{"ok":true,"out":"…"}` with the
/// text written back or `{"ok":false,"error":"…"}`. `MODEL_CRATE` is the crate's library.
const DRIVER: &str = r#"//! Round trips each example through the generated model (see corpus_payloads).
use std::io::Write;

fn main() {
    let path = std::env::args().nth(1).expect("the examples file");
    let text = std::fs::read_to_string(path).expect("the examples file");
    let all: Vec<(String, bool, String)> = serde_json::from_str(&text).expect("examples");
    // A panic is the example's error, not the end of the run.
    std::panic::set_hook(Box::new(|_| {}));
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (name, collection, json) in &all {
        let line = match MODEL_CRATE::roundtrip_registry::roundtrip(name, *collection) {
            None => serde_json::json!({"ok": false, "error": format!("no round trip for {name}")}),
            Some(run) => match std::panic::catch_unwind(|| run(json)) {
                Ok(Ok(text)) => serde_json::json!({"ok": true, "out": text}),
                Ok(Err(e)) => serde_json::json!({"ok": false, "error": e.to_string()}),
                Err(panic) => {
                    let message = panic
                        .downcast_ref::<&str>()
                        .map(|s| s.to_string())
                        .or_else(|| panic.downcast_ref::<String>().cloned())
                        .unwrap_or_default();
                    serde_json::json!({"ok": false, "error": format!("panic: {message}")})
                }
            },
        };
        writeln!(out, "{line}").unwrap();
    }
}
"#;

/// A typed response example whose JSON parses.
struct Case {
    at: String,
    type_name: String,
    collection: bool,
    json: String,
}

impl Case {
    fn label(&self) -> String {
        let collection = if self.collection { "[collection]" } else { "" };
        format!("{}: {}{collection}", self.at, self.type_name)
    }
}

/// One failure: its report line and the kind of cause it is grouped by.
struct Failure {
    line: String,
    kind: String,
}

/// The response examples of a docs set, sorted out.
#[derive(Default)]
struct Examples {
    /// Typed, and their JSON parses: what is measured.
    cases: Vec<Case>,
    /// Bodies that are not JSON (placeholders, ellipses, comments), as `file:line: type: error`.
    invalid: Vec<String>,
    /// JSON without a type of the schema, as `file:line: why`.
    untyped: Vec<String>,
    /// JSON graphdoc reads no example from (a body that is neither an object nor an array, as a
    /// `$count`'s number).
    unread: Vec<String>,
}

/// Sorts the response examples of `analysis`: those graphdoc read (typed or not), then the
/// response bodies it did not read (it drops JSON that does not parse, with a warning, and bodies
/// that are neither an object nor an array), found again in the pages.
fn examples(analysis: &graphdoc::Analysis) -> Examples {
    let known: BTreeSet<String> = analysis
        .built
        .schema
        .types
        .iter()
        .map(|t| t.qualified_name().to_ascii_lowercase())
        .collect();
    let mut out = Examples::default();
    for e in analysis.built.examples.iter().map(|r| &r.example) {
        if e.role != ExampleRole::Response {
            continue;
        }
        let at = format!("{}:{}", e.origin.file, e.origin.line);
        match &e.type_name {
            None => out.untyped.push(format!("{at}: no type")),
            Some(t) if !known.contains(&t.to_ascii_lowercase()) => out
                .untyped
                .push(format!("{at}: {t} is not a type of the schema")),
            Some(t) => match serde_json::from_str::<Value>(&e.json) {
                Err(err) => out.invalid.push(format!("{at}: {t}: {err}")),
                Ok(_) => out.cases.push(Case {
                    at,
                    type_name: t.clone(),
                    collection: e.collection,
                    json: e.json.clone(),
                }),
            },
        }
    }
    let read: BTreeSet<(&str, u32)> = analysis
        .built
        .examples
        .iter()
        .map(|r| (r.example.origin.file.as_str(), r.example.origin.line))
        .collect();
    for source in &analysis.sources {
        let (page, _) = graphdoc::page::parse_page(&source.rel, &source.text);
        for block in &page.code_blocks {
            let Some(annotation) = &block.annotation else {
                continue;
            };
            if annotation.block_type.as_deref() != Some("response") {
                continue;
            }
            // The body and its line in the block, as graphdoc reads examples.
            let body = if block.lang == "http" {
                match graphdoc::page::parse_http(&block.text) {
                    Some(HttpMessage::Response(r)) => r.body.map(|b| (b, r.body_line)),
                    Some(HttpMessage::Request(r)) => r.body.map(|b| (b, r.body_line)),
                    None => None,
                }
            } else {
                let lead = block.text.lines().take_while(|l| l.trim().is_empty());
                Some((block.text.trim().to_owned(), lead.count())).filter(|b| !b.0.is_empty())
            };
            let Some((body, line)) = body else { continue };
            let (file, first) = (source.rel.as_str(), block.origin.line);
            let last = first + block.text.lines().count() as u32;
            if read.range((file, first)..=(file, last)).next().is_some() {
                continue;
            }
            let t = annotation.odata_type.as_deref().unwrap_or("(no type)");
            let at = format!("{file}:{}: {t}", first + line as u32);
            match serde_json::from_str::<Value>(&body) {
                Err(err) => out.invalid.push(format!("{at}: {err}")),
                Ok(v) if !v.is_object() && !v.is_array() => {
                    out.unread.push(format!("{at}: not an object or array"))
                }
                Ok(_) => out.unread.push(format!("{at}: not read as an example")),
            }
        }
    }
    out
}

/// Runs every response example under `dir` through a crate `krate` generated from `dir`, prints
/// the report and returns the deserialize, lossless and exact percentages and the valid count.
fn measure(set: &str, dir: &Path, krate: &str) -> ([f64; 3], usize) {
    let start = Instant::now();
    let analysis = graphdoc::analyze(&[dir.to_path_buf()]);
    assert!(!analysis.has_errors(), "{}", analysis.render_diagnostics());
    let Examples {
        cases,
        mut invalid,
        untyped,
        unread,
    } = examples(&analysis);
    // By place: those graphdoc read come before those found again in the pages.
    invalid.sort_by_cached_key(|line| {
        let mut parts = line.splitn(3, ':');
        let file = parts.next().unwrap_or_default().to_owned();
        (file, parts.next().and_then(|l| l.parse::<u32>().ok()))
    });
    let analyzed = start.elapsed();

    let outputs = round_trip(&analysis.built.schema, &cases, krate);
    let ran = start.elapsed();
    let (mut deserialized, mut lossless, mut exact) = (0, 0, 0);
    let mut failures = Vec::new();
    for (case, output) in cases.iter().zip(&outputs) {
        match check(case, output) {
            Ok(()) => (deserialized, lossless, exact) = (deserialized + 1, lossless + 1, exact + 1),
            Err((stage, failure)) => {
                deserialized += usize::from(stage > 0);
                lossless += usize::from(stage > 1);
                failures.push(failure);
            }
        }
    }

    let valid = cases.len();
    let pct = |n: usize| 100.0 * n as f64 / valid.max(1) as f64;
    let figures = [pct(deserialized), pct(lossless), pct(exact)];
    println!("== payloads: {set} ({})", dir.display());
    println!(
        "response examples: {} = {valid} typed with valid JSON + apart: {} not JSON, {} JSON \
         without a type of the schema, {} JSON not read as an example",
        valid + invalid.len() + untyped.len() + unread.len(),
        invalid.len(),
        untyped.len(),
        unread.len(),
    );
    println!(
        "deserialize {:.1}% ({deserialized}), lossless {:.1}% ({lossless}), exact {:.1}% ({exact}) of {valid}",
        figures[0], figures[1], figures[2]
    );
    println!(
        "time: {:.1} s (analysis {:.1} s, emission, build and run {:.1} s, comparison {:.1} s)",
        start.elapsed().as_secs_f64(),
        analyzed.as_secs_f64(),
        (ran - analyzed).as_secs_f64(),
        (start.elapsed() - ran).as_secs_f64()
    );
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &failures {
        *kinds.entry(&f.kind).or_default() += 1;
    }
    let mut kinds: Vec<(&str, usize)> = kinds.into_iter().collect();
    kinds.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    println!("-- failures by cause ({} kinds):", kinds.len());
    for (kind, n) in &kinds {
        println!("{n:6} {kind}");
    }
    for (title, lines) in [
        (
            "failures",
            failures.iter().map(|f| f.line.clone()).collect(),
        ),
        ("not JSON", invalid),
        ("JSON without a type of the schema", untyped),
        ("JSON not read as an example", unread),
    ] {
        println!("-- {title} ({}):", lines.len());
        for line in lines {
            println!("{line}");
        }
    }
    (figures, valid)
}

/// Each case's result line from the generated crate, in order.
fn round_trip(schema: &graphdoc::ir::Schema, cases: &[Case], krate: &str) -> Vec<Value> {
    if cases.is_empty() {
        return Vec::new();
    }
    let names: Vec<String> = cases
        .iter()
        .map(|c| c.type_name.to_ascii_lowercase())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let bench = graphdoc::emit::BenchOptions {
        serde_derive: false,
        registry: names,
    };
    let mut diags = graphdoc::diag::Diagnostics::default();
    let code = graphdoc::emit::emit_for_bench(schema, &Default::default(), &bench, &mut diags)
        .unwrap_or_else(|| panic!("{:?}", diags.into_sorted()));
    let data: Vec<(String, bool, &str)> = cases
        .iter()
        .map(|c| {
            (
                c.type_name.to_ascii_lowercase(),
                c.collection,
                c.json.as_str(),
            )
        })
        .collect();
    let file = support::target_dir().join(format!("{krate}.examples.json"));
    std::fs::create_dir_all(support::target_dir()).unwrap();
    std::fs::write(&file, serde_json::to_string(&data).unwrap()).unwrap();
    let lib = "//! Generated by the corpus_payloads test.\n#![allow(warnings, clippy::all)]\ninclude!(\"model.rs\");\n";
    let stdout = support::cargo_run(
        krate,
        &[
            ("lib.rs".into(), lib.into()),
            ("model.rs".into(), code),
            (
                "main.rs".into(),
                DRIVER.replace("MODEL_CRATE", &krate.replace('-', "_")),
            ),
        ],
        [&file],
    );
    let outputs: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(outputs.len(), cases.len(), "one result per example");
    outputs
}

/// `Ok` when the example round trips exactly; else the stage it reached (0: it does not
/// deserialize, 1: it deserializes, 2: it is lossless) and its failure.
fn check(case: &Case, output: &Value) -> Result<(), (u8, Failure)> {
    let fail = |stage, cause: String, kind| {
        let line = format!("{}: {cause}", case.label());
        Err((stage, Failure { line, kind }))
    };
    if output["ok"] != Value::Bool(true) {
        let error = output["error"].as_str().unwrap_or_default();
        return fail(0, format!("deserialize: {error}"), error_kind(error));
    }
    let out = output["out"].as_str().unwrap();
    let parse = |s: &str| serde_json::from_str::<Value>(s).unwrap();
    if let Some(d) = json_diff::first_difference(&parse(&case.json), &parse(out)) {
        return fail(1, format!("lossless: {d}"), d.kind());
    }
    let (a, b) = (
        canonical::tokens(&case.json).unwrap(),
        canonical::tokens(out).unwrap(),
    );
    if let Some((x, y)) = canonical::first_difference(&a, &b) {
        fn text(t: Option<&canonical::Token>) -> &str {
            t.map_or("(end)", |t| t.text.as_str())
        }
        let path = x.or(y).map_or("/", |t| t.path.as_str());
        let kind = match (text(x).as_bytes().first(), text(y).as_bytes().first()) {
            (Some(b'"'), Some(b'"')) => "exact: string spelling (escapes)",
            (Some(b'-' | b'0'..=b'9'), Some(b'-' | b'0'..=b'9')) => {
                "exact: number spelling (1.50 vs 1.5)"
            }
            _ => "exact: other token",
        };
        return fail(
            2,
            format!("exact: {path}: {} vs {}", text(x), text(y)),
            kind.into(),
        );
    }
    Ok(())
}

/// A deserialize error without its specifics (position, quoted values, counts): what failures
/// are grouped by.
fn error_kind(error: &str) -> String {
    let mut error = error.split(" at line ").next().unwrap_or(error);
    // The runtime's `type.property: ` prefixes name where, not what.
    while let Some((head, rest)) = error.split_once(": ") {
        let path = head.split_once('.').is_some_and(|(t, p)| {
            [t, p]
                .iter()
                .all(|s| !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || c == '_'))
        });
        if !path {
            break;
        }
        error = rest;
    }
    // An Edm value the runtime cannot read: which Edm type, not the parser's detail.
    if let Some(rest) = error.strip_prefix("invalid Edm.") {
        let edm = rest.split([' ', ':']).next().unwrap_or(rest);
        return format!("deserialize: invalid Edm.{edm} (a placeholder or malformed value)");
    }
    if error.starts_with("unknown variant") {
        return "deserialize: unknown variant (enum spelling)".into();
    }
    let mut kind = String::from("deserialize: ");
    let mut quote = None;
    for c in error.chars() {
        match (quote, c) {
            (None, '"' | '`') => {
                quote = Some(c);
                if kind.ends_with(' ') {
                    kind.pop();
                }
            }
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, c) if c.is_ascii_digit() => {
                if !kind.ends_with('N') {
                    kind.push('N');
                }
            }
            (None, c) => kind.push(c),
        }
    }
    kind
}

fn assert_floors(set: &str, figures: [f64; 3], floors: &Floors) {
    let names = ["deserialize", "lossless", "exact"];
    let floors = [floors.deserialize, floors.lossless, floors.exact];
    for ((name, got), floor) in names.iter().zip(figures).zip(floors) {
        assert!(
            got >= floor,
            "{set}: {name} {got:.1}% is below its floor {floor}%"
        );
    }
}

#[test]
fn docs_payloads_round_trip() {
    let docs = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs");
    let (figures, valid) = measure("docs/", &docs, "payloads-docs");
    assert!(valid > 0, "docs/ has no valid typed response example");
    assert_floors("docs/", figures, &DOCS_FLOORS);
}

#[test]
#[cfg_attr(
    not(graphdoc_corpus),
    ignore = "set GRAPHDOC_CORPUS=../shared/corpus to run"
)]
fn corpus_payloads_round_trip() {
    let corpus = support::corpus().join("graph-docs-v1.0");
    let (figures, _) = measure("graph-docs-v1.0", &corpus, "payloads-corpus");
    assert_floors("graph-docs-v1.0", figures, &CORPUS_FLOORS);
}

#[test]
fn deserialize_errors_are_grouped_without_their_specifics() {
    assert_eq!(
        error_kind("invalid type: string \"abc\", expected a map at line 3 column 7"),
        "deserialize: invalid type: string, expected a map"
    );
    assert_eq!(
        error_kind("unknown variant `Foo`, expected one of `a`, `b`"),
        "deserialize: unknown variant (enum spelling)"
    );
    assert_eq!(
        error_kind(
            "event.responseStatus: responseStatus.time: invalid Edm.DateTimeOffset \"x\": failed"
        ),
        "deserialize: invalid Edm.DateTimeOffset (a placeholder or malformed value)"
    );
    assert_eq!(
        error_kind("workbookRange.values: invalid type: string \"a\", expected a object"),
        "deserialize: invalid type: string, expected a object"
    );
    assert_eq!(
        error_kind("invalid length 12, expected 3 items"),
        "deserialize: invalid length N, expected N items"
    );
}
