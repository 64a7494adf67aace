//! The diagnostic codes: one enum, each variant with its stable kebab-case name, its number
//! (`GD0xxx`, never reused) and what it means and what to do, which `DIAGNOSTICS.md` lists (as
//! rustc's error index does). A test keeps that page in step with this file.
//!
//! Numbers by stage: `GD01xx` reading a page, `GD02xx` building the schema, `GD03xx` naming and
//! emitting Rust, `GD09xx` the input and the tool itself. Only `GD09xx` are errors; everything a
//! page says is at most a warning, and the output is still written.

use std::fmt;

macro_rules! codes {
    ($(
        $(#[doc = $doc:literal])+
        $variant:ident = $num:literal $name:literal;
    )*) => {
        /// What a diagnostic is about. Serialized as its kebab-case name.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $( $(#[doc = $doc])+ $variant, )*
        }

        impl Code {
            /// Every code, in the order of `DIAGNOSTICS.md`.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The stable kebab-case name (`inheritance-cycle`).
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// The stable number (`GD0203`).
            pub fn number(self) -> &'static str {
                match self { $(Code::$variant => $num,)* }
            }

            /// What the code means and what to do about it.
            pub fn explanation(self) -> &'static str {
                match self { $(Code::$variant => concat!($($doc, "\n"),+),)* }
            }

            /// The code named `name` (kebab-case), if any.
            pub fn from_name(name: &str) -> Option<Code> {
                Code::ALL.iter().copied().find(|c| c.as_str() == name)
            }
        }
    };
}

codes! {
    /// The page has no text at all. It contributes nothing; the rest of the docs are read.
    EmptyPage = "GD0101" "empty-page";
    /// The page has no `# title` heading. It is still read by its tables, annotations and code
    /// blocks, but an API page needs its title to know its operation; add the heading.
    NoTitle = "GD0102" "no-title";
    /// The page's YAML front matter does not parse; the page is read without it (no `ms.prod`
    /// area, no `doc_type`). Fix the YAML.
    MalformedFrontMatter = "GD0103" "malformed-front-matter";
    /// An annotation comment (`<!-- { "blockType": ... } -->`) is not valid JSON and is ignored;
    /// what it would have stated (type name, base type, response type) comes from weaker evidence.
    MalformedAnnotation = "GD0104" "malformed-annotation";
    /// A table row has more or fewer cells than its header; it is read as if it had the header's
    /// count (extra cells dropped, missing ones empty).
    TableRowCells = "GD0105" "table-row-cells";
    /// A JSON example does not parse (comments, ellipses, placeholders); it is not used as
    /// evidence and not checked.
    MalformedExample = "GD0106" "malformed-example";
    /// A value stands where the docs mean "fill this in" (a TODO description, a request URL that
    /// is not a path); it is left out.
    Placeholder = "GD0107" "placeholder";
    /// A resource page states no type name the reader trusts (no resource annotation, no link or
    /// code naming the type); the page is skipped.
    TypeName = "GD0108" "type-name";
    /// A property table row's name is not an identifier and no JSON representation gives one;
    /// the row is skipped.
    PropertyName = "GD0109" "property-name";
    /// A type cell could not be read as a type; the property is typed as open JSON.
    TypeSyntax = "GD0110" "type-syntax";
    /// A row names an instance annotation (`@odata.x`), not a property; values stay in
    /// `additional_data`.
    InstanceAnnotation = "GD0111" "instance-annotation";
    /// A members table has no enum name in its heading or page title; it is ignored.
    EnumName = "GD0112" "enum-name";
    /// A property row is in the table but not in the JSON representation (informational).
    TableOnlyProperty = "GD0113" "table-only-property";
    /// A property is in the JSON representation but in no table; it is typed from the
    /// representation.
    JsonOnlyProperty = "GD0114" "json-only-property";
    /// A page is not valid UTF-8; it is read with the invalid bytes replaced (U+FFFD). Save it as
    /// UTF-8.
    Encoding = "GD0115" "encoding";
    /// A members table row's name is not written in ASCII: a translation or transliteration of
    /// the member, which the service never sends (it sends the original, which the generated enum
    /// keeps as an unrecognized value). The row is skipped.
    MemberName = "GD0116" "member-name";

    /// Pages state different base types for one type. The strongest kind of evidence wins
    /// (annotation > "Inherits from" prose > inherited rows > derived-type lists > examples >
    /// the `entity` default), then the most derived type of the line; the message names both
    /// sides. Correct the page that is wrong.
    BaseConflict = "GD0201" "base-conflict";
    /// A type's stated bases form a cycle. The cycle is broken at its weakest edge (the base
    /// stated by the weakest evidence; among equals, the base declaring the most properties, then
    /// the last by name) and named in full.
    InheritanceCycle = "GD0202" "inheritance-cycle";
    /// A type is said to inherit from an enum; the base is dropped.
    BaseIsEnum = "GD0203" "base-is-enum";
    /// Pages describe one type as both an enum and a structured type; the structured reading
    /// wins.
    KindConflict = "GD0204" "kind-conflict";
    /// A property is typed differently by two sources; the stronger source wins and the message
    /// names both.
    PropertyConflict = "GD0205" "property-conflict";
    /// Two pages give different member sets for one enum; all members are kept.
    EnumMemberConflict = "GD0206" "enum-member-conflict";
    /// A members table lists one member twice; it is kept once.
    DuplicateMember = "GD0207" "duplicate-member";
    /// Two pages describe one operation; the first by file name is kept.
    DuplicateOperation = "GD0208" "duplicate-operation";
    /// A type name is spelled in several letter cases; the best-attested spelling is used.
    TypeNameCase = "GD0209" "type-name-case";
    /// Two spellings of one name disagree in a way letter case does not explain; the message
    /// names the one chosen.
    NameConflict = "GD0210" "name-conflict";
    /// A property names a type no page defines and no example shows; it is typed as open JSON
    /// (`serde_json::Value`). Add the type's page to the input.
    UnresolvedType = "GD0211" "unresolved-type";
    /// A type no page defines was inferred from example values.
    InferredType = "GD0212" "inferred-type";
    /// An entity with no stated base derives from `entity` (informational).
    EntityDefault = "GD0213" "entity-default";
    /// A property lists possible values but names no enum; an enum was synthesized.
    EnumSynthesized = "GD0214" "enum-synthesized";
    /// A property is an enumeration but lists no values; typed as a string.
    EnumWithoutValues = "GD0215" "enum-without-values";
    /// An example value is not a member of its property's enum.
    ExampleEnumValue = "GD0216" "example-enum-value";
    /// An example value is an enum member in another letter case (informational).
    ExampleEnumCase = "GD0217" "example-enum-case";
    /// An operation name came from weak evidence or could not be found in an identifier source
    /// (request annotation, HTTP path); the message says what was used.
    OperationName = "GD0218" "operation-name";

    /// A name in the docs is not a Rust identifier as written (non-ASCII letters, punctuation,
    /// nothing but digits). The one rule in `emit::names` makes it one: non-ASCII letters are
    /// transliterated or written as `uXXXX`, other characters split words, a leading digit gets a
    /// prefix. The wire name is kept with a serde rename.
    Identifier = "GD0301" "identifier";
    /// Two wire names become the same Rust name. The first by wire name keeps it; the others get
    /// a numeric suffix (`Foo2`), deterministically; serde still reads each by its wire name.
    NameCollision = "GD0302" "name-collision";
    /// A type's Rust name would shadow a prelude name the generated code uses (`Option`,
    /// `String`, ...); it is renamed with a `Type` suffix.
    ReservedName = "GD0303" "reserved-name";
    /// A name cannot be a path segment of a schema file as written; the file name is made safe.
    Path = "GD0304" "path";
    /// Two schema files would differ only in letter case (one file on case-insensitive file
    /// systems); the later one by name gets a numeric suffix.
    PathCollision = "GD0305" "path-collision";

    /// An input path does not exist, is not a directory or `.md` file, or holds no pages. Fix the
    /// command line or the Builder's inputs.
    Input = "GD0901" "input";
    /// A `--select` (or `Builder::select`) name is not a type of the schema. The message suggests
    /// qualified names it may mean.
    Select = "GD0902" "select";
    /// An output cannot be written (the output directory, stdout), or a file named on the command
    /// line (the CSDL for `compare`) cannot be read. Fix the path or its permissions.
    Io = "GD0903" "io";
    /// An option given to the generator is not valid (a `--runtime-path` that is not an absolute
    /// Rust path). Fix the option.
    InvalidOption = "GD0904" "invalid-option";
    /// graphdoc failed where it should not (the generated code does not parse, the schema does
    /// not serialize). Please report it with the input that triggers it.
    Internal = "GD0999" "internal";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Code::from_name(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown diagnostic code `{s}`")))
    }
}

/// The diagnostics index (`DIAGNOSTICS.md`): every code with its number, name and explanation.
pub fn index_markdown() -> String {
    let mut out = String::from(
        "# Diagnostics\n\n<!-- Generated from generator/src/diag/codes.rs; the `diagnostics_index` test keeps it in step. -->\n\n\
         Every diagnostic graphdoc prints has a stable name and number. Only `GD09xx` are errors: \
         a problem in a page is a warning (or a note) with its file and line, and the output is \
         still written. `--deny warnings` (`Builder::deny_warnings(true)`) makes warnings fatal.\n",
    );
    for c in Code::ALL {
        out.push_str(&format!(
            "\n## {} `{}`\n\n{}",
            c.number(),
            c.as_str(),
            c.explanation()
                .lines()
                .map(str::trim)
                .collect::<Vec<_>>()
                .join(" ")
        ));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_numbers_are_unique() {
        let mut names: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        let mut numbers: Vec<&str> = Code::ALL.iter().map(|c| c.number()).collect();
        names.sort();
        numbers.sort();
        let n = names.len();
        names.dedup();
        numbers.dedup();
        assert_eq!((names.len(), numbers.len()), (n, n));
        assert_eq!(
            Code::from_name("inheritance-cycle"),
            Some(Code::InheritanceCycle)
        );
    }

    #[test]
    fn diagnostics_index() {
        expect_test::expect_file!["../../../DIAGNOSTICS.md"].assert_eq(&index_markdown());
    }
}
