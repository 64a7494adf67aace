//! The base, kind, enum and binding rules, each on small inline pages.

use super::*;

fn schema(pages: &[(&str, &str)]) -> Schema {
    let parsed: Vec<Page> = pages
        .iter()
        .map(|(f, t)| crate::page::parse_page(f, t).0)
        .collect();
    build(&parsed, &mut Diagnostics::default()).schema
}

fn resource(name: &str, intro: &str, rows: &str) -> String {
    format!("---\ndoc_type: resourcePageType\n---\n# {name} resource type\n\nNamespace: microsoft.graph\n\n{intro}\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n{rows}\n")
}

fn t<'a>(s: &'a Schema, name: &str) -> &'a TypeDef {
    s.get(&format!("microsoft.graph.{name}"))
        .unwrap_or_else(|| panic!("{name} missing"))
}

#[test]
fn entity_without_base_derives_from_entity_and_gives_up_its_id() {
    let entity = resource("entity", "The root.", "| id | String | Key. |");
    let mut thing = resource(
        "thing",
        "A thing.",
        "| id | String | Key. |\n| name | String | Name. |",
    );
    thing.push_str("\n## Relationships\n\n| Relationship | Type | Description |\n|:--|:--|:--|\n| parts | [part](part.md) collection | Parts. |\n");
    let part = resource("part", "A part.", "| size | Int32 | Size. |");
    let s = schema(&[
        ("resources/entity.md", &entity),
        ("resources/thing.md", &thing),
        ("resources/part.md", &part),
    ]);
    let thing = t(&s, "thing");
    assert_eq!(thing.base.as_deref(), Some("microsoft.graph.entity"));
    assert_eq!(thing.base_evidence.as_deref(), Some("entity-default"));
    assert!(!thing.properties.iter().any(|p| p.name == "id"));
    // `part` is the target of a relationship: an entity, so it derives from entity too.
    assert_eq!(t(&s, "part").kind, TypeKind::Entity);
    assert_eq!(
        t(&s, "part").base_evidence.as_deref(),
        Some("entity-default")
    );
    assert_eq!(t(&s, "entity").base, None);
}

#[test]
fn bases_from_prose_derived_lists_and_example_tags() {
    let shape = resource(
        "shape",
        "This is the base type for [circle](circle.md).\n\n## Derived types\n\n| Type | Description |\n|:--|:--|\n| [square](square.md) | A square. |",
        "| name | String | Name. |",
    );
    let circle = resource("circle", "A circle.", "| radius | Double | Radius. |");
    let square = resource("square", "A square.", "| side | Double | Side. |");
    let oval = resource("oval", "Derived from shape.", "| ratio | Double | Ratio. |");
    let blob = resource(
        "blob",
        "A subclass of [shape](shape.md) with no corners.",
        "| softness | Double | Softness. |",
    );
    let mut holder = resource("holder", "Holds.", "| s | [shape](shape.md) | A shape. |");
    holder.push_str("\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.holder\" } -->\n```json\n{ \"s\": { \"@odata.type\": \"#microsoft.graph.star\", \"name\": \"x\" } }\n```\n");
    let star = resource(
        "star",
        "A star.",
        "| name | String | Name. |\n| points | Int32 | Points. |",
    );
    let s = schema(&[
        ("resources/shape.md", &shape),
        ("resources/circle.md", &circle),
        ("resources/square.md", &square),
        ("resources/oval.md", &oval),
        ("resources/blob.md", &blob),
        ("resources/holder.md", &holder),
        ("resources/star.md", &star),
    ]);
    for (name, ev) in [
        ("circle", "derived-list"),
        ("square", "derived-list"),
        ("oval", "inherits-from"),
        ("blob", "inherits-from"),
        ("star", "example-odata-type"),
    ] {
        assert_eq!(
            t(&s, name).base.as_deref(),
            Some("microsoft.graph.shape"),
            "{name}"
        );
        assert_eq!(t(&s, name).base_evidence.as_deref(), Some(ev), "{name}");
    }
}

#[test]
fn possible_values_match_a_documented_enum_or_synthesize_one() {
    let enums = "---\ndoc_type: enumPageType\n---\n# Enums\n\nNamespace: microsoft.graph\n\n### color values\n\n| Member |\n|:--|\n| red |\n| blue |\n| unknownFutureValue |\n";
    let paint = resource(
        "paint",
        "Paint.",
        "| color | String | Possible values are: `red`, `blue`. |\n| finish | String | Possible values are: `matte`, `gloss`. |\n| sheen | Enumeration | Possible values are: `low`, `high`. |",
    );
    let s = schema(&[
        ("resources/enums.md", enums),
        ("resources/paint.md", &paint),
    ]);
    let ty = |p: &str| {
        t(&s, "paint")
            .properties
            .iter()
            .find(|x| x.name == p)
            .map(|x| x.type_name.clone())
    };
    assert_eq!(ty("color").as_deref(), Some("microsoft.graph.color"));
    assert_eq!(ty("finish").as_deref(), Some("microsoft.graph.paintFinish"));
    assert_eq!(ty("sheen").as_deref(), Some("microsoft.graph.paintSheen"));
}

#[test]
fn api_pages_bind_to_the_annotated_type_and_linked_pages() {
    let chart = resource("workbookChart", "A chart.", "| name | String | Name. |");
    let update = "---\ndoc_type: apiPageType\n---\n# Update chart\n\nNamespace: microsoft.graph\n\nUpdate a chart.\n\n## HTTP request\n\n```http\nPATCH /charts/{name}\n```\n\n## Request body\n\n| Property | Type | Description |\n|:--|:--|:--|\n| name | String | Name. |\n\n## Response\n\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.workbookChart\" } -->\n```http\nHTTP/1.1 200 OK\n\n{ \"name\": \"c\" }\n```\n";
    let action = "---\ndoc_type: apiPageType\n---\n# chart: setData\n\nNamespace: microsoft.graph\n\nSets data of a [chart](../resources/chart.md).\n\n## HTTP request\n\n```http\nPOST /charts/{name}/setData\n```\n";
    // A resource page with the wrong doc_type still defines its type.
    let misfiled = "---\ndoc_type: apiPageType\n---\n# gauge resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| level | Int32 | Level. |\n";
    let s = schema(&[
        ("resources/chart.md", &chart),
        ("api/chart-update.md", update),
        ("api/chart-setdata.md", action),
        ("resources/gauge.md", misfiled),
    ]);
    assert!(s.get("microsoft.graph.chart").is_none());
    let op = |id: &str| {
        s.operations.iter().find(|o| o.id == id).unwrap_or_else(|| {
            panic!(
                "{id}: {:?}",
                s.operations.iter().map(|o| &o.id).collect::<Vec<_>>()
            )
        })
    };
    let update = op("updateChart");
    assert_eq!(
        update.request_body.as_ref().map(|b| b.type_name.as_str()),
        Some("microsoft.graph.workbookChart")
    );
    assert_eq!(
        op("workbookChart.setData").bound_type.as_deref(),
        Some("microsoft.graph.workbookChart")
    );
    assert_eq!(t(&s, "gauge").properties.len(), 1);
    // `PATCH /charts/{name}` addresses one chart by key: an entity.
    assert_eq!(t(&s, "workbookChart").kind, TypeKind::Entity);
}

#[test]
fn prose_states_open_types_and_subclasses() {
    let grade = resource("grade", "A grade.", "| gradedBy | String | Who. |");
    let points = resource(
        "pointsGrade",
        "This creates a subclass from [grade](grade.md), adding points.",
        "| points | Single | Points. |",
    );
    let tokens = resource(
        "tokenSet",
        "This is an _open type_ that represents tokens.",
        "| first | Boolean | One token. |",
    );
    let s = schema(&[
        ("resources/grade.md", &grade),
        ("resources/pointsgrade.md", &points),
        ("resources/tokenset.md", &tokens),
    ]);
    assert_eq!(
        t(&s, "pointsGrade").base.as_deref(),
        Some("microsoft.graph.grade")
    );
    assert!(t(&s, "tokenSet").open);
    assert!(!t(&s, "grade").open);
}
