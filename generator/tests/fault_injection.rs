//! Fault injection: real docs are never refused. Seeded random mutations of the whole v1.0 corpus
//! (a page truncated, a table row or column deleted, two pages stating each other as base, a type
//! page duplicated with conflicting facts, type cells replaced by nonsense, names made
//! non-identifiers, every annotation comment dropped) must each still give a schema, schema files
//! and Rust code that parses, with no error diagnostics; a few mutated outputs are compiled. The
//! ablation proxies (resources/ alone, api/ alone, each half by file name, no annotations) are
//! generated and compiled too.
//!
//! The seed is printed; `GRAPHDOC_FAULT_SEED=N` replays a run. A failure names the seed, the round
//! and every mutation applied. Needs `GRAPHDOC_CORPUS` (see `support`).

mod support;

use std::fmt::Write as _;
use std::path::Path;

use graphdoc::diag::{Diagnostics, Severity};
use graphdoc::load::SourceFile;

/// SplitMix64: a tiny seeded generator, so that a printed seed replays a run exactly.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn load_corpus(corpus: &Path) -> Vec<SourceFile> {
    let mut diags = Diagnostics::default();
    let files = graphdoc::load::read_dirs(&[corpus.join("graph-docs-v1.0")], &mut diags);
    assert!(!diags.has_errors(), "{:?}", diags.into_sorted());
    files
}

/// The stem of a page's file name (`resources/user.md` → `user`).
fn stem(rel: &str) -> &str {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.strip_suffix(".md").unwrap_or(name)
}

fn table_row_lines(text: &str) -> Vec<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with('|') && !l.contains("--"))
        .map(|(i, _)| i)
        .collect()
}

fn replace_line(text: &str, at: usize, with: Option<String>) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, l) in text.lines().enumerate() {
        if i == at {
            if let Some(w) = &with {
                out.push_str(w);
                out.push('\n');
            }
        } else {
            out.push_str(l);
            out.push('\n');
        }
    }
    out
}

const NONSENSE: &[&str] = &[
    "Коллекция строк",
    "字符串集合",
    "[[[",
    "`)(`",
    "Collection(Collection(",
    "microsoft.graph.",
    "[x](",
    "<b>String</b>",
    "String, maximum size 250",
    "\u{0}\u{7f}",
    "@odata.type",
    "",
];

/// Applies one random mutation to `pages`, and says what it did.
fn mutate(pages: &mut Vec<SourceFile>, rng: &mut Rng) -> String {
    let n = pages.len();
    let i = rng.below(n);
    let rel = pages[i].rel.clone();
    match rng.below(8) {
        0 => {
            let text = &pages[i].text;
            let mut cut = rng.below(text.len() + 1);
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            pages[i].text.truncate(cut);
            format!("truncate {rel} at byte {cut}")
        }
        1 => {
            let rows = table_row_lines(&pages[i].text);
            if rows.is_empty() {
                return format!("no table in {rel}");
            }
            let at = rows[rng.below(rows.len())];
            pages[i].text = replace_line(&pages[i].text, at, None);
            format!("delete table line {} of {rel}", at + 1)
        }
        2 => {
            // Delete one column from every table line of the page.
            let col = 1 + rng.below(3);
            let text: String = pages[i]
                .text
                .lines()
                .map(|l| {
                    if l.trim_start().starts_with('|') {
                        let mut cells: Vec<&str> = l.split('|').collect();
                        if cells.len() > col + 1 {
                            cells.remove(col);
                        }
                        cells.join("|")
                    } else {
                        l.to_owned()
                    }
                })
                .collect::<Vec<_>>()
                .join("\n");
            pages[i].text = text;
            format!("delete column {col} of every table in {rel}")
        }
        3 => {
            // Two resource pages state each other as base, by prose and by annotation.
            let j = rng.below(n);
            let (a, b) = (stem(&rel).to_owned(), stem(&pages[j].rel).to_owned());
            for (k, other) in [(i, &b), (j, &a)] {
                let line = format!(
                    "\nInherits from [{other}]({other}.md).\n\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{}\", \"baseType\": \"microsoft.graph.{other}\" }} -->\n```json\n{{}}\n```\n",
                    stem(&pages[k].rel)
                );
                pages[k].text.push_str(&line);
            }
            format!("{rel} and {} state each other as base", pages[j].rel)
        }
        4 => {
            // A copy of the page under another name, its type cells swapped around.
            let mut copy = pages[i]
                .text
                .replace("| String", "| Int32")
                .replace("| Boolean", "| String");
            copy = copy.replace("collection", "");
            let new_rel = format!("{}-copy{}.md", rel.trim_end_matches(".md"), rng.below(1000));
            pages.push(SourceFile {
                rel: new_rel.clone(),
                path: new_rel.clone().into(),
                text: copy,
            });
            format!("duplicate {rel} as {new_rel} with conflicting types")
        }
        5 => {
            let nonsense = NONSENSE[rng.below(NONSENSE.len())];
            set_cell(&mut pages[i], 2, nonsense, rng).map_or(format!("no table in {rel}"), |line| {
                format!("nonsense type cell `{nonsense}` on line {line} of {rel}")
            })
        }
        6 => {
            // First cells (property names) become words no identifier rule expects.
            let names = [
                "Контекст",
                "type",
                "self",
                "3d",
                "a-b.c",
                "additionalData",
                "Option",
            ];
            let name = names[rng.below(names.len())];
            set_cell(&mut pages[i], 1, name, rng).map_or(format!("no table in {rel}"), |line| {
                format!("property name `{name}` on line {line} of {rel}")
            })
        }
        _ => {
            pages[i].text = drop_annotations(&pages[i].text);
            format!("drop the annotation comments of {rel}")
        }
    }
}

/// Sets cell `col` (1-based, as split on `|`) of a random table row of the page to `value`;
/// the 1-based line changed, or `None` when the page has no table.
fn set_cell(page: &mut SourceFile, col: usize, value: &str, rng: &mut Rng) -> Option<usize> {
    let rows = table_row_lines(&page.text);
    if rows.is_empty() {
        return None;
    }
    let at = rows[rng.below(rows.len())];
    let line = page.text.lines().nth(at).unwrap_or("").to_owned();
    let mut cells: Vec<String> = line.split('|').map(str::to_owned).collect();
    if cells.len() > col + 1 {
        cells[col] = format!(" {value} ");
    }
    page.text = replace_line(&page.text, at, Some(cells.join("|")));
    Some(at + 1)
}

fn drop_annotations(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        match rest[start..].find("-->") {
            Some(end) => rest = &rest[start + end + 3..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Runs the pipeline in memory: parse, build, schema files, emit. Returns the code, or why the
/// run refused the docs.
fn generate(pages: &[SourceFile]) -> Result<String, String> {
    let analysis = graphdoc::analyze_sources(pages.to_vec());
    let mut diags = Diagnostics::default();
    for d in analysis.diagnostics {
        diags.push(d);
    }
    let built = analysis.built;
    let files = graphdoc::schema_files::schema_files(&built.schema, &mut diags);
    let code = graphdoc::emit::emit(&built.schema, &Default::default(), &mut diags);
    let errors: Vec<String> = diags
        .into_sorted()
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.to_string())
        .collect();
    if !errors.is_empty() {
        return Err(format!("errors: {errors:#?}"));
    }
    if files.is_empty() {
        return Err("no schema files".into());
    }
    let code = code.ok_or("no code")?;
    syn::parse_file(&code).map_err(|e| format!("code does not parse: {e}"))?;
    Ok(code)
}

/// `cargo check`s every generated model, each as a module of one crate under `target/`, with
/// warnings denied; the dependencies build once.
fn compile(models: &[(String, String)]) {
    let mut lib = String::from(
        "//! Mutated and ablated corpus models (fault_injection test).\n#![deny(warnings)]\n",
    );
    let mut files = Vec::new();
    for (name, code) in models {
        files.push((format!("{name}.rs"), code.clone()));
        writeln!(lib, "pub mod {name};").unwrap();
    }
    files.push(("lib.rs".to_owned(), lib));
    let stderr = support::cargo_check("fault-injection-model", &files);
    assert!(!stderr.contains("warning"), "warnings:\n{stderr}");
}

#[test]
#[cfg_attr(
    not(graphdoc_corpus),
    ignore = "set GRAPHDOC_CORPUS=../shared/corpus to run the corpus tests"
)]
fn mutated_corpus_always_generates_code_that_compiles() {
    let corpus = support::corpus();
    let original = load_corpus(&corpus);
    let seed = std::env::var("GRAPHDOC_FAULT_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
        });
    println!("fault injection seed: {seed} (replay with GRAPHDOC_FAULT_SEED={seed})");
    let mut rng = Rng(seed);
    let mut compiled = Vec::new();
    const ROUNDS: usize = 4;
    const MUTATIONS: usize = 60;
    for round in 0..ROUNDS {
        let mut pages = original.clone();
        let applied: Vec<String> = (0..MUTATIONS)
            .map(|_| mutate(&mut pages, &mut rng))
            .collect();
        match generate(&pages) {
            Ok(code) => {
                if round < 2 {
                    compiled.push((format!("round{round}"), code));
                }
            }
            Err(why) => panic!(
                "seed {seed}, round {round}: {why}\nmutations:\n{}",
                applied.join("\n")
            ),
        }
    }
    compile(&compiled);
}

#[test]
#[cfg_attr(
    not(graphdoc_corpus),
    ignore = "set GRAPHDOC_CORPUS=../shared/corpus to run the corpus tests"
)]
fn ablations_of_the_corpus_generate_and_compile() {
    let corpus = support::corpus();
    let all = load_corpus(&corpus);
    let subset = |keep: &dyn Fn(&SourceFile) -> bool| -> Vec<SourceFile> {
        all.iter().filter(|s| keep(s)).cloned().collect()
    };
    let no_annotations: Vec<SourceFile> = all
        .iter()
        .map(|s| SourceFile {
            text: drop_annotations(&s.text),
            ..s.clone()
        })
        .collect();
    let first_half = |s: &SourceFile| stem(&s.rel) < "m";
    let ablations: Vec<(&str, Vec<SourceFile>)> = vec![
        ("no_annotations", no_annotations),
        (
            "resources_only",
            subset(&|s| s.rel.starts_with("resources/")),
        ),
        ("api_only", subset(&|s| s.rel.starts_with("api/"))),
        ("first_half", subset(&first_half)),
        ("second_half", subset(&|s| !first_half(s))),
    ];
    let mut models = Vec::new();
    for (name, pages) in ablations {
        match generate(&pages) {
            Ok(code) => models.push((name.to_owned(), code)),
            Err(why) => panic!("{name}: {why}"),
        }
    }
    compile(&models);
}
