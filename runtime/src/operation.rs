//! Operation descriptors.

use serde::de::Deserialize;
use serde::ser::Serialize;

/// The HTTP method of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`.
    Get,
    /// `POST`.
    Post,
    /// `PATCH`.
    Patch,
    /// `PUT`.
    Put,
    /// `DELETE`.
    Delete,
}

impl Method {
    /// The method as written in an HTTP request line (`"GET"`).
    ///
    /// ```
    /// assert_eq!(graphdoc_runtime::Method::Patch.as_str(), "PATCH");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Patch => "PATCH",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

/// An operation from an API page: method, path template, and the body and response types
/// (`()` where there is none). Generated as a unit struct per operation in `operations`.
///
/// ```
/// use graphdoc_runtime::{Method, Operation};
///
/// /// The request line of an operation, placeholders left in.
/// fn request_line<O: Operation>() -> String {
///     format!("{} {}", O::METHOD.as_str(), O::PATH.unwrap_or("?"))
/// }
/// ```
pub trait Operation {
    /// The operation's id in the schema.
    const ID: &'static str;
    /// The HTTP method.
    const METHOD: Method;
    /// The path template with `{placeholders}`; `None` when the docs give none.
    const PATH: Option<&'static str>;
    /// The request body (`()` when there is none).
    type Body: Serialize;
    /// The response body (`()` when there is none).
    type Response: for<'de> Deserialize<'de>;
}
