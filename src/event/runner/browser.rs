//! Starting the system browser for `O` (#14). The launcher is a function the runner is given, so
//! tests hand it one that only records the URL and no test ever starts a browser.

use std::sync::Arc;

/// What an [`Opener`] calls.
type OpenFn = dyn Fn(&str) -> Result<(), String> + Send + Sync;

/// Opens a URL; `Err` says why it could not. Called on a blocking thread.
#[derive(Clone)]
pub struct Opener(Arc<OpenFn>);

impl std::fmt::Debug for Opener {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Opener")
    }
}

impl Opener {
    /// A launcher that calls `open` with each URL.
    pub fn new(open: impl Fn(&str) -> Result<(), String> + Send + Sync + 'static) -> Self {
        Self(Arc::new(open))
    }

    /// Opens `url`.
    ///
    /// # Errors
    /// Why the browser could not be started.
    pub fn open(&self, url: &str) -> Result<(), String> {
        (self.0)(url)
    }
}

/// The system browser: `$BROWSER` when set (a `:`-separated list of commands, `%s` standing for
/// the URL), else the desktop's default (`xdg-open` and friends). A GUI browser is started
/// detached with its output discarded, so the terminal is left as it was. Only http(s) URLs are
/// opened (the `webbrowser` crate's `hardened` feature). A terminal browser in `$BROWSER` would
/// take over the terminal under the running TUI: not supported (see the README).
pub fn system() -> Opener {
    Opener::new(|url| webbrowser::open(url).map_err(|err| err.to_string()))
}

/// A launcher that opens nothing and says so (the runner's default).
pub fn none() -> Opener {
    Opener::new(|_| Err("no browser configured for this session".to_owned()))
}
