//! The detail pane: the selected item, fetched, or why it is not there.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::status_bar::SPINNER;
use super::theme;
use crate::app::loadable::Loadable;
use crate::app::{App, Focus};
use crate::views::{BreedDetail, Detail, PokemonDetail, PostDetail};

/// Cells a full (255) stat bar takes.
const BAR_WIDTH: u32 = 24;

/// Draws the active tab's detail pane, clamping its scroll to the content.
pub fn render(frame: &mut Frame, app: &mut App, area: Rect) {
    let focused = app.focus == Focus::Detail;
    let spinner = SPINNER[app.spinner % SPINNER.len()];
    let detail = &mut app.tabs[app.active.index()].detail;
    let title = match &detail.key {
        Some(key) => format!(" {key} "),
        None => " detail ".to_owned(),
    };
    let lines = match &detail.state {
        Loadable::Idle => vec![Line::styled("select an item", theme::dim())],
        Loadable::Loading { .. } => vec![Line::raw(format!("{spinner} fetching…"))],
        Loadable::Failed(err) => vec![
            Line::styled(format!("✗ {err}"), theme::error()),
            Line::default(),
            Line::styled("r retries", theme::dim()),
        ],
        Loadable::NotFound { query, suggestions } => not_found(query, suggestions),
        Loadable::Loaded(Detail::Pokemon(p)) => pokemon(p),
        Loadable::Loaded(Detail::Post(p)) => post(p),
        Loadable::Loaded(Detail::Breed(b)) => breed(b),
    };
    let block = Block::bordered()
        .title(title)
        .border_style(theme::border(focused));
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    let inner = block.inner(area);
    let total = paragraph.line_count(inner.width);
    let max_scroll = total.saturating_sub(usize::from(inner.height));
    detail.scroll = detail
        .scroll
        .min(u16::try_from(max_scroll).unwrap_or(u16::MAX));
    let mut block = block;
    if max_scroll > 0 {
        block = block.title_bottom(
            Line::styled(
                format!(" {}/{} ", usize::from(detail.scroll) + 1, max_scroll + 1),
                theme::dim(),
            )
            .right_aligned(),
        );
    }
    frame.render_widget(paragraph.scroll((detail.scroll, 0)).block(block), area);
}

fn not_found(query: &str, suggestions: &[String]) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled(
        format!("✗ not found: {query}"),
        theme::error(),
    )];
    if !suggestions.is_empty() {
        lines.push(Line::default());
        lines.push(Line::styled("did you mean", theme::heading()));
        lines.extend(suggestions.iter().map(|s| Line::raw(format!("  {s}"))));
    }
    lines
}

fn section(title: &str) -> [Line<'static>; 2] {
    [
        Line::default(),
        Line::styled(title.to_owned(), theme::heading()),
    ]
}

fn part_error(err: &str) -> Line<'static> {
    Line::styled(format!("✗ could not fetch: {err}"), theme::error())
}

fn pokemon(p: &PokemonDetail) -> Vec<Line<'static>> {
    let mut header = vec![Span::styled(
        format!("#{} {}", p.id, p.name),
        theme::heading(),
    )];
    if let Some(genus) = &p.genus {
        header.push(Span::styled(format!("  {genus}"), theme::dim()));
    }
    let mut lines = vec![Line::from(header)];
    let mut badges = Vec::new();
    for t in &p.types {
        badges.push(Span::styled(format!(" {t} "), theme::type_badge(t)));
        badges.push(Span::raw(" "));
    }
    lines.push(Line::from(badges));
    lines.push(Line::raw(format!(
        "height {:.1} m   weight {:.1} kg",
        f64::from(p.height_dm) / 10.0,
        f64::from(p.weight_hg) / 10.0
    )));

    lines.extend(section("Base stats"));
    for (name, value) in &p.stats {
        let filled = (value.min(&255) * BAR_WIDTH).div_ceil(255);
        lines.push(Line::from(vec![
            Span::raw(format!("{:<8} {value:>3} ", stat_label(name))),
            Span::styled("█".repeat(filled as usize), theme::stat_bar(*value)),
            Span::styled(
                "░".repeat(BAR_WIDTH.saturating_sub(filled) as usize),
                theme::dim(),
            ),
        ]));
    }
    let total: u32 = p.stats.iter().map(|(_, v)| v).sum();
    lines.push(Line::raw(format!("{:<8} {total:>3}", "Total")));

    lines.extend(section("Abilities"));
    for a in &p.abilities {
        let mut spans = vec![Span::styled(a.name.clone(), theme::heading())];
        if a.hidden {
            spans.push(Span::styled(" (hidden)", theme::dim()));
        }
        match &a.effect {
            Ok(Some(effect)) => spans.push(Span::raw(format!(" — {effect}"))),
            Ok(None) => {}
            Err(err) => spans.push(Span::styled(format!(" — ✗ {err}"), theme::error())),
        }
        lines.push(Line::from(spans));
    }

    match &p.flavor {
        Ok(Some(text)) => {
            lines.extend(section("Pokédex"));
            lines.push(Line::raw(text.clone()));
        }
        Ok(None) => {}
        Err(err) => {
            lines.extend(section("Pokédex"));
            lines.push(part_error(err));
        }
    }
    if let Some(url) = &p.sprite_url {
        lines.extend(section("Sprite"));
        lines.push(Line::styled(format!("[image: {url}]"), theme::dim()));
    }
    lines
}

fn stat_label(name: &str) -> &str {
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

fn post(p: &PostDetail) -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::styled(format!("#{} {}", p.id, p.title), theme::heading()),
        Line::default(),
    ];
    lines.extend(p.body.lines().map(|l| Line::raw(l.to_owned())));
    lines.extend(section("Author"));
    match &p.author {
        Ok(Some(a)) => {
            lines.push(Line::raw(format!(
                "{} (@{}) <{}>",
                a.name, a.username, a.email
            )));
            if let Some(company) = &a.company {
                lines.push(Line::styled(company.clone(), theme::dim()));
            }
        }
        Ok(None) => lines.push(Line::styled(
            format!("user {} not found", p.user_id),
            theme::dim(),
        )),
        Err(err) => lines.push(part_error(err)),
    }
    match &p.comments {
        Ok(comments) => {
            lines.extend(section(&format!("Comments ({})", comments.len())));
            for c in comments {
                lines.push(Line::from(vec![
                    Span::styled(c.name.clone(), theme::heading()),
                    Span::styled(format!("  <{}>", c.email), theme::dim()),
                ]));
                lines.extend(c.body.lines().map(|l| Line::raw(format!("  {l}"))));
            }
        }
        Err(err) => {
            lines.extend(section("Comments"));
            lines.push(part_error(err));
        }
    }
    lines
}

fn breed(b: &BreedDetail) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled(b.breed.to_string(), theme::heading())];
    if !b.sub_breeds.is_empty() {
        lines.extend(section("Sub-breeds"));
        lines.extend(b.sub_breeds.iter().map(|s| Line::raw(format!("  {s}"))));
    }
    lines.extend(section("Random photo"));
    lines.push(Line::styled(
        format!("[image: {}]", b.image_url),
        theme::dim(),
    ));
    lines
}
