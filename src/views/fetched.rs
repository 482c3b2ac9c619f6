//! A body fetched for the JSON view.

use std::sync::Arc;

use crate::json_tree::JsonDoc;
use crate::model::ItemKey;

/// A fetched body, ready for the JSON view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    /// JSON (or what was meant to be), parsed off the UI task.
    Body {
        /// The URL it came from.
        url: String,
        /// The body as it came.
        body: Arc<[u8]>,
        /// The parsed document.
        doc: JsonDoc,
    },
    /// A picture (by content): shown as one.
    Picture {
        /// Its URL.
        url: String,
    },
    /// The URL belongs to a known source: its rich page opens instead.
    Page(ItemKey),
}
