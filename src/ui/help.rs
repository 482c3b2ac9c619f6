//! The help overlay, generated from the keymap: each row lists the keys actually bound. Taller
//! than a small terminal, it scrolls (the movement keys and the wheel), and its border says
//! when there is more.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::wrap;
use crate::keymap::{HELP, KeyAction};
use crate::ui::Screen;

/// The overlay's widest, in cells.
const WIDTH: u16 = 96;

/// Draws the overlay centred over `area`, clamping its scroll to what fits.
pub fn render(frame: &mut Frame, app: &mut Screen<'_>, area: Rect) {
    let theme = app.theme;
    let rows: Vec<(String, String)> = HELP
        .iter()
        .map(|row| {
            (
                app.keymap.help_keys(row.keys),
                app.keymap.help_text(row.what),
            )
        })
        .collect();
    let width = area.width.min(WIDTH);
    let inner_width = usize::from(width.saturating_sub(2));
    // The keys column takes what it needs, but leaves the descriptions half the box.
    let key_width = rows
        .iter()
        .map(|(keys, _)| keys.chars().count())
        .max()
        .unwrap_or(0)
        .min(inner_width / 2);
    // Descriptions wrap under themselves, not under the keys.
    let lines: Vec<Line> = rows
        .into_iter()
        .flat_map(|(keys, what)| {
            let first = vec![Span::styled(
                format!(" {keys:<key_width$}  "),
                theme.heading(),
            )];
            wrap::hanging(first, wrap::words(&what), inner_width, key_width + 3)
        })
        .collect();
    let height = u16::try_from(lines.len() + 2)
        .unwrap_or(u16::MAX)
        .min(area.height);
    let popup = super::overlay::centered(area, width, height);
    app.help_scroll
        .fit(lines.len(), popup.height.saturating_sub(2));
    let scroll = app.help_scroll;
    let closers = [KeyAction::Back, KeyAction::ToggleHelp];
    let block = super::overlay::block(app, "keys", &closers, "this help", scroll);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .scroll((scroll.offset, 0))
            .block(block),
        popup,
    );
}
