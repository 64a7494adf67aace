//! The OData primitive (`Edm.*`) types: shared by the page reader, which finds them in the docs'
//! spellings, the schema IR, which refers to them, and the emitter, which maps them to Rust.

/// The OData primitive types (and the aliases the docs use for them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Primitive {
    Binary,
    Boolean,
    Byte,
    Date,
    DateTimeOffset,
    Decimal,
    Double,
    Duration,
    Guid,
    Int16,
    Int32,
    Int64,
    SByte,
    Single,
    Stream,
    String,
    TimeOfDay,
    /// No declared type: any JSON value.
    Untyped,
}

impl Primitive {
    /// The qualified OData name, e.g. `Edm.String`.
    pub fn qualified(self) -> &'static str {
        match self {
            Primitive::Binary => "Edm.Binary",
            Primitive::Boolean => "Edm.Boolean",
            Primitive::Byte => "Edm.Byte",
            Primitive::Date => "Edm.Date",
            Primitive::DateTimeOffset => "Edm.DateTimeOffset",
            Primitive::Decimal => "Edm.Decimal",
            Primitive::Double => "Edm.Double",
            Primitive::Duration => "Edm.Duration",
            Primitive::Guid => "Edm.Guid",
            Primitive::Int16 => "Edm.Int16",
            Primitive::Int32 => "Edm.Int32",
            Primitive::Int64 => "Edm.Int64",
            Primitive::SByte => "Edm.SByte",
            Primitive::Single => "Edm.Single",
            Primitive::Stream => "Edm.Stream",
            Primitive::String => "Edm.String",
            Primitive::TimeOfDay => "Edm.TimeOfDay",
            Primitive::Untyped => "Edm.Untyped",
        }
    }

    /// The primitive with this qualified name (`Edm.String`, any letter case); aliases are not
    /// qualified names (`Edm.Url` is not one).
    pub fn from_qualified(name: &str) -> Option<Primitive> {
        let p = Primitive::from_name(name)?;
        p.qualified().eq_ignore_ascii_case(name).then_some(p)
    }

    /// Looks up a primitive by any spelling the docs use (case-insensitive, `Edm.` optional).
    pub fn from_name(name: &str) -> Option<Primitive> {
        let lower = name.to_ascii_lowercase();
        let bare = lower.strip_prefix("edm.").unwrap_or(&lower);
        Some(match bare {
            "string" | "str" | "url" | "uri" => Primitive::String,
            "boolean" | "bool" => Primitive::Boolean,
            "int32" | "int" | "integer" | "number" => Primitive::Int32,
            "int64" | "long" => Primitive::Int64,
            "int16" | "short" => Primitive::Int16,
            "byte" => Primitive::Byte,
            "sbyte" => Primitive::SByte,
            "double" | "float" => Primitive::Double,
            "single" => Primitive::Single,
            "decimal" => Primitive::Decimal,
            "datetimeoffset" | "datetime" | "timestamp" => Primitive::DateTimeOffset,
            "date" => Primitive::Date,
            "timeofday" => Primitive::TimeOfDay,
            "duration" | "timespan" => Primitive::Duration,
            "guid" | "uuid" => Primitive::Guid,
            "binary" | "byte[]" | "base64" => Primitive::Binary,
            "stream" => Primitive::Stream,
            "untyped" => Primitive::Untyped,
            _ => return None,
        })
    }
}
