//! The help overlay, generated from the keymap: each row lists the keys actually bound. Taller
//! than a small terminal, it scrolls (the movement keys and the wheel), and its border says
//! when there is more.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::wrap;
use crate::app::App;
use crate::keymap::{HELP, KeyAction};

/// The overlay's widest, in cells.
const WIDTH: u16 = 96;

/// Draws the overlay centred over `area`, clamping its scroll to what fits.
pub fn render(frame: &mut Frame, app: &mut App, area: Rect) {
    let theme = app.theme;
    let rows: Vec<(String, &str)> = HELP
        .iter()
        .map(|row| (app.keymap.help_keys(row.keys), row.what))
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
            wrap::hanging(first, wrap::words(what), inner_width, key_width + 3)
        })
        .collect();
    let height = u16::try_from(lines.len() + 2)
        .unwrap_or(u16::MAX)
        .min(area.height);
    let [popup] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(popup);
    app.help_scroll
        .fit(lines.len(), popup.height.saturating_sub(2));
    let scroll = app.help_scroll;
    // How to close it sits on the border, so it shows however short the screen is.
    let close = [KeyAction::Back, KeyAction::ToggleHelp]
        .iter()
        .filter_map(|a| app.keymap.keys_for(*a).next())
        .map(crate::keymap::Key::label)
        .collect::<Vec<_>>()
        .join(" or ");
    let mut block = Block::bordered()
        .title(" keys ")
        .border_style(theme.border(true));
    if !close.is_empty() {
        block = block.title_bottom(Line::styled(
            format!(" {close} closes this help "),
            theme.dim(),
        ));
    }
    if let Some(more) = scroll.indicator() {
        block =
            block.title_bottom(Line::styled(format!(" {more} "), theme.heading()).right_aligned());
    }
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .scroll((scroll.offset, 0))
            .block(block),
        popup,
    );
}
