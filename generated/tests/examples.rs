//! Every JSON example in the bundled docs (request and response bodies) deserializes into the
//! generated type it names and serializes back to an equal JSON value. Where an example is itself
//! wrong, the doc error is named below and must be reported by graphdoc at exactly that place.

use std::path::Path;

use msgraph_model::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

fn round_trip<T: DeserializeOwned + Serialize>(json: &Value) -> (T, Value) {
    let typed: T = serde_json::from_value(json.clone())
        .unwrap_or_else(|e| panic!("does not deserialize: {e}\n{json:#}"));
    let back = serde_json::to_value(&typed).unwrap_or_else(|e| panic!("does not serialize: {e}"));
    (typed, back)
}

/// The doc errors in the examples: (file, line, diagnostic kind). Lines checked by hand against
/// `grep -n '"String"\|notRecording |\|"completed"' docs/*.md`.
const DOC_ERRORS: &[(&str, u32, &str)] = &[
    // The action's request example lists the choices instead of a value.
    ("call-updaterecordingstatus.md", 74, "example-enum-value"),
    // The response spells member `Completed` of operationStatus as `completed`.
    ("call-updaterecordingstatus.md", 98, "example-enum-case"),
    // The generated Update pages use the type name `"String"` as the value of every enum property.
    ("update-commsoperation.md", 73, "placeholder"),
    ("update-commsoperation.md", 96, "placeholder"),
    ("update-operation.md", 70, "placeholder"),
    ("update-operation.md", 90, "placeholder"),
    ("update-recordoperation.md", 73, "placeholder"),
    ("update-recordoperation.md", 83, "placeholder"),
    ("update-recordoperation.md", 102, "placeholder"),
    ("update-recordoperation.md", 112, "placeholder"),
    (
        "update-updaterecordingstatusoperation.md",
        70,
        "placeholder",
    ),
    (
        "update-updaterecordingstatusoperation.md",
        96,
        "placeholder",
    ),
];

fn analysis() -> graphdoc::Analysis {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs");
    let a = graphdoc::analyze(&[docs]);
    assert!(!a.has_errors(), "{}", a.render_diagnostics());
    a
}

#[test]
fn graphdoc_reports_exactly_the_known_example_errors() {
    let a = analysis();
    let mut found: Vec<(String, u32, String)> = a
        .diagnostics
        .iter()
        .filter(|d| {
            d.kind.as_str().starts_with("example-")
                || (d.kind == "placeholder" && d.message.starts_with("example value"))
        })
        .filter_map(|d| {
            d.origin
                .as_ref()
                .map(|o| (o.file.clone(), o.line, d.kind.to_string()))
        })
        .collect();
    found.sort();
    let mut expected: Vec<(String, u32, String)> = DOC_ERRORS
        .iter()
        .map(|(f, l, k)| (f.to_string(), *l, k.to_string()))
        .collect();
    expected.sort();
    assert_eq!(found, expected);
}

#[test]
fn every_example_round_trips_through_its_generated_type() {
    let a = analysis();
    let mut checked = 0;
    for ex in &a.built.examples {
        let e = &ex.example;
        let json: Value = serde_json::from_str(&e.json)
            .unwrap_or_else(|err| panic!("{}: example is not JSON: {err}", e.origin));
        let back = match (e.type_name.as_deref(), ex.operation.as_deref()) {
            (Some("microsoft.graph.commsOperation"), _) => round_trip::<CommsOperation>(&json).1,
            (Some("microsoft.graph.operation"), _) => round_trip::<Operation>(&json).1,
            (Some("microsoft.graph.recordOperation"), _) => round_trip::<RecordOperation>(&json).1,
            (Some("microsoft.graph.updateRecordingStatusOperation"), _) => {
                let (op, back) = round_trip::<UpdateRecordingStatusOperation>(&json);
                if let Some(Value::String(s)) = json.get("status") {
                    // The doc error above: `completed` is member `Completed`, and goes back
                    // spelled as it came.
                    if s == "completed" {
                        assert_eq!(op.status, Some(OperationStatus::Completed));
                        assert_eq!(back, json, "{}", e.origin);
                        checked += 1;
                        continue;
                    }
                    assert_eq!(op.status, Some(OperationStatus::Unrecognized(s.clone())), "{}: placeholder kept as received", e.origin);
                }
                back
            }
            (None, Some("call.updateRecordingStatus")) => {
                let (body, back) = round_trip::<CallUpdateRecordingStatusRequest>(&json);
                assert_eq!(body.status, Some(UpdateRecordingStatusStatus::Unrecognized("notRecording | recording | failed".into())));
                back
            }
            (name, op) => panic!("{}: example of {name:?} (operation {op:?}) has no generated type in this test; add it", e.origin),
        };
        assert_eq!(back, json, "{}: round trip changed the example", e.origin);
        checked += 1;
    }
    assert_eq!(
        checked, 10,
        "five pages with a request and a response example each"
    );
}

#[test]
fn explicit_null_is_kept_and_partial_structs_write_only_what_is_set() {
    let json = serde_json::json!({"id": "1", "resultInfo": null, "status": "Running"});
    let (op, back) = round_trip::<CommsOperation>(&json);
    assert_eq!(op.result_info, None);
    assert_eq!(back, json);

    let mut patch = CommsOperation {
        client_context: Some("ctx".into()),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&patch).unwrap(),
        serde_json::json!({"clientContext": "ctx"})
    );
    patch
        .additional_data
        .insert("resultInfo".into(), Value::Null);
    assert_eq!(
        serde_json::to_value(&patch).unwrap(),
        serde_json::json!({"clientContext": "ctx", "resultInfo": null})
    );
}

#[test]
fn a_field_set_after_a_null_arrived_writes_its_value_once_with_its_annotations() {
    use msgraph_model::runtime::Object as _;
    let text = r##"{"clientContext":null,"clientContext@odata.type":"#String","id@odata.type":"#String","status":null}"##;
    let mut op: CommsOperation = serde_json::from_str(text).unwrap();
    assert!(op.is_null(CommsOperation::CLIENT_CONTEXT));
    assert!(op.is_null(CommsOperation::STATUS));
    assert!(
        !op.is_null(CommsOperation::ID),
        "nothing kept for `id` is null"
    );
    // Fields go out in declaration order (`id`, `status`, `clientContext`, ...), each after its
    // annotations; the annotation of the unset `id` goes out after the fields.
    assert_eq!(
        serde_json::to_string(&op).unwrap(),
        r##"{"status":null,"clientContext@odata.type":"#String","clientContext":null,"id@odata.type":"#String"}"##
    );
    op.client_context = Some("ctx".into());
    assert!(
        !op.is_null(CommsOperation::CLIENT_CONTEXT),
        "set now, so not sent as null"
    );
    // The value replaces the stale null and keeps its annotation in front.
    assert_eq!(
        serde_json::to_string(&op).unwrap(),
        r##"{"status":null,"clientContext@odata.type":"#String","clientContext":"ctx","id@odata.type":"#String"}"##
    );
}

#[test]
fn enums_are_case_insensitive_and_keep_unknown_values() {
    let s: OperationStatus = serde_json::from_str("\"notstarted\"").unwrap();
    assert_eq!(s, OperationStatus::NotStarted);
    assert_eq!(serde_json::to_string(&s).unwrap(), "\"NotStarted\"");
    let u: OperationStatus = serde_json::from_str("\"paused\"").unwrap();
    assert_eq!(u, OperationStatus::Unrecognized("paused".into()));
    assert_eq!(serde_json::to_string(&u).unwrap(), "\"paused\"");
}

#[test]
fn unknown_properties_and_annotations_survive_in_order() {
    let text = r##"{"@odata.type":"#microsoft.graph.recordOperation","@odata.etag":"W/1","id":"x","zeta":1,"alpha":{"deep":[1,2]}}"##;
    let op: RecordOperation = serde_json::from_str(text).unwrap();
    let keys: Vec<&str> = op.additional_data.keys().map(String::as_str).collect();
    assert_eq!(keys, ["@odata.type", "@odata.etag", "zeta", "alpha"]);
    assert_eq!(serde_json::to_string(&op).unwrap(), text);
}

#[test]
fn a_bad_value_is_kept_raw_and_strict_mode_names_the_property() {
    use msgraph_model::runtime::{strictly, Object as _};
    let text = r#"{"resultInfo":{"code":"four"}}"#;
    let op: RecordOperation = serde_json::from_str(text).unwrap();
    let info = op.result_info.as_deref().unwrap();
    assert_eq!(info.code, None);
    assert_eq!(info.raw(ResultInfo::CODE), Some(&Value::from("four")));
    assert_eq!(serde_json::to_string(&op).unwrap(), text);
    let err = strictly(|| serde_json::from_str::<RecordOperation>(text))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("recordOperation.resultInfo") && err.contains("resultInfo.code"),
        "{err}"
    );
}

#[test]
fn operation_descriptors_carry_method_path_and_types() {
    use msgraph_model::runtime::{Method, Operation as _};
    assert_eq!(operations::UpdateCommsOperation::METHOD, Method::Patch);
    assert_eq!(
        operations::UpdateCommsOperation::PATH,
        Some("/communications/calls/{callId}/operations/{commsOperationId}")
    );
    assert_eq!(operations::CallUpdateRecordingStatus::METHOD, Method::Post);
    assert_eq!(
        operations::CallUpdateRecordingStatus::ID,
        "call.updateRecordingStatus"
    );
    assert_eq!(
        operations::UpdateOperation::PATH,
        None,
        "the docs give only a placeholder"
    );
    let body: <operations::CallUpdateRecordingStatus as msgraph_model::runtime::Operation>::Body =
        CallUpdateRecordingStatusRequest {
            client_context: Some("c".into()),
            ..Default::default()
        };
    let _: Option<
        <operations::CallUpdateRecordingStatus as msgraph_model::runtime::Operation>::Response,
    > = Some(UpdateRecordingStatusOperation::default());
    assert_eq!(
        serde_json::to_value(body).unwrap(),
        serde_json::json!({"clientContext": "c"})
    );
}

#[test]
fn update_pages_send_only_what_is_set_and_explicit_nulls() {
    use msgraph_model::runtime::Object as _;
    // PATCH /communications/calls/{callId}/operations/{id} (update-commsoperation.md).
    let mut patch = CommsOperation {
        client_context: Some("ctx".into()),
        ..Default::default()
    };
    patch.set_null(CommsOperation::RESULT_INFO);
    assert_eq!(
        serde_json::to_string(&patch).unwrap(),
        r#"{"clientContext":"ctx","resultInfo":null}"#
    );
    let body: <operations::UpdateCommsOperation as msgraph_model::runtime::Operation>::Body =
        patch.into();
    assert_eq!(
        serde_json::to_string(&body).unwrap(),
        r#"{"clientContext":"ctx","resultInfo":null}"#,
        "the declared type is sent untagged"
    );
}

#[test]
fn a_collection_of_comms_operations_is_polymorphic() {
    let text = r##"{"value":[{"@odata.type":"#microsoft.graph.recordOperation","id":"1","recordingLocation":"x"},{"@odata.type":"#microsoft.graph.updateRecordingStatusOperation","id":"2"},{"id":"3","status":"Running"}]}"##;
    let c: runtime::Collection<AnyCommsOperation> = serde_json::from_str(text).unwrap();
    assert!(
        matches!(&c.value[0], AnyCommsOperation::RecordOperation(r) if r.recording_location.as_deref() == Some("x"))
    );
    assert!(matches!(
        &c.value[1],
        AnyCommsOperation::UpdateRecordingStatusOperation(_)
    ));
    assert!(matches!(&c.value[2], AnyCommsOperation::CommsOperation(_)));
    let ids: Vec<_> = c.value.iter().map(|o| o.id().clone()).collect();
    assert_eq!(ids, [Some("1".into()), Some("2".into()), Some("3".into())]);
    assert_eq!(c.value[2].status(), &Some(OperationStatus::Running));
    assert_eq!(
        serde_json::to_value(&c).unwrap(),
        serde_json::from_str::<Value>(text).unwrap()
    );
}

#[test]
fn a_collection_keeps_its_annotations_in_order_and_its_next_link() {
    let text = r##"{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#x","@odata.count":2,"value":[{"id":"1"},{"id":"2","extra":true}],"@odata.nextLink":"https://graph.microsoft.com/v1.0/x?$skiptoken=1","note":"kept"}"##;
    let c: runtime::Collection<AnyCommsOperation> = serde_json::from_str(text).unwrap();
    assert_eq!(c.value.len(), 2);
    assert_eq!(
        c.next_link.as_deref(),
        Some("https://graph.microsoft.com/v1.0/x?$skiptoken=1")
    );
    let kept: Vec<&str> = c.additional_data.keys().map(String::as_str).collect();
    assert_eq!(kept, ["@odata.context", "@odata.count", "note"]);
    // Written back byte for byte: annotations, value, next link, then the rest.
    assert_eq!(serde_json::to_string(&c).unwrap(), text);
}

#[test]
fn a_collection_without_value_is_an_error_and_a_missing_next_link_is_left_out() {
    let err = serde_json::from_str::<runtime::Collection<AnyCommsOperation>>(r#"{"x":1}"#)
        .unwrap_err()
        .to_string();
    assert!(err.contains("missing field `value`"), "{err}");
    let c: runtime::Collection<AnyCommsOperation> =
        serde_json::from_str(r#"{"value":[]}"#).unwrap();
    assert_eq!(serde_json::to_string(&c).unwrap(), r#"{"value":[]}"#);
}

/// `field_index` (the struct's `match` on wire names, which `TABLE` reads keys with) finds every
/// field, exactly as spelled, and tells apart names that are not fields.
fn field_table_matches_fields<T: runtime::Object>() {
    for (i, f) in T::FIELDS.iter().enumerate() {
        assert_eq!(T::field_index(f), Some(i), "{}.{f}", T::NAME);
        assert_eq!(T::TABLE.index(f), Some(i), "{}.{f}", T::NAME);
        assert_eq!(T::field_index(&f.to_uppercase()), None, "{}.{f}", T::NAME);
        assert_eq!(
            T::field_index(&format!("{f}@odata.type")),
            None,
            "{}.{f}",
            T::NAME
        );
    }
    assert_eq!(T::field_index(""), None, "{}", T::NAME);
}

#[test]
fn every_field_is_found_by_its_wire_name() {
    field_table_matches_fields::<CommsOperation>();
    field_table_matches_fields::<Entity>();
    field_table_matches_fields::<Operation>();
    field_table_matches_fields::<RecordOperation>();
    field_table_matches_fields::<ResultInfo>();
    field_table_matches_fields::<UpdateRecordingStatusOperation>();
    field_table_matches_fields::<CallUpdateRecordingStatusRequest>();
}
