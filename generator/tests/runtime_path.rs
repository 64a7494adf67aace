//! Generated code calls the `graphdoc-runtime` crate by path and embeds none of it; the path is
//! configurable (as prost-build's `prost_path`) and must be absolute.

use std::path::Path;

fn emit(dir: &str, opts: &graphdoc::emit::EmitOptions) -> Result<String, String> {
    let a = graphdoc::analyze(&[Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)]);
    assert!(!a.has_errors(), "{}", a.render_diagnostics());
    let mut diags = graphdoc::diag::Diagnostics::default();
    graphdoc::emit::emit(&a.built.schema, opts, &mut diags).ok_or_else(|| {
        diags
            .into_sorted()
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    })
}

/// Pieces of the runtime's source: none may appear in generated code.
const RUNTIME_SOURCE: &[&str] = &[
    "mod runtime",
    "mod __private",
    "trait Object",
    "trait Enum",
    "trait Lexical",
    "trait Polymorphic",
    "trait Num",
    "struct Collection",
    "struct Edm",
    "struct Flags",
    "struct Table",
    "struct Extra",
    "fn read_object",
    "fn serialize_object",
    "impl Lexical",
    "jiff::",
    "MapAccess<'de> for",
];

#[test]
fn generated_code_holds_no_runtime_source() {
    for dir in ["../docs", "tests/fixtures/names"] {
        let code = emit(dir, &Default::default()).unwrap();
        for piece in RUNTIME_SOURCE {
            assert!(
                !code.contains(piece),
                "{dir}: generated code holds `{piece}`"
            );
        }
        assert!(
            code.contains("impl ::graphdoc_runtime::Object for"),
            "{dir}"
        );
    }
}

#[test]
fn the_runtime_path_is_configurable() {
    let opts = graphdoc::emit::EmitOptions {
        runtime_path: "::facade::rt".into(),
        ..Default::default()
    };
    let code = emit("tests/fixtures/names", &opts).unwrap();
    assert!(!code.contains("graphdoc_runtime"));
    assert!(code.contains("impl ::facade::rt::Object for"));
    assert!(code.contains("::facade::rt::__private::read("));
    assert!(code.contains("impl ::facade::rt::__private::HasWire for"));
    let opts = graphdoc::emit::EmitOptions {
        runtime_path: "crate::rt".into(),
        ..Default::default()
    };
    let code = emit("../docs", &opts).unwrap();
    assert!(code.contains("impl crate::rt::Operation for"));
    assert!(!code.contains("graphdoc_runtime"));
}

#[test]
fn a_relative_or_invalid_runtime_path_is_an_error() {
    for path in ["runtime", "super::runtime", "", "::a::", "a b"] {
        let opts = graphdoc::emit::EmitOptions {
            runtime_path: path.into(),
            ..Default::default()
        };
        let err = emit("../docs", &opts).unwrap_err();
        assert!(err.contains("[invalid-option]"), "{path:?}: {err}");
    }
}

#[test]
fn the_builder_and_the_manifest_name_the_runtime() {
    let files = graphdoc::Builder::new()
        .input(Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs"))
        .runtime_path("::my_crate::graphdoc_runtime")
        .generate()
        .unwrap();
    let code = &files[0].contents;
    assert!(code.contains("::my_crate::graphdoc_runtime::Object"));
    let manifest = graphdoc::emit::crate_manifest("x", Some(Path::new("/a/runtime")));
    assert!(manifest.contains(&format!(
        "graphdoc-runtime = {{ path = \"/a/runtime\", version = \"={}\" }}",
        graphdoc::emit::RUNTIME_VERSION
    )));
    assert!(!graphdoc::emit::crate_manifest("x", None).contains("path"));
}

#[test]
fn date_times_as_strings_need_no_jiff() {
    // `graphdoc-runtime` without its `jiff` feature has none of these.
    let opts = graphdoc::emit::EmitOptions {
        date_time: graphdoc::emit::DateTimeMapping::String,
        ..Default::default()
    };
    let code = emit("tests/fixtures/names", &opts).unwrap();
    for jiff_only in [
        "::graphdoc_runtime::DateTimeOffset",
        "::graphdoc_runtime::Date>",
        "::graphdoc_runtime::TimeOfDay",
        "::graphdoc_runtime::Duration",
        "jiff",
    ] {
        assert!(!code.contains(jiff_only), "{jiff_only}");
    }
    assert!(code.contains("::graphdoc_runtime::Guid"));
}
