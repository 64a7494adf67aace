//! Table kinds and columns. A table is classified by its heading's anchor where it has one
//! (anchors stay as written in translated docs), else by the heading's English text as the docs'
//! own tooling reads it (`config/table-header-config.json`), else by its shape: a column of
//! identifiers beside a column of short type expressions is a property table; a column of
//! identifiers under a heading that names one identifier is an enum's members. Columns are found
//! by their header aliases, else by position.

use super::{is_identifier, parse_type_cell, strip_placeholder, Inline, Link, Row, Table, TypeRef};
use crate::diag::Origin;

/// What a table holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TableKind {
    /// `## Properties`: a resource's structural properties.
    Properties,
    /// `## Relationships`: navigation properties.
    Relationships,
    /// `## Request body` / `## Parameters` / `## Function parameters`.
    Parameters,
    /// A table shaped like a property table (a column of identifiers, then one of short type
    /// expressions, then prose) under a heading that says nothing this reader knows: the
    /// properties of a resource page, the parameters of an API page.
    Fields,
    /// `### x values`, `x flags`, `x members`, `Members`: an enum's members. `name` is the enum's
    /// name when the heading gives one; `flags` when the heading says flags.
    Members { name: Option<String>, flags: bool },
    /// A column of identifiers (and at most two other columns, none of types) under a heading
    /// that says nothing this reader knows: on an enum page, an enum's members; elsewhere the
    /// members of enum `name` (the heading's one code-style word) if anything is typed by it (a
    /// list of a string property's values looks the same).
    ValueList { name: Option<String> },
    /// `## Derived types`: a base type's table of links to the types derived from it.
    DerivedTypes,
    /// Anything else (permissions, headers, methods, ...): not read.
    Other,
}

/// Classifies a table: by its heading's anchor, else by the heading's English text, else by its
/// shape.
pub fn classify_table(
    heading: &str,
    anchor: Option<&str>,
    header: &[String],
    rows: &[Row],
) -> TableKind {
    if let Some(kind) = anchor
        .map(|a| classify_anchor(a, heading))
        .filter(|k| *k != TableKind::Other)
    {
        return kind;
    }
    match classify_heading(heading) {
        TableKind::Other => classify_shape(heading, header, rows),
        kind => kind,
    }
}

/// Classifies a heading's anchor slug (`properties`, `request-body`, `calltype-values`): the slug
/// is the heading's words as the docs' tooling wrote them, so it reads as they do. An enum's name
/// is the heading's identifier that spells the slug's (`значения callType`), else the slug's.
fn classify_anchor(anchor: &str, heading: &str) -> TableKind {
    match classify_heading(&anchor.replace('-', " ")) {
        TableKind::Members {
            name: Some(slug),
            flags,
        } => TableKind::Members {
            name: Some(
                heading_identifiers(heading)
                    .into_iter()
                    .find(|w| w.eq_ignore_ascii_case(&slug))
                    .map_or(slug, str::to_owned),
            ),
            flags,
        },
        kind => kind,
    }
}

/// The words of a heading that are identifiers (`callType`, `x_y`), backticks removed.
fn heading_identifiers(heading: &str) -> Vec<&str> {
    heading
        .split(|c: char| c.is_whitespace() || c == ':' || c == ',')
        .map(|w| w.trim_matches(['`', '*', '"', '\'', '(', ')']))
        .filter(|w| is_identifier(w) && !w.contains('.'))
        .collect()
}

/// Whether a word is written as code is (an identifier with a capital after its first letter, a
/// digit or an underscore: `callType`, `x509`), which a word of prose is not.
pub(crate) fn code_style(word: &str) -> bool {
    is_identifier(word)
        && word
            .chars()
            .skip(1)
            .any(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// Classifies a table by its shape alone: [`TableKind::Fields`] for a column of identifiers, a
/// column of short type expressions and a prose column; a value list for a column of
/// identifiers and at most two others, none of them type expressions, under a heading whose one
/// code-style word names the enum ([`TableKind::ValueList`]). Anything else is
/// [`TableKind::Other`].
fn classify_shape(heading: &str, header: &[String], rows: &[Row]) -> TableKind {
    let names: Vec<String> = rows
        .iter()
        .filter(|r| !is_group_row(r, 0))
        .filter_map(|r| r.cells.first())
        .map(|c| row_name(&c.text))
        .collect();
    if names.is_empty() || header.is_empty() {
        return TableKind::Other;
    }
    let share = |n: usize| n * 5 >= names.len() * 4;
    // Every row a link to a type's page and nothing else in its first cell, beside at most two
    // columns of prose: the types derived from the page's own.
    let to_type_page = |r: &Row| {
        r.cells.first().is_some_and(|c| match c.links.as_slice() {
            [l] => {
                clean_cell(&c.text) == clean_cell(&l.text)
                    && l.dest.ends_with(".md")
                    && !l.dest.contains("api/")
                    && !l.dest.contains("://")
            }
            _ => false,
        })
    };
    if header.len() <= 3
        && rows.iter().all(to_type_page)
        && !rows
            .iter()
            .any(|r| r.cells.get(1).is_some_and(|c| parse_type_cell(c).is_some()))
    {
        return TableKind::DerivedTypes;
    }
    let identifiers = names
        .iter()
        .filter(|n| is_identifier(n) && !n.contains('.'))
        .count();
    // Names are written as text; a first column of links refers to other pages (methods,
    // permissions by resource).
    let linked = rows
        .iter()
        .filter(|r| r.cells.first().is_some_and(|c| !c.links.is_empty()))
        .count();
    if !share(identifiers) || linked * 5 > names.len() {
        return TableKind::Other;
    }
    // Rows whose second cell reads as a type expression.
    let typed = rows
        .iter()
        .filter(|r| !is_group_row(r, 0))
        .filter(|r| r.cells.get(1).is_some_and(type_like))
        .count();
    if header.len() >= 3 && share(typed) {
        return TableKind::Fields;
    }
    let code_words: Vec<&str> = heading_identifiers(heading)
        .into_iter()
        .filter(|w| code_style(w))
        .collect();
    if header.len() <= 3 && (header.len() < 2 || typed == 0) {
        return TableKind::ValueList {
            name: match code_words.as_slice() {
                [name] => Some((*name).to_owned()),
                _ => None,
            },
        };
    }
    TableKind::Other
}

/// A cell's text without emphasis, code marks or surrounding space.
fn clean_cell(text: &str) -> &str {
    text.trim().trim_matches(['*', '`']).trim()
}

/// Whether a cell reads as a type expression: one the grammar knows, a link to a page, or a
/// short phrase (a type written in the docs' language), not a sentence.
fn type_like(cell: &Inline) -> bool {
    let text = cell.text.trim();
    // A number is a member's value, not a type.
    !text.is_empty()
        && text.parse::<i64>().is_err()
        && (parse_type_cell(cell).is_some()
            || !cell.links.is_empty()
            || (text.split_whitespace().count() <= 3 && !text.ends_with('.')))
}

/// A row of bold text alone (`|**Open extensions**| | |`), which heads a group of rows.
fn is_group_row(row: &Row, name_col: usize) -> bool {
    let raw = row.cells.get(name_col).map_or("", |c| c.text.trim());
    let others_empty = row
        .cells
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != name_col)
        .all(|(_, c)| c.text.trim().is_empty());
    others_empty && raw.starts_with("**") && raw.ends_with("**")
}

/// Classifies a heading's English text.
pub fn classify_heading(heading: &str) -> TableKind {
    let h = heading.trim().trim_end_matches(':').trim();
    let lower = h.to_ascii_lowercase();
    match lower.as_str() {
        "properties" | "instance attributes" => return TableKind::Properties,
        "relationships" => return TableKind::Relationships,
        "derived types" => return TableKind::DerivedTypes,
        "request body" | "parameters" | "function parameters" | "action parameters" => {
            return TableKind::Parameters
        }
        "members" | "enumerated values" | "enum values" | "enumeration values" => {
            return TableKind::Members {
                name: None,
                flags: false,
            }
        }
        _ => {}
    }
    for (suffix, flags) in [
        (" enumeration values", false),
        (" enumeration", false),
        (" members", false),
        (" values", false),
        (" flags", true),
    ] {
        if let Some(name) = lower.strip_suffix(suffix) {
            let name = h[..name.len()].trim().trim_matches('`');
            let name = name.strip_suffix(" enum").unwrap_or(name).trim();
            if !name.is_empty() && !name.contains(' ') && !name.eq_ignore_ascii_case("possible") {
                return TableKind::Members {
                    name: Some(name.to_owned()),
                    flags,
                };
            }
        }
    }
    TableKind::Other
}

fn column(header: &[String], aliases: &[&str]) -> Option<usize> {
    aliases
        .iter()
        .find_map(|a| header.iter().position(|h| h.trim().eq_ignore_ascii_case(a)))
}

/// A row of a Properties, Relationships or Parameters table.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamRow {
    pub name: String,
    /// `None` when the Type cell is empty or unreadable (see `type_text`).
    pub type_ref: Option<TypeRef>,
    pub type_text: String,
    /// The Type cell's words around the names in it ([`super::type_frame`]).
    pub type_frame: Option<String>,
    /// The first name in the Type cell (a link's text or a code span), for a frame with `{}`.
    pub type_name_in_cell: Option<String>,
    /// The stem of the page the Type cell links to, if it links.
    pub type_stem: Option<String>,
    pub description: String,
    /// The description held a `**TODO ...**` placeholder (removed from `description`).
    pub placeholder: bool,
    /// "Inherited from [x](x.md)".
    pub inherited_from: Option<Link>,
    /// Each link of the description with the words before it ([`super::link_phrases`]).
    pub description_links: Vec<(String, Link)>,
    pub possible_values: Vec<String>,
    /// A list of code spans in the description and the words that introduce it, where the Type
    /// cell says a primitive: a value list only if those words are the docs' words for one
    /// (learned from rows that type by an enum, `ir::value_labels`).
    pub labeled_values: Option<(String, Vec<String>)>,
    pub read_only: bool,
    pub origin: Origin,
}

/// A row of a Members table.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumRow {
    pub name: String,
    pub value: Option<i64>,
    pub description: String,
    pub origin: Origin,
}

const NAME: &[&str] = &[
    "Property",
    "Name",
    "Parameter",
    "Property Name",
    "Parameter Name",
    "Relationship",
    "Relationship name",
];
const TYPE: &[&str] = &["Type", "Value"];
const DESCRIPTION: &[&str] = &["Description", "Notes", "Remarks"];
const MEMBER: &[&str] = &["Member", "Name", "Value", "Member name", "Enum value"];
const NUMBER: &[&str] = &["Numeric Value", "Value", "Int value"];

impl Table {
    /// The rows of a property-like table. Rows without a name are skipped.
    /// The parameter or property rows, by the columns' roles. Group-heading rows (bold text
    /// alone) are left out.
    pub fn param_rows(&self) -> Vec<ParamRow> {
        let Some((name_col, type_col, desc_col)) = self.param_columns() else {
            return Vec::new();
        };
        let empty = Inline::default();
        self.rows
            .iter()
            .filter_map(|row| {
                let cell = |i: usize| row.cells.get(i).unwrap_or(&empty);
                if is_group_row(row, name_col) {
                    return None;
                }
                let name = row_name(&cell(name_col).text);
                if name.is_empty() {
                    return None;
                }
                let type_cell = cell(type_col);
                let desc = desc_col.map(cell).unwrap_or(&empty);
                let (description, placeholder) = strip_placeholder(&desc.text);
                let inherited_from = inherited_link(desc);
                let type_ref = parse_type_cell(type_cell);
                // A list of code spans, introduced in any words, is a value list where the Type
                // cell does not say the property is a plain primitive (it names an enum, says
                // Enumeration, or is in words this reader does not know).
                let mut possible_values = super::possible_values(&description);
                let primitive = type_ref
                    .as_ref()
                    .is_some_and(|t| matches!(t.name, super::TypeName::Primitive(_)));
                let after_colon = super::labeled_code_values(&description);
                if possible_values.is_empty() && !primitive {
                    possible_values = after_colon
                        .as_ref()
                        .map(|(_, v)| v.clone())
                        .unwrap_or_default();
                }
                let labeled_values =
                    after_colon.or_else(|| super::introduced_code_values(&description));
                let lower = description.to_ascii_lowercase();
                Some(ParamRow {
                    name,
                    type_ref,
                    type_text: type_cell.text.clone(),
                    type_frame: super::type_frame(type_cell),
                    type_name_in_cell: super::cell_names(type_cell)
                        .into_iter()
                        .map(|n| n.trim().trim_matches('`').to_owned())
                        .find(|n| !n.is_empty()),
                    type_stem: type_cell
                        .links
                        .first()
                        .and_then(|l| l.target_stem())
                        .map(str::to_owned),
                    read_only: lower.contains("read-only") || lower.contains("read only"),
                    description,
                    placeholder,
                    inherited_from,
                    description_links: super::link_phrases(desc)
                        .into_iter()
                        .map(|(phrase, link)| (phrase, link.clone()))
                        .collect(),
                    possible_values,
                    labeled_values,
                    origin: row.origin.clone(),
                })
            })
            .collect()
    }

    /// The name, type and description columns of a property-like table: by their header
    /// aliases, else (headers in another language) by position: name, type, then the last as
    /// the description (three columns at least: a two-column table is a list of values).
    fn param_columns(&self) -> Option<(usize, usize, Option<usize>)> {
        match (column(&self.header, NAME), column(&self.header, TYPE)) {
            (Some(name), Some(ty)) => Some((name, ty, column(&self.header, DESCRIPTION))),
            _ if self.header.len() >= 3 && !self.header_is_known() => {
                Some((0, 1, Some(self.header.len() - 1)))
            }
            _ => None,
        }
    }

    /// Whether any header cell is one of the aliases this reader knows.
    fn header_is_known(&self) -> bool {
        [NAME, TYPE, DESCRIPTION, MEMBER, NUMBER]
            .iter()
            .any(|aliases| column(&self.header, aliases).is_some())
    }

    /// The member, numeric value and description columns of a members table: by their header
    /// aliases, else by content and position: the first column, a later column of integers, and
    /// the last other column.
    fn enum_columns(&self) -> Option<(usize, Option<usize>, Option<usize>)> {
        if let Some(member) = column(&self.header, MEMBER) {
            let number = column(&self.header, NUMBER).filter(|&c| c != member);
            return Some((member, number, column(&self.header, DESCRIPTION)));
        }
        if self.header.is_empty() || self.header_is_known() {
            return None;
        }
        let integers = |c: usize| {
            self.rows.iter().all(|r| {
                r.cells
                    .get(c)
                    .is_some_and(|x| x.text.trim().parse::<i64>().is_ok())
            })
        };
        let number = (1..self.header.len()).find(|&c| integers(c));
        let desc = (1..self.header.len()).rev().find(|&c| Some(c) != number);
        Some((0, number, desc))
    }

    /// The rows of a Members table.
    pub fn enum_rows(&self) -> Vec<EnumRow> {
        let Some((member_col, number_col, desc_col)) = self.enum_columns() else {
            return Vec::new();
        };
        self.rows
            .iter()
            .filter_map(|row| {
                let text = |i: usize| row.cells.get(i).map(|c| c.text.as_str()).unwrap_or("");
                // Stray list punctuation after a member (`organization;`) is not part of it.
                let name = text(member_col)
                    .replace(['`', '*', '\\'], "")
                    .trim()
                    .trim_end_matches([';', ','])
                    .trim()
                    .to_owned();
                if name.is_empty() {
                    return None;
                }
                Some(EnumRow {
                    name,
                    value: number_col.and_then(|c| text(c).trim().parse().ok()),
                    description: desc_col
                        .map(|c| strip_placeholder(text(c)).0)
                        .unwrap_or_default(),
                    origin: row.origin.clone(),
                })
            })
            .collect()
    }
}

fn inherited_link(desc: &Inline) -> Option<Link> {
    let lower = desc.text.to_ascii_lowercase();
    let pos = lower.find("inherited from")?;
    let after = &desc.text[pos..];
    desc.links
        .iter()
        .find(|l| after.contains(&l.text) && !l.text.is_empty())
        .cloned()
}

/// A name cell without markup, footnote marks (`size*`, `name¹`, `name [1]`) or a trailing
/// remark in parentheses (`backupReviewers (deprecated)`).
fn row_name(cell: &str) -> String {
    let mut name = cell.replace(['`', '*', '\\'], "").trim().to_owned();
    if let Some(open) = name.find(" (").filter(|_| name.ends_with(')')) {
        name.truncate(open);
    }
    if let Some(open) = name.rfind(" [").filter(|_| name.ends_with(']')) {
        if name[open + 2..name.len() - 1]
            .chars()
            .all(|c| c.is_ascii_digit())
        {
            name.truncate(open);
        }
    }
    name.trim_end_matches(['¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹', '⁰', '†', '‡'])
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(cells: &[&[&str]]) -> Vec<Row> {
        cells
            .iter()
            .map(|r| Row {
                cells: r
                    .iter()
                    .map(|c| Inline {
                        text: (*c).to_owned(),
                        ..Inline::default()
                    })
                    .collect(),
                origin: Origin::default(),
            })
            .collect()
    }

    #[test]
    fn tables_are_classified_by_anchor_then_words_then_shape() {
        let header: Vec<String> = ["Свойство", "Тип", "Описание"].map(String::from).to_vec();
        let props = rows(&[
            &["callbackUri", "Строка", "URL-адрес обратного вызова."],
            &["id", "String", "Идентификатор вызова. Только для чтения."],
        ]);
        // The anchor decides, whatever the heading's language.
        assert_eq!(
            classify_table("Отношения", Some("relationships"), &header, &props),
            TableKind::Relationships
        );
        assert_eq!(
            classify_table(
                "значения callType",
                Some("calltype-values"),
                &header,
                &props
            ),
            TableKind::Members {
                name: Some("callType".into()),
                flags: false
            }
        );
        assert_eq!(
            classify_table("Производные типы", Some("derived-types"), &header, &props),
            TableKind::DerivedTypes
        );
        // A first column of links to type pages, beside prose: the derived types.
        let mut derived = rows(&[&["circle", "Zuvoka bafel."], &["square", "Kel dask."]]);
        for r in &mut derived {
            let text = r.cells[0].text.clone();
            r.cells[0].links.push(Link {
                dest: format!("{text}.md"),
                text,
            });
        }
        assert_eq!(
            classify_table("Zuvoka", None, &["Tyr".into(), "Dask".into()], &derived),
            TableKind::DerivedTypes
        );
        // No anchor, unknown words: the shape.
        assert_eq!(
            classify_table("Свойства", None, &header, &props),
            TableKind::Fields
        );
        let members = rows(&[&["unknown"], &["groupCall"], &["peerToPeer"]]);
        assert_eq!(
            classify_table("Zuvoka callType", None, &["Bafel".into()], &members),
            TableKind::ValueList {
                name: Some("callType".into())
            }
        );
        // A heading with no code-style word names no enum; links in the first column are no names.
        assert_eq!(
            classify_table("Zuvoka Bafel", None, &["Bafel".into()], &members),
            TableKind::ValueList { name: None }
        );
        let mut linked = props.clone();
        for r in &mut linked {
            let text = r.cells[0].text.clone();
            r.cells[0].links.push(Link {
                text,
                dest: "x.md".into(),
            });
        }
        assert_eq!(
            classify_table("Методы", None, &header, &linked),
            TableKind::Other
        );
    }

    #[test]
    fn columns_fall_back_to_position() {
        let table = Table {
            kind: TableKind::Fields,
            heading: String::new(),
            anchor: None,
            header: ["Свойство", "Тип", "Описание"].map(String::from).to_vec(),
            rows: rows(&[&["averageJitter", "Длительность", "Средний джиттер."]]),
            origin: Origin::default(),
        };
        let r = &table.param_rows()[0];
        assert_eq!(r.name, "averageJitter");
        assert_eq!(r.type_frame.as_deref(), Some("длительность"));
        assert_eq!(r.description, "Средний джиттер.");
    }

    #[test]
    fn headings() {
        assert_eq!(classify_heading("Properties"), TableKind::Properties);
        assert_eq!(classify_heading("Request body"), TableKind::Parameters);
        assert_eq!(classify_heading("Relationships"), TableKind::Relationships);
        assert_eq!(
            classify_heading("operationStatus values"),
            TableKind::Members {
                name: Some("operationStatus".into()),
                flags: false
            }
        );
        assert_eq!(
            classify_heading("dayOfWeek flags"),
            TableKind::Members {
                name: Some("dayOfWeek".into()),
                flags: true
            }
        );
        assert_eq!(
            classify_heading("Members"),
            TableKind::Members {
                name: None,
                flags: false
            }
        );
        assert_eq!(classify_heading("Permissions"), TableKind::Other);
        assert_eq!(classify_heading("Possible values"), TableKind::Other);
    }
}
