//! The page of an item of a registered source ([`crate::sources`]): a heading and its fields.

use crate::model::{ItemKey, RecordId};

/// A registered source's item, ready to draw: every string capped and sanitised when mapped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordPage {
    /// Whose item it is.
    pub source: RecordId,
    /// The heading (`cheri`).
    pub heading: String,
    /// The heading's number (`1`), when the source names one.
    pub number: Option<String>,
    /// The fields in the source's order: a label and its value (`—` where the body has none).
    pub fields: Vec<(String, String)>,
    /// The fields that are links, in field order: the field's place in `fields` and the item it
    /// opens (what [`super::Detail::links`] lists for this page).
    pub links: Vec<(usize, ItemKey)>,
}

impl RecordPage {
    /// One line for the batch view: the first two fields that have a value.
    pub fn summary(&self) -> String {
        self.fields
            .iter()
            .filter(|(_, value)| value != super::record::NONE)
            .take(2)
            .map(|(label, value)| format!("{label} {value}"))
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

/// What a field shows when the body has no value for it.
pub const NONE: &str = "—";
