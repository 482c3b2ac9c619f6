//! Keys and mouse events to messages, and the table the help overlay is drawn from.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use crate::app::source::Source;
use crate::app::{App, Focus};
use crate::msg::Msg;

/// Rows the mouse wheel scrolls per notch.
const WHEEL_ROWS: isize = 3;

/// Every key binding, as the help overlay lists them: keys and what they do.
pub const BINDINGS: &[(&str, &str)] = &[
    (
        "↑ ↓  j k",
        "move the selection · in the detail pane: walk its links",
    ),
    ("PgUp PgDn", "move or scroll by a page"),
    ("g G  Home End", "first / last"),
    ("← →  h l", "focus the list / the detail pane"),
    (
        "Enter",
        "open the selection, a link, a batch item · fetch marked items",
    ),
    ("Backspace  Alt-←", "back to the previous page"),
    ("Alt-→", "forward again"),
    (
        "/",
        "search: type to filter; Enter opens the best match or fetches what you typed",
    ),
    (
        "  type:water gen:1 dex:1-151",
        "search terms in the Pokémon list, with free text",
    ),
    (
        "Esc",
        "leave search / detail · clear marks · close the batch or compare view",
    ),
    (
        "Space",
        "mark or unmark (then Enter fetches all marked together)",
    ),
    ("a", "mark every item shown"),
    ("c", "compare 2–6 marked Pokémon side by side"),
    ("s", "shiny sprites on / off"),
    ("n", "another random photo of the breed"),
    ("r", "retry what failed (list, detail, batch items)"),
    ("b", "bookmark the item shown (again: remove)"),
    (
        "B  H",
        "bookmarks · recently opened items (Enter opens, Esc closes)",
    ),
    (
        "e",
        "export the item shown, the marked or the batch items as JSON",
    ),
    (
        "Ctrl-P Ctrl-N",
        "in the search box: recall earlier searches",
    ),
    ("Tab  Shift-Tab", "next / previous source"),
    ("1 2 3", "Pokémon / Posts / Dogs"),
    ("mouse", "click selects · wheel scrolls"),
    ("?", "this help"),
    ("q  Ctrl-C", "quit"),
];

/// Maps a terminal event to a message, given where the focus is. `None`: nothing to do.
pub fn to_msg(app: &App, event: &Event) -> Option<Msg> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => key_to_msg(app, key),
        Event::Mouse(mouse) => mouse_to_msg(*mouse),
        Event::Resize(..) => Some(Msg::Resize),
        _ => None,
    }
}

fn key_to_msg(app: &App, key: &KeyEvent) -> Option<Msg> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && matches!(key.code, KeyCode::Char('c')) {
        return Some(Msg::Quit);
    }
    if key.modifiers.contains(KeyModifiers::ALT) {
        return match key.code {
            KeyCode::Left => Some(Msg::HistoryBack),
            KeyCode::Right => Some(Msg::HistoryForward),
            _ => None,
        };
    }
    if let Some(msg) = common_key(key) {
        return Some(msg);
    }
    if app.focus == Focus::Search && !app.help {
        return search_key(key, ctrl);
    }
    if ctrl {
        return None;
    }
    Some(match key.code {
        KeyCode::Char('q') => Msg::Quit,
        KeyCode::Char('?') => Msg::ToggleHelp,
        KeyCode::Char('j') => Msg::Move(1),
        KeyCode::Char('k') => Msg::Move(-1),
        KeyCode::Char('g') | KeyCode::Home => Msg::Top,
        KeyCode::Char('G') | KeyCode::End => Msg::Bottom,
        KeyCode::Char('h') | KeyCode::Left => Msg::FocusList,
        KeyCode::Char('l') | KeyCode::Right => Msg::FocusDetail,
        KeyCode::Char('/') => Msg::FocusSearch,
        KeyCode::Char(' ') => Msg::ToggleMark,
        KeyCode::Char('a') => Msg::MarkAll,
        KeyCode::Char('r') => Msg::Retry,
        KeyCode::Char('c') => Msg::Compare,
        KeyCode::Char('s') => Msg::ToggleShiny,
        KeyCode::Char('n') => Msg::AnotherPhoto,
        KeyCode::Char('b') => Msg::ToggleBookmark,
        KeyCode::Char('B') => Msg::ShowBookmarks,
        KeyCode::Char('H') => Msg::ShowHistory,
        KeyCode::Char('e') => Msg::Export,
        KeyCode::Backspace => Msg::HistoryBack,
        KeyCode::Char('1') => Msg::SelectTab(Source::Pokemon),
        KeyCode::Char('2') => Msg::SelectTab(Source::Posts),
        KeyCode::Char('3') => Msg::SelectTab(Source::Dogs),
        _ => return None,
    })
}

/// Keys that mean the same in every focus.
fn common_key(key: &KeyEvent) -> Option<Msg> {
    Some(match key.code {
        KeyCode::Up => Msg::Move(-1),
        KeyCode::Down => Msg::Move(1),
        KeyCode::PageUp => Msg::Page(-1),
        KeyCode::PageDown => Msg::Page(1),
        KeyCode::Tab => Msg::NextTab,
        KeyCode::BackTab => Msg::PrevTab,
        KeyCode::Enter => Msg::Confirm,
        KeyCode::Esc => Msg::Back,
        _ => return None,
    })
}

fn search_key(key: &KeyEvent, ctrl: bool) -> Option<Msg> {
    match key.code {
        KeyCode::Char('u') if ctrl => Some(Msg::SearchClear),
        KeyCode::Char('p') if ctrl => Some(Msg::SearchRecall(1)),
        KeyCode::Char('n') if ctrl => Some(Msg::SearchRecall(-1)),
        KeyCode::Char(_) if ctrl || key.modifiers.contains(KeyModifiers::ALT) => None,
        KeyCode::Char(c) => Some(Msg::SearchInput(c)),
        KeyCode::Backspace => Some(Msg::SearchBackspace),
        _ => None,
    }
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
