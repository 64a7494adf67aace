//! One index over a built schema: a type by qualified name (in any letter case, as the docs match
//! names), and the walks along base edges the later stages need (ancestors, derived types,
//! flattened properties). Emit, select, validate and the example checks all ask it, so a base
//! chain is walked one way everywhere, and safely even if it were cyclic.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::ir::model::{Property, Schema, TypeDef};

/// Types of a [`Schema`] by lower-cased qualified name, with their derived types.
pub struct SchemaIndex<'a> {
    /// By lower-cased qualified name; of two names that differ only in case, the first in schema
    /// order.
    types: BTreeMap<String, &'a TypeDef>,
    /// Direct derived types by the base's key, in key order; a type is never its own child.
    children: BTreeMap<String, Vec<&'a TypeDef>>,
    /// Each indexed type's base, by the type's address (base chains are walked without building
    /// keys).
    base_of: HashMap<*const TypeDef, Option<&'a TypeDef>>,
}

/// The index key of a qualified name.
fn key(qualified: &str) -> String {
    qualified.to_ascii_lowercase()
}

impl<'a> SchemaIndex<'a> {
    pub fn new(schema: &'a Schema) -> SchemaIndex<'a> {
        let mut types: BTreeMap<String, &'a TypeDef> = BTreeMap::new();
        for t in &schema.types {
            types.entry(key(&t.qualified_name())).or_insert(t);
        }
        let mut children: BTreeMap<String, Vec<&'a TypeDef>> = BTreeMap::new();
        for (k, t) in &types {
            if let Some(b) = t.base.as_deref().map(key) {
                if types.contains_key(&b) && &b != k {
                    children.entry(b).or_default().push(t);
                }
            }
        }
        let base_of = types
            .values()
            .map(|t| {
                let b = t.base.as_deref().and_then(|b| types.get(&key(b))).copied();
                (*t as *const TypeDef, b)
            })
            .collect();
        SchemaIndex {
            types,
            children,
            base_of,
        }
    }

    /// `t`'s base, if the schema holds it.
    fn base(&self, t: &TypeDef) -> Option<&'a TypeDef> {
        match self.base_of.get(&(t as *const TypeDef)) {
            Some(b) => *b,
            // Not an indexed type (an action's parameters as a type): by name.
            None => t.base.as_deref().and_then(|b| self.get(b)),
        }
    }

    /// The type with this qualified name, in any letter case.
    pub fn get(&self, qualified: &str) -> Option<&'a TypeDef> {
        self.types.get(&key(qualified)).copied()
    }

    /// Every indexed type, by lower-cased qualified name.
    pub fn types(&self) -> impl Iterator<Item = (&str, &'a TypeDef)> + '_ {
        self.types.iter().map(|(k, t)| (k.as_str(), *t))
    }

    /// `t`'s bases, nearest first (a base the schema does not hold ends the chain, and so would a
    /// cycle).
    pub fn ancestors(&self, t: &TypeDef) -> Vec<&'a TypeDef> {
        let mut out: Vec<&'a TypeDef> = Vec::new();
        let mut cur = self.base(t);
        while let Some(b) = cur {
            if std::ptr::eq(b, t) || out.iter().any(|x| std::ptr::eq(*x, b)) {
                break;
            }
            out.push(b);
            cur = self.base(b);
        }
        out
    }

    /// The types that name `t` as their base, by lower-cased qualified name.
    pub fn children(&self, t: &TypeDef) -> &[&'a TypeDef] {
        self.children
            .get(&key(&t.qualified_name()))
            .map_or(&[], Vec::as_slice)
    }

    /// Every type derived from `t`, directly or not: depth first, children in name order.
    pub fn descendants(&self, t: &TypeDef) -> Vec<&'a TypeDef> {
        let mut seen = BTreeSet::from([key(&t.qualified_name())]);
        let mut out = Vec::new();
        let mut stack: Vec<&'a TypeDef> = self.children(t).iter().rev().copied().collect();
        while let Some(d) = stack.pop() {
            if !seen.insert(key(&d.qualified_name())) {
                continue;
            }
            out.push(d);
            stack.extend(self.children(d).iter().rev());
        }
        out
    }

    /// `t`'s properties with its bases' first, root first; a name declared again lower down is
    /// the base's.
    pub fn flattened<'t>(&self, t: &'t TypeDef) -> Vec<&'t Property>
    where
        'a: 't,
    {
        let mut chain: Vec<&'t TypeDef> = self.ancestors(t);
        chain.reverse();
        chain.push(t);
        let mut seen = BTreeSet::new();
        chain
            .into_iter()
            .flat_map(|c| c.properties.iter())
            .filter(|p| seen.insert(p.name.as_str()))
            .collect()
    }

    /// The property `name` (any letter case) of `t` or, failing that, of its nearest base that
    /// has it.
    pub fn property<'t>(&self, t: &'t TypeDef, name: &str) -> Option<&'t Property>
    where
        'a: 't,
    {
        std::iter::once(t).chain(self.ancestors(t)).find_map(|c| {
            c.properties
                .iter()
                .find(|p| p.name.eq_ignore_ascii_case(name))
        })
    }
}
