//! What the overlays (help, request) share: a box centred over the screen, a border that says
//! which keys close it and whether there is more to scroll to.

use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Block;

use crate::app::scroll::Scroll;
use crate::keymap::KeyAction;
use crate::ui::Screen;

/// A `width` × `height` box centred in `area` (clamped to it).
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [popup] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(popup);
    popup
}

/// The overlay's border: `title` on top; below, the keys bound to `closers` (`Esc or ? closes
/// this help`, from the keymap, so it is right when they are rebound) and `↓ more` when
/// `scroll` can go further.
pub fn block(
    app: &Screen<'_>,
    title: &str,
    closers: &[KeyAction],
    what: &str,
    scroll: Scroll,
) -> Block<'static> {
    let theme = app.theme;
    // The keys of the mode the keys are read in now: a key bound only while typing a search
    // does nothing over the help.
    let typing = app.typing();
    let close = closers
        .iter()
        .filter_map(|a| app.keymap.label(*a, typing))
        .collect::<Vec<_>>()
        .join(" or ");
    let mut block = Block::bordered()
        .title(format!(" {title} "))
        .border_style(theme.border(true));
    // How to close it sits on the border, so it shows however short the screen is.
    if !close.is_empty() {
        let text = if what.is_empty() {
            format!(" {close} closes ")
        } else {
            format!(" {close} closes {what} ")
        };
        block = block.title_bottom(Line::styled(text, theme.dim()));
    }
    if let Some(more) = scroll.indicator() {
        block =
            block.title_bottom(Line::styled(format!(" {more} "), theme.heading()).right_aligned());
    }
    block
}
