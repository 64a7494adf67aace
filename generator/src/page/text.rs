//! Inline text: collecting a cell's or paragraph's words (the English reading of bilingual pages),
//! and the sentence-level signals read from descriptions.

use super::{Inline, Link};

/// Whether text inside a `<span>` is shown. Machine-translated pages write
/// `<span data-ttu-id=..>translation</span><span class="sxs-lookup"><span data-stu-id=..>English</span></span>`:
/// the `data-ttu-id` span is the translation and is skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Span {
    Shown,
    Translation,
    /// `<sup>…</sup>`: a footnote mark, hidden.
    Footnote,
}

/// Builds an [`Inline`] from pulldown-cmark inline events.
#[derive(Debug, Default)]
pub(super) struct InlineBuilder {
    inline: Inline,
    spans: Vec<Span>,
    links: Vec<(String, usize)>,
}

impl InlineBuilder {
    fn hidden(&self) -> bool {
        self.spans
            .iter()
            .any(|s| matches!(s, Span::Translation | Span::Footnote))
    }

    pub(super) fn text(&mut self, t: &str) {
        if !self.hidden() {
            self.inline.text.push_str(t);
        }
    }

    pub(super) fn code(&mut self, t: &str) {
        if !self.hidden() {
            self.inline.text.push('`');
            self.inline.text.push_str(t);
            self.inline.text.push('`');
            self.inline.code.push(t.to_owned());
        }
    }

    pub(super) fn space(&mut self) {
        if !self.hidden() && !self.inline.text.ends_with(' ') {
            self.inline.text.push(' ');
        }
    }

    pub(super) fn start_link(&mut self, dest: &str) {
        self.links.push((dest.to_owned(), self.inline.text.len()));
    }

    pub(super) fn end_link(&mut self) {
        if let Some((dest, start)) = self.links.pop() {
            if self.hidden() {
                return;
            }
            let text = self
                .inline
                .text
                .get(start..)
                .unwrap_or_default()
                .trim()
                .trim_matches('`')
                .to_owned();
            self.inline.links.push(Link { text, dest });
        }
    }

    /// Inline HTML: only `<span>` and `<sup>` nesting, `<br>` and anchors (`<a name=…>`,
    /// `<a id=…>`) matter; everything else is dropped.
    pub(super) fn html(&mut self, html: &str) {
        let mut rest = html;
        while let Some(open) = rest.find('<') {
            let Some(close) = rest[open..].find('>') else {
                break;
            };
            let tag = &rest[open + 1..open + close];
            let lower = tag.to_ascii_lowercase();
            if lower.starts_with("span") {
                let kind = if lower.contains("data-ttu-id") {
                    Span::Translation
                } else {
                    Span::Shown
                };
                if !tag.ends_with('/') {
                    self.spans.push(kind);
                }
            } else if lower.starts_with("/span") || lower.starts_with("/sup") {
                self.spans.pop();
            } else if lower.starts_with("sup") && !tag.ends_with('/') {
                // A superscript is a footnote mark (`Double<sup>1</sup>`), not part of the text.
                self.spans.push(Span::Footnote);
            } else if lower.starts_with("br") {
                self.space();
            } else if lower.starts_with("a ") {
                if let Some(anchor) = attribute(tag, "name").or_else(|| attribute(tag, "id")) {
                    self.inline.anchors.push(anchor.to_ascii_lowercase());
                }
            }
            rest = &rest[open + close + 1..];
        }
    }

    pub(super) fn finish(mut self) -> Inline {
        self.inline.text = collapse_whitespace(&self.inline.text);
        self.inline
    }
}

/// The value of attribute `name` in an HTML tag's text (`a name="x"`), quoted or not.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find(name) {
        let start = from + at;
        from = start + name.len();
        let before_ok = lower[..start].ends_with(char::is_whitespace);
        let rest = lower[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let value = tag[tag.len() - rest.len() + 1..].trim_start();
        let value = match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or(""),
            _ => value
                .split(|c: char| c.is_whitespace() || c == '/')
                .next()
                .unwrap_or(""),
        };
        let value = value.trim();
        return (!value.is_empty()).then(|| value.to_owned());
    }
    None
}

fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Removes `**TODO: ...**` placeholders from a description. Returns the cleaned text and whether a
/// placeholder was found.
pub fn strip_placeholder(text: &str) -> (String, bool) {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut found = false;
    while let Some(start) = rest.find("**TODO") {
        found = true;
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        rest = match after.find("**") {
            Some(end) => &after[end + 2..],
            None => "",
        };
    }
    out.push_str(rest);
    let cleaned = collapse_whitespace(&out);
    let cleaned = cleaned.trim_start_matches(['.', ' ']).to_owned();
    (cleaned, found)
}

/// The values listed after "Possible values are:" (or "Possible values:"/"The possible values
/// are:"), in order. Backticked values are taken as written; otherwise the comma-separated words up
/// to the end of the sentence, when every part is one word (else the sentence is prose: no list).
pub fn possible_values(description: &str) -> Vec<String> {
    let lower = description.to_ascii_lowercase();
    let Some(pos) = lower.find("possible values") else {
        return Vec::new();
    };
    let after = &description[pos + "possible values".len()..];
    let after = after.trim_start();
    let after = ["are", "include", "is"]
        .iter()
        .find_map(|w| after.strip_prefix(w))
        .unwrap_or(after);
    let after = after.trim_start_matches([' ', ':']);
    let sentence_end = sentence_end(after);
    let list = &after[..sentence_end];
    let mut values = Vec::new();
    if list.contains('`') {
        let mut parts = list.split('`');
        parts.next();
        while let (Some(v), _) = (parts.next(), parts.next()) {
            push_value(&mut values, v);
        }
    } else {
        // A bare list is words only: a part that is not one word (`"User" - can be assigned to
        // users, yet.`) means the sentence is prose, and its stray words are no values.
        let list = list.replace(" and ", ",").replace(" or ", ",");
        for part in list.split([',', '|']) {
            let part = part.trim();
            let part = part
                .strip_prefix("and ")
                .or_else(|| part.strip_prefix("or "))
                .unwrap_or(part);
            if !part.is_empty() && !push_value(&mut values, part) {
                return Vec::new();
            }
        }
    }
    values
}

/// Each link of `inline` with the words right before it in its sentence (at most four, lower-cased,
/// without punctuation): `"Inherits from [entity](entity.md)"` gives `("inherits from", entity)`,
/// `"Наследуется от [entity](entity.md)"` gives `("наследуется от", entity)`. What such a phrase
/// means is learned from the docs themselves (`ir::link_phrases`).
pub fn link_phrases(inline: &Inline) -> Vec<(String, &Link)> {
    let text = inline.text.as_str();
    let mut from = 0;
    let mut out = Vec::new();
    for link in &inline.links {
        let name = link.text.as_str();
        let Some(at) = (!name.is_empty())
            .then(|| text[from..].find(name))
            .flatten()
            .map(|i| from + i)
        else {
            continue;
        };
        let phrase = words_before(&text[..at], &['.', ';', ':', '!', '?', '(', ')', '|'], 4);
        if !phrase.is_empty() {
            out.push((phrase, link));
        }
        from = at + name.len();
    }
    out
}

/// The last `most` words of `before` since the last of `ends`, lower-cased, without punctuation.
fn words_before(before: &str, ends: &[char], most: usize) -> String {
    let sentence = before.rfind(ends).map_or(before, |i| &before[i + 1..]);
    let words: Vec<String> = sentence
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    words[words.len().saturating_sub(most)..].join(" ")
}

/// A list of values by its shape alone, whatever words introduce it: the code spans after a
/// colon (`` …: `a`, `b` или `c` ``), at least two, each an identifier, separated only by
/// punctuation and at most one word, the first right after the colon.
///
/// Machine translation sometimes moves a list's first items before its colon and leaves their
/// commas behind (`` Возможные значения `a` : , , `b` `c` ``, `` Возможные `a` значения: , , `b` ``):
/// where stray commas open the list after the colon, the code spans right before the colon (with
/// at most one word between them and it) are its first items.
///
/// Returns the list with the words that introduce it: at most three before the colon, in their
/// sentence, without the moved items, lower-cased (`возможные значения`, `possible values are`).
pub fn labeled_code_values(description: &str) -> Option<(String, Vec<String>)> {
    let mut from = 0;
    while let Some(colon) = description[from..].find(':').map(|i| from + i) {
        from = colon + 1;
        let after_colon = &description[colon + 1..];
        let rest = after_colon.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
        let stray_commas = after_colon[..after_colon.len() - rest.len()].contains(',');
        let before = &description[..colon];
        let (label_text, mut values) = if stray_commas {
            moved_items(before)
        } else {
            (before.to_owned(), Vec::new())
        };
        values.extend(code_run(rest));
        if values.len() >= 2 {
            values.dedup();
            let label = words_before(&label_text, &['.', ';', '!', '?', '(', ')'], 3);
            return Some((label, values));
        }
    }
    None
}

/// The code spans `rest` starts with, each an identifier, separated only by punctuation and at
/// most one word (`` `a`, `b` или `c` ``).
fn code_run(mut rest: &str) -> Vec<String> {
    let mut values = Vec::new();
    while let Some(body) = rest.strip_prefix('`') {
        let Some(end) = body.find('`') else { break };
        let value = &body[..end];
        if !crate::page::is_identifier(value) || value.contains('.') {
            break;
        }
        values.push(value.to_owned());
        let after = &body[end + 1..];
        let gap_end = after.find('`').unwrap_or(after.len());
        let gap = &after[..gap_end];
        let words = gap
            .split(|c: char| c.is_whitespace() || c == ',' || c == '|' || c == '/')
            .filter(|w| !w.is_empty())
            .count();
        let next = after[gap_end..].starts_with('`');
        if !next || words > 1 || gap.contains(['.', ';', ':', '(']) {
            break;
        }
        rest = &after[gap_end..];
    }
    values
}

/// A list of values introduced by words without a colon (`` Possible values are `a`, `b` ``): the
/// first run of two or more identifier code spans (`code_run`) with words before it in its
/// sentence, and those words (at most three, lower-cased). Read only where the words are the
/// docs' words for a value list (`ir::value_labels`): code spans in prose are often no list.
pub fn introduced_code_values(description: &str) -> Option<(String, Vec<String>)> {
    let mut from = 0;
    while let Some(tick) = description[from..].find('`').map(|i| from + i) {
        let mut values = code_run(&description[tick..]);
        if values.len() >= 2 {
            values.dedup();
            let label = words_before(
                &description[..tick],
                &['.', ';', ':', '!', '?', '(', ')'],
                3,
            );
            return (!label.is_empty()).then_some((label, values));
        }
        // Past this code span.
        from = description[tick + 1..]
            .find('`')
            .map_or(description.len(), |i| tick + i + 2);
    }
    None
}

/// The identifier code spans at the end of `before` (the text before a list's colon), with at
/// most one word after them, and `before` without them.
fn moved_items(before: &str) -> (String, Vec<String>) {
    let mut text = before.trim_end();
    // At most one word between the moved items and the colon.
    if !text.ends_with('`') {
        let word_start = text
            .rfind(|c: char| c.is_whitespace() || c == '`')
            .map_or(0, |i| i + 1);
        let word = &text[word_start..];
        if word.contains(['.', ';', '(', ')']) {
            return (before.to_owned(), Vec::new());
        }
        text = text[..word_start].trim_end();
    }
    let mut items = Vec::new();
    let mut cut = text.len();
    while let Some(body) = text[..cut].strip_suffix('`') {
        let Some(open) = body.rfind('`') else { break };
        let value = &body[open + 1..];
        if !crate::page::is_identifier(value) || value.contains('.') {
            break;
        }
        items.push(value.to_owned());
        cut = body[..open]
            .trim_end_matches(|c: char| c.is_whitespace() || c == ',')
            .len();
    }
    items.reverse();
    let label = if items.is_empty() {
        before.to_owned()
    } else {
        let moved_end = text.len();
        format!("{} {}", &before[..cut], &before[moved_end..])
    };
    (label, items)
}

/// Adds `v` when it is one value-like word (and new); false when it is not a word.
fn push_value(values: &mut Vec<String>, v: &str) -> bool {
    let v = v
        .trim()
        .trim_matches(|c: char| c == '"' || c == '\'' || c == '.');
    let word = !v.is_empty()
        && v.chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-' || c == '.');
    if word && !values.iter().any(|x| x == v) {
        values.push(v.to_owned());
    }
    word
}

/// The end of the sentence that holds the value list: a period followed by a space and a capital,
/// or the end of the text. Periods inside backticks do not count.
fn sentence_end(s: &str) -> usize {
    let mut in_code = false;
    let bytes = s.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'`' => in_code = !in_code,
            b'.' if !in_code => {
                let next = s[i + 1..].trim_start();
                if next.is_empty() || next.starts_with(|c: char| c.is_uppercase()) {
                    return i;
                }
            }
            _ => {}
        }
    }
    s.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn possible_values_backticked() {
        assert_eq!(
            possible_values("Inherited from x. Possible values are: `NotStarted`, `Running`, `Completed`, `Failed`."),
            ["NotStarted", "Running", "Completed", "Failed"]
        );
        assert_eq!(possible_values("The recording status. Possible values are: `notRecording`, `recording`, or `failed`."), ["notRecording", "recording", "failed"]);
    }

    #[test]
    fn possible_values_plain_stops_at_sentence_end() {
        assert_eq!(
            possible_values("Possible values: low, normal, high. Read-only."),
            ["low", "normal", "high"]
        );
        assert!(possible_values("No list here.").is_empty());
    }

    #[test]
    fn possible_values_in_prose_are_no_list() {
        // `<br/>` reads as a space; "yet" is the only bare word of the prose.
        assert!(possible_values("The status. Possible values: \"Success\" - Fully provisioned. \"PendingInput\" - Not provisioned, yet.").is_empty());
        assert_eq!(
            possible_values("Possible values: a, b, or c."),
            ["a", "b", "c"]
        );
        assert_eq!(
            possible_values("Possible values: a, b and c."),
            ["a", "b", "c"]
        );
    }

    #[test]
    fn placeholder_is_removed() {
        assert_eq!(
            strip_placeholder("**TODO: Add Description** Inherited from entity"),
            ("Inherited from entity".to_owned(), true)
        );
        assert_eq!(
            strip_placeholder("**TODO: Add Description**. Possible values are: `a`."),
            ("Possible values are: `a`.".to_owned(), true)
        );
        assert_eq!(
            strip_placeholder("Plain **bold**."),
            ("Plain **bold**.".to_owned(), false)
        );
    }

    #[test]
    fn bilingual_spans_read_english() {
        let mut b = InlineBuilder::default();
        b.html("<span data-ttu-id=\"1\">");
        b.text("Контекст");
        b.html("</span><span class=\"sxs-lookup\"><span data-stu-id=\"1\">");
        b.text("clientContext");
        b.html("</span></span>");
        assert_eq!(b.finish().text, "clientContext");
    }

    fn values(description: &str) -> Vec<String> {
        labeled_code_values(description)
            .map(|(_, v)| v)
            .unwrap_or_default()
    }

    #[test]
    fn value_lists_by_shape() {
        assert_eq!(
            values("Состояние. Возможные значения: `incoming`, `established` и `terminated`."),
            ["incoming", "established", "terminated"]
        );
        // Code spans in prose are no list; nor is one value.
        assert!(values("Use `$select` with `id` to choose: `a`.").is_empty());
        assert!(values("See `a` and the `b` property.").is_empty());
        // Items a translation moved before the colon, leaving their commas behind.
        assert_eq!(
            labeled_code_values("Сведения. Возможные значения `Available` : , , , `Away` `Busy`"),
            Some((
                "возможные значения".into(),
                vec!["Available".into(), "Away".into(), "Busy".into()]
            ))
        );
        assert_eq!(
            labeled_code_values("Возможные `Available` значения: , , , , `Away` `Busy`."),
            Some((
                "возможные значения".into(),
                vec!["Available".into(), "Away".into(), "Busy".into()]
            ))
        );
        // Without stray commas, a code span before the colon is not an item.
        assert_eq!(
            values("The possible values for `kind` are: `a`, `b`."),
            ["a", "b"]
        );
    }

    #[test]
    fn anchors_are_read_from_tags() {
        assert_eq!(
            attribute("a name=\"properties\"", "name").as_deref(),
            Some("properties")
        );
        assert_eq!(
            attribute("a id='x-values' ", "id").as_deref(),
            Some("x-values")
        );
        assert_eq!(attribute("a href=\"x\"", "name"), None);
    }
}
