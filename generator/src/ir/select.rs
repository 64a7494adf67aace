//! Type selection: the closure of a set of types — their base chains, the types their structural
//! properties use (navigation properties too, when asked), and the types derived from them (a value of a selected type may arrive as any derived
//! type) — and the operations bound to that closure. Types pulled in only as a base do not pull in
//! their other derived types, or selecting anything would select every entity.

use crate::diag::Code;
use std::collections::BTreeSet;

use crate::diag::Diagnostics;
use crate::ir::{Schema, SchemaIndex, TypeDef};

fn key(s: &str) -> String {
    s.to_ascii_lowercase()
}

/// Keeps the selected types (qualified names, any case) and everything they need. Navigation
/// properties (relationships, which reach nearly every entity) are followed only `with_navigation`;
/// otherwise a navigation property to a type left out is typed as untyped JSON, so its value is
/// still read and written back. An unknown name is an error that suggests the qualified names it
/// may mean.
pub fn select(
    schema: &Schema,
    wanted: &[String],
    with_navigation: bool,
    diags: &mut Diagnostics,
) -> Schema {
    let mut full: BTreeSet<String> = BTreeSet::new();
    for w in wanted {
        match schema.get(w) {
            Some(t) => {
                full.insert(key(&t.qualified_name()));
            }
            None => {
                let candidates = suggestions(schema, w);
                let hint = match candidates.as_slice() {
                    [] => " (select by qualified name, e.g. `microsoft.graph.user`)".to_owned(),
                    [one] => format!("; did you mean `{one}`?"),
                    many => format!(
                        "; did you mean one of {}?",
                        many.iter()
                            .map(|c| format!("`{c}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                diags.error(
                    Code::Select,
                    None,
                    format!("selected type `{w}` is not in the schema{hint}"),
                )
            }
        }
    }
    let index = SchemaIndex::new(schema);
    let uses = |t: &TypeDef| {
        t.properties
            .iter()
            .filter(|p| with_navigation || !p.navigation)
            .filter_map(|p| p.ty.element.named().map(key))
            .collect::<Vec<_>>()
    };
    let mut bases: BTreeSet<String> = BTreeSet::new();
    loop {
        let before = (full.len(), bases.len());
        for k in full.clone() {
            let Some(t) = index.get(&k) else { continue };
            full.extend(uses(t));
            bases.extend(index.ancestors(t).iter().map(|b| key(&b.qualified_name())));
            full.extend(index.children(t).iter().map(|d| key(&d.qualified_name())));
        }
        for k in bases.clone() {
            if let Some(t) = index.get(&k) {
                full.extend(uses(t));
            }
        }
        for op in &schema.operations {
            if op
                .bound_type
                .as_ref()
                .is_some_and(|b| full.contains(&key(b)))
            {
                full.extend(
                    op.parameters
                        .iter()
                        .filter(|p| with_navigation || !p.navigation)
                        .filter_map(|p| p.ty.element.named().map(key)),
                );
                full.extend(
                    op.request_body
                        .iter()
                        .chain(&op.response)
                        .map(|t| key(t.element.qualified())),
                );
            }
        }
        if (full.len(), bases.len()) == before {
            break;
        }
    }
    let keep = |t: &TypeDef| {
        let k = key(&t.qualified_name());
        full.contains(&k) || bases.contains(&k)
    };
    let types: Vec<TypeDef> = schema.types.iter().filter(|t| keep(t)).cloned().collect();
    let operations = schema
        .operations
        .iter()
        .filter(|o| {
            o.bound_type
                .as_ref()
                .is_some_and(|b| full.contains(&key(b)))
        })
        .cloned()
        .collect();
    Schema { types, operations }
}

/// The qualified names an unknown selection may mean: the types whose name without namespace is
/// the given name (or its name without namespace), any case; failing that, the names a couple of
/// typos away. At most five, closest first.
pub(crate) fn suggestions(schema: &Schema, wanted: &str) -> Vec<String> {
    let wanted = key(wanted);
    let bare = wanted.rsplit('.').next().unwrap_or(&wanted).to_owned();
    let names: Vec<String> = schema.types.iter().map(|t| t.qualified_name()).collect();
    let bare_of = |q: &str| key(q.rsplit('.').next().unwrap_or(q));
    let mut exact: Vec<String> = names
        .iter()
        .filter(|q| bare_of(q) == bare)
        .cloned()
        .collect();
    if !exact.is_empty() {
        exact.sort();
        exact.truncate(5);
        return exact;
    }
    let limit = (bare.chars().count() / 4).clamp(1, 3);
    let mut near: Vec<(usize, String)> = names
        .iter()
        .filter_map(|q| {
            let d = distance(&bare_of(q), &bare).min(distance(&key(q), &wanted));
            (d <= limit).then(|| (d, q.clone()))
        })
        .collect();
    near.sort();
    near.into_iter().take(5).map(|(_, q)| q).collect()
}

/// Levenshtein distance over chars.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod suggestion_tests {
    use super::*;
    use crate::ir::Schema;

    fn schema(names: &[&str]) -> Schema {
        let pages: Vec<String> = names
            .iter()
            .map(|q| {
                let (ns, name) = q.rsplit_once('.').unwrap();
                format!(
                    "---\ndoc_type: resourcePageType\n---\n# {name} resource type\n\nNamespace: {ns}\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | The id. |\n"
                )
            })
            .collect();
        let parsed: Vec<crate::page::Page> = pages
            .iter()
            .enumerate()
            .map(|(i, text)| crate::page::parse_page(&format!("p{i}.md"), text).0)
            .collect();
        let mut d = Diagnostics::default();
        let built = crate::ir::build(&parsed, &mut d);
        assert_eq!(
            built.schema.types.len(),
            names.len(),
            "{:?}",
            d.into_sorted()
        );
        built.schema
    }

    #[test]
    fn unqualified_name_suggests_the_qualified_ones() {
        let s = schema(&[
            "microsoft.graph.user",
            "microsoft.graph.callRecords.user",
            "microsoft.graph.group",
        ]);
        assert_eq!(
            suggestions(&s, "User"),
            ["microsoft.graph.callRecords.user", "microsoft.graph.user"]
        );
        assert_eq!(
            suggestions(&s, "microsoft.graph.grup"),
            ["microsoft.graph.group"]
        );
        assert_eq!(suggestions(&s, "grop"), ["microsoft.graph.group"]);
        assert!(suggestions(&s, "application").is_empty());
        let mut d = Diagnostics::default();
        select(&s, &["user".to_owned()], false, &mut d);
        let d = d.into_sorted();
        assert_eq!(
            d[0].message,
            "selected type `user` is not in the schema; did you mean one of \
             `microsoft.graph.callRecords.user`, `microsoft.graph.user`?"
        );
    }

    #[test]
    fn navigation_is_followed_only_when_asked() {
        use crate::ir::{Element, Property, TypeDef, TypeKind, TypeRef};
        let prop = |name: &str, ty: &str, navigation: bool| Property {
            name: name.to_owned(),
            ty: TypeRef::one(Element::parse(ty)),
            navigation,
            read_only: false,
            description: None,
            origin: Default::default(),
        };
        let mut user = TypeDef::new("microsoft.graph", "user", TypeKind::Entity);
        user.properties = vec![
            prop("address", "microsoft.graph.address", false),
            prop("manager", "microsoft.graph.person", true),
        ];
        let s = Schema {
            types: vec![
                TypeDef::new("microsoft.graph", "address", TypeKind::Complex),
                TypeDef::new("microsoft.graph", "person", TypeKind::Entity),
                user,
            ],
            operations: vec![],
        };
        let names = |nav: bool| -> Vec<String> {
            let mut d = Diagnostics::default();
            select(&s, &["microsoft.graph.user".to_owned()], nav, &mut d)
                .types
                .iter()
                .map(|t| t.name.clone())
                .collect()
        };
        assert_eq!(names(false), ["address", "user"]);
        assert_eq!(names(true), ["address", "person", "user"]);
    }
}
