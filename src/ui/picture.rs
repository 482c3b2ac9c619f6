//! A picture's area: the picture, or a placeholder saying where it is.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::theme::Theme;
use crate::app::pictures::ImageState;
use crate::images;

/// Draws the picture in `area`, or a one-line placeholder (loading / none / failed).
pub fn render(frame: &mut Frame, theme: &Theme, state: Option<&ImageState>, area: Rect) {
    if area.is_empty() {
        return;
    }
    let placeholder = match state {
        Some(ImageState::Ready(picture)) => {
            images::render(frame, picture, area);
            return;
        }
        None | Some(ImageState::Loading { .. }) => Line::styled("loading picture…", theme.dim()),
        Some(ImageState::Missing) => Line::styled("no picture", theme.dim()),
        Some(ImageState::Failed(reason)) => Line::styled(
            format!("✗ picture: {}", crate::sanitize::line(reason)),
            theme.error(),
        ),
    };
    frame.render_widget(Paragraph::new(placeholder).wrap(Wrap { trim: true }), area);
}
