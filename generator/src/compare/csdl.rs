//! Reads the types of an OData CSDL document (`$metadata`): entity, complex and enum types with
//! their base types, flags, properties, navigation properties and members.
//!
//! Only what `graphdoc compare` measures is read; actions, functions, annotations and the entity
//! container are ignored. Every qualified name is resolved to its namespace form, so a type written
//! with a namespace alias (`graph.entity`) comes out as `microsoft.graph.entity`, and
//! `Collection(T)` is split into the element type and a collection flag.

use std::collections::BTreeMap;
use std::fmt;

use roxmltree::{Document, Node};

use crate::ir::{Element, TypeKind, TypeRef};

/// The types of a CSDL document, in document order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Csdl {
    pub types: Vec<CsdlType>,
}

/// An `EntityType`, `ComplexType` or `EnumType`.
#[derive(Debug, Clone, PartialEq)]
pub struct CsdlType {
    pub namespace: String,
    pub name: String,
    pub kind: TypeKind,
    /// Qualified, aliases resolved.
    pub base: Option<String>,
    pub is_abstract: bool,
    pub open: bool,
    /// Enums only: `IsFlags="true"`.
    pub flags: bool,
    /// `Property` and `NavigationProperty` elements, in document order.
    pub properties: Vec<CsdlProperty>,
    /// Enum member names, in document order.
    pub members: Vec<String>,
    /// 1-based line of the element in the CSDL file.
    pub line: u32,
}

impl CsdlType {
    pub fn qualified_name(&self) -> String {
        format!("{}.{}", self.namespace, self.name)
    }
}

/// A `Property` or `NavigationProperty`.
#[derive(Debug, Clone, PartialEq)]
pub struct CsdlProperty {
    pub name: String,
    /// The type: the element qualified with aliases resolved (`Edm.String`,
    /// `microsoft.graph.user`), a collection when written `Collection(...)`.
    pub ty: TypeRef,
    pub navigation: bool,
    /// 1-based line of the element in the CSDL file.
    pub line: u32,
}

/// Why a CSDL document could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct CsdlError(pub String);

impl fmt::Display for CsdlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CsdlError {}

impl Csdl {
    /// Parses a CSDL XML document. Fails only when the text is not well-formed XML; elements that
    /// lack a `Name` are skipped.
    pub fn parse(text: &str) -> Result<Csdl, CsdlError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let doc = Document::parse(text).map_err(|e| CsdlError(format!("invalid XML: {e}")))?;

        // Aliases are visible document-wide: every `Schema` may use another schema's alias.
        let mut aliases = BTreeMap::new();
        for schema in doc.descendants().filter(|n| is(n, "Schema")) {
            if let (Some(ns), Some(alias)) =
                (schema.attribute("Namespace"), schema.attribute("Alias"))
            {
                aliases.insert(alias.to_string(), ns.to_string());
            }
        }
        let resolver = Resolver { aliases };

        let mut types = Vec::new();
        for schema in doc.descendants().filter(|n| is(n, "Schema")) {
            let Some(namespace) = schema.attribute("Namespace") else {
                continue;
            };
            for node in schema.children().filter(Node::is_element) {
                let kind = match node.tag_name().name() {
                    "EntityType" => TypeKind::Entity,
                    "ComplexType" => TypeKind::Complex,
                    "EnumType" => TypeKind::Enum,
                    _ => continue,
                };
                let Some(name) = node.attribute("Name") else {
                    continue;
                };
                let properties = node
                    .children()
                    .filter(|c| is(c, "Property") || is(c, "NavigationProperty"))
                    .filter_map(|c| {
                        let name = c.attribute("Name")?;
                        Some(CsdlProperty {
                            name: name.to_string(),
                            ty: resolver.type_ref(c.attribute("Type")?),
                            navigation: is(&c, "NavigationProperty"),
                            line: line_of(&doc, &c),
                        })
                    })
                    .collect();
                let members = node
                    .children()
                    .filter(|c| is(c, "Member"))
                    .filter_map(|c| c.attribute("Name").map(str::to_string))
                    .collect();
                types.push(CsdlType {
                    namespace: namespace.to_string(),
                    name: name.to_string(),
                    kind,
                    base: node.attribute("BaseType").map(|b| resolver.qualified(b)),
                    is_abstract: flag(&node, "Abstract"),
                    open: flag(&node, "OpenType"),
                    flags: flag(&node, "IsFlags"),
                    properties,
                    members,
                    line: line_of(&doc, &node),
                });
            }
        }
        Ok(Csdl { types })
    }
}

/// Rewrites alias-qualified names to namespace-qualified ones.
struct Resolver {
    aliases: BTreeMap<String, String>,
}

impl Resolver {
    /// `graph.user` → `microsoft.graph.user`; names without a known alias are kept.
    fn qualified(&self, name: &str) -> String {
        let name = name.trim();
        match name.rsplit_once('.') {
            Some((prefix, simple)) => match self.aliases.get(prefix) {
                Some(ns) => format!("{ns}.{simple}"),
                None => name.to_string(),
            },
            None => name.to_string(),
        }
    }

    /// `Collection(graph.user)` → (`microsoft.graph.user`, true).
    fn type_ref(&self, text: &str) -> TypeRef {
        let text = text.trim();
        let (element, collection) = match text
            .strip_prefix("Collection(")
            .and_then(|rest| rest.strip_suffix(')'))
        {
            Some(inner) => (inner, true),
            None => (text, false),
        };
        TypeRef {
            element: Element::parse(&self.qualified(element)),
            collection,
        }
    }
}

fn is(node: &Node, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name
}

fn flag(node: &Node, attr: &str) -> bool {
    node.attribute(attr)
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
}

fn line_of(doc: &Document, node: &Node) -> u32 {
    doc.text_pos_at(node.range().start).row
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSDL: &str = "\u{feff}<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\">
  <edmx:DataServices>
    <Schema Namespace=\"microsoft.graph\" Alias=\"graph\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">
      <EnumType Name=\"color\" IsFlags=\"true\">
        <Member Name=\"red\" Value=\"1\" />
        <Member Name=\"blue\" Value=\"2\" />
      </EnumType>
      <EntityType Name=\"entity\" Abstract=\"true\">
        <Key><PropertyRef Name=\"id\" /></Key>
        <Property Name=\"id\" Type=\"Edm.String\" Nullable=\"false\" />
      </EntityType>
      <EntityType Name=\"user\" BaseType=\"graph.entity\" OpenType=\"true\">
        <Property Name=\"tags\" Type=\"Collection(Edm.String)\" />
        <NavigationProperty Name=\"calls\" Type=\"Collection(microsoft.graph.callRecords.callRecord)\" ContainsTarget=\"true\" />
        <NavigationProperty Name=\"manager\" Type=\"graph.user\" />
      </EntityType>
      <Action Name=\"ignored\" IsBound=\"true\"><Parameter Name=\"p\" Type=\"graph.user\" /></Action>
    </Schema>
    <Schema Namespace=\"microsoft.graph.callRecords\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">
      <ComplexType Name=\"callRecord\">
        <Property Name=\"color\" Type=\"graph.color\" />
      </ComplexType>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
";

    #[test]
    fn reads_types_resolving_aliases() {
        let csdl = Csdl::parse(CSDL).expect("valid CSDL");
        let names: Vec<_> = csdl.types.iter().map(CsdlType::qualified_name).collect();
        assert_eq!(
            names,
            [
                "microsoft.graph.color",
                "microsoft.graph.entity",
                "microsoft.graph.user",
                "microsoft.graph.callRecords.callRecord"
            ]
        );
        let color = &csdl.types[0];
        assert_eq!(color.kind, TypeKind::Enum);
        assert!(color.flags);
        assert_eq!(color.members, ["red", "blue"]);
        assert_eq!(color.line, 4);

        let entity = &csdl.types[1];
        assert!(entity.is_abstract && !entity.open && entity.base.is_none());
        assert_eq!(entity.properties.len(), 1);

        let user = &csdl.types[2];
        assert_eq!(user.kind, TypeKind::Entity);
        assert!(user.open && !user.is_abstract);
        assert_eq!(user.base.as_deref(), Some("microsoft.graph.entity"));
        let props: Vec<_> = user
            .properties
            .iter()
            .map(|p| {
                (
                    p.name.as_str(),
                    p.ty.element.qualified(),
                    p.ty.collection,
                    p.navigation,
                    p.line,
                )
            })
            .collect();
        assert_eq!(
            props,
            [
                ("tags", "Edm.String", true, false, 13),
                (
                    "calls",
                    "microsoft.graph.callRecords.callRecord",
                    true,
                    true,
                    14
                ),
                ("manager", "microsoft.graph.user", false, true, 15),
            ]
        );

        let call = &csdl.types[3];
        assert_eq!(call.kind, TypeKind::Complex);
        assert_eq!(
            call.properties[0].ty.element.qualified(),
            "microsoft.graph.color"
        );
    }

    #[test]
    fn rejects_malformed_xml() {
        assert!(Csdl::parse("<Schema").is_err());
    }
}
