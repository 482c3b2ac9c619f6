//! The JSON explorer's messages and effects (#14): the JSON view (`v`), its search (`/`) and
//! jq filter (`|`), following URLs, `o` (open any URL) and `y` (copy).

use std::sync::Arc;

use crate::json_tree::JsonTree;
use crate::model::JsonTarget;
use crate::model::RequestId;
use crate::views::Fetched;

/// What `y` copies (the key pressed after it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyWhat {
    /// `y`: the value under the cursor.
    Value,
    /// `u`: the page's URL.
    Url,
    /// `p`: the jq path of the value under the cursor.
    Path,
    /// `j`: the whole JSON.
    Json,
    /// `c`: a `curl` command that makes the same request.
    Curl,
}

/// The JSON explorer's messages.
#[derive(Debug, Clone)]
pub enum JsonMsg {
    // --- intents -------------------------------------------------------------------------------
    /// `v`: open the JSON view of the page shown (or close it).
    Toggle,
    /// `o`: the one-line URL prompt.
    OpenPrompt,
    /// Open `url` as a page (the prompt's Enter, `apidex open URL`).
    OpenUrl(String),
    /// Move the cursor by rows.
    Move(isize),
    /// Move the cursor by a page.
    Page(isize),
    /// The first row.
    Top,
    /// The last row.
    Bottom,
    /// `→`/`l`: unfold the node (or step into it when unfolded).
    Unfold,
    /// `←`/`h`: fold the node (or step out to its parent when folded).
    Fold,
    /// `Space`: fold or unfold.
    ToggleFold,
    /// `zM` (`true`) / `zR` (`false`): fold or unfold everything.
    FoldAll(bool),
    /// `z` pressed: the next key completes `zM`/`zR`.
    PendingZ,
    /// `/`: type a search.
    StartSearch,
    /// `|`: type a jq filter.
    StartFilter,
    /// A character typed into the search, the filter or the URL prompt.
    Input(char),
    /// Text pasted (bracketed paste) into the box being typed in.
    Paste(String),
    /// Backspace in the box being typed in.
    Backspace,
    /// The key bound to `search_clear` (Ctrl-U): empty the box being typed in.
    ClearInput,
    /// Enter: keep the search or filter, open the prompt's URL, follow the URL under the cursor.
    Submit,
    /// Esc: drop the box being typed in, the kept filter, or close the view.
    Cancel,
    /// `n` (`1`) / `N` (`-1`): the next or previous match.
    NextMatch(isize),
    /// `y`: show the copy menu.
    CopyMenu,
    /// The copy menu's choice.
    Copy(CopyWhat),
    /// Backspace outside a box: the previous URL of this view.
    Back,
    /// Alt-→: forward again.
    Forward,

    // --- results -------------------------------------------------------------------------------
    /// A body for the view arrived (parsed on a blocking thread).
    Loaded {
        /// The request it answers.
        req: RequestId,
        /// The body, a picture, a known page — or why not (`Ok(None)`: 404).
        result: Result<Option<Fetched>, String>,
        /// The requests it was fetched with (for `i`).
        exchanges: Vec<crate::api::exchange::Exchange>,
    },
    /// A filter's outputs (or its error) arrived.
    Filtered {
        /// The request it answers.
        req: RequestId,
        /// The outputs as a tree, or a one-line error.
        result: Result<JsonTree, String>,
    },
}

impl JsonMsg {
    /// Whether this is a result rather than something the user did.
    pub fn is_result(&self) -> bool {
        matches!(self, Self::Loaded { .. } | Self::Filtered { .. })
    }
}

/// What the JSON explorer asks the world to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonEffect {
    /// Fetch a target's body (through the shared client) and parse it off the UI task.
    Fetch {
        /// Request id to answer with.
        req: RequestId,
        /// What to fetch.
        target: JsonTarget,
        /// A URL that belongs to a known source answers with its page instead.
        resolve: bool,
    },
    /// Run a jq filter over a body, off the UI task.
    Filter {
        /// Request id to answer with.
        req: RequestId,
        /// The body.
        body: Arc<[u8]>,
        /// The filter.
        filter: String,
    },
    /// Put text on the terminal's clipboard (OSC 52), written straight to the terminal.
    Copy(String),
}
