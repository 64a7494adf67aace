//! Generates the `recordOperation` types (and what they need) from the bundled docs into OUT_DIR.

fn main() {
    let docs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs");
    if let Err(e) = graphdoc::Builder::new()
        .input(docs)
        .select("microsoft.graph.recordOperation")
        .write()
    {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
