//! The effects `update` asks for: what the runner carries out (fetches, the store, timers,
//! the JSON view's work, the live stream), each sending `Msg`s back.

use super::{JsonEffect, LiveEffect, SavedEffect};
use crate::model::{ItemKey, RequestId, SavedKind, Source, Term};
use crate::store::marks::Remembered;

/// What `update` asks the world to do. The effect runner spawns a task for each fetch; tasks only
/// send [`Msg`]s back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Load a tab's list.
    FetchList {
        /// Which tab.
        source: Source,
        /// Request id to answer with.
        req: RequestId,
    },
    /// Load an item's detail, replacing (aborting) the tab's previous detail fetch.
    FetchDetail {
        /// Which tab.
        source: Source,
        /// Request id to answer with.
        req: RequestId,
        /// The item.
        key: ItemKey,
        /// A breed's sub-breeds, known from the list.
        sub_breeds: Vec<String>,
        /// Wait a moment first, so holding a key down does not flood the API.
        debounce: bool,
    },
    /// Fetch batch items concurrently; each is reported as it starts and as it completes.
    FetchBatch {
        /// Which tab.
        source: Source,
        /// The batch's request id.
        req: RequestId,
        /// Items with their positions in the batch.
        items: Vec<(usize, ItemKey)>,
    },
    /// Abort the tab's batch (the view was closed).
    CancelBatch {
        /// Which tab.
        source: Source,
    },
    /// Download and decode a picture.
    FetchImage {
        /// Its URL.
        url: String,
        /// Request id to answer with.
        req: RequestId,
        /// Scale it as pixel art (sprites) rather than smoothly (photos).
        pixel_art: bool,
    },
    /// Drop a term's fetch that has not gone out yet: the query no longer has the term (it was
    /// a prefix typed on the way to another).
    CancelTerm {
        /// The term.
        term: Term,
    },
    /// Stop fetching a picture nobody is looking at any more.
    CancelImage {
        /// Its URL.
        url: String,
    },
    /// Fetch every type's damage relations (once).
    FetchTypeChart {
        /// Request id to answer with.
        req: RequestId,
    },
    /// Fetch the Pokémon a search term stands for.
    FetchTerm {
        /// The term.
        term: Term,
        /// Request id to answer with.
        req: RequestId,
    },
    /// Read bookmarks or history from the store.
    LoadSaved {
        /// Which list.
        kind: SavedKind,
    },
    /// Read the recent searches from the store.
    LoadSearches,
    /// Add or remove a bookmark.
    ToggleBookmark {
        /// The item.
        item: Remembered,
    },
    /// Record that an item was opened.
    RecordVisit {
        /// The item.
        item: Remembered,
    },
    /// Record a search.
    RecordSearch {
        /// What was typed.
        query: String,
    },
    /// Write items' JSON (as the API sent it) to a file in the export directory.
    Export {
        /// The items.
        keys: Vec<ItemKey>,
        /// A name for the file (`pikachu`, `3-pokemon`).
        name: String,
    },
    /// Carry out the effect with every request going to the network: no fresh-cache answer and
    /// no skipping a server thought unreachable (`r` retries for real).
    Forced(Box<Effect>),
    /// Send [`Msg::NoticeExpired`] with `id` once `after` has passed (the notice's lifetime).
    ExpireNotice {
        /// The notice's number.
        id: u64,
        /// Its lifetime.
        after: std::time::Duration,
    },
    /// Open `url` in the system browser, off the UI loop (the runner carries it out through the
    /// launcher it was given, so tests never start one).
    OpenInBrowser {
        /// An http(s) URL.
        url: String,
    },
    /// The JSON explorer's fetches, filters and copies.
    Json(JsonEffect),
    /// Changes to bookmarks and history.
    Saved(SavedEffect),
    /// The Live tab's stream (#15).
    Live(LiveEffect),
    /// Fetch the compare view's Pokémon concurrently.
    FetchCards {
        /// Request id to answer with.
        req: RequestId,
        /// The Pokémon, with their positions.
        items: Vec<(usize, ItemKey)>,
    },
}
