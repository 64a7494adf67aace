//! Shared by the corpus tests: where the reference corpus is, or why the test skips.

use std::path::PathBuf;

/// The corpus directory from `GRAPHDOC_CORPUS` (relative paths from the workspace root), or `None`
/// after printing why the test skips.
pub fn corpus() -> Option<PathBuf> {
    let Some(value) = std::env::var_os("GRAPHDOC_CORPUS") else {
        println!("skipping: GRAPHDOC_CORPUS is not set; set it to ../shared/corpus to run the corpus tests");
        return None;
    };
    let given = PathBuf::from(&value);
    let path = if given.is_relative() {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join(&given)
    } else {
        given.clone()
    };
    if !path.is_dir() {
        println!(
            "skipping: GRAPHDOC_CORPUS is {}, which is not a directory (resolved to {})",
            given.display(),
            path.display()
        );
        return None;
    }
    Some(path)
}
