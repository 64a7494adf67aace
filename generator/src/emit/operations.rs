//! Operation descriptors: a unit struct per operation implementing `graphdoc_runtime::Operation` (method,
//! path template, body and response types), in `mod operations`.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::index::Index;
use super::names::{convert, Case, Scope};
use super::structs::doc_attrs;
use crate::diag::Diagnostics;
use crate::ir::{Operation, TypeRef};

/// The wire-style name of an action's request body struct (`call.updateRecordingStatus` →
/// `call_updateRecordingStatus_request`).
pub(crate) fn request_body_name(op: &Operation) -> String {
    format!("{}_request", op.id.replace('.', "_"))
}

fn type_use(index: &Index<'_>, t: &TypeRef) -> TokenStream {
    let from = proc_macro2::Ident::new("operations", proc_macro2::Span::call_site());
    let inner = index.rust_type(Some(&from), false, &TypeRef::one(t.element.clone()));
    if t.collection {
        let rt = &index.runtime;
        quote!(#rt::Collection<#inner>)
    } else {
        inner
    }
}

/// The gate of an operation (and its request body): its bound type and every schema type it uses
/// are enabled.
pub(crate) fn cfg_operation(index: &Index<'_>, op: &Operation) -> TokenStream {
    let Some(f) = &index.features else {
        return TokenStream::new();
    };
    // The type it is bound to (so operations that use no schema type still follow an area),
    // and every type it uses.
    let names: Vec<&str> = op
        .bound_type
        .iter()
        .map(String::as_str)
        .chain(op.parameters.iter().map(|p| p.ty.element.qualified()))
        .chain(op.request_body.iter().map(|t| t.element.qualified()))
        .chain(op.response.iter().map(|t| t.element.qualified()))
        .collect();
    f.cfg_all(names)
}

pub(crate) fn emit_operations(
    ops: &[Operation],
    index: &Index<'_>,
    has_body_struct: &dyn Fn(&Operation) -> Option<TokenStream>,
    diags: &mut Diagnostics,
) -> TokenStream {
    let rt = &index.runtime;
    let mut scope = Scope::default();
    let mut items = Vec::new();
    for op in ops {
        let name = convert(
            &op.id.replace('.', "_"),
            Case::Type,
            "operation",
            Some(&op.origin),
            diags,
        );
        let ident = scope
            .claim(name, "operation", Some(&op.origin), diags)
            .ident;
        let id = Literal::string(&op.id);
        let method = match op.method.as_str() {
            "POST" => quote!(Post),
            "PATCH" => quote!(Patch),
            "PUT" => quote!(Put),
            "DELETE" => quote!(Delete),
            _ => quote!(Get),
        };
        let path = match &op.path {
            Some(p) => {
                let p = Literal::string(p);
                quote!(Some(#p))
            }
            None => quote!(None),
        };
        let body = match (&op.request_body, has_body_struct(op)) {
            (Some(t), _) => type_use(index, t),
            (None, Some(s)) => quote!(super::#s),
            (None, None) => quote!(()),
        };
        let response = op
            .response
            .as_ref()
            .map_or_else(|| quote!(()), |t| type_use(index, t));
        let mut docs: Vec<String> = op.description.iter().cloned().collect();
        docs.push(String::new());
        docs.push(format!(
            "`{} {}`",
            op.method,
            op.path.as_deref().unwrap_or("(the docs give no path)")
        ));
        let docs = doc_attrs(&docs);
        let cfg = cfg_operation(index, op);
        items.push(quote! {
            #cfg
            #docs
            #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
            pub struct #ident;
            #cfg
            impl #rt::Operation for #ident {
                const ID: &'static str = #id;
                const METHOD: #rt::Method = #rt::Method::#method;
                const PATH: Option<&'static str> = #path;
                type Body = #body;
                type Response = #response;
            }
        });
    }
    quote! {
        /// One descriptor per documented operation: method, path template, body and response types.
        pub mod operations {
            #(#items)*
        }
    }
}
