use super::*;

fn build(pages: &[(&str, &str)]) -> Built {
    let mut diags = crate::diag::Diagnostics::default();
    let parsed: Vec<crate::page::Page> = pages
        .iter()
        .map(|(f, t)| crate::page::parse_page(f, t).0)
        .collect();
    crate::ir::build(&parsed, &mut diags)
}

const SHAPE: &str = "---\ndoc_type: resourcePageType\n---\n# shape resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| name | String | The name. |\n| sides | Int32 | How many. |\n| color | color | The color. |\n| tags | String collection | Tags. |\n\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.shape\" } -->\n```json\n{\n  \"name\": \"x\",\n  \"sides\": 3,\n  \"tags\": [\"a\"]\n}\n```\n";

const ENUMS: &str = "---\ndoc_type: enumPageType\n---\n# Enum types\n\nNamespace: microsoft.graph\n\n### color values\n\n| Member |\n|:--|\n| red |\n| blue |\n";

const CIRCLE: &str = "---\ndoc_type: resourcePageType\n---\n# circle resource type\n\nNamespace: microsoft.graph\n\nInherits from [shape](shape.md).\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| radius | Double | Radius. |\n";

const GET: &str = "---\ndoc_type: apiPageType\n---\n# Get shape\n\nNamespace: microsoft.graph\n\nGet a [shape](../resources/shape.md).\n\n## HTTP request\n\n```http\nGET /shapes/{id}\n```\n\n## Response\n\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.shape\" } -->\n```http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{\n  \"name\": 1,\n  \"colour\": \"red\",\n  \"color\": \"green\",\n  \"tags\": \"a\",\n  \"inner\": {\"@odata.type\": \"#microsoft.graph.circle\"}\n}\n```\n\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.circle\" } -->\n```http\nHTTP/1.1 200 OK\n\n{\n  \"@odata.context\": \"x\",\n  \"name\": \"c\",\n  \"radius\": 2.5,\n  \"color\": \"blue\"\n}\n```\n";

#[test]
fn representation_passes_and_reports_missing_properties() {
    let built = build(&[("resources/shape.md", SHAPE), ("resources/enums.md", ENUMS)]);
    let r = validate(&built);
    assert_eq!(r.resource.checked, 1);
    assert_eq!(r.resource.passed, 0, "{:?}", r.failures);
    let kinds: Vec<FailureKind> = r.failures.iter().map(|f| f.kind).collect();
    assert_eq!(kinds, [FailureKind::MissingProperty]);
    assert!(r.failures[0].message.contains("`color`"));
}

#[test]
fn response_failures_have_lines_and_derived_types_are_checked() {
    let built = build(&[
        ("resources/shape.md", SHAPE),
        ("resources/enums.md", ENUMS),
        ("resources/circle.md", CIRCLE),
        ("api/shape-get.md", GET),
    ]);
    let r = validate(&built);
    assert_eq!(r.response.checked, 2);
    assert_eq!(r.response.passed, 1, "{:#?}", r.failures);
    let got: Vec<(FailureKind, u32)> = r
        .failures
        .iter()
        .filter(|f| f.role == ExampleRole::Response)
        .map(|f| (f.kind, f.origin.line))
        .collect();
    // The body's `{` is line 23 of the page, then one property a line. The second response is
    // a circle, which inherits `name` and `color` from shape: it passes.
    assert_eq!(
        got,
        [
            (FailureKind::WrongType, 24),
            (FailureKind::UnknownProperty, 25),
            (FailureKind::EnumValue, 26),
            (FailureKind::WrongType, 27),
            (FailureKind::UnknownProperty, 28),
        ]
    );
}

#[test]
fn odata_type_must_derive_from_the_declared_type() {
    const OTHER: &str = "---\ndoc_type: resourcePageType\n---\n# other resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| s | shape | A shape. |\n\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.other\", \"truncated\": true } -->\n```json\n{\n  \"s\": {\"@odata.type\": \"#microsoft.graph.circle\", \"radius\": 1},\n  \"t\": null\n}\n```\n\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.other\", \"truncated\": true } -->\n```json\n{\n  \"s\": {\"@odata.type\": \"#microsoft.graph.other\"}\n}\n```\n";
    let built = build(&[
        ("resources/shape.md", SHAPE),
        ("resources/enums.md", ENUMS),
        ("resources/circle.md", CIRCLE),
        ("resources/other.md", OTHER),
    ]);
    let r = validate(&built);
    let got: Vec<(FailureKind, u32)> = r
        .failures
        .iter()
        .filter(|f| f.origin.file == "resources/other.md")
        .map(|f| (f.kind, f.origin.line))
        .collect();
    // Truncated: no missing-property failures. `t` is only in the first representation, which
    // makes it a property of `other` (with a json-only-property warning), so it is known; the
    // second `s` is not a shape.
    assert_eq!(got, [(FailureKind::NotDerived, 25)]);
}

#[test]
fn a_value_array_the_type_lacks_is_a_collection_wrapper() {
    let list = "---\ndoc_type: apiPageType\n---\n# Get shape\n\nNamespace: microsoft.graph\n\nGet a [shape](../resources/shape.md).\n\n## HTTP request\n\n```http\nGET /shapes/{id}\n```\n\n## Response\n\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.shape\" } -->\n```http\nHTTP/1.1 200 OK\n\n{\n  \"value\": [{\"name\": \"a\"}, {\"name\": \"b\", \"sides\": 4}]\n}\n```\n";
    let built = build(&[
        ("resources/shape.md", SHAPE),
        ("resources/enums.md", ENUMS),
        ("api/shape-get.md", list),
    ]);
    let r = validate(&built);
    assert_eq!(
        (r.response.checked, r.response.passed),
        (1, 1),
        "{:#?}",
        r.failures
    );
}

/// A response page for `shape` whose body is `body` (starting at line 19 of the page).
fn response_page(body: &str) -> String {
    format!("---\ndoc_type: apiPageType\n---\n# Get shape\n\nNamespace: microsoft.graph\n\nGet a [shape](../resources/shape.md).\n\n## HTTP request\n\n```http\nGET /shapes/{{id}}\n```\n\n<!-- {{ \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.shape\" }} -->\n```http\nHTTP/1.1 200 OK\n\n{body}\n```\n")
}

#[test]
fn template_values_are_reported_apart_and_do_not_fail() {
    let body = "{\n  \"name\": \"\",\n  \"sides\": \"Int32\",\n  \"color\": \"String\",\n  \"tags\": \"String collection\"\n}";
    let page = response_page(body);
    let built = build(&[
        ("resources/shape.md", SHAPE),
        ("resources/enums.md", ENUMS),
        ("api/shape-get.md", &page),
    ]);
    let r = validate(&built);
    assert_eq!(
        (r.response.checked, r.response.passed),
        (1, 1),
        "{:#?}",
        r.failures
    );
    assert_eq!(r.response.with_templates, 1);
    // `""` is a string, which `name` is: no template needed there.
    let lines: Vec<u32> = r.templates.iter().map(|t| t.origin.line).collect();
    assert_eq!(lines, [22, 23, 24]);
}

#[test]
fn more_template_spellings_and_one_that_names_the_wrong_type() {
    let body = "{\n  \"sides\": \"sides-value\",\n  \"color\": \"@odata.type: microsoft.graph.color\",\n  \"tags\": [\"a\"],\n  \"name\": {}\n}";
    let ok = response_page(body);
    let body = "{\n  \"color\": \"red | blue\",\n  \"sides\": \"Boolean\"\n}";
    let bad = response_page(body);
    let built = build(&[
        ("resources/shape.md", SHAPE),
        ("resources/enums.md", ENUMS),
        ("api/shape-get.md", &ok),
        ("api/shape-get-2.md", &bad),
    ]);
    let r = validate(&built);
    assert_eq!(r.response.checked, 2);
    assert_eq!(r.response.passed, 1, "{:#?}", r.failures);
    assert_eq!(r.templates.len(), 4, "{:#?}", r.templates);
    // "Boolean" names a type an Int32 is not: a doc error, not a template.
    let got: Vec<(FailureKind, Cause, &str, u32)> = r
        .failures
        .iter()
        .filter(|f| f.role == ExampleRole::Response)
        .map(|f| (f.kind, f.cause, f.origin.file.as_str(), f.origin.line))
        .collect();
    assert_eq!(
        got,
        [(FailureKind::WrongType, Cause::Doc, "api/shape-get-2.md", 22)]
    );
    assert_eq!(r.response.doc_errors_only, 1);
    assert!(r.summary().contains("template values (not failures): 4"));
}

#[test]
fn template_parsing() {
    let no_types = |_: &str| false;
    assert_eq!(template(&Value::from(""), no_types), Some(Stand::Any));
    assert_eq!(
        template(&Value::from("id-Value"), no_types),
        Some(Stand::Any)
    );
    assert_eq!(
        template(&Value::from("string (timestamp)"), no_types),
        Some(Stand::Named("string".into()))
    );
    assert_eq!(
        template(&Value::from("Collection(Edm.Guid)"), no_types),
        Some(Stand::Named("Edm.Guid".into()))
    );
    assert_eq!(
        template(&Value::from("a | b | ..."), no_types),
        Some(Stand::OneOf(vec!["a".into(), "b".into()]))
    );
    assert_eq!(template(&Value::from("Contoso"), no_types), None);
    assert_eq!(
        template(&Value::from("identitySet"), |s| s == "identitySet"),
        Some(Stand::Named("identitySet".into()))
    );
    assert!(stands_for("Int32", &Element::parse("Edm.Int64"), None));
    assert!(stands_for(
        "String",
        &Element::parse("microsoft.graph.color"),
        Some(TypeKind::Enum)
    ));
    assert!(!stands_for("String", &Element::parse("Edm.Boolean"), None));
    assert!(stands_for(
        "identityset",
        &Element::parse("microsoft.graph.identitySet"),
        Some(TypeKind::Complex)
    ));
}

#[test]
fn array_items_get_their_own_lines_and_inferred_types_are_unexplained() {
    // `inner` has no page: its type is inferred from the example values, so a failure against it
    // is not put on the docs.
    const BOX: &str = "---\ndoc_type: resourcePageType\n---\n# box resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| shapes | shape collection | Shapes. |\n| inner | [thing](thing.md) | A thing. |\n| data | Json | Anything. |\n\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.box\", \"truncated\": true } -->\n```json\n{\n  \"inner\": {\"@odata.type\": \"microsoft.graph.thing\", \"size\": 1}\n}\n```\n\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.box\", \"truncated\": true } -->\n```json\n{\n  \"shapes\": [\n    {\"name\": \"a\"},\n    {\"name\": \"b\", \"edges\": 1}\n  ],\n  \"inner\": {\"@odata.type\": \"microsoft.graph.shape\"},\n  \"data\": [[1, \"x\"]]\n}\n```\n";
    const JSON: &str = "---\ndoc_type: resourcePageType\n---\n# Json resource type\n\nNamespace: microsoft.graph\n\nData returned in JSON format.\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n";
    let built = build(&[
        ("resources/shape.md", SHAPE),
        ("resources/enums.md", ENUMS),
        ("resources/box.md", BOX),
        ("resources/json.md", JSON),
    ]);
    let r = validate(&built);
    let got: Vec<(FailureKind, Cause, u32)> = r
        .failures
        .iter()
        .filter(|f| f.origin.file == "resources/box.md")
        .map(|f| (f.kind, f.cause, f.origin.line))
        .collect();
    // `edges` is on the second item's line (28), not the first's; `data` (a property-less
    // complex type) takes an array; a shape is no thing, but `thing` has no page.
    assert_eq!(
        got,
        [
            (FailureKind::UnknownProperty, Cause::Doc, 28),
            (FailureKind::NotDerived, Cause::Unexplained, 30),
        ]
    );
}
