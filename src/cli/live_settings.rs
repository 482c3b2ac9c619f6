//! The Live tab's and WebSocket streams' settings (#15): a flag, else its environment
//! variable, else the config file's `[live]`, else the built-in default.

use super::Globals;
use crate::config::limits;
use crate::config::{Config, LiveConfig};

/// The stream settings in effect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveSettings {
    /// The stream the Live tab opens.
    pub url: String,
    /// Messages the Live tab keeps.
    pub buffer: usize,
    /// The cap on one message, in bytes (the Live tab's; `apidex watch --max-frame-kb` wins
    /// over it).
    pub max_frame: usize,
}

impl LiveSettings {
    /// These settings as the config file's `[live]`.
    pub fn to_config(&self) -> LiveConfig {
        LiveConfig {
            url: Some(self.url.clone()),
            buffer: Some(u32::try_from(self.buffer).unwrap_or(u32::MAX)),
            max_frame_kb: Some(u32::try_from(self.max_frame / 1000).unwrap_or(u32::MAX)),
        }
    }
}

impl Globals {
    /// Resolves the stream settings over `file` (the user's config over the bundled one).
    pub(super) fn live_settings(&self, file: &Config) -> LiveSettings {
        // The file's values were checked when it was read; checked again (a `Config` can be
        // built in code).
        let url = self
            .live_url
            .clone()
            .or_else(|| {
                file.live
                    .url
                    .as_deref()
                    .and_then(|u| crate::live::parse_url(u).ok())
                    .map(String::from)
            })
            .unwrap_or_else(|| crate::live::DEFAULT_URL.to_owned());
        let buffer = self
            .live_buffer
            .or(file.live.buffer)
            .filter(|n| limits::LIVE_BUFFER.check(*n).is_ok())
            .map_or(crate::app::live::DEFAULT_BUFFER, |n| n as usize);
        let max_frame = file
            .live
            .max_frame_kb
            .filter(|kb| limits::MAX_FRAME_KB.check(*kb).is_ok())
            .map_or(crate::live::DEFAULT_MAX_FRAME, |kb| kb as usize * 1000);
        LiveSettings {
            url,
            buffer,
            max_frame,
        }
    }
}
