//! A scroll position for views taller than the screen (the help overlay, the compare view).
//! The view writes how much fits and how far one can go on every draw; `update` moves within
//! that.

/// Where a scrolled view is, and how far it can go.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scroll {
    /// Rows scrolled down.
    pub offset: u16,
    /// Rows shown at once (one page), as last drawn.
    pub visible: u16,
    /// The largest useful offset, as last drawn (content height minus what is shown).
    pub max: u16,
}

impl Scroll {
    /// Scrolls by `delta` rows (negative is up), within what the last draw allowed.
    pub fn by(&mut self, delta: isize) {
        let offset = i64::from(self.offset).saturating_add(delta as i64);
        self.offset = u16::try_from(offset.clamp(0, i64::from(self.max))).unwrap_or(0);
    }

    /// Scrolls a page (less one row, to keep context) in `direction`'s sign.
    pub fn page(&mut self, direction: isize) {
        let rows = isize::try_from(self.visible.saturating_sub(1).max(1)).unwrap_or(1);
        self.by(direction.signum() * rows);
    }

    /// Called by the view: `content` rows, `visible` of them shown. Clamps the offset.
    pub fn fit(&mut self, content: usize, visible: u16) {
        self.visible = visible;
        let max = content.saturating_sub(usize::from(visible));
        self.max = u16::try_from(max).unwrap_or(u16::MAX);
        self.offset = self.offset.min(self.max);
    }

    /// Whether rows are hidden above.
    pub fn more_above(&self) -> bool {
        self.offset > 0
    }

    /// Whether rows are hidden below.
    pub fn more_below(&self) -> bool {
        self.offset < self.max
    }

    /// `↑↓ more` / `↓ more` / `↑ more` for a border, or nothing when it all fits.
    pub fn indicator(&self) -> Option<&'static str> {
        match (self.more_above(), self.more_below()) {
            (true, true) => Some("↑↓ more"),
            (false, true) => Some("↓ more"),
            (true, false) => Some("↑ more"),
            (false, false) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrolls_within_what_was_drawn() {
        let mut scroll = Scroll::default();
        scroll.by(3);
        assert_eq!(scroll.offset, 0, "nothing drawn yet, nothing to scroll");
        scroll.fit(30, 10);
        assert_eq!(scroll.indicator(), Some("↓ more"));
        scroll.page(1);
        assert_eq!(scroll.offset, 9);
        scroll.by(100);
        assert_eq!(scroll.offset, 20);
        assert_eq!(scroll.indicator(), Some("↑ more"));
        scroll.fit(25, 10);
        assert_eq!(scroll.offset, 15, "a shorter content clamps the offset");
        scroll.by(-100);
        assert_eq!(scroll.offset, 0);
    }
}
