//! `graphdoc validate`: every JSON example of every page (resource representations, request and
//! response bodies) checked against the schema built from the same pages.
//!
//! What is checked, from the example's type (its annotation's `@odata.type`, its own `@odata.type`,
//! or its operation's body, parameters or response):
//! - every property is one the type (or a base) declares, unless the type is open;
//! - every value has the JSON shape of its type: strings for strings, dates, GUIDs and durations,
//!   numbers for numbers, booleans, objects for structured types, arrays exactly for collections;
//! - enum values are members (flags enums: each comma-separated part);
//! - an `@odata.type` inside a value names a known type that is, or derives from, the declared one
//!   (and is then checked as that type);
//! - a resource representation that is not marked `truncated` shows every structural property of
//!   its type (navigation properties excluded).
//!
//! Instance annotations (`@odata.context`, `x@odata.type`) are not properties and are skipped.

use std::collections::BTreeMap;
use std::fmt;

use serde_json::Value;

use crate::diag::Origin;
use crate::ir::{Built, ExampleRole, Operation, Property, ResolvedExample, TypeDef, TypeKind};

/// What an example gets wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FailureKind {
    /// A property the type does not declare.
    UnknownProperty,
    /// A property the type declares, missing from a full (not truncated) representation.
    MissingProperty,
    /// A value of the wrong JSON type (or a collection where one value is expected, or the reverse).
    WrongType,
    /// An enum value that is not a member.
    EnumValue,
    /// `@odata.type` names a type the schema does not have.
    UnknownODataType,
    /// `@odata.type` names a type that does not derive from the declared one.
    NotDerived,
}

impl FailureKind {
    pub fn code(self) -> &'static str {
        match self {
            FailureKind::UnknownProperty => "unknown-property",
            FailureKind::MissingProperty => "missing-property",
            FailureKind::WrongType => "wrong-type",
            FailureKind::EnumValue => "enum-value",
            FailureKind::UnknownODataType => "unknown-odata-type",
            FailureKind::NotDerived => "not-derived",
        }
    }
}

/// One failure, at the line of the property it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub kind: FailureKind,
    pub role: ExampleRole,
    pub origin: Origin,
    pub message: String,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let role = match self.role {
            ExampleRole::Request => "request",
            ExampleRole::Response => "response",
            ExampleRole::Resource => "resource",
        };
        write!(
            f,
            "{}: {} ({role} example): {}",
            self.origin,
            self.kind.code(),
            self.message
        )
    }
}

/// Counts for one example role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Examples of this role.
    pub total: usize,
    /// Examples with a type to check against.
    pub checked: usize,
    /// Checked examples without failures.
    pub passed: usize,
}

impl Counts {
    /// `passed / checked`; `None` when nothing was checked.
    pub fn pass_rate(&self) -> Option<f64> {
        (self.checked > 0).then(|| self.passed as f64 / self.checked as f64)
    }
}

/// The result of [`validate`].
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub request: Counts,
    pub response: Counts,
    pub resource: Counts,
    /// In example order.
    pub failures: Vec<Failure>,
}

impl Report {
    pub fn counts(&self, role: ExampleRole) -> &Counts {
        match role {
            ExampleRole::Request => &self.request,
            ExampleRole::Response => &self.response,
            ExampleRole::Resource => &self.resource,
        }
    }

    fn counts_mut(&mut self, role: ExampleRole) -> &mut Counts {
        match role {
            ExampleRole::Request => &mut self.request,
            ExampleRole::Response => &mut self.response,
            ExampleRole::Resource => &mut self.resource,
        }
    }

    /// Failures by kind, in kind order.
    pub fn counts_by_kind(&self) -> Vec<(FailureKind, usize)> {
        let mut m: BTreeMap<FailureKind, usize> = BTreeMap::new();
        for f in &self.failures {
            *m.entry(f.kind).or_default() += 1;
        }
        m.into_iter().collect()
    }

    /// Pass rates by role and failure counts by kind.
    pub fn summary(&self) -> String {
        let mut out = String::from("graphdoc validate: JSON examples checked against the schema\n");
        for (label, c) in [
            ("response examples", &self.response),
            ("request examples", &self.request),
            ("resource representations", &self.resource),
        ] {
            let rate = c
                .pass_rate()
                .map_or_else(|| "n/a".to_owned(), |r| format!("{:.1}%", r * 100.0));
            out.push_str(&format!(
                "{label:<26} {rate:>6} passed ({}/{} checked; {} without a type to check against)\n",
                c.passed,
                c.checked,
                c.total - c.checked
            ));
        }
        out.push_str(&format!("failures: {}\n", self.failures.len()));
        for (k, n) in self.counts_by_kind() {
            out.push_str(&format!("  {:<22} {n}\n", k.code()));
        }
        out
    }
}

/// Checks every example of a build against its schema.
pub fn validate(built: &Built) -> Report {
    let types: BTreeMap<String, &TypeDef> = built
        .schema
        .types
        .iter()
        .map(|t| (t.qualified_name().to_ascii_lowercase(), t))
        .collect();
    let ops: BTreeMap<&str, &Operation> = built
        .schema
        .operations
        .iter()
        .map(|o| (o.id.as_str(), o))
        .collect();
    let mut report = Report::default();
    for ex in &built.examples {
        let role = ex.example.role;
        report.counts_mut(role).total += 1;
        let op = ex.operation.as_deref().and_then(|id| ops.get(id).copied());
        let Some(target) = target(ex, op, &types) else {
            continue;
        };
        let Ok(value) = serde_json::from_str::<Value>(&ex.example.json) else {
            continue;
        };
        report.counts_mut(role).checked += 1;
        let mut checker = Checker {
            types: &types,
            ex: &ex.example,
            failures: Vec::new(),
        };
        // A collection response wraps its items as `{"value": [...]}`. Examples of pages whose
        // annotation does not say `isCollection` still come wrapped when the operation returns a
        // collection; a `value` array the declared type does not have marks that wrapper.
        let declared_value = match &target {
            Target::Type(t) => checker
                .chain(t)
                .iter()
                .any(|c| c.properties.iter().any(|p| p.name == "value")),
            Target::Params(params) => params.iter().any(|p| p.name == "value"),
        };
        let wrapped = matches!(&value, Value::Object(m) if matches!(m.get("value"), Some(Value::Array(_))) && !declared_value);
        let root = if ex.example.collection || wrapped {
            match &value {
                Value::Object(m) => m.get("value").cloned().unwrap_or(Value::Null),
                other => other.clone(),
            }
        } else {
            value
        };
        match &target {
            Target::Type(t) => {
                let full = role == ExampleRole::Resource && !ex.example.truncated;
                match &root {
                    Value::Array(items) => {
                        for v in items {
                            checker.object(v, t, 0, full);
                        }
                    }
                    v => checker.object(v, t, 0, full),
                }
            }
            Target::Params(params) => checker.properties(&root, params, false, 0),
        }
        if checker.failures.is_empty() {
            report.counts_mut(role).passed += 1;
        }
        report.failures.extend(checker.failures);
    }
    report
}

enum Target<'a> {
    Type(&'a TypeDef),
    /// An action's request body: its parameters.
    Params(&'a [Property]),
}

fn target<'a>(
    ex: &ResolvedExample,
    op: Option<&'a Operation>,
    types: &BTreeMap<String, &'a TypeDef>,
) -> Option<Target<'a>> {
    if let Some(t) = ex
        .example
        .type_name
        .as_deref()
        .and_then(|t| types.get(&t.to_ascii_lowercase()))
        .filter(|t| t.kind != TypeKind::Enum)
    {
        return Some(Target::Type(t));
    }
    match op {
        Some(op) if ex.example.role == ExampleRole::Request && !op.parameters.is_empty() => {
            Some(Target::Params(&op.parameters))
        }
        _ => None,
    }
}

/// The qualified, lower-cased name an `@odata.type` value means.
fn odata_key(tag: &str) -> String {
    let t = tag.trim_start_matches('#');
    let t = t
        .strip_prefix("Collection(")
        .and_then(|t| t.strip_suffix(')'))
        .unwrap_or(t);
    if t.contains('.') {
        t.to_ascii_lowercase()
    } else {
        format!("microsoft.graph.{t}").to_ascii_lowercase()
    }
}

struct Checker<'a> {
    types: &'a BTreeMap<String, &'a TypeDef>,
    ex: &'a crate::ir::Example,
    failures: Vec<Failure>,
}

impl<'a> Checker<'a> {
    fn fail(&mut self, kind: FailureKind, key: &str, from: usize, message: String) {
        self.failures.push(Failure {
            kind,
            role: self.ex.role,
            origin: locate(self.ex, key, from),
            message,
        });
    }

    /// `t` and its bases, nearest first.
    fn chain(&self, t: &'a TypeDef) -> Vec<&'a TypeDef> {
        let mut out = vec![t];
        let mut cur = t;
        while let Some(b) = cur
            .base
            .as_ref()
            .and_then(|b| self.types.get(&b.to_ascii_lowercase()).copied())
        {
            if out.iter().any(|x| std::ptr::eq(*x, b)) || out.len() > 64 {
                break;
            }
            out.push(b);
            cur = b;
        }
        out
    }

    /// An object of type `declared` (or of the derived type its `@odata.type` names).
    fn object(&mut self, value: &Value, declared: &'a TypeDef, from: usize, full: bool) {
        let Value::Object(map) = value else {
            if !value.is_null() {
                self.fail(
                    FailureKind::WrongType,
                    "",
                    from,
                    format!(
                        "expected a `{}` object, found {}",
                        declared.qualified_name(),
                        json_kind(value)
                    ),
                );
            }
            return;
        };
        let mut t = declared;
        if let Some(tag) = map.get("@odata.type").and_then(Value::as_str) {
            match self.types.get(&odata_key(tag)).copied() {
                None => self.fail(
                    FailureKind::UnknownODataType,
                    "@odata.type",
                    from,
                    format!("`@odata.type` `{tag}` is not a type of the schema"),
                ),
                Some(named) if named.kind == TypeKind::Enum => {}
                Some(named) => {
                    if self.chain(named).iter().any(|x| std::ptr::eq(*x, declared)) {
                        t = named;
                    } else if !self.chain(declared).iter().any(|x| std::ptr::eq(*x, named)) {
                        self.fail(
                            FailureKind::NotDerived,
                            "@odata.type",
                            from,
                            format!(
                                "`@odata.type` `{tag}` does not derive from `{}`",
                                declared.qualified_name()
                            ),
                        );
                        t = named;
                    }
                }
            }
        }
        let chain = self.chain(t);
        let open = chain.iter().any(|x| x.open);
        let props: Vec<&'a Property> = chain.iter().flat_map(|x| x.properties.iter()).collect();
        self.check_map(map, &props, open, &t.qualified_name(), from);
        if full {
            for p in props.iter().filter(|p| !p.navigation) {
                if !map.keys().any(|k| k.eq_ignore_ascii_case(&p.name)) {
                    self.fail(
                        FailureKind::MissingProperty,
                        "",
                        from,
                        format!(
                            "`{}` of `{}` is not in the representation",
                            p.name,
                            t.qualified_name()
                        ),
                    );
                }
            }
        }
    }

    /// An object holding parameters.
    fn properties(&mut self, value: &Value, params: &'a [Property], open: bool, from: usize) {
        let Value::Object(map) = value else {
            return;
        };
        let props: Vec<&'a Property> = params.iter().collect();
        self.check_map(map, &props, open, "the parameters", from);
    }

    fn check_map(
        &mut self,
        map: &serde_json::Map<String, Value>,
        props: &[&'a Property],
        open: bool,
        what: &str,
        from: usize,
    ) {
        for (k, v) in map {
            if k.contains('@') {
                continue;
            }
            let at = key_offset(&self.ex.json, k, from);
            let found = props
                .iter()
                .find(|p| p.name == *k)
                .or_else(|| props.iter().find(|p| p.name.eq_ignore_ascii_case(k)));
            match found {
                Some(p) => self.value(v, p, k, at),
                None if open => {}
                None => self.fail(
                    FailureKind::UnknownProperty,
                    k,
                    from,
                    format!("`{k}` is not a property of {}", quoted(what)),
                ),
            }
        }
    }

    /// A property's value.
    fn value(&mut self, v: &Value, p: &'a Property, key: &str, at: usize) {
        if v.is_null() {
            return;
        }
        match (p.collection, v) {
            (true, Value::Array(items)) => {
                for item in items {
                    self.element(item, p, key, at);
                }
            }
            (true, other) => self.fail(
                FailureKind::WrongType,
                key,
                at,
                format!(
                    "`{key}` is a collection of `{}`, found {}",
                    p.type_name,
                    json_kind(other)
                ),
            ),
            (false, Value::Array(_)) if p.type_name != "Edm.Untyped" => self.fail(
                FailureKind::WrongType,
                key,
                at,
                format!("`{key}` is one `{}`, found an array", p.type_name),
            ),
            (false, v) => self.element(v, p, key, at),
        }
    }

    fn element(&mut self, v: &Value, p: &'a Property, key: &str, at: usize) {
        if v.is_null() {
            return;
        }
        if let Some(prim) = p.type_name.strip_prefix("Edm.") {
            if !primitive_accepts(prim, v) {
                self.fail(
                    FailureKind::WrongType,
                    key,
                    at,
                    format!("`{key}` is `{}`, found {}", p.type_name, json_kind(v)),
                );
            }
            return;
        }
        let Some(t) = self.types.get(&p.type_name.to_ascii_lowercase()).copied() else {
            return;
        };
        if t.kind == TypeKind::Enum {
            let Value::String(s) = v else {
                self.fail(
                    FailureKind::WrongType,
                    key,
                    at,
                    format!(
                        "`{key}` is the enum `{}`, found {}",
                        p.type_name,
                        json_kind(v)
                    ),
                );
                return;
            };
            let parts: Vec<&str> = if t.flags {
                s.split(',').map(str::trim).collect()
            } else {
                vec![s.as_str()]
            };
            for part in parts {
                if !t.members.iter().any(|m| m.name.eq_ignore_ascii_case(part)) {
                    self.fail(
                        FailureKind::EnumValue,
                        key,
                        at,
                        format!(
                            "`{key}`: `{part}` is not a member of `{}`",
                            t.qualified_name()
                        ),
                    );
                }
            }
            return;
        }
        self.object(v, t, at, false);
    }
}

fn quoted(what: &str) -> String {
    if what.starts_with("the ") {
        what.to_owned()
    } else {
        format!("`{what}`")
    }
}

/// Whether a JSON value can be the primitive `Edm.{prim}`.
fn primitive_accepts(prim: &str, v: &Value) -> bool {
    match prim {
        "String" | "Guid" | "Date" | "DateTimeOffset" | "Duration" | "TimeOfDay" | "Binary" => {
            v.is_string()
        }
        "Boolean" => v.is_boolean(),
        "Int16" | "Int32" | "Byte" | "SByte" => v.is_i64() || v.is_u64(),
        // Int64 and Decimal may be sent as strings (IEEE754Compatible); floats may be "NaN"/"INF".
        "Int64" | "Decimal" => v.is_i64() || v.is_u64() || v.is_string(),
        "Double" | "Single" => v.is_number() || v.is_string(),
        _ => true,
    }
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Byte offset of `"key"` in the example, searching from `from` (the enclosing value's key).
fn key_offset(json: &str, key: &str, from: usize) -> usize {
    let needle = format!("\"{key}\"");
    json.get(from..)
        .and_then(|rest| rest.find(&needle))
        .map_or(from, |i| from + i)
}

/// The page place of `"key"` (or of the enclosing value when `key` is empty).
fn locate(ex: &crate::ir::Example, key: &str, from: usize) -> Origin {
    let at = if key.is_empty() {
        from
    } else {
        key_offset(&ex.json, key, from)
    };
    ex.origin.within(&ex.json, at)
}

#[cfg(test)]
mod tests;
