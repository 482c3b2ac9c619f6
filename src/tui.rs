//! Starting and stopping the interactive browser: terminal set-up, the loop, and restoring the
//! terminal on every way out, panics and signals included.

mod session;
mod signals;

use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};

use color_eyre::eyre::{self, WrapErr};
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    EventStream,
};
use crossterm::execute;
use ratatui_image::picker::Picker;
use tokio::sync::mpsc;

use crate::api::Clients;
use crate::app::{App, Hosts};
use crate::event::{EffectRunner, Exit, Lifecycle, run_with};

/// How pictures are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Images {
    /// Ask the terminal what it supports (kitty, sixel, iTerm2), else unicode half-blocks.
    Detect,
    /// Unicode half-blocks with true colour, whatever the terminal.
    Halfblocks,
    /// No pictures: show their URLs as text.
    Off,
}

/// What the browser needs besides the clients.
#[derive(Debug)]
pub struct TuiOptions {
    /// How pictures are drawn.
    pub images: Images,
    /// Where bookmarks, history and searches are kept (`None`: not kept).
    pub store: Option<crate::store::Store>,
    /// Where `e` writes exports.
    pub export_dir: std::path::PathBuf,
    /// Which key does what (the config file's `[keys]` over the defaults).
    pub keymap: crate::keymap::Keymap,
    /// The colours (the config file's `[theme]` over the defaults).
    pub theme: crate::ui::theme::Theme,
    /// A problem to show in the status bar from the start (a bad config file).
    pub notice: Option<String>,
    /// A URL to open at start (`apidex open URL`).
    pub open: Option<String>,
    /// The Live tab's stream, buffer size and TLS settings (#15).
    pub live: LiveOptions,
}

/// The Live tab's settings.
#[derive(Debug, Clone)]
pub struct LiveOptions {
    /// The stream's URL.
    pub url: String,
    /// Messages kept.
    pub buffer: usize,
    /// The cap on one message, in bytes.
    pub max_frame: usize,
    /// TLS for `wss://` (`--ca-cert` included).
    pub tls: Option<std::sync::Arc<rustls::ClientConfig>>,
}

/// Opens the browser on the terminal and runs it until the user quits or a signal ends it (see
/// [`Exit::status`] for the exit status). Ctrl-Z and SIGTSTP suspend it to the shell.
///
/// # Errors
/// Terminal I/O failures. The terminal is restored before this returns, whatever happened.
pub async fn run_tui(clients: Clients, options: TuiOptions) -> eyre::Result<Exit> {
    let TuiOptions {
        images,
        store,
        export_dir,
        keymap,
        theme,
        notice,
        open,
        live,
    } = options;
    install_panic_hook();
    // Caught before the terminal changes: from here on SIGTERM, SIGHUP and the rest end the loop
    // and leave through the restore below instead of killing the process mid-screen.
    let controls = signals::controls().wrap_err("catching signals")?;
    // ratatui's init installs a panic hook that restores the terminal and then calls ours (above)
    // and color-eyre's: a panic leaves a usable terminal and a readable report.
    let mut terminal = ratatui::try_init().inspect_err(|_| {
        // Raw mode may be on already (the alternate screen is what failed).
        let _ = ratatui::try_restore();
    })?;
    let mut session = session::TtySession::default();
    contain_background_panics();
    let result = async {
        execute!(io::stdout(), EnableMouseCapture, EnableBracketedPaste)?;
        let hosts = Hosts::from_fn(|source| clients.base(source).host_and_port());
        // The terminal is asked about graphics now: after entering the alternate screen, before
        // anything reads input events (the answer arrives on stdin).
        let picker = match images {
            Images::Detect if !in_tmux() => {
                Picker::from_query_stdio().unwrap_or_else(|_| Picker::halfblocks())
            }
            // Inside tmux, graphics protocols need a passthrough the user may not have enabled;
            // half-blocks always work.
            _ => Picker::halfblocks(),
        };
        let (msg_tx, msg_rx) = mpsc::unbounded_channel();
        let mut runner = EffectRunner::new(clients, msg_tx)
            .with_picker(picker)
            .with_export_dir(export_dir)
            .with_opener(crate::event::browser::system());
        // jq filters run in a child process of this binary: a runaway or stack-deep filter then
        // costs only the child (`apidex __jq`).
        if let Ok(exe) = std::env::current_exe() {
            runner = runner.with_filter_process(exe);
        }
        if let Some(tls) = live.tls {
            runner = runner.with_live_tls(tls);
        }
        let (mut app, mut effects) = App::new(hosts);
        app.images_enabled = images != Images::Off;
        app.notice = notice;
        app.live.url = live.url;
        app.live.capacity = live.buffer;
        app.live.max_frame = live.max_frame;
        if let Some(store) = store {
            // Both said, not the one replacing the other (a bad config file and a damaged data
            // file are each worth knowing).
            if let Some(warning) = &store.warning {
                tracing::warn!(%warning, "user data");
                app.notice = Some(match app.notice.take() {
                    Some(first) => format!("{first}; {warning}"),
                    None => warning.clone(),
                });
            }
            runner = runner.with_store(store);
            effects.extend(app.enable_store());
        }
        if let Some(url) = open {
            effects.extend(app.update(crate::msg::Msg::Json(crate::msg::JsonMsg::OpenUrl(url))));
        }
        for effect in effects {
            runner.run(effect);
        }
        let lifecycle = Lifecycle {
            controls,
            session: &mut session,
        };
        let chrome = crate::ui::Chrome { theme, keymap };
        run_with(
            &mut terminal,
            &mut app,
            &chrome,
            EventStream::new(),
            &mut runner,
            msg_rx,
            lifecycle,
        )
        .await
    }
    .await;
    // Nothing between init and here returns early: this is the one way out.
    if session.release(&mut terminal).is_err() {
        // The terminal is gone (closed: SIGHUP). Dropping it would try to show the cursor once
        // more and report the failure with `eprintln!`, which panics when stderr is that same
        // closed terminal. There is nothing left to restore.
        std::mem::forget(terminal);
    }
    let panics = end_background_panics();
    if let Some(first) = panics.first() {
        let note = eyre::eyre!(
            "a background task panicked ({} in all); the first: {first}",
            panics.len()
        );
        return Err(match result {
            Ok(_) => note,
            Err(err) => err.wrap_err(note),
        });
    }
    result
}

/// Whether the browser owns the terminal, so a panic on another thread must leave it alone.
static BROWSER_RUNNING: AtomicBool = AtomicBool::new(false);
/// Panics on other threads while the browser ran, to report once the terminal is restored.
static BACKGROUND_PANICS: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Keeps a panic on another thread (a fetch task, a picture being decoded) from tearing the
/// terminal down under the running browser: the hooks would restore it and print the report
/// while the loop went on drawing over it, its keys line-buffered and echoed. Such a panic ends
/// only its task (tokio catches it) and is reported when the browser exits. A panic on the UI
/// thread still goes through the hooks: terminal restored, report printed.
fn contain_background_panics() {
    let ui = std::thread::current().id();
    let previous = std::panic::take_hook();
    BROWSER_RUNNING.store(true, Ordering::SeqCst);
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().id() != ui && BROWSER_RUNNING.load(Ordering::SeqCst) {
            BACKGROUND_PANICS
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(info.to_string());
        } else {
            previous(info);
        }
    }));
}

/// The panics [`contain_background_panics`] kept; from now on panics go through the hooks.
fn end_background_panics() -> Vec<String> {
    BROWSER_RUNNING.store(false, Ordering::SeqCst);
    std::mem::take(
        &mut *BACKGROUND_PANICS
            .lock()
            .unwrap_or_else(PoisonError::into_inner),
    )
}

fn in_tmux() -> bool {
    std::env::var_os("TMUX").is_some()
        || std::env::var("TERM").is_ok_and(|term| term.starts_with("tmux"))
}

/// Chains a hook that turns mouse capture and bracketed paste off, which ratatui's own restore
/// does not do.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableBracketedPaste, DisableMouseCapture);
        previous(info);
    }));
}
