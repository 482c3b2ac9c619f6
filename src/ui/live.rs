//! The Live tab (#15): the input line (the stream's URL, the filter or a prompt), one summary
//! row per message with the newest at the bottom, a title with the connection's state and
//! numbers, and a line of key hints.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::app::live::{Live, Prompt};
use crate::keymap::{KeyAction, Keymap};
use crate::live::FrameKind;
use crate::msg::LiveStatus;
use crate::ui::Screen;

/// Draws the Live tab: `input` is the line under the tabs, `body` the messages, `status` the
/// bottom line.
pub fn render(frame: &mut Frame, app: &mut Screen<'_>, input: Rect, body: Rect, status: Rect) {
    render_input(frame, app, input);
    render_rows(frame, app, body);
    render_status(frame, app, status);
}

fn render_input(frame: &mut Frame, app: &Screen<'_>, area: Rect) {
    let theme = app.theme;
    let live = &app.live;
    let text = match live.prompt {
        Some(Prompt::Filter) => Line::from(vec![
            Span::styled(" / ", theme.heading()),
            Span::raw(crate::sanitize::line(&live.filter).into_owned()),
            Span::styled("▏", theme.dim()),
        ]),
        Some(prompt @ (Prompt::Send | Prompt::Open)) => Line::from(vec![
            Span::styled(
                if prompt == Prompt::Send {
                    " send: "
                } else {
                    " open stream: "
                },
                theme.heading(),
            ),
            Span::raw(crate::sanitize::line(&live.input).into_owned()),
            Span::styled("▏", theme.dim()),
        ]),
        None if !live.filter.is_empty() => Line::from(vec![
            Span::styled(" / ", theme.heading()),
            Span::raw(crate::sanitize::line(&live.filter).into_owned()),
        ]),
        None => Line::from(Span::styled(
            format!(" {}", crate::sanitize::line(&live.url)),
            theme.dim(),
        )),
    };
    frame.render_widget(text, area);
}

fn render_rows(frame: &mut Frame, app: &mut Screen<'_>, area: Rect) {
    let theme = app.theme;
    let live = &app.live;
    let visible = live.visible();
    let height = usize::from(area.height.saturating_sub(2));
    let selected = live.selected_index(&visible);
    // The selection (the newest while following) is the bottom row.
    let end = selected.map_or(0, |i| i + 1).max(height.min(visible.len()));
    let start = end.saturating_sub(height);
    let lines: Vec<Line> = visible[start..end.min(visible.len())]
        .iter()
        .enumerate()
        .map(|(i, (_, row))| {
            let style = if Some(start + i) == selected && live.selected.is_some() {
                theme.selected()
            } else if row.kind == FrameKind::Json {
                ratatui::style::Style::new()
            } else {
                theme.error()
            };
            Line::from(Span::styled(row.summary.as_str(), style))
        })
        .collect();
    let shown = visible.len();
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(Span::styled(
            fit(&title(live, shown), area.width),
            theme.heading(),
        ));
    let empty = lines.is_empty();
    frame.render_widget(Paragraph::new(lines).block(block), area);
    if empty && area.height > 2 && area.width > 2 {
        let hint = match &live.status {
            Some(LiveStatus::Failed(_)) => "o opens another stream",
            _ if !live.filter.is_empty() => "no message matches the filter",
            _ => "waiting for messages…",
        };
        let inner = Rect::new(area.x + 1, area.y + 1, area.width - 2, 1);
        frame.render_widget(Span::styled(hint, theme.dim()), inner);
    }
    app.live.page = height.max(1);
}

/// ` Live · 12 034 received · 3 refused (over 1 MB) · live · 48 msg/s `: the counts first and
/// the connection's state (with a reason that may be long) last, so a narrow title cut to the
/// width (see [`fit`]) loses the reason, never the numbers.
pub fn title(live: &Live, shown: usize) -> String {
    let mut parts = vec!["Live".to_owned()];
    if live.paused_at.is_some() {
        parts.push(format!("paused · {} new", grouped(live.new_since_pause())));
    }
    if live.missed > 0 {
        parts.push(format!("{} missed (held)", grouped(live.missed)));
    }
    if live.status.is_some() {
        parts.push(format!("{} received", grouped(live.received)));
    }
    if !live.filter.is_empty() {
        parts.push(format!(
            "{} of {} shown",
            grouped(shown as u64),
            grouped(live.rows.len() as u64)
        ));
    }
    let refused = format!("refused (over {})", size(live.max_frame));
    for (n, what) in [
        (live.not_json, "not JSON"),
        (live.binary, "binary"),
        (live.refused, refused.as_str()),
        (live.dropped, "dropped (oldest)"),
    ] {
        if n > 0 {
            parts.push(format!("{} {what}", grouped(n)));
        }
    }
    parts.push(match &live.status {
        None | Some(LiveStatus::Connecting { .. }) => "connecting…".to_owned(),
        Some(LiveStatus::Live) => format!("live · {} msg/s", grouped(rate(live.rate))),
        Some(LiveStatus::Reconnecting { reason, delay }) => format!(
            "reconnecting in {} s ({reason})",
            delay.as_secs_f64().ceil()
        ),
        Some(LiveStatus::Failed(reason)) => format!("stopped: {reason}"),
    });
    format!(" {} ", crate::sanitize::line(&parts.join(" · ")))
}

/// `title` cut to `width` columns with `…`, the borders' corners kept.
pub fn fit(title: &str, width: u16) -> String {
    super::fit::ellipsised(title, usize::from(width.saturating_sub(2)))
}

#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // a rate, rounded
fn rate(rate: f64) -> u64 {
    rate.max(0.0).round() as u64
}

/// The size cap as people say it: `1 MB`, `64 KB`, `1500 bytes`.
fn size(bytes: usize) -> String {
    if bytes >= 1_000_000 && bytes.is_multiple_of(1_000_000) {
        format!("{} MB", bytes / 1_000_000)
    } else if bytes.is_multiple_of(1000) {
        format!("{} KB", bytes / 1000)
    } else {
        format!("{bytes} bytes")
    }
}

/// `12034` as `12 034`.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

fn render_status(frame: &mut Frame, app: &Screen<'_>, area: Rect) {
    let theme = app.theme;
    let mut spans = vec![Span::styled(" Live ", theme.heading())];
    if let Some(notice) = &app.notice {
        spans.push(Span::styled(
            format!("{} ", crate::sanitize::line(notice)),
            theme.error(),
        ));
    } else if let Some(info) = &app.info {
        spans.push(Span::styled(
            format!("{} ", crate::sanitize::line(info)),
            theme.ok(),
        ));
    }
    let hints = if app.live.prompt.is_some() {
        "Enter ok · Esc cancel".to_owned()
    } else {
        live_hints(app.keymap)
    };
    spans.push(Span::styled(hints, theme.dim()));
    frame.render_widget(Line::from(spans), area);
}

/// The Live tab's hints: its fixed keys (`p`, `S`, `c`, `o`) and the browser's keys as bound.
fn live_hints(keymap: &Keymap) -> String {
    // A key the tab keeps for itself (`c` clears) is never named for a browser action.
    let bound = |action, what: &str| keymap.live_label(action).map(|key| format!("{key} {what}"));
    [
        Some("p pause".to_owned()),
        bound(KeyAction::FocusSearch, "filter"),
        bound(KeyAction::Confirm, "JSON"),
        Some("S send · c clear · o open".to_owned()),
        bound(KeyAction::ToggleHelp, "help"),
        bound(KeyAction::Quit, "quit"),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ")
}

#[cfg(test)]
mod tests {
    use super::{grouped, size};

    #[test]
    fn the_size_cap_reads_as_people_say_it() {
        assert_eq!(size(1_000_000), "1 MB");
        assert_eq!(size(64_000), "64 KB");
        assert_eq!(size(1_500_000), "1500 KB");
    }

    #[test]
    fn thousands_are_grouped_with_spaces() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(12_034), "12 034");
        assert_eq!(grouped(1_000_000), "1 000 000");
    }
}
