//! The JSON view (#14), through `update`, the real keymap and the real drawing: fold, unfold,
//! paths, search, jq filters, copies, and bodies that are too deep or hostile. Pikachu's real
//! body (`tests/fixtures/pokeapi/pokemon/25.json`) throughout.
//!
//! Split into drawing, moving, filtering and copying; the helpers they share are here.
#![allow(clippy::unwrap_used)] // tests: a panic is how they fail

use apidex::app::{App, Hosts};
use apidex::json_tree::{self, run_filter};
use apidex::msg::{Effect, JsonEffect, JsonMsg, Msg};
use apidex::views::Fetched;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

mod copy;
mod filter;
mod navigate;
mod render;

const URL: &str = "http://127.0.0.1:1/api/v2/pokemon/25/";

/// An app whose JSON view shows `body` as fetched from [`URL`].
fn app_with(body: &[u8]) -> App {
    let (mut app, lists) = App::new(Hosts::default());
    // Every tab's list in (empty), so the status bar counts nothing loading whatever the sources.
    for effect in lists {
        if let Effect::FetchList { source, req } = effect {
            app.update(Msg::ListLoaded {
                source,
                req,
                result: Ok(Vec::new()),
            });
        }
    }
    let effects = app.update(Msg::Json(JsonMsg::OpenUrl(URL.to_owned())));
    let [Effect::Json(JsonEffect::Fetch { req, .. })] = effects.as_slice() else {
        panic!("one fetch: {effects:?}");
    };
    let loaded = Fetched::Body {
        url: URL.to_owned(),
        body: body.into(),
        doc: json_tree::parse(body),
    };
    app.update(Msg::Json(JsonMsg::Loaded {
        req: *req,
        result: Ok(Some(loaded)),
        exchanges: Vec::new(),
    }));
    app
}

fn pikachu() -> App {
    app_with(&crate::support::fixture("pokeapi/pokemon/25.json"))
}

/// Presses keys through the real keymap; returns the effects of the last.
fn press(app: &mut App, keys: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\x1b' => KeyCode::Esc,
            '\x08' => KeyCode::Backspace,
            c => KeyCode::Char(c),
        };
        let event = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
        if let Some(msg) = apidex::keymap::to_msg(&apidex::keymap::Keymap::default(), app, &event) {
            effects = app.update(msg);
        }
    }
    effects
}

fn draw(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| apidex::ui::draw(f, app)).unwrap();
    terminal
}

fn screen(app: &mut App) -> String {
    let terminal = draw(app, 100, 30);
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The path in the view's bottom line.
fn path(app: &App) -> String {
    let view = app.explorer.view.as_ref().unwrap();
    view.tree().unwrap().path(view.cursor_node().unwrap())
}

/// Runs the filter an effect asks for (with the production evaluator) and delivers it.
fn deliver_filter(app: &mut App, effects: &[Effect]) {
    let Some(Effect::Json(JsonEffect::Filter { req, body, filter })) = effects.last() else {
        panic!("a filter effect: {effects:?}");
    };
    let result = run_filter(body, filter);
    app.update(Msg::Json(JsonMsg::Filtered { req: *req, result }));
}
