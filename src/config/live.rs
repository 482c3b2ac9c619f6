//! `[live]`: the Live tab's stream and the size caps of WebSocket streams (#15).

use serde::{Deserialize, Serialize};

use super::check;

/// `[live]`: the stream the Live tab opens, its buffer, the cap on one message.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LiveConfig {
    /// The Live tab's stream (`ws://` or `wss://`).
    #[serde(
        deserialize_with = "check::ws_url",
        skip_serializing_if = "Option::is_none"
    )]
    pub url: Option<String>,
    /// Messages the Live tab keeps (10–1000000); the oldest are dropped.
    #[serde(
        deserialize_with = "check::live_buffer",
        skip_serializing_if = "Option::is_none"
    )]
    pub buffer: Option<u32>,
    /// Messages larger than this many kilobytes are refused, in the Live tab and by
    /// `apidex watch` (1–1000000).
    #[serde(
        deserialize_with = "check::frame_kb",
        skip_serializing_if = "Option::is_none"
    )]
    pub max_frame_kb: Option<u32>,
}
