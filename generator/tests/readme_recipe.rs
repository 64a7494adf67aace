//! The README's build.rs recipe compiles as written: a fresh crate made from the README's own
//! `toml` and `rust` snippets (section "Use it from build.rs"), over the bundled `docs/` (dates,
//! enums, inheritance), passes `cargo clippy -- -D warnings`.

mod support;

use std::path::PathBuf;

/// The fenced blocks of `lang` in the README section headed `heading`.
fn snippets(readme: &str, heading: &str, lang: &str) -> Vec<String> {
    let start = readme.find(heading).expect("the README section");
    let section = &readme[start + heading.len()..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    let fence = format!("```{lang}\n");
    let mut out = Vec::new();
    let mut rest = section;
    while let Some(open) = rest.find(&fence) {
        let body = &rest[open + fence.len()..];
        let close = body.find("```").expect("a closed fence");
        out.push(body[..close].to_owned());
        rest = &body[close..];
    }
    out
}

#[test]
fn readme_build_rs_recipe_compiles_warning_free() {
    let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .unwrap();
    let readme = std::fs::read_to_string(workspace.join("README.md")).unwrap();
    let heading = "## Use it from build.rs";
    let toml = snippets(&readme, heading, "toml");
    let rust = snippets(&readme, heading, "rust");
    assert_eq!(
        (toml.len(), rust.len()),
        (1, 1),
        "one toml and one rust snippet"
    );
    let (build_rs, lib_rs) = rust[0]
        .split_once("// src/lib.rs\n")
        .expect("the rust snippet holds build.rs, then src/lib.rs");

    let krate = support::target_dir().join("readme-recipe");
    let _ = std::fs::remove_dir_all(krate.join("docs"));
    std::fs::create_dir_all(krate.join("src")).unwrap();
    std::fs::create_dir_all(krate.join("docs")).unwrap();
    for page in std::fs::read_dir(workspace.join("docs")).unwrap() {
        let page = page.unwrap().path();
        std::fs::copy(&page, krate.join("docs").join(page.file_name().unwrap())).unwrap();
    }
    // The snippet's relative paths name the workspace's crates, as they would from a sibling.
    let deps = toml[0]
        .replace(
            "\"../generator\"",
            &format!("{:?}", workspace.join("generator")),
        )
        .replace(
            "\"../runtime\"",
            &format!("{:?}", workspace.join("runtime")),
        );
    let manifest = format!(
        "[package]\nname = \"readme-recipe\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[workspace]\n\n{deps}"
    );
    std::fs::write(krate.join("Cargo.toml"), manifest).unwrap();
    std::fs::copy(workspace.join("Cargo.lock"), krate.join("Cargo.lock")).unwrap();
    std::fs::write(
        krate.join("build.rs"),
        build_rs.trim_start_matches("// build.rs\n"),
    )
    .unwrap();
    std::fs::write(krate.join("src/lib.rs"), lib_rs).unwrap();

    let output = std::process::Command::new(env!("CARGO"))
        .args(["clippy", "--quiet", "--manifest-path"])
        .arg(krate.join("Cargo.toml"))
        .args(["--", "-D", "warnings"])
        .env("CARGO_TARGET_DIR", krate.join("target"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the README's recipe does not build warning-free:\n{stderr}"
    );
    // The docs' warnings reach Cargo as a short summary, not one line each.
    let generated = std::fs::read_dir(krate.join("target/debug/build"))
        .unwrap()
        .filter_map(|e| std::fs::read_to_string(e.ok()?.path().join("out/msgraph.rs")).ok())
        .next()
        .expect("msgraph.rs in OUT_DIR");
    assert!(generated.contains("pub struct RecordOperation"));
}
