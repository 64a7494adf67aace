//! The same docs give byte-identical schema files and code whatever order the pages come in.

use std::path::Path;

use graphdoc::page::{parse_page, Page};

fn pages(dir: &Path) -> Vec<Page> {
    let mut diags = graphdoc::diag::Diagnostics::default();
    graphdoc::load::read_dirs(&[dir.to_path_buf()], &mut diags)
        .iter()
        .map(|s| parse_page(&s.rel, &s.text).0)
        .collect()
}

/// Schema files and code, concatenated, for pages in the given order.
fn output(pages: &[Page]) -> String {
    let mut diags = graphdoc::diag::Diagnostics::default();
    let built = graphdoc::ir::build(pages, &mut diags);
    let mut out = String::new();
    for f in graphdoc::schema_files::schema_files(&built.schema, &mut diags) {
        out.push_str(&format!("== {}\n{}", f.path.display(), f.contents));
    }
    out.push_str(
        &graphdoc::emit::emit(&built.schema, &Default::default(), &mut diags).unwrap_or_default(),
    );
    let rendered: Vec<String> = diags
        .into_sorted()
        .iter()
        .map(ToString::to_string)
        .collect();
    out + &rendered.join("\n")
}

/// A fixed pseudo-random permutation (xorshift), so a failure reproduces.
fn shuffle<T>(items: &mut [T], mut seed: u64) {
    for i in (1..items.len()).rev() {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        items.swap(i, (seed % (i as u64 + 1)) as usize);
    }
}

#[test]
fn shuffled_page_order_gives_identical_bytes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut all = pages(&root.join("../docs"));
    all.extend(pages(&root.join("tests/fixtures/names")));
    let expected = output(&all);
    assert!(
        expected.contains("pub struct RecordOperation") && expected.contains("pub struct Widget")
    );
    for seed in [1, 7, 42, 1234, 99991] {
        let mut shuffled = all.clone();
        shuffle(&mut shuffled, seed);
        assert_eq!(output(&shuffled), expected, "seed {seed}");
    }
}
