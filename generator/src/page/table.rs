//! Table kinds and columns, as the docs' own tooling reads them (`config/table-header-config.json`):
//! a table is classified by the heading above it, and its columns are found by their aliases.

use super::{parse_type_cell, strip_placeholder, Inline, Link, Table, TypeRef};
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
    /// `### x values`, `x flags`, `x members`, `Members`: an enum's members. `name` is the enum's
    /// name when the heading gives one; `flags` when the heading says flags.
    Members { name: Option<String>, flags: bool },
    /// Anything else (permissions, headers, methods, ...): not read.
    Other,
}

/// Classifies a heading's English text.
pub fn classify_heading(heading: &str) -> TableKind {
    let h = heading.trim().trim_end_matches(':').trim();
    let lower = h.to_ascii_lowercase();
    match lower.as_str() {
        "properties" | "instance attributes" => return TableKind::Properties,
        "relationships" => return TableKind::Relationships,
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
    /// The stem of the page the Type cell links to, if it links.
    pub type_stem: Option<String>,
    pub description: String,
    /// The description held a `**TODO ...**` placeholder (removed from `description`).
    pub placeholder: bool,
    /// "Inherited from [x](x.md)".
    pub inherited_from: Option<Link>,
    pub possible_values: Vec<String>,
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
        let (Some(name_col), Some(type_col)) =
            (column(&self.header, NAME), column(&self.header, TYPE))
        else {
            return Vec::new();
        };
        let desc_col = column(&self.header, DESCRIPTION);
        let empty = Inline::default();
        self.rows
            .iter()
            .filter_map(|row| {
                let cell = |i: usize| row.cells.get(i).unwrap_or(&empty);
                // A row of bold text alone (`|**Open extensions**| | |`) heads a group of rows.
                let raw = cell(name_col).text.trim();
                let others_empty = (0..self.header.len())
                    .filter(|&i| i != name_col)
                    .all(|i| cell(i).text.trim().is_empty());
                if others_empty && raw.starts_with("**") && raw.ends_with("**") {
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
                let possible_values = super::possible_values(&description);
                let lower = description.to_ascii_lowercase();
                Some(ParamRow {
                    name,
                    type_ref: parse_type_cell(type_cell),
                    type_text: type_cell.text.clone(),
                    type_stem: type_cell
                        .links
                        .first()
                        .and_then(|l| l.target_stem())
                        .map(str::to_owned),
                    read_only: lower.contains("read-only") || lower.contains("read only"),
                    description,
                    placeholder,
                    inherited_from,
                    possible_values,
                    origin: row.origin.clone(),
                })
            })
            .collect()
    }

    /// The rows of a Members table.
    pub fn enum_rows(&self) -> Vec<EnumRow> {
        let Some(member_col) = column(&self.header, MEMBER) else {
            return Vec::new();
        };
        let number_col = column(&self.header, NUMBER).filter(|&c| c != member_col);
        let desc_col = column(&self.header, DESCRIPTION);
        self.rows
            .iter()
            .filter_map(|row| {
                let text = |i: usize| row.cells.get(i).map(|c| c.text.as_str()).unwrap_or("");
                let name = text(member_col)
                    .replace(['`', '*', '\\'], "")
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
