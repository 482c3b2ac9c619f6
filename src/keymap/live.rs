//! Keys in the Live tab (#15). `p` (pause), `S` (send), `c` (clear) and `o` (open a stream)
//! are fixed, like the JSON explorer's; movement, `/`, Enter, Esc, the tabs, help and quit are
//! the browser's bindings. Keys that mean something only in the other tabs do nothing here.

use crossterm::event::{KeyCode, KeyModifiers};

use super::{Key, KeyAction};
use crate::app::App;
use crate::msg::{LiveMsg, Msg};

/// What `key` does in the Live tab (`None`: nothing).
pub fn key_to_msg(keymap: &super::Keymap, app: &App, key: Key) -> Option<Msg> {
    let plain = key.modifiers.difference(KeyModifiers::SHIFT).is_empty();
    if app.live.prompt.is_some() {
        return Some(Msg::Live(match key.code {
            // Like the search box: the key bound to `search_clear` while typing empties it,
            // checked first so that a bound Alt-Backspace (or Esc) clears here too.
            _ if keymap.clears(key) => LiveMsg::ClearInput,
            KeyCode::Char(c) if plain => LiveMsg::Input(c),
            KeyCode::Backspace => LiveMsg::Backspace,
            KeyCode::Enter => LiveMsg::Submit,
            KeyCode::Esc => LiveMsg::Cancel,
            _ => return None,
        }));
    }
    if let Some(msg) = fixed(key) {
        return Some(Msg::Live(msg));
    }
    let action = keymap.action(key, false)?;
    Some(match action {
        KeyAction::SelectNext => Msg::Live(LiveMsg::Move(1)),
        KeyAction::SelectPrev => Msg::Live(LiveMsg::Move(-1)),
        KeyAction::PageDown => Msg::Live(LiveMsg::Page(1)),
        KeyAction::PageUp => Msg::Live(LiveMsg::Page(-1)),
        KeyAction::First => Msg::Live(LiveMsg::Top),
        KeyAction::Last => Msg::Live(LiveMsg::Bottom),
        KeyAction::FocusSearch => Msg::Live(LiveMsg::StartFilter),
        KeyAction::Confirm | KeyAction::FocusDetail | KeyAction::ToggleJson => {
            Msg::Live(LiveMsg::OpenSelected)
        }
        KeyAction::Back => Msg::Live(LiveMsg::Cancel),
        // Every tab key, from [`KeyAction::TABS`]: a new source's key works here too.
        tab if KeyAction::TABS.contains(&tab) => action.msg(),
        KeyAction::NextTab | KeyAction::PrevTab | KeyAction::ToggleHelp | KeyAction::Quit => {
            action.msg()
        }
        _ => return None,
    })
}

/// The tab's own keys, which go before the keymap's.
fn fixed(key: Key) -> Option<LiveMsg> {
    let plain = key.modifiers.difference(KeyModifiers::SHIFT).is_empty();
    match key.code {
        KeyCode::Char('p') if plain => Some(LiveMsg::TogglePause),
        KeyCode::Char('S') if plain => Some(LiveMsg::StartSend),
        KeyCode::Char('c') if plain => Some(LiveMsg::Clear),
        KeyCode::Char('o') if plain => Some(LiveMsg::StartOpen),
        _ => None,
    }
}

impl super::Keymap {
    /// The first key that runs `action` in the Live tab, as the help writes it: bound to it
    /// while browsing and not one of the tab's own keys. `None`: no key does it there.
    pub fn live_label(&self, action: KeyAction) -> Option<String> {
        self.label_unless(action, |key| fixed(key).is_some())
    }
}
