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
        // A picture answered 404 (what `Missing` means); the log has the URL.
        Some(ImageState::Missing) => Line::styled("no picture (HTTP 404)", theme.dim()),
        // A short reason (`offline`, `HTTP 503`): the whole error went to the log.
        Some(ImageState::Failed(reason)) => Line::styled(
            format!("no picture ({})", crate::sanitize::line(reason)),
            theme.error(),
        ),
    };
    frame.render_widget(Paragraph::new(placeholder).wrap(Wrap { trim: true }), area);
}
