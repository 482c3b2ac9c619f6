//! Keys and mouse events to messages, through a [`Keymap`]: today's bindings, with the config
//! file's `[keys]` table on top. The help overlay and the status bar's hints are generated from
//! the same keymap, so they always show the keys that actually work.

mod action;
mod help;
mod json;
mod key;
mod live;

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

pub use self::action::{KeyAction, Scope};
pub use self::help::{HELP, HelpKeys, HelpRow};
pub use self::key::{Key, KeyParseError};
use crate::app::{App, Focus};
use crate::msg::Msg;

/// Rows the mouse wheel scrolls per notch.
const WHEEL_ROWS: isize = 3;

/// The bindings apidex starts with, in the order the help lists a key's alternatives. Ctrl-C
/// is not among them: it always quits, whatever the config says.
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
    ("1", KeyAction::TabPokemon),
    ("2", KeyAction::TabPosts),
    ("3", KeyAction::TabDogs),
    ("4", KeyAction::TabLive),
    ("?", KeyAction::ToggleHelp),
    ("q", KeyAction::Quit),
];

/// The value that removes a default binding in the config file (`"c" = "none"`).
pub const UNBIND: &str = "none";

/// Which key does what. Starts as [`DEFAULT_BINDINGS`]; [`Keymap::bind`] replaces the binding
/// of one key (the config file's `[keys]` entries, one by one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    /// Keys and their actions, in the order the help lists alternatives. One entry per key.
    bindings: Vec<(Key, KeyAction)>,
}

impl Default for Keymap {
    fn default() -> Self {
        let bindings = DEFAULT_BINDINGS
            .iter()
            .filter_map(|(key, action)| Some((key.parse().ok()?, *action)))
            .collect();
        Self { bindings }
    }
}

impl Keymap {
    /// Binds `key` (config spelling, e.g. `"ctrl-d"`) to the action named `action` (e.g.
    /// `"page_down"`), replacing what the key did; [`UNBIND`] removes the key's binding.
    ///
    /// # Errors
    /// A one-line reason when the key or the action name is unknown; the keymap is unchanged.
    pub fn bind(&mut self, key: &str, action: &str) -> Result<(), String> {
        let parsed: Key = key.parse().map_err(|e: KeyParseError| e.to_string())?;
        if parsed == Key::new(KeyCode::Char('c'), KeyModifiers::CONTROL) {
            return Err("ctrl-c always quits and cannot be rebound".to_owned());
        }
        if action.trim() == UNBIND {
            self.bindings.retain(|(k, _)| *k != parsed);
            return Ok(());
        }
        let action = KeyAction::from_name(action).ok_or_else(|| {
            format!("unknown action {action:?} for key {key:?} (the README lists the actions)")
        })?;
        match self.bindings.iter_mut().find(|(k, _)| *k == parsed) {
            Some(binding) => binding.1 = action,
            None => self.bindings.push((parsed, action)),
        }
        Ok(())
    }

    /// What `key` does. A key with Shift held (other than a character) that is not bound itself
    /// does what it does without Shift.
    pub fn action(&self, key: Key) -> Option<KeyAction> {
        let find = |key: Key| {
            self.bindings
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, action)| *action)
        };
        find(key).or_else(|| key.without_shift().and_then(find))
    }

    /// Every binding, in the order the help lists them.
    pub fn bindings(&self) -> &[(Key, KeyAction)] {
        &self.bindings
    }

    /// The keys bound to `action`, in order.
    pub fn keys_for(&self, action: KeyAction) -> impl Iterator<Item = Key> + '_ {
        self.bindings
            .iter()
            .filter(move |(_, a)| *a == action)
            .map(|(key, _)| *key)
    }

    /// The first key that runs `action` while typing a search (`typing`) or otherwise: while
    /// typing, characters are text, so only other keys count.
    pub fn first_key(&self, action: KeyAction, typing: bool) -> Option<Key> {
        if !action.applies(typing) {
            return None;
        }
        self.keys_for(action).find(|key| !(typing && key.is_text()))
    }

    /// A status-bar hint such as `↑↓ links`: the first key of each action, then `label`.
    /// `None` when none of the actions has a key.
    pub fn hint(&self, actions: &[KeyAction], label: &str, typing: bool) -> Option<String> {
        let keys: String = actions
            .iter()
            .filter_map(|a| self.first_key(*a, typing))
            .map(Key::short_label)
            .collect();
        (!keys.is_empty()).then(|| format!("{keys} {label}"))
    }
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
        Event::Paste(text) if app.focus == Focus::Search && !app.help => {
            Some(Msg::SearchPaste(text.clone()))
        }
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
        return json::key_to_msg(app, key);
    }
    // The Live tab has its own keys (#15), over the browser's.
    if app.live.shown && !app.help {
        return live::key_to_msg(keymap, app, key);
    }
    // While the help overlay is open, keys are commands (so `?` and Esc close it).
    let typing = app.focus == Focus::Search && !app.help;
    if typing {
        // Typing goes to the search box first.
        if let KeyCode::Char(c) = key.code
            && key.is_text()
        {
            return Some(Msg::SearchInput(c));
        }
        if key.code == KeyCode::Backspace && !key.modifiers.contains(KeyModifiers::ALT) {
            return Some(Msg::SearchBackspace);
        }
        // Moving the cursor keeps a selected query (right after `/`) to edit — unless the
        // config file gave the key something to do while typing.
        let bound = keymap.action(key).is_some_and(|a| a.applies(true));
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
    let action = keymap.action(key)?;
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
    fn every_default_parses_once() {
        let keymap = Keymap::default();
        assert_eq!(keymap.bindings().len(), DEFAULT_BINDINGS.len());
        let mut keys: Vec<String> = keymap
            .bindings()
            .iter()
            .map(|(k, _)| k.to_string())
            .collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), DEFAULT_BINDINGS.len(), "a key bound twice");
    }

    #[test]
    fn bind_replaces_adds_and_removes() {
        let mut keymap = Keymap::default();
        let j = Key::new(KeyCode::Char('j'), KeyModifiers::NONE);
        keymap.bind("j", "page_down").expect("binds");
        assert_eq!(keymap.action(j), Some(KeyAction::PageDown));
        keymap.bind("ctrl-d", "page_down").expect("binds");
        assert_eq!(
            keymap.action(Key::new(KeyCode::Char('d'), KeyModifiers::CONTROL)),
            Some(KeyAction::PageDown)
        );
        keymap.bind("j", "none").expect("unbinds");
        assert_eq!(keymap.action(j), None);
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
        assert_eq!(keymap.action(shift_down), Some(KeyAction::SelectNext));
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
