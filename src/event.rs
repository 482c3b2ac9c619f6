//! The event loop and the effect runner.
//!
//! One loop multiplexes signals, terminal input, results from fetch tasks and — only while
//! something is loading — a spinner tick. It draws after changes, never on a timer. Fetches run
//! as tasks that report back with a [`Msg`]; the loop never awaits the network.

mod lifecycle;
mod reach;
mod runner;

use std::io;
use std::time::Duration;

use color_eyre::eyre::{self, WrapErr};
use crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers};
use futures_util::{Stream, StreamExt};
use ratatui::Terminal;
use ratatui::backend::Backend;
use tokio::sync::mpsc::UnboundedReceiver;
use tokio::time::MissedTickBehavior;

pub use self::lifecycle::{
    Control, Detached, Exit, Lifecycle, Resumed, Session, Suspend, Termination,
};
pub use self::runner::{Clipboard, EffectRunner, browser, osc52};
use crate::app::App;
use crate::msg::Msg;
use crate::{keymap, ui};

/// How long a detail fetch waits after the selection moves, so holding `j` does not send a
/// request per row: only where the selection rests gets fetched.
pub const DEBOUNCE: Duration = Duration::from_millis(120);

/// Spinner frames per second while loading.
const SPINNER_FPS: f64 = 10.0;

/// Runs the browser until the user quits, without signals (see [`run_with`]). Generic over the
/// backend and the input stream so tests can drive it with a `TestBackend` and scripted events.
///
/// # Errors
/// Terminal I/O errors and a broken input stream.
pub async fn run<B, S>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    input: S,
    runner: &mut EffectRunner,
    msg_rx: UnboundedReceiver<Msg>,
) -> eyre::Result<()>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
    S: Stream<Item = io::Result<Event>> + Unpin,
{
    let chrome = ui::Chrome::default();
    run_with(
        terminal,
        app,
        &chrome,
        input,
        runner,
        msg_rx,
        Lifecycle::detached(),
    )
    .await
    .map(|_| ())
}

/// One turn of the loop: what woke it.
// Lives for one turn on the stack; boxing the message would allocate for every key.
#[allow(clippy::large_enum_variant)]
enum Step {
    Msg(Msg),
    Control(Control),
    Suspend(Suspend),
}

/// Runs the browser until the user quits or a signal ends it, and says which. The loop owns
/// the colours and keys (`chrome`): it maps keys through them and draws with them. Signals arrive
/// on `lifecycle.controls`; Ctrl-Z and SIGTSTP suspend through `lifecycle.session`, and once the
/// process is back in the foreground everything is redrawn (in the background nothing is
/// drawn). Every way out returns here, so the caller's restore runs after all of them.
///
/// # Errors
/// Terminal I/O errors and a broken input stream.
///
/// # Panics
/// Only on purpose, for the terminal-restore test: when `APIDEX_TEST_PANIC=1` is set.
pub async fn run_with<B, S, C, H>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    chrome: &ui::Chrome,
    mut input: S,
    runner: &mut EffectRunner,
    mut msg_rx: UnboundedReceiver<Msg>,
    lifecycle: Lifecycle<C, H>,
) -> eyre::Result<Exit>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
    S: Stream<Item = io::Result<Event>> + Unpin,
    C: Stream<Item = Control> + Unpin,
    H: Session<B>,
{
    let Lifecycle {
        mut controls,
        mut session,
    } = lifecycle;
    let mut controls_open = true;
    let mut spinner = tokio::time::interval(Duration::from_secs_f64(1.0 / SPINNER_FPS));
    spinner.set_missed_tick_behavior(MissedTickBehavior::Skip);
    let mut dirty = true;
    // Whether the browser has the terminal: not while continued in the background.
    let mut foreground = true;
    // Test-only: with `APIDEX_TEST_PANIC=1` the loop panics right after drawing its first frame
    // (`=task`: a background task does), so `tests/it/panic_restore.rs` can check that a panic
    // leaves the terminal restored.
    let mut test_panic = std::env::var("APIDEX_TEST_PANIC").ok();
    loop {
        if dirty && foreground {
            if let Err(err) = terminal.draw(|frame| ui::draw_with(frame, app, chrome)) {
                let err = eyre::Report::new(err).wrap_err("drawing the screen");
                return terminal_failed(&session, err);
            }
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
        // Signals first: a stream of results must not keep SIGTERM waiting.
        let step = tokio::select! {
            biased;
            control = controls.next(), if controls_open => {
                if let Some(control) = control {
                    Step::Control(control)
                } else {
                    // Not polled again once ended.
                    controls_open = false;
                    continue;
                }
            }
            Some(msg) = msg_rx.recv() => Step::Msg(msg),
            event = input.next() => match event {
                Some(Ok(event)) if is_suspend_key(&event) => Step::Suspend(Suspend::Key),
                Some(Ok(event)) => match keymap::to_msg(&chrome.keymap, app, &event) {
                    Some(msg) => Step::Msg(msg),
                    None => continue,
                },
                Some(Err(err)) => {
                    let err = eyre::Report::new(err).wrap_err("reading input");
                    return terminal_failed(&session, err);
                }
                // Input closed (a test's script ran out, or stdin went away): leave cleanly.
                None if session.hung_up() => return Ok(Exit::Signal(Termination::Hangup)),
                None => return Ok(Exit::Quit),
            },
            _ = spinner.tick(), if loading => Step::Msg(Msg::Tick),
        };
        let handed_over = match step {
            Step::Control(Control::End(signal)) => return Ok(Exit::Signal(signal)),
            Step::Control(Control::Suspend) => session.suspend(terminal, Suspend::Signal),
            Step::Suspend(how) => session.suspend(terminal, how),
            Step::Control(Control::Continued) => session.resume(terminal),
            Step::Msg(msg) => {
                apply(app, runner, msg);
                // Results that arrived meanwhile are applied before the next draw: one frame
                // for many.
                while let Ok(msg) = msg_rx.try_recv() {
                    apply(app, runner, msg);
                }
                if app.should_quit() {
                    return Ok(Exit::Quit);
                }
                dirty = true;
                continue;
            }
        };
        match take_back(terminal, handed_over) {
            Ok(Resumed::Foreground) => foreground = true,
            Ok(Resumed::Background) => foreground = false,
            Ok(Resumed::Unchanged) => {}
            Err(err) => return terminal_failed(&session, err),
        }
        dirty = true;
    }
}

/// Ctrl-Z: in raw mode the terminal sends it as a key instead of stopping the process. Handled
/// before the key bindings, so no binding can take the way back to the shell away.
fn is_suspend_key(event: &Event) -> bool {
    matches!(
        event,
        Event::Key(key)
            if key.kind != KeyEventKind::Release
                && key.code == KeyCode::Char('z')
                && key.modifiers.contains(KeyModifiers::CONTROL)
    )
}

/// How a failed terminal operation ends the loop: with its error, or as a hangup when the
/// terminal was closed. Its reads and writes then fail (EIO), often before SIGHUP arrives: the
/// kernel signals only the session leader, and the shell or tmux passes SIGHUP on after that.
fn terminal_failed<B: Backend, H: Session<B>>(
    session: &H,
    err: eyre::Report,
) -> eyre::Result<Exit> {
    if session.hung_up() {
        Ok(Exit::Signal(Termination::Hangup))
    } else {
        Err(err)
    }
}

/// After a suspend or a SIGCONT: when the browser has the terminal again, everything is drawn
/// anew.
fn take_back<B>(
    terminal: &mut Terminal<B>,
    handed_over: io::Result<Resumed>,
) -> eyre::Result<Resumed>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
{
    let resumed = handed_over.wrap_err("suspending to the shell and back")?;
    if resumed == Resumed::Foreground {
        redraw_all(terminal)?;
    }
    Ok(resumed)
}

/// Makes the next draw repaint every cell: whatever the shell printed meanwhile is gone, and a
/// size that changed while stopped is picked up. Not `Terminal::clear`, which asks the terminal
/// where its cursor is and waits for the answer (up to two seconds where none comes).
fn redraw_all<B>(terminal: &mut Terminal<B>) -> eyre::Result<()>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
{
    let size = terminal
        .size()
        .map_err(eyre::Report::new)
        .wrap_err("reading the terminal size")?;
    terminal
        .resize(size.into())
        .map_err(eyre::Report::new)
        .wrap_err("clearing the screen")
}

fn apply(app: &mut App, runner: &mut EffectRunner, msg: Msg) {
    for effect in app.update(msg) {
        runner.run(effect);
    }
}
