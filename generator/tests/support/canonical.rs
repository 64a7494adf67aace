//! A token-preserving canonical form of JSON text, for the `exact` figure of the payload test:
//! the text is parsed into a tree that keeps every number and string token as written (no number
//! is reparsed, so `1` and `1.0`, `1.50` and `1.5` stay apart; no string is re-escaped), object
//! members are sorted by their decoded keys (stably: duplicate keys keep their order), and
//! whitespace is dropped.

/// One token of the canonical form, with the JSON pointer of the value it belongs to (a
/// container's punctuation belongs to the container).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub path: String,
    pub text: String,
}

/// The parsed tree: atoms (numbers, strings, `true`, `false`, `null`) keep their raw text.
enum Node<'a> {
    Atom(&'a str),
    Array(Vec<Node<'a>>),
    /// (decoded key, raw key token, value)
    Object(Vec<(String, &'a str, Node<'a>)>),
}

/// The canonical text of `json`: minified, keys sorted, tokens as written.
pub fn canonical(json: &str) -> Result<String, String> {
    Ok(tokens(json)?.into_iter().map(|t| t.text).collect())
}

/// The tokens of the canonical form of `json`, or where it is not JSON.
pub fn tokens(json: &str) -> Result<Vec<Token>, String> {
    let mut parser = Parser { text: json, pos: 0 };
    let node = parser.value()?;
    parser.ws();
    if parser.pos != json.len() {
        return parser.err("trailing text");
    }
    let mut out = Vec::new();
    emit(node, &mut String::new(), &mut out);
    Ok(out)
}

/// The first tokens where `a` and `b` differ (`None` for the side that ended first), or `None`
/// when they are the same.
pub fn first_difference<'t>(
    a: &'t [Token],
    b: &'t [Token],
) -> Option<(Option<&'t Token>, Option<&'t Token>)> {
    (0..a.len().max(b.len()))
        .map(|i| (a.get(i), b.get(i)))
        .find(|(x, y)| x.map(|t| &t.text) != y.map(|t| &t.text))
}

fn emit(node: Node<'_>, path: &mut String, out: &mut Vec<Token>) {
    let push = |out: &mut Vec<Token>, path: &str, text: &str| {
        out.push(Token {
            path: path.to_string(),
            text: text.to_string(),
        })
    };
    match node {
        Node::Atom(text) => push(out, path, text),
        Node::Array(items) => {
            push(out, path, "[");
            for (i, item) in items.into_iter().enumerate() {
                if i > 0 {
                    push(out, path, ",");
                }
                let len = path.len();
                path.push_str(&format!("/{i}"));
                emit(item, path, out);
                path.truncate(len);
            }
            push(out, path, "]");
        }
        Node::Object(mut members) => {
            members.sort_by(|a, b| a.0.cmp(&b.0));
            push(out, path, "{");
            for (i, (key, raw, value)) in members.into_iter().enumerate() {
                if i > 0 {
                    push(out, path, ",");
                }
                let len = path.len();
                path.push('/');
                path.push_str(&key.replace('~', "~0").replace('/', "~1"));
                push(out, path, raw);
                push(out, path, ":");
                emit(value, path, out);
                path.truncate(len);
            }
            push(out, path, "}");
        }
    }
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn err<T>(&self, what: &str) -> Result<T, String> {
        Err(format!("{what} at byte {}", self.pos))
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    /// Skips whitespace and the byte `b`.
    fn expect(&mut self, b: u8) -> Result<(), String> {
        self.ws();
        if self.peek() != Some(b) {
            return self.err(&format!("expected `{}`", b as char));
        }
        self.pos += 1;
        Ok(())
    }

    fn value(&mut self) -> Result<Node<'a>, String> {
        self.ws();
        match self.peek() {
            Some(b'{') => {
                self.pos += 1;
                let mut members = Vec::new();
                self.ws();
                if self.peek() == Some(b'}') {
                    self.pos += 1;
                    return Ok(Node::Object(members));
                }
                loop {
                    self.ws();
                    let raw = self.string()?;
                    let key = serde_json::from_str::<String>(raw).map_err(|e| e.to_string())?;
                    self.expect(b':')?;
                    members.push((key, raw, self.value()?));
                    if self.separator(b'}')? {
                        return Ok(Node::Object(members));
                    }
                }
            }
            Some(b'[') => {
                self.pos += 1;
                let mut items = Vec::new();
                self.ws();
                if self.peek() == Some(b']') {
                    self.pos += 1;
                    return Ok(Node::Array(items));
                }
                loop {
                    items.push(self.value()?);
                    if self.separator(b']')? {
                        return Ok(Node::Array(items));
                    }
                }
            }
            Some(b'"') => Ok(Node::Atom(self.string()?)),
            Some(_) => {
                let start = self.pos;
                while let Some(b'-' | b'+' | b'.' | b'0'..=b'9' | b'a'..=b'z' | b'E') = self.peek()
                {
                    self.pos += 1;
                }
                let atom = &self.text[start..self.pos];
                if matches!(atom, "true" | "false" | "null") || is_number(atom) {
                    Ok(Node::Atom(atom))
                } else {
                    self.pos = start;
                    self.err("expected a value")
                }
            }
            None => self.err("expected a value"),
        }
    }

    /// After a member or item: `,` (false: more follow) or `close` (true: the end).
    fn separator(&mut self, close: u8) -> Result<bool, String> {
        self.ws();
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                Ok(false)
            }
            Some(b) if b == close => {
                self.pos += 1;
                Ok(true)
            }
            _ => self.err(&format!("expected `,` or `{}`", close as char)),
        }
    }

    /// A string token, quotes included, as written (escapes are checked by decoding keys only).
    fn string(&mut self) -> Result<&'a str, String> {
        let start = self.pos;
        if self.peek() != Some(b'"') {
            return self.err("expected a string");
        }
        self.pos += 1;
        loop {
            match self.peek() {
                None => return self.err("unterminated string"),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(&self.text[start..self.pos]);
                }
                Some(b'\\') => self.pos += 2,
                Some(b) if b < 0x20 => return self.err("control character in a string"),
                Some(_) => self.pos += 1,
            }
        }
    }
}

/// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
fn is_number(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'-'));
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    match digits(&mut i) {
        0 => return false,
        n if n > 1 && b[i - n] == b'0' => return false,
        _ => {}
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_is_removed() {
        assert_eq!(
            canonical(" {\n  \"a\" : [ 1 ,\t2 ] ,\r\n \"b\":null }\n").unwrap(),
            r#"{"a":[1,2],"b":null}"#
        );
    }

    #[test]
    fn nested_object_keys_are_sorted_and_arrays_keep_their_order() {
        assert_eq!(
            canonical(r#"{"z":{"y":true,"x":[{"b":1,"a":2},{}]},"a":[3,1,2]}"#).unwrap(),
            r#"{"a":[3,1,2],"z":{"x":[{"a":2,"b":1},{}],"y":true}}"#
        );
    }

    #[test]
    fn numbers_are_kept_as_written() {
        assert_eq!(
            canonical("[1, 1.0, 1.50, -0, 1e3, 1E+03, 12345678901234567890123]").unwrap(),
            "[1,1.0,1.50,-0,1e3,1E+03,12345678901234567890123]"
        );
        assert_ne!(canonical("[1]"), canonical("[1.0]"));
        assert_ne!(canonical("[1.50]"), canonical("[1.5]"));
    }

    #[test]
    fn strings_keep_their_escapes_and_keys_sort_decoded() {
        // `\u0062` is `b`: it sorts between `a` and `c`, written as it was.
        assert_eq!(
            canonical(r#"{"c":"\"q\" \\ \/ \u00e9 \n","\u0062":"é","a":"x"}"#).unwrap(),
            r#"{"a":"x","\u0062":"é","c":"\"q\" \\ \/ \u00e9 \n"}"#
        );
        assert_ne!(canonical(r#"["\u00e9"]"#), canonical(r#"["é"]"#));
    }

    #[test]
    fn tokens_carry_their_paths_and_the_first_difference_is_found() {
        let a = tokens(r#"{"value":[{"size":1}]}"#).unwrap();
        let b = tokens(r#"{"value":[{"size":1.0}]}"#).unwrap();
        let (x, y) = first_difference(&a, &b).unwrap();
        assert_eq!(x.unwrap().path, "/value/0/size");
        assert_eq!(
            (x.unwrap().text.as_str(), y.unwrap().text.as_str()),
            ("1", "1.0")
        );
        assert_eq!(first_difference(&a, &a), None);
        let c = tokens(r#"{"a/b~":[]}"#).unwrap();
        assert_eq!(c[1].path, "/a~1b~0");
    }

    #[test]
    fn what_is_not_json_is_rejected() {
        for bad in [
            "",
            "{",
            r#"{"a":1,}"#,
            "[1,]",
            r#"{"a": ...}"#,
            "[1] // comment",
            "[01]",
            "[1.]",
            "[.5]",
            "[+1]",
            "[tru]",
            "{a:1}",
            "\"unterminated",
            "[1] [2]",
        ] {
            assert!(canonical(bad).is_err(), "{bad}");
        }
    }
}
