//! The JSON view (#14), through `update`, the real keymap and the real drawing: fold, unfold,
//! paths, search, jq filters, copies, and bodies that are too deep or hostile. Pikachu's real
//! body (`tests/fixtures/pokeapi/pokemon/25.json`) throughout.
#![allow(clippy::unwrap_used)] // tests: a panic is how they fail

use apidex::app::json_view::ViewState;
use apidex::app::{App, Hosts};
use apidex::json_tree::{self, run_filter};
use apidex::msg::{Effect, JsonEffect, JsonMsg, Msg};
use apidex::views::Fetched;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

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

#[test]
fn pikachu_json_view_snapshot() {
    let mut app = pikachu();
    insta::assert_snapshot!(
        "pikachu_json_view",
        crate::support::screen::without_tab_bar(draw(&mut app, 100, 30).backend())
    );
}

#[test]
fn keys_and_values_are_coloured() {
    let mut app = pikachu();
    let terminal = draw(&mut app, 100, 30);
    let buffer = terminal.backend().buffer();
    let find = |needle: &str| {
        let chars: Vec<char> = needle.chars().collect();
        for y in 0..buffer.area.height {
            for x in 0..buffer.area.width {
                if (x..buffer.area.width)
                    .zip(&chars)
                    .filter(|(cx, c)| buffer[(*cx, y)].symbol().starts_with(**c))
                    .count()
                    == chars.len()
                {
                    return (x, y);
                }
            }
        }
        panic!("{needle} not on screen");
    };
    let theme = apidex::ui::theme::Theme::default();
    let (x, y) = find("\"name\": \"static\"");
    assert_eq!(
        buffer[(x + 1, y)].fg,
        theme.accent,
        "keys in the accent colour"
    );
    assert_eq!(buffer[(x + 10, y)].fg, theme.ok, "strings in green");
    let (x, y) = find("112");
    assert_eq!(
        buffer[(x, y)].fg,
        theme.matched,
        "numbers in their own colour"
    );
}

#[test]
fn fold_and_unfold_moves_and_everything() {
    let mut app = pikachu();
    press(&mut app, "/moves\n");
    assert_eq!(path(&app), ".moves");
    assert!(screen(&mut app).contains("/moves  1/1"));
    let before = app
        .explorer
        .view
        .as_ref()
        .unwrap()
        .tree()
        .unwrap()
        .rows()
        .len();
    press(&mut app, "h");
    let text = screen(&mut app);
    assert!(text.contains("▸   \"moves\": […] 109 items,"), "{text}");
    let folded = app
        .explorer
        .view
        .as_ref()
        .unwrap()
        .tree()
        .unwrap()
        .rows()
        .len();
    assert!(folded < before / 2, "{folded} rows of {before}");
    assert_eq!(path(&app), ".moves", "the cursor stays on the folded node");
    press(&mut app, "l");
    assert_eq!(
        app.explorer
            .view
            .as_ref()
            .unwrap()
            .tree()
            .unwrap()
            .rows()
            .len(),
        before
    );
    press(&mut app, " ");
    assert_eq!(
        app.explorer
            .view
            .as_ref()
            .unwrap()
            .tree()
            .unwrap()
            .rows()
            .len(),
        folded
    );
    // zM: only the top level is left, each container folded.
    press(&mut app, "zM");
    let tree = app.explorer.view.as_ref().unwrap().tree().unwrap();
    let top = tree.nodes().iter().filter(|n| n.depth == 1).count();
    assert_eq!(
        tree.rows().len(),
        top + 2,
        "the braces and the top-level members"
    );
    assert_eq!(path(&app), ".moves");
    press(&mut app, "zR");
    assert_eq!(
        app.explorer
            .view
            .as_ref()
            .unwrap()
            .tree()
            .unwrap()
            .rows()
            .len(),
        before
    );
    // h on a scalar goes to its parent.
    press(&mut app, "g");
    press(&mut app, "jjjj");
    assert_eq!(path(&app), ".abilities[0].ability.name");
    press(&mut app, "h");
    assert_eq!(path(&app), ".abilities[0].ability");
}

#[test]
fn search_counts_matches_and_walks_them() {
    let mut app = pikachu();
    press(&mut app, "/base_stat\n");
    // Pikachu's `past_stats` come first in the body.
    assert_eq!(path(&app), ".past_stats[0].stats[0].base_stat");
    let count = app
        .explorer
        .view
        .as_ref()
        .unwrap()
        .search
        .as_ref()
        .unwrap()
        .matches
        .len();
    assert!(count >= 6, "{count}");
    let text = screen(&mut app);
    assert!(text.contains(&format!("/base_stat  1/{count}")), "{text}");
    assert!(
        text.contains(".past_stats[0].stats[0].base_stat ·"),
        "the path in the bottom line: {text}"
    );
    press(&mut app, "N");
    assert_eq!(
        path(&app),
        ".stats[5].base_stat",
        "N wraps around to the last"
    );
    press(&mut app, "n");
    assert_eq!(
        path(&app),
        ".past_stats[0].stats[0].base_stat",
        "n wraps to the first"
    );
    // A match inside a folded container is unfolded into sight.
    press(&mut app, "NNNNN");
    assert_eq!(path(&app), ".stats[1].base_stat");
    press(&mut app, "zM");
    press(&mut app, "n");
    assert_eq!(path(&app), ".stats[2].base_stat");
    assert!(screen(&mut app).contains("\"base_stat\": 40"));
    press(&mut app, "\x1b/zzzz\n");
    assert!(screen(&mut app).contains("/zzzz  no match"));
}

#[test]
fn a_jq_filter_as_you_type_then_kept_then_dropped() {
    let mut app = pikachu();
    // Typed exactly as a user would: the box starts empty.
    let effects = press(&mut app, "|.stats[].base_stat");
    deliver_filter(&mut app, &effects);
    let text = screen(&mut app);
    for n in ["35", "55", "40", "50", "90"] {
        assert!(text.contains(&format!("│  {n} ")), "{n} in {text}");
    }
    assert_eq!(
        app.explorer
            .view
            .as_ref()
            .unwrap()
            .tree()
            .unwrap()
            .rows()
            .len(),
        6
    );
    assert!(
        text.contains("6 lines") && text.contains("filtered"),
        "{text}"
    );
    // Enter keeps it: keys move in the filtered view.
    press(&mut app, "\nG");
    assert_eq!(app.explorer.view.as_ref().unwrap().cursor, 5);
    // Esc drops it.
    press(&mut app, "\x1b");
    let text = screen(&mut app);
    assert!(text.contains("\"abilities\": ["), "{text}");
    assert!(
        app.explorer.view.is_some(),
        "Esc dropped the filter, not the view"
    );
}

#[test]
fn filter_errors_show_inline() {
    let mut app = pikachu();
    let effects = press(&mut app, "|.stats[");
    deliver_filter(&mut app, &effects);
    let text = screen(&mut app);
    assert!(text.contains("✗ expected"), "{text}");
    // The document stays shown under the error.
    assert!(text.contains("\"abilities\": ["), "{text}");
}

#[test]
fn y_copies_value_path_url_and_curl() {
    let mut app = pikachu();
    press(&mut app, "/static\n");
    let copied = |effects: Vec<Effect>| {
        let copies: Vec<String> = effects
            .iter()
            .filter_map(|e| match e {
                Effect::Json(JsonEffect::Copy(text)) => Some(text.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(copies.len(), 1, "one copy: {effects:?}");
        copies[0].clone()
    };
    press(&mut app, "y");
    assert!(screen(&mut app).contains("copy: y value · u URL · p path"));
    assert_eq!(copied(press(&mut app, "y")), "static");
    assert!(screen(&mut app).contains("copied the value (6 bytes)"));
    assert_eq!(copied(press(&mut app, "yp")), ".abilities[0].ability.name");
    assert_eq!(copied(press(&mut app, "yu")), URL);
    let curl = copied(press(&mut app, "yc"));
    assert_eq!(curl, apidex::app::json_copy::curl_command(URL));
    let whole = copied(press(&mut app, "yj"));
    let reparsed: serde_json::Value = serde_json::from_str(&whole).unwrap();
    let original: serde_json::Value =
        serde_json::from_slice(&crate::support::fixture("pokeapi/pokemon/25.json")).unwrap();
    assert_eq!(reparsed, original, "yj copies the whole document");
    // A container copies as compact JSON.
    press(&mut app, "h");
    assert_eq!(
        copied(press(&mut app, "yy")),
        r#"{"name":"static","url":"https://pokeapi.co/api/v2/ability/9/"}"#
    );
    // Esc after y cancels the menu only.
    press(&mut app, "y\x1b");
    assert!(app.explorer.view.is_some());
}

#[test]
fn a_deep_body_is_text_with_its_depth() {
    let body = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let mut app = app_with(body.as_bytes());
    let text = screen(&mut app);
    assert!(
        text.contains("too deeply nested to explore (100000 levels)"),
        "{text}"
    );
    assert!(text.contains("[[[[[[[["), "the raw text: {text}");
}

#[test]
fn control_bytes_are_shown_escaped() {
    let body = br#"{"evil":"\u001b]52;c;aGk=\u0007\u001b[2J","key\u001b[31m":1}"#;
    let mut app = app_with(body);
    let terminal = draw(&mut app, 100, 30);
    let buffer = terminal.backend().buffer();
    assert!(
        buffer
            .content()
            .iter()
            .all(|c| !c.symbol().chars().any(char::is_control)),
        "a raw control character reached the screen"
    );
    let text = screen(&mut app);
    assert!(
        text.contains(r#""evil": "\u001b]52;c;aGk=\u0007\u001b[2J""#),
        "{text}"
    );
}

#[test]
fn v_opens_the_page_shown_and_closes_again() {
    let (mut app, _) = App::new(Hosts::default());
    // No page and no selection: nothing to show.
    press(&mut app, "v");
    assert!(app.explorer.view.is_none());
    assert!(screen(&mut app).contains("no page to show as JSON"));
    let mut app = pikachu();
    press(&mut app, "v");
    assert!(app.explorer.view.is_none(), "v closes the view");
    assert!(matches!(
        pikachu().explorer.view.unwrap().state,
        ViewState::Loaded(_)
    ));
}

#[test]
fn a_huge_body_is_cut_at_the_cap_and_draws_only_what_is_seen() {
    // About 10 MB: more values than the tree keeps.
    let item = r#"{"id":123456,"name":"a name","ok":true},"#;
    let mut body = String::from("[");
    while body.len() < 10 * 1024 * 1024 {
        body.push_str(item);
    }
    body.push_str("null]");
    let mut app = app_with(body.as_bytes());
    let tree_rows = app
        .explorer
        .view
        .as_ref()
        .unwrap()
        .tree()
        .unwrap()
        .rows()
        .len();
    assert!(tree_rows > 100_000);
    let text = screen(&mut app);
    assert!(
        text.contains("cut short"),
        "the view says the tree was cut: {text}"
    );
    assert!(text.contains("10.0 MB"), "{text}");
    press(&mut app, "G");
    let text = screen(&mut app);
    assert!(text.contains("│  ]"), "the last row is drawn: {text}");
    // The mouse wheel moves in the view.
    app.update(Msg::Wheel {
        x: 5,
        y: 5,
        delta: -3,
    });
    assert_eq!(app.explorer.view.as_ref().unwrap().cursor, tree_rows - 4);
}

#[test]
fn yj_copies_the_body_exactly_and_refuses_what_no_terminal_would_carry() {
    let body = br#"{"big": 12345678901234567890123, "neg": -0, "order": {"z": 1, "a": 2}}"#;
    let mut app = app_with(body);
    let effects = press(&mut app, "yj");
    let copies: Vec<&String> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::Json(JsonEffect::Copy(text)) => Some(text),
            _ => None,
        })
        .collect();
    assert_eq!(
        copies,
        [&String::from_utf8(body.to_vec()).unwrap()],
        "byte for byte"
    );

    let huge = format!(
        "[\"{}\"]",
        "x".repeat(apidex::app::json_copy::MAX_COPY + 10)
    );
    let mut app = app_with(huge.as_bytes());
    let effects = press(&mut app, "yj");
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::Json(JsonEffect::Copy(_)))),
        "nothing sent to the terminal"
    );
    assert!(
        screen(&mut app).contains("too large to copy"),
        "{}",
        screen(&mut app)
    );
}

#[test]
fn capital_o_opens_the_views_url_in_the_browser() {
    let mut app = pikachu();
    let effects = press(&mut app, "O");
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::OpenInBrowser { url } if url == URL)),
        "{effects:?}"
    );
}
