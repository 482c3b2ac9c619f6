//! The event loop and the effect runner.
//!
//! One loop multiplexes terminal input, results from fetch tasks and — only while something is
//! loading — a spinner tick. It draws after changes, never on a timer. Fetches run as tasks that
//! report back with a [`Msg`]; the loop never awaits the network.

mod reach;
mod runner;

use std::io;
use std::time::Duration;

use color_eyre::eyre::{self, WrapErr};
use crossterm::event::Event;
use futures_util::{Stream, StreamExt};
use ratatui::Terminal;
use ratatui::backend::Backend;
use tokio::sync::mpsc::UnboundedReceiver;
use tokio::time::MissedTickBehavior;

pub use self::runner::{Clipboard, EffectRunner, osc52};
use crate::app::App;
use crate::msg::Msg;
use crate::{keymap, ui};

/// How long a detail fetch waits after the selection moves, so holding `j` does not send a
/// request per row: only where the selection rests gets fetched.
pub const DEBOUNCE: Duration = Duration::from_millis(120);

/// Spinner frames per second while loading.
const SPINNER_FPS: f64 = 10.0;

/// Runs the browser until the user quits. Generic over the backend and the input stream so tests
/// can drive it with a `TestBackend` and scripted events.
///
/// # Errors
/// Terminal I/O errors and a broken input stream.
///
/// # Panics
/// Only on purpose, for the terminal-restore test: when `APIDEX_TEST_PANIC=1` is set.
pub async fn run<B, S>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    mut input: S,
    runner: &mut EffectRunner,
    mut msg_rx: UnboundedReceiver<Msg>,
) -> eyre::Result<()>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
    S: Stream<Item = io::Result<Event>> + Unpin,
{
    let mut spinner = tokio::time::interval(Duration::from_secs_f64(1.0 / SPINNER_FPS));
    spinner.set_missed_tick_behavior(MissedTickBehavior::Skip);
    let mut dirty = true;
    // Test-only: with `APIDEX_TEST_PANIC=1` the loop panics right after drawing its first frame
    // (`=task`: a background task does), so `tests/panic_restore.rs` can check that a panic
    // leaves the terminal restored.
    let mut test_panic = std::env::var("APIDEX_TEST_PANIC").ok();
    loop {
        if dirty {
            terminal
                .draw(|frame| ui::draw(frame, app))
                .map_err(eyre::Report::new)
                .wrap_err("drawing the screen")?;
            dirty = false;
            match test_panic.take().as_deref() {
                Some("1") => {
                    panic!("APIDEX_TEST_PANIC=1: a deliberate panic after the first frame")
                }
                Some("task") => {
                    let task = tokio::spawn(async {
                        panic!("APIDEX_TEST_PANIC=task: a deliberate panic in a background task")
                    });
                    // Waited for, so the panic has happened before any key is read.
                    let _ = task.await;
                }
                _ => {}
            }
        }
        let loading = app.is_loading();
        let msg = tokio::select! {
            biased;
            Some(msg) = msg_rx.recv() => msg,
            event = input.next() => match event {
                Some(Ok(event)) => match keymap::to_msg(app, &event) {
                    Some(msg) => msg,
                    None => continue,
                },
                Some(Err(err)) => return Err(eyre::Report::new(err).wrap_err("reading input")),
                // Input closed (a test's script ran out, or stdin went away): leave cleanly.
                None => return Ok(()),
            },
            _ = spinner.tick(), if loading => Msg::Tick,
        };
        apply(app, runner, msg);
        // Results that arrived meanwhile are applied before the next draw: one frame for many.
        while let Ok(msg) = msg_rx.try_recv() {
            apply(app, runner, msg);
        }
        dirty = true;
        if app.should_quit() {
            return Ok(());
        }
    }
}

fn apply(app: &mut App, runner: &mut EffectRunner, msg: Msg) {
    for effect in app.update(msg) {
        runner.run(effect);
    }
}
