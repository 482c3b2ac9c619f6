//! The help overlay, generated from the key-binding table.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::theme;
use crate::keymap::BINDINGS;

/// The overlay's widest, in cells.
const WIDTH: u16 = 96;

/// Draws the overlay centred over `area`.
pub fn render(frame: &mut Frame, area: Rect) {
    let key_width = BINDINGS
        .iter()
        .map(|(keys, _)| keys.chars().count())
        .max()
        .unwrap_or(0);
    let mut lines: Vec<Line> = BINDINGS
        .iter()
        .map(|(keys, what)| {
            Line::from(vec![
                Span::styled(format!(" {keys:<key_width$}  "), theme::heading()),
                Span::raw(*what),
            ])
        })
        .collect();
    lines.push(Line::default());
    lines.push(Line::styled(" Esc or ? closes this help", theme::dim()));
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    // Long descriptions wrap on narrower screens: count the wrapped lines, or the last ones (the
    // closing hint) would be cut off.
    let width = area.width.min(WIDTH);
    let height = paragraph.line_count(width.saturating_sub(2)) + 2;
    let height = u16::try_from(height).unwrap_or(u16::MAX);
    let [popup] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(popup);
    let mut block = Block::bordered()
        .title(" keys ")
        .border_style(theme::border(true));
    // On a short screen the overlay is cut off, and the closing hint with it: the border keeps it.
    if popup.height < height {
        block = block.title_bottom(Line::styled(" Esc or ? closes ", theme::dim()).right_aligned());
    }
    frame.render_widget(Clear, popup);
    frame.render_widget(paragraph.block(block), popup);
}
