//! What a JSON view shows.

use super::ItemKey;

/// What a JSON view shows: the response behind a page, or any URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonTarget {
    /// The main resource of an item's page.
    Page(ItemKey),
    /// A URL, of any host.
    Url(String),
}
