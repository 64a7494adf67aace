//! No path escape: type and namespace names from the docs never put a schema file outside the
//! output directory, never name a device file, and never give two files that collide on a
//! case-insensitive file system.

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
fn hostile_names_are_rejected() {
    let (paths, diags) = files(vec![
        ty("microsoft.graph", "../../x"),
        ty("/etc", "passwd"),
        ty("microsoft.graph", "con"),
        ty("microsoft.graph", "ok"),
    ]);
    assert_eq!(paths, ["microsoft/graph/ok.yaml"]);
    assert_eq!(
        diags,
        [
            "p.md:1:1: error[path]: type `/etc.passwd`: `/etc` cannot be part of a file path",
            "p.md:1:1: error[path]: type `microsoft.graph.../../x`: `../../x` cannot be part of a file path",
            "p.md:1:1: error[path]: type `microsoft.graph.con`: `con` cannot be part of a file path",
        ]
    );
}

#[test]
fn names_differing_only_in_case_do_not_share_a_file() {
    let (paths, diags) = files(vec![
        ty("microsoft.graph", "Widget"),
        ty("microsoft.graph", "widget"),
    ]);
    assert_eq!(paths, ["microsoft/graph/Widget.yaml"]);
    assert_eq!(diags, ["p.md:1:1: error[path-collision]: `microsoft/graph/widget.yaml` and `microsoft/graph/Widget.yaml` would be the same file on a case-insensitive file system"]);
}

#[test]
fn emitted_names_differing_only_in_case_collide_as_rust_names() {
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
    assert!(code.is_none());
    let msgs: Vec<String> = d.into_sorted().into_iter().map(|d| d.message).collect();
    assert_eq!(
        msgs,
        ["type `widget` and `Widget` (at p.md:1:1) both become the Rust name `Widget`"]
    );
}
