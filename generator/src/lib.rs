//! graphdoc: API reference docs in markdown → a reviewable schema IR → Rust types with serde impls.
//!
//! The stages are pure functions; only [`write`] and the [`Builder`] touch the file system:
//! [`page::parse_page`] (markdown → page model), [`ir::build`] (pages → schema IR),
//! [`schema_files`] (IR → YAML files), [`emit::emit`] (IR → Rust source).

pub mod diag;
pub mod page;
