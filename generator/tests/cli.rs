//! The `graphdoc` binary as a script sees it: exit statuses (0 done, 1 the docs fail a check,
//! 2 usage or I/O error), what stderr says by default (a summary by code and a line of what was
//! done), with `-v`, `-q` and `--message-format json`, a single page as input, an input with no
//! pages, and the suggestions for an unknown `--select` name. On the bundled `docs/` (five pages,
//! 20 warnings of 4 codes, 4 notes).

use std::path::{Path, PathBuf};
use std::process::Command;

fn docs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs")
}

/// Runs the binary; returns the exit status, stdout and stderr.
fn graphdoc(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_graphdoc"))
        .args(args)
        .output()
        .expect("runs graphdoc");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A CSDL with one type the docs do not have: every figure is far below its target.
const CSDL: &str = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="somethingElse"><Property Name="id" Type="Edm.String" /></EntityType>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>"#;

/// A page with no diagnostics at all.
const CLEAN_PAGE: &str = "---\ndoc_type: resourcePageType\n---\n# a resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| name | String | |\n";

#[test]
fn schema_by_default_prints_a_summary_by_code_and_what_it_did() {
    let (code, stdout, stderr) = graphdoc(&["schema", s(&docs())]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with('{'), "{stdout}");
    let lines: Vec<&str> = stderr.lines().collect();
    // One line per warning code with its count, up to two occurrences each, one line of notes,
    // the count and what was printed.
    let heads: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.starts_with("warning["))
        .collect();
    assert_eq!(
        heads,
        [
            "warning[placeholder]: 17 times, the first 2",
            "warning[example-enum-value]: 1 time",
            "warning[inferred-type]: 1 time",
            "warning[unresolved-type]: 1 time",
        ],
        "{stderr}"
    );
    // Heads, occurrences, the missing: line (the seeds bind to `call`, which no seed defines),
    // the notes line and the two closing lines.
    assert_eq!(lines.len(), 4 + 5 + 1 + 1 + 2, "{stderr}");
    assert!(stderr.contains("\nmissing: 1 type the docs refer to is not in the input: call; "));
    let occurrence = lines[1];
    assert!(
        occurrence.starts_with("    ")
            && occurrence.contains("docs/update-commsoperation.md:47:1: "),
        "{occurrence}"
    );
    assert!(
        lines[10].starts_with("note: 4 notes (enum-synthesized 2,"),
        "{stderr}"
    );
    assert_eq!(
        lines[11],
        "graphdoc: read 5 pages: 0 errors, 20 warnings, 4 notes; `-v` shows each with its source"
    );
    assert!(
        lines[12].starts_with("graphdoc: printed the schema: 9 types, 5 operations, "),
        "{stderr}"
    );
}

#[test]
fn verbose_prints_every_diagnostic_with_its_snippet_and_quiet_only_errors() {
    let (code, _, stderr) = graphdoc(&["-v", "schema", s(&docs())]);
    assert_eq!(code, 0);
    let one_line = |l: &&str| l.contains("warning[") || l.contains("note[");
    assert_eq!(stderr.lines().filter(one_line).count(), 24, "{stderr}");
    assert!(stderr.contains("\n   | ^\n"), "{stderr}");
    let (code, _, stderr) = graphdoc(&["schema", s(&docs()), "--quiet"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
}

#[test]
fn json_message_format_is_one_object_per_diagnostic() {
    let (code, _, stderr) = graphdoc(&["--message-format", "json", "schema", s(&docs())]);
    assert_eq!(code, 0);
    let objects: Vec<serde_json::Value> = stderr
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert_eq!(objects.len(), 24, "{stderr}");
    let keys = [
        "code", "number", "level", "file", "line", "column", "message",
    ];
    for o in &objects {
        let o = o.as_object().unwrap();
        assert_eq!(o.len(), keys.len(), "{o:?}");
        assert!(keys.iter().all(|k| o.contains_key(*k)), "{o:?}");
    }
    let first = &objects[0];
    assert_eq!(first["code"], "unresolved-type");
    assert_eq!(first["level"], "warning");
    assert!(first["file"]
        .as_str()
        .unwrap()
        .ends_with("docs/call-updaterecordingstatus.md"));
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(15), Some(1))
    );
    // Errors not about a page have the same shape.
    let (code, _, stderr) = graphdoc(&["--message-format", "json", "schema", "/nonexistent/docs"]);
    assert_eq!(code, 2);
    let v: serde_json::Value = serde_json::from_str(stderr.trim()).unwrap();
    assert_eq!(
        (v["code"].as_str(), v["level"].as_str()),
        (Some("input"), Some("error"))
    );
    assert!(v["file"].is_null());
}

#[test]
fn generate_ends_on_what_it_wrote() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let (code, _, stderr) = graphdoc(&["generate", s(&docs()), "--out-dir", s(&out)]);
    assert_eq!(code, 0, "{stderr}");
    let last = stderr.lines().last().unwrap();
    let wrote = format!(
        "graphdoc: wrote {}: 9 types, 5 operations, ",
        out.join("msgraph.rs").display()
    );
    assert!(last.starts_with(&wrote) && last.ends_with(" s"), "{last}");
    assert!(out.join("msgraph.rs").is_file());
    let (code, _, stderr) = graphdoc(&["generate", s(&docs()), "--out-dir", s(&out)]);
    assert_eq!(code, 0);
    assert!(
        stderr
            .lines()
            .last()
            .unwrap()
            .starts_with("graphdoc: unchanged "),
        "{stderr}"
    );
}

#[test]
fn deny_warnings_fails_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let (code, _, stderr) = graphdoc(&[
        "generate",
        s(&docs()),
        "--out-dir",
        s(&out),
        "--deny",
        "warnings",
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert!(!out.exists());
    assert_eq!(
        stderr.lines().last(),
        Some("error: 20 errors (20 warnings made errors by --deny warnings); nothing was written")
    );
    assert!(stderr.contains("error[placeholder]"), "{stderr}");
    let (code, _, _) = graphdoc(&["schema", s(&docs()), "--deny", "warnings", "-q"]);
    assert_eq!(code, 1);
    // Without warnings there is nothing to deny.
    let page = tmp.path().join("a.md");
    std::fs::write(&page, CLEAN_PAGE).unwrap();
    let (code, _, stderr) = graphdoc(&["schema", s(&page), "--deny", "warnings"]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn builder_deny_warnings_reports_concisely() {
    let err = graphdoc::Builder::new()
        .input(docs())
        .deny_warnings(true)
        .generate()
        .unwrap_err();
    let text = err.to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 21, "{text}");
    assert!(lines[0].contains(": error[unresolved-type]: "), "{text}");
    assert_eq!(
        lines[20],
        "graphdoc: 20 errors; nothing was generated (20 warnings made errors by deny_warnings)"
    );
    assert!(graphdoc::Builder::new().input(docs()).generate().is_ok());
}

#[test]
fn build_script_warnings_are_a_few_lines() {
    let analysis = graphdoc::analyze(&[docs()]);
    let lines = graphdoc::report::cargo_warnings(&analysis);
    assert_eq!(lines.len(), 5, "{lines:#?}");
    assert!(
        lines[0].starts_with(
            "graphdoc: 20 warnings in the docs (placeholder 17, example-enum-value 1, "
        ),
        "{}",
        lines[0]
    );
    assert!(lines[1].contains("warning[placeholder]"), "{}", lines[1]);
    assert_eq!(lines[4], "  ... and 1 more code");
    assert!(lines.iter().all(|l| !l.contains('\n')));
}

#[test]
fn a_single_page_is_an_input() {
    let page = docs().join("update-operation.md");
    let (code, stdout, stderr) = graphdoc(&["schema", s(&page)]);
    assert_eq!(code, 0, "{stderr}");
    let schema: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert!(!schema["types"].as_array().unwrap().is_empty());
    assert!(
        stderr.contains(&format!("{}:29:1: ", page.display())),
        "{stderr}"
    );
    let tmp = tempfile::tempdir().unwrap();
    let text = tmp.path().join("notes.txt");
    std::fs::write(&text, "# notes\n").unwrap();
    let (code, _, stderr) = graphdoc(&["schema", s(&text)]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("is not a `.md` page or a directory of them"),
        "{stderr}"
    );
}

#[test]
fn an_input_with_no_pages_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("readme.txt"), "not a page").unwrap();
    let (code, stdout, stderr) = graphdoc(&["schema", s(tmp.path())]);
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert!(
        stderr.starts_with(&format!(
            "error[input]: input directory `{}` has no `.md` pages\n",
            tmp.path().display()
        )),
        "{stderr}"
    );
}

#[test]
fn unknown_select_suggests_qualified_names() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let (code, _, stderr) = graphdoc(&[
        "-q",
        "generate",
        s(&docs()),
        "--out-dir",
        s(&out),
        "--select",
        "recordoperation",
    ]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error[select]: selected type `recordoperation` is not in the schema; did you mean \
         `microsoft.graph.recordOperation`?\nerror: 1 error; nothing was written\n"
    );
    assert!(!out.exists());
}

#[test]
fn exit_statuses() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = docs();
    let csdl = tmp.path().join("csdl.xml");
    std::fs::write(&csdl, CSDL).unwrap();
    let missing = "/nonexistent/graphdoc-docs";
    let file = tmp.path().join("file");
    std::fs::write(&file, "").unwrap();
    let unwritable = file.join("out");
    let cases: Vec<(Vec<&str>, i32)> = vec![
        (vec!["schema", s(&docs)], 0),
        (vec!["schema", missing], 2),
        (vec!["validate", s(&docs)], 0),
        (vec!["validate", missing], 2),
        (vec!["validate", s(&docs), "--fail-under", "100"], 0),
        (vec!["validate", s(&docs), "--fail-under", "101"], 1),
        (vec!["compare", s(&docs), "--metadata", s(&csdl)], 0),
        (
            vec!["compare", s(&docs), "--metadata", s(&csdl), "--check"],
            1,
        ),
        (vec!["compare", missing, "--metadata", s(&csdl)], 2),
        (
            vec!["compare", s(&docs), "--metadata", "/nonexistent.xml"],
            2,
        ),
        (vec!["generate", missing, "--out-dir", s(tmp.path())], 2),
        (vec!["generate", s(&docs), "--out-dir", s(&unwritable)], 2),
        (vec!["schema"], 2),
        (vec!["frobnicate"], 2),
    ];
    for (args, want) in cases {
        let (code, _, stderr) = graphdoc(&args);
        assert_eq!(code, want, "graphdoc {}:\n{stderr}", args.join(" "));
    }
    let (_, stdout, stderr) = graphdoc(&["compare", missing, "--metadata", s(&csdl)]);
    assert_eq!(stdout, "", "no table of 0% for docs that were not read");
    assert!(
        stderr.starts_with("error[input]: input `/nonexistent/graphdoc-docs` does not exist"),
        "{stderr}"
    );
}

#[test]
fn errors_past_the_first_twenty_are_counted_by_code() {
    let tmp = tempfile::tempdir().unwrap();
    for i in 0..25 {
        std::fs::write(tmp.path().join(format!("p{i:02}.md")), "Some text.\n").unwrap();
    }
    // Untitled pages are warnings; denied, they are 25 errors.
    let (code, _, stderr) = graphdoc(&["schema", s(tmp.path()), "--deny", "warnings"]);
    assert_eq!(code, 1);
    let full = stderr
        .lines()
        .filter(|l| l.contains(": error[no-title]: page has no"))
        .count();
    assert_eq!(full, 20, "{stderr}");
    assert!(stderr.contains("\nerror[no-title]: 5 more\n"), "{stderr}");
    assert_eq!(
        stderr.lines().last(),
        Some("error: the docs have 25 errors (25 warnings made errors by --deny warnings)")
    );
    let (_, _, stderr) = graphdoc(&["schema", s(tmp.path()), "-v", "--deny", "warnings"]);
    let full = stderr
        .lines()
        .filter(|l| l.contains(": error[no-title]: page has no"))
        .count();
    assert_eq!(full, 25, "{stderr}");
}
