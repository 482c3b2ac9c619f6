//! The bookmarks and history view, drawn in the list's place.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, Paragraph};

use crate::app::App;
use crate::app::loadable::Loadable;
use crate::app::source::ItemKey;

/// Draws the open saved view over `area`.
pub fn render(frame: &mut Frame, app: &mut App, area: Rect) {
    let theme = app.theme;
    let Some(view) = &mut app.saved.view else {
        return;
    };
    let count = view.items.loaded().map_or(0, Vec::len);
    let block = Block::bordered()
        .title(format!(
            " {} ({count}) · Enter opens · Esc closes ",
            view.kind.title()
        ))
        .border_style(theme.border(true));
    let items = match &view.items {
        Loadable::Loaded(items) if items.is_empty() => {
            let hint = match view.kind {
                crate::app::saved::SavedKind::Bookmarks => {
                    "no bookmarks yet — b bookmarks the item shown"
                }
                crate::app::saved::SavedKind::History => "nothing opened yet",
            };
            frame.render_widget(
                Paragraph::new(Line::styled(hint, theme.dim())).block(block),
                area,
            );
            return;
        }
        Loadable::Loaded(items) => items,
        Loadable::Failed(err) => {
            frame.render_widget(
                Paragraph::new(Line::styled(format!("✗ {err}"), theme.error())).block(block),
                area,
            );
            return;
        }
        _ => {
            frame.render_widget(
                Paragraph::new(Line::styled("reading…", theme.dim())).block(block),
                area,
            );
            return;
        }
    };
    let selected = view.state.selected();
    let rows: Vec<ListItem> = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            // The label is stored text: shown through the sanitiser like anything else.
            let source = ItemKey::from_stored(&item.key).map_or("?", |k| k.source().title());
            // Dim text on the selected row would vanish into the selection's colour.
            let dim = if selected == Some(i) {
                theme.on_selection()
            } else {
                theme.dim()
            };
            ListItem::new(Line::from(vec![
                Span::styled(format!(" {source:<8} "), dim),
                Span::raw(crate::sanitize::line(&item.label).into_owned()),
            ]))
        })
        .collect();
    frame.render_stateful_widget(
        List::new(rows)
            .block(block)
            .highlight_style(theme.selected()),
        area,
        &mut view.state,
    );
}
