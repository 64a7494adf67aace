//! Golden tests: page model, diagnostics and emitted code compared with checked-in files.
//! Update them with `UPDATE_EXPECT=1 cargo test -p graphdoc --test golden`, then review the diff.
//! The emitted fixture code is also compiled under `#![deny(warnings)]` by
//! `generated/tests/fixture.rs`.

use std::path::{Path, PathBuf};

use expect_test::expect_file;

fn dir(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

#[test]
fn bilingual_page_model() {
    let path = dir("../docs/call-updaterecordingstatus.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let (page, diags) = graphdoc::page::parse_page("call-updaterecordingstatus.md", &text);
    assert!(diags.is_empty(), "{diags:?}");
    expect_file!["golden/call-updaterecordingstatus.page.txt"].assert_eq(&format!("{page:#?}\n"));
}

#[test]
fn seed_diagnostics() {
    let a = graphdoc::analyze(&[dir("../docs")]);
    let rendered: Vec<String> = a.diagnostics.iter().map(|d| d.to_string()).collect();
    expect_file!["golden/seeds.diagnostics.txt"].assert_eq(&(rendered.join("\n") + "\n"));
}

#[test]
fn fixture_code() {
    let a = graphdoc::analyze(&[dir("tests/fixtures/names")]);
    assert!(!a.has_errors(), "{}", a.render_diagnostics());
    let mut diags = graphdoc::diag::Diagnostics::default();
    let code = graphdoc::emit::emit(
        &a.built.schema,
        &graphdoc::emit::EmitOptions::default(),
        &mut diags,
    );
    let code = code.unwrap_or_else(|| panic!("{diags:?}"));
    expect_file!["golden/fixture.rs"].assert_eq(&code);
}
