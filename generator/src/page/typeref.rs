//! The Type column grammar: every way the docs spell a property's type.
//!
//! Accepted forms: `String`, `string`, `` `String` ``, `Edm.Int32`, `int`, `[ResultInfo](ResultInfo.md)`,
//! `[x][]`, `X collection`, `Collection(X)`, `collection of X`, `X[]`, `Enumeration`, and a bare
//! named type such as `operationStatus`.

use super::Inline;
pub use crate::edm::Primitive;

/// The primitive a type *name* (not a Type cell) means: `Edm.X` in any spelling the docs use, or
/// a bare name that is exactly a primitive's own name (`string`, `Int32`; not an alias like
/// `timestamp`, which may be a type of its own).
pub fn primitive_type_name(name: &str) -> Option<Primitive> {
    let name = name.trim().trim_start_matches('#');
    let lower = name.to_ascii_lowercase();
    if lower.starts_with("edm.") {
        return Primitive::from_name(name);
    }
    if name.contains('.') {
        return None;
    }
    let p = Primitive::from_name(name)?;
    p.qualified()["Edm.".len()..]
        .eq_ignore_ascii_case(name)
        .then_some(p)
}

/// The names a Type cell holds, in order: its links' texts and its code spans; its words written
/// as code (`printerProcessingStateDetail`, `microsoft.graph.x`); and, in a cell that also holds
/// words of another script than identifiers' (`коллекция modality`, `[коллекция
/// microsoft.graph.x](x.md)`), all its identifier words: a translation leaves a type's name as it
/// was and translates the words around it.
pub fn cell_names(cell: &Inline) -> Vec<String> {
    let other_script = cell
        .text
        .chars()
        .any(|c| c.is_alphabetic() && !c.is_ascii());
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')')
            .map(|w| w.trim_matches(['`', '*', '[', ']']))
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect()
    };
    // A word ending in a dot is a piece of a qualified name a translation split
    // (`Microsoft. Graph. Каллрекордс. userAgent`), not a name.
    let is_name = |w: &String| super::is_identifier(w) && !w.ends_with('.');
    let mut names: Vec<String> = Vec::new();
    for link in &cell.links {
        let text = link.text.trim();
        let link_words = words(text);
        let (named, other): (Vec<String>, Vec<String>) = link_words.into_iter().partition(is_name);
        match named.as_slice() {
            // `[коллекция microsoft.graph.x](x.md)`: the name, and the words around it.
            [one] if other_script && !other.iter().any(|w| w.contains('.')) => {
                names.push(one.clone())
            }
            _ if !text.is_empty() => names.push(text.to_owned()),
            _ => {}
        }
    }
    names.extend(cell.code.iter().filter(|c| !c.is_empty()).cloned());
    let code_like =
        |w: &String| super::table::code_style(w) || (w.contains('.') && w.split('.').count() >= 3);
    if cell.links.is_empty() {
        for w in words(&cell.text)
            .into_iter()
            .filter(|w| is_name(w) && (other_script || code_like(w)))
        {
            if !names.contains(&w) {
                names.push(w);
            }
        }
    }
    names
}

/// A Type cell with the names in it ([`cell_names`]) replaced by `{}`, lower-cased, in single
/// spaces: what the docs' own words around a type say (`коллекция {}`, `строка`, `collection of
/// {}`). `None` for an empty cell.
pub fn type_frame(cell: &Inline) -> Option<String> {
    let mut text = cell.text.replace('`', "");
    for name in cell_names(cell) {
        let name = name.replace('`', "");
        if let Some(at) = text.find(&name) {
            text.replace_range(at..at + name.len(), "{}");
        }
    }
    let frame = text
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let frame = frame.trim_end_matches('.').trim().to_owned();
    (!frame.is_empty()).then_some(frame)
}

/// A type as a page names it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeName {
    Primitive(Primitive),
    /// A type by name, possibly namespace-qualified, in the page's casing.
    Named(String),
    /// "Enumeration": an enum whose name the page does not give.
    Enumeration,
}

/// A parsed Type cell.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeRef {
    pub name: TypeName,
    pub collection: bool,
}

/// Parses a Type cell. `None` when the cell does not name a type in any known form. A note after
/// the type (`String, maximum size 250`; `Int32; in seconds`) is not part of it.
pub fn parse_type_cell(cell: &Inline) -> Option<TypeRef> {
    parse_type_text(cell).or_else(|| {
        let (head, _) = cell.text.split_once([',', ';'])?;
        parse_type_text(&Inline {
            text: head.to_owned(),
            ..cell.clone()
        })
    })
}

fn parse_type_text(cell: &Inline) -> Option<TypeRef> {
    // Markup around the name (`**x**`, `` `x` ``) and a trailing remark in parentheses
    // (`string (url)`, `Int32 (read-only)`) are not part of the type.
    let text = cell.text.replace(['`', '*'], "");
    let mut text = text.trim().trim_end_matches('.').trim().to_owned();
    if let Some(open) = text.find(" (").filter(|_| text.ends_with(')')) {
        text.truncate(open);
    }
    let mut collection = false;

    let lower = text.to_ascii_lowercase();
    if lower.starts_with("collection(") && text.ends_with(')') {
        text = text["collection(".len()..text.len() - 1].trim().to_owned();
        collection = true;
    } else if let Some(rest) = lower.strip_prefix("collection of ") {
        text = text[text.len() - rest.len()..].trim().to_owned();
        collection = true;
    } else if lower.ends_with(" collection") {
        text = text[..text.len() - " collection".len()].trim().to_owned();
        collection = true;
    } else if let Some(inner) = text.strip_suffix("[]").filter(|t| !t.ends_with(']')) {
        text = inner.trim().to_owned();
        collection = true;
    }

    // A link names the type by its text; its target's stem is the fallback for empty text.
    let name = match cell.links.first() {
        Some(link) => {
            let t = link.text.trim().trim_matches('*').trim();
            if t.is_empty() {
                link.target_stem()?.to_owned()
            } else {
                t.to_owned()
            }
        }
        None => text
            .trim_start_matches('[')
            .trim_end_matches("[]")
            .trim_end_matches(']')
            .trim()
            .to_owned(),
    };
    let name = name.trim_start_matches('#').to_owned();

    if name.eq_ignore_ascii_case("enumeration") || name.eq_ignore_ascii_case("enum") {
        return Some(TypeRef {
            name: TypeName::Enumeration,
            collection,
        });
    }
    if let Some(p) = Primitive::from_name(&name) {
        return Some(TypeRef {
            name: TypeName::Primitive(p),
            collection,
        });
    }
    let valid = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
    valid.then_some(TypeRef {
        name: TypeName::Named(name),
        collection,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::Link;

    fn text(t: &str) -> Inline {
        Inline {
            text: t.to_owned(),
            ..Inline::default()
        }
    }

    fn linked(t: &str, link_text: &str, dest: &str) -> Inline {
        Inline {
            text: t.to_owned(),
            links: vec![Link {
                text: link_text.to_owned(),
                dest: dest.to_owned(),
            }],
            code: vec![],
            anchors: vec![],
        }
    }

    fn named(n: &str, collection: bool) -> Option<TypeRef> {
        Some(TypeRef {
            name: TypeName::Named(n.to_owned()),
            collection,
        })
    }

    fn prim(p: Primitive, collection: bool) -> Option<TypeRef> {
        Some(TypeRef {
            name: TypeName::Primitive(p),
            collection,
        })
    }

    #[test]
    fn primitives_in_every_spelling() {
        assert_eq!(
            parse_type_cell(&text("String")),
            prim(Primitive::String, false)
        );
        assert_eq!(
            parse_type_cell(&text("string")),
            prim(Primitive::String, false)
        );
        assert_eq!(
            parse_type_cell(&text("`String`")),
            prim(Primitive::String, false)
        );
        assert_eq!(
            parse_type_cell(&text("Edm.Int32")),
            prim(Primitive::Int32, false)
        );
        assert_eq!(parse_type_cell(&text("int")), prim(Primitive::Int32, false));
        assert_eq!(
            parse_type_cell(&text("DateTimeOffset")),
            prim(Primitive::DateTimeOffset, false)
        );
    }

    #[test]
    fn collections() {
        assert_eq!(
            parse_type_cell(&text("String collection")),
            prim(Primitive::String, true)
        );
        assert_eq!(
            parse_type_cell(&text("Collection(String)")),
            prim(Primitive::String, true)
        );
        assert_eq!(
            parse_type_cell(&text("Collection(microsoft.graph.x)")),
            named("microsoft.graph.x", true)
        );
        assert_eq!(
            parse_type_cell(&linked(
                "identitySet collection",
                "identitySet",
                "identityset.md"
            )),
            named("identitySet", true)
        );
    }

    #[test]
    fn links_and_names() {
        assert_eq!(
            parse_type_cell(&linked(
                "ResultInfo",
                "ResultInfo",
                "../resources/ResultInfo.md"
            )),
            named("ResultInfo", false)
        );
        assert_eq!(
            parse_type_cell(&linked("", "", "../resources/resultinfo.md")),
            named("resultinfo", false)
        );
        assert_eq!(
            parse_type_cell(&text("[identitySet][]")),
            named("identitySet", false)
        );
        assert_eq!(
            parse_type_cell(&text("operationStatus")),
            named("operationStatus", false)
        );
        assert_eq!(
            parse_type_cell(&text("Enumeration")),
            Some(TypeRef {
                name: TypeName::Enumeration,
                collection: false
            })
        );
    }

    #[test]
    fn primitive_type_names() {
        assert_eq!(primitive_type_name("string"), Some(Primitive::String));
        assert_eq!(primitive_type_name("Edm.int"), Some(Primitive::Int32));
        assert_eq!(primitive_type_name("Int64"), Some(Primitive::Int64));
        assert_eq!(primitive_type_name("timeStamp"), None);
        assert_eq!(primitive_type_name("microsoft.graph.string"), None);
    }

    #[test]
    fn markup_and_remarks_around_the_name() {
        assert_eq!(
            parse_type_cell(&text("string (url)")),
            prim(Primitive::String, false)
        );
        assert_eq!(
            parse_type_cell(&text("Url")),
            prim(Primitive::String, false)
        );
        assert_eq!(
            parse_type_cell(&text("**dateTimeTimeZone**")),
            named("dateTimeTimeZone", false)
        );
        assert_eq!(
            parse_type_cell(&linked("**driveItem**", "**driveItem**", "")),
            named("driveItem", false)
        );
        assert_eq!(
            parse_type_cell(&text("Collection(Edm.String) (read-only)")),
            prim(Primitive::String, true)
        );
    }

    #[test]
    fn nonsense_is_rejected() {
        assert_eq!(parse_type_cell(&text("")), None);
        assert_eq!(parse_type_cell(&text("a string or a number")), None);
        assert_eq!(parse_type_cell(&text("../../x")), None);
    }

    #[test]
    fn names_in_translated_cells_are_the_identifiers_among_other_words() {
        let frame_and_name = |cell: &Inline| (type_frame(cell), cell_names(cell));
        assert_eq!(
            frame_and_name(&text("коллекция modality")),
            (Some("коллекция {}".into()), vec!["modality".to_owned()])
        );
        assert_eq!(
            frame_and_name(&linked(
                "коллекция microsoft.graph.callRecords.media",
                "коллекция microsoft.graph.callRecords.media",
                "callrecords-media.md"
            )),
            (
                Some("коллекция {}".into()),
                vec!["microsoft.graph.callRecords.media".to_owned()]
            )
        );
        // A qualified name a translation split keeps the link's whole text.
        let split = "Microsoft. Graph. Каллрекордс. userAgent";
        assert_eq!(
            frame_and_name(&linked(split, split, "callrecords-useragent.md")),
            (Some("{}".into()), vec![split.to_owned()])
        );
        // English words around a name are no other script: the grammar reads those.
        assert_eq!(
            cell_names(&text("modality collection")),
            Vec::<String>::new()
        );
    }
}
