//! The tab bar: one title per source, then the Live tab.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::keymap::KeyAction;
use crate::model::Source;
use crate::ui::Screen;

/// Draws ` 1 Pokémon │ 2 Posts │ 3 Dogs │ 4 Live ` with the active tab highlighted, each tab
/// with its key as bound. Each slot is `title + 5` cells wide, which the app's click handling
/// relies on, so a key whose label is wider than one cell (or no key) shows as a blank.
pub fn render(frame: &mut Frame, app: &Screen<'_>, area: Rect) {
    let theme = app.theme;
    let key = |n: usize| {
        app.keymap
            .label(KeyAction::TABS[n], false)
            .filter(|label| label.width() == 1)
            .unwrap_or_else(|| " ".to_owned())
    };
    let mut spans = Vec::new();
    for (n, source) in Source::ALL.iter().enumerate() {
        let style = if *source == app.active && !app.live.shown {
            theme.active_tab()
        } else {
            Style::new()
        };
        spans.push(Span::styled(
            format!(" {} {} ", key(n), source.title()),
            style,
        ));
        spans.push(Span::styled("│", theme.dim()));
    }
    // The Live tab (#15) after the sources, in a slot of the same `title + 5` width.
    let style = if app.live.shown {
        theme.active_tab()
    } else {
        Style::new()
    };
    spans.push(Span::styled(
        format!(" {} Live ", key(Source::ALL.len())),
        style,
    ));
    spans.push(Span::styled("│", theme.dim()));
    spans.push(Span::styled(" apidex", theme.dim()));
    frame.render_widget(Line::from(spans), area);
}
