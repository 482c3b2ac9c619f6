//! Keys as the loop maps them with the default keymap: which message each key gives in each
//! focus.

use apidex::app::{App, Focus};
/// The keys as the loop maps them with the default keymap.
fn to_msg(app: &App, event: &Event) -> Option<Msg> {
    apidex::keymap::to_msg(&apidex::keymap::Keymap::default(), app, event)
}
use apidex::msg::Msg;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::builders::new_app;

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

fn app_with_focus(focus: Focus) -> App {
    let (mut app, _) = new_app();
    app.focus = focus;
    app
}

#[test]
fn q_quits_in_the_list_but_types_in_search() {
    let list = app_with_focus(Focus::List);
    let search = app_with_focus(Focus::Search);
    let q = key(KeyCode::Char('q'));
    assert!(matches!(to_msg(&list, &q), Some(Msg::Quit)));
    assert!(matches!(to_msg(&search, &q), Some(Msg::SearchInput('q'))));
    // So do the other letter commands.
    for c in ['j', 'k', 'a', 'r', '/', ' ', '1', '?'] {
        assert!(
            matches!(to_msg(&search, &key(KeyCode::Char(c))), Some(Msg::SearchInput(t)) if t == c),
            "{c:?}"
        );
    }
    assert!(matches!(
        to_msg(&list, &key(KeyCode::Char('j'))),
        Some(Msg::Move(1))
    ));
    assert!(matches!(
        to_msg(&list, &key(KeyCode::Char('/'))),
        Some(Msg::FocusSearch)
    ));
    assert!(matches!(
        to_msg(&list, &key(KeyCode::Char(' '))),
        Some(Msg::ToggleMark)
    ));
    assert!(matches!(
        to_msg(&list, &key(KeyCode::Char('2'))),
        Some(Msg::SelectTab(apidex::model::Source::Posts))
    ));
}

#[test]
fn ctrl_c_always_quits() {
    for focus in [Focus::List, Focus::Search, Focus::Detail] {
        let app = app_with_focus(focus);
        assert!(
            matches!(to_msg(&app, &ctrl('c')), Some(Msg::Quit)),
            "{focus:?}"
        );
    }
    let mut app = app_with_focus(Focus::List);
    app.help = true;
    assert!(matches!(to_msg(&app, &ctrl('c')), Some(Msg::Quit)));
}

#[test]
fn arrows_enter_and_esc_work_in_every_focus() {
    for focus in [Focus::List, Focus::Search, Focus::Detail] {
        let app = app_with_focus(focus);
        assert!(matches!(
            to_msg(&app, &key(KeyCode::Down)),
            Some(Msg::Move(1))
        ));
        assert!(matches!(
            to_msg(&app, &key(KeyCode::Up)),
            Some(Msg::Move(-1))
        ));
        assert!(matches!(
            to_msg(&app, &key(KeyCode::Enter)),
            Some(Msg::Confirm)
        ));
        assert!(matches!(to_msg(&app, &key(KeyCode::Esc)), Some(Msg::Back)));
        assert!(matches!(
            to_msg(&app, &key(KeyCode::Tab)),
            Some(Msg::NextTab)
        ));
    }
}

#[test]
fn search_editing_keys() {
    let search = app_with_focus(Focus::Search);
    assert!(matches!(
        to_msg(&search, &key(KeyCode::Backspace)),
        Some(Msg::SearchBackspace)
    ));
    assert!(matches!(
        to_msg(&search, &ctrl('u')),
        Some(Msg::SearchClear)
    ));
    assert!(to_msg(&search, &ctrl('x')).is_none());
    let alt = Event::Key(KeyEvent::new(KeyCode::Char('x'), KeyModifiers::ALT));
    assert!(to_msg(&search, &alt).is_none());
    // Outside the search box, Backspace goes back a page and Ctrl-U means nothing.
    let list = app_with_focus(Focus::List);
    assert!(matches!(
        to_msg(&list, &key(KeyCode::Backspace)),
        Some(Msg::HistoryBack)
    ));
    assert!(to_msg(&list, &ctrl('u')).is_none());
}

#[test]
fn key_releases_are_ignored() {
    let list = app_with_focus(Focus::List);
    let mut release = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    assert!(to_msg(&list, &Event::Key(release)).is_none());
    let mut release = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    release.kind = KeyEventKind::Release;
    assert!(to_msg(&list, &Event::Key(release)).is_none());
    // Repeats count, like presses.
    let mut repeat = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
    repeat.kind = KeyEventKind::Repeat;
    assert!(matches!(
        to_msg(&list, &Event::Key(repeat)),
        Some(Msg::Move(1))
    ));
}

#[test]
fn with_help_open_search_keys_are_commands() {
    // Help can be open while the search box has focus only through messages, but the
    // keymap still hands keys to the overlay then, so Esc and ? can close it.
    let mut app = app_with_focus(Focus::Search);
    app.help = true;
    assert!(matches!(
        to_msg(&app, &key(KeyCode::Char('?'))),
        Some(Msg::ToggleHelp)
    ));
}

#[test]
fn resize_redraws() {
    let app = app_with_focus(Focus::List);
    assert!(matches!(
        to_msg(&app, &Event::Resize(80, 24)),
        Some(Msg::Resize)
    ));
    assert!(to_msg(&app, &Event::FocusGained).is_none());
}
