//! Vocabulary blindness, a metamorphic test: the schema must not depend on the docs' English
//! words. Every v1.0 page is copied to a temporary directory with each natural-language word
//! replaced by a made-up word (`support::scramble`: code, comments, tags, links, names and the
//! markdown structure kept byte for byte), and the schema built from the copy is measured against
//! the schema of the same pages unscrambled, with the agreement figures of `support::agreement`.
//! The code emission must still produce Rust code from the scrambled schema.
//!
//! The figures, their floors and the mismatches are printed (`--nocapture`;
//! `GRAPHDOC_AGREEMENT_LIMIT=N` prints N mismatches of each kind instead of 20). The seed is
//! printed; `GRAPHDOC_SCRAMBLE_SEED=N` replays a run (the figures do not depend on the seed: the
//! tokens differ, never what they replace), and with `GRAPHDOC_SCRAMBLE_KEEP=1` the scrambled
//! copy is kept (its path printed) for `graphdoc schema` to read. The corpus test takes about 20 s
//! in a debug build and needs `GRAPHDOC_CORPUS` (see `support`); the tests of the scrambler itself
//! do not.

mod support;

use std::time::Instant;

use graphdoc::diag::Diagnostics;
use graphdoc::load::SourceFile;
use support::agreement::{agreement, print_limit, schema_of, Floors};
use support::scramble::{skeleton, Scrambler};

/// The floors, in whole percent, in the order of `support::agreement::FIGURES`: today's figures
/// rounded down. The target of issue 14 is types, bases and properties >= 98%, property types >=
/// 97% and enum members >= 95%; the floors are raised as the reader improves.
const FLOORS: Floors = [
    TYPES_FLOOR,
    BASES_FLOOR,
    PROPERTIES_FLOOR,
    PROPERTY_TYPES_FLOOR,
    MEMBERS_FLOOR,
];
/// Today 99.2%: F1 of recall 98.8% (1375/1392) and precision 99.6% (1375/1381), the same on
/// every seed tried. The floors are issue 14's targets.
const TYPES_FLOOR: u32 = 98;
/// Today 98.2% (978/996), with the inheritance phrases learned from annotated pages, methods
/// tables found by their links to API pages, derived-types tables by their links to type pages,
/// and relationships by the JSON representation leaving them out.
const BASES_FLOOR: u32 = 98;
/// Today 99.7%: F1 of recall 99.7% (5907/5922) and precision 99.6% (5907/5929).
const PROPERTIES_FLOOR: u32 = 98;
/// Today 98.6% (5822/5907), with the learned vocabulary.
const PROPERTY_TYPES_FLOOR: u32 = 97;
/// Today 96.6% (2807/2907): enums named only by a lowercase word of prose (`tone`,
/// `sensitivity`: the heading and the Type cell both scramble it) are missed.
const MEMBERS_FLOOR: u32 = 95;

/// The targets of issue 14, in the same order.
const TARGETS: Floors = [98, 98, 98, 97, 95];

/// Every how many pages (sorted by path) the test takes: 1 is the whole corpus.
const SAMPLE_EVERY: usize = 1;

fn seed() -> u64 {
    std::env::var("GRAPHDOC_SCRAMBLE_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
        })
}

fn read(dir: std::path::PathBuf) -> Vec<SourceFile> {
    let mut diags = Diagnostics::default();
    let files = graphdoc::load::read_dirs(&[dir], &mut diags);
    assert!(!diags.has_errors(), "{:?}", diags.into_sorted());
    files
}

#[test]
#[cfg_attr(
    not(graphdoc_corpus),
    ignore = "set GRAPHDOC_CORPUS=../shared/corpus to run the corpus tests"
)]
fn scrambled_vocabulary_gives_the_same_schema() {
    let start = Instant::now();
    let corpus = support::corpus();
    let pages: Vec<SourceFile> = read(corpus.join("graph-docs-v1.0"))
        .into_iter()
        .step_by(SAMPLE_EVERY)
        .collect();
    let seed = seed();
    println!("scramble seed: {seed} (replay with GRAPHDOC_SCRAMBLE_SEED={seed})");

    // The scrambled copy, on disk as the pipeline reads docs.
    let dir = tempfile::Builder::new()
        .prefix("graphdoc-scramble-")
        .tempdir()
        .unwrap();
    let mut scrambler = Scrambler::new(seed);
    for page in &pages {
        let text = scrambler.page(&page.text);
        assert_eq!(
            skeleton(&text),
            skeleton(&page.text),
            "scrambling changed the structure of {} (seed {seed})",
            page.rel
        );
        let path = dir.path().join(&page.rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
    }
    let scrambled = read(dir.path().to_owned());
    assert_eq!(
        scrambled.iter().map(|s| &s.rel).collect::<Vec<_>>(),
        pages.iter().map(|s| &s.rel).collect::<Vec<_>>()
    );
    println!(
        "{} pages scrambled ({} distinct words) in {:.1} s",
        pages.len(),
        scrambler.words(),
        start.elapsed().as_secs_f64()
    );

    let reference = schema_of(&pages);
    let other = schema_of(&scrambled);
    let a = agreement(&reference, &other);
    println!(
        "{} types unscrambled, {} scrambled ({:.1} s)",
        reference.types.len(),
        other.types.len(),
        start.elapsed().as_secs_f64()
    );
    println!(
        "{}",
        a.report(
            &format!("agreement of the scrambled schema with the unscrambled one (seed {seed})"),
            &FLOORS,
            &TARGETS,
            print_limit()
        )
    );

    // The code emission takes the scrambled schema too.
    let mut diags = Diagnostics::default();
    let code = graphdoc::emit::emit(&other, &Default::default(), &mut diags)
        .expect("no code emitted from the scrambled schema");
    assert!(
        code.contains("pub struct"),
        "the code emitted from the scrambled schema has no struct"
    );
    syn::parse_file(&code).expect("the code emitted from the scrambled schema does not parse");
    println!(
        "emitted {:.1} MB of Rust from the scrambled schema; vocabulary_blind: {:.1} s",
        code.len() as f64 / 1e6,
        start.elapsed().as_secs_f64()
    );
    if std::env::var_os("GRAPHDOC_SCRAMBLE_KEEP").is_some() {
        println!("the scrambled copy is kept in {}", dir.keep().display());
    } else {
        dir.close().unwrap();
    }

    let below = a.below(&FLOORS);
    assert!(
        below.is_empty(),
        "the scrambled pages' schema fell below its floors (seed {seed}):\n{}",
        below.join("\n")
    );
}

/// A page with every construct the scrambler must keep.
const SAMPLE: &str = r#"---
title: "callRecord resource type"
doc_type: resourcePageType
ms.prod: cloud-communications
---

# <a name="callrecord-resource-type"></a>callRecord resource type

Namespace: microsoft.graph.callRecords

Represents a single peer-to-peer call or a group call. Inherits from [entity](entity.md).
The call has `properties` and a &nbsp; [reference link][ref] and <https://example.com/x>.

## Properties

| Property | Type | Description |
|:---------|:-----|:------------|
| id | String | The unique identifier. Read-only. |
| modalities | Collection of String | Possible values are: `audio`, `video`. |
| `type` | [callType](enums.md#calltype-values) | The call type. |
| version | Int64 | Monotonically increasing version. |

<!-- {
  "blockType": "resource",
  "@odata.type": "microsoft.graph.callRecords.callRecord"
}-->

```json
{
  "id": "String (identifier)",
  "version": "Int64"
}
```

1. First item with **bold** words.
> A quote, a quote.

[ref]: https://example.com/reference
"#;

fn scrambled_sample() -> (String, Scrambler) {
    let mut s = Scrambler::new(42);
    (s.page(SAMPLE), s)
}

#[test]
fn scrambling_keeps_code_comments_links_and_first_cells() {
    let (out, _) = scrambled_sample();
    for kept in [
        "doc_type: resourcePageType\nms.prod: cloud-communications\n",
        "# <a name=\"callrecord-resource-type\"></a>callRecord ",
        " microsoft.graph.callRecords\n",
        "[entity](entity.md).",
        "`properties`",
        "&nbsp;",
        "[reference link][ref]",
        "<https://example.com/x>",
        "|:---------|:-----|:------------|\n",
        "| id |",
        "| modalities |",
        "| `type` | [callType](enums.md#calltype-values) |",
        "| version | Int64 |",
        "`audio`, `video`",
        "<!-- {\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"microsoft.graph.callRecords.callRecord\"\n}-->",
        "```json\n{\n  \"id\": \"String (identifier)\",\n  \"version\": \"Int64\"\n}\n```\n",
        "1. ",
        "> ",
        "[ref]: https://example.com/reference\n",
    ] {
        assert!(out.contains(kept), "`{kept}` changed:\n{out}");
    }
    assert_eq!(skeleton(&out), skeleton(SAMPLE), "{out}");
    assert_eq!(out.lines().count(), SAMPLE.lines().count());
}

#[test]
fn scrambling_replaces_the_words() {
    let (out, _) = scrambled_sample();
    let prose: Vec<&str> = out
        .lines()
        .filter(|l| !l.contains("```") && !l.trim_start().starts_with('"'))
        .collect();
    let prose = prose.join("\n");
    for word in [
        "resource type",
        "Namespace",
        "Represents",
        "Inherits from",
        "## Properties",
        "| Property | Type | Description |",
        "String |",
        "Collection of",
        "Possible values",
        "Read-only",
        "First item",
        "bold",
        "quote",
    ] {
        assert!(!prose.contains(word), "`{word}` is still there:\n{out}");
    }
    // The front matter title is words too; its names stay.
    let title = out.lines().nth(1).unwrap_or_default();
    assert!(title.starts_with("title: \"callRecord "), "{title}");
    assert!(!title.contains("resource"), "{title}");
}

#[test]
fn the_same_word_gets_the_same_token() {
    let (out, mut s) = scrambled_sample();
    // "quote" twice on one line, "Type" in the header and "type" in the title and a cell.
    let quote = s.token("quote");
    assert_eq!(out.matches(&quote).count(), 2, "{out}");
    let type_token = s.token("type");
    assert_eq!(s.token("Type"), {
        let mut c = type_token.chars();
        c.next()
            .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
            .unwrap_or_default()
    });
    assert!(out.contains(&format!("| {} |", s.token("Type"))), "{out}");
    assert_ne!(s.token("quote"), s.token("type"));
    // Tokens are words: letters only, and no primitive type's name.
    for t in [&quote, &type_token] {
        assert!(t.chars().all(|c| c.is_ascii_lowercase()), "{t}");
        assert!(graphdoc::page::Primitive::from_name(t).is_none(), "{t}");
    }
    // Another seed gives other tokens; the same seed the same page.
    assert_ne!(Scrambler::new(7).token("quote"), quote);
    assert_eq!(Scrambler::new(42).page(SAMPLE), out);
}
