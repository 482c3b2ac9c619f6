//! Live JSON streams over WebSocket (`apidex watch`, the Live tab): one reconnecting session per
//! stream, run as a task that reports [`Event`]s on a channel, like every fetch.
//!
//! The session connects (TCP, TLS on the same rustls/ring stack and roots as the HTTP client,
//! the upgrade, all under one deadline), sends the `--send` texts, and reads. When the
//! connection goes it reconnects with jittered, growing backoff; for Jetstream
//! (`…/subscribe`) it asks for the messages after the newest `time_us` seen (`cursor=` one
//! microsecond later) and, until the stream catches up, drops any it was sent again, so nothing
//! is lost or repeated across a reconnect; a live connection's messages are never dropped. Only
//! a connection that stayed up 10 s or brought 100 messages starts the backoff over. Frames over the
//! size cap are refused before they are read (the connection cannot skip them, so it is closed
//! and resumed); text that is not JSON is counted and passed on as such.

mod backoff;
mod check;
mod connect;
mod cursor;
mod session;
pub mod summary;
mod tls;

use std::sync::Arc;
use std::time::Duration;

pub use self::backoff::Backoff;
pub use self::cursor::Cursor;
pub use self::session::{run, spawn};
pub use self::tls::client_config;

/// The default cap on one message: 1 MB. Larger frames are refused and counted.
pub const DEFAULT_MAX_FRAME: usize = 1_000_000;

/// The stream the Live tab opens unless told otherwise: Bluesky Jetstream's public posts.
pub const DEFAULT_URL: &str =
    "wss://jetstream2.us-east.bsky.network/subscribe?wantedCollections=app.bsky.feed.post";

/// How one session connects and reads.
#[derive(Debug, Clone)]
pub struct Options {
    /// A `ws://` or `wss://` URL (checked by [`parse_url`]).
    pub url: reqwest::Url,
    /// Messages larger than this many bytes are refused, never buffered.
    pub max_frame: usize,
    /// Texts sent after each connect (a subscribe message).
    pub sends: Vec<String>,
    /// Time allowed for TCP, TLS and the upgrade together.
    pub handshake_timeout: Duration,
    /// A connection that delivers nothing (not even a pong) for this long is given up and
    /// reconnected: a peer that vanished without a FIN would otherwise hang the stream for good.
    pub idle_timeout: Duration,
    /// The TLS settings for `wss://` (see [`client_config`]).
    pub tls: Arc<rustls::ClientConfig>,
    /// Whether a first connection that fails is retried (the Live tab) or ends the session
    /// (`apidex watch`: a URL that never worked is an error to report, not to wait on).
    pub retry_first: bool,
    /// The reconnect delays.
    pub backoff: Backoff,
}

/// What a frame held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrameKind {
    /// A text frame holding JSON.
    Json,
    /// A text frame that is not JSON.
    NotJson,
    /// A binary frame (its bytes are not kept; `text` says how many there were).
    Binary,
}

/// One message from the stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    /// The text as sent (for a binary frame: a note of its size).
    pub text: String,
    /// What it held.
    pub kind: FrameKind,
    /// Jetstream's `time_us`, when the message has one.
    pub time_us: Option<u64>,
}

/// What a session reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Connecting (`attempt` 1 is the first).
    Connecting {
        /// Attempt number since the last good connection.
        attempt: u32,
    },
    /// The upgrade succeeded; the `--send` texts have been sent.
    Connected,
    /// A message.
    Message(Frame),
    /// A frame over the size cap was refused (the connection is then resumed).
    Refused {
        /// The frame's announced size in bytes.
        size: usize,
    },
    /// A text frame was not valid UTF-8 (the connection is then resumed).
    InvalidUtf8,
    /// Messages sent again after a resume and dropped (Jetstream: `time_us` before the cursor
    /// asked for).
    Duplicates(u64),
    /// The connection went; the next attempt is in `delay`.
    Reconnecting {
        /// Why the connection went, in one line.
        reason: String,
        /// When the next attempt starts.
        delay: Duration,
    },
    /// The session ended for good: the server refused (an HTTP answer instead of the upgrade,
    /// or a close saying the request is wrong), or the first connection failed and
    /// [`Options::retry_first`] is off.
    Failed {
        /// Why, in one line.
        reason: String,
    },
}

/// Checks that `input` is an absolute `ws://` or `wss://` URL.
///
/// # Errors
/// A one-line reason.
pub fn parse_url(input: &str) -> Result<reqwest::Url, String> {
    let url = reqwest::Url::parse(input.trim())
        .map_err(|err| format!("not a URL ({err}): {}", crate::sanitize::line(input)))?;
    match url.scheme() {
        "ws" | "wss" if url.host_str().is_some_and(|h| !h.is_empty()) => Ok(url),
        "ws" | "wss" => Err(format!("no host in {}", crate::sanitize::line(input))),
        other => Err(format!(
            "not a WebSocket URL (ws:// or wss://, not {}://): {}",
            crate::sanitize::line(other),
            crate::sanitize::line(input)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_url;

    #[test]
    fn only_websocket_urls_are_accepted() {
        assert!(parse_url("ws://127.0.0.1:1/echo").is_ok());
        assert!(parse_url(" wss://example.com/subscribe?x=1 ").is_ok());
        let err = parse_url("https://example.com").err().unwrap_or_default();
        assert!(err.contains("not a WebSocket URL"), "{err}");
        assert!(parse_url("ws://").is_err());
        assert!(parse_url("nonsense").is_err());
    }
}
