//! The schema built from the five seed pages, checked fact by fact against what the pages say.

use std::path::Path;

use graphdoc::ir::{OperationKind, Schema, TypeKind};

fn schema() -> Schema {
    let a = graphdoc::analyze(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs")]);
    assert!(!a.has_errors(), "{}", a.render_diagnostics());
    a.built.schema
}

fn base(s: &Schema, t: &str) -> Option<String> {
    s.get(t)
        .unwrap_or_else(|| panic!("{t} missing"))
        .base
        .clone()
}

#[test]
fn inheritance_follows_inherited_rows() {
    let s = schema();
    assert_eq!(
        base(&s, "microsoft.graph.operation").as_deref(),
        Some("microsoft.graph.entity")
    );
    assert_eq!(
        base(&s, "microsoft.graph.commsOperation").as_deref(),
        Some("microsoft.graph.entity")
    );
    assert_eq!(
        base(&s, "microsoft.graph.recordOperation").as_deref(),
        Some("microsoft.graph.commsOperation")
    );
    assert_eq!(
        base(&s, "microsoft.graph.updateRecordingStatusOperation").as_deref(),
        Some("microsoft.graph.commsOperation")
    );
    assert_eq!(base(&s, "microsoft.graph.entity"), None);
    for t in [
        "entity",
        "operation",
        "commsOperation",
        "recordOperation",
        "updateRecordingStatusOperation",
    ] {
        assert_eq!(
            s.get(&format!("microsoft.graph.{t}")).map(|t| t.kind),
            Some(TypeKind::Entity),
            "{t}"
        );
    }
}

#[test]
fn derived_types_keep_only_what_they_declare() {
    let s = schema();
    let props = |t: &str| {
        s.get(t)
            .unwrap()
            .properties
            .iter()
            .map(|p| p.name.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(props("microsoft.graph.entity"), ["id"]);
    assert_eq!(
        props("microsoft.graph.commsOperation"),
        ["status", "clientContext", "resultInfo"]
    );
    assert_eq!(
        props("microsoft.graph.recordOperation"),
        [
            "recordingLocation",
            "recordingAccessToken",
            "completionReason"
        ]
    );
    assert!(props("microsoft.graph.updateRecordingStatusOperation").is_empty());
}

#[test]
fn enums_are_named_matched_or_synthesized() {
    let s = schema();
    let status = |t: &str| {
        s.get(t)
            .unwrap()
            .properties
            .iter()
            .find(|p| p.name == "status")
            .unwrap()
            .ty
            .element
            .to_string()
    };
    assert_eq!(
        status("microsoft.graph.commsOperation"),
        "microsoft.graph.operationStatus"
    );
    // `operation.status` is an unnamed Enumeration with the same members: matched, not duplicated.
    assert_eq!(
        status("microsoft.graph.operation"),
        "microsoft.graph.operationStatus"
    );
    let members = |t: &str| {
        s.get(t)
            .unwrap()
            .members
            .iter()
            .map(|m| m.name.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        members("microsoft.graph.operationStatus"),
        ["NotStarted", "Running", "Completed", "Failed"]
    );
    assert_eq!(
        members("microsoft.graph.updateRecordingStatusStatus"),
        ["notRecording", "recording", "failed"]
    );
    assert_eq!(
        s.get("microsoft.graph.recordOperationCompletionReason")
            .unwrap()
            .members
            .len(),
        9
    );
    assert_eq!(
        s.types.iter().filter(|t| t.kind == TypeKind::Enum).count(),
        3
    );
}

#[test]
fn result_info_is_inferred_from_examples_under_one_name() {
    let s = schema();
    let t = s.get("microsoft.graph.resultInfo").unwrap();
    assert_eq!(
        t.name, "resultInfo",
        "lowerCamel spelling wins over ResultInfo"
    );
    assert_eq!(t.kind, TypeKind::Complex);
    assert!(t.inferred.as_deref().unwrap_or("").contains("example"));
    let props: Vec<(&str, &str)> = t
        .properties
        .iter()
        .map(|p| (p.name.as_str(), p.ty.element.qualified()))
        .collect();
    assert_eq!(
        props,
        [
            ("code", "Edm.Int32"),
            ("subcode", "Edm.Int32"),
            ("message", "Edm.String")
        ]
    );
}

#[test]
fn placeholders_stay_out_of_the_output() {
    let s = schema();
    let json = serde_json::to_string(&s).unwrap();
    assert!(!json.contains("TODO"));
    assert!(!json.contains("not found"));
    let op = s
        .operations
        .iter()
        .find(|o| o.id == "updateOperation")
        .unwrap();
    assert_eq!(op.path, None);
}

#[test]
fn operations() {
    let s = schema();
    let ids: Vec<&str> = s.operations.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "call.updateRecordingStatus",
            "updateCommsOperation",
            "updateOperation",
            "updateRecordOperation",
            "updateUpdateRecordingStatusOperation"
        ]
    );
    let action = &s.operations[0];
    assert_eq!(
        (action.kind, action.method.as_str()),
        (OperationKind::Action, "POST")
    );
    assert_eq!(
        action.path.as_deref(),
        Some("/communications/calls/{id}/updateRecordingStatus")
    );
    assert_eq!(
        action
            .parameters
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>(),
        ["clientContext", "status"],
        "English names from the bilingual page"
    );
    assert_eq!(
        action.response.as_ref().map(|r| r.element.qualified()),
        Some("microsoft.graph.updateRecordingStatusOperation")
    );
    let update = &s.operations[1];
    assert_eq!(update.kind, OperationKind::Update);
    assert_eq!(
        update.request_body.as_ref().map(|r| r.element.qualified()),
        Some("microsoft.graph.commsOperation")
    );
}

#[test]
fn schema_json_keeps_the_documented_field_names() {
    let v = serde_json::to_value(schema()).unwrap();
    let t = &v["types"][0];
    for k in ["name", "namespace", "kind", "base", "properties", "origins"] {
        assert!(t.get(k).is_some(), "types[].{k}");
    }
    let p = &t["properties"][0];
    for k in ["name", "type", "collection", "navigation"] {
        assert!(p.get(k).is_some(), "properties[].{k}");
    }
    let e = v["types"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["kind"] == "enum")
        .unwrap();
    assert!(e["members"][0].get("name").is_some());
    assert!(v["operations"].as_array().is_some_and(|o| o.len() == 5));
}

#[test]
fn page_order_does_not_change_the_output() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs");
    let mut pages: Vec<graphdoc::page::Page> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            graphdoc::page::parse_page(&name, &std::fs::read_to_string(&p).unwrap()).0
        })
        .collect();
    pages.sort_by(|a, b| a.file.cmp(&b.file));
    let forward = graphdoc::ir::build(&pages, &mut Default::default()).schema;
    pages.reverse();
    pages.swap(0, 2);
    let shuffled = graphdoc::ir::build(&pages, &mut Default::default()).schema;
    assert_eq!(
        serde_json::to_string(&forward).unwrap(),
        serde_json::to_string(&shuffled).unwrap()
    );
}

#[test]
fn builder_selects_a_closure_in_memory() {
    let mut b = graphdoc::Builder::new();
    b.input(Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs"))
        .select("microsoft.graph.recordOperation");
    let files = b.generate().unwrap();
    assert_eq!(files.len(), 1);
    let code = &files[0].contents;
    for present in [
        "pub struct RecordOperation",
        "pub struct CommsOperation",
        "pub struct Entity",
        "pub struct ResultInfo",
        "pub enum OperationStatus",
        "pub enum RecordOperationCompletionReason",
        "pub struct UpdateRecordOperation",
    ] {
        assert!(code.contains(present), "{present}");
    }
    for absent in [
        "pub struct Operation ",
        "pub struct UpdateRecordingStatusOperation",
        "UpdateRecordingStatusStatus",
    ] {
        assert!(!code.contains(absent), "{absent}");
    }
    let err = graphdoc::Builder::new()
        .input(Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs"))
        .select("microsoft.graph.nope")
        .generate()
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("selected type `microsoft.graph.nope` is not in the schema"),
        "{err}"
    );
}

#[test]
fn builder_with_features_returns_the_features_table() {
    let mut b = graphdoc::Builder::new();
    b.input(Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs"))
        .features(true);
    let files = b.generate().unwrap();
    let names: Vec<String> = files.iter().map(|f| f.path.display().to_string()).collect();
    assert_eq!(names, ["msgraph.rs", "features.toml"]);
    assert!(
        files[0].contents.contains("#[cfg(any(feature = "),
        "items are gated"
    );
    assert!(
        files[1].contents.contains("[features]")
            && files[1].contents.contains("cloud-communications"),
        "{}",
        files[1].contents
    );
}
