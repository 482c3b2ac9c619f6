//! Keys in the JSON explorer (#14): the JSON view, its search and filter boxes and the `o`
//! prompt. These keys are fixed (the contract, listed in the help and the README);
//! the config file's `[keys]` rebind the browser's keys, and `v` and `o` themselves.

use crossterm::event::{KeyCode, KeyModifiers};

use super::Key;
use crate::app::App;
use crate::app::json_view::Pending;
use crate::msg::{CopyWhat, JsonMsg, Msg};

/// What `key` does while the explorer has the keys (`None`: nothing).
pub fn key_to_msg(app: &App, key: Key) -> Option<Msg> {
    let explorer = &app.explorer;
    let typing = explorer.prompt.is_some()
        || explorer.view.as_ref().is_some_and(|v| {
            v.search.as_ref().is_some_and(|s| s.editing)
                || v.filter.as_ref().is_some_and(|f| f.editing)
        });
    let plain = key.modifiers.difference(KeyModifiers::SHIFT).is_empty();
    if typing {
        return Some(Msg::Json(match key.code {
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
        KeyCode::Char('v') => Msg::Json(JsonMsg::Toggle),
        KeyCode::Char('o') => Msg::Json(JsonMsg::OpenPrompt),
        KeyCode::Enter => Msg::Json(JsonMsg::Submit),
        KeyCode::Esc => Msg::Json(JsonMsg::Cancel),
        KeyCode::Backspace => Msg::Json(JsonMsg::Back),
        KeyCode::Char('q') => Msg::Quit,
        KeyCode::Char('?') => Msg::ToggleHelp,
        // The view's URL in the system browser, as on any page.
        KeyCode::Char('O') => Msg::OpenPage,
        // The request the view's body came with, as on any page.
        KeyCode::Char('i') => Msg::ShowRequest,
        // Refreshes the body shown, as `r` does any page.
        KeyCode::Char('r') => Msg::Retry,
        _ => return None,
    })
}

/// Pasted text (bracketed paste), for the box being typed in.
pub fn paste_to_msg(app: &App, text: &str) -> Option<Msg> {
    app.explorer
        .is_active()
        .then(|| Msg::Json(JsonMsg::Paste(text.to_owned())))
}
