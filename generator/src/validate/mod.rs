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
//!
//! Template values: the docs often write a value's type, or a stand-in, where a value belongs —
//! `"String"`, `"Boolean"`, `"Int32"`, `"string (timestamp)"`, `"Edm.Guid"`, `"@odata.type:
//! microsoft.graph.alertFeedback"`, `"weight-value"`, `""`, `{}`. Where such a value does not fit
//! the property's type, it is a [`Template`], reported on its own and not a failure: a stand-in
//! that names no type fits anywhere, one that names a type fits where that type would (`"Int32"` for
//! any integer, `"String"` for an enum, whose values are strings, the type's own name for an
//! object). A template naming a type that does not fit (`"String"` for a `Boolean`) stays a
//! wrong-type failure. An example whose only findings are templates passes.
//!
//! A complex type whose chain declares no property (`Json`: "data returned in JSON format") says
//! nothing about its values: any JSON value is one.
//!
//! Every failure carries a [`Cause`]: [`Cause::Doc`] when the docs state both sides — the example
//! disagrees with a type, property, enum or parameter table some page states (rows, a property
//! representation, "Possible values") — and [`Cause::Unexplained`] when graphdoc inferred the type
//! from example values alone (no page states it), so the schema itself may be what is wrong.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde_json::Value;

use crate::diag::Origin;
use crate::ir::{
    Built, Element, ExampleRole, Operation, Primitive, Property, ResolvedExample, SchemaIndex,
    TypeDef, TypeKind,
};

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

/// What a failure is put down to. Ordered: a failure about two types takes the greater cause
/// of the two (unexplained when either type is).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Cause {
    /// The docs disagree with themselves: the example against a table (or representation, or
    /// "Possible values" list) a page states.
    Doc,
    /// The type checked against was inferred from example values alone; the schema may be wrong.
    Unexplained,
}

impl Cause {
    pub fn code(self) -> &'static str {
        match self {
            Cause::Doc => "doc-error",
            Cause::Unexplained => "unexplained",
        }
    }
}

/// One failure, at the line of the property it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub kind: FailureKind,
    pub cause: Cause,
    pub role: ExampleRole,
    pub origin: Origin,
    pub message: String,
}

fn role_name(role: ExampleRole) -> &'static str {
    match role {
        ExampleRole::Request => "request",
        ExampleRole::Response => "response",
        ExampleRole::Resource => "resource",
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} [{}] ({} example): {}",
            self.origin,
            self.kind.code(),
            self.cause.code(),
            role_name(self.role),
            self.message
        )
    }
}

/// A template value where a value of the property's type belongs (not a failure).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub role: ExampleRole,
    pub origin: Origin,
    pub message: String,
}

impl fmt::Display for Template {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: template-value ({} example): {}",
            self.origin,
            role_name(self.role),
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
    /// Checked examples without failures (template values are none).
    pub passed: usize,
    /// Checked examples that fail, each failure a [`Cause::Doc`] one.
    pub doc_errors_only: usize,
    /// Checked examples holding template values.
    pub with_templates: usize,
}

impl Counts {
    /// `passed / checked`; `None` when nothing was checked.
    pub fn pass_rate(&self) -> Option<f64> {
        (self.checked > 0).then(|| self.passed as f64 / self.checked as f64)
    }

    /// The share of checked examples that pass or fail on doc errors alone (nothing unexplained).
    pub fn explained_rate(&self) -> Option<f64> {
        (self.checked > 0)
            .then(|| (self.passed + self.doc_errors_only) as f64 / self.checked as f64)
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
    /// In example order.
    pub templates: Vec<Template>,
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

    /// Failures by kind, in kind order: (kind, doc errors, unexplained).
    pub fn counts_by_kind(&self) -> Vec<(FailureKind, usize, usize)> {
        let mut m: BTreeMap<FailureKind, (usize, usize)> = BTreeMap::new();
        for f in &self.failures {
            let e = m.entry(f.kind).or_default();
            match f.cause {
                Cause::Doc => e.0 += 1,
                Cause::Unexplained => e.1 += 1,
            }
        }
        m.into_iter().map(|(k, (d, u))| (k, d, u)).collect()
    }

    /// Pass rates by role, failure counts by kind and cause, and the template values.
    pub fn summary(&self) -> String {
        let pct =
            |r: Option<f64>| r.map_or_else(|| "n/a".to_owned(), |r| format!("{:.1}%", r * 100.0));
        let mut out = String::from("graphdoc validate: JSON examples checked against the schema\n");
        for (label, c) in [
            ("response examples", &self.response),
            ("request examples", &self.request),
            ("resource representations", &self.resource),
        ] {
            out.push_str(&format!(
                "{label:<26} {:>6} passed ({}/{} checked; {} without a type to check against)\n",
                pct(c.pass_rate()),
                c.passed,
                c.checked,
                c.total - c.checked
            ));
            out.push_str(&format!(
                "{:<26} {:>6} pass or fail on doc errors only ({} fail on doc errors only; {} hold template values)\n",
                "",
                pct(c.explained_rate()),
                c.doc_errors_only,
                c.with_templates
            ));
        }
        let doc = self
            .failures
            .iter()
            .filter(|f| f.cause == Cause::Doc)
            .count();
        out.push_str(&format!(
            "failures: {} ({doc} doc errors, {} unexplained)\n",
            self.failures.len(),
            self.failures.len() - doc
        ));
        out.push_str(&format!(
            "  {:<22} {:>10} {:>12}\n",
            "kind", "doc-error", "unexplained"
        ));
        for (k, d, u) in self.counts_by_kind() {
            out.push_str(&format!("  {:<22} {d:>10} {u:>12}\n", k.code()));
        }
        out.push_str(&format!(
            "template values (not failures): {}\n",
            self.templates.len()
        ));
        out
    }
}

/// Checks every example of a build against its schema.
pub fn validate(built: &Built) -> Report {
    let index = SchemaIndex::new(&built.schema);
    let simple_names: BTreeSet<String> = index
        .types()
        .map(|(_, t)| t.name.to_ascii_lowercase())
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
        let Some(target) = target(ex, op, &index) else {
            continue;
        };
        let Ok(value) = serde_json::from_str::<Value>(&ex.example.json) else {
            continue;
        };
        report.counts_mut(role).checked += 1;
        let mut checker = Checker {
            index: &index,
            simple_names: &simple_names,
            ex: &ex.example,
            failures: Vec::new(),
            templates: Vec::new(),
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
                        let json = &ex.example.json;
                        let from = if wrapped || ex.example.collection {
                            key_offset(json, "value", 0)
                        } else {
                            0
                        };
                        for (v, start) in items_at(json, items, from) {
                            checker.object(v, t, start, full);
                        }
                    }
                    v => checker.object(v, t, 0, full),
                }
            }
            Target::Params(params) => checker.properties(&root, params, 0),
        }
        let counts = report.counts_mut(role);
        if checker.failures.is_empty() {
            counts.passed += 1;
        } else if checker.failures.iter().all(|f| f.cause == Cause::Doc) {
            counts.doc_errors_only += 1;
        }
        if !checker.templates.is_empty() {
            counts.with_templates += 1;
        }
        report.failures.extend(checker.failures);
        report.templates.extend(checker.templates);
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
    index: &SchemaIndex<'a>,
) -> Option<Target<'a>> {
    if let Some(t) = ex
        .example
        .type_name
        .as_deref()
        .and_then(|t| index.get(t))
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

/// The cause of a failure about a value of type `t` (or of a property `t` declares): the docs',
/// unless no page states `t`.
fn cause_of(t: Option<&TypeDef>) -> Cause {
    if t.is_some_and(TypeDef::from_examples_only) {
        Cause::Unexplained
    } else {
        Cause::Doc
    }
}

/// A property with the type that declares it (`None` for an operation's parameters).
type Declared<'a> = (&'a Property, Option<&'a TypeDef>);

/// What a template value stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Stand {
    /// Any value: `""`, `"x-value"`, `{}`.
    Any,
    /// A value of the named type (a primitive's or a schema type's name, as written).
    Named(String),
    /// One of the values listed (`"a | b | c"`, `...` for more).
    OneOf(Vec<String>),
}

/// The template a JSON value is, if it is one: a blank, a `name-value` stand-in, an empty object,
/// a type name (`"String"`, `"string (timestamp)"`, `"Edm.Guid"`, `"Collection(Int32)"`,
/// `"@odata.type: microsoft.graph.x"`), or alternatives (`"a | b"`). `names_type` says whether a
/// bare word is a known type.
fn template(v: &Value, names_type: impl Fn(&str) -> bool) -> Option<Stand> {
    let s = match v {
        Value::Object(m) if m.is_empty() => return Some(Stand::Any),
        Value::String(s) => s.trim(),
        _ => return None,
    };
    if s.is_empty() || s.to_ascii_lowercase().ends_with("-value") {
        return Some(Stand::Any);
    }
    if s.contains(" | ") {
        let parts = s.split('|').map(str::trim).filter(|p| *p != "...");
        return Some(Stand::OneOf(parts.map(str::to_owned).collect()));
    }
    let s = match s.strip_prefix("@odata.type") {
        Some(rest) => rest.trim_start_matches([':', ' ']),
        None => s,
    };
    // `string (timestamp)`, `String collection`, `Collection(Guid)`.
    let s = s.split_once(" (").map_or(s, |(head, _)| head).trim();
    let s = s
        .strip_suffix(" collection")
        .or_else(|| s.strip_suffix(" Collection"))
        .unwrap_or(s);
    let s = s
        .strip_prefix("Collection(")
        .and_then(|x| x.strip_suffix(')'))
        .unwrap_or(s);
    let named = Primitive::from_name(s).is_some() || names_type(s);
    named.then(|| Stand::Named(s.to_owned()))
}

/// Whether a template naming `named` stands for a value of `expected` (a qualified type name).
fn stands_for(named: &str, expected: &Element, kind: Option<TypeKind>) -> bool {
    let json_class = |p: Primitive| match p {
        Primitive::Boolean => 1,
        Primitive::Int16
        | Primitive::Int32
        | Primitive::Int64
        | Primitive::Byte
        | Primitive::SByte
        | Primitive::Double
        | Primitive::Single
        | Primitive::Decimal => 2,
        _ => 3,
    };
    let qualified = expected.qualified();
    let simple = qualified.rsplit('.').next().unwrap_or(qualified);
    if named.eq_ignore_ascii_case(qualified) || named.eq_ignore_ascii_case(simple) {
        return true;
    }
    let named = Primitive::from_name(named);
    match (named, expected.primitive(), kind) {
        (Some(n), Some(e), _) => json_class(n) == json_class(e),
        // Enum values are strings.
        (Some(n), None, Some(TypeKind::Enum)) => json_class(n) == 3,
        _ => false,
    }
}

struct Checker<'a> {
    index: &'a SchemaIndex<'a>,
    /// The types' simple names, lowercase (a template may name a type without its namespace).
    simple_names: &'a BTreeSet<String>,
    ex: &'a crate::ir::Example,
    failures: Vec<Failure>,
    templates: Vec<Template>,
}

impl<'a> Checker<'a> {
    fn fail(&mut self, kind: FailureKind, cause: Cause, key: &str, from: usize, message: String) {
        self.failures.push(Failure {
            kind,
            cause,
            role: self.ex.role,
            origin: locate(self.ex, key, from),
            message,
        });
    }

    /// Whether `v` is a template value that stands for a value of `p`'s element type; if so it
    /// is recorded. Called only where `v` does not fit that type.
    fn is_template(&mut self, v: &Value, p: &Property, key: &str, at: usize) -> bool {
        let declared = self.type_of(p);
        let kind = declared.map(|t| t.kind);
        let fits = match template(v, |s| {
            self.index.get(&odata_key(s)).is_some()
                || self.simple_names.contains(&s.to_ascii_lowercase())
        }) {
            None => return false,
            Some(Stand::Any) => true,
            Some(Stand::Named(n)) => stands_for(&n, &p.ty.element, kind),
            Some(Stand::OneOf(values)) => declared.is_some_and(|t| {
                t.kind == TypeKind::Enum
                    && values
                        .iter()
                        .all(|v| t.members.iter().any(|m| m.name.eq_ignore_ascii_case(v)))
            }),
        };
        if fits {
            self.templates.push(Template {
                role: self.ex.role,
                origin: locate(self.ex, key, at),
                message: format!("`{key}`: {v} stands for a `{}` value", p.ty.element),
            });
        }
        fits
    }

    /// The schema type of `p`'s values (none for a primitive).
    fn type_of(&self, p: &Property) -> Option<&'a TypeDef> {
        let named = p.ty.element.named()?;
        self.index.get(named)
    }

    /// `t` and its bases, nearest first.
    fn chain(&self, t: &'a TypeDef) -> Vec<&'a TypeDef> {
        std::iter::once(t).chain(self.index.ancestors(t)).collect()
    }

    /// A complex type whose chain declares no property and that no type derives from: it says
    /// nothing about its values (`Json`), so any JSON value is one.
    fn says_nothing(&self, t: &'a TypeDef) -> bool {
        t.kind == TypeKind::Complex
            && self.chain(t).iter().all(|x| x.properties.is_empty())
            && self.index.children(t).is_empty()
    }

    /// An object of type `declared` (or of the derived type its `@odata.type` names).
    fn object(&mut self, value: &Value, declared: &'a TypeDef, from: usize, full: bool) {
        let Value::Object(map) = value else {
            if !value.is_null() {
                self.fail(
                    FailureKind::WrongType,
                    cause_of(Some(declared)),
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
            match self.index.get(&odata_key(tag)) {
                None => self.fail(
                    FailureKind::UnknownODataType,
                    Cause::Doc,
                    "@odata.type",
                    from,
                    format!("`@odata.type` `{tag}` is not a type of the schema"),
                ),
                Some(named) if named.kind == TypeKind::Enum => {}
                Some(named) => {
                    if self.chain(named).iter().any(|x| std::ptr::eq(*x, declared)) {
                        t = named;
                    } else if !self.chain(declared).iter().any(|x| std::ptr::eq(*x, named)) {
                        let cause = cause_of(Some(named)).max(cause_of(Some(declared)));
                        self.fail(
                            FailureKind::NotDerived,
                            cause,
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
        let props: Vec<Declared<'a>> = chain
            .iter()
            .flat_map(|x| x.properties.iter().map(move |p| (p, Some(*x))))
            .collect();
        self.check_map(map, &props, open, Some(t), from);
        if full {
            for (p, owner) in props.iter().filter(|(p, _)| !p.navigation) {
                if !map.keys().any(|k| k.eq_ignore_ascii_case(&p.name)) {
                    self.fail(
                        FailureKind::MissingProperty,
                        cause_of(*owner),
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
    fn properties(&mut self, value: &Value, params: &'a [Property], from: usize) {
        let Value::Object(map) = value else {
            return;
        };
        let props: Vec<Declared<'a>> = params.iter().map(|p| (p, None)).collect();
        self.check_map(map, &props, false, None, from);
    }

    /// The properties of an object of type `owner` (`None`: an operation's parameters).
    fn check_map(
        &mut self,
        map: &serde_json::Map<String, Value>,
        props: &[Declared<'a>],
        open: bool,
        owner: Option<&'a TypeDef>,
        from: usize,
    ) {
        for (k, v) in map {
            if k.contains('@') {
                continue;
            }
            let at = key_offset(&self.ex.json, k, from);
            let found = props
                .iter()
                .find(|(p, _)| p.name == *k)
                .or_else(|| props.iter().find(|(p, _)| p.name.eq_ignore_ascii_case(k)));
            match found {
                Some((p, declaring)) => self.value(v, p, *declaring, k, at),
                None if open => {}
                None => {
                    let what = owner.map_or_else(
                        || "the parameters".to_owned(),
                        |t| format!("`{}`", t.qualified_name()),
                    );
                    self.fail(
                        FailureKind::UnknownProperty,
                        cause_of(owner),
                        k,
                        from,
                        format!("`{k}` is not a property of {what}"),
                    );
                }
            }
        }
    }

    /// A property's value.
    fn value(
        &mut self,
        v: &Value,
        p: &'a Property,
        owner: Option<&'a TypeDef>,
        key: &str,
        at: usize,
    ) {
        if v.is_null() {
            return;
        }
        match (p.ty.collection, v) {
            (true, Value::Array(items)) => {
                let ex = self.ex;
                for (item, start) in items_at(&ex.json, items, at) {
                    self.element(item, p, owner, key, start);
                }
            }
            (true, other) if self.is_template(other, p, key, at) => {}
            (true, other) => self.fail(
                FailureKind::WrongType,
                cause_of(owner),
                key,
                at,
                format!(
                    "`{key}` is a collection of `{}`, found {}",
                    p.ty.element,
                    json_kind(other)
                ),
            ),
            (false, Value::Array(_)) if p.ty.element.primitive() != Some(Primitive::Untyped) => {
                let declared = self.type_of(p);
                if !declared.is_some_and(|t| self.says_nothing(t)) {
                    self.fail(
                        FailureKind::WrongType,
                        cause_of(owner),
                        key,
                        at,
                        format!("`{key}` is one `{}`, found an array", p.ty.element),
                    );
                }
            }
            (false, v) => self.element(v, p, owner, key, at),
        }
    }

    fn element(
        &mut self,
        v: &Value,
        p: &'a Property,
        owner: Option<&'a TypeDef>,
        key: &str,
        at: usize,
    ) {
        if v.is_null() {
            return;
        }
        if let Some(prim) = p.ty.element.primitive() {
            if !primitive_accepts(prim, v) && !self.is_template(v, p, key, at) {
                self.fail(
                    FailureKind::WrongType,
                    cause_of(owner),
                    key,
                    at,
                    format!("`{key}` is `{}`, found {}", p.ty.element, json_kind(v)),
                );
            }
            return;
        }
        let Some(t) = self.type_of(p) else {
            return;
        };
        if t.kind == TypeKind::Enum {
            let Value::String(s) = v else {
                if !self.is_template(v, p, key, at) {
                    self.fail(
                        FailureKind::WrongType,
                        cause_of(owner),
                        key,
                        at,
                        format!(
                            "`{key}` is the enum `{}`, found {}",
                            p.ty.element,
                            json_kind(v)
                        ),
                    );
                }
                return;
            };
            let parts: Vec<&str> = if t.flags {
                s.split(',').map(str::trim).collect()
            } else {
                vec![s.as_str()]
            };
            let unknown: Vec<&str> = parts
                .into_iter()
                .filter(|part| !t.members.iter().any(|m| m.name.eq_ignore_ascii_case(part)))
                .collect();
            if unknown.is_empty() || self.is_template(v, p, key, at) {
                return;
            }
            let cause = cause_of(owner).max(cause_of(Some(t)));
            for part in unknown {
                self.fail(
                    FailureKind::EnumValue,
                    cause,
                    key,
                    at,
                    format!(
                        "`{key}`: `{part}` is not a member of `{}`",
                        t.qualified_name()
                    ),
                );
            }
            return;
        }
        if self.says_nothing(t) || (!v.is_object() && self.is_template(v, p, key, at)) {
            return;
        }
        self.object(v, t, at, false);
    }
}

/// Whether a JSON value can be the primitive `Edm.{prim}`.
fn primitive_accepts(prim: Primitive, v: &Value) -> bool {
    use Primitive::*;
    match prim {
        String | Guid | Date | DateTimeOffset | Duration | TimeOfDay | Binary => v.is_string(),
        Boolean => v.is_boolean(),
        Int16 | Int32 | Byte | SByte => v.is_i64() || v.is_u64(),
        // Int64 and Decimal may be sent as strings (IEEE754Compatible); floats may be "NaN"/"INF".
        Int64 | Decimal => v.is_i64() || v.is_u64() || v.is_string(),
        Double | Single => v.is_number() || v.is_string(),
        Stream | Untyped => true,
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

/// Each item of an array with its byte offset ([`item_offset`]): the first searched from `from`,
/// each next one past the end of the one before.
fn items_at<'v>(
    json: &'v str,
    items: &'v [Value],
    from: usize,
) -> impl Iterator<Item = (&'v Value, usize)> + 'v {
    items.iter().scan(from, move |from, item| {
        let start = item_offset(json, item, *from);
        *from = value_end(json, start);
        Some((item, start))
    })
}

/// Byte offset of an array item that starts at or after `from`: an object's `{`, an array's `[`,
/// else `from` (scalars are reported at their array). Items are visited in order, each search
/// starting past the end of the previous item ([`value_end`]), so each item gets its own lines.
fn item_offset(json: &str, item: &Value, from: usize) -> usize {
    let open = match item {
        Value::Object(_) => '{',
        Value::Array(_) => '[',
        _ => return from,
    };
    json.get(from..)
        .and_then(|rest| rest.find(open))
        .map_or(from, |i| from + i)
}

/// The byte offset just past the object or array that opens at `start` (strings and escapes
/// skipped); `start` itself when no bracket opens there, the text's end when it never closes.
fn value_end(json: &str, start: usize) -> usize {
    let Some(rest) = json.get(start..) else {
        return start;
    };
    if !rest.starts_with(['{', '[']) {
        return start;
    }
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (i, c) in rest.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            '{' | '[' if !in_string => depth += 1,
            '}' | ']' if !in_string => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return start + i + 1;
                }
            }
            _ => {}
        }
    }
    json.len()
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
