//! Keys and mouse events to messages, through a [`Keymap`]: today's bindings, with the config
//! file's `[keys]` table on top. The help overlay and the status bar's hints are generated from
//! the same keymap, so they always show the keys that actually work.

mod action;
mod bindings;
mod help;
mod json;
mod key;
mod live;

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

pub use self::action::{KeyAction, Scope};
pub use self::bindings::{Keymap, UNBIND};
pub use self::help::{HELP, HelpKeys, HelpRow};
pub use self::key::{Key, KeyParseError};
use crate::app::App;
use crate::msg::Msg;

/// Rows the mouse wheel scrolls per notch.
const WHEEL_ROWS: isize = 3;

/// The bindings apidex starts with, in the order the help lists a key's alternatives, but for
/// the tabs' digits ([`default_bindings`] adds those). Ctrl-C is not among them: it always
/// quits, whatever the config says.
pub const DEFAULT_BINDINGS: &[(&str, KeyAction)] = &[
    ("up", KeyAction::SelectPrev),
    ("k", KeyAction::SelectPrev),
    ("down", KeyAction::SelectNext),
    ("j", KeyAction::SelectNext),
    ("pageup", KeyAction::PageUp),
    ("pagedown", KeyAction::PageDown),
    ("g", KeyAction::First),
    ("home", KeyAction::First),
    ("G", KeyAction::Last),
    ("end", KeyAction::Last),
    ("left", KeyAction::FocusList),
    ("h", KeyAction::FocusList),
    ("right", KeyAction::FocusDetail),
    ("l", KeyAction::FocusDetail),
    ("enter", KeyAction::Confirm),
    ("backspace", KeyAction::HistoryBack),
    ("alt-left", KeyAction::HistoryBack),
    ("alt-right", KeyAction::HistoryForward),
    ("/", KeyAction::FocusSearch),
    ("esc", KeyAction::Back),
    ("space", KeyAction::ToggleMark),
    ("a", KeyAction::MarkAll),
    ("c", KeyAction::Compare),
    ("s", KeyAction::ToggleShiny),
    ("n", KeyAction::AnotherPhoto),
    ("r", KeyAction::Retry),
    ("b", KeyAction::ToggleBookmark),
    ("B", KeyAction::ShowBookmarks),
    ("H", KeyAction::ShowHistory),
    ("d", KeyAction::DeleteSaved),
    ("delete", KeyAction::DeleteSaved),
    ("X", KeyAction::ClearHistory),
    ("e", KeyAction::Export),
    ("i", KeyAction::ShowRequest),
    ("O", KeyAction::OpenInBrowser),
    ("v", KeyAction::ToggleJson),
    ("o", KeyAction::OpenUrl),
    ("ctrl-u", KeyAction::SearchClear),
    ("ctrl-p", KeyAction::RecallOlder),
    ("ctrl-n", KeyAction::RecallNewer),
    ("tab", KeyAction::NextTab),
    ("shift-tab", KeyAction::PrevTab),
    ("?", KeyAction::ToggleHelp),
    ("q", KeyAction::Quit),
];

/// The keys of the tabs in tab-bar order ([`crate::model::TabId`]): `1` for the first, … `9`.
const TAB_DIGITS: [&str; 9] = ["1", "2", "3", "4", "5", "6", "7", "8", "9"];

/// Every binding apidex starts with: [`DEFAULT_BINDINGS`], then a digit for each tab in
/// [`KeyAction::TABS`] order (the first nine): `4` is Live, and a new source gets the next
/// digit without moving any other.
pub fn default_bindings() -> impl Iterator<Item = (&'static str, KeyAction)> {
    DEFAULT_BINDINGS
        .iter()
        .copied()
        .chain(TAB_DIGITS.into_iter().zip(KeyAction::TABS))
}

/// Maps a terminal event to a message through `keymap`, given where the focus is. `None`:
/// nothing to do.
pub fn to_msg(keymap: &Keymap, app: &App, event: &Event) -> Option<Msg> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => key_to_msg(keymap, app, key),
        Event::Mouse(mouse) => mouse_to_msg(*mouse),
        Event::Resize(..) => Some(Msg::Resize),
        // With bracketed paste on, a paste is one event: one edit, not a key per character. The
        // JSON view's prompts take it first, then the search box.
        Event::Paste(text) if app.explorer.is_active() => json::paste_to_msg(app, text),
        Event::Paste(text) if app.live.shown && app.live.prompt.is_some() && !app.help => {
            Some(Msg::Live(crate::msg::LiveMsg::Paste(text.clone())))
        }
        Event::Paste(text) if app.typing() => Some(Msg::SearchPaste(text.clone())),
        _ => None,
    }
}

fn key_to_msg(keymap: &Keymap, app: &App, event: &KeyEvent) -> Option<Msg> {
    let key = Key::from_event(event);
    // Always a way out, whatever the bindings.
    if key == Key::new(KeyCode::Char('c'), KeyModifiers::CONTROL) {
        return Some(Msg::Quit);
    }
    // The JSON view and the `o` prompt have their own keys (#14).
    // The help and the request overlay take the browser's keys (Esc closes them, `i` too).
    if app.explorer.is_active() && !app.help && !app.request.open {
        return json::key_to_msg(keymap, app, key);
    }
    // The Live tab has its own keys (#15), over the browser's.
    if app.live.shown && !app.help {
        return live::key_to_msg(keymap, app, key);
    }
    // While the help overlay is open, keys are commands (so `?` and Esc close it).
    let typing = app.typing();
    if typing {
        // Typing goes to the search box first.
        if let KeyCode::Char(c) = key.code
            && key.is_text()
        {
            return Some(Msg::SearchInput(c));
        }
        // Backspace edits the box (`Key::edits_search`: no binding can take it there).
        if key.edits_search() {
            return Some(Msg::SearchBackspace);
        }
        // Moving the cursor keeps a selected query (right after `/`) to edit — unless the
        // config file gave the key something to do while typing.
        let bound = keymap.action(key, true).is_some();
        let moves = matches!(
            key.code,
            KeyCode::End | KeyCode::Home | KeyCode::Left | KeyCode::Right
        ) && key.modifiers.is_empty();
        let readline =
            matches!(key.code, KeyCode::Char('a' | 'e')) && key.modifiers == KeyModifiers::CONTROL;
        if (moves || readline) && !bound {
            return Some(Msg::SearchEdit);
        }
    }
    let action = keymap.action(key, typing)?;
    action.applies(typing).then(|| action.msg())
}

fn mouse_to_msg(mouse: MouseEvent) -> Option<Msg> {
    let (x, y) = (mouse.column, mouse.row);
    match mouse.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Msg::Click { x, y }),
        MouseEventKind::ScrollDown => Some(Msg::Wheel {
            x,
            y,
            delta: WHEEL_ROWS,
        }),
        MouseEventKind::ScrollUp => Some(Msg::Wheel {
            x,
            y,
            delta: -WHEEL_ROWS,
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_parses_and_lands_in_its_modes() {
        let keymap = Keymap::default();
        for table in [keymap.bindings(), keymap.search_bindings()] {
            let mut keys: Vec<Key> = table.iter().map(|(k, _)| *k).collect();
            keys.sort_by_key(ToString::to_string);
            keys.dedup();
            assert_eq!(keys.len(), table.len(), "a key bound twice in one mode");
        }
        for (spelled, action) in default_bindings() {
            let key: Key = spelled.parse().expect("parses");
            let browsing = keymap.bindings().contains(&(key, action));
            let typing = keymap.search_bindings().contains(&(key, action));
            assert_eq!(browsing, action.applies(false), "{spelled} while browsing");
            assert_eq!(
                typing,
                action.applies(true) && !key.edits_search(),
                "{spelled} typing"
            );
        }
    }

    #[test]
    fn a_key_rebound_for_browsing_keeps_its_job_while_typing() {
        let ctrl_u = Key::new(KeyCode::Char('u'), KeyModifiers::CONTROL);
        let mut keymap = Keymap::default();
        // The README's own example.
        keymap.bind("ctrl-u", "page_up").expect("binds");
        assert_eq!(keymap.action(ctrl_u, false), Some(KeyAction::PageUp));
        assert_eq!(keymap.action(ctrl_u, true), Some(KeyAction::SearchClear));
        // A key with no job of its own while typing takes the action in both modes.
        let f2 = Key::new(KeyCode::F(2), KeyModifiers::NONE);
        keymap.bind("f2", "toggle_help").expect("binds");
        assert_eq!(keymap.action(f2, true), Some(KeyAction::ToggleHelp));
        // `[search_keys]` rebinds while typing only.
        keymap.bind_search("f2", "none").expect("unbinds");
        assert_eq!(keymap.action(f2, true), None);
        assert_eq!(keymap.action(f2, false), Some(KeyAction::ToggleHelp));
        keymap.bind_search("ctrl-u", "page_up").expect("binds");
        assert_eq!(keymap.action(ctrl_u, true), Some(KeyAction::PageUp));
        // A typing-only action bound in `[keys]` changes nothing while browsing.
        let ctrl_k = Key::new(KeyCode::Char('k'), KeyModifiers::CONTROL);
        keymap.bind("ctrl-k", "search_clear").expect("binds");
        assert_eq!(keymap.action(ctrl_k, true), Some(KeyAction::SearchClear));
        assert_eq!(keymap.action(ctrl_k, false), None);
        let before = keymap.clone();
        assert!(keymap.bind_search("j", "quit").is_err(), "text types");
        assert!(
            keymap.bind_search("f3", "first").is_err(),
            "not while typing"
        );
        assert!(keymap.bind_search("ctrl-c", "quit").is_err());
        assert_eq!(keymap, before);
        // "none" in `[keys]` unbinds in both modes.
        keymap.bind("ctrl-u", "none").expect("unbinds");
        assert_eq!(keymap.action(ctrl_u, false), None);
        assert_eq!(keymap.action(ctrl_u, true), None);
    }

    #[test]
    fn bind_replaces_adds_and_removes() {
        let mut keymap = Keymap::default();
        let j = Key::new(KeyCode::Char('j'), KeyModifiers::NONE);
        keymap.bind("j", "page_down").expect("binds");
        assert_eq!(keymap.action(j, false), Some(KeyAction::PageDown));
        keymap.bind("ctrl-d", "page_down").expect("binds");
        assert_eq!(
            keymap.action(Key::new(KeyCode::Char('d'), KeyModifiers::CONTROL), false),
            Some(KeyAction::PageDown)
        );
        keymap.bind("j", "none").expect("unbinds");
        assert_eq!(keymap.action(j, false), None);
        let before = keymap.clone();
        assert!(keymap.bind("j", "frobnicate").is_err());
        assert!(keymap.bind("hyper-j", "quit").is_err());
        assert!(keymap.bind("ctrl-c", "retry").is_err());
        assert_eq!(keymap, before);
    }

    #[test]
    fn shift_falls_back_for_named_keys() {
        let keymap = Keymap::default();
        let shift_down = Key::new(KeyCode::Down, KeyModifiers::SHIFT);
        assert_eq!(
            keymap.action(shift_down, false),
            Some(KeyAction::SelectNext)
        );
    }

    #[test]
    fn hints_use_the_first_usable_key() {
        let keymap = Keymap::default();
        let links = &[KeyAction::SelectPrev, KeyAction::SelectNext];
        assert_eq!(
            keymap.hint(links, "links", false).as_deref(),
            Some("↑↓ links")
        );
        assert_eq!(
            keymap
                .hint(&[KeyAction::HistoryBack], "back", false)
                .as_deref(),
            Some("Bksp back")
        );
        assert_eq!(keymap.hint(&[KeyAction::Quit], "quit", true), None);
        assert_eq!(
            keymap.hint(&[KeyAction::First], "first", true),
            None,
            "not while typing"
        );
    }
}
