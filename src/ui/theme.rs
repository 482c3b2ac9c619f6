//! Colours and styles, in one place: a [`Theme`] (from the config file) for what users may
//! recolour, fixed palettes for type badges and stat bars.

use ratatui::style::{Color, Modifier, Style};

/// The colours the config file's `[theme]` can change. Type badges and stat bars keep their
/// fixed palettes (the games' colours).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// The active tab, focused borders, headings, the gauge.
    pub accent: Color,
    /// The selected row's background.
    pub selection: Color,
    /// Characters of a title that matched the search.
    pub matched: Color,
    /// Errors.
    pub error: Color,
    /// Success, and the best value in a comparison.
    pub ok: Color,
    /// The mark on marked rows.
    pub mark: Color,
    /// Secondary text and unfocused borders.
    pub dim: Color,
}

impl Default for Theme {
    fn default() -> Self {
        Self {
            accent: Color::Cyan,
            selection: Color::DarkGray,
            matched: Color::Yellow,
            error: Color::Red,
            ok: Color::Green,
            mark: Color::Magenta,
            dim: Color::DarkGray,
        }
    }
}

impl Theme {
    /// Dim secondary text.
    pub fn dim(&self) -> Style {
        Style::new().fg(self.dim)
    }

    /// Section headings in the detail pane.
    pub fn heading(&self) -> Style {
        Style::new().fg(self.accent).add_modifier(Modifier::BOLD)
    }

    /// Characters of a title that matched the search.
    pub fn matched(&self) -> Style {
        Style::new().fg(self.matched).add_modifier(Modifier::BOLD)
    }

    /// The selected row.
    pub fn selected(&self) -> Style {
        Style::new().bg(self.selection).add_modifier(Modifier::BOLD)
    }

    /// Secondary text on the selected row: the dim colour could be the selection's own (it is
    /// by default), so it takes the terminal's normal text colour there.
    pub fn on_selection(&self) -> Style {
        Style::new().fg(Color::Reset)
    }

    /// The selected link in a detail page.
    pub fn selected_link(&self) -> Style {
        Style::new()
            .add_modifier(Modifier::REVERSED)
            .add_modifier(Modifier::BOLD)
    }

    /// The best value in a row of the compare view.
    pub fn best(&self) -> Style {
        Style::new().fg(self.ok).add_modifier(Modifier::BOLD)
    }

    /// A pane's border: accented when it has focus.
    pub fn border(&self, focused: bool) -> Style {
        if focused {
            Style::new().fg(self.accent)
        } else {
            self.dim()
        }
    }

    /// The active tab's title.
    pub fn active_tab(&self) -> Style {
        Style::new()
            .fg(Color::Black)
            .bg(self.accent)
            .add_modifier(Modifier::BOLD)
    }

    /// Errors.
    pub fn error(&self) -> Style {
        Style::new().fg(self.error)
    }

    /// Success marks.
    pub fn ok(&self) -> Style {
        Style::new().fg(self.ok)
    }

    /// Marked rows' mark.
    pub fn mark(&self) -> Style {
        Style::new().fg(self.mark).add_modifier(Modifier::BOLD)
    }
}

/// A Pokémon type badge in its usual colour (the games' palette), black or white text for contrast.
pub fn type_badge(name: &str) -> Style {
    let (r, g, b) = match name {
        "normal" => (0xA8, 0xA7, 0x7A),
        "fire" => (0xEE, 0x81, 0x30),
        "water" => (0x63, 0x90, 0xF0),
        "electric" => (0xF7, 0xD0, 0x2C),
        "grass" => (0x7A, 0xC7, 0x4C),
        "ice" => (0x96, 0xD9, 0xD6),
        "fighting" => (0xC2, 0x2E, 0x28),
        "poison" => (0xA3, 0x3E, 0xA1),
        "ground" => (0xE2, 0xBF, 0x65),
        "flying" => (0xA9, 0x8F, 0xF3),
        "psychic" => (0xF9, 0x55, 0x87),
        "bug" => (0xA6, 0xB9, 0x1A),
        "rock" => (0xB6, 0xA1, 0x36),
        "ghost" => (0x73, 0x57, 0x97),
        "dragon" => (0x6F, 0x35, 0xFC),
        "dark" => (0x70, 0x57, 0x46),
        "steel" => (0xB7, 0xB7, 0xCE),
        "fairy" => (0xD6, 0x85, 0xAD),
        _ => (0x68, 0xA0, 0x90),
    };
    // Perceived brightness decides the text colour.
    let light = u32::from(r) * 299 + u32::from(g) * 587 + u32::from(b) * 114 > 150_000;
    let fg = if light { Color::Black } else { Color::White };
    Style::new()
        .bg(Color::Rgb(r, g, b))
        .fg(fg)
        .add_modifier(Modifier::BOLD)
}

/// A stat bar's colour by value, red (low) to green (high), as Pokédex apps show them.
pub fn stat_bar(value: u32) -> Style {
    let color = match value {
        0..=49 => Color::Red,
        50..=79 => Color::Yellow,
        80..=109 => Color::Green,
        _ => Color::Cyan,
    };
    Style::new().fg(color)
}
