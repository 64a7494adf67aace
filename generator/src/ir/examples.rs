//! JSON examples: inferring types that no page defines from the examples that show them, and
//! checking examples against the finished schema.

use crate::diag::Code;
use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::diag::{Diagnostics, Origin};
use crate::ir::facts::{BaseEvidence, Example, PropFact, Rank};
use crate::ir::index::SchemaIndex;
use crate::ir::merge::Acc;
use crate::ir::model::{Operation, Schema, TypeDef, TypeKind, INFERRED_FROM_EXAMPLES};
use crate::ir::names::{qualify, Names, Weight};
use crate::ir::resolve::{ancestors, Bases};
use crate::page::{Primitive, TypeName, TypeRef};

/// What the examples show of one undefined type.
#[derive(Debug, Default)]
struct Observed {
    spellings: Vec<(String, Option<String>)>,
    props: Vec<(String, Vec<(Value, Origin)>)>,
    origin: Option<Origin>,
    count: usize,
}

/// Line of the first `"key"` in an example, for diagnostics.
pub(crate) fn key_origin(ex: &Example, key: &str) -> Origin {
    ex.origin.of_key(&ex.json, key)
}

fn find_prop<'a>(
    accs: &'a BTreeMap<String, Acc>,
    bases: &Bases,
    key: &str,
    prop: &str,
) -> Option<&'a PropFact> {
    let lower = prop.to_ascii_lowercase();
    let mut cur = Some(key.to_owned());
    let mut depth = 0;
    while let (Some(k), true) = (cur, depth < 64) {
        if let Some((_, p)) = accs
            .get(&k)
            .and_then(|a| a.props.iter().find(|(n, _)| *n == lower))
        {
            return p.sources.first().map(|(_, f, _)| f);
        }
        cur = bases.get(&k).map(|(b, _)| b.clone());
        depth += 1;
    }
    None
}

/// Walks the examples and defines every referenced-but-undefined type that they show, as a complex
/// type with the properties seen (warning `inferred-type`).
pub(crate) fn infer_types(
    examples: &[(Example, Option<String>)],
    names: &mut Names,
    accs: &mut BTreeMap<String, Acc>,
    bases: &Bases,
    diags: &mut Diagnostics,
) {
    let mut observed: BTreeMap<String, Observed> = BTreeMap::new();
    for (ex, ns) in examples {
        let Ok(value) = serde_json::from_str::<Value>(&ex.json) else {
            continue;
        };
        let Some(t) = &ex.type_name else { continue };
        if crate::page::primitive_type_name(t).is_some() {
            continue;
        }
        let root = if ex.collection {
            value.get("value").cloned().unwrap_or(Value::Null)
        } else {
            value
        };
        let walker = Walker {
            names,
            accs,
            bases,
            ns: ns.as_deref(),
            ex,
        };
        walker.walk(&root, t, &mut observed);
    }
    for (lower, obs) in observed {
        if obs.props.is_empty() && obs.count == 0 {
            continue;
        }
        let origin = obs.origin.clone().unwrap_or_default();
        let mut key = String::new();
        for (spelling, ns) in &obs.spellings {
            if let Some(k) = names.declare(spelling, ns.as_deref(), Weight::Definition, &origin) {
                key = k;
            }
        }
        if key.is_empty() {
            continue;
        }
        let acc = accs.entry(key.clone()).or_default();
        acc.kind = Some(TypeKind::Complex);
        acc.inferred = Some(format!(
            "{INFERRED_FROM_EXAMPLES}{} example value(s); no page defines it",
            obs.count
        ));
        acc.origins.insert(origin.clone());
        // Keys that are not identifiers (ids, URLs, `odata.type`) are data of an open type, not
        // property names: their values stay in `additional_data`.
        let (props, data): (Vec<_>, Vec<_>) = obs
            .props
            .into_iter()
            .partition(|(name, _)| crate::page::is_identifier(name) && !name.contains('.'));
        let lower = if data.is_empty() {
            lower
        } else {
            format!(
                "{lower}; {} key(s) that are not identifiers, such as `{}`, are kept as additional data",
                data.len(),
                data[0].0
            )
        };
        for (name, values) in props {
            let type_ref = json_type(values.iter().map(|(v, _)| v));
            let origin = values[0].1.clone();
            acc.add_prop(
                Rank::ApiBody,
                PropFact::typed(name, type_ref, false, origin),
                None,
            );
        }
        diags.warning(
            Code::InferredType,
            Some(origin),
            format!(
                "type `{}` is not defined by any page; inferred from examples ({lower})",
                names.qualified(&key)
            ),
        );
    }
}

/// The examples whose type resolves and whose JSON parses: each with its namespace, its type's
/// key and its value.
fn typed_examples<'e>(
    examples: &'e [(Example, Option<String>)],
    names: &'e Names,
) -> impl Iterator<Item = (&'e Example, &'e Option<String>, String, Value)> + 'e {
    examples.iter().filter_map(move |(ex, ns)| {
        let key = names.resolve(ex.type_name.as_deref()?, ns.as_deref())?;
        let value = serde_json::from_str::<Value>(&ex.json).ok()?;
        Some((ex, ns, key, value))
    })
}

/// Property type annotations in examples (`"defaultPriceType@odata.type":
/// "#microsoft.graph.bookingPriceType"`) on values of a documented type: the type each names for
/// that property, kept on the owner's accumulator. They name enums a table only describes as a
/// string with possible values.
pub(crate) fn property_type_annotations(
    examples: &[(Example, Option<String>)],
    names: &Names,
    accs: &mut BTreeMap<String, Acc>,
) {
    for (ex, _, key, value) in typed_examples(examples, names) {
        let items: Vec<&Value> = match (&value, ex.collection) {
            (Value::Object(m), true) => m
                .get("value")
                .and_then(Value::as_array)
                .map(|a| a.iter().collect())
                .unwrap_or_default(),
            (v, _) => vec![v],
        };
        let Some(acc) = accs.get_mut(&key) else {
            continue;
        };
        for item in items {
            let Some(map) = item.as_object() else {
                continue;
            };
            for (k, v) in map {
                let (Some((prop, "odata.type")), Some(t)) = (k.split_once('@'), v.as_str()) else {
                    continue;
                };
                let t = t.trim_start_matches('#');
                if crate::page::primitive_type_name(t).is_none() && crate::page::is_identifier(t) {
                    acc.annotated_types
                        .entry(prop.to_ascii_lowercase())
                        .or_insert_with(|| t.to_owned());
                }
            }
        }
    }
}

/// Base evidence from examples: where a value that the schema types as `B` (a property's type, or
/// the example's own type) carries `"@odata.type": "D"`, and a page defines `D` without stating
/// any base, `D` derives from `B` (evidence `example-odata-type`).
pub(crate) fn odata_type_bases(
    examples: &[(Example, Option<String>)],
    names: &Names,
    accs: &mut BTreeMap<String, Acc>,
    bases: &Bases,
) {
    let mut found: Vec<(String, String, Origin)> = Vec::new();
    for (ex, ns, key, value) in typed_examples(examples, names) {
        let root = match (ex.collection, value) {
            (true, Value::Object(mut m)) => m.remove("value").unwrap_or(Value::Null),
            (_, v) => v,
        };
        let mut walk = TagWalk {
            names,
            accs,
            bases,
            ns: ns.as_deref(),
            ex,
            found: &mut found,
            depth: 0,
        };
        walk.value(&root, &key);
    }
    for (derived, base, origin) in found {
        // A page's own statement (a base, or `"baseType": null`) is never overridden.
        let stated = accs.get(&derived).is_some_and(|a| {
            a.no_base.is_some()
                || a.bases
                    .iter()
                    .any(|(_, e, _)| *e != BaseEvidence::ExampleODataType)
        });
        // The base must not already descend from the derived type.
        let cycle = base == derived || ancestors(&base, bases).contains(&derived);
        // A derived type shares properties with its base (the docs list inherited properties on
        // the derived type's page, or the base has none): a tagged value of a type that shares
        // nothing with the declared one is a doc error, not inheritance.
        let (base_props, own) = (
            flattened_props(&base, accs, bases),
            flattened_props(&derived, accs, bases),
        );
        let unrelated = !base_props.is_empty() && !own.is_empty() && base_props.is_disjoint(&own);
        if stated || cycle || unrelated {
            continue;
        }
        if let Some(acc) = accs.get_mut(&derived) {
            if !acc.bases.iter().any(|(b, _, _)| *b == base) {
                acc.bases
                    .push((base, BaseEvidence::ExampleODataType, origin));
            }
        }
    }
}

/// Base evidence from the properties a type's own examples show: where the top-level values of
/// the examples typed as `K` (a page defines `K`, states no base and no example tags give one)
/// carry properties that `K`'s tables and representation do not list, and those extra properties
/// are all properties of one defined type `C` (its own and inherited ones) and include every
/// property `C` itself adds to its base, `K` derives from `C` (evidence `example-properties`).
/// The most derived such `C` is taken when the candidates form one line; otherwise none.
pub(crate) fn example_property_bases(
    examples: &[(Example, Option<String>)],
    names: &Names,
    accs: &mut BTreeMap<String, Acc>,
    bases: &Bases,
) {
    // Top-level keys of each type's own example values, with the first origin of each key.
    let mut shown: BTreeMap<String, BTreeMap<String, Origin>> = BTreeMap::new();
    for (ex, ns, key, value) in typed_examples(examples, names) {
        // A list response not marked as a collection still wraps its items in `value`.
        let listed_value = accs
            .get(&key)
            .is_some_and(|a| a.props.iter().any(|(n, _)| n == "value"));
        let root = match value {
            Value::Object(mut m)
                if ex.collection
                    || (!listed_value && m.get("value").is_some_and(Value::is_array)) =>
            {
                m.remove("value").unwrap_or(Value::Null)
            }
            v => v,
        };
        let items = match root {
            Value::Array(items) => items,
            v => vec![v],
        };
        for item in items {
            let Value::Object(map) = item else { continue };
            // A value tagged as another type shows that type's properties.
            let tagged_other = map
                .get("@odata.type")
                .and_then(Value::as_str)
                .and_then(|t| names.resolve(t.trim_start_matches('#'), ns.as_deref()))
                .is_some_and(|t| t != key);
            if tagged_other {
                continue;
            }
            let entry = shown.entry(key.clone()).or_default();
            for k in map.keys().filter(|k| !k.contains('@')) {
                entry
                    .entry(k.to_ascii_lowercase())
                    .or_insert_with(|| key_origin(ex, k));
            }
        }
    }
    let own = |k: &str| -> BTreeSet<String> {
        accs.get(k)
            .map(|a| a.props.iter().map(|(n, _)| n.clone()).collect())
            .unwrap_or_default()
    };
    let structured = |k: &str, a: &Acc| {
        a.declared && a.inferred.is_none() && a.kind != Some(TypeKind::Enum) && names.is_defined(k)
    };
    // A type with a property of type `k` wraps `k` values: an example of it mislabelled as `k`
    // shows the wrapper's properties, not a base's.
    let wraps = |c: &Candidate<'_>, k: &str| -> bool {
        std::iter::once(c.key)
            .chain(&c.line)
            .filter_map(|t| accs.get(t))
            .flat_map(|a| a.props.iter())
            .flat_map(|(_, p)| p.sources.iter())
            .any(|(_, f, ns)| match f.type_ref.as_ref().map(|t| &t.name) {
                Some(TypeName::Named(n)) => names
                    .resolve_ref(&f.named_type(n), ns.as_deref())
                    .is_some_and(|r| r == k),
                _ => false,
            })
    };
    // Each possible base once: its line of ancestors, all its properties, and those it adds.
    let candidates: Vec<Candidate<'_>> = accs
        .iter()
        .filter(|(c, a)| structured(c, a))
        .filter_map(|(c, _)| {
            let line = ancestors(c, bases);
            let inherited: BTreeSet<String> = line.iter().flat_map(|a| own(a)).collect();
            let adds: Vec<String> = own(c)
                .into_iter()
                .filter(|p| !inherited.contains(p))
                .collect();
            let mut all = own(c);
            all.extend(inherited);
            (!adds.is_empty()).then_some(Candidate {
                key: c,
                line,
                all,
                adds,
            })
        })
        .collect();
    let mut found: Vec<(String, String, Origin)> = Vec::new();
    for (key, keys) in &shown {
        let Some(acc) = accs.get(key) else { continue };
        if !structured(key, acc) || !acc.bases.is_empty() {
            continue;
        }
        let listed = own(key);
        let extra: BTreeSet<&String> = keys.keys().filter(|k| !listed.contains(*k)).collect();
        if extra.is_empty() {
            continue;
        }
        let fits: Vec<&Candidate<'_>> = candidates
            .iter()
            .filter(|c| {
                c.key != key
                    && !c.line.contains(key)
                    && extra.iter().all(|e| c.all.contains(*e))
                    && c.adds.iter().all(|p| extra.contains(p))
                    && !wraps(c, key)
            })
            .collect();
        let most_derived: Vec<&String> = fits
            .iter()
            .filter(|c| {
                fits.iter()
                    .all(|o| o.key == c.key || c.line.contains(o.key))
            })
            .map(|c| c.key)
            .collect();
        if let [c] = most_derived.as_slice() {
            let origin = extra
                .iter()
                .filter_map(|e| keys.get(*e))
                .min()
                .cloned()
                .unwrap_or_default();
            found.push((key.clone(), (**c).clone(), origin));
        }
    }
    for (key, base, origin) in found {
        if let Some(acc) = accs.get_mut(&key) {
            acc.bases
                .push((base, BaseEvidence::ExampleProperties, origin));
        }
    }
}

/// A possible base for [`example_property_bases`]: its ancestors, all its properties (its own
/// and inherited ones), and the ones it adds itself.
struct Candidate<'a> {
    key: &'a String,
    line: Vec<String>,
    all: BTreeSet<String>,
    adds: Vec<String>,
}

/// The properties of `key` and of its ancestors (lowercased).
fn flattened_props(key: &str, accs: &BTreeMap<String, Acc>, bases: &Bases) -> BTreeSet<String> {
    std::iter::once(key.to_owned())
        .chain(ancestors(key, bases))
        .filter_map(|k| accs.get(&k))
        .flat_map(|a| a.props.iter().map(|(n, _)| n.clone()))
        .collect()
}

struct TagWalk<'a, 'f> {
    names: &'a Names,
    accs: &'a BTreeMap<String, Acc>,
    bases: &'a Bases,
    ns: Option<&'a str>,
    ex: &'a Example,
    found: &'f mut Vec<(String, String, Origin)>,
    depth: usize,
}

impl TagWalk<'_, '_> {
    fn value(&mut self, value: &Value, declared: &str) {
        if self.depth > 32 {
            return;
        }
        self.depth += 1;
        match value {
            Value::Array(items) => items.iter().for_each(|v| self.value(v, declared)),
            Value::Object(map) => {
                let mut key = declared.to_owned();
                if let Some(tag) = map.get("@odata.type").and_then(Value::as_str) {
                    if let Some(d) = self
                        .names
                        .resolve(tag.trim_start_matches('#'), self.ns)
                        .filter(|d| self.names.is_defined(d))
                    {
                        if d != declared {
                            let origin = key_origin(self.ex, "@odata.type");
                            self.found.push((d.clone(), declared.to_owned(), origin));
                        }
                        key = d;
                    }
                }
                for (k, v) in map.iter().filter(|(k, _)| !k.contains('@')) {
                    let Some(p) = find_prop(self.accs, self.bases, &key, k) else {
                        continue;
                    };
                    if let Some(TypeName::Named(n)) = p.type_ref.as_ref().map(|t| &t.name) {
                        if let Some(pk) = self.names.resolve_ref(&p.named_type(n), self.ns) {
                            self.value(v, &pk);
                        }
                    }
                }
            }
            _ => {}
        }
        self.depth -= 1;
    }
}

struct Walker<'a> {
    names: &'a Names,
    accs: &'a BTreeMap<String, Acc>,
    bases: &'a Bases,
    ns: Option<&'a str>,
    ex: &'a Example,
}

impl Walker<'_> {
    fn walk(&self, value: &Value, type_name: &str, observed: &mut BTreeMap<String, Observed>) {
        match value {
            Value::Array(items) => items.iter().for_each(|v| self.walk(v, type_name, observed)),
            Value::Object(map) => {
                let tag = map
                    .get("@odata.type")
                    .and_then(Value::as_str)
                    .map(|s| s.trim_start_matches('#'));
                let name = tag
                    .filter(|t| {
                        self.names.resolve(t, self.ns).is_some()
                            || self.names.resolve(type_name, self.ns).is_none()
                    })
                    .unwrap_or(type_name);
                match self.names.resolve(name, self.ns) {
                    Some(key) => {
                        for (k, v) in map.iter().filter(|(k, _)| !k.contains('@')) {
                            if let Some(p) = find_prop(self.accs, self.bases, &key, k) {
                                if let Some(TypeName::Named(n)) =
                                    p.type_ref.as_ref().map(|t| &t.name)
                                {
                                    self.walk(v, n, observed);
                                }
                            }
                        }
                    }
                    // Objects with only annotations (`{"@odata.id": ...}`, the body of a `$ref`
                    // request) are references, not values of a type; `{"@odata.type": "x"}`
                    // (a representation's placeholder) still shows that `x` exists.
                    None if !map.is_empty()
                        && map.keys().all(|k| k.contains('@'))
                        && !map.contains_key("@odata.type") => {}
                    None => {
                        let (ns, bare) = qualify(name, self.ns);
                        let obs = observed.entry(bare.to_ascii_lowercase()).or_default();
                        obs.count += 1;
                        obs.spellings.push((bare.clone(), Some(ns)));
                        if let Some(t) = tag {
                            let (tns, tbare) = qualify(t, self.ns);
                            obs.spellings.push((tbare, Some(tns)));
                        }
                        let origin =
                            key_origin(self.ex, map.keys().next().map_or("", String::as_str));
                        if obs.origin.as_ref().is_none_or(|o| origin < *o) {
                            obs.origin = Some(origin);
                        }
                        for (k, v) in map.iter().filter(|(k, _)| !k.contains('@')) {
                            let o = key_origin(self.ex, k);
                            match obs.props.iter_mut().find(|(n, _)| n == k) {
                                Some((_, vs)) => vs.push((v.clone(), o)),
                                None => obs.props.push((k.clone(), vec![(v.clone(), o)])),
                            }
                        }
                        let nested: Vec<(&Value, &str)> = map
                            .values()
                            .filter_map(|v| {
                                Some((v, v.get("@odata.type")?.as_str()?.trim_start_matches('#')))
                            })
                            .collect();
                        for (v, t) in nested {
                            self.walk(v, t, observed);
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// The type a set of JSON values shows: numbers widen (Int32 → Int64 → Double), anything else
/// mixed is untyped.
fn json_type<'a>(values: impl Iterator<Item = &'a Value>) -> TypeRef {
    let mut seen: Option<TypeRef> = None;
    for v in values {
        let t = match v {
            Value::Null => continue,
            Value::Bool(_) => TypeRef {
                name: TypeName::Primitive(Primitive::Boolean),
                collection: false,
            },
            Value::Number(n) if n.as_i64().is_some_and(|i| i32::try_from(i).is_ok()) => TypeRef {
                name: TypeName::Primitive(Primitive::Int32),
                collection: false,
            },
            Value::Number(n) if n.is_i64() || n.is_u64() => TypeRef {
                name: TypeName::Primitive(Primitive::Int64),
                collection: false,
            },
            Value::Number(_) => TypeRef {
                name: TypeName::Primitive(Primitive::Double),
                collection: false,
            },
            Value::String(_) => TypeRef {
                name: TypeName::Primitive(Primitive::String),
                collection: false,
            },
            Value::Object(m) => match m.get("@odata.type").and_then(Value::as_str) {
                Some(t) => TypeRef {
                    name: TypeName::Named(t.trim_start_matches('#').to_owned()),
                    collection: false,
                },
                None => TypeRef {
                    name: TypeName::Primitive(Primitive::Untyped),
                    collection: false,
                },
            },
            Value::Array(items) => TypeRef {
                collection: true,
                ..json_type(items.iter())
            },
        };
        seen = Some(match seen {
            None => t,
            Some(s) if s == t => s,
            Some(s) => widen(s, t),
        });
    }
    seen.unwrap_or(TypeRef {
        name: TypeName::Primitive(Primitive::Untyped),
        collection: false,
    })
}

fn widen(a: TypeRef, b: TypeRef) -> TypeRef {
    use Primitive::*;
    let rank = |t: &TypeRef| match t.name {
        TypeName::Primitive(Int32) => Some(0),
        TypeName::Primitive(Int64) => Some(1),
        TypeName::Primitive(Double) => Some(2),
        _ => None,
    };
    match (rank(&a), rank(&b)) {
        (Some(x), Some(y)) if a.collection == b.collection => {
            if x >= y {
                a
            } else {
                b
            }
        }
        _ => TypeRef {
            name: TypeName::Primitive(Untyped),
            collection: a.collection && b.collection,
        },
    }
}

/// Checks enum values in examples against the schema: the placeholder `"String"` and values that
/// are not members are reported (the value is kept by the generated types either way).
pub(crate) fn check_enum_values(
    schema: &Schema,
    examples: &[(Example, Option<&Operation>)],
    diags: &mut Diagnostics,
) {
    let index = SchemaIndex::new(schema);
    for (ex, op) in examples {
        let Ok(value) = serde_json::from_str::<Value>(&ex.json) else {
            continue;
        };
        let root = if ex.collection {
            value.get("value").cloned().unwrap_or(Value::Null)
        } else {
            value
        };
        match (&ex.type_name, op) {
            (Some(t), _) => check_value(&index, ex, &root, index.get(t), diags),
            // An action's request body: its parameters, as a type of their own.
            (None, Some(op))
                if ex.role == crate::ir::ExampleRole::Request && !op.parameters.is_empty() =>
            {
                let params = TypeDef {
                    properties: op.parameters.clone(),
                    ..TypeDef::new("", op.name.clone(), TypeKind::Complex)
                };
                check_value(&index, ex, &root, Some(&params), diags);
            }
            _ => {}
        }
    }
}

/// Checks the enum values in `value`, a `declared` (or what its `@odata.type` names).
fn check_value(
    index: &SchemaIndex<'_>,
    ex: &Example,
    value: &Value,
    declared: Option<&TypeDef>,
    diags: &mut Diagnostics,
) {
    match value {
        Value::Array(items) => items
            .iter()
            .for_each(|v| check_value(index, ex, v, declared, diags)),
        Value::Object(map) => {
            let tagged = map
                .get("@odata.type")
                .and_then(Value::as_str)
                .and_then(|s| index.get(s.trim_start_matches('#')));
            let Some(t) = tagged.or(declared) else {
                return;
            };
            for (k, v) in map {
                let Some(p) = index.property(t, k) else {
                    continue;
                };
                match p.ty.element.named().and_then(|n| index.get(n)) {
                    Some(e) if e.kind == TypeKind::Enum => check_member(e, ex, k, v, diags),
                    Some(e) => check_value(index, ex, v, Some(e), diags),
                    None => {}
                }
            }
        }
        _ => {}
    }
}

fn check_member(t: &TypeDef, ex: &Example, prop: &str, value: &Value, diags: &mut Diagnostics) {
    let values: Vec<&str> = match value {
        Value::String(s) => vec![s.as_str()],
        Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
        _ => return,
    };
    for v in values {
        let parts: Vec<&str> = if t.flags {
            v.split(',').map(str::trim).collect()
        } else {
            vec![v]
        };
        for part in parts {
            let origin = Some(key_origin(ex, prop));
            if let Some(m) = t.members.iter().find(|m| m.name.eq_ignore_ascii_case(part)) {
                if m.name != part {
                    diags.note(Code::ExampleEnumCase, origin, format!("example value `{part}` of `{prop}` is member `{}` of `{}` in other letter case; the generated types write `{}`", m.name, t.qualified_name(), m.name));
                }
                continue;
            }
            if part == "String" {
                diags.warning(Code::Placeholder, origin, format!("example value `\"String\"` of `{prop}` is a placeholder, not a member of `{}`", t.qualified_name()));
            } else {
                diags.warning(
                    Code::ExampleEnumValue,
                    origin,
                    format!(
                        "example value `{part:?}` of `{prop}` is not a member of `{}`",
                        t.qualified_name()
                    ),
                );
            }
        }
    }
}
