//! No path escape: type and namespace names from the docs never put a schema file outside the
//! output directory, never name a device file, and never give two files that collide on a
//! case-insensitive file system. Such names are made safe (with a warning), never dropped.

use graphdoc::diag::{Diagnostics, Origin};
use graphdoc::ir::{Schema, TypeDef, TypeKind};

fn ty(namespace: &str, name: &str) -> TypeDef {
    TypeDef {
        origins: vec![Origin::new("p.md", 1, 1)],
        ..TypeDef::new(namespace, name, TypeKind::Complex)
    }
}

fn files(types: Vec<TypeDef>) -> (Vec<String>, Vec<String>) {
    let mut d = Diagnostics::default();
    let files = graphdoc::schema_files::schema_files(
        &Schema {
            types,
            operations: vec![],
        },
        &mut d,
    );
    (
        files
            .iter()
            .map(|f| f.path.to_string_lossy().into_owned())
            .collect(),
        d.into_sorted().into_iter().map(|d| d.to_string()).collect(),
    )
}

#[test]
fn hostile_names_are_made_safe() {
    let (paths, diags) = files(vec![
        ty("microsoft.graph", "../../x"),
        ty("/etc", "passwd"),
        ty("microsoft.graph", "con"),
        ty("microsoft.graph", "ok"),
    ]);
    assert_eq!(
        paths,
        [
            "_etc/passwd.yaml",
            "microsoft/graph/______x.yaml",
            "microsoft/graph/_con.yaml",
            "microsoft/graph/ok.yaml"
        ]
    );
    assert_eq!(
        diags,
        [
            "p.md:1:1: warning[path]: type `/etc.passwd` cannot be part of a file path as written; its schema file is named `_etc.passwd`",
            "p.md:1:1: warning[path]: type `microsoft.graph.../../x` cannot be part of a file path as written; its schema file is named `microsoft.graph.______x`",
            "p.md:1:1: warning[path]: type `microsoft.graph.con` cannot be part of a file path as written; its schema file is named `microsoft.graph._con`",
        ]
    );
}

#[test]
fn names_differing_only_in_case_do_not_share_a_file() {
    let (paths, diags) = files(vec![
        ty("microsoft.graph", "Widget"),
        ty("microsoft.graph", "widget"),
    ]);
    assert_eq!(
        paths,
        [
            "microsoft/graph/Widget.yaml",
            "microsoft/graph/widget-2.yaml"
        ]
    );
    assert_eq!(diags, ["p.md:1:1: warning[path-collision]: `microsoft/graph/widget.yaml` and `microsoft/graph/Widget.yaml` would be the same file on a case-insensitive file system; this one is `microsoft/graph/widget-2.yaml`"]);
}

#[test]
fn emitted_names_differing_only_in_case_are_reported() {
    let mut d = Diagnostics::default();
    let code = graphdoc::emit::emit(
        &Schema {
            types: vec![
                ty("microsoft.graph", "Widget"),
                ty("microsoft.graph", "widget"),
            ],
            operations: vec![],
        },
        &Default::default(),
        &mut d,
    );
    let code = code.expect("code is written");
    // The schema matches type names without case (the builder merges such spellings), so a
    // hand-made schema with both keeps the first and says so.
    // (A complex type the docs give no property is any JSON value.)
    assert!(code.contains("pub type Widget = serde_json::Value;") && !code.contains("Widget2"));
    let msgs: Vec<String> = d.into_sorted().into_iter().map(|d| d.message).collect();
    assert_eq!(
        msgs,
        ["type `microsoft.graph.widget` differs from `microsoft.graph.Widget` only in letter case, and type names are matched without case; only the first is generated"]
    );
}
