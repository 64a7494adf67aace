//! Per-page facts: what one page claims about types, operations and examples, before merging.
//!
//! Reads only the page model. Names are still as written; nothing is resolved across pages here.

use crate::diag::Code;
use crate::diag::{Diagnostics, Origin};
use crate::ir::model::{OperationKind, TypeKind};
use crate::page::{
    is_identifier, parse_http, EnumRow, HttpMessage, NamedRef, Page, ParamRow, TableKind, TypeRef,
};

/// How much a source is trusted for a type's shape and text: a resource page over an API page's
/// request-body table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Rank {
    ApiBody,
    Resource,
}

/// A property row, as written.
#[derive(Debug, Clone)]
pub(crate) struct PropFact {
    pub name: String,
    pub type_ref: Option<TypeRef>,
    /// The Type cell's own words around the names in it (`коллекция {}`), for the learned
    /// vocabulary.
    pub type_frame: Option<String>,
    /// The first name in the Type cell, which fills a frame's `{}`.
    pub type_name_in_cell: Option<String>,
    /// What the learned vocabulary says a Type cell of one bare word means (`Zuvoka` →
    /// `Edm.String`): the type when that word names no type of the docs.
    pub learned_fallback: Option<crate::page::Primitive>,
    /// The stem of the page the Type cell links to: the linked page's own type wins over the
    /// link text.
    pub type_stem: Option<String>,
    pub navigation: bool,
    pub read_only: bool,
    pub description: Option<String>,
    pub possible_values: Vec<String>,
    /// A code-span list in the description where the Type cell says a primitive, with the words
    /// that introduce it (see `ParamRow::labeled_values`).
    pub labeled_values: Option<(String, Vec<String>)>,
    /// "Inherited from X": the row belongs to X.
    pub inherited_from: Option<NamedRef>,
    /// The description's links with the words before each, for the learned row phrases.
    pub description_links: Vec<(String, NamedRef)>,
    /// Only the page's JSON representation lists it (no table row): kept unless a base type
    /// declares it (representations list inherited properties too).
    pub from_representation: bool,
    /// The table's name cell is not an identifier (a translated name): the JSON representation
    /// may name the row ([`crate::ir::representation::merge`]); unnamed rows are dropped.
    pub unnamed: bool,
    pub origin: Origin,
}

impl PropFact {
    /// A property known only by name and type (from an example or a JSON representation).
    pub(crate) fn typed(
        name: String,
        type_ref: TypeRef,
        from_representation: bool,
        origin: Origin,
    ) -> PropFact {
        PropFact {
            name,
            type_ref: Some(type_ref),
            type_frame: None,
            type_name_in_cell: None,
            learned_fallback: None,
            description_links: Vec::new(),
            type_stem: None,
            navigation: false,
            read_only: false,
            description: None,
            possible_values: Vec::new(),
            labeled_values: None,
            inherited_from: None,
            from_representation,
            unnamed: false,
            origin,
        }
    }

    /// The named type `n` of this row, with the page its Type cell links to.
    pub(crate) fn named_type(&self, n: &str) -> NamedRef {
        NamedRef {
            name: n.to_owned(),
            stem: self.type_stem.clone(),
        }
    }

    /// The "Possible values" of this row as enum members, all placed at the row.
    pub(crate) fn value_rows(&self) -> Vec<EnumRow> {
        self.possible_values
            .iter()
            .map(|v| EnumRow {
                name: v.clone(),
                value: None,
                description: String::new(),
                origin: self.origin.clone(),
            })
            .collect()
    }
}

/// Base-type evidence, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum BaseEvidence {
    /// `baseType` in the resource annotation.
    Annotation,
    /// "Inherits from x" / "derived from x" in the page's prose.
    InheritsFrom,
    /// Rows marked "Inherited from x".
    InheritedRows,
    /// The base's page lists the type among its derived types.
    DerivedList,
    /// An example shows a value of a property typed as the base carrying the type's
    /// `@odata.type`.
    ExampleODataType,
    /// The type's own examples show properties its tables do not list, and they are exactly
    /// what one other type declares.
    ExampleProperties,
    /// An entity with no other evidence derives from `entity`.
    EntityDefault,
}

impl BaseEvidence {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            BaseEvidence::Annotation => "annotation",
            BaseEvidence::InheritsFrom => "inherits-from",
            BaseEvidence::InheritedRows => "inherited-rows",
            BaseEvidence::DerivedList => "derived-list",
            BaseEvidence::ExampleODataType => "example-odata-type",
            BaseEvidence::ExampleProperties => "example-properties",
            BaseEvidence::EntityDefault => "entity-default",
        }
    }
}

/// What names a type into existence, strongest first: the schema records the strongest for each
/// type (`evidence`), beside `base_evidence` for its base edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum TypeEvidence {
    /// A resource annotation's `@odata.type`.
    Annotation,
    /// A members table (an enum page, or a `x values` section).
    MembersTable,
    /// A resource page's title (`x resource type`).
    Title,
    /// An API page's request-body table, bound to its type.
    RequestBody,
    /// A table shaped like a members table under a heading naming one identifier: an enum only if
    /// something is typed by it.
    ValueList,
}

impl TypeEvidence {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            TypeEvidence::Annotation => "annotation",
            TypeEvidence::MembersTable => "members-table",
            TypeEvidence::ValueList => "value-list-table",
            TypeEvidence::Title => "title",
            TypeEvidence::RequestBody => "request-body",
        }
    }
}

/// What a page says about one type.
#[derive(Debug, Clone)]
pub(crate) struct TypeFact {
    /// What names the type on this page.
    pub evidence: TypeEvidence,
    pub name: String,
    pub namespace: Option<String>,
    pub kind: Option<TypeKind>,
    pub bases: Vec<(NamedRef, BaseEvidence, Origin)>,
    /// The links of the page's introduction with the words before each, for the learned
    /// "inherits from" phrases.
    pub intro_links: Vec<(String, NamedRef, Origin)>,
    /// Types the page lists as derived from this one.
    pub derived: Vec<(NamedRef, Origin)>,
    /// Where the resource annotation says `"baseType": null`.
    pub no_base: Option<Origin>,
    pub is_abstract: bool,
    pub open: bool,
    pub flags: bool,
    pub description: Option<String>,
    pub properties: Vec<PropFact>,
    pub members: Vec<EnumRow>,
    /// Some member rows were skipped (written in another script): a value list naming these
    /// members and more may complete the enum.
    pub incomplete_members: bool,
    pub origin: Origin,
    pub rank: Rank,
}

/// What an API page says about its operation.
#[derive(Debug, Clone)]
pub(crate) struct OpFact {
    pub name: String,
    pub kind: OperationKind,
    pub method: String,
    pub paths: Vec<String>,
    /// As the title names it; set by the name binding (from `bound_candidates` or the main type).
    pub bound_type: Option<String>,
    /// Where an action's bound type may come from, best first.
    pub bound_candidates: Vec<NamedRef>,
    /// The type the operation reads or writes; set by the name binding from `main_candidates`.
    pub main_type: Option<String>,
    /// The type as the page's intro link or title words it; names the operation (`updateChart`),
    /// as the docs' own operation names do.
    pub title_type: Option<String>,
    /// Where the main type may come from, best first: the request/response annotations'
    /// `@odata.type`, the linked resource page (by stem), the link text, the title.
    pub main_candidates: Vec<NamedRef>,
    pub params: Vec<PropFact>,
    pub response: Option<(String, bool)>,
    pub description: Option<String>,
    pub origin: Origin,
}

/// The role of a JSON example.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ExampleRole {
    Request,
    Response,
    Resource,
}

/// A JSON example and the type it claims to be.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Example {
    pub role: ExampleRole,
    /// The type as written (annotation `@odata.type`, the JSON's own `@odata.type`, or the
    /// operation's body or response type); resolved to a qualified name by the merge.
    pub type_name: Option<String>,
    pub collection: bool,
    pub truncated: bool,
    /// Index into the page's operations when the example belongs to one.
    #[serde(skip)]
    pub operation: Option<usize>,
    /// `type_name` is the operation's main or response type (not the example's own annotation),
    /// so it follows the operation's name binding.
    #[serde(skip)]
    pub typed_by_operation: bool,
    pub json: String,
    pub origin: Origin,
}

/// Everything one page contributes.
#[derive(Debug, Clone, Default)]
pub(crate) struct PageFacts {
    /// The page's file name without folders and extension, lower-cased.
    pub stem: String,
    pub namespace: Option<String>,
    pub types: Vec<TypeFact>,
    pub operations: Vec<OpFact>,
    pub examples: Vec<Example>,
    /// Set when the page has nothing to contribute, with the reason.
    pub skipped: Option<String>,
    /// Type-cell frames beside the type the JSON representation gives the same property, and the
    /// grammar's own reading of the cell: what the vocabulary is learned from.
    pub frame_pairs: Vec<FramePair>,
}

impl PageFacts {
    /// Every property row the page gives: its types' properties and its operations' parameters.
    pub(crate) fn rows_mut(&mut self) -> impl Iterator<Item = &mut PropFact> {
        self.types
            .iter_mut()
            .flat_map(|t| t.properties.iter_mut())
            .chain(self.operations.iter_mut().flat_map(|o| o.params.iter_mut()))
    }
}

/// A Type cell's frame and what the page's JSON representation says the property is.
#[derive(Debug, Clone)]
pub(crate) struct FramePair {
    pub frame: String,
    pub json: TypeRef,
    pub parsed: Option<TypeRef>,
}

/// Extracts the facts of one page.
pub(crate) fn page_facts(page: &Page, diags: &mut Diagnostics) -> PageFacts {
    let stem = crate::page::file_stem(&page.file).to_ascii_lowercase();
    let mut facts = PageFacts {
        stem,
        namespace: page.namespace().map(|(n, _)| n.to_owned()),
        ..PageFacts::default()
    };
    let doc_type = page
        .front
        .doc_type
        .as_deref()
        .unwrap_or("")
        .to_ascii_lowercase();
    let has_request_line = page
        .code_blocks
        .iter()
        .any(|b| b.lang == "http" && is_request_block(b));
    match doc_type.as_str() {
        "conceptualpagetype" => {
            facts.skipped = Some("conceptual page (doc_type: conceptualPageType)".into())
        }
        // An API page without a request line that describes a resource is a resource page with
        // the wrong doc_type.
        "apipagetype" if !has_request_line && describes_resource(page) => {
            resource_facts(page, &mut facts, diags)
        }
        "apipagetype" => api_facts(page, &mut facts, diags),
        "resourcepagetype" | "enumpagetype" => resource_facts(page, &mut facts, diags),
        _ if has_request_line => api_facts(page, &mut facts, diags),
        _ if page.tables.iter().any(|t| t.kind != TableKind::Other) => {
            resource_facts(page, &mut facts, diags)
        }
        _ => facts.skipped = Some("no doc_type, no property, member or request tables".into()),
    }
    for block in &page.code_blocks {
        if let Some(ex) = example(page, block, &facts, diags) {
            facts.examples.push(ex);
        }
    }
    facts
}

/// The property-shaped tables under headings the reader does not know that hold relationships
/// (indices into `page.tables`). The JSON representation tells: it lists a resource's structural
/// properties and leaves its navigation properties out. So a later such table whose identifier
/// rows the representation mostly leaves out (four in five), on a page whose first such table it
/// mostly lists (one in two), holds relationships.
fn relationship_tables(page: &Page, fields_are_properties: bool) -> Vec<usize> {
    let Some(keys) = fields_are_properties
        .then(|| super::representation::keys(page))
        .flatten()
    else {
        return Vec::new();
    };
    // (table index, identifier rows, rows the representation lists)
    let counts: Vec<(usize, usize, usize)> = page
        .tables
        .iter()
        .enumerate()
        .filter(|(_, t)| t.kind == TableKind::Fields)
        .map(|(i, t)| {
            let names: Vec<String> = t
                .param_rows()
                .into_iter()
                .map(|r| r.name)
                .filter(|n| super::names::is_name(n))
                .collect();
            let listed = names
                .iter()
                .filter(|n| keys.iter().any(|k| k.eq_ignore_ascii_case(n)))
                .count();
            (i, names.len(), listed)
        })
        .collect();
    match counts.split_first() {
        Some((&(_, rows, listed), rest)) if rows > 0 && listed * 2 >= rows => rest
            .iter()
            .filter(|(_, rows, listed)| *rows > 0 && listed * 5 <= *rows)
            .map(|(i, _, _)| *i)
            .collect(),
        _ => Vec::new(),
    }
}

/// A Properties or Relationships table, or a resource annotation.
fn describes_resource(page: &Page) -> bool {
    page.tables.iter().any(|t| {
        matches!(
            t.kind,
            TableKind::Properties | TableKind::Relationships | TableKind::Fields
        )
    }) || resource_annotation(page).is_some()
}

/// The page's first `"blockType": "resource"` annotation (a comment, or one on a code block).
fn resource_annotation(page: &Page) -> Option<&crate::page::Annotation> {
    page.annotations
        .iter()
        .chain(
            page.code_blocks
                .iter()
                .filter_map(|b| b.annotation.as_ref()),
        )
        .find(|a| a.block_type.as_deref() == Some("resource"))
}

/// Whether a code block gives the page's request lines: it sits under "HTTP request", or, whatever
/// its heading says, it is an `http` block not annotated as an example whose every line is
/// `METHOD /path` (a path template, with no host: examples name the service's host).
fn is_request_block(block: &crate::page::CodeBlock) -> bool {
    if block.heading.eq_ignore_ascii_case("http request") {
        return true;
    }
    let mut lines = block.text.lines().map(str::trim).filter(|l| !l.is_empty());
    let example = block
        .annotation
        .as_ref()
        .and_then(|a| a.block_type.as_deref())
        .is_some_and(|t| t == "request" || t == "response");
    block.lang == "http"
        && !example
        && lines.clone().next().is_some()
        && lines.all(|l| {
            l.split_once(' ').is_some_and(|(m, rest)| {
                ["GET", "POST", "PATCH", "PUT", "DELETE"].contains(&m)
                    && !rest.contains("://")
                    && crate::page::path_template(rest.trim()).is_some()
            })
        })
}

/// A property row as a fact. Rows naming an instance annotation (`@odata.type`,
/// `@microsoft.graph.conflictBehavior`) are not properties: the generated types keep annotations in
/// `additional_data`. Rows whose name is not an identifier (a broken table, a translated name) are
/// reported and skipped.
fn prop_fact(row: ParamRow, navigation: bool, diags: &mut Diagnostics) -> Option<PropFact> {
    let fact = named_or_not_fact(row, navigation, diags)?;
    if fact.unnamed {
        report_unnamed(&fact, diags);
        return None;
    }
    Some(fact)
}

/// A row whose name is not an identifier (a broken table, a translated name), reported and
/// skipped.
pub(crate) fn report_unnamed(fact: &PropFact, diags: &mut Diagnostics) {
    diags.warning(
        Code::PropertyName,
        Some(fact.origin.clone()),
        format!(
            "`{}` is not a property name (an ASCII identifier); row skipped",
            fact.name.escape_debug()
        ),
    );
}

/// A property row as a fact, kept even when its name is not an identifier (`unnamed`), for a
/// JSON representation to name.
fn named_or_not_fact(row: ParamRow, navigation: bool, diags: &mut Diagnostics) -> Option<PropFact> {
    if row.name.starts_with('@') {
        diags.note(
            Code::InstanceAnnotation,
            Some(row.origin.clone()),
            format!(
                "`{}` is an instance annotation, not a property; kept in additional_data",
                row.name
            ),
        );
        return None;
    }
    let unnamed = !super::names::is_name(&row.name);
    if row.placeholder {
        diags.warning(
            Code::Placeholder,
            Some(row.origin.clone()),
            format!(
                "description of `{}` is a TODO placeholder; left out",
                row.name
            ),
        );
    }
    if row.type_ref.is_none() {
        diags.warning(
            Code::TypeSyntax,
            Some(row.origin.clone()),
            format!("cannot read the type `{}` of `{}`", row.type_text, row.name),
        );
    }
    Some(PropFact {
        name: row.name,
        type_ref: row.type_ref,
        type_frame: row.type_frame,
        type_name_in_cell: row.type_name_in_cell,
        learned_fallback: None,
        description_links: row
            .description_links
            .iter()
            .map(|(p, l)| (p.clone(), NamedRef::from_link(l)))
            .collect(),
        type_stem: row.type_stem,
        navigation,
        read_only: row.read_only,
        description: Some(row.description).filter(|d| !d.is_empty()),
        possible_values: row.possible_values,
        labeled_values: row.labeled_values,
        inherited_from: row.inherited_from.as_ref().map(NamedRef::from_link),
        from_representation: false,
        unnamed,
        origin: row.origin,
    })
}

/// The members whose names are written in ASCII: a member in another script is a translation, not
/// what the service sends (reported and left out).
fn ascii_members(rows: Vec<EnumRow>, diags: &mut Diagnostics) -> Vec<EnumRow> {
    rows.into_iter()
        .filter(|m| {
            let ascii = m.name.is_ascii();
            if !ascii {
                diags.warning(
                    Code::MemberName,
                    Some(m.origin.clone()),
                    format!(
                        "member `{}` is not written in ASCII (a translated name); row skipped",
                        m.name
                    ),
                );
            }
            ascii
        })
        .collect()
}

/// The word of a title (in any language) that names the page's file, the target of the links to
/// it: `Тип ресурса call` on `call.md`, `callRecord: zarn` on `callrecords-callrecord.md`. The
/// title gives the spelling; the file confirms it is the type's name and not a word of prose (a
/// word matching only the file's last part must be written as code is, `callRecord`, not `Get`).
fn title_word_naming_page(title: &str, file: &str) -> Option<String> {
    let stem = crate::page::file_stem(file).to_ascii_lowercase();
    let last = stem.rsplit('-').next().unwrap_or(&stem).to_owned();
    title
        .split(|c: char| c.is_whitespace() || c == ':' || c == ',')
        .map(|w| w.trim_matches(['`', '*', '"', '\'', '(', ')']))
        .find(|w| {
            let code_style = w.chars().skip(1).any(|c| c.is_ascii_uppercase());
            super::names::is_name(w)
                && (w.eq_ignore_ascii_case(&stem) || (code_style && w.eq_ignore_ascii_case(&last)))
        })
        .map(str::to_owned)
}

/// The type a title names: `x resource type` → `x`.
fn title_type(title: &str) -> Option<String> {
    let lower = title.to_ascii_lowercase();
    let mut t = title;
    for suffix in [
        " resource type",
        " complex type",
        " entity type",
        " enum type",
        " enumeration type",
        " type",
        " object",
        " resource",
    ] {
        if lower.ends_with(suffix) {
            t = &title[..title.len() - suffix.len()];
            break;
        }
    }
    let t = t.trim().trim_matches('`');
    (!t.is_empty() && !t.contains(' ')).then(|| t.to_owned())
}

fn split_qualified(name: &str) -> (Option<String>, String) {
    match name.rsplit_once('.') {
        Some((ns, n)) => (Some(ns.trim_start_matches('#').to_owned()), n.to_owned()),
        None => (None, name.to_owned()),
    }
}

fn resource_facts(page: &Page, facts: &mut PageFacts, diags: &mut Diagnostics) {
    let resource = resource_annotation(page);
    let from_title = page
        .title
        .as_ref()
        .and_then(|t| title_type(&t.text).or_else(|| title_word_naming_page(&t.text, &page.file)));
    let (ns, name) = match (resource.and_then(|a| a.odata_type.as_deref()), &from_title) {
        (Some(t), _) => split_qualified(t),
        (None, Some(t)) => (None, t.clone()),
        (None, None) => (None, String::new()),
    };
    let origin = page
        .title
        .as_ref()
        .map_or_else(|| Origin::new(&page.file, 1, 1), |t| t.origin.clone());
    let is_enum_page = page
        .front
        .doc_type
        .as_deref()
        .is_some_and(|d| d.eq_ignore_ascii_case("enumPageType"));

    // Shape alone makes a property table only on a page whose headings name none: a page that
    // has its Properties table says what its other tables are not.
    let fields_are_properties = !page.tables.iter().any(|t| {
        matches!(
            t.kind,
            TableKind::Properties | TableKind::Relationships | TableKind::Parameters
        )
    });
    // An enum page with one table of members and no other name for it: the enum is named by the
    // page's file (the target of the links that type properties by it).
    let member_tables = page
        .tables
        .iter()
        .filter(|t| {
            matches!(
                t.kind,
                TableKind::Members { .. } | TableKind::ValueList { .. }
            )
        })
        .count();
    let stem = crate::page::file_stem(&page.file);
    let stem_name = (is_enum_page && member_tables == 1 && super::names::is_name(stem))
        .then(|| stem.to_owned());
    let navigation_tables = relationship_tables(page, fields_are_properties);
    let mut props = Vec::new();
    for (i, table) in page.tables.iter().enumerate() {
        match &table.kind {
            TableKind::Fields if !fields_are_properties => {}
            TableKind::Fields if navigation_tables.contains(&i) => props.extend(
                table
                    .param_rows()
                    .into_iter()
                    .filter_map(|r| named_or_not_fact(r, true, diags)),
            ),
            TableKind::Properties | TableKind::Fields => props.extend(
                table
                    .param_rows()
                    .into_iter()
                    .filter_map(|r| named_or_not_fact(r, false, diags)),
            ),
            TableKind::Relationships => props.extend(
                table
                    .param_rows()
                    .into_iter()
                    .filter_map(|r| named_or_not_fact(r, true, diags)),
            ),
            TableKind::Members { .. } | TableKind::ValueList { .. } => {
                let (enum_name, flags, evidence) = match &table.kind {
                    TableKind::Members { name, flags } => {
                        (name.clone(), *flags, TypeEvidence::MembersTable)
                    }
                    // On an enum page a table of identifiers is what the page is for.
                    TableKind::ValueList { name } if is_enum_page => {
                        (name.clone(), false, TypeEvidence::MembersTable)
                    }
                    TableKind::ValueList { name: Some(name) } => {
                        (Some(name.clone()), false, TypeEvidence::ValueList)
                    }
                    _ => continue,
                };
                let enum_name = enum_name
                    .or_else(|| is_enum_page.then(|| name.clone()).filter(|n| !n.is_empty()))
                    .or_else(|| stem_name.clone());
                let Some(enum_name) = enum_name else {
                    diags.warning(
                        Code::EnumName,
                        Some(table.origin.clone()),
                        "members table without an enum name in its heading or page title; ignored",
                    );
                    continue;
                };
                let rows = table.enum_rows();
                let all = rows.len();
                let members = ascii_members(rows, diags);
                let incomplete_members = members.len() < all;
                facts.types.push(TypeFact {
                    evidence,
                    name: enum_name,
                    namespace: ns.clone().or_else(|| facts.namespace.clone()),
                    kind: Some(TypeKind::Enum),
                    bases: Vec::new(),
                    intro_links: Vec::new(),
                    derived: Vec::new(),
                    no_base: None,
                    is_abstract: false,
                    open: false,
                    flags,
                    description: None,
                    properties: Vec::new(),
                    members,
                    incomplete_members,
                    origin: table.origin.clone(),
                    rank: Rank::Resource,
                });
            }
            _ => {}
        }
    }
    if is_enum_page || (props.is_empty() && resource.is_none()) {
        return;
    }
    if name.is_empty() {
        diags.warning(Code::TypeName, Some(origin), "resource page names no type (no resource annotation, no `x resource type` title); skipped");
        return;
    }
    let pairs = crate::ir::representation::merge(page, &mut props, diags);
    facts.frame_pairs.extend(pairs);
    props.retain(|p| {
        if p.unnamed {
            report_unnamed(p, diags);
        }
        !p.unnamed
    });
    let mut bases = Vec::new();
    if let Some(base) = resource.and_then(|a| a.base_type.clone()) {
        bases.push((
            NamedRef {
                name: base,
                stem: None,
            },
            BaseEvidence::Annotation,
            resource.map(|a| a.origin.clone()).unwrap_or_default(),
        ));
    }
    for (r, o) in page.inherits_from() {
        bases.push((r, BaseEvidence::InheritsFrom, o.clone()));
    }
    let derived = page
        .derived_types()
        .into_iter()
        .map(|(r, o)| (r, o.clone()))
        .collect();
    let title = page.title.as_ref().map_or("", |t| t.text.as_str());
    let intro_links = page
        .paragraphs
        .iter()
        .filter(|p| p.heading == title && !p.list_item)
        .flat_map(|p| {
            crate::page::link_phrases(&p.inline)
                .into_iter()
                .map(|(phrase, l)| (phrase, NamedRef::from_link(l), p.origin.clone()))
        })
        .collect();
    let description = page
        .paragraphs
        .iter()
        .find(|p| p.heading == title && !p.list_item && is_description(&p.inline.text))
        .map(|p| p.inline.text.clone());
    // The prose can say it too: "This is an _open type_ that ...", "This type is an open type."
    let open_in_prose = page.paragraphs.iter().any(|p| {
        p.heading == title
            && p.inline
                .text
                .to_ascii_lowercase()
                .contains("is an open type")
    });
    // A table of methods: under "Methods", or (whatever its heading says) one whose rows mostly
    // start with a link to an API page.
    let methods = page.tables.iter().any(|t| {
        let to_api = t
            .rows
            .iter()
            .filter(|r| {
                r.cells
                    .first()
                    .is_some_and(|c| c.links.iter().any(|l| l.dest.contains("api/")))
            })
            .count();
        let titled = t.heading.trim().eq_ignore_ascii_case("methods")
            || t.anchor.as_deref() == Some("methods");
        to_api > 0 && (titled || to_api * 2 >= t.rows.len())
    });
    let has_id = props.iter().any(|p| p.name.eq_ignore_ascii_case("id"));
    // A `keyProperty` counts when the page lists it, states a base that may hold it, or has
    // methods: annotations copied from entity pages keep `"keyProperty": "id"` on complex types
    // that have no `id` and no API of their own.
    let keyed = resource.is_some_and(|a| {
        a.key_property.as_deref().is_some_and(|k| {
            methods
                || props.iter().any(|p| p.name.eq_ignore_ascii_case(k))
                || a.raw
                    .get("baseType")
                    .is_some_and(serde_json::Value::is_string)
        })
    });
    let entity = keyed || props.iter().any(|p| p.navigation) || (methods && has_id);
    facts.types.push(TypeFact {
        evidence: if resource.and_then(|a| a.odata_type.as_deref()).is_some() {
            TypeEvidence::Annotation
        } else {
            TypeEvidence::Title
        },
        name,
        namespace: ns.or_else(|| facts.namespace.clone()),
        kind: entity.then_some(TypeKind::Entity),
        bases,
        intro_links,
        derived,
        no_base: resource
            .filter(|a| {
                a.raw
                    .get("baseType")
                    .is_some_and(serde_json::Value::is_null)
            })
            .map(|a| a.origin.clone()),
        is_abstract: false,
        open: resource.is_some_and(|a| a.open_type) || open_in_prose,
        flags: false,
        description,
        properties: props,
        members: Vec::new(),
        incomplete_members: false,
        origin,
        rank: Rank::Resource,
    });
}

/// Whether an intro paragraph can describe the page's type or operation, judged by its shape, in
/// any language: not a namespace line (`Namespace: microsoft.graph`, `Пространство имен:
/// microsoft.graph`), a callout opening with a bold label (`**Note:** ...`, `**Важно!** ...`), an
/// `[!INCLUDE ...]` or `[!NOTE]` directive, or a quote.
fn is_description(text: &str) -> bool {
    let t = text.trim();
    let namespace_line = t.split_once(':').is_some_and(|(_, rest)| {
        let rest = rest.trim();
        rest.contains('.') && is_identifier(rest)
    });
    let bold_label = t.strip_prefix("**").is_some_and(|rest| {
        rest.find("**").is_some_and(|end| {
            end <= 40
                && (rest[..end].trim_end().ends_with([':', '.', '!'])
                    || rest[end + 2..].starts_with([':', '.', '!']))
        })
    });
    !(t.is_empty() || namespace_line || bold_label || t.starts_with("[!") || t.starts_with('>'))
}

/// `Update x`, `Get x`, `x: actionName`. A title that opens with no operation verb is a verb
/// phrase ("Force domain deletion"), not "verb type": a POST to a path ending in a name after a key
/// (`/domains/{id}/forceDelete`), on a page whose file is named `{resource}-{that name}.md`
/// (`domain-forcedelete.md`; a create in a navigation collection is `x-post-y.md`), documents the
/// action of that name, and the phrase's last word names no type.
fn title_operation(
    title: &str,
    method: &str,
    path: Option<&str>,
    file_stem: &str,
    collection_response: bool,
) -> (OperationKind, Option<String>, Option<String>) {
    if let Some((bound, action)) = title.split_once(':') {
        let bound = bound.trim().trim_matches('`').to_owned();
        let action = action
            .trim()
            .trim_matches('`')
            .trim_end_matches("()")
            .to_owned();
        let kind = if method == "GET" {
            OperationKind::Function
        } else {
            OperationKind::Action
        };
        // The action is named by the path's last segment (the wire name), the title's words only
        // where the page gives no path; a translated or prose side of the colon names nothing.
        return (
            kind,
            Some(bound).filter(|b| is_identifier(b)),
            path.and_then(last_identifier)
                .or_else(|| Some(action).filter(|a| is_identifier(a))),
        );
    }
    // "assign action", "getAuditActivityTypes function": the page documents that action.
    let lower = title.to_ascii_lowercase();
    for (suffix, kind) in [
        (" action", OperationKind::Action),
        (" function", OperationKind::Function),
    ] {
        if let Some(name) = lower.strip_suffix(suffix).map(|l| &title[..l.len()]) {
            let name = name.trim().trim_matches('`').trim_end_matches("()");
            if is_identifier(name) {
                return (kind, None, Some(name.to_owned()));
            }
        }
    }
    let mut words = title.split_whitespace();
    let verb = words.next().unwrap_or("").to_ascii_lowercase();
    let rest = words.last().map(|w| w.trim_matches('`').to_owned());
    let kind = match verb.as_str() {
        "get" => OperationKind::Get,
        "list" => OperationKind::List,
        "create" | "add" => OperationKind::Create,
        "update" => OperationKind::Update,
        "delete" | "remove" => OperationKind::Delete,
        _ => match method {
            "PATCH" | "PUT" => OperationKind::Update,
            "DELETE" => OperationKind::Delete,
            "POST" => match path.and_then(path_action).filter(|a| {
                file_stem
                    .split_once('-')
                    .is_some_and(|(_, rest)| rest.eq_ignore_ascii_case(a))
            }) {
                Some(action) => return (OperationKind::Action, None, Some(action)),
                None => OperationKind::Create,
            },
            // A GET whose response example is a collection lists.
            _ if collection_response => OperationKind::List,
            _ => OperationKind::Get,
        },
    };
    (kind, None, rest)
}

/// A path's last segment and the key placeholder right before it, without its braces
/// (`/domains/{id}/forceDelete` → `id`, `forceDelete`).
fn key_then_last(path: &str) -> Option<(&str, &str)> {
    let mut segs = path.trim_end_matches('/').rsplit('/');
    let last = segs.next()?;
    let key = segs.next()?.strip_prefix('{')?.strip_suffix('}')?;
    Some((key, last))
}

/// A path's last segment as an identifier: without its parameters and namespace
/// (`/reports/microsoft.graph.getEmailActivityCounts(period='D7')` → `getEmailActivityCounts`).
fn last_identifier(path: &str) -> Option<String> {
    let last = path.trim_end_matches('/').rsplit('/').next()?;
    let last = last.split('(').next()?.rsplit('.').next()?;
    (is_identifier(last) && !last.starts_with('$')).then(|| last.to_owned())
}

/// The action a path ends in: an identifier segment right after a key placeholder
/// (`/domains/{id}/forceDelete` → `forceDelete`).
fn path_action(path: &str) -> Option<String> {
    let (_, last) = key_then_last(path)?;
    (is_identifier(last) && !last.contains('.')).then(|| last.to_owned())
}

fn api_facts(page: &Page, facts: &mut PageFacts, diags: &mut Diagnostics) {
    let Some(title) = &page.title else {
        facts.skipped = Some("API page without a title".into());
        return;
    };
    // Request lines: every `METHOD /path` line of the blocks under "HTTP request".
    let mut method = None;
    let mut paths = Vec::new();
    for block in page.code_blocks.iter().filter(|b| is_request_block(b)) {
        for (i, line) in block.text.lines().enumerate() {
            let Some((m, url)) = line.trim().split_once(char::is_whitespace) else {
                continue;
            };
            if !["GET", "POST", "PATCH", "PUT", "DELETE"].contains(&m) {
                continue;
            }
            method.get_or_insert_with(|| m.to_owned());
            match crate::page::path_template(url.trim()) {
                Some(p) => paths.push(p),
                None => diags.warning(
                    Code::Placeholder,
                    Some(Origin::new(&page.file, block.origin.line + i as u32, 1)),
                    format!(
                        "request URL `{}` is a placeholder, not a path; left out",
                        url.trim()
                    ),
                ),
            }
        }
    }
    let method = method.unwrap_or_else(|| "GET".to_owned());
    let file_stem = crate::page::file_stem(&page.file);
    let annotated = |block_type: &str| {
        page.code_blocks
            .iter()
            .filter_map(|b| b.annotation.as_ref())
            .find(|a| a.block_type.as_deref() == Some(block_type) && a.odata_type.is_some())
    };
    let response_annotation = annotated("response");
    let request_annotation = annotated("request");
    let (kind, bound, name) = title_operation(
        &title.text,
        &method,
        paths.first().map(String::as_str),
        file_stem,
        response_annotation.is_some_and(|a| a.is_collection),
    );
    let path_named = kind == OperationKind::Action
        && bound.is_none()
        && name.is_some()
        && paths.first().and_then(|p| path_action(p)) == name;

    // The resource the page is about: the first link to a resource page before the first `##`.
    let intro_link = page
        .paragraphs
        .iter()
        .filter(|p| p.heading == title.text)
        .flat_map(|p| p.inline.links.iter())
        .find(|l| l.dest.contains("resources/"));
    let intro = intro_link.map(NamedRef::from_link);
    let bare = |name: &str| NamedRef {
        name: name.to_owned(),
        stem: None,
    };
    // The page's file is usually `{resource stem}-{verb}.md`.
    let file_prefix = file_stem.split_once('-').map(|(p, _)| NamedRef {
        name: String::new(),
        stem: Some(p.to_owned()),
    });
    let main_candidates: Vec<NamedRef> = match kind {
        OperationKind::Action | OperationKind::Function => Vec::new(),
        _ => {
            let mut c = Vec::new();
            if kind != OperationKind::Delete {
                c.extend(
                    response_annotation
                        .and_then(|a| a.odata_type.as_deref())
                        .map(bare),
                );
            }
            c.extend(
                request_annotation
                    .and_then(|a| a.odata_type.as_deref())
                    .map(bare),
            );
            c.extend(intro.clone());
            c.extend(name.as_deref().map(bare));
            // Last: the resource page the file is named after (`rangefill-update.md`), when the
            // method is the title verb's own (a POST titled "Get member groups" is an action).
            let own_method = match kind {
                OperationKind::Get | OperationKind::List => method == "GET",
                OperationKind::Update => method == "PATCH" || method == "PUT",
                OperationKind::Delete => method == "DELETE",
                _ => false,
            };
            if own_method {
                c.extend(file_prefix.clone());
            }
            c
        }
    };
    // `/x/{mobileAppId}/assign`: the key placeholder before the action names the bound type.
    let placeholder = paths.first().and_then(|p| {
        let (key, _) = key_then_last(p)?;
        let name = key.strip_suffix("Id").or_else(|| key.strip_suffix("-id"))?;
        is_identifier(name).then(|| bare(name))
    });
    let bound_candidates: Vec<NamedRef> = match (&bound, kind) {
        (Some(b), OperationKind::Action | OperationKind::Function) => {
            let mut c = Vec::new();
            c.extend(
                intro
                    .clone()
                    .filter(|r| r.name.eq_ignore_ascii_case(b) && r.stem.is_some()),
            );
            c.extend(file_prefix.clone());
            c.push(bare(b));
            c
        }
        // An action named by its path and file (`domain-forcedelete.md`): the file names the type.
        (None, OperationKind::Action) if path_named => file_prefix
            .clone()
            .into_iter()
            .chain(placeholder)
            .chain(intro.clone())
            .collect(),
        (None, OperationKind::Action | OperationKind::Function) => {
            placeholder.into_iter().chain(intro.clone()).collect()
        }
        _ => Vec::new(),
    };
    let response =
        response_annotation.and_then(|a| a.odata_type.clone().map(|t| (t, a.is_collection)));
    let main_type = main_candidates.first().map(|c| c.name.clone());

    // A property-shaped table under a heading the reader does not know is the request body when
    // it comes before the examples (the response section has no tables of its own), or when
    // most of its names are keys of a request example's body (URL parameters and headers, in
    // tables of the same shape, are not).
    let first_example = page
        .code_blocks
        .iter()
        .filter(|b| b.annotation.is_some())
        .map(|b| b.origin.line)
        .min()
        .unwrap_or(u32::MAX);
    let body_keys = request_body_keys(page);
    let rows: Vec<PropFact> = page
        .tables
        .iter()
        .filter(|t| {
            t.kind == TableKind::Parameters
                || (t.kind == TableKind::Fields
                    && (t.origin.line < first_example || {
                        let rows = t.param_rows();
                        let known = rows.iter().filter(|r| body_keys.contains(&r.name)).count();
                        !rows.is_empty() && known * 2 >= rows.len()
                    }))
        })
        .flat_map(|t| t.param_rows())
        .filter_map(|r| prop_fact(r, false, diags))
        .collect();
    let op_name = match (kind, &name) {
        (OperationKind::Action | OperationKind::Function, Some(n)) => n.clone(),
        // Named by the binding, once the main type is known.
        _ => String::new(),
    };
    let (params, body_rows) = match kind {
        OperationKind::Action | OperationKind::Function => (rows, Vec::new()),
        _ => (Vec::new(), rows),
    };
    if !body_rows.is_empty() {
        if let Some(t) = &main_type {
            let (ns, n) = split_qualified(t);
            facts.types.push(TypeFact {
                evidence: TypeEvidence::RequestBody,
                name: n,
                namespace: ns.or_else(|| facts.namespace.clone()),
                kind: None,
                bases: Vec::new(),
                intro_links: Vec::new(),
                derived: Vec::new(),
                no_base: None,
                is_abstract: false,
                open: false,
                flags: false,
                description: None,
                properties: body_rows,
                members: Vec::new(),
                incomplete_members: false,
                origin: title.origin.clone(),
                rank: Rank::ApiBody,
            });
        }
    }
    let description = page
        .paragraphs
        .iter()
        .find(|p| p.heading == title.text && !p.list_item && is_description(&p.inline.text))
        .map(|p| p.inline.text.clone());
    facts.operations.push(OpFact {
        name: op_name,
        kind,
        method,
        paths,
        bound_type: bound,
        bound_candidates,
        main_type,
        title_type: intro
            .as_ref()
            .map(|r| r.name.clone())
            .or_else(|| name.clone()),
        main_candidates,
        params,
        response,
        description,
        origin: title.origin.clone(),
    });
}

/// The top-level keys of the JSON bodies of a page's request examples.
fn request_body_keys(page: &Page) -> std::collections::BTreeSet<String> {
    page.code_blocks
        .iter()
        .filter(|b| {
            b.lang == "http"
                && b.annotation.as_ref().and_then(|a| a.block_type.as_deref()) == Some("request")
        })
        .filter_map(|b| match parse_http(&b.text)? {
            HttpMessage::Request(r) => r.body,
            HttpMessage::Response(_) => None,
        })
        .filter_map(
            |body| match serde_json::from_str::<serde_json::Value>(&body) {
                Ok(serde_json::Value::Object(map)) => Some(map.keys().cloned().collect::<Vec<_>>()),
                _ => None,
            },
        )
        .flatten()
        .collect()
}

/// A JSON example from a code block: the body of a request or response, or a resource's JSON
/// representation.
fn example(
    page: &Page,
    block: &crate::page::CodeBlock,
    facts: &PageFacts,
    diags: &mut Diagnostics,
) -> Option<Example> {
    let ann = block.annotation.as_ref()?;
    let role = match ann.block_type.as_deref()? {
        "request" => ExampleRole::Request,
        "response" => ExampleRole::Response,
        "resource" => ExampleRole::Resource,
        _ => return None,
    };
    let (json, line) = if block.lang == "http" {
        match parse_http(&block.text)? {
            HttpMessage::Request(r) => (r.body?, r.body_line),
            HttpMessage::Response(r) => (r.body?, r.body_line),
        }
    } else {
        (
            block.text.trim().to_owned(),
            block
                .text
                .lines()
                .take_while(|l| l.trim().is_empty())
                .count(),
        )
    };
    if !json.starts_with('{') && !json.starts_with('[') {
        return None;
    }
    let value = match serde_json::from_str::<serde_json::Value>(&json) {
        Ok(v) => v,
        Err(e) => {
            let origin = Origin::new(
                &page.file,
                block.origin.line + line as u32 + e.line().saturating_sub(1) as u32,
                e.column().max(1) as u32,
            );
            let what = if ann.truncated {
                " (the example is marked truncated)"
            } else {
                ""
            };
            diags.warning(
                Code::MalformedExample,
                Some(origin),
                format!("example JSON does not parse: {e}{what}; not checked"),
            );
            return None;
        }
    };
    let op = facts.operations.first();
    let own = match role {
        ExampleRole::Resource | ExampleRole::Response => ann.odata_type.clone(),
        ExampleRole::Request => None,
    }
    .or_else(|| {
        value
            .get("@odata.type")?
            .as_str()
            .map(|s| s.trim_start_matches('#').to_owned())
    });
    let typed_by_operation = own.is_none() && role != ExampleRole::Resource && op.is_some();
    Some(Example {
        role,
        type_name: own,
        collection: ann.is_collection,
        truncated: ann.truncated,
        operation: (!facts.operations.is_empty() && role != ExampleRole::Resource).then_some(0),
        typed_by_operation,
        json,
        origin: Origin::new(&page.file, block.origin.line + line as u32, 1),
    })
}

#[cfg(test)]
mod description_tests {
    use super::is_description;

    #[test]
    fn callouts_directives_and_namespace_lines_are_not_descriptions() {
        for not in [
            "Namespace: microsoft.graph",
            "Пространство имен: microsoft.graph",
            "**Note:** The Microsoft Graph API for Intune requires an active Intune license.",
            "**Важно!** Этот API находится в предварительной версии.",
            "**Important**: APIs under the /beta version are subject to change.",
            "[!INCLUDE [beta-disclaimer](../../includes/beta-disclaimer.md)]",
            "> [!NOTE] Some text.",
            "",
        ] {
            assert!(!is_description(not), "{not}");
        }
        for desc in [
            "Represents an assignment to all managed devices in the tenant.",
            "**Open extensions** hold custom data: see below.",
            "Contains the status: running or not.",
        ] {
            assert!(is_description(desc), "{desc}");
        }
    }
}
