//! `cargo test` fails when the committed schemas/ or generated/src are stale against docs/.

use graphdoc::write::Mode;

#[test]
fn committed_output_matches_docs() {
    let outcome =
        xtask::regenerate(&xtask::workspace_root(), Mode::Check).unwrap_or_else(|e| panic!("{e}"));
    assert!(outcome.is_clean(), "{}", outcome.report());
}
