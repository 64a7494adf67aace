//! The vocabulary scrambler of the `vocabulary_blind` test: rewrites a markdown page so that every
//! natural-language word becomes a made-up word (`Zuvoka`), consistently (the same word, in any
//! case, gives the same token within a run), while everything that is not natural language stays
//! byte for byte: the markdown structure (`#`, `|`, `-`, `*`, `>`, list numbers, blank lines),
//! fenced code blocks, inline code spans, HTML comments and tags (annotations, `<a name>`
//! anchors), links (`[text](target)`, `[text][ref]`, reference definitions), entities, bare URLs,
//! the first cell of each table body row (the property, member or method names), and the front
//! matter except the value of `title:`.
//!
//! A word is a run of letters (Unicode-aware). A run of letters and digits that looks like an
//! identifier rather than a word is kept: one with a digit (`Int32`, `v1`), an inner upper-case
//! letter (`callRecord`, `OData`, `ID`), an inner `.` or `_` (`microsoft.graph.user`,
//! `Edm.String`, `snake_case`), or an opening parenthesis right after it (`Collection(`: OData
//! syntax, not prose). Everything else (`Properties`, `String`, `collection`, `values`, a single
//! lower-case type name in a heading) is scrambled, as a translation would translate it.
//!
//! The scrambler works line by line with a small state machine (front matter, fenced block,
//! multi-line HTML comment, table) and, within a line, splits out the protected spans.

use std::collections::{HashMap, HashSet};

/// SplitMix64: a tiny seeded generator, so that a printed seed replays a run exactly.
#[derive(Debug, Clone)]
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// FNV-1a, to derive a word's own generator from the run's seed.
fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

const CONSONANTS: &[u8] = b"bdfgklmnprstvz";
const VOWELS: &[u8] = b"aeiou";

/// Where the line walk is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Normal,
    FrontMatter,
    /// Inside a fenced block opened by `len` times `fence`.
    Fence {
        fence: u8,
        len: usize,
    },
    /// Inside an HTML comment that opened on an earlier line.
    Comment,
}

/// Scrambles pages with one word-to-token map.
#[derive(Debug, Clone)]
pub struct Scrambler {
    seed: u64,
    /// Lower-case word → lower-case token.
    tokens: HashMap<String, String>,
    used: HashSet<String>,
}

impl Scrambler {
    pub fn new(seed: u64) -> Self {
        Scrambler {
            seed,
            tokens: HashMap::new(),
            used: HashSet::new(),
        }
    }

    /// How many distinct words were replaced so far.
    pub fn words(&self) -> usize {
        self.tokens.len()
    }

    /// The token a word was (or will be) replaced by, in the word's case shape.
    pub fn token(&mut self, word: &str) -> String {
        let lower = word.to_lowercase();
        let token = match self.tokens.get(&lower) {
            Some(t) => t.clone(),
            None => {
                let mut rng = Rng(self.seed ^ fnv(&lower));
                let syllables = 3 + (word.chars().count() / 4).min(2);
                let token = loop {
                    let mut t = String::new();
                    for _ in 0..syllables {
                        t.push(char::from(CONSONANTS[rng.below(CONSONANTS.len())]));
                        t.push(char::from(VOWELS[rng.below(VOWELS.len())]));
                    }
                    // Never a word the reader knows (a primitive type's name or alias), never
                    // another word's token.
                    if graphdoc::page::Primitive::from_name(&t).is_none() && !self.used.contains(&t)
                    {
                        break t;
                    }
                };
                self.used.insert(token.clone());
                self.tokens.insert(lower, token.clone());
                token
            }
        };
        if word.chars().next().is_some_and(char::is_uppercase) {
            let mut chars = token.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        } else {
            token
        }
    }

    /// The page with its words scrambled.
    pub fn page(&mut self, text: &str) -> String {
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        let mut out = String::with_capacity(text.len() + text.len() / 8);
        let mut state = State::Normal;
        let mut in_table = false;
        for (i, raw) in lines.iter().enumerate() {
            let (line, end) = split_eol(raw);
            let trimmed = line.trim_start();
            match state {
                State::FrontMatter => {
                    if line.trim_end() == "---" || line.trim_end() == "..." {
                        state = State::Normal;
                        out.push_str(line);
                    } else if let Some(value) = line.strip_prefix("title:") {
                        out.push_str("title:");
                        self.inline(value, &mut out, &mut state);
                        // A title never opens a comment that spans lines.
                        state = State::FrontMatter;
                    } else {
                        out.push_str(line);
                    }
                }
                State::Fence { fence, len } => {
                    out.push_str(line);
                    let run = trimmed.bytes().take_while(|&b| b == fence).count();
                    if run >= len && trimmed[run..].trim().is_empty() {
                        state = State::Normal;
                    }
                }
                State::Comment => match line.find("-->") {
                    Some(close) => {
                        out.push_str(&line[..close + 3]);
                        state = State::Normal;
                        self.inline(&line[close + 3..], &mut out, &mut state);
                    }
                    None => out.push_str(line),
                },
                State::Normal if i == 0 && line.trim_end() == "---" => {
                    state = State::FrontMatter;
                    out.push_str(line);
                }
                State::Normal => {
                    let fence = trimmed.bytes().next().filter(|b| matches!(b, b'`' | b'~'));
                    let run = fence.map_or(0, |f| trimmed.bytes().take_while(|&b| b == f).count());
                    if let Some(fence) = fence.filter(|_| run >= 3) {
                        state = State::Fence { fence, len: run };
                        in_table = false;
                        out.push_str(line);
                    } else if is_reference_definition(trimmed) {
                        out.push_str(line);
                    } else if is_delimiter_row(line) {
                        in_table = true;
                        out.push_str(line);
                    } else if line.contains('|')
                        && lines
                            .get(i + 1)
                            .is_some_and(|next| is_delimiter_row(split_eol(next).0))
                    {
                        // A header row: every cell is words.
                        self.inline(line, &mut out, &mut state);
                    } else if in_table && line.contains('|') {
                        let first = first_cell_end(line);
                        out.push_str(&line[..first]);
                        self.inline(&line[first..], &mut out, &mut state);
                    } else {
                        in_table = false;
                        self.inline(line, &mut out, &mut state);
                    }
                }
            }
            out.push_str(end);
        }
        out
    }

    /// Scrambles the words of one line's text outside its protected spans. Sets `state` to
    /// `Comment` when an HTML comment opens and does not close on the line.
    fn inline(&mut self, s: &str, out: &mut String, state: &mut State) {
        let mut i = 0;
        while i < s.len() {
            let rest = &s[i..];
            let c = rest.chars().next().unwrap_or(' ');
            let protected = match c {
                '`' => code_span(rest),
                '<' if rest.starts_with("<!--") => match rest.find("-->") {
                    Some(close) => Some(close + 3),
                    None => {
                        *state = State::Comment;
                        Some(rest.len())
                    }
                },
                '<' => html_tag(rest),
                '[' => link(rest),
                '!' if rest.starts_with("![") => link(&rest[1..]).map(|n| n + 1),
                '&' => entity(rest),
                'h' if rest.starts_with("http://") || rest.starts_with("https://") => {
                    Some(rest.find([' ', '\t', '|', ')']).unwrap_or(rest.len()))
                }
                _ => None,
            };
            if let Some(n) = protected {
                out.push_str(&rest[..n]);
                i += n;
                continue;
            }
            if c.is_alphanumeric() {
                let n = group_len(rest);
                let group = &rest[..n];
                if is_identifier_like(group, &rest[n..]) {
                    out.push_str(group);
                } else {
                    out.push_str(&self.token(group));
                }
                i += n;
                continue;
            }
            out.push(c);
            i += c.len_utf8();
        }
    }
}

/// The line without its line ending, and the ending (`\n`, `\r\n` or nothing).
fn split_eol(raw: &str) -> (&str, &str) {
    let body = raw.strip_suffix('\n').unwrap_or(raw);
    let body = body.strip_suffix('\r').unwrap_or(body);
    (body, &raw[body.len()..])
}

/// `| --- | :-: |`, `---|---`: only pipes, dashes, colons and blanks, with a dash and a pipe.
fn is_delimiter_row(line: &str) -> bool {
    line.contains('-')
        && line.contains('|')
        && line
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// `[id]: https://...`: a link reference definition.
fn is_reference_definition(trimmed: &str) -> bool {
    trimmed.starts_with('[')
        && trimmed
            .find("]:")
            .is_some_and(|close| !trimmed[1..close].contains(['[', ']']))
}

/// The byte offset where a table row's first cell ends (at its closing pipe, which is not part of
/// it), or the line's length.
fn first_cell_end(line: &str) -> usize {
    let lead = line.len() - line.trim_start().len();
    let start = if line[lead..].starts_with('|') {
        lead + 1
    } else {
        lead
    };
    let bytes = line.as_bytes();
    (start..bytes.len())
        .find(|&i| bytes[i] == b'|' && (i == 0 || bytes[i - 1] != b'\\'))
        .unwrap_or(line.len())
}

/// An inline code span at the start of `s` (`` `x` ``, ``` `` a`b `` ```): its length, or `None`
/// when the backticks open nothing (no closing run of the same length on the line).
fn code_span(s: &str) -> Option<usize> {
    let open = s.bytes().take_while(|&b| b == b'`').count();
    let mut i = open;
    let bytes = s.as_bytes();
    while i < bytes.len() {
        if bytes[i] == b'`' {
            let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
            if run == open {
                return Some(i + run);
            }
            i += run;
        } else {
            i += 1;
        }
    }
    // Unclosed: the backticks are literal.
    Some(open)
}

/// An HTML tag at the start of `s` (`<a name="x">`, `</a>`, `<br/>`, `<https://x>`): its
/// length. `<` before anything else (`a < b`) is text.
fn html_tag(s: &str) -> Option<usize> {
    let next = s[1..].chars().next()?;
    if !(next.is_ascii_alphabetic() || next == '/' || next == '!' || next == '?') {
        return None;
    }
    s.find('>').map(|close| close + 1)
}

/// A link at the start of `s` (`[text](target)`, `[text][ref]`, `[text][]`): its length. A
/// bracket followed by neither is not a link (`[!NOTE]`, `[optional]`).
fn link(s: &str) -> Option<usize> {
    let close = matching(s, b'[', b']')?;
    let after = &s[close + 1..];
    match after.bytes().next() {
        Some(b'(') => matching(after, b'(', b')').map(|n| close + 1 + n + 1),
        Some(b'[') => after.find(']').map(|n| close + 1 + n + 1),
        _ => None,
    }
}

/// The offset of the bracket that closes the one `s` starts with.
fn matching(s: &str, open: u8, close: u8) -> Option<usize> {
    let mut depth = 0usize;
    for (i, b) in s.bytes().enumerate() {
        if b == open {
            depth += 1;
        } else if b == close {
            depth -= 1;
            if depth == 0 {
                return Some(i);
            }
        }
    }
    None
}

/// `&amp;`, `&#124;`, `&#x7C;`: its length.
fn entity(s: &str) -> Option<usize> {
    let semi = s.find(';')?;
    let body = &s[1..semi];
    let ok = !body.is_empty()
        && body.len() <= 10
        && (body.chars().all(|c| c.is_ascii_alphanumeric())
            || body
                .strip_prefix('#')
                .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric())));
    ok.then_some(semi + 1)
}

/// The length of the run of letters and digits at the start of `s`, with the `.` and `_` that
/// join two such runs (`microsoft.graph.user`, `snake_case`).
fn group_len(s: &str) -> usize {
    let mut chars = s.char_indices().peekable();
    let mut end = 0;
    while let Some((i, c)) = chars.next() {
        if c.is_alphanumeric() {
            end = i + c.len_utf8();
        } else if (c == '.' || c == '_') && chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric())
        {
            continue;
        } else {
            break;
        }
    }
    end
}

/// Whether a group is a name rather than a word (see the module doc); `after` is the text after it.
fn is_identifier_like(group: &str, after: &str) -> bool {
    group.chars().any(|c| !c.is_alphabetic())
        || group.chars().skip(1).any(char::is_uppercase)
        || after.starts_with('(')
}

/// The line skeleton: every run of letters as `w`. Scrambling keeps it (tokens are letters).
pub fn skeleton(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_word = false;
    for c in text.chars() {
        if c.is_alphabetic() {
            if !in_word {
                out.push('w');
            }
            in_word = true;
        } else {
            out.push(c);
            in_word = false;
        }
    }
    out
}
