//! Messages into `App::update` and the effects it asks the world to carry out.
//!
//! Intents (from keys and the mouse) are imperative; results (from fetch tasks) are past tense and
//! carry the [`RequestId`] they answer, so stale ones can be dropped.

mod effect;
mod target;

pub use self::effect::Effect;
pub use self::target::RetryTarget;
mod json;
mod live;
mod saved;

pub use self::json::{CopyWhat, JsonEffect, JsonMsg};
pub use self::live::{LiveEffect, LiveMsg, LiveRow, LiveStatus};
pub use self::saved::{SavedEffect, SavedMsg};
use crate::api::ApiError;
use crate::api::connectivity::Reach;
use crate::api::exchange::Exchange;
use crate::api::origin::Origin;
use crate::images::Picture;
use crate::matchups::TypeChart;
use crate::model::RequestId;
use crate::model::SavedKind;
use crate::model::Term;
use crate::model::{ItemKey, Source};
use crate::store::marks::Remembered;
use crate::views::PokemonCard;
use crate::views::{Detail, ListEntry};

/// Everything that can change the app's state.
#[derive(Debug, Clone)]
pub enum Msg {
    // --- intents -------------------------------------------------------------------------------
    /// Leave the app.
    Quit,
    /// Show the next tab.
    NextTab,
    /// Show the previous tab.
    PrevTab,
    /// Show a given tab.
    SelectTab(Source),
    /// Move the selection (or scroll the detail pane, when it has focus) by this many rows.
    Move(isize),
    /// Move by a page (sign gives the direction).
    Page(isize),
    /// Jump to the first row (or the top of the detail).
    Top,
    /// Jump to the last row (or the bottom of the detail).
    Bottom,
    /// Give the list focus.
    FocusList,
    /// Give the detail pane focus (in a narrow terminal: show it).
    FocusDetail,
    /// Start typing a search.
    FocusSearch,
    /// A character typed into the search box.
    SearchInput(char),
    /// Text pasted into the search box (bracketed paste): one edit, however long.
    SearchPaste(String),
    /// Delete the character before the cursor in the search box.
    SearchBackspace,
    /// Empty the search box.
    SearchClear,
    /// Enter: open the selection, run the typed search, start or open a batch.
    Confirm,
    /// Esc: leave the current mode, clear marks or the filter.
    Back,
    /// Mark or unmark the selected row.
    ToggleMark,
    /// Mark every row shown.
    MarkAll,
    /// Retry what failed here (the list, the detail or a batch's failures).
    Retry,
    /// Show or hide the key bindings.
    ToggleHelp,
    /// A mouse click at a terminal cell.
    Click {
        /// Column.
        x: u16,
        /// Row.
        y: u16,
    },
    /// The mouse wheel over a terminal cell (`delta` rows, negative is up).
    Wheel {
        /// Column.
        x: u16,
        /// Row.
        y: u16,
        /// Rows to scroll.
        delta: isize,
    },
    /// Go back to the previous page in the detail pane.
    HistoryBack,
    /// Go forward again after going back.
    HistoryForward,
    /// Show shiny sprites everywhere (or normal ones again).
    ToggleShiny,
    /// Show another random photo of the breed.
    AnotherPhoto,
    /// Compare the marked Pokémon side by side (or close the comparison).
    Compare,
    /// Bookmark the item shown (or unbookmark it).
    ToggleBookmark,
    /// Show the bookmarks, across sources.
    ShowBookmarks,
    /// Show recently opened items.
    ShowHistory,
    /// Export the item shown, or the marked or batch items, as JSON files.
    Export,
    /// Recall an older (+1) or newer (-1) search into the search box.
    SearchRecall(isize),
    /// The terminal changed size (just redraw).
    Resize,
    /// Advance the loading spinner (sent only while something is loading).
    Tick,
    /// Typing in the search box goes on from the end of the query instead of replacing it
    /// (End, Home, ←, →, Ctrl-A or Ctrl-E right after `/`).
    SearchEdit,
    /// Show (or hide) the request behind the page shown: `i` (#14).
    ShowRequest,
    /// Open the page's URL (a breed's photo) in the system browser: `O` (#14).
    OpenPage,
    /// The JSON explorer: its view, the URL prompt, copying (intents and results).
    Json(JsonMsg),
    /// The bookmarks and history views: deleting, clearing (intents and results).
    Saved(SavedMsg),
    /// The Live tab (#15).
    Live(LiveMsg),

    // --- results -------------------------------------------------------------------------------
    /// A tab's list arrived.
    ListLoaded {
        /// Which tab.
        source: Source,
        /// The request it answers.
        req: RequestId,
        /// The entries, or why not.
        result: Result<Vec<ListEntry>, ApiError>,
    },
    /// An item's detail arrived (`Ok(None)`: no such item).
    DetailLoaded {
        /// Which tab.
        source: Source,
        /// The request it answers.
        req: RequestId,
        /// The item.
        key: ItemKey,
        /// The detail, or why not.
        result: Result<Option<Detail>, ApiError>,
    },
    /// A batch item's request has started.
    BatchItemStarted {
        /// Which tab.
        source: Source,
        /// The batch's request.
        req: RequestId,
        /// Position in the batch.
        index: usize,
    },
    /// A batch item finished (`Ok(None)`: no such item).
    BatchItemLoaded {
        /// Which tab.
        source: Source,
        /// The batch's request.
        req: RequestId,
        /// Position in the batch.
        index: usize,
        /// A one-line summary, or why not.
        result: Result<Option<String>, ApiError>,
    },
    /// A request is being retried (after a transient failure).
    Retrying {
        /// Whose request.
        target: RetryTarget,
        /// The request it belongs to.
        req: RequestId,
        /// This retry's number, from 1.
        attempt: u32,
        /// Retries allowed.
        of: u32,
    },
    /// Where the answers to a request came from (sent just before its result).
    Served {
        /// Whose request.
        target: RetryTarget,
        /// The request.
        req: RequestId,
        /// The most worrying origin among its responses.
        origin: Origin,
    },
    /// The requests a page was built from (sent just before its result), for `i`.
    Requested {
        /// Which tab's detail.
        source: Source,
        /// The request they belong to.
        req: RequestId,
        /// Each request, in the order they were asked: the page's own first.
        exchanges: Vec<Exchange>,
    },
    /// The browser was started for `url` ([`Effect::OpenInBrowser`]), or why not.
    BrowserOpened {
        /// The URL.
        url: String,
        /// Ok, or why the browser could not be started.
        result: Result<(), String>,
    },
    /// Bookmarks or history, read from the store.
    SavedLoaded {
        /// Which list.
        kind: SavedKind,
        /// The items, newest first, or why not.
        result: Result<Vec<Remembered>, String>,
    },
    /// A bookmark was added (`on`) or removed.
    BookmarkToggled {
        /// The item's stored key.
        key: String,
        /// Whether it is bookmarked now, or why the store failed.
        result: Result<bool, String>,
    },
    /// Recent searches, newest first, read from the store at start.
    SearchesLoaded(Vec<String>),
    /// An export finished: the file written, or why not.
    Exported(Result<std::path::PathBuf, String>),
    /// A picture was downloaded and decoded (`Ok(None)`: the server has no such file).
    ImageLoaded {
        /// Its URL.
        url: String,
        /// The request it answers.
        req: RequestId,
        /// The picture, or why not.
        result: Result<Option<Picture>, String>,
    },
    /// Every type's damage relations arrived.
    TypeChartLoaded {
        /// The request it answers.
        req: RequestId,
        /// The chart, or why not.
        result: Result<TypeChart, ApiError>,
    },
    /// A search term's member list arrived (`Ok(None)`: no such type or generation).
    TermLoaded {
        /// The term.
        term: Term,
        /// The request it answers.
        req: RequestId,
        /// Pokémon names, or why not.
        result: Result<Option<Vec<String>>, ApiError>,
    },
    /// What is now known about a source's server: online, unreachable or failing.
    SourceReach {
        /// Which source.
        source: Source,
        /// Its server's state.
        reach: Reach,
    },
    /// A notice's time is up ([`Effect::ExpireNotice`]): it goes, unless a newer one replaced it.
    NoticeExpired {
        /// The notice, as numbered when it was shown.
        id: u64,
    },
    /// One Pokémon of the compare view arrived.
    CardLoaded {
        /// The comparison's request.
        req: RequestId,
        /// Position in the comparison.
        index: usize,
        /// The card, or why not.
        result: Result<Option<PokemonCard>, ApiError>,
    },
}

impl Msg {
    /// Whether this is a result from a fetch task rather than something the user did.
    pub fn is_result(&self) -> bool {
        matches!(
            self,
            Self::ListLoaded { .. }
                | Self::DetailLoaded { .. }
                | Self::BatchItemStarted { .. }
                | Self::BatchItemLoaded { .. }
                | Self::ImageLoaded { .. }
                | Self::TypeChartLoaded { .. }
                | Self::TermLoaded { .. }
                | Self::CardLoaded { .. }
                | Self::SourceReach { .. }
                | Self::Retrying { .. }
                | Self::Served { .. }
                | Self::Requested { .. }
                | Self::BrowserOpened { .. }
                | Self::SavedLoaded { .. }
                | Self::BookmarkToggled { .. }
                | Self::SearchesLoaded(_)
                | Self::Exported(_)
                | Self::NoticeExpired { .. }
        ) || matches!(self, Self::Json(m) if m.is_result())
            || matches!(self, Self::Saved(m) if m.is_result())
            || matches!(self, Self::Live(m) if m.is_result())
    }
}
