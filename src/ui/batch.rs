//! The batch view: a progress gauge and each marked item's state, as they arrive.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Gauge, List, ListItem};

use super::status_bar::SPINNER;
use crate::app::App;
use crate::app::Focus;
use crate::app::loadable::worth_retrying;
use crate::app::tab::BatchStatus;
use crate::keymap::KeyAction;
use crate::ui::Screen;

/// Draws the active tab's batch in the list area.
pub fn render(frame: &mut Frame, app: &mut Screen<'_>, area: Rect) {
    let theme = app.theme;
    let focused = app.focus == Focus::List;
    let spinner = SPINNER[app.spinner % SPINNER.len()];
    let retries = app.key_hint(KeyAction::Retry, "retries");
    let app: &mut App = app;
    let Some(batch) = &mut app.tabs[app.active.index()].batch else {
        return;
    };
    let total = batch.items.len();
    let finished = batch.finished();
    let failed = batch
        .items
        .iter()
        .filter(|i| matches!(i.status, BatchStatus::Failed(_)))
        .count();
    let retryable = batch
        .items
        .iter()
        .any(|i| matches!(&i.status, BatchStatus::Failed(err) if worth_retrying(err)));
    let block = Block::bordered()
        .title(format!(" batch · {finished} of {total} "))
        .border_style(theme.border(focused));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [gauge_area, list_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);

    let ratio = if total == 0 {
        1.0
    } else {
        // Counts are small; the conversion to f64 is exact.
        #[allow(clippy::cast_precision_loss)]
        let ratio = finished as f64 / total as f64;
        ratio
    };
    let label = if failed > 0
        && retryable
        && let Some(retries) = retries
    {
        format!("{finished}/{total} · {failed} failed ({retries})")
    } else if failed > 0 {
        format!("{finished}/{total} · {failed} failed")
    } else {
        format!("{finished}/{total}")
    };
    frame.render_widget(
        Gauge::default()
            .ratio(ratio)
            .label(label)
            .gauge_style(theme.border(true)),
        gauge_area,
    );

    let selected = batch.state.selected();
    let items: Vec<ListItem> = batch
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            // Dim text on the selected row would vanish into the selection's colour.
            let dim = if selected == Some(i) {
                theme.on_selection()
            } else {
                theme.dim()
            };
            let (mark, style, text) = match &item.status {
                BatchStatus::Queued => ("·", dim, "queued".to_owned()),
                BatchStatus::InFlight => (
                    spinner,
                    theme.border(true),
                    format!("fetching…{}", super::detail::retry_note(item.retry)),
                ),
                BatchStatus::Done(summary) => ("✓", theme.ok(), summary.clone()),
                BatchStatus::NotFound => ("?", theme.error(), "not found".to_owned()),
                BatchStatus::Failed(err) => (
                    "✗",
                    theme.error(),
                    // The reason first: a narrow row still shows it; the URL comes after (once:
                    // not `HTTP 500 — HTTP 500 from …`).
                    format!("{} — {}", err.brief(), err.beyond_brief()),
                ),
            };
            ListItem::new(Line::from(vec![
                Span::styled(format!(" {mark} "), style),
                Span::raw(format!("{}  ", item.label)),
                Span::styled(
                    text,
                    if item.status.is_finished() {
                        style
                    } else {
                        dim
                    },
                ),
            ]))
        })
        .collect();
    frame.render_stateful_widget(
        List::new(items).highlight_style(theme.selected()),
        list_area,
        &mut batch.state,
    );
}
