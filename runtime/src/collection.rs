//! Collection responses.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value};

/// A collection response: `{ "value": [...], "@odata.nextLink": ... }`; everything else
/// (`@odata.context`, `@odata.count`, ...) is kept in `additional_data` in arrival order.
///
/// It is read without `#[serde(flatten)]` (which would buffer the whole response) and written
/// with the instance annotations first.
///
/// ```
/// use graphdoc_runtime::Collection;
///
/// let text = r#"{"@odata.context":"x","value":[1,2],"@odata.nextLink":"https://next"}"#;
/// let page: Collection<u32> = serde_json::from_str(text)?;
/// assert_eq!(page.value, [1, 2]);
/// assert_eq!(page.next_link.as_deref(), Some("https://next"));
/// assert_eq!(page.additional_data["@odata.context"], "x");
/// assert_eq!(serde_json::to_string(&page)?, text);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Collection<T> {
    /// The items of this page.
    pub value: Vec<T>,
    /// `@odata.nextLink`: the URL of the next page, when there is one.
    pub next_link: Option<String>,
    /// Everything else (`@odata.context`, `@odata.count`, ...), in arrival order.
    pub additional_data: Map<String, Value>,
}

const NEXT_LINK: &str = "@odata.nextLink";

/// Serializes the instance annotations first (OData's control information), then `value` and
/// `@odata.nextLink`, then any other data.
impl<T: Serialize> Serialize for Collection<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        let annotation = |k: &String| k.starts_with('@');
        for (k, v) in self.additional_data.iter().filter(|(k, _)| annotation(k)) {
            map.serialize_entry(k, v)?;
        }
        map.serialize_entry("value", &self.value)?;
        if let Some(link) = &self.next_link {
            map.serialize_entry(NEXT_LINK, link)?;
        }
        for (k, v) in self.additional_data.iter().filter(|(k, _)| !annotation(k)) {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Collection<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(CollectionVisitor(PhantomData))
    }
}

struct CollectionVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for CollectionVisitor<T> {
    type Value = Collection<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a collection (an object with `value`)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Collection<T>, A::Error> {
        let mut value = None;
        let mut next_link = None;
        let mut additional_data = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "value" => value = Some(map.next_value()?),
                NEXT_LINK => next_link = map.next_value()?,
                _ => {
                    additional_data.insert(key, map.next_value()?);
                }
            }
        }
        Ok(Collection {
            value: value.ok_or_else(|| de::Error::missing_field("value"))?,
            next_link,
            additional_data,
        })
    }
}
