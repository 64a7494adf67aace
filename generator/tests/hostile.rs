//! Broken and hostile input: every case gets its exact diagnostic (file:line:col, severity, kind,
//! message) and exit code from the `graphdoc -v generate` command. Nothing a page says is an
//! error: each problem is a warning and the output is still written. Errors are for what the user
//! fixes outside the docs (a missing input is exit 2, an unreadable file exit 1), and every one is
//! reported.

use std::path::Path;
use std::process::Command;

/// A resource page; `rows` start at line 12, `extra` follows the table after a blank line.
fn resource(name: &str, ns: &str, rows: &[&str], extra: &str) -> String {
    format!(
        "---\ndoc_type: resourcePageType\n---\n# {name} resource type\n\nNamespace: {ns}\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n{}\n\n{extra}\n",
        rows.join("\n")
    )
}

fn annotation(ty: &str, base: Option<&str>) -> String {
    let base = base
        .map(|b| format!(", \"baseType\": \"{b}\""))
        .unwrap_or_default();
    format!("<!-- {{ \"blockType\": \"resource\", \"truncated\": true, \"@odata.type\": \"{ty}\"{base} }} -->\n```json\n{{}}\n```")
}

/// Writes the pages, runs `graphdoc -v generate`, and returns the exit code and the one-line
/// diagnostics (`file:line:col: severity[kind]: message`, paths relative to the docs dir).
fn run(pages: &[(&str, &[u8])]) -> (i32, Vec<String>) {
    let (code, d, _) = run_with_output(pages);
    (code, d)
}

/// As [`run`], with the generated code (empty when nothing was written).
fn run_with_output(pages: &[(&str, &[u8])]) -> (i32, Vec<String>, String) {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    for (name, text) in pages {
        std::fs::write(docs.join(name), text).unwrap();
    }
    let (code, d) = run_dir(&docs, &tmp.path().join("out"));
    let out = std::fs::read_to_string(tmp.path().join("out/msgraph.rs")).unwrap_or_default();
    (code, d, out)
}

fn run_dir(docs: &Path, out: &Path) -> (i32, Vec<String>) {
    let output = Command::new(env!("CARGO_BIN_EXE_graphdoc"))
        .args(["-v", "generate"])
        .arg(docs)
        .arg("--out-dir")
        .arg(out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let prefix = format!("{}/", docs.display());
    let lines = stderr
        .lines()
        .filter(|l| l.contains("error[") || l.contains("warning[") || l.contains("note["))
        .map(|l| l.replace(&prefix, ""))
        .collect();
    (output.status.code().unwrap_or(-1), lines)
}

#[test]
fn missing_input_dir() {
    let (code, d) = run_dir(
        Path::new("/nonexistent/graphdoc-docs"),
        Path::new("/tmp/graphdoc-never-written"),
    );
    assert_eq!(d, ["error[input]: input `/nonexistent/graphdoc-docs` does not exist (give a docs directory or a `.md` page)"]);
    assert_eq!(code, 2);
    assert!(!Path::new("/tmp/graphdoc-never-written").exists());
}

#[test]
fn non_utf8_empty_and_untitled_pages_are_warnings() {
    let page = resource("a", "microsoft.graph", &["| x | String | caf\u{e9} |"], "");
    let mut latin1 = page.into_bytes();
    // `é` written as Latin-1: the page is read with the byte replaced.
    let at = latin1.windows(2).position(|w| w == [0xc3, 0xa9]).unwrap();
    latin1.splice(at..at + 2, [0xe9]);
    let (code, d, out) = run_with_output(&[
        ("a.md", &latin1),
        ("empty.md", b"  \n"),
        ("untitled.md", b"Some text.\n"),
    ]);
    assert_eq!(
        d,
        [
            "a.md:12:1: warning[encoding]: file is not valid UTF-8; read with the invalid bytes replaced",
            "empty.md:1:1: warning[empty-page]: page is empty",
            "untitled.md:1:1: warning[no-title]: page has no `# title` heading",
        ]
    );
    assert_eq!(code, 0);
    assert!(
        out.contains("pub struct A ") && out.contains("pub x: Option<String>"),
        "{out}"
    );
}

#[test]
fn unreadable_page() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    // Tests may run as root, which reads any file: a dangling link is unreadable for everyone.
    std::os::unix::fs::symlink(tmp.path().join("gone.md"), docs.join("dangling.md")).unwrap();
    let (code, d) = run_dir(&docs, &tmp.path().join("out"));
    assert_eq!(d, ["dangling.md:1:1: error[input]: cannot read file: No such file or directory (os error 2)"]);
    assert_eq!(code, 1);
}

#[test]
fn malformed_annotation_and_example_are_warnings() {
    let page = resource("a", "microsoft.graph", &["| x | String | |"], "<!-- { \"blockType\": \"resource\", } -->\n```json\n{}\n```\n\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.a\" } -->\n```json\n{\n  \"x\": \"1\",,\n}\n```");
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("docs")).unwrap();
    std::fs::write(tmp.path().join("docs/a.md"), page).unwrap();
    let (code, d) = run_dir(&tmp.path().join("docs"), &tmp.path().join("out"));
    assert_eq!(
        d,
        [
            "a.md:14:1: warning[malformed-annotation]: annotation comment is not valid JSON (trailing comma at line 1 column 28); ignored",
            "a.md:22:12: warning[malformed-example]: example JSON does not parse: key must be a string at line 2 column 12; not checked",
        ]
    );
    assert_eq!(code, 0);
}

#[test]
fn rows_with_too_few_or_too_many_cells() {
    let page = resource(
        "a",
        "microsoft.graph",
        &["| x | String |", "| y | String | d | extra |"],
        "",
    );
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("docs")).unwrap();
    std::fs::write(tmp.path().join("docs/a.md"), page).unwrap();
    let (code, d) = run_dir(&tmp.path().join("docs"), &tmp.path().join("out"));
    assert_eq!(
        d,
        [
            "a.md:12:1: warning[table-row-cells]: table row has 2 cells, fewer than the header's 3; read as 3",
            "a.md:13:1: warning[table-row-cells]: table row has 4 cells, more than the header's 3; read as 3",
        ]
    );
    assert_eq!(code, 0);
}

#[test]
fn unresolved_reference_is_a_warning_and_becomes_json() {
    let page = resource(
        "a",
        "microsoft.graph",
        &["| x | [nowhere](nowhere.md) | |"],
        "",
    );
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("docs")).unwrap();
    std::fs::write(tmp.path().join("docs/a.md"), &page).unwrap();
    let (code, d) = run_dir(&tmp.path().join("docs"), &tmp.path().join("out"));
    assert_eq!(d, ["a.md:12:1: warning[unresolved-type]: type `nowhere` of `x` is not defined by any page or example (its page would be `nowhere.md`); typed as untyped JSON"]);
    assert_eq!(code, 0);
    // Without -v, one line says what is missing and which page would define it.
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("a.md"), &page).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_graphdoc"))
        .arg("schema")
        .arg(tmp.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("\nmissing: 1 type the docs refer to is not in the input: nowhere (nowhere.md); add their pages to the input\n"),
        "{stderr}"
    );
}

#[test]
fn inheritance_cycle_and_enum_base_are_warnings() {
    let a = resource(
        "a",
        "microsoft.graph",
        &["| x | String | |"],
        &annotation("microsoft.graph.a", Some("microsoft.graph.b")),
    );
    let b = resource(
        "b",
        "microsoft.graph",
        &["| y | String | |"],
        &annotation("microsoft.graph.b", Some("microsoft.graph.a")),
    );
    let c = resource(
        "c",
        "microsoft.graph",
        &["| z | String | |"],
        &annotation("microsoft.graph.c", Some("microsoft.graph.color")),
    );
    let color = "---\ndoc_type: enumPageType\n---\n# color enum type\n\nNamespace: microsoft.graph\n\n## Members\n\n| Member | Description |\n|:--|:--|\n| red | |\n";
    let (code, d, out) = run_with_output(&[
        ("a.md", a.as_bytes()),
        ("b.md", b.as_bytes()),
        ("c.md", c.as_bytes()),
        ("color.md", color.as_bytes()),
    ]);
    assert_eq!(
        d,
        [
            "b.md:14:1: warning[inheritance-cycle]: inheritance cycle microsoft.graph.a → microsoft.graph.b → microsoft.graph.a; broken at its weakest edge: `microsoft.graph.b` → `microsoft.graph.a` (annotation) is dropped",
            "c.md:4:1: warning[base-is-enum]: `microsoft.graph.c` inherits from `microsoft.graph.color`, which is an enum; the base is dropped",
        ]
    );
    assert_eq!(code, 0);
    // `a` keeps its base `b` (so `AnyB` holds it); `c` has none.
    assert!(
        out.contains("pub enum AnyB") && !out.contains("pub enum AnyA"),
        "{out}"
    );
    assert!(out.contains("pub z: Option<String>"));
}

#[test]
fn conflicting_property_types_across_pages() {
    let a = resource("a", "microsoft.graph", &["| x | String | |"], "");
    let update = "---\ndoc_type: apiPageType\n---\n# Update a\n\nUpdate the properties of an [a](../resources/a.md) object.\n\n## HTTP request\n\n```http\nPATCH /as/{id}\n```\n\n## Request body\n\n| Property | Type | Description |\n|:--|:--|:--|\n| x | Int32 | |\n";
    let (code, d) = run(&[("a.md", a.as_bytes()), ("update-a.md", update.as_bytes())]);
    assert_eq!(d, ["update-a.md:18:1: warning[property-conflict]: `microsoft.graph.a.x` is typed Edm.Int32 here but Edm.String at a.md:12:1"]);
    assert_eq!(code, 0);
}

#[test]
fn names_that_collide_are_renamed_and_non_identifiers_are_skipped() {
    let page = resource(
        "a",
        "microsoft.graph",
        &[
            "| fooBar | String | |",
            "| foo_bar | String | |",
            "| additionalData | String | |",
            "| type | String | |",
            "| Контекст | String | |",
        ],
        "",
    );
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("docs")).unwrap();
    std::fs::write(tmp.path().join("docs/a.md"), page).unwrap();
    let (code, d) = run_dir(&tmp.path().join("docs"), &tmp.path().join("out"));
    assert_eq!(
        d,
        [
            "a.md:13:1: warning[name-collision]: property `foo_bar` and `fooBar` (at a.md:12:1) both become the Rust name `foo_bar`; this one is named `foo_bar2`",
            "a.md:14:1: warning[name-collision]: property `additionalData` and `<the generated additional_data field>` both become the Rust name `additional_data`; this one is named `additional_data2`",
            "a.md:16:1: warning[property-name]: `Контекст` is not a property name (an ASCII identifier); row skipped",
        ]
    );
    assert_eq!(code, 0);
    let out = std::fs::read_to_string(tmp.path().join("out/msgraph.rs")).unwrap();
    for field in [
        "pub foo_bar: Option<String>",
        "pub foo_bar2: Option<String>",
        "pub additional_data2: Option<String>",
        "pub r#type: Option<String>",
    ] {
        assert!(out.contains(field), "{field} missing:\n{out}");
    }
    // Every wire name is kept, in order.
    let flat: String = out.split_whitespace().collect();
    assert!(
        flat.contains(r#"fields:&["fooBar","foo_bar","additionalData","type"]"#),
        "{out}"
    );
}

#[test]
fn keyword_property_becomes_a_raw_identifier() {
    let page = resource(
        "a",
        "microsoft.graph",
        &["| type | String | |", "| self | String | |"],
        "",
    );
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("docs")).unwrap();
    std::fs::write(tmp.path().join("docs/a.md"), page).unwrap();
    let (code, d) = run_dir(&tmp.path().join("docs"), &tmp.path().join("out"));
    assert_eq!((code, d), (0, vec![]));
    let code = std::fs::read_to_string(tmp.path().join("out/msgraph.rs")).unwrap();
    assert!(
        code.contains("pub r#type: Option<String>") && code.contains("pub self_: Option<String>")
    );
    // The wire names stay as written, in field order.
    let flat: String = code.split_whitespace().collect();
    assert!(flat.contains(r#"fields:&["type","self"]"#), "{code}");
}

#[test]
fn duplicate_enum_members() {
    let color = "---\ndoc_type: enumPageType\n---\n# color enum type\n\nNamespace: microsoft.graph\n\n## Members\n\n| Member | Description |\n|:--|:--|\n| red | |\n| Red | |\n";
    let (code, d, out) = run_with_output(&[("color.md", color.as_bytes())]);
    assert_eq!(d, ["color.md:13:1: warning[duplicate-member]: member `Red` of `microsoft.graph.color` is listed twice (first at line 12)"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("pub enum Color") && out.matches("Red,").count() == 1,
        "{out}"
    );
}
