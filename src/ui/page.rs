//! The text of each detail page, with its links marked (and the selected one shown selected).
//!
//! Links are emitted in exactly the order of [`Detail::links`], which is what `Enter` opens; a
//! test holds the two together.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::theme::{self, Theme};
use crate::app::loadable::Loadable;
use crate::matchups::TypeChart;
use crate::views::Detail;

mod dogs;
mod evolution;
mod jsonplaceholder;
mod moves;
mod pokeapi;
mod record;

/// Cells a full (255) stat bar takes.
const BAR_WIDTH: u32 = 24;

/// A page's lines, and which line holds the selected link.
#[derive(Debug, Default)]
pub struct Page {
    /// The text.
    pub lines: Vec<Line<'static>>,
    /// The line of the selected link, to scroll it into sight.
    pub selected_line: Option<usize>,
    /// How many links were drawn.
    pub links: usize,
}

/// What a page needs besides its data.
#[derive(Debug, Clone, Copy)]
pub struct PageContext<'a> {
    /// The selected link.
    pub selected_link: Option<usize>,
    /// The type chart, for matchups.
    pub chart: &'a Loadable<TypeChart>,
    /// Whether pictures are drawn beside the text (else their URLs are shown in the text).
    pub images: bool,
    /// Shiny sprites wanted.
    pub shiny: bool,
    /// The colours.
    pub theme: &'a Theme,
    /// The text's width in cells, for lines that wrap with guides of their own (the
    /// evolution tree); 0 leaves all wrapping to the pane.
    pub width: u16,
}

/// Builds a page's lines.
pub fn build(detail: &Detail, cx: PageContext<'_>) -> Page {
    let mut b = Builder {
        selected: cx.selected_link,
        theme: *cx.theme,
        width: usize::from(cx.width),
        ..Builder::default()
    };
    match detail {
        Detail::Pokemon(p) => pokeapi::pokemon(&mut b, p, cx),
        Detail::Ability(a) => pokeapi::ability(&mut b, a),
        Detail::Type(t) => pokeapi::type_(&mut b, t),
        Detail::Post(p) => jsonplaceholder::post(&mut b, p),
        Detail::User(u) => jsonplaceholder::user(&mut b, u),
        Detail::Breed(d) => dogs::breed(&mut b, d, cx),
        Detail::Move(m) => moves::page(&mut b, m),
        Detail::Record(r) => record::page(&mut b, r),
    }
    b.finish()
}

#[derive(Default)]
struct Builder {
    page: Page,
    current: Vec<Span<'static>>,
    selected: Option<usize>,
    theme: Theme,
    /// See [`PageContext::width`].
    width: usize,
}

impl Builder {
    fn span(&mut self, text: impl Into<String>, style: Style) {
        self.current.push(Span::styled(text.into(), style));
    }

    fn raw(&mut self, text: impl Into<String>) {
        self.current.push(Span::raw(text.into()));
    }

    /// A link: underlined, or shown selected when it is the selected one.
    fn link(&mut self, label: impl Into<String>) {
        let index = self.page.links;
        self.page.links += 1;
        let style = if self.selected == Some(index) {
            self.page.selected_line = Some(self.page.lines.len());
            self.theme.selected_link()
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED)
        };
        self.current.push(Span::styled(label.into(), style));
    }

    fn end_line(&mut self) {
        let spans = std::mem::take(&mut self.current);
        self.page.lines.push(Line::from(spans));
    }

    fn line(&mut self, line: Line<'static>) {
        self.end_pending();
        self.page.lines.push(line);
    }

    fn end_pending(&mut self) {
        if !self.current.is_empty() {
            self.end_line();
        }
    }

    fn blank(&mut self) {
        self.line(Line::default());
    }

    fn heading(&mut self, title: &str) {
        self.blank();
        self.line(Line::styled(title.to_owned(), self.theme.heading()));
    }

    fn error(&mut self, err: &str) {
        self.line(Line::styled(
            format!("✗ could not fetch: {err}"),
            self.theme.error(),
        ));
    }

    /// Links separated by `sep`, on the current line.
    fn links(&mut self, names: &[String], sep: &str) {
        for (i, name) in names.iter().enumerate() {
            if i > 0 {
                self.span(sep.to_owned(), self.theme.dim());
            }
            self.link(name.clone());
        }
    }

    /// `… 480 more abilities`, for a list the view model cut short ([`crate::views::bounds`]).
    fn more(&mut self, more: usize, what: &str) {
        if more > 0 {
            self.line(Line::styled(
                format!("… {more} more {what}"),
                self.theme.dim(),
            ));
        }
    }

    /// The page, every line cut to the width here (see [`super::cells`]), so the pane's own
    /// wrap never has to break a line.
    fn finish(mut self) -> Page {
        self.end_pending();
        if self.width == 0 {
            return self.page;
        }
        let mut lines = Vec::with_capacity(self.page.lines.len());
        let mut selected_line = None;
        for (i, line) in std::mem::take(&mut self.page.lines).into_iter().enumerate() {
            if self.page.selected_line == Some(i) {
                selected_line = Some(lines.len());
            }
            lines.extend(super::cells::wrap(line, self.width));
        }
        self.page.lines = lines;
        self.page.selected_line = selected_line;
        self.page
    }
}

/// One stat with its bar, scaled to 255. A label longer than [`LABEL_MAX`] is cut, so the bars
/// stay in one column.
pub fn stat_bar(theme: &Theme, name: &str, value: u32) -> Line<'static> {
    let filled = (value.min(255) * BAR_WIDTH).div_ceil(255);
    Line::from(vec![
        Span::raw(format!("{:<8} {value:>3} ", short_label(stat_label(name)))),
        Span::styled("█".repeat(filled as usize), theme::stat_bar(value)),
        Span::styled(
            "░".repeat(BAR_WIDTH.saturating_sub(filled) as usize),
            theme.dim(),
        ),
    ])
}

/// Characters of a stat's label beside its bar.
pub const LABEL_MAX: usize = 16;

/// `label`, cut to [`LABEL_MAX`] characters with `…`.
pub fn short_label(label: &str) -> String {
    if label.chars().count() <= LABEL_MAX {
        return label.to_owned();
    }
    let mut cut: String = label.chars().take(LABEL_MAX - 1).collect();
    cut.push('…');
    cut
}

/// The short label games use for a stat.
pub fn stat_label(name: &str) -> &str {
    match name {
        "hp" => "HP",
        "attack" => "Attack",
        "defense" => "Defense",
        "special-attack" => "Sp. Atk",
        "special-defense" => "Sp. Def",
        "speed" => "Speed",
        other => other,
    }
}
