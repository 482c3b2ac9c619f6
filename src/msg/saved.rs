//! Editing the bookmarks and history views: deleting a row, clearing history, and the store's
//! answer (after which the open view is read again, so it shows what the store holds).

use crate::model::SavedKind;

/// Intents and results of the saved views.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SavedMsg {
    /// `d` / Delete: remove the selected row (a bookmark, or an item from history).
    Delete,
    /// `X`: clear all history — asks first; the same key again confirms.
    ClearHistory,
    /// The store changed a list (or could not).
    Changed {
        /// Which list.
        kind: SavedKind,
        /// Ok, or why the store failed.
        result: Result<(), String>,
    },
}

impl SavedMsg {
    /// Whether this reports a result (lands whatever the focus or overlay).
    pub fn is_result(&self) -> bool {
        matches!(self, Self::Changed { .. })
    }
}

/// Store work for the saved views.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SavedEffect {
    /// Remove one item (by stored key) from a list.
    Delete {
        /// Which list.
        kind: SavedKind,
        /// The item's stored key.
        key: String,
    },
    /// Remove every history entry.
    ClearHistory,
}

impl SavedEffect {
    /// The list the effect changes.
    pub fn kind(&self) -> SavedKind {
        match self {
            Self::Delete { kind, .. } => *kind,
            Self::ClearHistory => SavedKind::History,
        }
    }
}
