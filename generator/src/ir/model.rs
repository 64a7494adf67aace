//! The schema IR: what `schemas/` holds and `graphdoc schema` prints. Every list is sorted, so the
//! serialized form is deterministic.

use serde::{Deserialize, Serialize};

use crate::diag::Origin;

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
    /// Qualified: `Edm.String`, `microsoft.graph.resultInfo`.
    #[serde(rename = "type")]
    pub type_name: String,
    pub collection: bool,
    pub navigation: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub read_only: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub origin: Origin,
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

/// A use of a type: qualified name and whether it is a collection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeUse {
    #[serde(rename = "type")]
    pub type_name: String,
    pub collection: bool,
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
    pub request_body: Option<TypeUse>,
    pub response: Option<TypeUse>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub origin: Origin,
}

fn is_false(b: &bool) -> bool {
    !*b
}
