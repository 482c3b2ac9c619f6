//! Drives the real event loop: scripted keys in, a `TestBackend` the test watches out.
//!
//! Every wait is on what the screen shows (with a generous limit), never on elapsed time.

use std::future::Future;
use std::io;
use std::time::Duration;

use apidex::api::Clients;
use apidex::app::{App, Hosts};
use apidex::event::{EffectRunner, run};
use apidex::msg::Effect;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use tokio::sync::mpsc;

use super::screen::SharedBackend;

/// How long any one wait may take before the test fails with the screen it saw.
pub const LIMIT: Duration = Duration::from_secs(10);

/// What a script can do: press keys and watch the screen.
pub struct Script {
    /// The screen the loop draws on.
    pub screen: SharedBackend,
    keys: mpsc::UnboundedSender<io::Result<Event>>,
}

impl Script {
    /// Presses `code`.
    pub fn key(&self, code: KeyCode) {
        self.keys
            .send(Ok(Event::Key(KeyEvent::new(code, KeyModifiers::NONE))))
            .unwrap();
    }

    /// Presses `code` with `modifiers` held.
    pub fn key_with(&self, code: KeyCode, modifiers: KeyModifiers) {
        self.keys
            .send(Ok(Event::Key(KeyEvent::new(code, modifiers))))
            .unwrap();
    }

    /// Types `text`, one key per character.
    pub fn type_text(&self, text: &str) {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    /// Waits until `check` holds for the screen text.
    pub async fn wait_for(&self, what: &str, check: impl Fn(&str) -> bool) {
        self.screen.wait_for(what, LIMIT, check).await;
    }

    /// Waits until the screen shows `text`.
    pub async fn wait_for_text(&self, text: &str) {
        self.wait_for(text, |screen| screen.contains(text)).await;
    }
}

/// Runs the app's real loop against `clients` on a `width`×`height` screen while `script` plays;
/// the loop ends when the script finishes (its key sender is dropped). Returns the final state.
pub async fn run_app<F, Fut>(clients: Clients, width: u16, height: u16, script: F) -> App
where
    F: FnOnce(Script) -> Fut,
    Fut: Future<Output = ()>,
{
    run_app_with(clients, width, height, false, script).await
}

/// [`run_app`], with pictures on or off (drawn as half-blocks, as in tmux).
pub async fn run_app_with<F, Fut>(
    clients: Clients,
    width: u16,
    height: u16,
    images: bool,
    script: F,
) -> App
where
    F: FnOnce(Script) -> Fut,
    Fut: Future<Output = ()>,
{
    let start = |runner: &mut EffectRunner, effects: Vec<Effect>| {
        for effect in effects {
            runner.run(effect);
        }
    };
    run_app_starting(clients, (width, height), images, start, script).await
}

/// [`run_app_with`], with `start` carrying out the app's first effects (the list fetches).
pub async fn run_app_starting<F, Fut>(
    clients: Clients,
    size: (u16, u16),
    images: bool,
    start: impl FnOnce(&mut EffectRunner, Vec<Effect>),
    script: F,
) -> App
where
    F: FnOnce(Script) -> Fut,
    Fut: Future<Output = ()>,
{
    run_app_configured(clients, size, images, |_| {}, start, script).await
}

/// [`run_app_starting`], with `configure` setting the app up first (the Live tab's URL).
pub async fn run_app_configured<F, Fut>(
    clients: Clients,
    size: (u16, u16),
    images: bool,
    configure: impl FnOnce(&mut App),
    start: impl FnOnce(&mut EffectRunner, Vec<Effect>),
    script: F,
) -> App
where
    F: FnOnce(Script) -> Fut,
    Fut: Future<Output = ()>,
{
    let setup = Setup {
        size,
        images,
        tune: |runner| runner,
    };
    // Boxed: the loop with its script is a large future, and every loop test awaits one.
    Box::pin(run_app_tuned(clients, setup, configure, start, script)).await
}

/// How [`run_app_tuned`] sets the loop up.
pub struct Setup<T> {
    /// The screen's width and height.
    pub size: (u16, u16),
    /// Pictures on or off.
    pub images: bool,
    /// Changes the runner before the loop starts (the retire grace).
    pub tune: T,
}

/// [`run_app_configured`], with `setup.tune` changing the effect runner first.
pub async fn run_app_tuned<F, Fut, T>(
    clients: Clients,
    Setup { size, images, tune }: Setup<T>,
    configure: impl FnOnce(&mut App),
    start: impl FnOnce(&mut EffectRunner, Vec<Effect>),
    script: F,
) -> App
where
    F: FnOnce(Script) -> Fut,
    Fut: Future<Output = ()>,
    T: FnOnce(EffectRunner) -> EffectRunner,
{
    let (width, height) = size;
    let screen = SharedBackend::new(width, height);
    let mut terminal = Terminal::new(screen.clone()).unwrap();
    let (key_tx, mut key_rx) = mpsc::unbounded_channel::<io::Result<Event>>();
    let input = futures_util::stream::poll_fn(move |cx| key_rx.poll_recv(cx));
    let (msg_tx, msg_rx) = mpsc::unbounded_channel();
    let mut runner = tune(EffectRunner::new(clients, msg_tx));
    let (mut app, effects) = App::new(Hosts::default());
    app.images_enabled = images;
    configure(&mut app);
    start(&mut runner, effects);
    let script = script(Script {
        screen,
        keys: key_tx,
    });
    let both = async {
        tokio::join!(
            run(&mut terminal, &mut app, input, &mut runner, msg_rx),
            script
        )
    };
    let (result, ()) = tokio::time::timeout(LIMIT * 3, both)
        .await
        .expect("the loop test did not finish");
    result.unwrap();
    app
}
