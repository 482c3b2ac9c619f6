//! Hostile config files against the per-mode keymap (#12): `config show` must read back to the
//! same keymap (unbound keys included, whatever order the bindings were written in), a rebound
//! or unbound key must be rebound or unbound in the JSON view and the Live tab too, and no
//! hint may name a key that does something else there or nothing. Bindings that can never
//! fire are refused with their line.
#![allow(clippy::unwrap_used)] // tests: a panic is how they fail

use std::path::Path;
use std::process::Command;

use apidex::app::{App, Focus, Hosts};
use apidex::config::{self, Config};
use apidex::json_tree;
use apidex::keymap::{Keymap, to_msg};
use apidex::msg::{Effect, JsonEffect, JsonMsg, Msg};
use apidex::ui::Chrome;
use apidex::ui::theme::Theme;
use apidex::views::Fetched;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The keymap the loop would own for config `text` (which must have no problems).
fn keymap_of(text: &str) -> Keymap {
    let loaded = config::parse(text, Path::new("config.toml"));
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    loaded.config.over(Config::bundled()).keymap()
}

/// `apidex config show` for config `text`, run by the real binary with nothing of the
/// developer's environment.
fn config_show(text: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config.toml");
    std::fs::write(&file, text).unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_apidex"));
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("APIDEX_") {
            cmd.env_remove(name);
        }
    }
    let output = cmd
        .env("APIDEX_CONFIG", &file)
        .env("APIDEX_CACHE_DIR", dir.path().join("cache"))
        .env("APIDEX_DATA_DIR", dir.path().join("data"))
        .env("APIDEX_LOG_FILE", dir.path().join("apidex.log"))
        .args(["config", "show"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn config_show_reads_back_to_the_same_keymap() {
    let files = [
        // The README's example, with a default unbound in each mode.
        "[keys]\n\"ctrl-d\" = \"page_down\"\n\"ctrl-u\" = \"page_up\"\n\"x\" = \"quit\"\n\
         \"q\" = \"none\"\n[search_keys]\n\"ctrl-k\" = \"search_clear\"\n\"ctrl-p\" = \"none\"\n",
        // The only keys left for an action were written in an order `config show` does not
        // keep (`F1` sorts before `ctrl-d`, `f1` after): the first one named must not change.
        "[keys]\n\"F1\" = \"page_down\"\n\"ctrl-d\" = \"page_down\"\n\"pagedown\" = \"none\"\n",
        // Unbound while browsing, bound while typing; and the other way round.
        "[keys]\n\"esc\" = \"none\"\n\"tab\" = \"first\"\n[search_keys]\n\"esc\" = \"back\"\n\
         \"enter\" = \"none\"\n",
    ];
    for text in files {
        let shown = config_show(text);
        let read_back = keymap_of(&shown);
        assert_eq!(read_back, keymap_of(text), "{text}\n--- shown:\n{shown}");
    }
}

/// A key press.
fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}

fn char_key(c: char) -> Event {
    key(KeyCode::Char(c), KeyModifiers::NONE)
}

/// An app whose JSON view shows a small body.
fn json_view_app() -> App {
    const URL: &str = "http://127.0.0.1:1/api/v2/pokemon/25/";
    let (mut app, _) = App::new(Hosts::default());
    let effects = app.update(Msg::Json(JsonMsg::OpenUrl(URL.to_owned())));
    let [Effect::Json(JsonEffect::Fetch { req, .. })] = effects.as_slice() else {
        panic!("one fetch: {effects:?}");
    };
    let body: &[u8] = br#"{"name": "pikachu", "id": 25}"#;
    app.update(Msg::Json(JsonMsg::Loaded {
        req: *req,
        result: Ok(Some(Fetched::Body {
            url: URL.to_owned(),
            body: body.into(),
            doc: json_tree::parse(body),
        })),
        exchanges: Vec::new(),
    }));
    assert!(app.explorer.view.is_some());
    app
}

/// The screen as text, drawn with `keymap`.
fn screen(app: &mut App, keymap: &Keymap, width: u16, height: u16) -> String {
    let chrome = Chrome {
        theme: Theme::default(),
        keymap: keymap.clone(),
    };
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| apidex::ui::draw_with(frame, app, &chrome))
        .unwrap();
    crate::support::screen::buffer_text(terminal.backend().buffer())
}

const REBOUND: &str = "[keys]\n\"x\" = \"quit\"\n\"q\" = \"none\"\n\"J\" = \"toggle_json\"\n\
                       \"v\" = \"none\"\n\"f1\" = \"toggle_help\"\n\"?\" = \"none\"\n";

#[test]
fn the_json_view_takes_the_browser_keys_as_bound() {
    let keymap = keymap_of(REBOUND);
    let app = json_view_app();
    let msg = |event: Event| to_msg(&keymap, &app, &event);
    assert!(matches!(msg(char_key('x')), Some(Msg::Quit)), "x quits");
    assert!(msg(char_key('q')).is_none(), "q is unbound");
    assert!(
        matches!(msg(char_key('J')), Some(Msg::Json(JsonMsg::Toggle))),
        "J closes the view"
    );
    assert!(msg(char_key('v')).is_none(), "v is unbound");
    assert!(matches!(
        msg(key(KeyCode::F(1), KeyModifiers::NONE)),
        Some(Msg::ToggleHelp)
    ));
    assert!(msg(char_key('?')).is_none(), "? is unbound");
    // The view's own keys stay, whatever the browser binds them to.
    let over = keymap_of("[keys]\n\"n\" = \"quit\"\n\"y\" = \"toggle_json\"\n");
    assert!(matches!(
        to_msg(&over, &app, &char_key('n')),
        Some(Msg::Json(JsonMsg::NextMatch(1)))
    ));
    assert!(matches!(
        to_msg(&over, &app, &char_key('y')),
        Some(Msg::Json(JsonMsg::CopyMenu))
    ));
}

#[test]
fn the_json_view_hints_name_the_key_that_closes_it() {
    let mut app = json_view_app();
    let text = screen(&mut app, &keymap_of(REBOUND), 100, 20);
    let status = text.lines().last().unwrap();
    assert!(status.contains("J close"), "{status}");
    assert!(!status.contains("v close"), "{status}");
    // `y` is the view's copy key: bound to the toggle it closes nothing there, so no hint
    // names it; with `v` unbound too only Esc is left.
    let only_esc = keymap_of("[keys]\n\"v\" = \"none\"\n\"y\" = \"toggle_json\"\n");
    let text = screen(&mut app, &only_esc, 100, 20);
    let status = text.lines().last().unwrap();
    assert!(!status.contains("close"), "{status}");
}

#[test]
fn live_hints_never_name_a_key_the_tab_keeps_for_itself() {
    // `c` clears the Live tab and `p` pauses it, whatever the browser binds them to.
    let keymap = keymap_of(
        "[keys]\n\"c\" = \"focus_search\"\n\"/\" = \"none\"\n\"p\" = \"quit\"\n\"q\" = \"none\"\n",
    );
    let (mut app, _) = App::new(Hosts::default());
    app.live.shown = true;
    let text = screen(&mut app, &keymap, 140, 12);
    let status = text.lines().last().unwrap();
    assert!(!status.contains("c filter"), "{status}");
    assert!(!status.contains("p quit"), "{status}");
    assert!(status.contains("p pause"), "{status}");
    assert!(matches!(
        to_msg(&keymap, &app, &char_key('c')),
        Some(Msg::Live(apidex::msg::LiveMsg::Clear))
    ));
}

#[test]
fn an_overlay_names_only_keys_that_close_it_there() {
    // Back is bound while typing only (F2); over the help it does nothing.
    let keymap = keymap_of(
        "[keys]\n\"esc\" = \"none\"\n\"?\" = \"none\"\n\"f1\" = \"toggle_help\"\n\
         [search_keys]\n\"f2\" = \"back\"\n",
    );
    let (mut app, _) = App::new(Hosts::default());
    app.update(Msg::ToggleHelp);
    assert!(app.help);
    assert!(to_msg(&keymap, &app, &key(KeyCode::F(2), KeyModifiers::NONE)).is_none());
    let text = screen(&mut app, &keymap, 100, 30);
    // The help lists F2 for what it does while typing; its border names only what closes it.
    let border = text
        .lines()
        .find(|l| l.contains("closes this help"))
        .unwrap();
    assert!(border.contains("F1 closes"), "{border}");
    assert!(!border.contains("F2"), "{border}");
}

#[test]
fn bindings_that_can_never_fire_are_refused_with_their_line() {
    // Backspace edits the search box while typing, like a character; `search_clear` works
    // only while typing, where `j` is text.
    let text = "[keys]\n\"j\" = \"search_clear\"\n[search_keys]\n\"backspace\" = \"quit\"\n";
    let loaded = config::parse(text, Path::new("config.toml"));
    assert_eq!(loaded.problems.len(), 2, "{:?}", loaded.problems);
    assert!(
        loaded.problems[0].starts_with("config.toml line 2: "),
        "{:?}",
        loaded.problems
    );
    assert!(
        loaded.problems[1].starts_with("config.toml line 4: search_keys: \"backspace\""),
        "{:?}",
        loaded.problems
    );
    // While typing, Backspace still deletes, and the help does not list it for quit.
    let keymap = loaded.config.over(Config::bundled()).keymap();
    let (mut app, _) = App::new(Hosts::default());
    app.focus = Focus::Search;
    assert!(matches!(
        to_msg(&keymap, &app, &key(KeyCode::Backspace, KeyModifiers::NONE)),
        Some(Msg::SearchBackspace)
    ));
    let quit = keymap.help_keys(apidex::keymap::HelpKeys::Actions(&[
        apidex::keymap::KeyAction::Quit,
    ]));
    assert_eq!(quit, "q Ctrl-C");
}

/// The screen's text with the borders dropped and the wrapping undone.
fn prose(text: &str) -> String {
    let text: String = text
        .chars()
        .map(|c| {
            if "│┌┐└┘─".contains(c) {
                ' '
            } else {
                c
            }
        })
        .collect();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_help_texts_name_the_keys_as_bound() {
    let keymap = keymap_of("[keys]\n\"enter\" = \"none\"\n\"f5\" = \"confirm\"\n");
    let (mut app, _) = App::new(Hosts::default());
    app.update(Msg::ToggleHelp);
    let text = prose(&screen(&mut app, &keymap, 120, 60));
    assert!(text.contains("then F5 fetches all marked"), "{text}");
    assert!(text.contains("(F5 opens, Esc closes)"), "{text}");
    assert!(!text.contains("then Enter fetches"), "{text}");
    assert!(!text.contains("Enter opens the best match"), "{text}");
}

#[test]
fn no_help_hint_names_a_key_that_types_while_typing() {
    let (mut app, _) = App::new(Hosts::default());
    app.focus = Focus::Search;
    let keymap = Keymap::default();
    // `?` types into the search box.
    assert!(matches!(
        to_msg(&keymap, &app, &char_key('?')),
        Some(Msg::SearchInput('?'))
    ));
    let text = screen(&mut app, &keymap, 100, 20);
    let status = text.lines().last().unwrap();
    assert!(!status.contains("? help"), "{status}");
    // A key that opens the help while typing is named.
    let f1 = keymap_of("[keys]\n\"f1\" = \"toggle_help\"\n");
    let text = screen(&mut app, &f1, 100, 20);
    assert!(text.lines().last().unwrap().contains("F1 help"), "{text}");
}

#[test]
fn the_too_small_note_names_the_quit_key_that_works() {
    let (mut app, _) = App::new(Hosts::default());
    let text = screen(&mut app, &keymap_of(REBOUND), 30, 8);
    assert!(text.contains("x quits"), "{text}");
    assert!(!text.contains("q quits"), "{text}");
    // While typing a search `q` is text: Ctrl-C still quits.
    app.focus = Focus::Search;
    let text = screen(&mut app, &Keymap::default(), 30, 8);
    assert!(text.contains("Ctrl-C quits"), "{text}");
    assert!(!text.contains("q quits"), "{text}");
}

#[test]
fn the_clear_key_empties_the_url_prompt_and_the_live_filter_as_it_does_the_search_box() {
    let ctrl = |c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    for (config, clear) in [
        ("", ctrl('u')),
        // Rebound while typing: the new key clears, Ctrl-U no longer does.
        (
            "[search_keys]\n\"ctrl-k\" = \"search_clear\"\n\"ctrl-u\" = \"none\"\n",
            ctrl('k'),
        ),
    ] {
        let keymap = keymap_of(config);
        let (mut app, _) = App::new(Hosts::default());
        // The `o` prompt.
        app.update(Msg::Json(JsonMsg::OpenPrompt));
        for c in "https://example.org/x".chars() {
            app.update(Msg::Json(JsonMsg::Input(c)));
        }
        if !config.is_empty() {
            assert!(to_msg(&keymap, &app, &ctrl('u')).is_none(), "{config}");
        }
        let msg = to_msg(&keymap, &app, &clear).expect("the clear key does something");
        app.update(msg);
        assert_eq!(app.explorer.prompt.as_deref(), Some(""), "{config}");
        app.update(Msg::Json(JsonMsg::Cancel));
        // The Live tab's filter.
        app.update(Msg::Live(apidex::msg::LiveMsg::Show));
        app.update(Msg::Live(apidex::msg::LiveMsg::StartFilter));
        for c in "bsky".chars() {
            app.update(Msg::Live(apidex::msg::LiveMsg::Input(c)));
        }
        assert_eq!(app.live.filter, "bsky");
        let msg = to_msg(&keymap, &app, &clear).expect("the clear key does something");
        app.update(msg);
        assert_eq!(app.live.filter, "", "{config}");
        assert!(app.live.prompt.is_some(), "still typing");
    }
}

#[test]
fn a_clear_key_the_boxes_also_read_clears_every_box_and_does_nothing_else() {
    // Alt-Backspace is a binding while typing (plain Backspace edits): bound to `search_clear`
    // it must empty every box, not delete one character where the box reads Backspace itself.
    let keymap = keymap_of("[search_keys]\n\"alt-backspace\" = \"search_clear\"\n");
    let clear = key(KeyCode::Backspace, KeyModifiers::ALT);
    let mut app = json_view_app();
    // The JSON view's `/` search: emptied, and its matches with it.
    app.update(Msg::Json(JsonMsg::StartSearch));
    for c in "pika".chars() {
        app.update(Msg::Json(JsonMsg::Input(c)));
    }
    app.update(to_msg(&keymap, &app, &clear).expect("clears"));
    let search = app.explorer.view.as_ref().unwrap().search.as_ref().unwrap();
    assert_eq!(search.query, "");
    assert!(search.editing, "still typing");
    app.update(Msg::Json(JsonMsg::Cancel));
    // The `|` jq box: emptied, and the empty filter (the whole body) is what runs next.
    app.update(Msg::Json(JsonMsg::StartFilter));
    for c in ".name".chars() {
        app.update(Msg::Json(JsonMsg::Input(c)));
    }
    let effects = app.update(to_msg(&keymap, &app, &clear).expect("clears"));
    assert!(
        matches!(effects.as_slice(), [Effect::Json(JsonEffect::Filter { filter, .. })] if filter.is_empty()),
        "{effects:?}"
    );
    let filter = app.explorer.view.as_ref().unwrap().filter.as_ref().unwrap();
    assert_eq!((filter.text.as_str(), filter.editing), ("", true));
    app.update(Msg::Json(JsonMsg::Cancel));
    app.update(Msg::Json(JsonMsg::Cancel));
    // The `o` prompt.
    app.update(Msg::Json(JsonMsg::OpenPrompt));
    app.update(Msg::Json(JsonMsg::Paste(
        "https://example.org/x".to_owned(),
    )));
    app.update(to_msg(&keymap, &app, &clear).expect("clears"));
    assert_eq!(app.explorer.prompt.as_deref(), Some(""));
    app.update(Msg::Json(JsonMsg::Cancel));
    // The Live tab's `S` prompt.
    app.update(Msg::Live(apidex::msg::LiveMsg::Show));
    app.update(Msg::Live(apidex::msg::LiveMsg::StartSend));
    app.update(Msg::Live(apidex::msg::LiveMsg::Paste("hello".to_owned())));
    app.update(to_msg(&keymap, &app, &clear).expect("clears"));
    assert_eq!(app.live.input, "");
    assert!(app.live.prompt.is_some(), "still typing");
}
