//! Compiles the emitted-code golden of `generator/tests/fixtures/names` under `#![deny(warnings)]`
//! (keywords, renames, a namespace module, recursion through `Box`, every Edm primitive, a flags
//! enum, a polymorphic hierarchy) and checks the rules of issue 4 on it.

#![deny(warnings)]

#[allow(dead_code)]
mod fixture {
    include!("../../generator/tests/golden/fixture.rs");
}

use fixture::{
    call_records::Session, AnyGadget, Gadget, GadgetChannels, Gizmo, Sprocket, Widget, WidgetKind,
};
use graphdoc_runtime::Object as _;
use serde_json::Value;

fn round_trip_text<T: serde::de::DeserializeOwned + serde::Serialize>(text: &str) -> T {
    let v: T = serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"));
    assert_eq!(
        serde_json::to_string(&v).unwrap(),
        text,
        "not byte-faithful"
    );
    v
}

#[test]
fn fixture_types_round_trip() {
    let json = serde_json::json!({
        "type": "t", "self": "s", "async": true, "3dModel": "AAE=", "kind": "ROUND",
        "session": {"startDateTime": "2021-07-16T10:00:00Z", "widget": {"type": "inner"}, "modalities": ["audio"]},
        "parent": {"type": "p"}, "children": [{"type": "c"}]
    });
    let w: Widget = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(w.r#type.as_deref(), Some("t"));
    assert_eq!(w.self_.as_deref(), Some("s"));
    assert_eq!(w.kind, Some(WidgetKind::Round));
    assert_eq!(
        w.parent.as_ref().and_then(|p| p.r#type.as_deref()),
        Some("p")
    );
    let s: &Session = w.session.as_deref().unwrap();
    assert_eq!(
        s.widget.as_ref().and_then(|w| w.r#type.as_deref()),
        Some("inner")
    );
    // Read in any letter case, written back as it came; a member set in code is canonical.
    assert_eq!(serde_json::to_value(&w).unwrap(), json);
    let mut w = w;
    w.kind = Some(WidgetKind::Square);
    let mut expected = json;
    expected["kind"] = "square".into();
    assert_eq!(serde_json::to_value(&w).unwrap(), expected);
}

#[test]
fn edm_primitives_parse_and_round_trip_byte_for_byte() {
    let text = r#"{"id":"1","created":"2016-12-31T23:57:22.3554145+03:00","day":"2024-02-29","at":"12:30:00.1234567","length":"P1D","guid":"0B6F3C2D-9A1E-4F55-8C3B-2D7E1A0F9C11","blob":"AAE","count":9007199254740993,"price":12.5,"ratio":"NaN","scale":"-INF","ratios":[1.5,"INF"],"content":"aGk="}"#;
    let g: Gadget = round_trip_text(text);
    let created = g.created.as_ref().unwrap();
    assert_eq!(
        created.value().offset().seconds(),
        3 * 3600,
        "the offset is kept"
    );
    assert_eq!(created.value().subsec_nanosecond(), 355_414_500);
    assert_eq!(
        created.value().timestamp().to_string(),
        "2016-12-31T20:57:22.3554145Z"
    );
    assert_eq!(g.day.as_ref().unwrap().value().day(), 29);
    assert_eq!(
        g.at.as_ref().unwrap().value().subsec_nanosecond(),
        123_456_700
    );
    assert_eq!(
        g.length.as_ref().unwrap().value().get_days(),
        1,
        "P1D stays days"
    );
    assert_eq!(g.guid.as_ref().unwrap().value().0 >> 96, 0x0B6F3C2D);
    assert_eq!(g.blob.as_ref().unwrap().value(), &vec![0, 1]);
    assert_eq!(g.count, Some(9_007_199_254_740_993));
    assert!(g.ratio.unwrap().is_nan());
    assert_eq!(g.scale, Some(f32::NEG_INFINITY));
    assert_eq!(g.ratios, Some(vec![1.5, f64::INFINITY]));
    assert_eq!(g.content.as_ref().unwrap().value(), b"hi");

    // Values built in code get canonical text.
    let d: graphdoc_runtime::Duration = "PT1H30M".parse().unwrap();
    assert_eq!(d.value().get_minutes(), 30);
    let built = graphdoc_runtime::Binary::new(vec![0, 1]);
    assert_eq!(built.as_str(), "AAE=");
    let ts: graphdoc_runtime::jiff::Timestamp = "2016-12-31T20:57:22.3554145Z".parse().unwrap();
    let utc = graphdoc_runtime::DateTimeOffset::new(
        ts.to_zoned(graphdoc_runtime::jiff::tz::TimeZone::UTC),
    );
    assert_eq!(utc.as_str(), "2016-12-31T20:57:22.3554145Z");

    // Int64 also comes as a string (IEEE754Compatible=true); it is written back as a number.
    let g: Gadget = serde_json::from_str(r#"{"count":"-42","price":"1.25"}"#).unwrap();
    assert_eq!((g.count, g.price), (Some(-42), Some(1.25)));
}

#[test]
fn a_value_that_does_not_parse_is_kept_raw_or_in_strict_mode_an_error_naming_the_property() {
    for (json, needle) in [
        (r#"{"created":"yesterday"}"#, "gadget.created"),
        (r#"{"day":"2024-02-30"}"#, "gadget.day"),
        (r#"{"length":"1 hour"}"#, "gadget.length"),
        (r#"{"guid":"not-a-guid"}"#, "gadget.guid"),
        (r#"{"blob":"***"}"#, "gadget.blob"),
        (r#"{"ratio":"lots"}"#, "gadget.ratio"),
        (
            r##"{"parts":[{"@odata.type":"#microsoft.graph.gizmo","teeth":"x"}]}"##,
            "gizmo.teeth",
        ),
    ] {
        let lenient: Gadget = serde_json::from_str(json).unwrap();
        assert_eq!(serde_json::to_string(&lenient).unwrap(), json);
        let err = graphdoc_runtime::strictly(|| serde_json::from_str::<Gadget>(json))
            .unwrap_err()
            .to_string();
        assert!(err.contains(needle), "{json}: {err}");
    }
}

#[test]
fn polymorphic_values_follow_odata_type() {
    let text = r##"{"parts":[{"@odata.type":"#microsoft.graph.gizmo","teeth":3},{"@odata.type":"graph.sprocket","id":"s","size":2},{"id":"plain"},{"@odata.type":"#microsoft.graph.unknownThing","id":"u"},{"id":"late","@odata.type":"#Microsoft.Graph.GIZMO","teeth":1}],"main":{"@odata.type":"#microsoft.graph.sprocket","size":1}}"##;
    let g: Gadget = serde_json::from_str(text).unwrap();
    let parts = g.parts.as_ref().unwrap();
    let kinds: Vec<&str> = parts.iter().map(AnyGadget::odata_type).collect();
    assert_eq!(
        kinds,
        [
            "microsoft.graph.gizmo",
            "microsoft.graph.sprocket",
            "microsoft.graph.gadget",
            "microsoft.graph.gadget",
            "microsoft.graph.gizmo"
        ]
    );
    assert!(matches!(&parts[0], AnyGadget::Gizmo(z) if z.teeth == Some(3)));
    // Shared fields without matching: the enum derefs to the base's trait.
    assert_eq!(parts[1].id().as_deref(), Some("s"));
    assert_eq!(parts[3].id().as_deref(), Some("u"));
    // The unknown tag is kept; everything is written back as it came (the late tag goes first,
    // as OData requires).
    let back: Value = serde_json::to_value(&g).unwrap();
    assert_eq!(back, serde_json::from_str::<Value>(text).unwrap());
    assert_eq!(
        serde_json::to_string(&parts[..4]).unwrap(),
        r##"[{"@odata.type":"#microsoft.graph.gizmo","teeth":3},{"@odata.type":"graph.sprocket","id":"s","size":2},{"id":"plain"},{"@odata.type":"#microsoft.graph.unknownThing","id":"u"}]"##
    );

    // Upcasting, and the tag written for a value built in code.
    let mut any: AnyGadget = Sprocket {
        id: Some("n".into()),
        size: Some(4),
        ..Default::default()
    }
    .into();
    *any.ratio_mut() = Some(0.5);
    assert_eq!(
        serde_json::to_string(&any).unwrap(),
        r##"{"@odata.type":"#microsoft.graph.sprocket","id":"n","ratio":0.5,"size":4}"##
    );
    let base: AnyGadget = Gadget::default().into();
    assert_eq!(serde_json::to_string(&base).unwrap(), "{}");
    // Every descendant implements the base's trait.
    fn id_of(g: &dyn fixture::GadgetFields) -> Option<&String> {
        g.id().as_ref()
    }
    let z = Gizmo {
        id: Some("z".into()),
        ..Default::default()
    };
    assert_eq!(id_of(&z).map(String::as_str), Some("z"));
}

#[test]
fn annotations_and_unknown_properties_keep_their_place() {
    round_trip_text::<Gadget>(
        r##"{"@odata.type":"#microsoft.graph.gadget","@odata.etag":"W/\"1\"","id":"1","ratio@odata.type":"#Double","ratio":1.5,"zeta":{"deep":[1,null]},"alpha@odata.type":"#Int64","alpha":1}"##,
    );
    // A kept null stays where its field is.
    round_trip_text::<Gadget>(r#"{"id":"1","created":null,"count":3,"extra":null}"#);
}

#[test]
fn flags_enums_are_sets_of_members() {
    let g: Gadget = serde_json::from_str(r#"{"channels":"email,PUSH, fax"}"#).unwrap();
    let ch = g.channels.as_ref().unwrap();
    assert!(ch.contains(&GadgetChannels::Email) && ch.contains(&GadgetChannels::Push));
    assert!(!ch.contains(&GadgetChannels::Sms));
    assert!(ch.contains(&GadgetChannels::Unrecognized("fax".into())));
    assert_eq!(ch.len(), 3);
    // Written back as it came until it changes; then canonically.
    assert_eq!(
        serde_json::to_string(&g).unwrap(),
        r#"{"channels":"email,PUSH, fax"}"#
    );
    let mut g = g;
    g.channels.as_mut().unwrap().insert(GadgetChannels::Sms);
    assert_eq!(
        serde_json::to_string(&g).unwrap(),
        r#"{"channels":"email,push,fax,sms"}"#
    );
    let set: graphdoc_runtime::Flags<GadgetChannels> = [GadgetChannels::Sms, GadgetChannels::Email]
        .into_iter()
        .collect();
    let other: graphdoc_runtime::Flags<GadgetChannels> =
        [GadgetChannels::Email, GadgetChannels::Sms]
            .into_iter()
            .collect();
    assert_eq!(set, other, "equality ignores order");
    assert!(!GadgetChannels::UnknownFutureValue.is_known());
    assert!(!GadgetChannels::Unrecognized("x".into()).is_known());
    assert!(GadgetChannels::Sms.is_known());
    let empty: Gadget = serde_json::from_str(r#"{"channels":""}"#).unwrap();
    assert!(empty.channels.unwrap().is_empty());
}

#[test]
fn explicit_null_api() {
    let mut g = Gadget {
        id: Some("1".into()),
        ..Default::default()
    };
    g.set_null(Gadget::CREATED);
    assert!(g.is_null(Gadget::CREATED));
    assert_eq!(Gadget::field("noSuchField"), None);
    assert_eq!(Gadget::field("created"), Some(Gadget::CREATED));
    assert_eq!(
        serde_json::to_string(&g).unwrap(),
        r#"{"id":"1","created":null}"#
    );
    // A null for a field that holds a value replaces the value.
    g.count = Some(1);
    g.set_null(Gadget::COUNT);
    assert_eq!(g.count, None);
    assert!(g.is_null(Gadget::COUNT));
    assert_eq!(
        serde_json::to_string(&g).unwrap(),
        r#"{"id":"1","created":null,"count":null}"#
    );
    // Setting the field again wins over the kept null.
    g.count = Some(2);
    assert!(!g.is_null(Gadget::COUNT));
    assert_eq!(
        serde_json::to_string(&g).unwrap(),
        r#"{"id":"1","created":null,"count":2}"#
    );
}
