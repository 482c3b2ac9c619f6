//! The list pane: entries with marks, ids, highlighted matches and secondary text.

use std::fmt::Write;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, Wrap};

use super::fit;
use super::status_bar::SPINNER;
use super::theme::Theme;
use crate::app::Focus;
use crate::app::list::{ListPane, Shown};
use crate::app::loadable::{Loadable, worth_retrying};
use crate::keymap::KeyAction;
use crate::ui::Screen;
use crate::views::ListEntry;

/// Draws the active tab's list.
pub fn render(frame: &mut Frame, app: &mut Screen<'_>, area: Rect) {
    let focused = matches!(app.focus, Focus::List | Focus::Search);
    let theme = app.theme;
    let spinner = SPINNER[app.spinner % SPINNER.len()];
    let source = app.active;
    let retry = super::detail::retry_note(app.tabs[source.index()].list_retry);
    let origin = app.tabs[source.index()].list_origin;
    // A term of the query that could not load: the empty list says so, not "no match".
    // (Looked for only when the list is empty: the query is not parsed on every frame.)
    let failed_term = app.tabs[source.index()]
        .list
        .shown
        .is_empty()
        .then(|| app.failed_term())
        .flatten()
        .map(|why| format!("✗ {}", crate::sanitize::line(&why)));
    // Hints name the keys as bound (before the list is borrowed for its selection).
    let typing = app.focus == Focus::Search;
    let enter = app
        .keymap
        .label(KeyAction::Confirm, typing)
        .unwrap_or_default();
    let retries = app
        .keymap
        .label(KeyAction::Retry, false)
        .map(|r| format!(" — {r} retries"))
        .unwrap_or_default();
    let list = &mut app.tabs[source.index()].list;
    let mut block = Block::bordered()
        .title(title(source.title(), list))
        .border_style(theme.border(focused));
    if let Some(badge) = origin.and_then(crate::api::origin::Origin::badge) {
        block = block.title_bottom(Line::styled(format!(" {badge} "), theme.dim()));
    }
    let notes = Notes {
        spinner,
        retry,
        retries,
        enter,
        failed_term,
    };
    let message = message(list, source.api_name(), notes, &theme);
    if let Some(message) = message {
        frame.render_widget(
            Paragraph::new(message)
                .wrap(Wrap { trim: true })
                .block(block),
            area,
        );
        return;
    }
    let inner_height = usize::from(area.height.saturating_sub(2));
    let room = usize::from(area.width.saturating_sub(2));
    // Only the visible rows are built: the Pokémon list has over a thousand entries.
    let offset = visible_offset(&list.state, list.shown.len(), inner_height);
    *list.state.offset_mut() = offset;
    let filtering = !list.query.trim().is_empty();
    let entries = list.all();
    let selected = list.state.selected();
    let items: Vec<ListItem> = list.shown[offset..(offset + inner_height).min(list.shown.len())]
        .iter()
        .enumerate()
        .map(|(i, shown)| {
            let marked = list.marks.contains(&shown.entry);
            // On the selected row, dim text would vanish into the selection's colour.
            let secondary = if selected == Some(offset + i) {
                theme.on_selection()
            } else {
                theme.dim()
            };
            let entry = &entries[shown.entry];
            row(&theme, entry, shown, (marked, filtering, room), secondary)
        })
        .collect();
    let mut window = ListState::default().with_selected(list.state.selected().map(|s| s - offset));
    frame.render_stateful_widget(
        List::new(items)
            .block(block)
            .highlight_style(theme.selected()),
        area,
        &mut window,
    );
}

/// What the list pane says when it shows no rows, with the keys as bound.
struct Notes {
    spinner: &'static str,
    retry: String,
    retries: String,
    enter: String,
    failed_term: Option<String>,
}

/// The line the pane shows instead of rows (loading, failed, no match), or `None` for rows.
fn message(list: &ListPane, api: &str, notes: Notes, theme: &Theme) -> Option<Line<'static>> {
    match &list.entries {
        Loadable::Idle => Some(Line::styled("nothing loaded yet", theme.dim())),
        Loadable::Loading { .. } => Some(Line::raw(format!(
            "{} loading from {api}…{}",
            notes.spinner, notes.retry
        ))),
        Loadable::Failed(err) => Some(Line::styled(
            format!(
                "✗ could not load the list: {}{}",
                crate::sanitize::line(&err.to_string()),
                if worth_retrying(err) {
                    notes.retries.as_str()
                } else {
                    ""
                }
            ),
            theme.error(),
        )),
        Loadable::NotFound { .. } => Some(Line::styled("✗ not found", theme.error())),
        Loadable::Loaded(_) if list.pending_term.is_some() => Some(Line::raw(format!(
            "{} loading {}…{}",
            notes.spinner,
            list.pending_term.as_deref().unwrap_or_default(),
            if list.open_when_ready && !notes.enter.is_empty() {
                format!(" {} opens the first match when it arrives", notes.enter)
            } else {
                String::new()
            }
        ))),
        Loadable::Loaded(_) if list.shown.is_empty() && notes.failed_term.is_some() => Some(
            Line::styled(notes.failed_term.unwrap_or_default(), theme.error()),
        ),
        Loadable::Loaded(_) if list.shown.is_empty() => Some(Line::styled(
            if notes.enter.is_empty() {
                "no match".to_owned()
            } else {
                format!("no match — {} fetches exactly what you typed", notes.enter)
            },
            theme.dim(),
        )),
        Loadable::Loaded(_) => None,
    }
}

fn title(name: &str, list: &ListPane) -> String {
    let total = list.all().len();
    let mut title = format!(" {name} ");
    if total > 0 {
        if list.query.trim().is_empty() {
            title = format!(" {name} ({total}) ");
        } else {
            title = format!(" {name} · {} of {total} ", list.shown.len());
        }
    }
    if !list.marks.is_empty() {
        let _ = write!(title, "· {} marked ", list.marks.len());
    }
    title
}

/// The first row to show so the selection stays visible, moving as little as possible.
fn visible_offset(state: &ListState, len: usize, height: usize) -> usize {
    if height == 0 || len == 0 {
        return 0;
    }
    let mut offset = state.offset().min(len.saturating_sub(1));
    if let Some(selected) = state.selected() {
        if selected < offset {
            offset = selected;
        } else if selected >= offset + height {
            offset = selected + 1 - height;
        }
    }
    offset.min(len.saturating_sub(height))
}

/// One row, fitted to `room` cells: a long title is cut with `…` so its secondary text (a
/// post's author) stays in view. `secondary` styles its tag and secondary text.
fn row(
    theme: &Theme,
    entry: &ListEntry,
    shown: &Shown,
    (marked, filtering, room): (bool, bool, usize),
    secondary_style: ratatui::style::Style,
) -> ListItem<'static> {
    let mut spans = vec![if marked {
        Span::styled("● ", theme.mark())
    } else {
        Span::raw("  ")
    }];
    if let Some(tag) = &entry.tag {
        spans.push(Span::styled(format!("{tag:>6} "), secondary_style));
    }
    // Unfiltered, a sub-breed sits under its breed: just its own name.
    let (title, highlights) = match (&entry.parent, filtering) {
        (Some(parent), false) => {
            spans.push(Span::styled("  └ ", secondary_style));
            let own = entry
                .title
                .strip_prefix(parent.as_str())
                .map_or(entry.title.as_str(), str::trim_start);
            (own, &[][..])
        }
        _ => (entry.title.as_str(), shown.highlights.as_slice()),
    };
    let used: usize = spans.iter().map(Span::width).sum();
    let room = room.saturating_sub(used);
    let secondary = entry.secondary.as_deref().unwrap_or_default();
    let gap = if secondary.is_empty() { 0 } else { 2 };
    let (title_room, secondary_room) =
        fit::budgets(fit::width(title), gap, fit::width(secondary), room);
    let (kept, cut) = fit::cut(title, title_room);
    let kept_title: String = title.chars().take(kept).collect();
    let plain = ratatui::style::Style::default();
    spans.extend(highlighted(theme, &kept_title, highlights, plain));
    if cut && title_room > 0 {
        spans.push(Span::raw(fit::ELLIPSIS.to_string()));
    }
    if !secondary.is_empty() && secondary_room > 0 {
        // A post's author is searched too (`ListEntry::search_text`): its matches come after
        // the title's and the space between them.
        let offset = u32::try_from(entry.title.chars().count() + 1).unwrap_or(u32::MAX);
        let own: Vec<u32> = highlights
            .iter()
            .filter_map(|&i| i.checked_sub(offset))
            .collect();
        spans.push(Span::styled("  ", secondary_style));
        let fitted = fit::ellipsised(secondary, secondary_room);
        spans.extend(highlighted(theme, &fitted, &own, secondary_style));
    }
    ListItem::new(Line::from(spans))
}

/// `text` split into spans in `base` style, matched characters highlighted.
fn highlighted(
    theme: &Theme,
    text: &str,
    highlights: &[u32],
    base: ratatui::style::Style,
) -> Vec<Span<'static>> {
    if highlights.is_empty() {
        return vec![Span::styled(text.to_owned(), base)];
    }
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_matched = false;
    for (i, c) in text.chars().enumerate() {
        let is_match = u32::try_from(i).is_ok_and(|i| highlights.binary_search(&i).is_ok());
        if is_match != run_matched && !run.is_empty() {
            spans.push(styled_run(
                theme,
                std::mem::take(&mut run),
                run_matched,
                base,
            ));
        }
        run_matched = is_match;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(styled_run(theme, run, run_matched, base));
    }
    spans
}

fn styled_run(
    theme: &Theme,
    text: String,
    matched: bool,
    base: ratatui::style::Style,
) -> Span<'static> {
    if matched {
        Span::styled(text, theme.matched())
    } else {
        Span::styled(text, base)
    }
}
