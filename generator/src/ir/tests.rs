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
fn a_translated_derived_types_table_is_read_by_its_anchor_and_link_targets() {
    // The heading and the link texts are translated; the anchor and the link targets are not.
    let base = resource(
        "meetingInfo",
        "Абстрактный класс.\n\n## <a name=\"derived-types\"></a>Производные типы\n\n| Тип | Описание |\n|:--|:--|\n| [организермитингинфо](./organizermeetinginfo.md) | Организатор. |",
        "| note | String | Note. |",
    );
    let derived = resource(
        "organizerMeetingInfo",
        "Сведения.",
        "| organizer | String | Organizer. |",
    );
    let s = schema(&[
        ("resources/meetinginfo.md", &base),
        ("resources/organizermeetinginfo.md", &derived),
    ]);
    let d = t(&s, "organizerMeetingInfo");
    assert_eq!(d.base.as_deref(), Some("microsoft.graph.meetingInfo"));
    assert_eq!(d.base_evidence.as_deref(), Some("derived-list"));
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
            .map(|x| x.ty.element.to_string())
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
    // Named by the type the annotation resolves to, not by the title's word "chart".
    let update = op("updateWorkbookChart");
    assert_eq!(
        update.request_body.as_ref().map(|b| b.element.qualified()),
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

fn api_page(title: &str, request: &str, body: &str) -> String {
    format!("---\ndoc_type: apiPageType\n---\n# {title}\n\nNamespace: microsoft.graph\n\nDoes it.\n\n## HTTP request\n\n```http\n{request}\n```\n{body}")
}

#[test]
fn examples_showing_exactly_another_types_properties_state_the_base() {
    let entity = resource("entity", "The root.", "| id | String | Key. |");
    let mut tracked = resource(
        "tracked",
        "Tracks changes.",
        "| id | String | Key. |\n| createdDateTime | DateTimeOffset | Created. |\n| lastModifiedDateTime | DateTimeOffset | Modified. |",
    );
    tracked.push_str("\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.tracked\", \"baseType\": \"microsoft.graph.entity\", \"keyProperty\": \"id\" } -->\n```json\n{ \"id\": \"String\" }\n```\n");
    let mut slot = resource("slot", "A slot.", "| label | String | Label. |");
    slot.push_str("\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.slot\", \"keyProperty\": \"id\" } -->\n```json\n{ \"label\": \"String\" }\n```\n");
    // The list response shows the rows `tracked` adds (and `id`), which `slot` does not list.
    let list = api_page(
        "List slots",
        "GET /slots",
        "\n## Response\n\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.slot\" } -->\n```http\nHTTP/1.1 200 OK\n\n{ \"value\": [ { \"id\": \"1\", \"label\": \"a\", \"createdDateTime\": \"2020-01-01T00:00:00Z\", \"lastModifiedDateTime\": \"2020-01-01T00:00:00Z\" } ] }\n```\n",
    );
    // `box` shows only `createdDateTime`: not every property `tracked` adds, so no base.
    let mut boxed = resource("box", "A box.", "| size | Int32 | Size. |");
    boxed.push_str("\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.box\" } -->\n```json\n{ \"size\": 1, \"createdDateTime\": \"String (timestamp)\" }\n```\n");
    let s = schema(&[
        ("resources/entity.md", &entity),
        ("resources/tracked.md", &tracked),
        ("resources/slot.md", &slot),
        ("api/slot-list.md", &list),
        ("resources/box.md", &boxed),
    ]);
    let slot = t(&s, "slot");
    assert_eq!(slot.base.as_deref(), Some("microsoft.graph.tracked"));
    assert_eq!(slot.base_evidence.as_deref(), Some("example-properties"));
    assert_eq!(t(&s, "box").base, None);
}

#[test]
fn a_wrapper_shown_under_the_wrapped_types_name_is_not_its_base() {
    let res = resource("res", "A resource.", "| name | String | Name. |");
    let wrapper = resource(
        "wrapper",
        "Wraps a resource.",
        "| url | String | Where. |\n| res | [res](res.md) | The resource. |",
    );
    // The response says `res` but shows a `wrapper`.
    let get = api_page(
        "Get res",
        "GET /res",
        "\n## Response\n\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.res\" } -->\n```http\nHTTP/1.1 200 OK\n\n{ \"url\": \"u\", \"res\": { \"name\": \"n\" } }\n```\n",
    );
    let s = schema(&[
        ("resources/res.md", &res),
        ("resources/wrapper.md", &wrapper),
        ("api/res-get.md", &get),
    ]);
    assert_eq!(t(&s, "res").base, None);
}

#[test]
fn weaker_evidence_naming_a_descendant_refines_the_base() {
    let entity = resource("entity", "The root.", "| id | String | Key. |");
    let dir = resource(
        "dirObject",
        "Inherits from [entity](entity.md).",
        "| deleted | DateTimeOffset | When. |",
    );
    let mut contact = resource(
        "contact",
        "Inherits from [dirObject](dirobject.md).",
        "| mail | String | Mail. |",
    );
    contact.push_str("\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.contact\", \"baseType\": \"microsoft.graph.entity\" } -->\n```json\n{ \"mail\": \"String\" }\n```\n");
    let s = schema(&[
        ("resources/entity.md", &entity),
        ("resources/dirobject.md", &dir),
        ("resources/contact.md", &contact),
    ]);
    let contact = t(&s, "contact");
    assert_eq!(contact.base.as_deref(), Some("microsoft.graph.dirObject"));
    assert_eq!(contact.base_evidence.as_deref(), Some("inherits-from"));
}

#[test]
fn inherits_from_the_base_class_link() {
    let flow = resource("userFlow", "A flow.", "| kind | String | Kind. |");
    let b2x = resource(
        "b2xFlow",
        "Inherits from base class [userFlow](userflow.md).",
        "| apps | String | Apps. |",
    );
    let s = schema(&[
        ("resources/userflow.md", &flow),
        ("resources/b2xflow.md", &b2x),
    ]);
    assert_eq!(
        t(&s, "b2xFlow").base.as_deref(),
        Some("microsoft.graph.userFlow")
    );
}

#[test]
fn a_methods_table_and_an_id_make_an_entity() {
    let methods = "## Methods\n\n| Method | Return type | Description |\n|:--|:--|:--|\n| [Get presence](../api/presence-get.md) | [presence](presence.md) | Get it. |";
    let presence = resource(
        "presence",
        &format!("Presence.\n\n{methods}"),
        "| id | String | Key. |\n| availability | String | Availability. |",
    );
    // Methods without an `id`: a complex value read through its owner.
    let icon = resource(
        "icon",
        &format!("An icon.\n\n{methods}"),
        "| set | String | Set. |",
    );
    let s = schema(&[
        ("resources/presence.md", &presence),
        ("resources/icon.md", &icon),
    ]);
    assert_eq!(t(&s, "presence").kind, TypeKind::Entity);
    assert_eq!(t(&s, "icon").kind, TypeKind::Complex);
}

#[test]
fn action_titles_and_file_prefixes_bind_operations() {
    let app = resource("mobileApp", "An app.", "| name | String | Name. |");
    let assign = api_page(
        "assign action",
        "POST /deviceAppManagement/mobileApps/{mobileAppId}/assign",
        "\n## Request body\n\n| Property | Type | Description |\n|:--|:--|:--|\n| targets | String | Targets. |\n",
    );
    let fill = resource(
        "workbookRangeFill",
        "A fill.",
        "| color | String | Color. |",
    );
    // Neither a link nor an annotation: the file is named after the resource page.
    let update = api_page(
        "Update rangefill",
        "PATCH /range/format/fill",
        "\n## Request body\n\n| Property | Type | Description |\n|:--|:--|:--|\n| color | String | Color. |\n",
    );
    let s = schema(&[
        ("resources/mobileapp.md", &app),
        ("api/intune-apps-mobileapp-assign.md", &assign),
        ("resources/rangefill.md", &fill),
        ("api/rangefill-update.md", &update),
    ]);
    let op = s
        .operations
        .iter()
        .find(|o| o.name == "assign")
        .expect("assign");
    assert_eq!(op.kind, OperationKind::Action);
    assert_eq!(op.bound_type.as_deref(), Some("microsoft.graph.mobileApp"));
    assert_eq!(op.parameters.len(), 1);
    assert!(s.get("microsoft.graph.action").is_none());
    assert!(s.get("microsoft.graph.rangefill").is_none());
    let update = s
        .operations
        .iter()
        .find(|o| o.kind == OperationKind::Update)
        .expect("update");
    assert_eq!(
        update.request_body.as_ref().map(|b| b.element.qualified()),
        Some("microsoft.graph.workbookRangeFill")
    );
}

#[test]
fn one_value_list_on_two_types_is_one_synthesized_enum() {
    let a = resource(
        "alpha",
        "A.",
        "| status | String | Possible values are: `on`, `off`. |",
    );
    let b = resource(
        "beta",
        "B.",
        "| state | String | Possible values are: `on`, `off`. |",
    );
    let s = schema(&[("resources/alpha.md", &a), ("resources/beta.md", &b)]);
    let ty = |owner: &str, p: &str| {
        t(&s, owner)
            .properties
            .iter()
            .find(|x| x.name == p)
            .map(|x| x.ty.element.to_string())
    };
    assert_eq!(
        ty("alpha", "status").as_deref(),
        Some("microsoft.graph.alphaStatus")
    );
    assert_eq!(
        ty("beta", "state").as_deref(),
        Some("microsoft.graph.alphaStatus")
    );
    assert!(s.get("microsoft.graph.betaState").is_none());
}

#[test]
fn a_verb_phrase_title_names_no_type_and_the_path_names_the_action() {
    let domain = resource("domain", "A domain.", "| id | String | Key. |");
    let body = "\n## Request body\n\n| Parameter | Type | Description |\n|:--|:--|:--|\n| disableUserAccounts | Boolean | Disable them. |\n";
    let force = api_page(
        "Force domain deletion",
        "POST /domains/{id}/forceDelete",
        body,
    );
    // A create in a navigation collection (`x-post-y.md`) stays a create.
    let post = api_page("Send widget", "POST /domains/{id}/widgets", body);
    let s = schema(&[
        ("resources/domain.md", &domain),
        ("api/domain-forcedelete.md", &force),
        ("api/domain-post-widgets.md", &post),
    ]);
    assert!(s.get("microsoft.graph.deletion").is_none());
    let op = s
        .operations
        .iter()
        .find(|o| o.name == "forceDelete")
        .expect("forceDelete");
    assert_eq!(op.kind, OperationKind::Action);
    assert_eq!(op.bound_type.as_deref(), Some("microsoft.graph.domain"));
    assert_eq!(op.parameters.len(), 1);
    assert!(s
        .operations
        .iter()
        .any(|o| o.kind == OperationKind::Create && o.origin.file == "api/domain-post-widgets.md"));
}

#[test]
fn a_get_whose_response_is_a_collection_lists_whatever_its_title_says() {
    let domain = resource("domain", "A domain.", "| id | String | Key. |");
    // A translated title names no verb the reader knows, and the path lost its leading slash.
    let list = api_page(
        "Получить домены",
        "GET directory/domains",
        "\n## Response\n\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.domain\", \"isCollection\": true } -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\"value\": [{\"id\": \"contoso.com\"}]}\n```\n",
    );
    let get = api_page(
        "Получить домен",
        "GET /domains/{id}",
        "\n## Response\n\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.domain\" } -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\"id\": \"contoso.com\"}\n```\n",
    );
    let s = schema(&[
        ("resources/domain.md", &domain),
        ("api/domain-list.md", &list),
        ("api/domain-get.md", &get),
    ]);
    let kind_of = |file: &str| {
        let op = s
            .operations
            .iter()
            .find(|o| o.origin.file == file)
            .unwrap_or_else(|| panic!("no operation from {file}"));
        (op.kind, op.path.clone())
    };
    assert_eq!(
        kind_of("api/domain-list.md"),
        (OperationKind::List, Some("/directory/domains".to_owned()))
    );
    assert_eq!(
        kind_of("api/domain-get.md"),
        (OperationKind::Get, Some("/domains/{id}".to_owned()))
    );
}

fn diagnostics(pages: &[(&str, &str)]) -> Vec<crate::diag::Diagnostic> {
    let parsed: Vec<Page> = pages
        .iter()
        .map(|(f, t)| crate::page::parse_page(f, t).0)
        .collect();
    let mut diags = Diagnostics::default();
    build(&parsed, &mut diags);
    diags.into_sorted()
}

fn annotated(name: &str, base: &str, intro: &str) -> String {
    format!("---\ndoc_type: resourcePageType\n---\n# {name} resource type\n\nNamespace: microsoft.graph\n\n{intro}\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| size | Int32 | Size. |\n\n## JSON representation\n\n<!-- {{\n  \"blockType\": \"resource\",\n  \"baseType\": {base},\n  \"@odata.type\": \"microsoft.graph.{name}\"\n}} -->\n\n```json\n{{\n  \"size\": 1\n}}\n```\n")
}

#[test]
fn a_refined_base_and_a_null_base_type_against_a_stated_base_are_conflicts() {
    let root = resource("root", "The root.", "| name | String | Name. |");
    let mid = resource(
        "mid",
        "Inherits from [root](root.md).",
        "| m | String | M. |",
    );
    let leaf = annotated(
        "leaf",
        "\"microsoft.graph.root\"",
        "Inherits from [mid](mid.md).",
    );
    let loose = annotated("loose", "null", "Inherits from [root](root.md).");
    let d = diagnostics(&[
        ("resources/root.md", &root),
        ("resources/mid.md", &mid),
        ("resources/leaf.md", &leaf),
        ("resources/loose.md", &loose),
    ]);
    let conflicts: Vec<(String, Option<String>)> = d
        .iter()
        .filter(|d| d.kind == "base-conflict")
        .map(|d| (d.to_string(), d.subject.clone()))
        .collect();
    assert_eq!(
        conflicts,
        [
            (
                "resources/leaf.md:8:1: warning[base-conflict]: inherits-from says \
                 `microsoft.graph.leaf` inherits from `microsoft.graph.mid`, but annotation says \
                 `microsoft.graph.root`; using `microsoft.graph.mid`, which itself derives from \
                 `microsoft.graph.root` (the most derived type of the line wins)"
                    .to_string(),
                Some("microsoft.graph.leaf".to_string())
            ),
            (
                "resources/loose.md:18:1: warning[base-conflict]: the annotation says \
                 `microsoft.graph.loose` has no base (`\"baseType\": null`), but inherits-from \
                 says `microsoft.graph.root`; using `microsoft.graph.root`: a stated base \
                 outranks a null"
                    .to_string(),
                Some("microsoft.graph.loose".to_string())
            ),
        ]
    );
}

#[test]
fn a_null_base_type_alone_is_the_annotation_saying_none() {
    let lone = annotated("lone", "null", "A lone type.");
    let s = schema(&[("resources/lone.md", &lone)]);
    assert_eq!(t(&s, "lone").base, None);
    assert_eq!(t(&s, "lone").base_evidence.as_deref(), Some("annotation"));
}

#[test]
fn a_base_linked_under_another_name_than_its_page_gives_is_a_name_conflict() {
    let flow = resource("UserFlow", "A flow.", "| id | String | Key. |");
    let b2x = resource(
        "b2xIdentityUserFlow",
        "Inherits from base class [identityUserFlow](../resources/identityuserflow.md).",
        "| x | String | X. |",
    );
    let d = diagnostics(&[
        ("resources/identityuserflow.md", &flow),
        ("resources/b2xidentityuserflow.md", &b2x),
    ]);
    let found: Vec<String> = d
        .iter()
        .filter(|d| d.kind == "name-conflict")
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(
        found,
        [
            "the base of `microsoft.graph.b2xIdentityUserFlow` is linked as `identityUserFlow` to \
          `identityuserflow.md`, but that page names its type `UserFlow`; using \
          `microsoft.graph.UserFlow`, the name the page gives itself"
        ]
    );
    let s = schema(&[
        ("resources/identityuserflow.md", &flow),
        ("resources/b2xidentityuserflow.md", &b2x),
    ]);
    assert_eq!(
        t(&s, "b2xIdentityUserFlow").base.as_deref(),
        Some("microsoft.graph.UserFlow")
    );
}

#[test]
fn a_key_property_makes_an_entity_only_where_the_page_can_have_a_key() {
    let entity = resource("entity", "The root.", "| id | String | Key. |");
    let annotated = |name: &str, intro: &str, rows: &str, extra: &str| {
        let mut page = resource(name, intro, rows);
        page.push_str(&format!("\n## JSON representation\n\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\", \"keyProperty\": \"id\"{extra} }} -->\n```json\n{{ }}\n```\n"));
        page
    };
    // `id` listed: an entity.
    let listed = annotated(
        "listed",
        "Listed.",
        "| id | String | Key. |\n| a | String | A. |",
        "",
    );
    // No `id`, no methods, no base: the annotation was copied; a complex type.
    let copied = annotated("copied", "Copied.", "| a | String | A. |", "");
    // No `id` row, but methods of its own: an entity whose key is inherited.
    let served = annotated(
        "served",
        "Served.\n\n## Methods\n\n| Method | Return type | Description |\n|:--|:--|:--|\n| [Get served](../api/served-get.md) | [served](served.md) | Read it. |",
        "| a | String | A. |",
        "",
    );
    // No `id` row, but a stated base that may hold it.
    let based = annotated(
        "based",
        "Based.",
        "| a | String | A. |",
        ", \"baseType\": \"microsoft.graph.entity\"",
    );
    let s = schema(&[
        ("resources/entity.md", &entity),
        ("resources/listed.md", &listed),
        ("resources/copied.md", &copied),
        ("resources/served.md", &served),
        ("resources/based.md", &based),
    ]);
    assert_eq!(t(&s, "listed").kind, TypeKind::Entity);
    assert_eq!(t(&s, "copied").kind, TypeKind::Complex);
    assert_eq!(t(&s, "copied").base, None);
    assert_eq!(t(&s, "served").kind, TypeKind::Entity);
    assert_eq!(t(&s, "based").kind, TypeKind::Entity);
}

#[test]
fn type_refs_are_typed_and_serialize_as_qualified_names() {
    assert_eq!(
        Element::parse("Edm.String"),
        Element::Primitive(Primitive::String)
    );
    assert_eq!(
        Element::parse("edm.int64").primitive(),
        Some(Primitive::Int64)
    );
    // An alias the docs use is not a qualified name: it stays a (dangling) named type.
    assert_eq!(Element::parse("Edm.Url").named(), Some("Edm.Url"));
    assert_eq!(
        Element::parse("microsoft.graph.user").named(),
        Some("microsoft.graph.user")
    );
    let p = Property {
        name: "tags".into(),
        ty: TypeRef {
            element: Element::Primitive(Primitive::String),
            collection: true,
        },
        navigation: false,
        read_only: false,
        description: None,
        origin: Default::default(),
    };
    let yaml = serde_yaml::to_string(&p).unwrap();
    assert!(
        yaml.contains("type: Edm.String\ncollection: true\n"),
        "{yaml}"
    );
    let back: Property = serde_yaml::from_str(&yaml).unwrap();
    assert_eq!(back, p);
}

#[test]
fn schema_index_walks_base_edges() {
    let prop = |name: &str| Property {
        name: name.into(),
        ty: TypeRef::one(Element::Primitive(Primitive::String)),
        navigation: false,
        read_only: false,
        description: None,
        origin: Default::default(),
    };
    let ty = |name: &str, base: Option<&str>, props: &[&str]| TypeDef {
        base: base.map(|b| format!("ns.{b}")),
        properties: props.iter().map(|p| prop(p)).collect(),
        ..TypeDef::new("ns", name, TypeKind::Entity)
    };
    let schema = Schema {
        types: vec![
            ty("a", None, &["id"]),
            ty("b", Some("a"), &["name", "ID"]),
            ty("c", Some("b"), &["size", "name"]),
            ty("d", Some("a"), &[]),
            ty("e", Some("c"), &[]),
            // A cycle the index must not loop on.
            ty("x", Some("y"), &["p"]),
            ty("y", Some("x"), &["q"]),
        ],
        operations: Vec::new(),
    };
    let index = SchemaIndex::new(&schema);
    let names = |ts: Vec<&TypeDef>| ts.iter().map(|t| t.name.clone()).collect::<Vec<_>>();
    let c = index.get("NS.C").expect("any letter case");
    assert_eq!(names(index.ancestors(c)), ["b", "a"]);
    let a = index.get("ns.a").unwrap();
    assert_eq!(names(index.descendants(a)), ["b", "c", "e", "d"]);
    assert_eq!(names(index.children(a).to_vec()), ["b", "d"]);
    let flat: Vec<&str> = index.flattened(c).iter().map(|p| p.name.as_str()).collect();
    // Root first; `name` is b's (declared again by c), `ID` is not `id` (names are exact here).
    assert_eq!(flat, ["id", "name", "ID", "size"]);
    assert_eq!(
        index.property(c, "NAME").map(|p| &p.name),
        Some(&"name".to_owned())
    );
    assert_eq!(
        index.property(c, "id").map(|p| &p.name),
        Some(&"ID".to_owned())
    );
    let x = index.get("ns.x").unwrap();
    assert_eq!(names(index.ancestors(x)), ["y"]);
    assert_eq!(names(index.descendants(x)), ["y"]);
    assert_eq!(index.flattened(x).len(), 2);
}

/// A page in an invented house style: its title, headings and phrases are words no rule knows.
fn foreign(name: &str, annotation_base: Option<&str>, intro: &str, rows: &str) -> String {
    let annotation = match annotation_base {
        Some(b) => format!("<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\", \"baseType\": \"microsoft.graph.{b}\" }} -->"),
        None => format!("<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\" }} -->"),
    };
    format!("---\ndoc_type: resourcePageType\n---\n# Vok {name} zarn\n\nNamespace: microsoft.graph\n\n{intro}\n\n## Blorp\n\n| Kel | Tyr | Dask |\n|:--|:--|:--|\n{rows}\n\n## Frum\n\n{annotation}\n```json\n{{}}\n```\n")
}

#[test]
fn inheritance_phrases_are_learned_from_annotated_pages() {
    let base = foreign("base", None, "Grel.", "| id | String | Grel. |");
    let a = foreign(
        "alpha",
        Some("base"),
        "Grel. Zorp blat [base](base.md).",
        "| id | String | Mip dorn [base](base.md). |\n| a | String | Grel. |",
    );
    let b = foreign(
        "beta",
        Some("base"),
        "Grel. Zorp blat [base](base.md).",
        "| id | String | Mip dorn [base](base.md). |\n| b | String | Grel. |",
    );
    // No annotation states gamma's base: the learned phrases do.
    let c = foreign(
        "gamma",
        None,
        "Grel. Zorp blat [base](base.md).",
        "| id | String | Mip dorn [base](base.md). |\n| c | String | Grel. |",
    );
    let parsed: Vec<Page> = [
        ("resources/base.md", &base),
        ("resources/alpha.md", &a),
        ("resources/beta.md", &b),
        ("resources/gamma.md", &c),
    ]
    .iter()
    .map(|(f, t)| crate::page::parse_page(f, t).0)
    .collect();
    let built = build(&parsed, &mut Diagnostics::default());
    let gamma = t(&built.schema, "gamma");
    assert_eq!(gamma.base.as_deref(), Some("microsoft.graph.base"));
    assert_eq!(gamma.base_evidence.as_deref(), Some("inherits-from"));
    let own: Vec<&str> = gamma.properties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(own, ["c"], "`id` is marked as the base's");
    let learned: Vec<(&str, &str)> = built
        .learned_words
        .iter()
        .map(|p| (p.phrase.as_str(), p.meaning))
        .collect();
    assert_eq!(
        learned,
        [
            ("zorp blat", "inherits from"),
            ("mip dorn", "inherited from")
        ]
    );
}

#[test]
fn type_words_are_learned_from_tables_beside_json() {
    let json = |name: &str, body: &str| {
        format!("---\ndoc_type: resourcePageType\n---\n# Vok {name} zarn\n\nNamespace: microsoft.graph\n\n## Blorp\n\n| Kel | Tyr | Dask |\n|:--|:--|:--|\n| a | Strok | Grel. |\n| b | Kolek [part](part.md) | Grel. |\n| c | Vrai | Grel. |\n\n## Frum\n\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\" }} -->\n```json\n{body}\n```\n")
    };
    let body = r#"{"a": "String", "b": [{"@odata.type": "microsoft.graph.part"}], "c": true}"#;
    let part = resource("part", "A part.", "| size | Int32 | Size. |");
    // A page with no JSON representation: its cells are read with what the others taught.
    let bare = "---\ndoc_type: resourcePageType\n---\n# Vok gamma zarn\n\nNamespace: microsoft.graph\n\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.gamma\" } -->\n\n## Blorp\n\n| Kel | Tyr | Dask |\n|:--|:--|:--|\n| x | Strok | Grel. |\n| y | Kolek [part](part.md) | Grel. |\n| z | Vrai | Grel. |\n";
    let parsed: Vec<Page> = [
        ("resources/part.md", part),
        ("resources/alpha.md", json("alpha", body)),
        ("resources/beta.md", json("beta", body)),
        ("resources/gamma.md", bare.to_owned()),
    ]
    .iter()
    .map(|(f, t)| crate::page::parse_page(f, t).0)
    .collect();
    let built = build(&parsed, &mut Diagnostics::default());
    let gamma = t(&built.schema, "gamma");
    let types: Vec<(&str, String, bool)> = gamma
        .properties
        .iter()
        .map(|p| (p.name.as_str(), p.ty.element.to_string(), p.ty.collection))
        .collect();
    assert_eq!(
        types,
        [
            ("x", "Edm.String".to_owned(), false),
            ("y", "microsoft.graph.part".to_owned(), true),
            ("z", "Edm.Boolean".to_owned(), false),
        ]
    );
    let learned: Vec<(&str, &str)> = built
        .vocabulary
        .iter()
        .map(|p| (p.phrase.as_str(), p.meaning.as_str()))
        .collect();
    assert!(
        learned.contains(&("kolek {}", "Collection({})")),
        "{learned:?}"
    );
}

#[test]
fn translated_row_names_come_from_the_json_and_value_words_are_learned() {
    // Three pages show that "Zel moks:" before a code list of an enum-typed row introduces its
    // values; the fourth says so on a plain string row, whose name cell is translated too.
    let page = |name: &str, row: &str, body: &str| {
        format!("---\ndoc_type: resourcePageType\n---\n# Vok {name} zarn\n\nNamespace: microsoft.graph\n\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\" }} -->\n\n## <a name=\"properties\"></a>Blorp\n\n| Kel | Tyr | Dask |\n|:--|:--|:--|\n| aaa | String | Grel. |\n{row}\n| zzz | String | Grel. |\n\n## Frum\n\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\" }} -->\n```json\n{body}\n```\n")
    };
    let enum_row = "| state | [stateKind](statekind.md) | Grel. Zel moks: `on`, `off`. |";
    let body = r#"{"aaa": "String", "state": "String", "zzz": "String"}"#;
    let mut pages = Vec::new();
    for name in ["alpha", "beta", "gamma"] {
        pages.push((format!("resources/{name}.md"), page(name, enum_row, body)));
    }
    let translated = "| Режим | String | Grel. Zel moks: `fast`, `slow`. |";
    let body = r#"{"aaa": "String", "mode": "String", "zzz": "String"}"#;
    pages.push(("resources/delta.md".into(), page("delta", translated, body)));
    let parsed: Vec<Page> = pages
        .iter()
        .map(|(f, t)| crate::page::parse_page(f, t).0)
        .collect();
    let built = build(&parsed, &mut Diagnostics::default());
    let delta = t(&built.schema, "delta");
    let mode = delta
        .properties
        .iter()
        .find(|p| p.name == "mode")
        .expect("the translated row takes the JSON key between its neighbours");
    let named = mode
        .ty
        .element
        .named()
        .unwrap_or_else(|| panic!("{:?} {:?}", mode.ty, built.learned_words));
    let values = t(&built.schema, named.rsplit('.').next().unwrap_or(named));
    let members: Vec<&str> = values.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(members, ["fast", "slow"]);
    assert!(built
        .learned_words
        .iter()
        .any(|w| w.phrase == "zel moks" && w.meaning == "value list" && w.applied == 1));
}

#[test]
fn transliterated_names_and_types_are_read_back_by_their_spelling_and_by_the_json() {
    // An enum page whose members a translation partly transliterated: incomplete.
    let enums = "---\ndoc_type: enumPageType\n---\n# Перечисления\n\nNamespace: microsoft.graph\n\n### <a name=\"failurestage-values\"></a>значения Фаилурестаже\n\n| Member |\n|:--|\n| unknown |\n| каллсетуп |\n| мидкалл |\n| unknownFutureValue |\n";
    // Rows named only in Cyrillic; the JSON also lists inherited keys, in another order.
    let page = "---\ndoc_type: resourcePageType\n---\n# Тип failureInfo\n\nNamespace: microsoft.graph\n\n## <a name=\"properties\"></a>Свойства\n\n| Свойство | Тип | Описание |\n|:--|:--|:--|\n| разместить | Microsoft. Graph. Фаилурестаже | Этап. Возможные значения: `unknown`, `callSetup`, `midcall`. |\n| аверажеинбаундбитрате | Int64 | Скорость. |\n| аверажеаутбаундбитрате | Int64 | Скорость. |\n| тон | тон | Звук. Возможные значения: `tone0`, `tone1`. |\n| хищения | [identitySet](identityset.md) | Удостоверение. |\n| место | String | Место. |\n\n## <a name=\"json-representation\"></a>JSON\n\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.failureInfo\" } -->\n```json\n{\"stage\": \"String\", \"averageOutboundBitRate\": 1, \"averageInboundBitRate\": 1, \"tone\": \"String\", \"region\": \"String\", \"identity\": {\"@odata.type\": \"microsoft.graph.identitySet\"}, \"inheritedOne\": \"String\"}\n```\n";
    let identity = resource("identitySet", "Кто.", "| user | String | Пользователь. |");
    let s = schema(&[
        ("resources/enums.md", enums),
        ("resources/failureinfo.md", page),
        ("resources/identityset.md", &identity),
    ]);
    let info = t(&s, "failureInfo");
    let ty = |name: &str| {
        let p = info
            .properties
            .iter()
            .find(|p| p.name == name)
            .unwrap_or_else(|| panic!("no `{name}` in {:?}", info.properties));
        p.ty.element
            .named()
            .map_or_else(|| format!("{:?}", p.ty.element), str::to_owned)
    };
    // The transliterated type names the declared enum, and the row's values complete it.
    // (Its name is the anchor's slug: the heading holds no identifier.)
    assert_eq!(ty("stage"), "microsoft.graph.failurestage");
    let members: Vec<&str> = t(&s, "failurestage")
        .members
        .iter()
        .map(|m| m.name.as_str())
        .collect();
    assert_eq!(
        members,
        ["unknown", "unknownFutureValue", "callSetup", "midcall"]
    );
    // Transliterated names take the keys they spell, whatever the JSON's order.
    assert!(info
        .properties
        .iter()
        .any(|p| p.name == "averageInboundBitRate"));
    assert!(info
        .properties
        .iter()
        .any(|p| p.name == "averageOutboundBitRate"));
    // Names position alone would swap are placed by their types.
    assert_eq!(ty("identity"), "microsoft.graph.identitySet");
    assert_eq!(ty("region"), "Primitive(String)");
    // A Type cell repeating the row's translated name names the type the row is named after.
    assert_eq!(ty("tone"), "microsoft.graph.tone");
}

#[test]
fn request_lines_and_action_names_come_from_the_http_block_not_the_title() {
    // Headings and title in an invented language; the request block is found by its shape.
    let api = "---\ndoc_type: apiPageType\n---\n# widget: Zorvak\n\nNamespace: microsoft.graph\n\n## Blorp\n\n<!-- { \"blockType\": \"ignored\" } -->\n```http\nPOST /widgets/{id}/spinAround\n```\n";
    let widget = "---\ndoc_type: resourcePageType\n---\n# Vok widget zarn\n\nNamespace: microsoft.graph\n\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.widget\" } -->\n```json\n{\"id\": \"String\"}\n```\n";
    let s = schema(&[
        ("api/widget-spinaround.md", api),
        ("resources/widget.md", widget),
    ]);
    let op = s
        .operations
        .iter()
        .find(|o| o.kind == OperationKind::Action)
        .expect("an action");
    assert_eq!(op.id, "widget.spinAround");
    assert_eq!(op.method, "POST");
    assert_eq!(op.path.as_deref(), Some("/widgets/{id}/spinAround"));
}

#[test]
fn a_title_word_that_names_the_page_file_names_its_type() {
    // No annotation, a title in another language: the word that is the file's name is the type.
    let page = "---\ndoc_type: resourcePageType\n---\n# Тип ресурса callRecord\n\nNamespace: microsoft.graph\n\n## <a name=\"properties\"></a>Свойства\n\n| Свойство | Тип | Описание |\n|:--|:--|:--|\n| id | String | Идентификатор. |\n";
    let s = schema(&[("resources/callrecords-callrecord.md", page)]);
    assert_eq!(t(&s, "callRecord").properties.len(), 1);
}

#[test]
fn a_value_list_completes_an_enum_whose_members_were_transliterated() {
    // The enum page lost two members to the translation; a property's list of code spans, under
    // a Type cell the reader cannot read, names them.
    let enums = "---\ndoc_type: enumPageType\n---\n# Vok zarn\n\nNamespace: microsoft.graph\n\n### <a name=\"calltype-values\"></a>значения callType\n\n| Member |\n|:--|\n| unknown |\n| граупкалл |\n| пиртопир |\n| peerToPeerOld |\n| unknownFutureValue |\n";
    let record = "---\ndoc_type: resourcePageType\n---\n# Vok record zarn\n\nNamespace: microsoft.graph\n\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.record\" } -->\n\n## <a name=\"properties\"></a>Blorp\n\n| Kel | Tyr | Dask |\n|:--|:--|:--|\n| type | Майкрософт. Граф. Каллтипе | Grel. Zel moks: `unknown`, `groupCall`, `peerToPeer`, `peerToPeerOld`, `unknownFutureValue`. |\n";
    let s = schema(&[
        ("resources/enums.md", enums),
        ("resources/record.md", record),
    ]);
    let call_type = t(&s, "callType");
    let members: Vec<&str> = call_type.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(
        members,
        [
            "unknown",
            "peerToPeerOld",
            "unknownFutureValue",
            "groupCall",
            "peerToPeer"
        ]
    );
    let ty = &t(&s, "record").properties[0].ty;
    assert_eq!(ty.element.named(), Some("microsoft.graph.callType"));
}
