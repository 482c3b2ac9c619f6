//! Key bindings from the config: rebinding, per-mode bindings, bad bindings reported by line,
//! and hints naming the keys as bound.

use config_cli::{apidex, config_file, stderr, stdout};

use std::path::Path;

use apidex::app::{App, Focus, Hosts};
use apidex::config::{self, Config};
use apidex::keymap::{KeyAction, Keymap, to_msg};
use apidex::msg::Msg;
use apidex::ui::theme::Theme;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::support::config_cli;

fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}

/// A fresh app and the keymap the loop would own for `config`.
fn app_with(config: &Config) -> (App, Keymap) {
    let (app, _) = App::new(Hosts::default());
    (app, config.clone().over(Config::bundled()).keymap())
}

#[test]
fn rebound_keys_reach_the_keymap() {
    let text = "[keys]\n\"j\" = \"page_down\"\n\"ctrl-d\" = \"page_down\"\n\"x\" = \"quit\"\n\"q\" = \"none\"\n\"f2\" = \"toggle_help\"\n";
    let loaded = config::parse(text, Path::new("config.toml"));
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let (app, keymap) = app_with(&loaded.config);
    let none = KeyModifiers::NONE;
    assert!(matches!(
        to_msg(&keymap, &app, &key(KeyCode::Char('j'), none)),
        Some(Msg::Page(1))
    ));
    assert!(matches!(
        to_msg(
            &keymap,
            &app,
            &key(KeyCode::Char('d'), KeyModifiers::CONTROL)
        ),
        Some(Msg::Page(1))
    ));
    assert!(matches!(
        to_msg(&keymap, &app, &key(KeyCode::Char('x'), none)),
        Some(Msg::Quit)
    ));
    assert!(to_msg(&keymap, &app, &key(KeyCode::Char('q'), none)).is_none());
    // Defaults not mentioned stay.
    assert!(matches!(
        to_msg(&keymap, &app, &key(KeyCode::Char('k'), none)),
        Some(Msg::Move(-1))
    ));
    // Ctrl-C always quits.
    assert!(matches!(
        to_msg(
            &keymap,
            &app,
            &key(KeyCode::Char('c'), KeyModifiers::CONTROL)
        ),
        Some(Msg::Quit)
    ));
    // While typing a search, characters are text, but other keys keep their bindings.
    let (mut typing, _) = app_with(&loaded.config);
    typing.focus = Focus::Search;
    assert!(matches!(
        to_msg(&keymap, &typing, &key(KeyCode::Char('x'), none)),
        Some(Msg::SearchInput('x'))
    ));
    assert!(matches!(
        to_msg(&keymap, &typing, &key(KeyCode::F(2), none)),
        Some(Msg::ToggleHelp)
    ));
    // The help and the hints follow.
    assert_eq!(
        keymap.help_keys(apidex::keymap::HelpKeys::Actions(&[KeyAction::PageDown])),
        "j PgDn Ctrl-D"
    );
    assert_eq!(
        keymap.hint(&[KeyAction::Quit], "quit", false).as_deref(),
        Some("x quit")
    );
}

#[test]
fn unknown_actions_and_keys_are_reported_by_line_and_skipped() {
    let text = "[keys]\n\"j\" = \"page_down\"\n\"k\" = \"frobnicate\"\n\"hyper-z\" = \"quit\"\n";
    let loaded = config::parse(text, Path::new("config.toml"));
    assert_eq!(loaded.problems.len(), 2, "{:?}", loaded.problems);
    assert!(
        loaded.problems[0].starts_with("config.toml line 4: unknown key \"hyper-z\"")
            || loaded.problems[1].starts_with("config.toml line 4: unknown key \"hyper-z\""),
        "{:?}",
        loaded.problems
    );
    assert!(
        loaded
            .problems
            .iter()
            .any(|p| p.starts_with("config.toml line 3: unknown action \"frobnicate\"")),
        "{:?}",
        loaded.problems
    );
    // The good binding still applies; the bad ones leave the defaults.
    let (app, keymap) = app_with(&loaded.config);
    assert!(matches!(
        to_msg(&keymap, &app, &key(KeyCode::Char('j'), KeyModifiers::NONE)),
        Some(Msg::Page(1))
    ));
    assert!(matches!(
        to_msg(&keymap, &app, &key(KeyCode::Char('k'), KeyModifiers::NONE)),
        Some(Msg::Move(-1))
    ));
}

#[test]
fn a_bad_binding_is_reported_by_the_binary_which_goes_on() {
    let file = config_file("badkey", "[keys]\n\"x\" = \"frobnicate\"\n");
    let output = apidex(&file).args(["config", "show"]).output().unwrap();
    assert!(output.status.success());
    let err = stderr(&output);
    assert!(
        err.contains("line 2: unknown action \"frobnicate\""),
        "{err}"
    );
    assert!(!stdout(&output).contains("frobnicate"));
}

#[test]
fn keys_are_bound_per_mode_and_the_readme_example_keeps_search_clear() {
    let text = "[keys]\n\"ctrl-u\" = \"page_up\"\n\"f2\" = \"toggle_help\"\n\
                [search_keys]\n\"ctrl-k\" = \"search_clear\"\n\"f2\" = \"none\"\n";
    let loaded = config::parse(text, Path::new("config.toml"));
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let (app, keymap) = app_with(&loaded.config);
    let (mut typing, _) = app_with(&loaded.config);
    typing.focus = Focus::Search;
    let ctrl = |c| key(KeyCode::Char(c), KeyModifiers::CONTROL);
    let f2 = key(KeyCode::F(2), KeyModifiers::NONE);
    assert!(matches!(
        to_msg(&keymap, &app, &ctrl('u')),
        Some(Msg::Page(-1))
    ));
    assert!(matches!(
        to_msg(&keymap, &typing, &ctrl('u')),
        Some(Msg::SearchClear)
    ));
    assert!(matches!(
        to_msg(&keymap, &typing, &ctrl('k')),
        Some(Msg::SearchClear)
    ));
    assert!(to_msg(&keymap, &app, &ctrl('k')).is_none());
    assert!(matches!(to_msg(&keymap, &app, &f2), Some(Msg::ToggleHelp)));
    assert!(
        to_msg(&keymap, &typing, &f2).is_none(),
        "unbound while typing"
    );
}

#[test]
fn a_search_binding_that_cannot_work_is_reported_and_config_show_reads_back() {
    let file = config_file(
        "searchkeys",
        "[keys]\n\"ctrl-u\" = \"page_up\"\n[search_keys]\n\"j\" = \"quit\"\n\"f3\" = \"first\"\n\"f4\" = \"toggle_help\"\n",
    );
    let output = apidex(&file).args(["config", "show"]).output().unwrap();
    assert!(output.status.success());
    let err = stderr(&output);
    assert!(
        err.contains("line 4: search_keys: \"j\" types into the search box"),
        "{err}"
    );
    assert!(
        err.contains("line 5: search_keys: \"first\" does nothing while typing"),
        "{err}"
    );
    let shown = stdout(&output);
    assert!(shown.contains("[search_keys]"), "{shown}");
    assert!(shown.contains("ctrl-u = \"search_clear\""), "{shown}");
    assert!(shown.contains("f4 = \"toggle_help\""), "{shown}");
    // What `config show` prints is a file that gives the same keymap.
    let printed = config::parse(&shown, Path::new("shown.toml"));
    assert!(printed.problems.is_empty(), "{:?}", printed.problems);
    let original = config::parse(&std::fs::read_to_string(&file).unwrap(), Path::new("f"));
    assert_eq!(
        printed.config.over(Config::bundled()).keymap(),
        original.config.over(Config::bundled()).keymap()
    );
}

#[test]
fn hints_name_the_keys_as_bound() {
    let text =
        "[keys]\n\"x\" = \"quit\"\n\"q\" = \"none\"\n\"f1\" = \"toggle_help\"\n\"?\" = \"none\"\n";
    let loaded = config::parse(text, Path::new("config.toml"));
    let (mut app, keymap) = app_with(&loaded.config);
    app.live.shown = true;
    let chrome = apidex::ui::Chrome {
        theme: Theme::default(),
        keymap,
    };
    let mut terminal = Terminal::new(TestBackend::new(120, 12)).unwrap();
    terminal
        .draw(|frame| apidex::ui::draw_with(frame, &mut app, &chrome))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let status: String = (0..120).map(|x| buffer[(x, 11)].symbol()).collect();
    assert!(status.contains("x quit"), "{status}");
    assert!(status.contains("F1 help"), "{status}");
    assert!(
        !status.contains("q quit") && !status.contains("? help"),
        "{status}"
    );
}

#[test]
fn one_key_spelled_twice_is_reported_and_the_last_in_the_file_wins() {
    // "Ctrl-U" sorts before "ctrl-u": the file's order decides, not the spelling's.
    let text = "[keys]\n\"ctrl-u\" = \"quit\"\n\"Ctrl-U\" = \"page_up\"\n";
    let loaded = config::parse(text, Path::new("config.toml"));
    assert_eq!(loaded.problems.len(), 1, "{:?}", loaded.problems);
    assert!(
        loaded.problems[0]
            .starts_with("config.toml line 2: keys: \"ctrl-u\" names the same key as \"Ctrl-U\""),
        "{:?}",
        loaded.problems
    );
    let (app, keymap) = app_with(&loaded.config);
    let ctrl_u = key(KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert!(matches!(
        to_msg(&keymap, &app, &ctrl_u),
        Some(Msg::Page(-1))
    ));
    // The other order: the lower-case spelling last, so it is the one used.
    let text = "[keys]\n\"Ctrl-U\" = \"page_up\"\n\"ctrl-u\" = \"quit\"\n";
    let loaded = config::parse(text, Path::new("config.toml"));
    assert_eq!(loaded.problems.len(), 1, "{:?}", loaded.problems);
    let (app, keymap) = app_with(&loaded.config);
    assert!(matches!(to_msg(&keymap, &app, &ctrl_u), Some(Msg::Quit)));
}
