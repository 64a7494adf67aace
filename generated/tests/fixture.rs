//! Compiles the emitted-code golden of `generator/tests/fixtures/names` under `#![deny(warnings)]`
//! (keywords, renames, a namespace module, recursion through `Box`) and round-trips a value.

#![deny(warnings)]

#[allow(dead_code)]
mod fixture {
    include!("../../generator/tests/golden/fixture.rs");
}

use fixture::{call_records::Session, Widget, WidgetKind};

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
    let mut expected = json;
    expected["kind"] = "round".into();
    assert_eq!(serde_json::to_value(&w).unwrap(), expected);
}
