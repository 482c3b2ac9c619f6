//! A `TestBackend` the test can read while the event loop draws into it.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use ratatui::backend::{Backend, ClearType, TestBackend, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect, Size};

/// Shares one `TestBackend` between the terminal (inside the loop) and the test.
#[derive(Clone)]
pub struct SharedBackend(Arc<Mutex<TestBackend>>);

impl SharedBackend {
    /// A `width`×`height` screen.
    pub fn new(width: u16, height: u16) -> Self {
        Self(Arc::new(Mutex::new(TestBackend::new(width, height))))
    }

    /// The screen as text, one line per row.
    pub fn text(&self) -> String {
        let backend = self.0.lock().unwrap();
        buffer_text(backend.buffer())
    }

    /// A copy of the current buffer (for checking styles).
    pub fn buffer(&self) -> Buffer {
        self.0.lock().unwrap().buffer().clone()
    }

    /// Waits until the screen satisfies `check` (polling), or panics with the screen after
    /// `limit`. Waiting on what is drawn, not on time, keeps loop tests free of races.
    pub async fn wait_for(&self, what: &str, limit: Duration, check: impl Fn(&str) -> bool) {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            let text = self.text();
            if check(&text) {
                return;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "timed out waiting for {what}; screen:\n{text}"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
}

/// The buffer's text, rows joined by newlines.
pub fn buffer_text(buffer: &Buffer) -> String {
    area_text(buffer, buffer.area)
}

/// The text of `area` of the buffer, rows joined by newlines.
pub fn area_text(buffer: &Buffer, area: Rect) -> String {
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

impl Backend for SharedBackend {
    type Error = <TestBackend as Backend>::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.0.lock().unwrap().draw(content)
    }
    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.0.lock().unwrap().hide_cursor()
    }
    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.0.lock().unwrap().show_cursor()
    }
    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.0.lock().unwrap().get_cursor_position()
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.0.lock().unwrap().set_cursor_position(position)
    }
    fn clear(&mut self) -> Result<(), Self::Error> {
        self.0.lock().unwrap().clear()
    }
    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.0.lock().unwrap().clear_region(clear_type)
    }
    fn size(&self) -> Result<Size, Self::Error> {
        self.0.lock().unwrap().size()
    }
    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.0.lock().unwrap().window_size()
    }
    fn flush(&mut self) -> Result<(), Self::Error> {
        self.0.lock().unwrap().flush()
    }
}

/// A screen for a snapshot, its tab bar row replaced by a marker. The tab bar changes with
/// every registered source and has tests of its own (`help_tabs.rs`, `sources.rs`,
/// `app::tab_bar`), so a new source leaves the pictures of pages, lists and overlays as they
/// were.
pub fn without_tab_bar(screen: &impl std::fmt::Display) -> String {
    // The tab bar is the first row: ` 1 Pokémon │ 2 Posts │ …`, cut at the screen's width.
    let text = screen.to_string();
    let mut lines: Vec<&str> = text.lines().collect();
    if let Some(first) = lines.first_mut()
        && first.trim_start_matches('"').starts_with(' ')
        && first.contains(" │ ")
    {
        *first = "[the tab bar]";
    }
    lines.join("\n")
}
