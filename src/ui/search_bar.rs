//! The search line: the query with a cursor while typing, and how many rows match.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::Focus;
use crate::keymap::KeyAction;
use crate::ui::Screen;

/// Draws ` / query▏   12 of 1351`.
pub fn render(frame: &mut Frame, app: &Screen<'_>, area: Rect) {
    let theme = app.theme;
    let list = &app.tab().list;
    let typing = app.focus == Focus::Search;
    let mut spans = vec![Span::styled(" / ", theme.border(typing))];
    if list.query.is_empty() && !typing {
        spans.push(Span::styled("press / to search", theme.dim()));
    } else {
        // What was typed (or pasted) may hold controls: shown escaped, like API text.
        let query = crate::sanitize::line(&list.query).into_owned();
        // Selected (right after `/`): typing replaces it.
        if typing && list.query_selected {
            spans.push(Span::styled(query, theme.selected_link()));
        } else {
            spans.push(Span::raw(query));
        }
        if typing {
            spans.push(Span::styled("▏", theme.border(true)));
        }
    }
    let total = list.all().len();
    if total > 0 && !list.query.is_empty() {
        spans.push(Span::styled(
            format!("   {} of {total}", list.shown.len()),
            theme.dim(),
        ));
    }
    // While a term loads there are no matches yet, but Enter will not fetch the text.
    if typing
        && !list.query.is_empty()
        && list.shown.is_empty()
        && list.pending_term.is_none()
        && let Some(enter) = app.keymap.label(KeyAction::Confirm, true)
    {
        spans.push(Span::styled(format!("   {enter} fetches it"), theme.dim()));
    }
    frame.render_widget(Line::from(spans), area);
}
