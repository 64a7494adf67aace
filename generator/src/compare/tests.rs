//! Unit tests of [`compare`](super::compare): a tiny CSDL and a tiny docs schema whose every figure
//! is worked out by hand in the comments.

use super::*;
use crate::diag::Code;
use crate::ir::{Element, EnumMember};

const CSDL: &str = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="entity" Abstract="true">
        <Property Name="id" Type="Edm.String" />
      </EntityType>
      <EntityType Name="user" BaseType="graph.entity" OpenType="true">
        <Property Name="displayName" Type="Edm.String" />
        <Property Name="tags" Type="Collection(Edm.String)" />
        <NavigationProperty Name="manager" Type="graph.user" />
        <Property Name="data" Type="graph.Json" />
      </EntityType>
      <EntityType Name="group" BaseType="graph.entity">
        <Property Name="name" Type="Edm.String" />
      </EntityType>
      <ComplexType Name="Json" />
      <ComplexType Name="address">
        <Property Name="city" Type="Edm.String" />
        <Property Name="zip" Type="Edm.String" />
      </ComplexType>
      <EnumType Name="color" IsFlags="true">
        <Member Name="red" Value="1" />
        <Member Name="green" Value="2" />
        <Member Name="blue" Value="4" />
      </EnumType>
      <EnumType Name="size">
        <Member Name="small" Value="0" />
        <Member Name="large" Value="1" />
      </EnumType>
      <ComplexType Name="onlyInCsdl">
        <Property Name="x" Type="Edm.Int32" />
      </ComplexType>
    </Schema>
    <Schema Namespace="microsoft.graph.ext" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <ComplexType Name="thing">
        <Property Name="value" Type="Edm.Int32" />
      </ComplexType>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
"#;

fn origin(file: &str, line: u32) -> Origin {
    Origin::new(file, line, 1)
}

fn ty(name: &str, kind: TypeKind, base: Option<&str>, file: &str) -> TypeDef {
    TypeDef {
        base: base.map(str::to_string),
        origins: vec![origin(file, 1)],
        ..TypeDef::new("microsoft.graph", name, kind)
    }
}

fn prop(name: &str, type_name: &str, collection: bool, file: &str, line: u32) -> Property {
    Property {
        name: name.to_string(),
        ty: TypeRef {
            element: Element::parse(type_name),
            collection,
        },
        navigation: false,
        read_only: false,
        description: None,
        origin: origin(file, line),
    }
}

fn member(name: &str, file: &str, line: u32) -> EnumMember {
    EnumMember {
        name: name.to_string(),
        value: None,
        description: None,
        origin: origin(file, line),
    }
}

/// Against the CSDL above:
/// - `Entity`: differs from `entity` only in case.
/// - `user`: base spelled `microsoft.graph.Entity`; not open (CSDL: open); `tags` not a
///   collection; `data` untyped; an extra `nickname`.
/// - `group`: complex (CSDL: entity) with no base (CSDL: entity).
/// - `address`: `zip` an Int32 (CSDL: String); an extra `country`.
/// - `color`: not flags (CSDL: flags); members red, green, purple (CSDL: red, green, blue).
/// - `size`: complex (CSDL: enum), so no members.
/// - `extraEnum` (synthesized) and `thing` (CSDL: in `microsoft.graph.ext`): not in the CSDL.
/// - `Json`, `onlyInCsdl`, `ext.thing`: not in the docs.
fn docs_schema() -> Schema {
    let mut entity = ty("Entity", TypeKind::Entity, None, "resources/entity.md");
    entity.is_abstract = true;
    entity.properties = vec![prop("id", "Edm.String", false, "resources/entity.md", 10)];

    let mut user = ty(
        "user",
        TypeKind::Entity,
        Some("microsoft.graph.Entity"),
        "resources/user.md",
    );
    user.origins.insert(0, origin("api/group-post-user.md", 3));
    user.origins.insert(0, origin("api/user-get.md", 3));
    let mut manager = prop(
        "manager",
        "microsoft.graph.user",
        false,
        "resources/user.md",
        20,
    );
    manager.navigation = true;
    user.properties = vec![
        prop("displayName", "Edm.String", false, "resources/user.md", 11),
        prop("tags", "Edm.String", false, "resources/user.md", 12),
        prop("data", "Edm.Untyped", false, "resources/user.md", 13),
        prop("nickname", "Edm.String", false, "resources/user.md", 14),
        manager,
    ];

    let mut group = ty("group", TypeKind::Complex, None, "resources/group.md");
    group.properties = vec![prop("name", "Edm.String", false, "resources/group.md", 10)];

    let mut address = ty("address", TypeKind::Complex, None, "resources/address.md");
    address.properties = vec![
        prop("city", "Edm.String", false, "resources/address.md", 10),
        prop("zip", "Edm.Int32", false, "resources/address.md", 11),
        prop("country", "Edm.String", false, "resources/address.md", 12),
    ];

    let mut color = ty("color", TypeKind::Enum, None, "resources/enums.md");
    color.members = vec![
        member("red", "resources/enums.md", 5),
        member("green", "resources/enums.md", 6),
        member("purple", "resources/enums.md", 7),
    ];

    let size = ty("size", TypeKind::Complex, None, "resources/size.md");

    let mut extra = ty("extraEnum", TypeKind::Enum, None, "resources/widget.md");
    extra.inferred = Some("synthesized from possible values".to_string());
    extra.members = vec![
        member("a", "resources/widget.md", 9),
        member("b", "resources/widget.md", 9),
    ];

    let mut thing = ty("thing", TypeKind::Complex, None, "api/thing-post-thing.md");
    thing.origins.push(origin("resources/ext-thing.md", 1));
    thing.properties = vec![prop("value", "Edm.Int32", false, "resources/thing.md", 10)];

    Schema {
        types: vec![entity, user, group, address, color, size, extra, thing],
        operations: Vec::new(),
    }
}

fn report() -> Report {
    let csdl = Csdl::parse(CSDL).expect("the test CSDL is valid");
    compare(&docs_schema(), &csdl, &Docs::default())
}

#[test]
fn type_counts_recall_and_precision() {
    let r = report();
    // CSDL: entity, user, group | Json, address, onlyInCsdl, ext.thing | color, size.
    assert_eq!(
        r.csdl_types,
        PerKind {
            entity: 3,
            complex: 4,
            enumeration: 2
        }
    );
    // Docs: Entity, user | group, address, size, thing | color, extraEnum.
    assert_eq!(
        r.docs_types,
        PerKind {
            entity: 2,
            complex: 4,
            enumeration: 2
        }
    );
    // Found: entity, user, group, address, color, size; missing: Json, onlyInCsdl, ext.thing.
    assert_eq!(r.types_in_both, 6);
    assert_eq!(r.type_recall, Ratio::new(6, 9));
    assert_eq!(
        r.type_recall_by_kind,
        PerKind {
            entity: Ratio::new(3, 3),
            complex: Ratio::new(1, 4),
            enumeration: Ratio::new(2, 2)
        }
    );
    // Extra: extraEnum, thing.
    assert_eq!(r.type_precision, Ratio::new(6, 8));
    assert_eq!(
        r.type_precision_by_kind,
        PerKind {
            entity: Ratio::new(2, 2),
            complex: Ratio::new(3, 4),
            enumeration: Ratio::new(1, 2)
        }
    );
    // group (complex vs entity) and size (complex vs enum) disagree.
    assert_eq!(r.kind_agreement, Ratio::new(4, 6));
}

#[test]
fn base_abstract_open_and_flags() {
    let r = report();
    // CSDL-structured types in both: entity (none/none), user (Entity/entity), group (none/entity),
    // address (none/none).
    assert_eq!(r.base_agreement, Ratio::new(3, 4));
    assert_eq!(r.base_agreement_where_csdl_has_base, Ratio::new(1, 2));
    assert_eq!(r.abstract_agreement, Ratio::new(4, 4));
    assert_eq!(r.open_agreement, Ratio::new(3, 4));
    assert_eq!(r.flags_agreement, Ratio::new(0, 1));
}

#[test]
fn properties_are_compared_flattened() {
    let r = report();
    // CSDL flattened: entity {id} 1, user {displayName, tags, manager, data, id} 5,
    // group {name, id} 2, address {city, zip} 2 = 10.
    // Docs flattened: Entity {id} 1, user {displayName, tags, data, nickname, manager, id} 6,
    // group {name} 1, address {city, zip, country} 3 = 11.
    // Matched: 1 + 5 + 1 + 2 = 9.
    assert_eq!(r.property_recall, Ratio::new(9, 10));
    assert_eq!(r.property_precision, Ratio::new(9, 11));
    // 2 * (9/11) * (9/10) / (9/11 + 9/10) = 162/189 = 6/7.
    let f1 = r.property_f1().unwrap_or_default();
    assert!((f1 - 6.0 / 7.0).abs() < 1e-12, "{f1}");
    // Of the 9: tags (collection), data (Untyped vs Json) and zip (Int32 vs String) disagree.
    assert_eq!(r.property_type_agreement, Ratio::new(6, 9));
    assert_eq!(r.property_type_name_agreement, Ratio::new(7, 9));
    assert_eq!(r.property_collection_agreement, Ratio::new(8, 9));
}

#[test]
fn enum_members() {
    let r = report();
    // color: CSDL {red, green, blue}, docs {red, green, purple}; size: CSDL {small, large}, docs
    // none (a complex type). Recall 2/5, precision 2/3.
    assert_eq!(r.enum_member_recall, Ratio::new(2, 5));
    assert_eq!(r.enum_member_precision, Ratio::new(2, 3));
}

#[test]
fn disagreements_by_kind() {
    let r = report();
    let counts: Vec<(&str, usize)> = r
        .counts_by_kind()
        .into_iter()
        .map(|(k, n)| (k.code(), n))
        .collect();
    assert_eq!(
        counts,
        [
            ("missing-type", 3),
            ("extra-type", 2),
            ("kind", 2),
            ("base", 1),
            ("missing-property", 1),
            ("extra-property", 2),
            ("property-type", 1),
            ("untyped-property", 1),
            ("property-collection", 1),
            ("missing-member", 3),
            ("extra-member", 1),
            ("open", 1),
            ("flags", 1),
        ]
    );
    assert_eq!(r.disagreements.len(), 20);
}

#[test]
fn disagreements_carry_docs_places_and_notes() {
    let r = report();
    let find = |kind: DisagreementKind, member: Option<&str>| {
        r.disagreements
            .iter()
            .find(|d| d.kind == kind && d.member.as_deref() == member)
            .cloned()
    };
    // A missing inherited property points at the type's own page and names the declaring type.
    let id = find(DisagreementKind::MissingProperty, Some("id"));
    assert_eq!(
        id.map(|d| d.to_string()).as_deref(),
        Some(
            "resources/group.md:1:1: missing-property: microsoft.graph.group.id: docs (none), \
             CSDL Edm.String (CSDL line 5); the CSDL inherits it from microsoft.graph.entity"
        )
    );
    let zip = find(DisagreementKind::PropertyType, Some("zip"));
    assert_eq!(
        zip.map(|d| d.to_string()).as_deref(),
        Some(
            "resources/address.md:11:1: property-type: microsoft.graph.address.zip: docs \
             Edm.Int32, CSDL Edm.String (CSDL line 19)"
        )
    );
    let data = find(DisagreementKind::UntypedProperty, Some("data"));
    assert_eq!(
        data.and_then(|d| d.csdl).as_deref(),
        Some("microsoft.graph.Json")
    );
    let tags = find(DisagreementKind::PropertyCollection, Some("tags"));
    assert_eq!(
        tags.map(|d| (d.docs, d.csdl)),
        Some((
            Some("Edm.String".to_string()),
            Some("Collection(Edm.String)".to_string())
        ))
    );
    // The page named after the type wins over earlier pages, even one whose name ends in `-user`.
    let open = find(DisagreementKind::Open, None);
    assert_eq!(
        open.and_then(|d| d.origin),
        Some(origin("resources/user.md", 1))
    );
    let thing = r
        .disagreements
        .iter()
        .find(|d| d.kind == DisagreementKind::MissingType && d.type_name.ends_with("ext.thing"));
    assert_eq!(
        thing.and_then(|d| d.note.clone()).as_deref(),
        Some("the docs have microsoft.graph.thing")
    );
    // Without a page named after the type, the shortest page name ending in `-thing` wins.
    let thing = r
        .disagreements
        .iter()
        .find(|d| d.kind == DisagreementKind::ExtraType && d.type_name.ends_with(".thing"));
    assert_eq!(
        thing.and_then(|d| d.origin.clone()),
        Some(origin("resources/ext-thing.md", 1))
    );
    let extra = r
        .disagreements
        .iter()
        .find(|d| d.kind == DisagreementKind::ExtraType && d.type_name.ends_with("extraEnum"));
    assert_eq!(
        extra.and_then(|d| d.note.clone()).as_deref(),
        Some("synthesized from possible values")
    );
}

#[test]
fn failures_against_targets() {
    let r = report();
    let all: Vec<&str> = r
        .failures(&Targets::ISSUE_3)
        .iter()
        .map(|f| f.figure)
        .collect();
    assert_eq!(
        all,
        [
            "type recall",
            "type precision",
            "base type agreement",
            "property F1",
            "property type agreement",
            "enum member recall"
        ]
    );
    // At 2/3 type recall and property type agreement meet a 2/3 target exactly; enum member
    // recall (2/5) stays below it.
    let two_thirds = 2.0 / 3.0;
    let lenient = Targets {
        type_recall: two_thirds,
        type_precision: two_thirds,
        base_agreement: two_thirds,
        property_f1: two_thirds,
        property_type_agreement: two_thirds,
        enum_member_recall: two_thirds,
    };
    let failures = r.failures(&lenient);
    assert_eq!(failures.len(), 1);
    assert_eq!(
        failures[0].to_string(),
        "enum member recall is 40.0%, below the target 66.7%"
    );
}

#[test]
fn summary_and_details_render() {
    let r = report();
    let summary = r.to_string();
    for line in [
        "types: CSDL 9 (3 entity, 4 complex, 2 enum)",
        "       docs 8 (2 entity, 4 complex, 2 enum)",
        "type recall                   66.7% (6/9)           target ≥ 98.0%  FAIL",
        "  complex                     25.0% (1/4)",
        "property F1                   0.857                 target ≥ 0.970  FAIL",
        "enum member precision         66.7% (2/3)",
        "  missing-type               3",
        "6 of 6 targeted figures below target",
    ] {
        assert!(
            summary.lines().any(|l| l == line),
            "no line `{line}` in\n{summary}"
        );
    }
    let details = r.details();
    assert!(details.contains("\n## missing-type (3)\n"), "{details}");
    assert!(
        details.contains(
            "(no docs place): missing-type: microsoft.graph.Json: docs (none), CSDL complex \
             (CSDL line 16)"
        ),
        "{details}"
    );
    assert_eq!(details.lines().filter(|l| l.starts_with("## ")).count(), 13);
}

#[test]
fn base_cycles_are_cut() {
    let mut a = ty(
        "a",
        TypeKind::Complex,
        Some("microsoft.graph.b"),
        "resources/a.md",
    );
    a.properties = vec![prop("x", "Edm.String", false, "resources/a.md", 5)];
    let mut b = ty(
        "b",
        TypeKind::Complex,
        Some("microsoft.graph.a"),
        "resources/b.md",
    );
    b.properties = vec![prop("y", "Edm.String", false, "resources/b.md", 5)];
    let schema = Schema {
        types: vec![a, b],
        operations: Vec::new(),
    };
    let csdl = Csdl::parse(
        r#"<Edmx><DataServices><Schema Namespace="microsoft.graph">
             <ComplexType Name="a" BaseType="microsoft.graph.b"><Property Name="x" Type="Edm.String"/></ComplexType>
             <ComplexType Name="b" BaseType="microsoft.graph.a"><Property Name="y" Type="Edm.String"/></ComplexType>
           </Schema></DataServices></Edmx>"#,
    )
    .expect("valid");
    let r = compare(&schema, &csdl, &Docs::default());
    // Each side flattens to {x, y} for both types.
    assert_eq!(r.property_recall, Ratio::new(4, 4));
    assert_eq!(r.property_precision, Ratio::new(4, 4));
    assert_eq!(r.base_agreement, Ratio::new(2, 2));
}

#[test]
fn empty_inputs_measure_nothing() {
    let r = compare(&Schema::default(), &Csdl::default(), &Docs::default());
    assert_eq!(r.type_recall, Ratio::new(0, 0));
    assert!(r.disagreements.is_empty());
    // Unmeasured figures cannot be shown to meet a target.
    assert_eq!(r.failures(&Targets::ISSUE_3).len(), 6);
}

/// `user` (base `microsoft.graph.Entity`, no evidence) is silent, `group` (no base) too until a
/// diagnostic about it makes it a conflict; a base from an annotation is the docs stating
/// otherwise. Missing types are named or not by the pages' words; extra types by their origin.
#[test]
fn disagreements_are_classified_by_what_the_docs_support() {
    let csdl = Csdl::parse(CSDL).expect("the test CSDL is valid");
    let mut schema = docs_schema();
    let mut by_example = ty("seen", TypeKind::Complex, None, "api/x-get.md");
    by_example.inferred = Some(format!("{}an example", crate::ir::INFERRED_FROM_EXAMPLES));
    schema.types.push(by_example);
    if let Some(user) = schema.types.iter_mut().find(|t| t.name == "user") {
        user.base = Some("microsoft.graph.group".to_string());
        user.base_evidence = Some("annotation".to_string());
    }
    let conflict = crate::diag::Diagnostic::new(
        crate::diag::Severity::Warning,
        Code::BaseConflict,
        Some(origin("resources/group.md", 16)),
        "prose and annotation disagree",
    )
    .about("microsoft.graph.Group");
    let docs = Docs::new(&[conflict], ["See the onlyInCsdl type.", "json: {}"]);
    let r = compare(&schema, &csdl, &docs);
    let class = |kind: DisagreementKind, name: &str| {
        r.disagreements
            .iter()
            .find(|d| d.kind == kind && d.type_name.ends_with(name))
            .and_then(|d| d.class.clone())
    };
    assert_eq!(
        class(DisagreementKind::Base, ".group"),
        Some(Class::DocsConflict(origin("resources/group.md", 16)))
    );
    assert_eq!(
        class(DisagreementKind::Base, ".user"),
        Some(Class::DocsStateOtherwise)
    );
    assert_eq!(
        class(DisagreementKind::MissingType, ".onlyInCsdl"),
        Some(Class::NamedInDocs)
    );
    // `Json` is a word of a page (any case); `ext.thing`'s name `thing` is not.
    assert_eq!(
        class(DisagreementKind::MissingType, ".Json"),
        Some(Class::NamedInDocs)
    );
    assert_eq!(
        class(DisagreementKind::MissingType, "ext.thing"),
        Some(Class::NamedOnNoPage)
    );
    assert_eq!(
        class(DisagreementKind::ExtraType, ".extraEnum"),
        Some(Class::Synthesized)
    );
    assert_eq!(
        class(DisagreementKind::ExtraType, ".thing"),
        Some(Class::DefinedByPage)
    );
    assert_eq!(
        class(DisagreementKind::ExtraType, ".seen"),
        Some(Class::InferredFromExamples)
    );
    // Recall 6/9 over 8 named; precision 6/9 without the one synthesized enum; base 2/4 (entity
    // and address agree) without user, which states another base.
    assert_eq!(r.type_recall_named(), Ratio::new(6, 8));
    assert_eq!(r.type_precision_without_synthesized(), Ratio::new(6, 8));
    assert_eq!(r.base_agreement_where_docs_can_agree(), Ratio::new(2, 3));
    let summary = r.to_string();
    for line in [
        "  base: docs conflict                                1",
        "  missing-type: named on no docs page                1",
        "  type recall                 75.0% (6/8)",
    ] {
        assert!(
            summary.lines().any(|l| l == line),
            "no line `{line}` in\n{summary}"
        );
    }
    let details = r.details();
    assert!(
        details.lines().any(|l| l.starts_with(
            "resources/group.md:1:1: base: microsoft.graph.group: docs (none), CSDL \
             microsoft.graph.entity"
        ) && l
            .ends_with("[docs conflict (diagnostic at resources/group.md:16)]")),
        "{details}"
    );
}

#[test]
fn without_docs_every_base_disagreement_is_silent() {
    let r = report();
    let base = r
        .disagreements
        .iter()
        .find(|d| d.kind == DisagreementKind::Base);
    assert_eq!(base.and_then(|d| d.class.clone()), Some(Class::DocsSilent));
}
