//! The bookmarks and history view, drawn in the list's place.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, Paragraph, Wrap};

use crate::app::App;
use crate::app::loadable::Loadable;
use crate::app::saved::SavedView;
use crate::keymap::{KeyAction, Keymap};
use crate::model::ItemKey;
use crate::model::SavedKind;
use crate::ui::Screen;

/// The view's title: its name and count (the keys are in the status bar, from the keymap).
fn title(view: &SavedView, count: usize) -> String {
    format!(" {} ({count}) ", view.kind.title())
}

/// After the clear key, the question, from the keymap: `clear all 12? X again clears them`.
fn question(keymap: &Keymap, count: usize) -> String {
    let again = keymap
        .hint(&[KeyAction::ClearHistory], "again clears them", false)
        .unwrap_or_default();
    format!("Clear all {count} from history? {again} · any other key keeps them")
}

/// Draws the open saved view over `area`.
pub fn render(frame: &mut Frame, app: &mut Screen<'_>, area: Rect) {
    let theme = app.theme;
    let keymap = app.keymap;
    let app: &mut App = app;
    let Some(view) = &mut app.saved.view else {
        return;
    };
    let count = view.items.loaded().map_or(0, Vec::len);
    let block = Block::bordered()
        .title(title(view, count))
        .border_style(theme.border(true));
    let items = match &view.items {
        Loadable::Loaded(items) if items.is_empty() => {
            let hint = match view.kind {
                SavedKind::Bookmarks => {
                    let how = keymap
                        .hint(
                            &[KeyAction::ToggleBookmark],
                            "bookmarks the item shown",
                            false,
                        )
                        .map_or_else(String::new, |h| format!(" — {h}"));
                    format!("no bookmarks yet{how}")
                }
                SavedKind::History => "nothing opened yet".to_owned(),
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
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // The question takes the top rows (wrapped: it must be read whole), the list the rest.
    let list_area = if view.confirm_clear {
        let question = Paragraph::new(Line::styled(question(keymap, count), theme.error()))
            .wrap(Wrap { trim: true });
        let height = u16::try_from(question.line_count(inner.width))
            .unwrap_or(u16::MAX)
            .min(inner.height);
        let [top, rest] =
            Layout::vertical([Constraint::Length(height), Constraint::Min(0)]).areas(inner);
        frame.render_widget(question, top);
        rest
    } else {
        inner
    };
    frame.render_stateful_widget(
        List::new(rows).highlight_style(theme.selected()),
        list_area,
        &mut view.state,
    );
}
