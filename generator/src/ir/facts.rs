//! Per-page facts: what one page claims about types, operations and examples, before merging.
//!
//! Reads only the page model. Names are still as written; nothing is resolved across pages here.

use crate::diag::{Diagnostics, Origin};
use crate::ir::model::{OperationKind, TypeKind};
use crate::page::{parse_http, EnumRow, HttpMessage, Page, ParamRow, TableKind, TypeRef};

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
    pub navigation: bool,
    pub read_only: bool,
    pub description: Option<String>,
    pub possible_values: Vec<String>,
    /// "Inherited from X": the row belongs to X.
    pub inherited_from: Option<String>,
    pub origin: Origin,
}

/// Base-type evidence, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum BaseEvidence {
    Annotation,
    InheritsFrom,
    InheritedRows,
}

impl BaseEvidence {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            BaseEvidence::Annotation => "annotation",
            BaseEvidence::InheritsFrom => "inherits-from",
            BaseEvidence::InheritedRows => "inherited-rows",
        }
    }
}

/// What a page says about one type.
#[derive(Debug, Clone)]
pub(crate) struct TypeFact {
    pub name: String,
    pub namespace: Option<String>,
    pub kind: Option<TypeKind>,
    pub bases: Vec<(String, BaseEvidence, Origin)>,
    pub is_abstract: bool,
    pub open: bool,
    pub flags: bool,
    pub description: Option<String>,
    pub properties: Vec<PropFact>,
    pub members: Vec<EnumRow>,
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
    pub bound_type: Option<String>,
    pub main_type: Option<String>,
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
    pub json: String,
    pub origin: Origin,
}

/// Everything one page contributes.
#[derive(Debug, Clone, Default)]
pub(crate) struct PageFacts {
    pub namespace: Option<String>,
    pub types: Vec<TypeFact>,
    pub operations: Vec<OpFact>,
    pub examples: Vec<Example>,
    /// Set when the page has nothing to contribute, with the reason.
    pub skipped: Option<String>,
}

/// Extracts the facts of one page.
pub(crate) fn page_facts(page: &Page, diags: &mut Diagnostics) -> PageFacts {
    let mut facts = PageFacts {
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
        .any(|b| b.lang == "http" && is_request_section(&b.heading));
    match doc_type.as_str() {
        "conceptualpagetype" => {
            facts.skipped = Some("conceptual page (doc_type: conceptualPageType)".into())
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

fn is_request_section(heading: &str) -> bool {
    heading.eq_ignore_ascii_case("http request")
}

/// A property row as a fact. Rows naming an instance annotation (`@odata.type`,
/// `@microsoft.graph.conflictBehavior`) are not properties: the generated types keep annotations in
/// `additional_data`. Rows whose name is not an identifier (a broken table, a translated name) are
/// reported and skipped.
fn prop_fact(row: ParamRow, navigation: bool, diags: &mut Diagnostics) -> Option<PropFact> {
    if row.name.starts_with('@') {
        diags.note(
            "instance-annotation",
            Some(row.origin.clone()),
            format!(
                "`{}` is an instance annotation, not a property; kept in additional_data",
                row.name
            ),
        );
        return None;
    }
    let identifier = row
        .name
        .starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && row
            .name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !identifier {
        diags.warning(
            "property-name",
            Some(row.origin.clone()),
            format!(
                "`{}` is not a property name (an ASCII identifier); row skipped",
                row.name.escape_debug()
            ),
        );
        return None;
    }
    if row.placeholder {
        diags.warning(
            "placeholder",
            Some(row.origin.clone()),
            format!(
                "description of `{}` is a TODO placeholder; left out",
                row.name
            ),
        );
    }
    if row.type_ref.is_none() {
        diags.warning(
            "type-syntax",
            Some(row.origin.clone()),
            format!("cannot read the type `{}` of `{}`", row.type_text, row.name),
        );
    }
    Some(PropFact {
        name: row.name,
        type_ref: row.type_ref,
        navigation,
        read_only: row.read_only,
        description: Some(row.description).filter(|d| !d.is_empty()),
        possible_values: row.possible_values,
        inherited_from: row.inherited_from.map(|l| l.text),
        origin: row.origin,
    })
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
    let resource = page
        .annotations
        .iter()
        .chain(
            page.code_blocks
                .iter()
                .filter_map(|b| b.annotation.as_ref()),
        )
        .find(|a| a.block_type.as_deref() == Some("resource"));
    let from_title = page.title.as_ref().and_then(|t| title_type(&t.text));
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

    let mut props = Vec::new();
    for table in &page.tables {
        match &table.kind {
            TableKind::Properties => props.extend(
                table
                    .param_rows()
                    .into_iter()
                    .filter_map(|r| prop_fact(r, false, diags)),
            ),
            TableKind::Relationships => props.extend(
                table
                    .param_rows()
                    .into_iter()
                    .filter_map(|r| prop_fact(r, true, diags)),
            ),
            TableKind::Members {
                name: enum_name,
                flags,
            } => {
                let enum_name = enum_name
                    .clone()
                    .or_else(|| is_enum_page.then(|| name.clone()).filter(|n| !n.is_empty()));
                let Some(enum_name) = enum_name else {
                    diags.warning(
                        "enum-name",
                        Some(table.origin.clone()),
                        "members table without an enum name in its heading or page title; ignored",
                    );
                    continue;
                };
                facts.types.push(TypeFact {
                    name: enum_name,
                    namespace: ns.clone().or_else(|| facts.namespace.clone()),
                    kind: Some(TypeKind::Enum),
                    bases: Vec::new(),
                    is_abstract: false,
                    open: false,
                    flags: *flags,
                    description: None,
                    properties: Vec::new(),
                    members: table.enum_rows(),
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
        diags.warning("type-name", Some(origin), "resource page names no type (no resource annotation, no `x resource type` title); skipped");
        return;
    }
    let mut bases = Vec::new();
    if let Some(base) = resource.and_then(|a| a.base_type.clone()) {
        bases.push((
            base,
            BaseEvidence::Annotation,
            resource.map(|a| a.origin.clone()).unwrap_or_default(),
        ));
    }
    for (link, o) in page.inherits_from() {
        bases.push((link.text.clone(), BaseEvidence::InheritsFrom, o.clone()));
    }
    let description = page
        .paragraphs
        .iter()
        .find(|p| {
            p.heading == page.title.as_ref().map_or("", |t| t.text.as_str())
                && !p.inline.text.starts_with("Namespace:")
        })
        .map(|p| p.inline.text.clone());
    let entity =
        resource.is_some_and(|a| a.key_property.is_some()) || props.iter().any(|p| p.navigation);
    facts.types.push(TypeFact {
        name,
        namespace: ns.or_else(|| facts.namespace.clone()),
        kind: entity.then_some(TypeKind::Entity),
        bases,
        is_abstract: false,
        open: resource.is_some_and(|a| a.open_type),
        flags: false,
        description,
        properties: props,
        members: Vec::new(),
        origin,
        rank: Rank::Resource,
    });
}

/// `Update x`, `Get x`, `x: actionName`.
fn title_operation(title: &str, method: &str) -> (OperationKind, Option<String>, Option<String>) {
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
        return (
            kind,
            Some(bound).filter(|b| !b.contains(' ')),
            Some(action).filter(|a| !a.contains(' ')),
        );
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
            "POST" => OperationKind::Create,
            _ => OperationKind::Get,
        },
    };
    (kind, None, rest)
}

fn api_facts(page: &Page, facts: &mut PageFacts, diags: &mut Diagnostics) {
    let Some(title) = &page.title else {
        facts.skipped = Some("API page without a title".into());
        return;
    };
    // Request lines: every `METHOD /path` line of the blocks under "HTTP request".
    let mut method = None;
    let mut paths = Vec::new();
    for block in page
        .code_blocks
        .iter()
        .filter(|b| is_request_section(&b.heading))
    {
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
                    "placeholder",
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
    let (kind, bound, name) = title_operation(&title.text, &method);

    // The resource the page is about: the first link to a resource page before the first `##`.
    let intro_link = page
        .paragraphs
        .iter()
        .filter(|p| p.heading == title.text)
        .flat_map(|p| p.inline.links.iter())
        .find(|l| l.dest.contains("resources/"))
        .map(|l| l.text.clone());
    let response_annotation = page
        .code_blocks
        .iter()
        .filter_map(|b| b.annotation.as_ref())
        .find(|a| a.block_type.as_deref() == Some("response") && a.odata_type.is_some());
    let main_type = match kind {
        OperationKind::Action | OperationKind::Function => None,
        _ => intro_link.clone().or_else(|| name.clone()),
    };
    let response = response_annotation
        .and_then(|a| a.odata_type.clone().map(|t| (t, a.is_collection)))
        .or_else(|| match kind {
            OperationKind::Get | OperationKind::Create | OperationKind::Update => {
                main_type.clone().map(|t| (t, false))
            }
            OperationKind::List => main_type.clone().map(|t| (t, true)),
            _ => None,
        });

    let rows: Vec<PropFact> = page
        .tables
        .iter()
        .filter(|t| t.kind == TableKind::Parameters)
        .flat_map(|t| t.param_rows())
        .filter_map(|r| prop_fact(r, false, diags))
        .collect();
    let op_name = match (kind, &name) {
        (OperationKind::Action | OperationKind::Function, Some(n)) => n.clone(),
        (_, _) => {
            let ty = main_type.clone().unwrap_or_default();
            let verb = format!("{kind:?}").to_ascii_lowercase();
            let name = format!("{verb}{}", upper_first(&ty));
            if name.chars().all(|c| c.is_ascii_alphanumeric()) {
                name
            } else {
                // The title or link does not name a type: the page's file name does.
                let stem = page
                    .file
                    .rsplit('/')
                    .next()
                    .unwrap_or(&page.file)
                    .trim_end_matches(".md");
                heck::ToLowerCamelCase::to_lower_camel_case(stem)
            }
        }
    };
    let (params, body_rows) = match kind {
        OperationKind::Action | OperationKind::Function => (rows, Vec::new()),
        _ => (Vec::new(), rows),
    };
    if !body_rows.is_empty() {
        if let Some(t) = &main_type {
            let (ns, n) = split_qualified(t);
            facts.types.push(TypeFact {
                name: n,
                namespace: ns.or_else(|| facts.namespace.clone()),
                kind: None,
                bases: Vec::new(),
                is_abstract: false,
                open: false,
                flags: false,
                description: None,
                properties: body_rows,
                members: Vec::new(),
                origin: title.origin.clone(),
                rank: Rank::ApiBody,
            });
        }
    }
    let description = page
        .paragraphs
        .iter()
        .find(|p| p.heading == title.text && !p.inline.text.starts_with("Namespace:"))
        .map(|p| p.inline.text.clone());
    facts.operations.push(OpFact {
        name: op_name,
        kind,
        method,
        paths,
        bound_type: bound.or_else(|| main_type.clone()),
        main_type,
        params,
        response,
        description,
        origin: title.origin.clone(),
    });
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
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
    if let Err(e) = serde_json::from_str::<serde_json::Value>(&json) {
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
            "malformed-example",
            Some(origin),
            format!("example JSON does not parse: {e}{what}; not checked"),
        );
        return None;
    }
    let op = facts.operations.first();
    let type_name = match role {
        ExampleRole::Resource | ExampleRole::Response => ann.odata_type.clone(),
        ExampleRole::Request => None,
    }
    .or_else(|| {
        let v: serde_json::Value = serde_json::from_str(&json).ok()?;
        v.get("@odata.type")?
            .as_str()
            .map(|s| s.trim_start_matches('#').to_owned())
    })
    .or_else(|| match role {
        ExampleRole::Response => op.and_then(|o| o.response.clone()).map(|(t, _)| t),
        ExampleRole::Request => op.and_then(|o| o.main_type.clone()),
        ExampleRole::Resource => None,
    });
    let collection = ann.is_collection
        || (role == ExampleRole::Response
            && ann.odata_type.is_none()
            && op.is_some_and(|o| o.response.as_ref().is_some_and(|r| r.1)));
    Some(Example {
        role,
        type_name,
        collection,
        truncated: ann.truncated,
        operation: (!facts.operations.is_empty() && role != ExampleRole::Resource).then_some(0),
        json,
        origin: Origin::new(&page.file, block.origin.line + line as u32, 1),
    })
}
