//! The text of each detail page, with its links marked (and the selected one shown selected).
//!
//! Links are emitted in exactly the order of [`Detail::links`], which is what `Enter` opens; a
//! test holds the two together.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::theme::{self, Theme};
use crate::app::loadable::Loadable;
use crate::matchups::TypeChart;
use crate::views::{
    AbilityDetail, BreedDetail, Detail, PokemonDetail, PostDetail, TypeDetail, UserDetail,
};

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
}

/// Builds a page's lines.
pub fn build(detail: &Detail, cx: PageContext<'_>) -> Page {
    let mut b = Builder {
        selected: cx.selected_link,
        theme: *cx.theme,
        ..Builder::default()
    };
    match detail {
        Detail::Pokemon(p) => pokemon(&mut b, p, cx),
        Detail::Ability(a) => ability(&mut b, a),
        Detail::Type(t) => type_(&mut b, t),
        Detail::Post(p) => post(&mut b, p),
        Detail::User(u) => user(&mut b, u),
        Detail::Breed(d) => breed(&mut b, d, cx),
    }
    b.finish()
}

#[derive(Default)]
struct Builder {
    page: Page,
    current: Vec<Span<'static>>,
    selected: Option<usize>,
    theme: Theme,
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

    fn finish(mut self) -> Page {
        self.end_pending();
        self.page
    }
}

fn pokemon(b: &mut Builder, p: &PokemonDetail, cx: PageContext<'_>) {
    b.span(format!("#{} {}", p.id, p.name), b.theme.heading());
    if let Some(genus) = &p.genus {
        b.span(format!("  {genus}"), b.theme.dim());
    }
    b.end_line();
    for t in &p.types {
        let index = b.page.links;
        if b.selected == Some(index) {
            b.link(format!(" {t} "));
        } else {
            b.page.links += 1;
            b.span(format!(" {t} "), theme::type_badge(t));
        }
        b.raw(" ");
    }
    b.end_line();
    b.line(Line::raw(format!(
        "height {:.1} m   weight {:.1} kg",
        f64::from(p.height_dm) / 10.0,
        f64::from(p.weight_hg) / 10.0
    )));

    b.heading("Base stats");
    for (name, value) in &p.stats {
        b.line(stat_bar(&b.theme, name, *value));
    }
    // In u64: values come from the API, and a few near `u32::MAX` would overflow a u32 sum.
    let total: u64 = p.stats.iter().map(|(_, v)| u64::from(*v)).sum();
    b.line(Line::raw(format!("{:<8} {total:>3}", "Total")));

    b.heading("Abilities");
    for a in &p.abilities {
        b.link(a.name.clone());
        if a.hidden {
            b.span(" (hidden)", b.theme.dim());
        }
        match &a.effect {
            Ok(Some(effect)) => b.raw(format!(" — {effect}")),
            Ok(None) => {}
            Err(err) => b.span(format!(" — ✗ {err}"), b.theme.error()),
        }
        b.end_line();
    }

    match &p.evolution {
        Ok(stages) if stages.len() > 1 => {
            b.heading("Evolution");
            for (i, stage) in stages.iter().enumerate() {
                if i > 0 {
                    b.span(" → ", b.theme.dim());
                }
                b.links(stage, " | ");
            }
            b.end_line();
        }
        Ok(_) => {}
        Err(err) => {
            b.heading("Evolution");
            b.error(err);
        }
    }

    matchups(b, &p.types, cx.chart);

    match &p.flavor {
        Ok(Some(text)) => {
            b.heading("Pokédex");
            b.line(Line::raw(text.clone()));
        }
        Ok(None) => {}
        Err(err) => {
            b.heading("Pokédex");
            b.error(err);
        }
    }
    if !cx.images
        && let Some(url) = p.sprite(cx.shiny)
    {
        b.heading("Sprite");
        b.line(Line::styled(format!("[image: {url}]"), b.theme.dim()));
    }
}

/// One stat with its bar, scaled to 255.
pub fn stat_bar(theme: &Theme, name: &str, value: u32) -> Line<'static> {
    let filled = (value.min(255) * BAR_WIDTH).div_ceil(255);
    Line::from(vec![
        Span::raw(format!("{:<8} {value:>3} ", stat_label(name))),
        Span::styled("█".repeat(filled as usize), theme::stat_bar(value)),
        Span::styled(
            "░".repeat(BAR_WIDTH.saturating_sub(filled) as usize),
            theme.dim(),
        ),
    ])
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

fn matchups(b: &mut Builder, types: &[String], chart: &Loadable<TypeChart>) {
    b.heading("Matchups");
    let chart = match chart {
        Loadable::Loaded(chart) => chart,
        Loadable::Failed(err) => {
            b.error(&err.to_string());
            return;
        }
        _ => {
            b.line(Line::styled("loading the type chart…", b.theme.dim()));
            return;
        }
    };
    let m = chart.matchups(types);
    let groups = [
        ("weak ×4", &m.x4),
        ("weak ×2", &m.x2),
        ("resists ×½", &m.half),
        ("resists ×¼", &m.quarter),
        ("immune ×0", &m.immune),
    ];
    for (label, names) in groups {
        if names.is_empty() {
            continue;
        }
        b.span(format!("{label:<11} "), b.theme.dim());
        for (i, name) in names.iter().enumerate() {
            // Gaps only between badges: a trailing one could wrap onto a line of its own.
            if i > 0 {
                b.raw(" ");
            }
            b.span(format!(" {name} "), theme::type_badge(name));
        }
        b.end_line();
    }
}

fn ability(b: &mut Builder, a: &AbilityDetail) {
    b.line(Line::styled(
        format!("#{} {}", a.id, a.name),
        b.theme.heading(),
    ));
    if let Some(effect) = &a.effect {
        b.blank();
        b.line(Line::raw(effect.clone()));
    }
    b.heading(&format!("Pokémon with {} ({})", a.name, a.pokemon.len()));
    for (name, hidden) in &a.pokemon {
        b.raw("  ");
        b.link(name.clone());
        if *hidden {
            b.span(" (hidden)", b.theme.dim());
        }
        b.end_line();
    }
}

fn type_(b: &mut Builder, t: &TypeDetail) {
    b.span(format!(" {} ", t.name), theme::type_badge(&t.name));
    b.span(format!("  type #{}", t.id), b.theme.dim());
    b.end_line();
    b.blank();
    for (label, names) in t.relations() {
        b.span(format!("{label:<15}"), b.theme.dim());
        if names.is_empty() {
            b.span("—", b.theme.dim());
        }
        b.links(names, ", ");
        b.end_line();
    }
    b.heading(&format!("Pokémon ({})", t.pokemon.len()));
    for name in &t.pokemon {
        b.raw("  ");
        b.link(name.clone());
        b.end_line();
    }
}

fn post(b: &mut Builder, p: &PostDetail) {
    b.line(Line::styled(
        format!("#{} {}", p.id, p.title),
        b.theme.heading(),
    ));
    b.blank();
    for l in p.body.lines() {
        b.line(Line::raw(l.to_owned()));
    }
    b.heading("Author");
    match &p.author {
        Ok(Some(a)) => {
            b.link(a.name.clone());
            b.raw(format!(" (@{}) <{}>", a.username, a.email));
            b.end_line();
            if let Some(company) = &a.company {
                b.line(Line::styled(company.clone(), b.theme.dim()));
            }
        }
        Ok(None) => {
            b.link(format!("user {}", p.user_id));
            b.span(" (not found)", b.theme.dim());
            b.end_line();
        }
        Err(err) => {
            // The link is still there: the user page may load where this part failed.
            b.link(format!("user {}", p.user_id));
            b.end_line();
            b.error(err);
        }
    }
    match &p.comments {
        Ok(comments) => {
            b.heading(&format!("Comments ({})", comments.len()));
            for c in comments {
                b.span(c.name.clone(), b.theme.heading());
                b.span(format!("  <{}>", c.email), b.theme.dim());
                b.end_line();
                for l in c.body.lines() {
                    b.line(Line::raw(format!("  {l}")));
                }
            }
        }
        Err(err) => {
            b.heading("Comments");
            b.error(err);
        }
    }
}

fn user(b: &mut Builder, u: &UserDetail) {
    b.line(Line::styled(
        format!("#{} {} (@{})", u.id, u.name, u.username),
        b.theme.heading(),
    ));
    b.line(Line::raw(format!(
        "{}  ·  {}  ·  {}",
        u.email, u.phone, u.website
    )));
    let place: Vec<&str> = [u.city.as_deref(), u.company.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !place.is_empty() {
        b.line(Line::styled(place.join("  ·  "), b.theme.dim()));
    }
    match &u.posts {
        Ok(posts) => {
            b.heading(&format!("Posts ({})", posts.len()));
            for (id, title) in posts {
                b.span(format!("{id:>4} "), b.theme.dim());
                b.link(title.clone());
                b.end_line();
            }
        }
        Err(err) => {
            b.heading("Posts");
            b.error(err);
        }
    }
    match &u.todos {
        Ok(todos) => {
            let done = todos.iter().filter(|(_, d)| *d).count();
            b.heading(&format!("Todos ({done} of {} done)", todos.len()));
            for (title, completed) in todos {
                let mark = if *completed { "✓" } else { "·" };
                b.line(Line::raw(format!("  {mark} {title}")));
            }
        }
        Err(err) => {
            b.heading("Todos");
            b.error(err);
        }
    }
    match &u.albums {
        Ok(albums) => {
            b.heading(&format!("Albums ({})", albums.len()));
            for title in albums {
                b.line(Line::raw(format!("  {title}")));
            }
        }
        Err(err) => {
            b.heading("Albums");
            b.error(err);
        }
    }
}

fn breed(b: &mut Builder, d: &BreedDetail, cx: PageContext<'_>) {
    b.line(Line::styled(d.breed.to_string(), b.theme.heading()));
    if !d.sub_breeds.is_empty() {
        b.heading("Sub-breeds");
        for sub in &d.sub_breeds {
            b.raw("  ");
            b.link(sub.clone());
            b.end_line();
        }
    }
    b.heading("Random photo");
    if cx.images {
        b.line(Line::styled("n shows another", b.theme.dim()));
    } else {
        b.line(Line::styled(
            format!("[image: {}]", d.image_url),
            b.theme.dim(),
        ));
        b.line(Line::styled("n shows another", b.theme.dim()));
    }
}
