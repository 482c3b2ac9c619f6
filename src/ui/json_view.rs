//! The JSON view (#14): the response behind a page as a coloured, collapsible tree. Only the
//! rows on screen are built, so a 300 kB Pokémon or a 10 MB body draws as fast as a small one.
//! Every string goes through [`crate::sanitize`]: the view shows escapes, never raw control
//! bytes.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::app::App;
use crate::app::json_view::{JsonView, Pending, ViewState};
use crate::json_tree::{JsonDoc, JsonTree, NodeKey, NodeValue, Row};
use crate::keymap::KeyAction;
use crate::sanitize;
use crate::ui::Screen;
use crate::ui::theme::Theme;

/// Characters of a string shown on its row (the rest is cut, with `…`): a 1 MB string would
/// otherwise be escaped on every frame.
const SHOWN_CHARS: usize = 400;

/// Draws the JSON view over `area` (the list and the detail).
pub fn render(frame: &mut Frame, app: &mut Screen<'_>, area: Rect) {
    let theme = app.theme;
    // Esc always closes it; the toggle's key as bound, when one works here.
    let closes = match app.keymap.json_label(KeyAction::ToggleJson) {
        Some(key) => format!("{key} or Esc closes"),
        None => "Esc closes".to_owned(),
    };
    let app: &mut App = app;
    let Some(view) = app.explorer.view.as_mut() else {
        return;
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(Line::styled(format!(" {} ", title(view)), theme.heading()))
        .title_bottom(Line::styled(
            format!(" {} ", footer(view, &closes)),
            theme.dim(),
        ));
    // An answer that is not the server's of just now says so, as the pages' badges do.
    let block = match origin_badge(view) {
        Some(badge) => block.title_bottom(
            Line::styled(format!(" {badge} "), theme.error()).alignment(Alignment::Right),
        ),
        None => block,
    };
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let boxes = u16::from(view.search.is_some())
        + view.filter.as_ref().map_or(0, |f| {
            1 + u16::from(matches!(f.output, Some(Err(_))) || f.req.is_some())
        });
    let [rows_area, box_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(boxes)]).areas(inner);
    view.height = usize::from(rows_area.height);
    match &view.state {
        ViewState::Loading { .. } => {
            let url = view.url().unwrap_or("the page's JSON");
            let text = format!("loading {}…", sanitize::line(url));
            frame.render_widget(Paragraph::new(Line::styled(text, theme.dim())), rows_area);
        }
        ViewState::NotFound => {
            let line = Line::styled("not found (HTTP 404)", theme.error());
            frame.render_widget(Paragraph::new(line), rows_area);
        }
        ViewState::Failed(reason) => {
            let line = Line::styled(format!("✗ {}", sanitize::line(reason)), theme.error());
            frame.render_widget(Paragraph::new(line), rows_area);
        }
        ViewState::Picture(url) if !app.images_enabled => {
            let text = format!("[image: {}]", sanitize::line(url));
            frame.render_widget(Paragraph::new(Line::styled(text, theme.dim())), rows_area);
        }
        ViewState::Picture(url) => {
            let state = app.images.get(url);
            crate::ui::picture::render(frame, &theme, state, rows_area);
        }
        ViewState::Loaded(_) => render_loaded(frame, view, &theme, rows_area),
    }
    if let Some(view) = app.explorer.view.as_ref() {
        render_boxes(frame, view, &theme, box_area);
    }
}

/// The title: the trail of URLs walked in the view, then this one.
fn title(view: &JsonView) -> String {
    let here = match &view.target {
        crate::model::JsonTarget::Page(key) => format!("JSON · {key}"),
        crate::model::JsonTarget::Url(url) => sanitize::line(url).into_owned(),
    };
    if view.back.is_empty() {
        here
    } else {
        format!("{} back › {here}", view.back.len())
    }
}

/// The bottom line: the cursor's jq path, the line count and the size.
/// `cache (stale, 2 h old: HTTP 500)` or `bundled snapshot (…)` for the body shown.
fn origin_badge(view: &JsonView) -> Option<String> {
    use crate::api::exchange::Answered;
    let main = view.requests.as_ref()?.main()?;
    matches!(
        main.answered,
        Answered::Stale { .. } | Answered::Snapshot { .. }
    )
    .then(|| sanitize::line(&main.answered.describe()).into_owned())
}

fn footer(view: &JsonView, closes: &str) -> String {
    let Some(body) = view.body() else {
        return closes.to_owned();
    };
    let size = human_size(body.raw.len());
    let Some(tree) = view.tree() else {
        return size;
    };
    let path = view
        .cursor_node()
        .map(|n| sanitize::line(&tree.path(n)).into_owned())
        .unwrap_or_default();
    let cut = if tree.truncated { " · cut short" } else { "" };
    let filtered = if view
        .filter
        .as_ref()
        .is_some_and(|f| matches!(f.output, Some(Ok(_))))
    {
        " · filtered"
    } else {
        ""
    };
    format!(
        "{path} · {} lines · {size}{filtered}{cut}",
        tree.line_count()
    )
}

fn human_size(bytes: usize) -> String {
    #[allow(clippy::cast_precision_loss)] // a size shown to one decimal
    let kb = bytes as f64 / 1024.0;
    if bytes < 1024 {
        format!("{bytes} B")
    } else if kb < 1024.0 {
        format!("{kb:.1} kB")
    } else {
        format!("{:.1} MB", kb / 1024.0)
    }
}

fn render_loaded(frame: &mut Frame, view: &mut JsonView, theme: &Theme, area: Rect) {
    let Some(body) = view.body() else {
        return;
    };
    if view.tree().is_none() {
        // Too deep, or not JSON: said so, then the text itself (sanitised).
        let note = match &body.doc {
            JsonDoc::TooDeep { levels, .. } => {
                format!("too deeply nested to explore ({levels} levels); the raw text:")
            }
            JsonDoc::NotJson { reason, .. } => {
                format!("not JSON ({}); the raw text:", sanitize::line(reason))
            }
            JsonDoc::Tree(_) => String::new(),
        };
        let raw = match &body.doc {
            JsonDoc::TooDeep { raw, .. } | JsonDoc::NotJson { raw, .. } => raw.as_str(),
            JsonDoc::Tree(_) => "",
        };
        let mut lines = vec![Line::styled(note, theme.error())];
        lines.extend(
            raw.lines()
                .take(usize::from(area.height))
                .map(|l| Line::raw(sanitize::line(&truncate(l, 4 * SHOWN_CHARS)).into_owned())),
        );
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    // Keep the cursor in sight, then draw only the rows on screen.
    let height = usize::from(area.height).max(1);
    if view.cursor < view.scroll {
        view.scroll = view.cursor;
    } else if view.cursor >= view.scroll + height {
        view.scroll = view.cursor + 1 - height;
    }
    let rows = view.tree().map_or(0, |t| t.rows().len());
    view.scroll = view.scroll.min(rows.saturating_sub(height));
    let view = &*view;
    let Some(tree) = view.tree() else {
        return;
    };
    let matches = view.search.as_ref().map(|s| (s, &s.matches));
    let current = matches.and_then(|(s, m)| s.current.and_then(|i| m.get(i)).copied());
    let lines: Vec<Line> = tree
        .rows()
        .iter()
        .enumerate()
        .skip(view.scroll)
        .take(height)
        .map(|(i, row)| {
            let is_match =
                matches.is_some_and(|(_, m)| m.binary_search(&row.node).is_ok()) && !row.close;
            let mut line = row_line(tree, *row, theme);
            if is_match {
                let style = if current == Some(row.node) {
                    Style::default()
                        .bg(theme.matched)
                        .fg(ratatui::style::Color::Black)
                } else {
                    Style::default().add_modifier(Modifier::UNDERLINED)
                };
                line = line.patch_style(style);
            }
            if i == view.cursor {
                line = line.patch_style(theme.selected());
            }
            line
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// One row: fold marker, indent, key, value (or the folded summary), comma.
pub fn row_line(tree: &JsonTree, row: Row, theme: &Theme) -> Line<'static> {
    let node = &tree.nodes()[row.node];
    let indent = "  ".repeat(node.depth.min(60));
    let comma = if node.last { "" } else { "," };
    if row.close {
        let close = if matches!(node.value, NodeValue::Array(_)) {
            "]"
        } else {
            "}"
        };
        return Line::raw(format!("  {indent}{close}{comma}"));
    }
    let folded = tree.is_folded(row.node);
    // An unfolded container's comma goes on its closing row.
    let comma = if node.value.is_open_container() && !folded {
        ""
    } else {
        comma
    };
    let marker = match (&node.value, folded) {
        (v, true) if v.is_open_container() => "▸ ",
        (v, false) if v.is_open_container() => "▾ ",
        _ => "  ",
    };
    let mut spans = vec![Span::styled(format!("{marker}{indent}"), theme.dim())];
    match &node.key {
        Some(NodeKey::Field(name)) => {
            let quoted = serde_json::to_string(&truncate(name, SHOWN_CHARS)).unwrap_or_default();
            spans.push(Span::styled(
                sanitize::line(&quoted).into_owned(),
                Style::default().fg(theme.accent),
            ));
            spans.push(Span::raw(": "));
        }
        Some(NodeKey::Index(_)) | None => {}
    }
    let (text, style) = match &node.value {
        NodeValue::Null => ("null".to_owned(), Style::default().fg(theme.mark)),
        NodeValue::Bool(b) => (b.to_string(), Style::default().fg(theme.mark)),
        NodeValue::Number(n) => (n.clone(), Style::default().fg(theme.matched)),
        NodeValue::String(s) => {
            let quoted = serde_json::to_string(&truncate(s, SHOWN_CHARS)).unwrap_or_default();
            let mut style = Style::default().fg(theme.ok);
            if node.value.url().is_some() {
                style = style.add_modifier(Modifier::UNDERLINED);
            }
            (sanitize::line(&quoted).into_owned(), style)
        }
        NodeValue::Array(0) => ("[]".to_owned(), Style::default()),
        NodeValue::Object(0) => ("{}".to_owned(), Style::default()),
        NodeValue::Array(n) if folded => {
            spans.push(Span::raw("[…]"));
            (
                format!(" {n} {}", if *n == 1 { "item" } else { "items" }),
                theme.dim(),
            )
        }
        NodeValue::Object(n) if folded => {
            spans.push(Span::raw("{…}"));
            (
                format!(" {n} {}", if *n == 1 { "key" } else { "keys" }),
                theme.dim(),
            )
        }
        NodeValue::Array(_) => ("[".to_owned(), Style::default()),
        NodeValue::Object(_) => ("{".to_owned(), Style::default()),
    };
    spans.push(Span::styled(text, style));
    spans.push(Span::raw(comma));
    Line::from(spans)
}

/// The first `max` characters of `s`, with `…` when cut.
fn truncate(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_owned(),
    }
}

/// The search and filter boxes under the rows.
fn render_boxes(frame: &mut Frame, view: &JsonView, theme: &Theme, area: Rect) {
    let mut lines = Vec::new();
    if let Some(search) = &view.search {
        let count = match (search.current, search.matches.len()) {
            (_, 0) if !search.query.is_empty() => "no match".to_owned(),
            (Some(i), n) => format!("{}/{n}", i + 1),
            (None, n) => format!("{n} matches"),
        };
        let cursor = if search.editing { "█" } else { "" };
        lines.push(Line::from(vec![
            Span::styled("/", theme.heading()),
            Span::raw(format!("{}{cursor}  ", sanitize::line(&search.query))),
            Span::styled(count, theme.dim()),
        ]));
    }
    if let Some(filter) = &view.filter {
        let cursor = if filter.editing { "█" } else { "" };
        let hint = if filter.editing {
            "  Enter keeps · Esc drops"
        } else {
            "  Esc drops"
        };
        lines.push(Line::from(vec![
            Span::styled("| ", theme.heading()),
            Span::raw(format!("{}{cursor}", sanitize::line(&filter.text))),
            Span::styled(hint, theme.dim()),
        ]));
        if let Some(Err(error)) = &filter.output {
            lines.push(Line::styled(
                format!("  ✗ {}", sanitize::line(error)),
                theme.error(),
            ));
        } else if filter.req.is_some() {
            lines.push(Line::styled("  evaluating…", theme.dim()));
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// The `o` prompt, over the search bar's line.
pub fn render_prompt(frame: &mut Frame, app: &Screen<'_>, area: Rect) {
    let Some(prompt) = &app.explorer.prompt else {
        return;
    };
    let line = Line::from(vec![
        Span::styled(" open URL: ", app.theme.heading()),
        Span::raw(format!("{}█", sanitize::line(prompt))),
        Span::styled("  Enter opens · Esc cancels", app.theme.dim()),
    ]);
    frame.render_widget(ratatui::widgets::Clear, area);
    frame.render_widget(Paragraph::new(line), area);
}

/// The copy menu, over the status line, while `y` waits for its second key.
pub fn render_copy_menu(frame: &mut Frame, app: &Screen<'_>, area: Rect) {
    let waiting = app
        .explorer
        .view
        .as_ref()
        .is_some_and(|v| v.pending == Pending::Copy);
    if !waiting {
        return;
    }
    let line = Line::from(vec![
        Span::styled(" copy: ", app.theme.heading()),
        Span::raw("y value · u URL · p path · j whole JSON · c curl command · Esc nothing"),
    ]);
    frame.render_widget(ratatui::widgets::Clear, area);
    frame.render_widget(Paragraph::new(line), area);
}
