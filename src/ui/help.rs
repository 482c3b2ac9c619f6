//! The help overlay, generated from the keymap: each row lists the keys actually bound.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::app::App;
use crate::keymap::{HELP, KeyAction};

/// The overlay's widest, in cells.
const WIDTH: u16 = 96;

/// Draws the overlay centred over `area`.
pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let theme = &app.theme;
    let rows: Vec<(String, &str)> = HELP
        .iter()
        .map(|row| (app.keymap.help_keys(row.keys), row.what))
        .collect();
    let key_width = rows
        .iter()
        .map(|(keys, _)| keys.chars().count())
        .max()
        .unwrap_or(0);
    let lines: Vec<Line> = rows
        .into_iter()
        .map(|(keys, what)| {
            Line::from(vec![
                Span::styled(format!(" {keys:<key_width$}  "), theme.heading()),
                Span::raw(what),
            ])
        })
        .collect();
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    // Long descriptions wrap on narrower screens: count the wrapped lines to size the box.
    let width = area.width.min(WIDTH);
    let height = paragraph.line_count(width.saturating_sub(2)) + 2;
    let height = u16::try_from(height).unwrap_or(u16::MAX);
    let [popup] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(popup);
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
    frame.render_widget(Clear, popup);
    frame.render_widget(paragraph.block(block), popup);
}
