//! The schema IR: what `schemas/` holds and `graphdoc schema` prints. Every list is sorted, so the
//! serialized form is deterministic.

use serde::{Deserialize, Serialize};

use crate::diag::Origin;
pub use crate::edm::Primitive;

/// The whole schema.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Schema {
    /// Sorted by qualified name (case-insensitively, then exactly).
    pub types: Vec<TypeDef>,
    /// Sorted by `id`.
    pub operations: Vec<Operation>,
}

impl Schema {
    /// Finds a type by qualified name, case-insensitively.
    pub fn get(&self, qualified: &str) -> Option<&TypeDef> {
        self.types
            .iter()
            .find(|t| t.qualified_name().eq_ignore_ascii_case(qualified))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TypeKind {
    Entity,
    Complex,
    Enum,
}

/// A named type: an entity, complex type or enum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TypeDef {
    pub name: String,
    pub namespace: String,
    pub kind: TypeKind,
    /// What names the type into existence, strongest source first: `annotation`,
    /// `members-table`, `title`, `request-body`; for types no page defines, `examples`,
    /// `value-list` (a synthesized enum) or `inherited-rows`. For reviewers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    /// The qualified base type, if any.
    pub base: Option<String>,
    /// Which evidence decided `base` (e.g. `inherited-rows`, `annotation`), for reviewers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_evidence: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub is_abstract: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub open: bool,
    /// Enums only: members combine as comma-separated flags.
    #[serde(default, skip_serializing_if = "is_false")]
    pub flags: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Why the type exists although no page defines it (inferred from examples, synthesized enum).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inferred: Option<String>,
    /// The docs area the type belongs to (the `ms.prod` of the pages that describe it), for
    /// grouping generated code into features.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    /// Own properties only (inherited ones live on the base), in document order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub properties: Vec<Property>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<EnumMember>,
    /// Every place that contributed to this type, sorted.
    pub origins: Vec<Origin>,
}

impl TypeDef {
    /// A type with nothing but its name and kind; the other fields are empty.
    pub fn new(namespace: impl Into<String>, name: impl Into<String>, kind: TypeKind) -> TypeDef {
        TypeDef {
            name: name.into(),
            namespace: namespace.into(),
            kind,
            evidence: None,
            base: None,
            base_evidence: None,
            is_abstract: false,
            open: false,
            flags: false,
            description: None,
            area: None,
            inferred: None,
            properties: Vec::new(),
            members: Vec::new(),
            origins: Vec::new(),
        }
    }

    pub fn qualified_name(&self) -> String {
        format!("{}.{}", self.namespace, self.name)
    }

    /// Whether no page states the type: it was inferred from example values alone (its
    /// `inferred` reason says so). Synthesized enums and types declared by inherited rows are
    /// stated by the docs.
    pub fn from_examples_only(&self) -> bool {
        self.inferred
            .as_deref()
            .is_some_and(|why| why.starts_with(INFERRED_FROM_EXAMPLES))
    }
}

/// How the `inferred` reason of a type inferred from example values begins.
pub const INFERRED_FROM_EXAMPLES: &str = "inferred from ";

/// A property of an entity or complex type, or a parameter of an operation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Property {
    pub name: String,
    /// Its type (`type` and `collection` in the serialized form).
    #[serde(flatten)]
    pub ty: TypeRef,
    pub navigation: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub read_only: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub origin: Origin,
}

/// What a property, parameter, request body or response holds: one value of an element type, or
/// a collection of them (OData collections do not nest).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TypeRef {
    #[serde(rename = "type")]
    pub element: Element,
    pub collection: bool,
}

impl TypeRef {
    /// One value of `element`.
    pub fn one(element: Element) -> TypeRef {
        TypeRef {
            element,
            collection: false,
        }
    }
}

/// An element type: an OData primitive, or a schema type by qualified name
/// (`microsoft.graph.resultInfo`). Written as its qualified name (`Edm.String`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "String", from = "String")]
pub enum Element {
    Primitive(Primitive),
    /// A qualified schema type name, which may name no type of the schema (an unresolved
    /// reference is reported where it is made).
    Named(String),
}

impl Element {
    /// The element a qualified name means: a primitive for `Edm.X`, a named type otherwise.
    pub fn parse(qualified: &str) -> Element {
        match Primitive::from_qualified(qualified) {
            Some(p) => Element::Primitive(p),
            None => Element::Named(qualified.to_owned()),
        }
    }

    /// The qualified name: `Edm.String`, `microsoft.graph.resultInfo`.
    pub fn qualified(&self) -> &str {
        match self {
            Element::Primitive(p) => p.qualified(),
            Element::Named(n) => n,
        }
    }

    pub fn primitive(&self) -> Option<Primitive> {
        match self {
            Element::Primitive(p) => Some(*p),
            Element::Named(_) => None,
        }
    }

    /// The qualified name of a named type; `None` for a primitive.
    pub fn named(&self) -> Option<&str> {
        match self {
            Element::Primitive(_) => None,
            Element::Named(n) => Some(n),
        }
    }
}

impl std::fmt::Display for Element {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.qualified())
    }
}

impl From<String> for Element {
    fn from(qualified: String) -> Element {
        Element::parse(&qualified)
    }
}

impl From<Element> for String {
    fn from(e: Element) -> String {
        match e {
            Element::Primitive(p) => p.qualified().to_owned(),
            Element::Named(n) => n,
        }
    }
}

/// A member of an enum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnumMember {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub origin: Origin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OperationKind {
    Get,
    List,
    Create,
    Update,
    Delete,
    Action,
    Function,
}

/// An operation from an API page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Operation {
    /// Unique: `{boundType}.{name}` for actions and functions, `{kind}{Type}` otherwise.
    pub id: String,
    /// The action or function name, or `{kind}{Type}` for the other kinds.
    pub name: String,
    pub kind: OperationKind,
    pub method: String,
    /// The first path template of the page; `None` when the page gives only a placeholder.
    pub path: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_paths: Vec<String>,
    pub bound_type: Option<String>,
    /// Action and function parameters (the request body table of an action).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<Property>,
    /// The request body, when it is a type rather than a parameter list.
    pub request_body: Option<TypeRef>,
    pub response: Option<TypeRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub origin: Origin,
}

fn is_false(b: &bool) -> bool {
    !*b
}
