//! The tab bar: a title per tab in [`crate::model::TabId`] order (the built-in sources, Live,
//! the registered sources).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::keymap::KeyAction;
use crate::ui::Screen;

/// Draws ` 1 Pokémon │ 2 Posts │ 3 Dogs │ 4 Live │ 5 Berries ` with the active tab highlighted, each
/// tab with its key as bound; where that does not fit, the other tabs show only their key
/// ([`crate::app::App::tab_slots`], which the mouse reads too). The key takes one cell, so a
/// key whose label is wider (or no key) shows as a blank.
pub fn render(frame: &mut Frame, app: &Screen<'_>, area: Rect) {
    let theme = app.theme;
    let key = |n: usize| {
        app.keymap
            .label(KeyAction::TABS[n], false)
            .filter(|label| label.width() == 1)
            .unwrap_or_else(|| " ".to_owned())
    };
    let mut spans = Vec::new();
    for slot in app.tab_slots(area.width) {
        let n = slot.tab.index();
        let style = if slot.tab == app.shown_tab() {
            theme.active_tab()
        } else {
            Style::new()
        };
        let text = if slot.titled {
            format!(" {} {} ", key(n), slot.tab.title())
        } else {
            format!(" {} ", key(n))
        };
        spans.push(Span::styled(text, style));
        spans.push(Span::styled("│", theme.dim()));
    }
    spans.push(Span::styled(" apidex", theme.dim()));
    frame.render_widget(Line::from(spans), area);
}
