//! Unit tests over hand-written impls shaped like generated code (the generated crates test the
//! same paths through real generated types: `generated/tests`).

use serde::de::MapAccess;
use serde::ser::SerializeMap;
use serde_json::{json, Value};

use crate::__private as rt;
use crate::__private::Wire;
use crate::{strictly, AdditionalData, Binary, Collection, Enum, Field, Flags, Guid, Object, Uuid};

#[derive(Clone, Default, PartialEq)]
struct Rec {
    id: Option<String>,
    size: Option<i64>,
    status: Option<Status>,
    score: Option<f64>,
    tags: Option<Vec<Status>>,
    items: Option<Vec<Rec>>,
    additional_data: AdditionalData,
}

impl std::fmt::Debug for Rec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        rt::debug_object(self, f)
    }
}

const REC_FIELDS: &[&str] = &["id", "size", "status", "score", "tags", "items"];

impl rt::HasWire for Rec {
    type Wire = rt::Struct<Rec>;
}

impl rt::HasWire for Status {
    type Wire = rt::Enumerated<Status>;
}

impl Object for Rec {
    const TABLE: rt::Table = rt::Table {
        name: "rec",
        fields: REC_FIELDS,
        index: Self::field_index,
    };
    fn field_index(name: &str) -> Option<usize> {
        match name {
            "id" => Some(0),
            "size" => Some(1),
            "status" => Some(2),
            "score" => Some(3),
            "tags" => Some(4),
            "items" => Some(5),
            _ => None,
        }
    }
    fn read_field<'de, A: MapAccess<'de>>(
        &mut self,
        index: usize,
        map: &mut A,
        kept: &mut rt::Kept,
    ) -> Result<(), A::Error> {
        match index {
            0 => rt::read(map, &mut self.id, kept),
            1 => rt::read(map, &mut self.size, kept),
            2 => rt::read(map, &mut self.status, kept),
            3 => rt::read(map, &mut self.score, kept),
            4 => rt::read(map, &mut self.tags, kept),
            5 => rt::read(map, &mut self.items, kept),
            _ => map.next_value::<serde::de::IgnoredAny>().map(drop),
        }
    }
    fn write_fields<S: SerializeMap>(&self, out: &mut rt::Writer<'_, S>) {
        rt::write(out, 0, "id", &self.id);
        rt::write(out, 1, "size", &self.size);
        rt::write(out, 2, "status", &self.status);
        rt::write(out, 3, "score", &self.score);
        rt::write(out, 4, "tags", &self.tags);
        rt::write(out, 5, "items", &self.items);
    }
    fn additional_data(&self) -> &AdditionalData {
        &self.additional_data
    }
    fn additional_data_mut(&mut self) -> &mut AdditionalData {
        &mut self.additional_data
    }
}

impl serde::Serialize for Rec {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        rt::serialize_object(self, None, serializer)
    }
}

impl<'de> serde::Deserialize<'de> for Rec {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        rt::deserialize_object(deserializer)
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Status {
    Running,
    Done,
    Unrecognized(String),
}

impl Enum for Status {
    const NAME: &'static str = "status";
    const MEMBERS: &'static [&'static str] = &["running", "done"];
    fn from_index(index: usize) -> Option<Self> {
        [Status::Running, Status::Done].get(index).cloned()
    }
    fn unrecognized(value: String) -> Self {
        Status::Unrecognized(value)
    }
    fn wire(&self) -> &str {
        match self {
            Status::Running => "running",
            Status::Done => "done",
            Status::Unrecognized(v) => v,
        }
    }
}

impl serde::Serialize for Status {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.wire())
    }
}

impl<'de> serde::Deserialize<'de> for Status {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        rt::deserialize_enum(deserializer)
    }
}

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(text: &str) -> T {
    let value: T = serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"));
    assert_eq!(serde_json::to_string(&value).unwrap(), text);
    value
}

#[test]
fn field_index_finds_each_field_by_wire_name() {
    for (i, f) in REC_FIELDS.iter().enumerate() {
        assert_eq!(Rec::field_index(f), Some(i));
        assert_eq!(Rec::TABLE.index(f), Some(i));
        assert_eq!(Rec::field(f), Some(Field::at(i)));
    }
    assert_eq!(Rec::field_index("other"), None);
    assert_eq!(Rec::field_index("Status"), None);
}

#[test]
fn object_round_trips_in_place() {
    // Annotations first, fields in order (each after its own annotations, a null in its place),
    // then the rest in arrival order.
    let r: Rec = round_trip(
        r#"{"@odata.etag":"1","id@odata.type":"String","id":"a","size":null,"status":"running","x":[1],"y":{}}"#,
    );
    assert_eq!(r.id.as_deref(), Some("a"));
    assert_eq!(r.status, Some(Status::Running));
    assert!(r.is_null(Field::at(1)));
    assert!(!r.is_null(Field::at(0)));
    assert_eq!(r.additional_data["x"], json!([1]));
    // Out-of-order input is written in declaration order.
    let r: Rec = serde_json::from_str(r#"{"status":"done","id":"b","z":1}"#).unwrap();
    assert_eq!(r.status, Some(Status::Done));
    assert_eq!(
        serde_json::to_string(&r).unwrap(),
        r#"{"id":"b","status":"done","z":1}"#
    );
}

#[test]
fn many_keys_naming_fields_are_written_as_few_are() {
    // The write records up to 16 keys of `additional_data` that name a field and looks the rest
    // up: on either side of that, the annotations go before their field, a kept null in its place,
    // a null for a field set since is dropped, and the rest of the data comes last.
    for n in [1, 14, 15, 40] {
        let notes: String = (0..n).map(|i| format!(r#""id@note.{i}":{i},"#)).collect();
        let text = format!(r#"{{{notes}"id":"a","size":null,"status":null,"x":1}}"#);
        let mut r: Rec = round_trip(&text);
        r.status = Some(Status::Done);
        let expected = format!(r#"{{{notes}"id":"a","size":null,"status":"done","x":1}}"#);
        assert_eq!(
            serde_json::to_string(&r).unwrap(),
            expected,
            "{n} annotations"
        );
    }
}

#[test]
fn set_null_sends_null_until_the_field_is_set() {
    const STATUS: Field<Rec> = Field::at(2);
    let mut r = Rec {
        id: Some("a".into()),
        size: Some(3),
        status: Some(Status::Done),
        ..Default::default()
    };
    // A null for a field that holds a value drops the value: the null is what goes out.
    r.set_null(STATUS);
    r.set_null(SIZE);
    assert_eq!(r.status, None);
    assert_eq!(r.size, None);
    assert!(r.is_null(STATUS));
    assert!(!r.is_null(Field::at(0)), "id is set");
    assert_eq!(
        serde_json::to_string(&r).unwrap(),
        r#"{"id":"a","size":null,"status":null}"#
    );
    // Setting the field afterwards sends the value.
    r.status = Some(Status::Unrecognized("paused".into()));
    assert!(!r.is_null(STATUS));
    assert_eq!(
        serde_json::to_string(&r).unwrap(),
        r#"{"id":"a","size":null,"status":"paused"}"#
    );
}

#[test]
fn fields_are_found_by_wire_name() {
    assert_eq!(Rec::field("status"), Some(Field::at(2)));
    assert_eq!(Rec::field("Status"), None);
    assert_eq!(Rec::field("nope"), None);
    let f = Rec::field("size").unwrap();
    assert_eq!((f.index(), f.wire_name()), (1, "size"));
    assert_eq!(format!("{f:?}"), "Field(rec.size)");
}

const SIZE: Field<Rec> = Field::at(1);
const SCORE: Field<Rec> = Field::at(3);

#[test]
fn numbers_keep_odata_quirks_and_their_spelling() {
    // A number sent as a string (IEEE754Compatible) is read, and goes back as a string.
    let r: Rec = round_trip(r#"{"size":"9007199254740993","score":"0.158"}"#);
    assert_eq!((r.size, r.score), (Some(9007199254740993), Some(0.158)));
    // A whole number in a float property goes back whole; a float stays a float.
    let r: Rec = round_trip(r#"{"score":1}"#);
    assert_eq!(r.score, Some(1.0));
    let _: Rec = round_trip(r#"{"score":1.0}"#);
    let _: Rec = round_trip(r#"{"score":"NaN"}"#);
    // A value the program sets is written in canonical form, and replaces the received one.
    let mut r: Rec = serde_json::from_str(r#"{"score":1,"size":"7"}"#).unwrap();
    r.score = Some(2.0);
    assert_eq!(
        serde_json::to_string(&r).unwrap(),
        r#"{"size":"7","score":2.0}"#
    );
    r.size = Some(8);
    assert_eq!(
        serde_json::to_string(&r).unwrap(),
        r#"{"size":8,"score":2.0}"#
    );
    let floats = match rt::Seq::<rt::Num<f64>>::read(json!(["NaN", "INF", "-INF", 1.5, 2])) {
        Ok(rt::Lenient::Differs(v, received)) => {
            assert_eq!(received, json!(["NaN", "INF", "-INF", 1.5, 2]));
            v
        }
        _ => panic!("numbers in other forms keep their received form"),
    };
    assert!(floats[0].is_nan());
    assert_eq!(&floats[1..], [f64::INFINITY, f64::NEG_INFINITY, 1.5, 2.0]);
    let back = serde_json::to_value(rt::Written::<rt::Seq<rt::Num<f64>>>(&floats)).unwrap();
    assert_eq!(back, json!(["NaN", "INF", "-INF", 1.5, 2.0]));
}

#[test]
fn a_value_that_does_not_fit_is_kept_raw() {
    let text = r#"{"id":1,"size":"x","status":["running"],"score":{"a":1},"tags":["done",3]}"#;
    let r: Rec = round_trip(text);
    assert_eq!(
        (&r.id, r.size, &r.status, r.score, &r.tags),
        (&None, None, &None, None, &None)
    );
    assert_eq!(r.raw(Field::at(0)), Some(&json!(1)));
    assert_eq!(r.raw(SIZE), Some(&json!("x")));
    assert_eq!(r.raw(Field::at(4)), Some(&json!(["done", 3])));
    // Set by the program, the field wins over the raw value.
    let mut r = r;
    r.size = Some(1);
    assert_eq!(r.raw(SIZE), None);
    assert!(serde_json::to_string(&r).unwrap().contains(r#""size":1"#));
    // Nulls are not raw values.
    let r: Rec = round_trip(r#"{"score":null}"#);
    assert_eq!(r.raw(SCORE), None);
    assert!(r.is_null(SCORE));
}

#[test]
fn collections_of_structs_read_each_element_and_keep_what_does_not_fit() {
    let ids = |r: &Rec| {
        r.items
            .as_ref()
            .map(|items| items.iter().map(|i| i.id.clone()).collect::<Vec<_>>())
    };
    // Every element an object: each read whole (its unknown properties and nulls too), in order.
    let r: Rec = round_trip(r#"{"items":[{"id":"a"},{"id":"b","x":1},{"size":null},{}]}"#);
    assert_eq!(
        ids(&r),
        Some(vec![Some("a".into()), Some("b".into()), None, None])
    );
    let items = r.items.as_deref().unwrap_or_default();
    assert_eq!(items[1].additional_data["x"], json!(1));
    assert!(items[2].is_null(SIZE));
    // An element that is not an object, wherever it is: the field is unset and the array is
    // kept as it came.
    for text in [
        r#"{"items":[{"id":"a"},null,{"id":"c"}]}"#,
        r#"{"items":[{"id":"a"},3]}"#,
        r#"{"items":["x",{"id":"a"}]}"#,
        r#"{"items":[[],{"id":"a","size":"big"},{"id":"b"}]}"#,
    ] {
        let r: Rec = round_trip(text);
        assert_eq!(r.items, None, "{text}");
        let raw: Value = serde_json::from_str(text).unwrap();
        assert_eq!(r.raw(Field::at(5)), Some(&raw["items"]), "{text}");
    }
    // A malformed element fails the read, naming the property.
    let err = serde_json::from_str::<Rec>(r#"{"items":[{"id":"a"},{"id":}]}"#).unwrap_err();
    assert!(err.to_string().starts_with("rec.items: "), "{err}");
}

#[test]
fn received_nulls_are_kept_by_field_not_as_map_entries() {
    let r: Rec = round_trip(r#"{"id":null,"size":null,"x":null}"#);
    assert!(r.is_null(Field::at(0)) && r.is_null(SIZE) && !r.is_null(SCORE));
    // Only the unknown property's null is a map entry.
    assert_eq!(r.additional_data.keys().collect::<Vec<_>>(), ["x"]);
    // A struct that received a null is not one that received nothing.
    assert_ne!(r, serde_json::from_str::<Rec>(r#"{"x":null}"#).unwrap());
    // A null set over a value kept raw replaces it: one `size` goes out.
    let mut r: Rec = round_trip(r#"{"size":"x"}"#);
    r.set_null(SIZE);
    assert!(r.is_null(SIZE));
    assert_eq!(serde_json::to_string(&r).unwrap(), r#"{"size":null}"#);
}

#[test]
fn strict_mode_fails_on_a_value_that_does_not_fit_and_names_the_property() {
    let err = strictly(|| serde_json::from_str::<Rec>(r#"{"id":1}"#)).unwrap_err();
    assert!(err.to_string().starts_with("rec.id: "), "{err}");
    let err = strictly(|| serde_json::from_str::<Rec>(r#"{"size":"x"}"#)).unwrap_err();
    assert!(err.to_string().contains("rec.size"), "{err}");
    let err = strictly(|| serde_json::from_str::<Rec>(r#"{"tags":["done",{}]}"#)).unwrap_err();
    assert!(err.to_string().contains("rec.tags"), "{err}");
    let err = strictly(|| serde_json::from_str::<Rec>(r#"{"status":2}"#)).unwrap_err();
    assert!(
        err.to_string().starts_with("rec.status: ") && err.to_string().contains("enum member"),
        "{err}"
    );
    // Strict mode ends with the closure, and what fits reads the same in both.
    assert!(serde_json::from_str::<Rec>(r#"{"id":1}"#).is_ok());
    assert!(strictly(|| serde_json::from_str::<Rec>(r#"{"size":"7","score":1}"#)).is_ok());
}

#[test]
fn enum_members_keep_their_spelling() {
    // A member read whatever its JSON escapes; what is not a string is kept raw.
    let r: Rec = serde_json::from_str(r#"{"status":"\u0064one","tags":["d\u006Fne",1]}"#).unwrap();
    assert_eq!(
        (&r.status, r.raw(Field::at(4))),
        (&Some(Status::Done), Some(&json!(["done", 1])))
    );
    let r: Rec = round_trip(r#"{"status":true}"#);
    assert_eq!(r.raw(Field::at(2)), Some(&json!(true)));
    let r: Rec = round_trip(r#"{"status":"Running","tags":["done","DONE","new"]}"#);
    assert_eq!(r.status, Some(Status::Running));
    assert_eq!(
        r.tags,
        Some(vec![
            Status::Done,
            Status::Done,
            Status::Unrecognized("new".into())
        ])
    );
    let mut r = r;
    r.status = Some(Status::Done);
    assert_eq!(
        serde_json::to_string(&r).unwrap(),
        r#"{"status":"done","tags":["done","DONE","new"]}"#
    );
}

#[test]
fn collections_keep_the_rest() {
    let c: Collection<Rec> = round_trip(
        r#"{"@odata.context":"c","value":[{"id":"a"}],"@odata.nextLink":"n","extra":true}"#,
    );
    assert_eq!(c.next_link.as_deref(), Some("n"));
    assert_eq!(c.additional_data.len(), 2);
    let err = serde_json::from_str::<Collection<Rec>>(r#"{"x":1}"#).unwrap_err();
    assert!(err.to_string().contains("missing field `value`"), "{err}");
}

#[test]
fn enums_and_flags() {
    assert_eq!(rt::enum_from_str::<Status>("RUNNING"), Status::Running);
    assert_eq!(
        rt::enum_from_str::<Status>("new"),
        Status::Unrecognized("new".into())
    );
    let f: Flags<Status> = round_trip(r#""done,running,new""#);
    let mut g: Flags<Status> = round_trip(r#""Running, new,done""#);
    assert_eq!(f, g);
    // Changed, the set is written canonically.
    g.remove(&Status::Unrecognized("new".into()));
    assert_eq!(serde_json::to_string(&g).unwrap(), r#""running,done""#);
    let mut h = Flags::new();
    assert!(h.insert(Status::Done));
    assert!(!h.insert(Status::Done));
    assert!(h.remove(&Status::Done));
    assert!(h.is_empty());
}

#[test]
fn tags_resolve_by_alias_and_case() {
    let types = [
        "microsoft.graph.base",
        "microsoft.graph.derived",
        "other.ns.derived",
    ];
    assert_eq!(rt::resolve_tag(&types, "#microsoft.graph.derived"), 1);
    assert_eq!(rt::resolve_tag(&types, "graph.DERIVED"), 1);
    assert_eq!(rt::resolve_tag(&types, "#ns.derived"), 2);
    assert_eq!(rt::resolve_tag(&types, "#x.derived"), 1);
    assert_eq!(rt::resolve_tag(&types, "#microsoft.graph.unknown"), 0);
}

#[test]
fn fields_downcast() {
    let mut value: Option<String> = Some("a".into());
    let any: &mut dyn std::any::Any = &mut value;
    *rt::field_mut::<Option<String>>(any) = None;
    assert_eq!(rt::field::<Option<String>>(&value), &None);
}

#[test]
fn edm_values_keep_their_text() {
    let g: Guid = round_trip(r#""0000000A-0000-0000-0000-0000000000FF""#);
    assert_eq!(*g.value(), Uuid(0xa_0000_0000_0000_0000_0000_00ff));
    assert_eq!(g, "0000000A-0000-0000-0000-0000000000FF".parse().unwrap());
    assert!("0000000A-0000-0000-0000-0000000000F"
        .parse::<Guid>()
        .is_err());
    for (text, bytes) in [
        ("", &b""[..]),
        ("Zg==", b"f"),
        ("Zm8", b"fo"),
        ("Zm9v", b"foo"),
        ("-_8", &[0xfb, 0xff]),
        ("+/8=", &[0xfb, 0xff]),
    ] {
        let b: Binary = text.parse().unwrap();
        assert_eq!(b.value(), bytes, "{text}");
        assert_eq!(b.as_str(), text);
    }
    assert_eq!(Binary::new(b"fo".to_vec()).as_str(), "Zm8=");
    assert!("Zm9v===".parse::<Binary>().is_err());
    assert!("Z".parse::<Binary>().is_err());
    let err = serde_json::from_value::<Guid>(json!("x")).unwrap_err();
    assert!(err.to_string().contains("Edm.Guid"), "{err}");
    let _: Value = serde_json::to_value(g).unwrap();
}

#[cfg(feature = "jiff")]
#[test]
fn date_times_keep_their_text() {
    use crate::{Date, DateTimeOffset, Duration, TimeOfDay};
    let t: DateTimeOffset = round_trip(r#""2016-12-31T23:57:22.3554145+03:00""#);
    assert_eq!(t.value().offset().seconds(), 3 * 3600);
    let utc: DateTimeOffset = "2016-12-31T23:57:22".parse().unwrap();
    assert_eq!(utc.value().offset(), jiff::tz::Offset::UTC);
    let built = DateTimeOffset::new(t.value().timestamp().to_zoned(jiff::tz::TimeZone::UTC));
    assert_eq!(built.as_str(), "2016-12-31T20:57:22.3554145Z");
    let d: Date = round_trip(r#""2024-02-29""#);
    assert_eq!(d.value().day(), 29);
    // A date sent as a date-time at midnight is that date, and goes back as it came.
    let d: Date = round_trip(r#""2020-02-04T00:00:00.0000000Z""#);
    assert_eq!(d.value().day(), 4);
    assert!("2020-02-04T10:00:00Z".parse::<Date>().is_err());
    let _: TimeOfDay = round_trip(r#""08:30:00.0000000""#);
    let p: Duration = round_trip(r#""P1D""#);
    assert_eq!(p.value().get_days(), 1);
    assert!("1 hour".parse::<Duration>().is_err());
}

#[test]
fn debug_shows_what_would_be_sent() {
    let mut rec: Rec =
        serde_json::from_str(r#"{"size":2,"id":"1","status":"done","extra":{"a":[1]}}"#).unwrap();
    rec.set_null(Rec::field("status").unwrap());
    assert_eq!(
        format!("{rec:?}"),
        r#"Rec { id: "1", size: 2, status: null, extra: {"a":[1]} }"#
    );
    assert_eq!(
        format!("{:#?}", Rec::default()),
        "Rec",
        "nothing set, nothing shown"
    );
    let pretty = format!("{rec:#?}");
    assert!(
        pretty.contains("    extra: {\n        \"a\": ["),
        "{pretty}"
    );
}
