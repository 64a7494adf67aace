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
