//! The first difference between two JSON values, for the payload test's lossless failures: the
//! JSON pointer where they part (`/value/0/size: 1 vs 1.0`) and the kind of change, to group
//! failures by cause.

use serde_json::Value;
use std::fmt;

/// Where two values first differ, and what each holds there (`None`: the member or item is
/// missing on that side).
#[derive(Debug, PartialEq)]
pub struct Difference {
    pub path: String,
    pub left: Option<Value>,
    pub right: Option<Value>,
}

/// The first place where `a` and `b` differ (objects member by member in `a`'s order, then the
/// members only `b` has; arrays item by item), or `None` when they are equal.
pub fn first_difference(a: &Value, b: &Value) -> Option<Difference> {
    walk(a, b, &mut String::new())
}

fn walk(a: &Value, b: &Value, path: &mut String) -> Option<Difference> {
    if a == b {
        return None;
    }
    let differ = |path: &str, l: Option<&Value>, r: Option<&Value>| {
        Some(Difference {
            path: path.to_string(),
            left: l.cloned(),
            right: r.cloned(),
        })
    };
    let inner = |path: &mut String, key: &str, l: Option<&Value>, r: Option<&Value>| {
        let len = path.len();
        path.push('/');
        path.push_str(&key.replace('~', "~0").replace('/', "~1"));
        let found = match (l, r) {
            (Some(l), Some(r)) => walk(l, r, path),
            _ => differ(path, l, r),
        };
        path.truncate(len);
        found
    };
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys = x.keys().chain(y.keys().filter(|k| !x.contains_key(*k)));
            for k in keys {
                if let Some(d) = inner(path, k, x.get(k), y.get(k)) {
                    return Some(d);
                }
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            for i in 0..x.len().max(y.len()) {
                if let Some(d) = inner(path, &i.to_string(), x.get(i), y.get(i)) {
                    return Some(d);
                }
            }
        }
        _ => {}
    }
    differ(path, Some(a), Some(b))
}

/// A value shortened for a report line.
fn show(v: &Option<Value>) -> String {
    match v {
        None => "(missing)".into(),
        Some(v) => {
            let text = v.to_string();
            match text.char_indices().nth(60) {
                Some((i, _)) => format!("{}…", &text[..i]),
                None => text,
            }
        }
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

impl Difference {
    /// The kind of change, without the values: what failures are grouped by.
    pub fn kind(&self) -> String {
        match (&self.left, &self.right) {
            (Some(_), None) => "lossless: a property or item is dropped".into(),
            (None, Some(_)) => "lossless: a property or item is added".into(),
            (Some(Value::Number(l)), Some(Value::Number(r))) if l.as_f64() == r.as_f64() => {
                "lossless: number spelling (1 vs 1.0)".into()
            }
            (Some(Value::String(l)), Some(Value::String(r))) if l.eq_ignore_ascii_case(r) => {
                "lossless: a string changes case (enum spelling)".into()
            }
            (Some(l), Some(r)) if kind_of(l) == kind_of(r) => {
                format!("lossless: a {} changes value", kind_of(l))
            }
            (Some(l), Some(r)) => format!("lossless: a {} becomes a {}", kind_of(l), kind_of(r)),
            (None, None) => "lossless: (no difference)".into(),
        }
    }
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "/"
        } else {
            &self.path
        };
        write!(f, "{path}: {} vs {}", show(&self.left), show(&self.right))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn diff(a: &str, b: &str) -> Option<String> {
        let parse = |s: &str| serde_json::from_str::<Value>(s).unwrap();
        first_difference(&parse(a), &parse(b)).map(|d| d.to_string())
    }

    #[test]
    fn the_first_differing_path_is_named_with_both_values() {
        assert_eq!(
            diff(r#"{"value":[{"size":1}]}"#, r#"{"value":[{"size":1.0}]}"#).as_deref(),
            Some("/value/0/size: 1 vs 1.0")
        );
        assert_eq!(
            diff(r#"{"a":1,"b":2}"#, r#"{"b":2}"#).as_deref(),
            Some("/a: 1 vs (missing)")
        );
        assert_eq!(
            diff(r#"[1]"#, r#"[1,{"x":"y"}]"#).as_deref(),
            Some(r#"/1: (missing) vs {"x":"y"}"#)
        );
        assert_eq!(diff("1", "\"1\"").as_deref(), Some("/: 1 vs \"1\""));
    }

    #[test]
    fn equal_values_in_any_member_order_have_no_difference() {
        assert_eq!(diff(r#"{"a":1,"b":[2]}"#, r#"{"b":[2],"a":1}"#), None);
    }

    #[test]
    fn kinds_leave_the_values_out() {
        let d = |l: Value, r: Value| Difference {
            path: "/x".into(),
            left: Some(l),
            right: Some(r),
        };
        assert_eq!(
            d(json!(1), json!(1.0)).kind(),
            "lossless: number spelling (1 vs 1.0)"
        );
        assert_eq!(
            d(json!("a"), json!("b")).kind(),
            "lossless: a string changes value"
        );
        assert_eq!(
            d(json!("completed"), json!("Completed")).kind(),
            "lossless: a string changes case (enum spelling)"
        );
        assert_eq!(
            d(json!("1"), json!(1)).kind(),
            "lossless: a string becomes a number"
        );
    }
}
