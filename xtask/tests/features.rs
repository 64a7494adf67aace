//! Code generated with `EmitOptions::features` compiles (under `deny(warnings)`) with every single
//! area feature, with all of them, and with none: on the seed docs (areas `cloud-communications`
//! and `other`) and on the names fixture with its types spread over three areas, so base chains,
//! polymorphic members and properties cross areas.

use std::path::Path;

fn check(dir: &Path, args: &[&str]) {
    let root = xtask::workspace_root();
    let target = xtask::target_dir(&root).join("feature-check");
    let out = xtask::cargo()
        .args(["check", "--quiet", "--lib", "--offline"])
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS")
        .output()
        .expect("runs cargo");
    assert!(
        out.status.success(),
        "cargo check {args:?} in {}:\n{}",
        dir.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn every_feature_compiles(name: &str, schema: &graphdoc::ir::Schema) {
    let mut diags = graphdoc::diag::Diagnostics::default();
    let opts = graphdoc::emit::EmitOptions {
        features: true,
        ..Default::default()
    };
    let code = graphdoc::emit::emit(schema, &opts, &mut diags)
        .unwrap_or_else(|| panic!("{:?}", diags.into_sorted()));
    let table = graphdoc::emit::features_table(schema);
    let root = xtask::workspace_root();
    let dir = xtask::target_dir(&root).join("feature-check").join(name);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        graphdoc::emit::crate_manifest(name, Some(&root.join("runtime"))) + &table,
    )
    .unwrap();
    xtask::copy_lock(&root, &dir).unwrap();
    std::fs::write(dir.join("src/model.rs"), &code).unwrap();
    std::fs::write(
        dir.join("src/lib.rs"),
        "#![deny(warnings)]\n#![allow(dead_code)]\ninclude!(\"model.rs\");\n",
    )
    .unwrap();
    let features: Vec<String> = table
        .lines()
        .filter_map(|l| l.split_once(" = "))
        .map(|(f, _)| f.to_owned())
        .collect();
    assert!(features.len() >= 3, "{table}");
    check(&dir, &[]);
    for f in &features {
        check(&dir, &["--features", f]);
    }
}

#[test]
fn seed_crate_compiles_with_each_feature() {
    let a = graphdoc::analyze(&[xtask::workspace_root().join("docs")]);
    assert!(!a.has_errors());
    let schema = &a.built.schema;
    assert!(schema
        .types
        .iter()
        .any(|t| t.area.as_deref() == Some("cloud-communications")));
    every_feature_compiles("seed-features", schema);
}

#[test]
fn fixture_crate_compiles_with_each_feature_across_areas() {
    let a = graphdoc::analyze(&[xtask::workspace_root().join("generator/tests/fixtures/names")]);
    assert!(!a.has_errors());
    let mut schema = a.built.schema.clone();
    let areas = ["alpha", "beta", "gamma"];
    for (i, t) in schema.types.iter_mut().enumerate() {
        t.area = Some(areas[i % areas.len()].to_owned());
    }
    every_feature_compiles("fixture-features", &schema);
}
