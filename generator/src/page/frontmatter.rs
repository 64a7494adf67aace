//! YAML front matter (`---` ... `---` at the top of a page).

use crate::diag::Code;
use std::collections::BTreeMap;

use crate::diag::{Diagnostics, Origin};

/// The front matter keys graphdoc reads; the others are kept as strings.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub description: Option<String>,
    pub doc_type: Option<String>,
    pub ms_prod: Option<String>,
    pub other: BTreeMap<String, String>,
}

pub(super) fn parse_front_matter(
    yaml: &str,
    origin: Origin,
    diags: &mut Diagnostics,
) -> FrontMatter {
    let map: BTreeMap<String, serde_yaml::Value> = match serde_yaml::from_str(yaml) {
        Ok(m) => m,
        Err(e) => {
            diags.warning(
                Code::MalformedFrontMatter,
                Some(origin),
                format!("front matter is not valid YAML ({e}); ignored"),
            );
            return FrontMatter::default();
        }
    };
    let mut fm = FrontMatter::default();
    for (k, v) in map {
        let value = match v {
            serde_yaml::Value::String(s) => s,
            serde_yaml::Value::Number(n) => n.to_string(),
            serde_yaml::Value::Bool(b) => b.to_string(),
            _ => continue,
        };
        let value = value.trim().to_owned();
        match k.as_str() {
            "title" => fm.title = Some(value),
            "description" => fm.description = Some(value),
            "doc_type" => fm.doc_type = Some(value),
            "ms.prod" => fm.ms_prod = Some(value),
            _ => {
                fm.other.insert(k, value);
            }
        }
    }
    fm
}
