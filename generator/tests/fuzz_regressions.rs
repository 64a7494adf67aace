//! Inputs that crashed (or were made to stress) the fuzz targets in `fuzz/`, run through the same
//! steps as `fuzz/fuzz_targets/parse_page.rs` and `fuzz/fuzz_targets/pipeline.rs`, on stable Rust.
//! Add a minimized crashing input to `tests/fuzz_regressions/`, named after what it triggers.

use std::path::Path;

#[path = "../../fuzz/steps.rs"]
mod steps;
use steps::{parse_page_target, pipeline_target};

#[test]
fn fuzz_regressions_stay_fixed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut inputs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty(), "no inputs in {}", dir.display());
    for path in inputs {
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        // Like the fuzz targets, inputs that are not UTF-8 are ignored.
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        eprintln!("{}", path.display());
        parse_page_target(text);
        pipeline_target(text);
    }
}
