//! The request overlay (`i`, #14): what the page shown was fetched with — method, URL, status,
//! where the answer came from and how old it is, size, time, redirects, the response headers —
//! then the page's other requests, one line each. It scrolls like the help overlay.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::theme::Theme;
use crate::api::exchange::status_text;
use crate::api::exchange::{Answered, Exchange, Stored};
use crate::api::origin::Cause;
use crate::app::json_view::ViewState;
use crate::app::loadable::Loadable;
use crate::app::request::PageRequests;
use crate::keymap::KeyAction;
use crate::ui::Screen;

/// The overlay's widest, in cells.
const WIDTH: u16 = 100;
/// The label column's width.
const LABEL: usize = 10;

/// Draws the overlay centred over `area`, clamping its scroll to what fits.
pub fn render(frame: &mut Frame, app: &mut Screen<'_>, area: Rect) {
    let theme = app.theme;
    // Over the JSON view: the view's own request (a URL opened with `o` or followed there).
    let (requests, loading) = if let Some(view) = &app.explorer.view {
        (
            view.requests.as_ref(),
            matches!(view.state, ViewState::Loading { .. }),
        )
    } else {
        let detail = &app.tab().detail;
        (
            detail.requests.as_ref(),
            matches!(detail.state, Loadable::Loading { .. }),
        )
    };
    let lines = match requests {
        Some(requests) => lines(requests, &theme),
        None if loading => vec![Line::from(" loading…")],
        None => vec![Line::from(" no request is recorded for the page shown")],
    };
    let width = area.width.min(WIDTH);
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    let rows = paragraph.line_count(width.saturating_sub(2));
    let height = u16::try_from(rows + 2).unwrap_or(u16::MAX).min(area.height);
    let popup = super::overlay::centered(area, width, height);
    app.request.scroll.fit(rows, popup.height.saturating_sub(2));
    let scroll = app.request.scroll;
    let closers = [KeyAction::Back, KeyAction::ShowRequest];
    let block = super::overlay::block(app, "request", &closers, "", scroll);
    frame.render_widget(Clear, popup);
    frame.render_widget(paragraph.scroll((scroll.offset, 0)).block(block), popup);
}

/// The status line: a cached answer's status is the one stored with it, so say whether a
/// request was made.
fn status_line(main: &Exchange) -> String {
    match (main.status, &main.answered) {
        (Some(code), Answered::Fresh { .. }) => {
            format!("{} (as cached: no request was made)", status_text(code))
        }
        (Some(code), Answered::Stale { cause, .. }) => {
            let why = match cause {
                Cause::Offline => "no request was made (--offline)",
                Cause::Unreachable => "the server could not be reached",
                Cause::Status(_) | Cause::Timeout | Cause::Broken => {
                    "the server's own answer failed"
                }
            };
            format!("{} (as cached: {why})", status_text(code))
        }
        (Some(code), _) => status_text(code),
        (None, _) => "— (no response)".to_owned(),
    }
}

/// The overlay's text for a page's requests.
pub fn lines(requests: &PageRequests, theme: &Theme) -> Vec<Line<'static>> {
    let Some(main) = requests.main() else {
        return vec![Line::from(" the page was built without a request")];
    };
    let field = |label: &str, value: String, style: Style| {
        Line::from(vec![
            Span::styled(format!(" {label:<LABEL$} "), theme.heading()),
            Span::styled(value, style),
        ])
    };
    let mut out = vec![Line::from(vec![
        Span::styled(format!(" {} ", main.method), theme.heading()),
        Span::raw(main.url.clone()),
    ])];
    let status = status_line(main);
    let status_style = match main.status {
        Some(200..=399) => theme.ok(),
        Some(_) => theme.error(),
        None => theme.dim(),
    };
    out.push(field("status", status, status_style));
    let origin_style = match main.answered {
        Answered::Failed(_) => theme.error(),
        _ => Style::default(),
    };
    out.push(field("origin", main.answered.describe(), origin_style));
    if requests.again {
        out.push(field(
            "",
            "shown again from memory: no request was made this time".to_owned(),
            theme.dim(),
        ));
    }
    out.push(field(
        "size",
        format!("{} ({} bytes)", size(main.bytes), main.bytes),
        Style::default(),
    ));
    out.push(field(
        "time",
        format!("{} ms", main.elapsed.as_millis()),
        Style::default(),
    ));
    if main.retries > 0 {
        out.push(field("retries", main.retries.to_string(), Style::default()));
    }
    let redirect = main
        .final_url
        .as_ref()
        .map_or_else(|| "none".to_owned(), |to| format!("{} → {to}", main.url));
    out.push(field("redirect", redirect, Style::default()));
    out.push(field("cache", stored(main.stored).to_owned(), theme.dim()));
    out.push(Line::from(""));
    let from_cache = matches!(
        main.answered,
        Answered::Fresh { .. } | Answered::Stale { .. }
    );
    let heading = if from_cache && !main.headers.is_empty() {
        " Response headers (as stored with the cached copy)"
    } else {
        " Response headers"
    };
    out.push(Line::styled(heading, theme.heading()));
    if main.headers.is_empty() {
        // Why there are none, by where the answer came from: only a cached copy can be one an
        // older apidex stored without them.
        let why = match main.answered {
            Answered::Snapshot { .. } => "  none: the bundled snapshot keeps no headers",
            Answered::Failed(_) => "  none: no answer came",
            _ => {
                "  none kept: the answer did not come from the server just now (and the cached \
                 copy was stored by an older apidex, without its headers)"
            }
        };
        out.push(Line::styled(why, theme.dim()));
    }
    let name_width = main
        .headers
        .iter()
        .map(|(n, _)| n.chars().count())
        .max()
        .unwrap_or(0)
        .min(32);
    for (name, value) in &main.headers {
        out.push(Line::from(vec![
            Span::styled(format!("  {name:<name_width$}  "), theme.dim()),
            Span::raw(value.clone()),
        ]));
    }
    let others = &requests.exchanges[1..];
    if !others.is_empty() {
        out.push(Line::from(""));
        out.push(Line::styled(
            format!(" Also fetched for this page ({})", others.len()),
            theme.heading(),
        ));
        out.extend(others.iter().flat_map(|e| other(e, theme)));
    }
    out
}

/// Two lines for another request of the page: status and URL, then origin, size and time.
fn other(exchange: &Exchange, theme: &Theme) -> [Line<'static>; 2] {
    let status = exchange
        .status
        .map_or_else(|| "—".to_owned(), |s| s.to_string());
    [
        Line::from(vec![
            Span::styled(format!("  {status:>3}  "), theme.dim()),
            Span::raw(exchange.url.clone()),
        ]),
        Line::styled(
            format!(
                "       {} · {} · {} ms",
                exchange.answered.describe(),
                size(exchange.bytes),
                exchange.elapsed.as_millis()
            ),
            theme.dim(),
        ),
    ]
}

/// `812 bytes`, `296.2 kB`, `1.4 MB`.
fn size(bytes: usize) -> String {
    // Display only: the precision lost above 2^52 bytes does not matter.
    #[allow(clippy::cast_precision_loss)]
    let value = bytes as f64;
    if bytes < 1000 {
        format!("{bytes} bytes")
    } else if bytes < 1_000_000 {
        format!("{:.1} kB", value / 1e3)
    } else {
        format!("{:.1} MB", value / 1e6)
    }
}

/// What the cache did, in words.
fn stored(stored: Stored) -> &'static str {
    match stored {
        Stored::NoCache => "no cache this run",
        Stored::NotNeeded => "nothing to store (a cached answer, or no body)",
        Stored::Stored => "stored",
        Stored::NoStore => "not stored: the server said no-store",
        Stored::Refused => "not stored: the body did not decode",
    }
}
