//! The JSON representation of a resource page (the `blockType: resource` block) against its
//! property tables: properties only in the JSON are added with a type read from the JSON value
//! (lowering keeps them, with a `json-only-property` warning, unless a base declares them), and
//! table rows missing from a complete representation are noted.

use crate::diag::Code;
use serde_json::Value;

use crate::diag::Diagnostics;
use crate::ir::facts::{FramePair, PropFact};
use crate::page::{Page, Primitive, TypeName, TypeRef};

/// The type a representation value stands for. Representations write types as values
/// (`"String"`, `"String (timestamp)"`, `{"@odata.type": "microsoft.graph.x"}`, `["String"]`),
/// sometimes examples (`true`, `1024`, `"2017-01-01T00:00:00Z"`).
fn value_type(v: &Value) -> TypeRef {
    let prim = |p| TypeRef {
        name: TypeName::Primitive(p),
        collection: false,
    };
    match v {
        Value::Bool(_) => prim(Primitive::Boolean),
        Value::Number(n) if n.as_i64().is_some_and(|i| i32::try_from(i).is_ok()) => {
            prim(Primitive::Int32)
        }
        Value::Number(n) if n.is_i64() || n.is_u64() => prim(Primitive::Int64),
        Value::Number(_) => prim(Primitive::Double),
        Value::String(s) => {
            let word = s
                .split(|c: char| c.is_whitespace() || c == '(')
                .next()
                .unwrap_or("");
            // `"String (timestamp)"`, `"String (ISO 8601 duration)"`: the last word of the note
            // that names a primitive refines a string.
            let noted = s
                .split_once('(')
                .and_then(|(_, note)| {
                    note.split(|c: char| !c.is_ascii_alphanumeric())
                        .rev()
                        .find_map(Primitive::from_name)
                })
                .filter(|p| !matches!(p, Primitive::Int32 | Primitive::String));
            match (Primitive::from_name(word), noted) {
                (Some(Primitive::String) | None, Some(p)) => prim(p),
                (Some(p), _) => prim(p),
                (None, None) => prim(Primitive::String),
            }
        }
        Value::Object(m) => match m.get("@odata.type").and_then(Value::as_str) {
            Some(t) => TypeRef {
                name: TypeName::Named(t.trim_start_matches('#').to_owned()),
                collection: false,
            },
            None => prim(Primitive::Untyped),
        },
        Value::Array(items) => TypeRef {
            collection: true,
            ..items.first().map_or(prim(Primitive::Untyped), value_type)
        },
        Value::Null => prim(Primitive::Untyped),
    }
}

/// Names the table rows whose name cell is not an identifier (a translated name) after the JSON
/// representation's keys, by position: between two rows the JSON also names (or the table's
/// ends), the unnamed rows take the keys no row names, in order (or in the order their types
/// agree with), when there are as many of each. Where there are more keys (the representation
/// lists inherited properties too), rows take the keys their transliterated names spell, and
/// position places the rest.
fn name_unnamed_rows(props: &mut [PropFact], map: &serde_json::Map<String, Value>) {
    for spell in [true, false] {
        if !props.iter().any(|p| p.unnamed) {
            return;
        }
        name_runs(props, map, spell);
    }
}

/// One pass of [`name_unnamed_rows`] over the runs of unnamed rows; `spell` lets a run with more
/// free keys than rows be named by spelling.
fn name_runs(props: &mut [PropFact], map: &serde_json::Map<String, Value>, spell: bool) {
    let keys: Vec<&String> = map.keys().collect();
    let key_at = |name: &str| keys.iter().position(|k| k.eq_ignore_ascii_case(name));
    let named: std::collections::BTreeSet<usize> = props
        .iter()
        .filter(|p| !p.unnamed)
        .filter_map(|p| key_at(&p.name))
        .collect();
    // Runs of unnamed rows, each with the JSON positions of the named rows around it.
    let mut i = 0;
    while i < props.len() {
        if !props[i].unnamed {
            i += 1;
            continue;
        }
        let start = i;
        while i < props.len() && props[i].unnamed {
            i += 1;
        }
        let before = props[..start]
            .iter()
            .rev()
            .find_map(|p| (!p.unnamed).then(|| key_at(&p.name)).flatten());
        let after = props[i..]
            .iter()
            .find_map(|p| (!p.unnamed).then(|| key_at(&p.name)).flatten());
        let lo = before.map_or(0, |b| b + 1);
        let hi = after.unwrap_or(keys.len());
        if lo > hi {
            continue;
        }
        let free: Vec<&String> = (lo..hi)
            .filter(|k| !named.contains(k))
            .map(|k| keys[k])
            .collect();
        if free.len() == i - start {
            let values: Vec<&Value> = free.iter().map(|k| &map[k.as_str()]).collect();
            let order = agreeing_order(&props[start..i], &values);
            for (p, k) in props[start..i].iter_mut().zip(order) {
                take_key(p, free[k]);
            }
        } else if spell {
            spelled_keys(&mut props[start..i], &free);
        }
    }
}

/// Names an unnamed row after a JSON key. A Type cell that repeats the row's translated name
/// (`| тон | тон |` for `| tone | tone |`) names the type the row is named after: a translation
/// translates the same word the same way.
fn take_key(p: &mut PropFact, key: &str) {
    if p.type_ref.is_none() && p.type_frame.as_deref() == Some(p.name.to_lowercase().trim()) {
        p.type_ref = Some(TypeRef {
            name: TypeName::Named(key.to_owned()),
            collection: false,
        });
        p.type_frame = None;
    }
    key.clone_into(&mut p.name);
    p.unnamed = false;
}

/// Names the rows of a run whose keys position alone cannot place (the representation also lists
/// inherited properties) by spelling: a name a translation transliterated (`аверажеинбаундбитрате`)
/// reads back close to its key (`averageInboundBitRate`). The closest pairs are taken first; a row
/// takes a key when its transliteration is close to it and clearly closer than to any key still
/// free.
fn spelled_keys(rows: &mut [PropFact], free: &[&String]) {
    use super::names::{spelling_closeness, SPELLS, SPELLS_MARGIN};
    // score[r][k]: how closely row r's transliterated name spells key k.
    let score: Vec<Vec<f64>> = rows
        .iter()
        .map(|row| {
            free.iter()
                .map(|key| spelling_closeness(&row.name, key))
                .collect()
        })
        .collect();
    let mut pairs: Vec<(usize, usize)> = (0..rows.len())
        .flat_map(|r| (0..free.len()).map(move |k| (r, k)))
        .filter(|&(r, k)| score[r][k] >= SPELLS)
        .collect();
    pairs.sort_by(|a, b| score[b.0][b.1].total_cmp(&score[a.0][a.1]).then(a.cmp(b)));
    let mut key_taken = vec![false; free.len()];
    for (r, k) in pairs {
        if !rows[r].unnamed || key_taken[k] {
            continue;
        }
        let runner_up = (0..free.len())
            .filter(|&o| o != k && !key_taken[o])
            .map(|o| score[r][o])
            .fold(0.0, f64::max);
        if score[r][k] - runner_up >= SPELLS_MARGIN {
            key_taken[k] = true;
            take_key(&mut rows[r], free[k]);
        }
    }
}

/// Whether a row's Type cell and a JSON value disagree on what kind of type a property has: a
/// named type beside a number or a boolean, a primitive beside an object of an `@odata.type`, or
/// two different type names.
fn disagrees(row: &PropFact, value: &Value) -> bool {
    let Some(parsed) = &row.type_ref else {
        return false;
    };
    let json = value_type(value);
    match (&parsed.name, &json.name) {
        (TypeName::Named(a), TypeName::Named(b)) => {
            let last = |n: &str| n.rsplit('.').next().unwrap_or(n).to_ascii_lowercase();
            last(a) != last(b)
        }
        (TypeName::Primitive(_), TypeName::Named(_)) => true,
        // An enum's value is a string; a number or a boolean is no named type's.
        (TypeName::Named(_), TypeName::Primitive(p)) => {
            *p != Primitive::Untyped && !value.is_string()
        }
        _ => false,
    }
}

/// The order in which a run of unnamed rows takes the free JSON keys (`values[order[i]]` for row
/// `i`): by position, unless a row's Type cell disagrees with its value; then the first order
/// (of at most six rows) in which none does.
fn agreeing_order(rows: &[PropFact], values: &[&Value]) -> Vec<usize> {
    let positional: Vec<usize> = (0..rows.len()).collect();
    let fits = |order: &[usize]| {
        order
            .iter()
            .enumerate()
            .all(|(r, &v)| !disagrees(&rows[r], values[v]))
    };
    if fits(&positional) || rows.len() > 6 {
        return positional;
    }
    fn permute(n: usize, order: &mut Vec<usize>, found: &mut dyn FnMut(&[usize]) -> bool) -> bool {
        if order.len() == n {
            return found(order);
        }
        for v in 0..n {
            if !order.contains(&v) {
                order.push(v);
                if permute(n, order, found) {
                    return true;
                }
                order.pop();
            }
        }
        false
    }
    let mut order = Vec::new();
    if permute(rows.len(), &mut order, &mut |o| fits(o)) {
        order
    } else {
        positional
    }
}

/// The page's JSON representation: the object in its `blockType: resource` block.
fn representation(
    page: &Page,
) -> Option<(&crate::page::CodeBlock, serde_json::Map<String, Value>)> {
    let block = page.code_blocks.iter().find(|b| {
        b.annotation.as_ref().and_then(|a| a.block_type.as_deref()) == Some("resource")
    })?;
    match serde_json::from_str::<Value>(block.text.trim()) {
        Ok(Value::Object(map)) => Some((block, map)),
        _ => None,
    }
}

/// The keys of the page's JSON representation, if it has one.
pub(crate) fn keys(page: &Page) -> Option<Vec<String>> {
    representation(page).map(|(_, map)| map.keys().cloned().collect())
}

/// Merges the page's JSON representation into `props` (the table rows). Returns each table row's
/// Type-cell frame beside the type its JSON value gives, for the vocabulary.
pub(crate) fn merge(
    page: &Page,
    props: &mut Vec<PropFact>,
    diags: &mut Diagnostics,
) -> Vec<FramePair> {
    let Some((block, map)) = representation(page) else {
        return Vec::new();
    };
    name_unnamed_rows(props, &map);
    let pairs = props
        .iter()
        .filter_map(|p| {
            let frame = p.type_frame.clone()?;
            let value = map.iter().find(|(k, _)| k.eq_ignore_ascii_case(&p.name))?.1;
            // A number is an example value, not a type: `1024` says nothing of Int32 or Int64.
            if value.is_number()
                || value
                    .as_array()
                    .and_then(|a| a.first())
                    .is_some_and(Value::is_number)
            {
                return None;
            }
            Some(FramePair {
                frame,
                json: value_type(value),
                parsed: p.type_ref.clone(),
            })
        })
        .collect();
    let truncated = block.annotation.as_ref().is_some_and(|a| a.truncated);
    for (key, value) in &map {
        if !super::names::is_name(key) || props.iter().any(|p| p.name.eq_ignore_ascii_case(key)) {
            continue;
        }
        props.push(PropFact::typed(
            key.clone(),
            value_type(value),
            true,
            block.origin.of_key(&block.text, key),
        ));
    }
    if truncated {
        return pairs;
    }
    for p in props
        .iter()
        .filter(|p| !p.navigation && p.inherited_from.is_none() && !p.from_representation)
    {
        if !map.keys().any(|k| k.eq_ignore_ascii_case(&p.name)) {
            diags.note(
                Code::TableOnlyProperty,
                Some(p.origin.clone()),
                format!(
                    "`{}` is in the property table but not in the JSON representation",
                    p.name
                ),
            );
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn representation_values_name_types() {
        let t = |j: &str| value_type(&serde_json::from_str(j).unwrap());
        let p = |p| TypeRef {
            name: TypeName::Primitive(p),
            collection: false,
        };
        assert_eq!(t("\"String\""), p(Primitive::String));
        assert_eq!(t("\"String (timestamp)\""), p(Primitive::DateTimeOffset));
        assert_eq!(t("\"Int32\""), p(Primitive::Int32));
        assert_eq!(t("\"String (ISO 8601 duration)\""), p(Primitive::Duration));
        assert_eq!(t("\"String (identifier)\""), p(Primitive::String));
        assert_eq!(t("\"anything else\""), p(Primitive::String));
        assert_eq!(t("true"), p(Primitive::Boolean));
        assert_eq!(
            t("[\"String\"]"),
            TypeRef {
                collection: true,
                ..p(Primitive::String)
            }
        );
        assert_eq!(
            t("{\"@odata.type\": \"microsoft.graph.identitySet\"}"),
            TypeRef {
                name: TypeName::Named("microsoft.graph.identitySet".into()),
                collection: false
            }
        );
    }

    #[test]
    fn json_only_properties_are_merged_and_table_only_ones_noted() {
        let text = "---\ndoc_type: resourcePageType\n---\n# thing resource type\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| a | String | |\n| b | String | |\n\n## JSON representation\n\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.thing\" } -->\n```json\n{\n  \"a\": \"String\",\n  \"extra\": [\"Int32\"]\n}\n```\n";
        let (page, _) = crate::page::parse_page("thing.md", text);
        let mut diags = Diagnostics::default();
        let mut props = Vec::new();
        for t in &page.tables {
            for r in t.param_rows() {
                props.push(PropFact {
                    name: r.name,
                    type_ref: r.type_ref,
                    type_frame: None,
                    type_name_in_cell: None,
                    learned_fallback: None,
                    description_links: Vec::new(),
                    unnamed: false,
                    type_stem: None,
                    navigation: false,
                    read_only: false,
                    description: None,
                    possible_values: vec![],
                    labeled_values: None,
                    inherited_from: None,
                    from_representation: false,
                    origin: r.origin,
                });
            }
        }
        merge(&page, &mut props, &mut diags);
        let names: Vec<&str> = props.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["a", "b", "extra"]);
        assert!(props[2].from_representation);
        assert!(props[2]
            .type_ref
            .as_ref()
            .is_some_and(|t| t.collection && t.name == TypeName::Primitive(Primitive::Int32)));
        let d: Vec<String> = diags
            .into_sorted()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            d,
            ["thing.md:11:1: note[table-only-property]: `b` is in the property table but not in the JSON representation"]
        );
    }
}
