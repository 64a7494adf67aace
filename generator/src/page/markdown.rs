//! The markdown walk: one pass of pulldown-cmark events with source offsets, building a [`Page`].

use crate::diag::Code;
use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, MetadataBlockKind, Options, Parser, Tag, TagEnd,
};

use super::annotation::parse_annotation;
use super::frontmatter::parse_front_matter;
use super::table::classify_table;
use super::text::InlineBuilder;
use super::{Annotation, CodeBlock, Heading, Page, Paragraph, Row, Table};
use crate::diag::{Diagnostics, Origin};

/// Maps byte offsets to 1-based line and (character) column.
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    pub(crate) fn origin(&self, file: &str, offset: usize) -> Origin {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let col = self
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        Origin::new(file, line as u32, col as u32)
    }
}

/// The text with every tab of a table delimiter row (`| --- |\t---|`) made a space. The docs
/// indent some delimiter rows with tabs, which pulldown-cmark does not take as a delimiter row, so
/// the whole table would read as a paragraph. One byte for one byte: offsets stay the same.
fn untab_delimiter_rows(text: &str) -> std::borrow::Cow<'_, str> {
    let is_delimiter_row = |line: &str| {
        line.contains('\t')
            && line.contains('-')
            && line.contains('|')
            && line
                .chars()
                .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t' | '\r'))
    };
    if !text.split('\n').any(is_delimiter_row) {
        return std::borrow::Cow::Borrowed(text);
    }
    let lines: Vec<String> = text
        .split('\n')
        .map(|l| {
            if is_delimiter_row(l) {
                l.replace('\t', " ")
            } else {
                l.to_owned()
            }
        })
        .collect();
    std::borrow::Cow::Owned(lines.join("\n"))
}

/// What the walker is inside of.
enum Block {
    None,
    Heading(u8, InlineBuilder, usize),
    /// A paragraph or a list item's text (the flag).
    Paragraph(InlineBuilder, usize, bool),
    Cell(InlineBuilder),
    Code {
        lang: String,
        text: String,
        start: usize,
    },
    Html(String, usize),
}

#[derive(Default)]
struct TableState {
    header: Vec<String>,
    rows: Vec<Row>,
    row: Vec<super::Inline>,
    row_start: usize,
    in_head: bool,
    start: usize,
}

/// Parses one page. `file` is the page's path relative to its docs root (used in origins).
pub fn parse_page(file: &str, text: &str) -> (Page, Diagnostics) {
    let mut diags = Diagnostics::default();
    let lines = LineIndex::new(text);
    let mut page = Page {
        file: file.to_owned(),
        ..Page::default()
    };
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_STRIKETHROUGH;
    let mut broken = |_: pulldown_cmark::BrokenLink<'_>| Some((CowStr::from(""), CowStr::from("")));
    let source = untab_delimiter_rows(text);
    let parser =
        Parser::new_with_broken_link_callback(&source, opts, Some(&mut broken)).into_offset_iter();

    let mut block = Block::None;
    let mut table: Option<TableState> = None;
    let mut heading = String::new();
    let mut heading_anchor: Option<String> = None;
    let mut pending: Option<Annotation> = None;
    let mut in_metadata = false;

    for (event, range) in parser {
        match event {
            Event::Start(Tag::MetadataBlock(MetadataBlockKind::YamlStyle)) => in_metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_metadata = false,
            Event::Text(t) if in_metadata => {
                page.front = parse_front_matter(&t, lines.origin(file, range.start), &mut diags)
            }

            Event::Start(Tag::Heading { level, .. }) => {
                block = Block::Heading(level as u8, InlineBuilder::default(), range.start)
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Block::Heading(level, b, start) = std::mem::replace(&mut block, Block::None)
                {
                    let inline = b.finish();
                    let h = Heading {
                        level,
                        text: inline.text,
                        anchor: inline.anchors.into_iter().next(),
                        origin: lines.origin(file, start),
                    };
                    heading = h.text.clone();
                    heading_anchor = h.anchor.clone();
                    if level == 1 && page.title.is_none() {
                        page.title = Some(h.clone());
                    }
                    page.headings.push(h);
                }
            }
            Event::Start(Tag::Paragraph) if table.is_none() => {
                // A loose list item's paragraph continues the item.
                let in_item = matches!(&block, Block::Paragraph(_, _, true));
                if !in_item {
                    block = Block::Paragraph(InlineBuilder::default(), range.start, false)
                }
            }
            Event::Start(Tag::Item) if table.is_none() => {
                flush_paragraph(&mut block, &mut page, &heading, &lines, file);
                block = Block::Paragraph(InlineBuilder::default(), range.start, true)
            }
            Event::Start(Tag::List(_)) => {
                flush_paragraph(&mut block, &mut page, &heading, &lines, file)
            }
            Event::End(TagEnd::Paragraph) | Event::End(TagEnd::Item) => {
                flush_paragraph(&mut block, &mut page, &heading, &lines, file)
            }

            Event::Start(Tag::Table(_)) => {
                table = Some(TableState {
                    start: range.start,
                    ..TableState::default()
                })
            }
            Event::Start(Tag::TableHead) => {
                if let Some(t) = &mut table {
                    t.in_head = true;
                }
            }
            Event::End(TagEnd::TableHead) => {
                if let Some(t) = &mut table {
                    t.in_head = false;
                    t.header = t.row.drain(..).map(|c| c.text).collect();
                }
            }
            Event::Start(Tag::TableRow) => {
                if let Some(t) = &mut table {
                    t.row_start = range.start;
                    check_row_cells(
                        text,
                        range.clone(),
                        t.header.len(),
                        &lines,
                        file,
                        &mut diags,
                    );
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let Some(t) = &mut table {
                    let cells = std::mem::take(&mut t.row);
                    t.rows.push(Row {
                        cells,
                        origin: lines.origin(file, t.row_start),
                    });
                }
            }
            Event::Start(Tag::TableCell) => block = Block::Cell(InlineBuilder::default()),
            Event::End(TagEnd::TableCell) => {
                if let (Block::Cell(b), Some(t)) =
                    (std::mem::replace(&mut block, Block::None), &mut table)
                {
                    t.row.push(b.finish());
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some(t) = table.take() {
                    page.tables.push(Table {
                        kind: classify_table(
                            &heading,
                            heading_anchor.as_deref(),
                            &t.header,
                            &t.rows,
                        ),
                        heading: heading.clone(),
                        anchor: heading_anchor.clone(),
                        header: t.header,
                        rows: t.rows,
                        origin: lines.origin(file, t.start),
                    });
                }
            }

            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info
                        .split_whitespace()
                        .next()
                        .unwrap_or("")
                        .to_ascii_lowercase(),
                    CodeBlockKind::Indented => String::new(),
                };
                let start = text[range.clone()]
                    .find('\n')
                    .map_or(range.start, |i| range.start + i + 1);
                block = Block::Code {
                    lang,
                    text: String::new(),
                    start,
                };
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Block::Code {
                    lang,
                    text: code,
                    start,
                } = std::mem::replace(&mut block, Block::None)
                {
                    page.code_blocks.push(CodeBlock {
                        lang,
                        text: code,
                        annotation: pending.take(),
                        heading: heading.clone(),
                        origin: lines.origin(file, start),
                    });
                }
            }

            Event::Start(Tag::HtmlBlock) => block = Block::Html(String::new(), range.start),
            Event::End(TagEnd::HtmlBlock) => {
                if let Block::Html(html, start) = std::mem::replace(&mut block, Block::None) {
                    for (offset, comment) in comments(&html) {
                        let origin = lines.origin(file, start + offset);
                        if let Some(a) = parse_annotation(comment, origin, &mut diags) {
                            page.annotations.extend(pending.replace(a));
                        }
                    }
                }
            }

            Event::Text(t) => match &mut block {
                Block::Code { text: code, .. } => code.push_str(&t),
                Block::Html(html, _) => html.push_str(&t),
                b => inline_of(b).map_or((), |b| b.text(&t)),
            },
            Event::Html(h) => {
                if let Block::Html(html, _) = &mut block {
                    html.push_str(&h);
                }
            }
            Event::InlineHtml(h) => {
                if h.starts_with("<!--") {
                    if let Some(a) =
                        parse_annotation(&h, lines.origin(file, range.start), &mut diags)
                    {
                        page.annotations.extend(pending.replace(a));
                    }
                } else if let Some(b) = inline_of(&mut block) {
                    b.html(&h);
                }
            }
            Event::Code(c) => inline_of(&mut block).map_or((), |b| b.code(&c)),
            Event::SoftBreak | Event::HardBreak => inline_of(&mut block).map_or((), |b| b.space()),
            Event::Start(Tag::Link { dest_url, .. }) => {
                inline_of(&mut block).map_or((), |b| b.start_link(&dest_url))
            }
            Event::End(TagEnd::Link) => inline_of(&mut block).map_or((), |b| b.end_link()),
            Event::Start(Tag::Strong) | Event::End(TagEnd::Strong) => {
                inline_of(&mut block).map_or((), |b| b.text("**"))
            }
            _ => {}
        }
    }
    page.annotations.extend(pending);
    if text.trim().is_empty() {
        diags.warning(
            Code::EmptyPage,
            Some(Origin::new(file, 1, 1)),
            "page is empty",
        );
    } else if page.title.is_none() {
        diags.warning(
            Code::NoTitle,
            Some(Origin::new(file, 1, 1)),
            "page has no `# title` heading",
        );
    }
    (page, diags)
}

/// Ends the paragraph (or list item) being read, keeping it when it has text.
fn flush_paragraph(
    block: &mut Block,
    page: &mut Page,
    heading: &str,
    lines: &LineIndex<'_>,
    file: &str,
) {
    if !matches!(block, Block::Paragraph(..)) {
        return;
    }
    if let Block::Paragraph(b, start, list_item) = std::mem::replace(block, Block::None) {
        let inline = b.finish();
        if !inline.text.is_empty() {
            page.paragraphs.push(Paragraph {
                inline,
                heading: heading.to_owned(),
                list_item,
                origin: lines.origin(file, start),
            });
        }
    }
}

fn inline_of(block: &mut Block) -> Option<&mut InlineBuilder> {
    match block {
        Block::Heading(_, b, _) | Block::Paragraph(b, _, _) | Block::Cell(b) => Some(b),
        _ => None,
    }
}

/// The `<!-- ... -->` comments in an HTML block, with their byte offsets.
fn comments(html: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(start) = html[from..].find("<!--").map(|i| from + i) {
        let end = html[start..]
            .find("-->")
            .map_or(html.len(), |i| start + i + 3);
        out.push((start, &html[start..end]));
        from = end;
    }
    out
}

/// pulldown-cmark pads short rows and drops extra cells (as GFM says); the docs' validator reports
/// both, so count the cells in the source line.
fn check_row_cells(
    text: &str,
    range: std::ops::Range<usize>,
    expected: usize,
    lines: &LineIndex<'_>,
    file: &str,
    diags: &mut Diagnostics,
) {
    let Some(raw) = text.get(range.clone()) else {
        return;
    };
    let raw = raw.lines().next().unwrap_or("").trim();
    let mut cells = 1;
    let mut in_code = false;
    let mut escaped = false;
    for c in raw.chars() {
        match c {
            '\\' if !escaped => {
                escaped = true;
                continue;
            }
            '`' => in_code = !in_code,
            '|' if !escaped && !in_code => cells += 1,
            _ => {}
        }
        escaped = false;
    }
    if raw.starts_with('|') {
        cells -= 1;
    }
    if raw.ends_with('|') && !raw.ends_with("\\|") && raw.len() > 1 {
        cells -= 1;
    }
    if expected > 0 && cells != expected {
        let what = if cells > expected { "more" } else { "fewer" };
        diags.warning(
            Code::TableRowCells,
            Some(lines.origin(file, range.start)),
            format!("table row has {cells} cells, {what} than the header's {expected}; read as {expected}"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::TableKind;

    const PAGE: &str = "---\ntitle: \"x resource type\"\ndoc_type: resourcePageType\n---\n\n# x resource type\n\nNamespace: microsoft.graph\n\nInherits from [entity](entity.md).\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| a | String | **TODO: x** |\n| b | [y](y.md) collection | Inherited from [entity](entity.md). |\n| c | Int32 |\n\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.x\" } -->\n```json\n{ \"a\": \"1\" }\n```\n";

    #[test]
    fn reads_a_resource_page() {
        let (page, diags) = parse_page("x.md", PAGE);
        assert_eq!(page.front.doc_type.as_deref(), Some("resourcePageType"));
        assert_eq!(
            page.title.as_ref().map(|h| h.text.as_str()),
            Some("x resource type")
        );
        assert_eq!(page.namespace().map(|(n, _)| n), Some("microsoft.graph"));
        assert_eq!(page.inherits_from()[0].0.name, "entity");
        let t = &page.tables[0];
        assert_eq!(t.kind, TableKind::Properties);
        let rows = t.param_rows();
        assert_eq!(rows.len(), 3);
        assert!(rows[0].placeholder);
        assert_eq!(
            rows[1].inherited_from.as_ref().map(|l| l.text.as_str()),
            Some("entity")
        );
        assert!(rows[1].type_ref.as_ref().is_some_and(|t| t.collection));
        assert_eq!(rows[1].origin, Origin::new("x.md", 17, 1));
        let block = &page.code_blocks[0];
        assert_eq!(
            block
                .annotation
                .as_ref()
                .and_then(|a| a.odata_type.as_deref()),
            Some("microsoft.graph.x")
        );
        assert_eq!(block.origin.line, 22);
        let d = diags.into_sorted();
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].kind, "table-row-cells");
        assert_eq!(d[0].origin, Some(Origin::new("x.md", 18, 1)));
    }

    #[test]
    fn a_delimiter_row_with_tabs_still_makes_a_table() {
        let page = "# x resource type\n\n## Properties\n\n| Property | Type\t\t| Description |\n| ------ |------\t \t| ------|\n| id\t\t| String\t| The id. |\n\nAfter.\n";
        let (page, _) = parse_page("x.md", page);
        assert_eq!(page.tables.len(), 1);
        let rows = page.tables[0].param_rows();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].name, "id");
        assert_eq!(rows[0].origin, Origin::new("x.md", 7, 1));
        assert!(untab_delimiter_rows("a\tb\n---\n").contains('\t'));
    }
}
