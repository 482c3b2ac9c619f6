//! Keys in the JSON explorer (#14): the JSON view, its search and filter boxes and the `o`
//! prompt. Moving, folding, searching and copying are fixed keys (the contract, listed
//! in the help and the README); what the view shares with every page — quit, the help, `v`
//! itself, `o`, `O`, `i`, `r` — goes through the keymap, so a key rebound or unbound in `[keys]`
//! is rebound or unbound here too.

use crossterm::event::{KeyCode, KeyModifiers};

use super::{Key, KeyAction, Keymap};
use crate::app::App;
use crate::app::json_view::Pending;
use crate::msg::{CopyWhat, JsonMsg, Msg};

/// What `key` does while the explorer has the keys (`None`: nothing).
pub fn key_to_msg(keymap: &Keymap, app: &App, key: Key) -> Option<Msg> {
    let explorer = &app.explorer;
    let typing = explorer.prompt.is_some()
        || explorer.view.as_ref().is_some_and(|v| {
            v.search.as_ref().is_some_and(|s| s.editing)
                || v.filter.as_ref().is_some_and(|f| f.editing)
        });
    let plain = key.modifiers.difference(KeyModifiers::SHIFT).is_empty();
    if typing {
        return Some(Msg::Json(match key.code {
            // Like the search box: the key bound to `search_clear` while typing empties it,
            // checked first so that a bound Alt-Backspace (or Esc) clears here too.
            _ if keymap.clears(key) => JsonMsg::ClearInput,
            KeyCode::Char(c) if plain => JsonMsg::Input(c),
            KeyCode::Backspace => JsonMsg::Backspace,
            KeyCode::Enter => JsonMsg::Submit,
            KeyCode::Esc => JsonMsg::Cancel,
            _ => return None,
        }));
    }
    let pending = explorer.view.as_ref().map_or(Pending::None, |v| v.pending);
    if let (Pending::Z, KeyCode::Char(c @ ('M' | 'R'))) = (pending, key.code) {
        return Some(Msg::Json(JsonMsg::FoldAll(c == 'M')));
    }
    if let (Pending::Copy, KeyCode::Char(c)) = (pending, key.code) {
        let what = match c {
            'y' => Some(CopyWhat::Value),
            'u' => Some(CopyWhat::Url),
            'p' => Some(CopyWhat::Path),
            'j' => Some(CopyWhat::Json),
            'c' => Some(CopyWhat::Curl),
            _ => None,
        };
        if let Some(what) = what {
            return Some(Msg::Json(JsonMsg::Copy(what)));
        }
    }
    fixed(key).or_else(|| shared(keymap.action(key, false)?))
}

/// What the view's own keys do (outside its prompts and two-key commands).
fn fixed(key: Key) -> Option<Msg> {
    let plain = key.modifiers.difference(KeyModifiers::SHIFT).is_empty();
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    Some(match key.code {
        KeyCode::Left if alt => Msg::Json(JsonMsg::Back),
        KeyCode::Right if alt => Msg::Json(JsonMsg::Forward),
        KeyCode::Char('d') if ctrl => Msg::Json(JsonMsg::Page(1)),
        KeyCode::Char('u') if ctrl => Msg::Json(JsonMsg::Page(-1)),
        _ if !plain => return None,
        KeyCode::Down | KeyCode::Char('j') => Msg::Json(JsonMsg::Move(1)),
        KeyCode::Up | KeyCode::Char('k') => Msg::Json(JsonMsg::Move(-1)),
        KeyCode::PageDown => Msg::Json(JsonMsg::Page(1)),
        KeyCode::PageUp => Msg::Json(JsonMsg::Page(-1)),
        KeyCode::Home | KeyCode::Char('g') => Msg::Json(JsonMsg::Top),
        KeyCode::End | KeyCode::Char('G') => Msg::Json(JsonMsg::Bottom),
        KeyCode::Right | KeyCode::Char('l') => Msg::Json(JsonMsg::Unfold),
        KeyCode::Left | KeyCode::Char('h') => Msg::Json(JsonMsg::Fold),
        KeyCode::Char(' ') => Msg::Json(JsonMsg::ToggleFold),
        KeyCode::Char('z') => Msg::Json(JsonMsg::PendingZ),
        KeyCode::Char('/') => Msg::Json(JsonMsg::StartSearch),
        KeyCode::Char('|') => Msg::Json(JsonMsg::StartFilter),
        KeyCode::Char('n') => Msg::Json(JsonMsg::NextMatch(1)),
        KeyCode::Char('N') => Msg::Json(JsonMsg::NextMatch(-1)),
        KeyCode::Char('y') => Msg::Json(JsonMsg::CopyMenu),
        KeyCode::Enter => Msg::Json(JsonMsg::Submit),
        KeyCode::Esc => Msg::Json(JsonMsg::Cancel),
        KeyCode::Backspace => Msg::Json(JsonMsg::Back),
        _ => return None,
    })
}

/// What the view does for a browser action bound to a key that is not one of its own.
fn shared(action: KeyAction) -> Option<Msg> {
    match action {
        KeyAction::ToggleJson
        | KeyAction::OpenUrl
        | KeyAction::Quit
        | KeyAction::ToggleHelp
        // The view's URL in the system browser, the request its body came with, and a
        // refresh of it, as on any page.
        | KeyAction::OpenInBrowser
        | KeyAction::ShowRequest
        | KeyAction::Retry => Some(action.msg()),
        _ => None,
    }
}

impl Keymap {
    /// The first key that runs `action` in the JSON view, as the help writes it: bound to it
    /// while browsing and not one of the view's own keys. `None`: no key does it there.
    pub fn json_label(&self, action: KeyAction) -> Option<String> {
        self.label_unless(action, |key| fixed(key).is_some())
    }
}

/// Pasted text (bracketed paste), for the box being typed in.
pub fn paste_to_msg(app: &App, text: &str) -> Option<Msg> {
    app.explorer
        .is_active()
        .then(|| Msg::Json(JsonMsg::Paste(text.to_owned())))
}
