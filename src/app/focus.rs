//! Where keys go, and where the panes were last drawn (for the mouse and for paging).

use ratatui::layout::Rect;

/// Where keys go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The list (or the batch view, while one is open).
    List,
    /// The search box: printable keys are typed into it.
    Search,
    /// The detail pane: movement keys scroll it.
    Detail,
}

/// Screen areas from the last draw, so mouse clicks can be mapped to rows. Written by the view.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Areas {
    /// The tab bar.
    pub tabs: Rect,
    /// The list (or batch) pane, borders included.
    pub list: Rect,
    /// The detail pane, borders included.
    pub detail: Rect,
    /// Rows a page moves in the list.
    pub list_page: u16,
    /// Rows a page scrolls in the detail.
    pub detail_page: u16,
}
