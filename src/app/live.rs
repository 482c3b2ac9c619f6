//! The Live tab's state (#15): the stream's messages in a bounded buffer, where the
//! connection stands, the view (following the newest, or frozen, or scrolled away), the filter
//! and the prompts. The update lives in [`update`](self::update).

mod buffer;
mod filter;
mod update;

pub use self::buffer::row_bytes;
pub use self::filter::LiveFilter;

use std::collections::VecDeque;

use crate::msg::{LiveRow, LiveStatus};

/// The buffer's default size: the newest messages kept.
pub const DEFAULT_BUFFER: usize = 10_000;

/// The buffer's default byte budget (messages as sent, their summaries and rows): a buffer of
/// 10 000 messages stays within it whatever their size, oldest dropped first.
pub const DEFAULT_BYTE_BUDGET: usize = 16 * 1024 * 1024;

/// A prompt open in the Live tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prompt {
    /// `/`: the filter (typed into [`Live::filter`]).
    Filter,
    /// `S`: a message to send.
    Send,
    /// `o`: another stream's URL.
    Open,
}

/// Everything of the Live tab.
#[derive(Debug)]
pub struct Live {
    /// Whether the Live tab is the one shown.
    pub shown: bool,
    /// The stream's URL.
    pub url: String,
    /// The session's id (0: never connected); reports of older sessions are ignored.
    pub session: u64,
    /// Where the connection stands (`None`: not opened yet).
    pub status: Option<LiveStatus>,
    /// The newest messages, oldest first, each with its number (1 is the first received).
    pub rows: VecDeque<(u64, LiveRow)>,
    /// At most this many are kept; older ones are dropped and counted.
    pub capacity: usize,
    /// At most this many bytes of rows are kept (see [`row_bytes`]); older ones are dropped.
    pub byte_budget: usize,
    /// The bytes the rows take now.
    pub bytes: usize,
    /// Messages larger than this many bytes are refused.
    pub max_frame: usize,
    /// Messages received by this session.
    pub received: u64,
    /// Messages dropped from the buffer to keep it bounded.
    pub dropped: u64,
    /// Messages not kept because the view was held (paused or scrolled away) on a full buffer.
    pub missed: u64,
    /// Text frames that were not JSON, this session (a running total: `c` keeps it).
    pub not_json: u64,
    /// Binary frames, this session.
    pub binary: u64,
    /// Frames refused over the size cap.
    pub refused: u64,
    /// Messages per second, as last reported.
    pub rate: f64,
    /// Frozen at this message number (`p`): newer ones are received but not shown.
    pub paused_at: Option<u64>,
    /// The missed count when the view was paused (the new ones shown as "new" are those kept).
    pub missed_at_pause: u64,
    /// The selected message's number; `None`: following the newest.
    pub selected: Option<u64>,
    /// The filter over the buffer, as typed (fuzzy, case-insensitive; see [`LiveFilter`]).
    pub filter: String,
    /// The rows matching [`Live::filter`], kept up to date by the update.
    pub matches: LiveFilter,
    /// The prompt open, if any.
    pub prompt: Option<Prompt>,
    /// What is typed into the send or open prompt.
    pub input: String,
    /// Rows in a page at the last draw (written by the view).
    pub page: usize,
}

impl Default for Live {
    fn default() -> Self {
        Self {
            shown: false,
            url: crate::live::DEFAULT_URL.to_owned(),
            session: 0,
            status: None,
            rows: VecDeque::new(),
            capacity: DEFAULT_BUFFER,
            byte_budget: DEFAULT_BYTE_BUDGET,
            bytes: 0,
            max_frame: crate::live::DEFAULT_MAX_FRAME,
            received: 0,
            dropped: 0,
            missed: 0,
            missed_at_pause: 0,
            not_json: 0,
            binary: 0,
            refused: 0,
            rate: 0.0,
            paused_at: None,
            selected: None,
            filter: String::new(),
            matches: LiveFilter::default(),
            prompt: None,
            input: String::new(),
            page: 10,
        }
    }
}

impl Live {
    /// The rows the view shows, oldest first: those received before a pause, matching the
    /// filter.
    pub fn visible(&self) -> Vec<&(u64, LiveRow)> {
        let before_pause = |n: u64| self.paused_at.is_none_or(|at| n <= at);
        if !self.matches.is_active() {
            return self.rows.iter().filter(|(n, _)| before_pause(*n)).collect();
        }
        // Rows are numbered consecutively: a match's place is its number past the first.
        let first = self.rows.front().map_or(0, |(n, _)| *n);
        self.matches
            .matched()
            .iter()
            .filter(|n| before_pause(**n))
            .filter_map(|n| self.rows.get(usize::try_from(n - first).ok()?))
            .collect()
    }

    /// Brings the filter's matches up to the buffer and the typed filter.
    pub fn sync_filter(&mut self) {
        self.matches.sync(&self.filter, &self.rows);
    }

    /// Messages received since the pause.
    pub fn new_since_pause(&self) -> u64 {
        // Received since the pause, less those missed since (not kept: the buffer was full).
        self.paused_at.map_or(0, |at| {
            self.received
                .saturating_sub(at)
                .saturating_sub(self.missed.saturating_sub(self.missed_at_pause))
        })
    }

    /// The position of the selected row in `visible` (following: the last).
    pub fn selected_index(&self, visible: &[&(u64, LiveRow)]) -> Option<usize> {
        if visible.is_empty() {
            return None;
        }
        match self.selected {
            None => Some(visible.len() - 1),
            // The selected one may have been dropped or filtered out: the nearest newer one.
            Some(n) => Some(
                visible
                    .iter()
                    .position(|(m, _)| *m >= n)
                    .unwrap_or(visible.len() - 1),
            ),
        }
    }
}
