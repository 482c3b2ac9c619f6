//! The user's saved lists.

/// Which saved list is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SavedKind {
    /// Bookmarked items, across sources.
    Bookmarks,
    /// Recently opened items.
    History,
}

impl SavedKind {
    /// The view's title.
    pub fn title(self) -> &'static str {
        match self {
            Self::Bookmarks => "Bookmarks",
            Self::History => "Recent",
        }
    }
}
