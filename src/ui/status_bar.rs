//! The status line: source and host, requests in flight, the last error, key hints.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

use super::theme;
use crate::app::source::Source;
use crate::app::{App, Focus};

/// Braille spinner frames.
pub const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/// Draws the status line.
pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let host = match app.active {
        Source::Pokemon => &app.hosts.pokeapi,
        Source::Posts => &app.hosts.jsonplaceholder,
        Source::Dogs => &app.hosts.dogapi,
    };
    let mut left = vec![
        Span::styled(format!(" {} ", app.active.api_name()), theme::heading()),
        Span::styled(format!("{host} "), theme::dim()),
    ];
    let tab = app.tab();
    let offline = tab
        .list_origin
        .iter()
        .chain(tab.detail.origin.iter())
        .any(|o| o.is_offline());
    if offline {
        left.push(Span::styled("offline ", theme::error()));
    }
    let in_flight = app.in_flight();
    if in_flight > 0 {
        left.push(Span::raw(format!(
            "{} {in_flight} loading ",
            SPINNER[app.spinner % SPINNER.len()]
        )));
    }
    if let Some(notice) = &app.notice {
        // Notices name items by their keys, spelled as the API or the user spelled them.
        left.push(Span::styled(
            format!("✗ {}", crate::sanitize::line(notice)),
            theme::error(),
        ));
    } else if let Some(info) = &app.info {
        left.push(Span::styled(
            format!("✓ {}", crate::sanitize::line(info)),
            theme::ok(),
        ));
    }
    let hints = match app.focus {
        Focus::Search => "Enter open · Esc clear · ? help",
        Focus::Detail => "↑↓ links · Enter open · Bksp back · PgDn scroll · ? help",
        Focus::List if app.tab().batch.is_some() => "Enter open · r retry · Esc close · ? help",
        Focus::List => "/ search · Space mark · Enter open · ? help · q quit",
    };
    // The source, the spinner and errors matter more than key hints: when they would not fit
    // together, the hints shrink to the one that leads to all the others.
    let left_width: usize = left.iter().map(Span::width).sum();
    let hints = if left_width + hints.chars().count() + 2 > usize::from(area.width) {
        "? help"
    } else {
        hints
    };
    // One cell of gap keeps a long notice from running into the hints.
    let hints_width = u16::try_from(hints.chars().count() + 2).unwrap_or(u16::MAX);
    let [left_area, right_area] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(hints_width)]).areas(area);
    frame.render_widget(Line::from(left), left_area);
    // Right-aligned with one trailing cell, so the gap falls before the hints.
    frame.render_widget(
        Line::styled(format!("{hints} "), theme::dim()).right_aligned(),
        right_area,
    );
}
