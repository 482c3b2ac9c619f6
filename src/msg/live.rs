//! The Live tab's messages and effects (#15): what the user does in it, what the stream task
//! reports (batched, at most ~30 a second, so a fast stream costs one redraw per batch), and
//! what the runner is asked to do.

use std::sync::Arc;
use std::time::Duration;

use crate::live::FrameKind;

/// One received message, ready to show: its summary row was made off the UI task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveRow {
    /// The summary, one line, sanitised.
    pub summary: String,
    /// The message as sent (for the JSON view).
    pub text: Arc<str>,
    /// What the frame held.
    pub kind: FrameKind,
}

/// Where the connection stands, as the task reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LiveStatus {
    /// Connecting (`attempt` 1 is the first).
    Connecting {
        /// Attempt since the last good connection.
        attempt: u32,
    },
    /// Connected and reading.
    Live,
    /// The connection went; the next attempt is in `delay`.
    Reconnecting {
        /// Why, in one line.
        reason: String,
        /// When the next attempt starts.
        delay: Duration,
    },
    /// Ended for good (the server refused).
    Failed(String),
}

/// The Live tab's messages.
#[derive(Debug, Clone, PartialEq)]
pub enum LiveMsg {
    // --- intents -------------------------------------------------------------------------------
    /// `4`: show the Live tab (connecting the first time).
    Show,
    /// `p`: freeze the view or follow the stream again (the connection keeps reading).
    TogglePause,
    /// `c`: empty the buffer.
    Clear,
    /// `/`: type a filter over the buffer.
    StartFilter,
    /// `S`: type a message to send.
    StartSend,
    /// `o`: type another stream's URL.
    StartOpen,
    /// A character typed into the filter or a prompt.
    Input(char),
    /// Text pasted into the filter or a prompt.
    Paste(String),
    /// Backspace in the filter or a prompt.
    Backspace,
    /// The key bound to `search_clear` (Ctrl-U): empty the filter or the prompt.
    ClearInput,
    /// Enter in the filter (keep it) or a prompt (send / open).
    Submit,
    /// Esc: leave the prompt; out of one, clear the filter.
    Cancel,
    /// Move the selection (negative: older), leaving the newest.
    Move(isize),
    /// Move by a page.
    Page(isize),
    /// The oldest message.
    Top,
    /// The newest message, following again.
    Bottom,
    /// Enter: the selected message in the JSON view.
    OpenSelected,

    // --- results -------------------------------------------------------------------------------
    /// Messages received since the last batch.
    Received {
        /// The session they belong to (stale sessions are ignored).
        session: u64,
        /// The messages, oldest first.
        rows: Vec<LiveRow>,
        /// Frames refused over the size cap meanwhile.
        refused: u64,
        /// Messages per second over the last second.
        rate: f64,
    },
    /// The connection's state changed.
    Status {
        /// The session.
        session: u64,
        /// The new state.
        status: LiveStatus,
    },
}

impl LiveMsg {
    /// Whether this is a report from the stream task rather than something the user did.
    pub fn is_result(&self) -> bool {
        matches!(self, Self::Received { .. } | Self::Status { .. })
    }
}

/// What the Live tab asks the runner to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LiveEffect {
    /// Open a session on `url` (closing any other).
    Connect {
        /// Its id, carried by every report.
        session: u64,
        /// A `ws://` or `wss://` URL.
        url: String,
        /// The cap on one message, in bytes.
        max_frame: usize,
    },
    /// Send a text on the open session.
    Send(String),
}
