//! The JSON explorer's effects (#14): fetches for the view, jq filters off the UI task, and
//! copies to the terminal's clipboard (OSC 52).

use std::io::Write;
use std::sync::{Arc, Mutex};

use super::EffectRunner;
use super::supervise::catching_blocking;
use crate::fetch;
use crate::json_tree::run_filter;
use crate::msg::{Effect, JsonEffect, JsonMsg, Msg};

/// Where OSC 52 sequences go: the terminal (stdout) in the app, a buffer in tests. Written to
/// directly, never through ratatui's buffer (it is not a cell of the screen).
#[derive(Clone)]
pub struct Clipboard(Arc<Mutex<dyn Write + Send>>);

impl Clipboard {
    /// Writes to `writer`.
    pub fn new(writer: impl Write + Send + 'static) -> Self {
        Self(Arc::new(Mutex::new(writer)))
    }

    /// Puts `text` on the clipboard: `ESC ] 52 ; c ; <base64> BEL`, which terminals (and tmux
    /// with `set-clipboard on`, and SSH sessions) turn into a clipboard write.
    ///
    /// # Errors
    /// The writer's.
    pub fn copy(&self, text: &str) -> std::io::Result<()> {
        let sequence = osc52(text);
        // A writer poisoned by a panic elsewhere still takes bytes.
        let mut writer = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        writer.write_all(sequence.as_bytes())?;
        writer.flush()
    }
}

impl std::fmt::Debug for Clipboard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Clipboard")
    }
}

impl Default for Clipboard {
    fn default() -> Self {
        Self::new(std::io::stdout())
    }
}

/// The OSC 52 sequence that copies `text`.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

/// Standard base64 with padding (a few lines, not a dependency).
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

impl EffectRunner {
    /// Runs jq filters in child processes of `exe` (this binary): see [`crate::json_tree::run_filter_apart`].
    #[must_use]
    pub fn with_filter_process(mut self, exe: std::path::PathBuf) -> Self {
        self.filter_process = Some((exe, std::sync::Arc::default()));
        self
    }

    /// Carries out one of the explorer's effects.
    pub(super) fn json_effect(&self, answers: &Effect, effect: JsonEffect) {
        match effect {
            JsonEffect::Fetch {
                req,
                target,
                resolve,
            } => {
                let clients = self.clients.clone();
                self.spawn_for(answers, async move {
                    let work = fetch::json::for_view(&clients, &target, resolve);
                    let (result, exchanges) = super::served::collect(work).await;
                    Msg::Json(JsonMsg::Loaded {
                        req,
                        result,
                        exchanges,
                    })
                });
            }
            JsonEffect::Filter { req, body, filter } => {
                let tx = self.msg_tx.clone();
                // In the binary the filter runs in a child process: one that overflows the stack
                // takes only the child down, and one that never ends is killed by the next.
                let apart = self.filter_process.clone();
                if let Some((_, running)) = &apart {
                    crate::json_tree::end_filter(running);
                }
                // Its own thread, not the blocking pool: a filter may run for ever (`last(repeat(1))`),
                // and the pool's two threads serve the cache. A superseded one's answer is dropped.
                let spawned = std::thread::Builder::new()
                    .name("jq-filter".to_owned())
                    .spawn(move || {
                        let result = catching_blocking(|| match &apart {
                            Some((exe, running)) => {
                                crate::json_tree::run_filter_apart(exe, &body, &filter, running)
                            }
                            None => run_filter(&body, &filter),
                        })
                        .unwrap_or_else(|panic| Err(format!("internal error: {panic}")));
                        let _ = tx.send(Msg::Json(JsonMsg::Filtered { req, result }));
                    });
                if let Err(err) = spawned {
                    let _ = self.msg_tx.send(Msg::Json(JsonMsg::Filtered {
                        req,
                        result: Err(format!("cannot start the filter: {err}")),
                    }));
                }
            }
            JsonEffect::Copy(text) => {
                if let Err(err) = self.clipboard.copy(&text) {
                    tracing::warn!(%err, "cannot write to the clipboard");
                }
            }
        }
    }
}

impl Drop for EffectRunner {
    /// A filter still running in its child process ends with the browser.
    fn drop(&mut self) {
        if let Some((_, running)) = &self.filter_process {
            crate::json_tree::end_filter(running);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(osc52("hi"), "\x1b]52;c;aGk=\x07");
    }
}
