//! The event loop's way out and its suspends, driven like a user and the shell would: scripted
//! keys, scripted signals (`Control`s), a `TestBackend` the test watches, and a session that
//! records what the loop asked of the terminal. Fetches go over real HTTP to the local fixture
//! server. Every wait is on what the screen shows, never on elapsed time.
#![allow(clippy::unwrap_used)]

use std::collections::VecDeque;
use std::io;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use apidex::app::{App, Hosts};
use apidex::event::{
    Control, EffectRunner, Exit, Lifecycle, Resumed, Session, Suspend, Termination, run_with,
};
use color_eyre::eyre;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::buffer::Cell;
use tokio::sync::mpsc;

use crate::support::screen::SharedBackend;
use crate::support::{clients, fixture_server};

/// How long any one wait may take before the test fails with the screen it saw.
const LIMIT: Duration = Duration::from_secs(10);

/// What the shell prints while the browser is stopped; a full redraw must paint over it.
const SHELL: &str = "$ jobs [1]+ Stopped apidex";

/// A session that records each call and, while "stopped", writes over the screen as a shell
/// would.
#[derive(Clone, Default)]
struct Recorder {
    calls: Arc<Mutex<Vec<String>>>,
    /// What `hung_up` answers.
    hung_up: bool,
    /// Where each suspend or resume says the process was continued (then the foreground).
    answers: Arc<Mutex<VecDeque<Resumed>>>,
    /// The screen as each resume found it, before it wrote over it.
    screens: Arc<Mutex<Vec<String>>>,
}

impl Recorder {
    /// A recorder whose suspends and resumes answer these, in order.
    fn answering(answers: &[Resumed]) -> Self {
        Self {
            answers: Arc::new(Mutex::new(answers.iter().copied().collect())),
            ..Self::default()
        }
    }

    fn answer(&self) -> Resumed {
        self.answers
            .lock()
            .unwrap()
            .pop_front()
            .unwrap_or(Resumed::Foreground)
    }

    fn calls(&self) -> Vec<String> {
        self.calls.lock().unwrap().clone()
    }

    /// Waits until the loop has made `n` calls.
    async fn wait_for_calls(&self, n: usize) {
        let deadline = tokio::time::Instant::now() + LIMIT;
        while self.calls().len() < n {
            assert!(
                tokio::time::Instant::now() < deadline,
                "the loop made only these calls: {:?}",
                self.calls()
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    fn scribble(terminal: &mut Terminal<SharedBackend>) {
        let cells: Vec<_> = SHELL
            .chars()
            .map(|c| {
                let mut cell = Cell::default();
                cell.set_char(c);
                cell
            })
            .collect();
        let row = cells
            .iter()
            .enumerate()
            .map(|(x, cell)| (u16::try_from(x).unwrap(), 5, cell));
        terminal.backend_mut().draw(row).unwrap();
    }
}

impl Session<SharedBackend> for Recorder {
    fn suspend(
        &mut self,
        terminal: &mut Terminal<SharedBackend>,
        how: Suspend,
    ) -> io::Result<Resumed> {
        self.calls.lock().unwrap().push(format!("suspend {how:?}"));
        Self::scribble(terminal);
        Ok(self.answer())
    }

    fn resume(&mut self, terminal: &mut Terminal<SharedBackend>) -> io::Result<Resumed> {
        self.calls.lock().unwrap().push("resume".to_owned());
        self.screens.lock().unwrap().push(terminal.backend().text());
        Self::scribble(terminal);
        Ok(self.answer())
    }

    fn hung_up(&self) -> bool {
        self.hung_up
    }
}

/// Keys and signals for the loop, and its screen.
struct Script {
    screen: SharedBackend,
    keys: mpsc::UnboundedSender<io::Result<Event>>,
    signals: mpsc::UnboundedSender<Control>,
    /// How many keys the loop has taken from its input.
    taken: Arc<AtomicUsize>,
}

impl Script {
    fn key(&self, code: KeyCode, modifiers: KeyModifiers) {
        self.keys
            .send(Ok(Event::Key(KeyEvent::new(code, modifiers))))
            .unwrap();
    }

    /// The terminal's input fails as it does once the terminal has hung up (EIO).
    fn input_fails(&self) {
        self.keys
            .send(Err(io::Error::from_raw_os_error(5)))
            .unwrap();
    }

    /// Waits until the loop has taken `n` keys (and so handled all but the last).
    async fn wait_for_keys_taken(&self, n: usize) {
        let deadline = tokio::time::Instant::now() + LIMIT;
        while self.taken.load(Ordering::SeqCst) < n {
            assert!(
                tokio::time::Instant::now() < deadline,
                "the loop took only {} keys",
                self.taken.load(Ordering::SeqCst)
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    fn signal(&self, control: Control) {
        self.signals.send(control).unwrap();
    }

    async fn wait_for(&self, what: &str, check: impl Fn(&str) -> bool) {
        self.screen.wait_for(what, LIMIT, check).await;
    }

    /// Waits for the first page of Pokémon: the loop is running and has drawn.
    async fn wait_for_list(&self) {
        self.wait_for("the Pokémon list", |s| s.contains("#1 Bulbasaur"))
            .await;
    }

    /// Waits until the shell's text is gone and the list is back: a full redraw happened.
    async fn wait_for_redraw(&self) {
        self.wait_for("a full redraw over the shell's text", |s| {
            !s.contains(SHELL) && s.contains("#1 Bulbasaur")
        })
        .await;
    }
}

/// Runs the real loop with `session` while `script` plays; returns how the loop ended. The
/// script keeps its senders, so only a key or a signal can end the loop.
async fn run_script<F, Fut>(session: Recorder, script: F) -> Exit
where
    F: FnOnce(Script) -> Fut,
    Fut: Future<Output = Script>,
{
    run_script_result(session, script).await.unwrap()
}

/// [`run_script`], returning the loop's error too.
async fn run_script_result<F, Fut>(session: Recorder, script: F) -> eyre::Result<Exit>
where
    F: FnOnce(Script) -> Fut,
    Fut: Future<Output = Script>,
{
    let server = fixture_server().await;
    let screen = SharedBackend::new(100, 30);
    let mut terminal = Terminal::new(screen.clone()).unwrap();
    let (key_tx, mut key_rx) = mpsc::unbounded_channel::<io::Result<Event>>();
    let taken = Arc::new(AtomicUsize::new(0));
    let counter = taken.clone();
    let input = futures_util::stream::poll_fn(move |cx| {
        let key = key_rx.poll_recv(cx);
        if key.is_ready() {
            counter.fetch_add(1, Ordering::SeqCst);
        }
        key
    });
    let (signal_tx, mut signal_rx) = mpsc::unbounded_channel::<Control>();
    let controls = futures_util::stream::poll_fn(move |cx| signal_rx.poll_recv(cx));
    let (msg_tx, msg_rx) = mpsc::unbounded_channel();
    let mut runner = EffectRunner::new(clients(&server), msg_tx);
    let (mut app, effects) = App::new(Hosts::default());
    for effect in effects {
        runner.run(effect);
    }
    let lifecycle = Lifecycle { controls, session };
    let script = script(Script {
        screen,
        keys: key_tx,
        signals: signal_tx,
        taken,
    });
    let chrome = apidex::ui::Chrome::default();
    let both = async {
        tokio::join!(
            run_with(
                &mut terminal,
                &mut app,
                &chrome,
                input,
                &mut runner,
                msg_rx,
                lifecycle
            ),
            script
        )
    };
    let (exit, _senders) = tokio::time::timeout(LIMIT * 3, both)
        .await
        .expect("the loop did not end");
    exit
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_terminating_signal_ends_the_loop_and_says_which() {
    for (signal, status) in [
        (Termination::Terminate, 143),
        (Termination::Hangup, 129),
        (Termination::Quit, 131),
        (Termination::Interrupt, 130),
    ] {
        let exit = run_script(Recorder::default(), |s| async move {
            s.wait_for_list().await;
            s.signal(Control::End(signal));
            s
        })
        .await;
        assert_eq!(exit, Exit::Signal(signal));
        assert_eq!(exit.status(), status, "{signal:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn q_and_ctrl_c_end_the_loop_with_status_0() {
    for (code, modifiers) in [
        (KeyCode::Char('q'), KeyModifiers::NONE),
        (KeyCode::Char('c'), KeyModifiers::CONTROL),
    ] {
        let exit = run_script(Recorder::default(), |s| async move {
            s.wait_for_list().await;
            s.key(code, modifiers);
            s
        })
        .await;
        assert_eq!(exit, Exit::Quit);
        assert_eq!(exit.status(), 0);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_z_suspends_through_the_session_and_then_redraws_everything() {
    let session = Recorder::default();
    let calls = session.clone();
    let exit = run_script(session.clone(), |s| async move {
        s.wait_for_list().await;
        s.key(KeyCode::Char('z'), KeyModifiers::CONTROL);
        calls.wait_for_calls(1).await;
        s.wait_for_redraw().await;
        // Still running and taking keys: the next tab, then quit.
        s.key(KeyCode::Char('2'), KeyModifiers::NONE);
        s.wait_for("the Posts tab", |screen| screen.contains("Posts ("))
            .await;
        s.key(KeyCode::Char('q'), KeyModifiers::NONE);
        s
    })
    .await;
    assert_eq!(exit, Exit::Quit);
    assert_eq!(session.calls(), ["suspend Key"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigtstp_suspends_only_the_process_and_sigcont_redraws_everything() {
    let session = Recorder::default();
    let calls = session.clone();
    let exit = run_script(session.clone(), |s| async move {
        s.wait_for_list().await;
        s.signal(Control::Suspend);
        calls.wait_for_calls(1).await;
        s.wait_for_redraw().await;
        assert_eq!(calls.calls(), ["suspend Signal"]);
        // Stopped and continued by someone else (SIGSTOP, then `fg`): the terminal is taken
        // again and everything drawn anew.
        s.signal(Control::Continued);
        calls.wait_for_calls(2).await;
        s.wait_for_redraw().await;
        assert_eq!(calls.calls(), ["suspend Signal", "resume"]);
        s.signal(Control::End(Termination::Terminate));
        s
    })
    .await;
    assert_eq!(exit, Exit::Signal(Termination::Terminate));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failing_input_is_an_error_unless_the_terminal_hung_up() {
    let result = run_script_result(Recorder::default(), |s| async move {
        s.wait_for_list().await;
        s.input_fails();
        s
    })
    .await;
    let err = result.expect_err("a failing input with the terminal still there is an error");
    assert!(format!("{err:#}").contains("reading input"), "{err:#}");
    let hung_up = Recorder {
        hung_up: true,
        ..Recorder::default()
    };
    let exit = run_script(hung_up, |s| async move {
        s.wait_for_list().await;
        s.input_fails();
        s
    })
    .await;
    assert_eq!(exit, Exit::Signal(Termination::Hangup));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn continued_in_the_background_it_draws_nothing_until_back_in_the_foreground() {
    // `bg` after Ctrl-Z: the shell keeps the terminal; `fg` later gives it back.
    let session = Recorder::answering(&[Resumed::Background, Resumed::Foreground]);
    let calls = session.clone();
    let exit = run_script(session.clone(), |s| async move {
        s.wait_for_list().await;
        s.key(KeyCode::Char('z'), KeyModifiers::CONTROL);
        // A key that changes the screen, handled while in the background.
        s.key(KeyCode::Char('2'), KeyModifiers::NONE);
        s.wait_for_keys_taken(2).await;
        s.signal(Control::Continued);
        calls.wait_for_calls(2).await;
        s.wait_for("the Posts tab, drawn in full", |screen| {
            screen.contains("Posts (") && !screen.contains(SHELL)
        })
        .await;
        s.key(KeyCode::Char('q'), KeyModifiers::NONE);
        s
    })
    .await;
    assert_eq!(exit, Exit::Quit);
    assert_eq!(session.calls(), ["suspend Key", "resume"]);
    let screens = session.screens.lock().unwrap().clone();
    assert!(
        screens[0].contains(SHELL) && !screens[0].contains("Posts ("),
        "the loop drew while in the background:\n{}",
        screens[0]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn input_that_ends_is_a_quit_unless_the_terminal_hung_up() {
    for (hung_up, expected) in [
        (false, Exit::Quit),
        (true, Exit::Signal(Termination::Hangup)),
    ] {
        let session = Recorder {
            hung_up,
            ..Recorder::default()
        };
        let exit = run_script(session, |mut s| async move {
            s.wait_for_list().await;
            // The only sender of keys goes: the input ends.
            s.keys = mpsc::unbounded_channel().0;
            s
        })
        .await;
        assert_eq!(exit, expected, "hung up: {hung_up}");
    }
}
