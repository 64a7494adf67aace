//! The support library of the Rust types [graphdoc](https://crates.io/crates/graphdoc) generates
//! from API reference docs (Microsoft Graph first): what every generated crate shares, as
//! [prost](https://docs.rs/prost) is to the types prost-build writes.
//!
//! Generated code names this crate by path (`::graphdoc_runtime::…`, or what
//! `graphdoc::Builder::runtime_path` says), so two crates generated from two docs sets share one
//! [`Collection`], one [`Object`] trait and one [`AdditionalData`] type. Add it beside the
//! generated code at the version of the `graphdoc` that generated it:
//!
//! ```toml
//! [dependencies]
//! graphdoc-runtime = "0.1"
//! serde = { version = "1", features = ["derive"] }
//! serde_json = { version = "1", features = ["preserve_order"] }
//! ```
//!
//! # What users write
//!
//! - [`Collection<T>`]: a collection response (`value`, `@odata.nextLink`, the rest in
//!   [`AdditionalData`]).
//! - [`Object`]: implemented by every generated struct: its wire name and fields,
//!   [`Object::additional_data`] (unknown properties and instance annotations, and which fields
//!   arrived as `null`),
//!   [`Object::raw`] (a received value that did not fit its field's type, kept and written back
//!   as it came), and PATCH support: [`Object::set_null`] and [`Object::is_null`] over a
//!   [`Field`] (each generated struct has a constant per field: `RecordOperation::STATUS`).
//! - [`strictly`]: reads that fail on a value that does not fit, instead of keeping it raw.
//! - [`Enum`] (every generated enum) and [`Flags<E>`] (a flags enum's set, written `"a,b"`).
//! - The Edm value types, which keep the exact wire text: [`Edm<T>`] over a [`Lexical`] value;
//!   [`Guid`] ([`Uuid`]), [`Binary`], and with the `jiff` feature (on by default)
//!   [`DateTimeOffset`], [`Date`], [`TimeOfDay`] and [`Duration`].
//! - [`Operation`] and [`Method`]: the descriptor of a documented operation.
//!
//! Everything generated code calls and users do not is in [`__private`]: it is not part of the
//! API and may change in any release (generated code and this crate go together by version).
//!
//! # Example
//!
//! A generated struct is used through [`Object`]; this one is `RecordOperation` from the
//! `msgraph-model` crate (its generated code is hidden here).
//!
//! ```
//! # mod generated {
//! #     use graphdoc_runtime::__private as rt;
//! #     #[derive(Debug, Clone, Default, PartialEq)]
//! #     pub struct RecordOperation {
//! #         pub id: Option<String>,
//! #         pub status: Option<String>,
//! #         pub additional_data: graphdoc_runtime::AdditionalData,
//! #     }
//! #     impl graphdoc_runtime::Object for RecordOperation {
//! #         const TABLE: rt::Table = rt::Table { name: "recordOperation", fields: &["id", "status"], index: Self::field_index };
//! #         fn field_index(name: &str) -> Option<usize> { match name { "id" => Some(0), "status" => Some(1), _ => None } }
//! #         fn read_field<'de, A: serde::de::MapAccess<'de>>(&mut self, index: usize, map: &mut A, kept: &mut rt::Kept) -> Result<(), A::Error> {
//! #             match index { 0 => rt::read(map, &mut self.id, kept), _ => rt::read(map, &mut self.status, kept) }
//! #         }
//! #         fn write_fields<S: serde::ser::SerializeMap>(&self, out: &mut rt::Writer<'_, S>) {
//! #             rt::write(out, 0, "id", &self.id);
//! #             rt::write(out, 1, "status", &self.status);
//! #         }
//! #         fn additional_data(&self) -> &graphdoc_runtime::AdditionalData { &self.additional_data }
//! #         fn additional_data_mut(&mut self) -> &mut graphdoc_runtime::AdditionalData { &mut self.additional_data }
//! #     }
//! #     impl RecordOperation {
//! #         pub const ID: graphdoc_runtime::Field<Self> = graphdoc_runtime::Field::at(0);
//! #         pub const STATUS: graphdoc_runtime::Field<Self> = graphdoc_runtime::Field::at(1);
//! #     }
//! #     impl serde::Serialize for RecordOperation {
//! #         fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> { rt::serialize_object(self, None, s) }
//! #     }
//! #     impl<'de> serde::Deserialize<'de> for RecordOperation {
//! #         fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> { rt::deserialize_object(d) }
//! #     }
//! # }
//! # use generated::RecordOperation;
//! use graphdoc_runtime::{Collection, Object as _};
//!
//! let text = r#"{"@odata.context":"…","value":[{"id":"1","status":"running","extra":1}]}"#;
//! let ops: Collection<RecordOperation> = serde_json::from_str(text)?;
//! let op = &ops.value[0];
//! assert_eq!(op.status.as_deref(), Some("running"));
//! assert_eq!(op.additional_data()["extra"], 1); // unknown properties are kept
//! assert_eq!(serde_json::to_string(&ops)?, text); // and written back in place
//!
//! // PATCH: send only what changes, and clear a value with an explicit null.
//! let mut patch = RecordOperation { id: Some("1".into()), ..Default::default() };
//! patch.set_null(RecordOperation::STATUS); // a typed field: no misspelling, no stale value
//! assert_eq!(serde_json::to_string(&patch)?, r#"{"id":"1","status":null}"#);
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! # Features
//!
//! - `jiff` (default): the date and time Edm types over [jiff](https://docs.rs/jiff), re-exported
//!   as [`jiff`]. Without it, generate with `DateTimeMapping::String` (date-time values as
//!   `String`).

#![warn(missing_docs)]

mod collection;
mod data;
mod edm;
mod enums;
mod object;
mod operation;
mod poly;
#[cfg(test)]
mod tests;
#[cfg(feature = "jiff")]
mod time;
mod wire;

pub use collection::Collection;
pub use data::AdditionalData;
pub use edm::{Binary, Edm, Guid, Lexical, Uuid};
pub use enums::{Enum, Flags};
pub use object::{Field, Object};
pub use operation::{Method, Operation};
#[cfg(feature = "jiff")]
pub use time::{Date, DateTimeOffset, Duration, TimeOfDay};
pub use wire::strictly;

/// The date and time library of [`DateTimeOffset`] and the other date-time Edm types (the
/// `jiff` feature).
#[cfg(feature = "jiff")]
pub use jiff;

/// What generated code calls and users do not: the shared serde loops, field tables, readers and
/// writers of the generated impls. Not part of the API: it changes with the generator.
#[doc(hidden)]
pub mod __private {
    /// This crate's version: the generator pins generated crates to it (this module is not a
    /// stable API).
    pub const VERSION: &str = env!("CARGO_PKG_VERSION");

    pub use crate::enums::{deserialize_enum, enum_from_str};
    pub use crate::object::{
        debug_object, deserialize_object, read, read_object, serialize_object, write, Kept, Table,
        Writer,
    };
    pub use crate::poly::{
        deserialize_polymorphic, field, field_mut, no_field, resolve_tag, Fields, Polymorphic,
    };
    pub use crate::wire::{
        Any, Bool, Boxed, Enumerated, HasWire, Int, Lenient, Nested, Num, Number, Seq, Str, Struct,
        Text, Wire, Written,
    };
}
