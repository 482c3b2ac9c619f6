//! One tab's state: its list, its detail pane and, while one runs, its batch.

use ratatui::widgets::ListState;

use super::list::ListPane;
use super::loadable::Loadable;
use crate::api::ApiError;
use crate::api::connectivity::Reach;
use crate::api::origin::Origin;
use crate::model::RequestId;
use crate::model::{ItemKey, Source};
use crate::views::Detail;

/// Everything one tab shows.
#[derive(Debug)]
pub struct Tab {
    /// Which source this tab browses.
    pub source: Source,
    /// The list with its search and marks.
    pub list: ListPane,
    /// The detail pane.
    pub detail: DetailPane,
    /// The batch view, while open.
    pub batch: Option<Batch>,
    /// The retry under way for the list: (retry, of).
    pub list_retry: Option<(u32, u32)>,
    /// Where the list came from.
    pub list_origin: Option<Origin>,
    /// A refresh of the loaded list under way (the old entries stay shown meanwhile).
    pub list_refresh: Option<ListRefresh>,
    /// What is known about the source's server, for the status bar.
    pub reach: Reach,
}

/// A fresh copy of a shown list, on its way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListRefresh {
    /// The request.
    pub req: RequestId,
    /// Where its answer came from, if not the network.
    pub origin: Option<Origin>,
}

impl Tab {
    /// An empty tab for `source`.
    pub fn new(source: Source) -> Self {
        let mut list = ListPane::default();
        // Search terms (`type:water`, `gen:1`, `dex:1-151`) are the Pokémon list's.
        list.terms_enabled = source == Source::Pokemon;
        Self {
            source,
            list,
            detail: DetailPane::default(),
            batch: None,
            list_retry: None,
            list_origin: None,
            list_refresh: None,
            reach: Reach::Online,
        }
    }
}

/// The detail pane: which item it shows and its state.
#[derive(Debug, Default)]
pub struct DetailPane {
    /// The item shown or being fetched.
    pub key: Option<ItemKey>,
    /// Its data.
    pub state: Loadable<Detail>,
    /// Lines scrolled down. The view clamps it to the content, like a `ListState`'s offset.
    pub scroll: u16,
    /// The selected link (an index into the page's [`Detail::links`]).
    pub link: Option<usize>,
    /// Set when the selected link moved: the view scrolls it into sight, then clears this.
    pub reveal_link: bool,
    /// Pages to go back to (most recent last).
    pub back: Vec<ItemKey>,
    /// Pages to go forward to after going back (most recent last).
    pub forward: Vec<ItemKey>,
    /// The retry under way for the page being fetched: (retry, of).
    pub retry: Option<(u32, u32)>,
    /// Where the page shown came from (cache, snapshot…), when not simply the network.
    pub origin: Option<Origin>,
    /// The requests the page shown was built from (`i`).
    pub requests: Option<super::request::PageRequests>,
}

impl DetailPane {
    /// Shows `state` for `key` as a new page: what belonged to the page before (its scroll,
    /// selected link, retry note, origin and requests) goes with it.
    pub fn show(&mut self, key: Option<ItemKey>, state: Loadable<Detail>) {
        self.key = key;
        self.state = state;
        self.scroll = 0;
        self.link = None;
        self.retry = None;
        self.origin = None;
        self.requests = None;
    }

    /// The breadcrumb: the last few pages walked through, then this one.
    pub fn breadcrumb(&self, depth: usize) -> Vec<String> {
        let skip = self.back.len().saturating_sub(depth);
        self.back[skip..]
            .iter()
            .chain(self.key.iter())
            .map(ItemKey::crumb)
            .collect()
    }
}

/// A batch: marked items fetched concurrently, each with its own progress.
#[derive(Debug)]
pub struct Batch {
    /// The items, in list order. Marks survive a change of search, so one batch can gather
    /// items found by several searches.
    pub items: Vec<BatchItem>,
    /// Selection in the batch view.
    pub state: ListState,
}

impl Batch {
    /// How many items have finished (found, not found or failed).
    pub fn finished(&self) -> usize {
        self.items.iter().filter(|i| i.status.is_finished()).count()
    }

    /// Whether any item is still queued or in flight.
    pub fn is_running(&self) -> bool {
        self.items.iter().any(|i| !i.status.is_finished())
    }
}

/// One item of a batch.
#[derive(Debug, Clone)]
pub struct BatchItem {
    /// What to fetch.
    pub key: ItemKey,
    /// How the list showed it.
    pub label: String,
    /// The request this item's current attempt belongs to (a retry gets a new one).
    pub req: RequestId,
    /// Where it is.
    pub status: BatchStatus,
    /// The retry under way: (retry, of).
    pub retry: Option<(u32, u32)>,
}

/// Progress of one batch item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BatchStatus {
    /// Waiting for a free slot.
    Queued,
    /// Request sent.
    InFlight,
    /// Fetched; a one-line summary.
    Done(String),
    /// The API has no such item.
    NotFound,
    /// The request failed.
    Failed(ApiError),
}

impl BatchStatus {
    /// Found, not found or failed.
    pub fn is_finished(&self) -> bool {
        !matches!(self, Self::Queued | Self::InFlight)
    }
}
