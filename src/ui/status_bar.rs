//! The status line: source and host, requests in flight, the last error, key hints.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

use crate::app::source::Source;
use crate::app::{App, Focus};
use crate::keymap::KeyAction;

/// Braille spinner frames.
pub const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/// Draws the status line.
pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let theme = app.theme;
    let host = match app.active {
        Source::Pokemon => &app.hosts.pokeapi,
        Source::Posts => &app.hosts.jsonplaceholder,
        Source::Dogs => &app.hosts.dogapi,
    };
    let mut left = vec![
        Span::styled(format!(" {} ", app.active.api_name()), theme.heading()),
        Span::styled(format!("{host} "), theme.dim()),
    ];
    // What is true of the source's server now: `offline` only when it cannot be reached,
    // `PokeAPI: HTTP 503` when it answers with errors, nothing when it works. (Where each page
    // came from is the page's own badge.)
    if let Some(state) = app.tab().reach.label(app.active.api_name()) {
        left.push(Span::styled(format!("{state} "), theme.error()));
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
            theme.error(),
        ));
    } else if let Some(info) = &app.info {
        left.push(Span::styled(
            format!("✓ {}", crate::sanitize::line(info)),
            theme.ok(),
        ));
    }
    let hints = hints(app);
    // The source, the spinner and errors matter more than key hints: when they would not fit
    // together, the hints shrink to the one that leads to all the others.
    let left_width: usize = left.iter().map(Span::width).sum();
    let hints = if left_width + hints.chars().count() + 2 > usize::from(area.width) {
        help_hint(app)
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
        Line::styled(format!("{hints} "), theme.dim()).right_aligned(),
        right_area,
    );
}

/// The key hints for where the focus is, from the keymap: `/ search · Space mark · …`.
fn hints(app: &App) -> String {
    let keymap = &app.keymap;
    let typing = app.focus == Focus::Search;
    let hint = |actions: &[KeyAction], label: &str| keymap.hint(actions, label, typing);
    let hints = match app.focus {
        Focus::Search => vec![
            hint(&[KeyAction::Confirm], "open"),
            hint(&[KeyAction::Back], "clear"),
        ],
        Focus::Detail => vec![
            hint(&[KeyAction::SelectPrev, KeyAction::SelectNext], "links"),
            hint(&[KeyAction::Confirm], "open"),
            hint(&[KeyAction::HistoryBack], "back"),
            hint(&[KeyAction::PageDown], "scroll"),
        ],
        Focus::List if app.tab().batch.is_some() => vec![
            hint(&[KeyAction::Confirm], "open"),
            hint(&[KeyAction::Retry], "retry"),
            hint(&[KeyAction::Back], "close"),
        ],
        Focus::List => vec![
            hint(&[KeyAction::FocusSearch], "search"),
            hint(&[KeyAction::ToggleMark], "mark"),
            hint(&[KeyAction::Confirm], "open"),
        ],
    };
    let mut hints: Vec<String> = hints.into_iter().flatten().collect();
    hints.push(help_hint(app));
    if app.focus == Focus::List && app.tab().batch.is_none() {
        hints.extend(keymap.hint(&[KeyAction::Quit], "quit", false));
    }
    hints.retain(|h| !h.is_empty());
    hints.join(" · ")
}

/// `? help`: the key that opens the help (outside the search box, where `?` is text).
fn help_hint(app: &App) -> String {
    app.keymap
        .hint(&[KeyAction::ToggleHelp], "help", false)
        .unwrap_or_default()
}
