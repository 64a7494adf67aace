//! Property: any payload for a seed type round-trips to an equal JSON value — known fields,
//! explicit nulls, enum members in any letter case and unknown members (both written back as
//! sent), values that do not fit their field's type (kept raw), instance and property
//! annotations, unknown properties with arbitrary values, and (for `AnyCommsOperation`) any
//! `@odata.type` spelling.

use msgraph_model::{AnyCommsOperation, CommsOperation, RecordOperation, ResultInfo};
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Map, Value};

/// A generated input value and what the round trip must give back.
#[derive(Debug, Clone)]
struct Case {
    input: Value,
    expected: Value,
}

fn same(v: Value) -> Case {
    Case {
        input: v.clone(),
        expected: v,
    }
}

/// Any JSON value (small).
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        "[ -~]{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z]{1,5}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A member of an enum in any letter case, or a value the docs do not list (both expected back as
/// sent).
fn enum_value(members: &'static [&'static str]) -> impl Strategy<Value = Case> {
    let known = (0..members.len(), 0..3u8).prop_map(move |(i, case)| {
        let m = members[i];
        let sent = match case {
            0 => m.to_owned(),
            1 => m.to_ascii_uppercase(),
            _ => m.to_ascii_lowercase(),
        };
        same(Value::String(sent))
    });
    let unknown = "[a-zA-Z]{1,10}"
        .prop_filter("not a member", move |s| {
            !members.iter().any(|m| m.eq_ignore_ascii_case(s))
        })
        .prop_map(|s| same(Value::String(s)));
    prop_oneof![3 => known, 1 => unknown]
}

/// A field: absent, an explicit null, a value, or any JSON at all (what does not fit the field's
/// type is kept raw and written back as sent).
fn field(value: BoxedStrategy<Case>) -> impl Strategy<Value = Option<Case>> {
    prop_oneof![
        1 => Just(None),
        1 => Just(Some(same(Value::Null))),
        3 => value.prop_map(Some),
        1 => any_json().prop_map(|v| Some(same(v))),
    ]
}

fn string() -> BoxedStrategy<Case> {
    "[ -~]{0,16}".prop_map(|s| same(Value::String(s))).boxed()
}

fn int32() -> BoxedStrategy<Case> {
    any::<i32>().prop_map(|n| same(Value::from(n))).boxed()
}

/// Builds an object from the fields, then adds annotations and unknown properties.
fn object(
    fields: Vec<(&'static str, BoxedStrategy<Case>)>,
) -> impl Strategy<Value = (Map<String, Value>, Map<String, Value>)> {
    let names: Vec<&'static str> = fields.iter().map(|f| f.0).collect();
    let strategies: Vec<_> = fields.into_iter().map(|(_, s)| field(s)).collect();
    let extras = prop::collection::vec(("[a-z]{1,6}_x", any_json()), 0..4);
    let etag = prop::option::of("[ -~]{0,8}");
    let annotated = prop::option::of(0..names.len().max(1));
    (strategies, extras, etag, annotated).prop_map(move |(values, extras, etag, annotated)| {
        let mut input = Map::new();
        let mut expected = Map::new();
        if let Some(e) = etag {
            input.insert("@odata.etag".into(), json!(e));
            expected.insert("@odata.etag".into(), json!(e));
        }
        for (name, v) in names.iter().zip(values) {
            if let Some(c) = v {
                input.insert((*name).into(), c.input);
                expected.insert((*name).into(), c.expected);
            }
        }
        if let Some(i) = annotated {
            if let Some(name) = names.get(i) {
                let k = format!("{name}@odata.type");
                input.insert(k.clone(), json!("#Edm.String"));
                expected.insert(k, json!("#Edm.String"));
            }
        }
        for (k, v) in extras {
            input.insert(k.clone(), v.clone());
            expected.insert(k, v);
        }
        (input, expected)
    })
}

/// The members as documented (the seed docs capitalize them: `NotStarted`).
const OPERATION_STATUS: &[&str] =
    <msgraph_model::OperationStatus as msgraph_model::runtime::Enum>::MEMBERS;

fn result_info() -> BoxedStrategy<Case> {
    object(vec![
        ("code", int32()),
        ("subcode", int32()),
        ("message", string()),
    ])
    .prop_map(|(i, e)| Case {
        input: Value::Object(i),
        expected: Value::Object(e),
    })
    .boxed()
}

fn comms_fields() -> Vec<(&'static str, BoxedStrategy<Case>)> {
    vec![
        ("id", string()),
        ("status", enum_value(OPERATION_STATUS).boxed()),
        ("clientContext", string()),
        ("resultInfo", result_info()),
    ]
}

fn record_fields() -> Vec<(&'static str, BoxedStrategy<Case>)> {
    let mut f = comms_fields();
    f.push(("recordingLocation", string()));
    f.push(("recordingAccessToken", string()));
    f.push((
        "completionReason",
        enum_value(
            <msgraph_model::RecordOperationCompletionReason as msgraph_model::runtime::Enum>::MEMBERS,
        )
        .boxed(),
    ));
    f
}

fn round_trip<T: DeserializeOwned + Serialize>(input: &Value) -> Value {
    let typed: T = serde_json::from_value(input.clone())
        .unwrap_or_else(|e| panic!("does not deserialize: {e}\n{input:#}"));
    let text = serde_json::to_string(&typed).expect("serializes");
    // Through text too: what a client reads is what it sends.
    let again: T = serde_json::from_str(&text).expect("reads back");
    assert_eq!(serde_json::to_string(&again).unwrap(), text);
    serde_json::from_str(&text).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn result_info_round_trips(c in result_info()) {
        prop_assert_eq!(round_trip::<ResultInfo>(&c.input), c.expected);
    }

    #[test]
    fn record_operation_round_trips((input, expected) in object(record_fields())) {
        prop_assert_eq!(round_trip::<RecordOperation>(&Value::Object(input)), Value::Object(expected));
    }

    #[test]
    fn comms_operation_round_trips((input, expected) in object(comms_fields())) {
        prop_assert_eq!(round_trip::<CommsOperation>(&Value::Object(input)), Value::Object(expected));
    }

    /// Tagged as a record operation (any spelling of the tag): the record fields are known and
    /// normalized; untagged or tagged as the base, they are unknown properties and kept as sent.
    #[test]
    fn any_comms_operation_round_trips(
        (record_in, record_out) in object(record_fields()),
        tag in prop_oneof![
            Just(None),
            Just(Some("#microsoft.graph.recordOperation")),
            Just(Some("#graph.RecordOperation")),
            Just(Some("microsoft.graph.RECORDOPERATION")),
            Just(Some("#microsoft.graph.commsOperation")),
        ],
    ) {
        let record = tag.is_some_and(|t| t.to_ascii_lowercase().contains("recordoperation"));
        let mut input = record_in.clone();
        // As the base type, fields only a record operation has come back exactly as sent.
        let mut expected = if record { record_out } else {
            let mut e = record_out;
            for k in ["recordingLocation", "recordingAccessToken", "completionReason"] {
                if let Some(v) = record_in.get(k) {
                    e.insert(k.into(), v.clone());
                }
            }
            e
        };
        if let Some(t) = tag {
            input.insert("@odata.type".into(), json!(t));
            expected.insert("@odata.type".into(), json!(t));
        }
        let back = round_trip::<AnyCommsOperation>(&Value::Object(input.clone()));
        prop_assert_eq!(&back, &Value::Object(expected));
        let any: AnyCommsOperation = serde_json::from_value(Value::Object(input)).unwrap();
        prop_assert_eq!(matches!(any, AnyCommsOperation::RecordOperation(_)), record);
    }
}
