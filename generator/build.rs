//! Tells the corpus tests whether `GRAPHDOC_CORPUS` is set, so that without it they show as
//! ignored (with how to run them) rather than passing without running: `cfg(graphdoc_corpus)` is
//! on when the variable is set and not empty. Cargo re-runs this when the variable changes.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(graphdoc_corpus)");
    println!("cargo::rerun-if-env-changed=GRAPHDOC_CORPUS");
    println!("cargo::rerun-if-changed=build.rs");
    if std::env::var_os("GRAPHDOC_CORPUS").is_some_and(|v| !v.is_empty()) {
        println!("cargo::rustc-cfg=graphdoc_corpus");
    }
}
