//! The registry of sources that need no code of their own: a JSON API with a list and a
//! detail page, described as data ([`RecordSpec`]). Each gets a tab (after the built-in
//! sources, before Live), a `tab_<id>` key, `apidex get`/`list` nouns, a base-URL and TTL
//! setting, and a page drawn from its fields.
//!
//! Adding one is a file here and a line in [`RECORDS`] (ARCHITECTURE.md, "Adding a source").
//! This module depends on nothing else of apidex's: every layer may read it.

mod berry;
pub mod spec;

pub use self::spec::{Field, Home, ItemSpec, KeyKind, ListSpec, MAX_PAGES, Number, RecordSpec};

/// Every registered source, in tab order.
pub const RECORDS: &[RecordSpec] = &[berry::SPEC];
