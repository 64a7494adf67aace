//! Annotation comments: `<!-- { "blockType": ..., "@odata.type": ..., ... } -->`, the docs' own
//! machine-readable markers (the format Microsoft's doc validator reads).

use crate::diag::Code;
use serde_json::Value;

use crate::diag::{Diagnostics, Origin};

/// The fields of an annotation graphdoc uses; the rest stays in `raw`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Annotation {
    pub block_type: Option<String>,
    pub odata_type: Option<String>,
    pub base_type: Option<String>,
    pub name: Option<String>,
    pub truncated: bool,
    pub is_collection: bool,
    pub key_property: Option<String>,
    pub open_type: bool,
    pub raw: Value,
    pub origin: Origin,
}

/// Reads an HTML comment. Returns `None` for comments that are not annotations (no `{`), and
/// reports a diagnostic for ones that look like annotations but are not valid JSON.
pub(super) fn parse_annotation(
    comment: &str,
    origin: Origin,
    diags: &mut Diagnostics,
) -> Option<Annotation> {
    let inner = comment.trim().strip_prefix("<!--")?.trim_end();
    let inner = inner.strip_suffix("-->").unwrap_or(inner).trim();
    if !inner.starts_with('{') {
        return None;
    }
    let raw: Value = match serde_json::from_str(inner) {
        Ok(v) => v,
        Err(e) => {
            diags.warning(
                Code::MalformedAnnotation,
                Some(origin),
                format!("annotation comment is not valid JSON ({e}); ignored"),
            );
            return None;
        }
    };
    let str_field = |k: &str| {
        raw.get(k)
            .and_then(Value::as_str)
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
    };
    let bool_field = |k: &str| {
        raw.get(k)
            .is_some_and(|v| v.as_bool() == Some(true) || v.as_str() == Some("true"))
    };
    // `"@odata.type": "Collection(microsoft.graph.x)"` is a collection of x.
    let odata = str_field("@odata.type");
    let (odata_type, odata_collection) = match odata
        .as_deref()
        .and_then(|t| t.strip_prefix("Collection("))
        .and_then(|t| t.strip_suffix(')'))
    {
        Some(inner) => (Some(inner.trim().to_owned()), true),
        None => (odata, false),
    };
    Some(Annotation {
        block_type: str_field("blockType"),
        odata_type,
        base_type: str_field("baseType"),
        name: str_field("name"),
        truncated: bool_field("truncated"),
        is_collection: bool_field("isCollection") || odata_collection,
        key_property: str_field("keyProperty"),
        open_type: bool_field("openType"),
        raw,
        origin,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_fields_and_rejects_bad_json() {
        let mut d = Diagnostics::default();
        let a = parse_annotation("<!-- {\n \"blockType\": \"response\", \"truncated\": true, \"@odata.type\": \"microsoft.graph.x\"\n} -->", Origin::default(), &mut d).unwrap();
        assert_eq!(a.block_type.as_deref(), Some("response"));
        assert_eq!(a.odata_type.as_deref(), Some("microsoft.graph.x"));
        assert!(a.truncated);
        assert!(parse_annotation("<!-- uuid: 1 -->", Origin::default(), &mut d).is_none());
        assert!(d.is_empty());
        assert!(parse_annotation(
            "<!-- { \"blockType\": } -->",
            Origin::new("p.md", 3, 1),
            &mut d
        )
        .is_none());
        let diags = d.into_sorted();
        assert_eq!(diags[0].kind, "malformed-annotation");
        assert_eq!(diags[0].origin, Some(Origin::new("p.md", 3, 1)));
    }
}
