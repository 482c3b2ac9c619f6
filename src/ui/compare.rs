//! The compare view: marked Pokémon side by side, the best value in each row highlighted, and
//! what threatens them as a team.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::page::stat_label;
use super::picture;
use super::status_bar::SPINNER;
use super::theme::{self, Theme};
use crate::app::App;
use crate::app::loadable::Loadable;
use crate::fetch::PokemonCard;
use crate::sanitize::line;

/// Width of the row labels on the left.
const LABEL: u16 = 9;
/// Rows for sprites.
const SPRITE_HEIGHT: u16 = 8;

/// Draws the comparison over `area`.
pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let theme = app.theme;
    let Some(compare) = &app.compare else {
        return;
    };
    let spinner = SPINNER[app.spinner % SPINNER.len()];
    let block = Block::bordered()
        .title(" compare · Esc or c closes ")
        .border_style(theme.border(true));
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let n = u16::try_from(compare.cards.len()).unwrap_or(1).max(1);
    let cards: Vec<Option<&PokemonCard>> = compare.cards.iter().map(|(_, c)| c.loaded()).collect();
    let sprite_rows = if app.images_enabled { SPRITE_HEIGHT } else { 0 };
    let [names_area, sprites_area, table_area, team_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(sprite_rows),
        Constraint::Length(2 + stat_rows(&cards)),
        Constraint::Fill(1),
    ])
    .areas(inner);

    let columns = |row: Rect| -> Vec<Rect> {
        let [_, rest] =
            Layout::horizontal([Constraint::Length(LABEL), Constraint::Fill(1)]).areas(row);
        Layout::horizontal(vec![Constraint::Ratio(1, u32::from(n)); usize::from(n)])
            .split(rest)
            .to_vec()
    };

    for ((key, card), cell) in compare.cards.iter().zip(columns(names_area)) {
        // The key is the name as the list had it from the API: sanitised for the screen.
        let key = line(&key.to_string()).into_owned();
        let text = match card {
            Loadable::Loaded(c) => Line::styled(format!("#{} {}", c.id, c.name), theme.heading()),
            Loadable::Loading { .. } | Loadable::Idle => Line::raw(format!("{spinner} {key}")),
            Loadable::NotFound { .. } => Line::styled(format!("✗ {key} not found"), theme.error()),
            Loadable::Failed(err) => Line::styled(
                format!("✗ {key}: {}", line(&err.to_string())),
                theme.error(),
            ),
        };
        frame.render_widget(text, cell);
    }
    if sprite_rows > 0 {
        for (card, cell) in cards.iter().zip(columns(sprites_area)) {
            if let Some(url) = card.and_then(|c| c.sprite(app.shiny)) {
                picture::render(frame, &theme, app.images.get(url), cell);
            }
        }
    }
    render_table(frame, &theme, &cards, table_area, &columns);
    render_team(frame, app, team_area);
}

fn stat_rows(cards: &[Option<&PokemonCard>]) -> u16 {
    let stats = cards
        .iter()
        .flatten()
        .map(|c| c.stats.len())
        .max()
        .unwrap_or(0);
    u16::try_from(stats).unwrap_or(0)
}

/// Types, then one row per stat and a total; the best value of each row highlighted.
fn render_table(
    frame: &mut Frame,
    theme: &Theme,
    cards: &[Option<&PokemonCard>],
    area: Rect,
    columns: &dyn Fn(Rect) -> Vec<Rect>,
) {
    let Some(first) = cards.iter().flatten().next() else {
        return;
    };
    let stat_names: Vec<String> = first.stats.iter().map(|(name, _)| name.clone()).collect();
    let rows = Layout::vertical(vec![Constraint::Length(1); stat_names.len() + 2]).split(area);

    frame.render_widget(Line::styled("types", theme.dim()), rows[0]);
    for (card, cell) in cards.iter().zip(columns(rows[0])) {
        if let Some(card) = card {
            let mut spans = Vec::new();
            for t in &card.types {
                spans.push(Span::styled(format!(" {t} "), theme::type_badge(t)));
                spans.push(Span::raw(" "));
            }
            frame.render_widget(Line::from(spans), cell);
        }
    }

    let value = |card: &PokemonCard, stat: &str| {
        card.stats
            .iter()
            .find(|(name, _)| name == stat)
            .map(|(_, v)| u64::from(*v))
    };
    // In u64: values come from the API, and a few near `u32::MAX` would overflow a u32 sum.
    let total = |card: &PokemonCard| card.stats.iter().map(|(_, v)| u64::from(*v)).sum::<u64>();
    let mut row_values: Vec<(String, Vec<Option<u64>>)> = stat_names
        .iter()
        .map(|stat| {
            let values = cards
                .iter()
                .map(|c| c.and_then(|c| value(c, stat)))
                .collect();
            (stat_label(stat).to_owned(), values)
        })
        .collect();
    row_values.push((
        "Total".to_owned(),
        cards.iter().map(|c| c.map(total)).collect(),
    ));
    for ((label, values), row) in row_values.iter().zip(rows.iter().skip(1)) {
        frame.render_widget(Line::raw(label.clone()), *row);
        let best = values.iter().flatten().max().copied();
        for (v, cell) in values.iter().zip(columns(*row)) {
            let Some(v) = v else { continue };
            let style = if Some(*v) == best && values.iter().flatten().count() > 1 {
                theme.best()
            } else {
                ratatui::style::Style::new()
            };
            let marker = if style == theme.best() { " ★" } else { "" };
            frame.render_widget(Line::styled(format!("{v:>3}{marker}"), style), cell);
        }
    }
}

/// The team's shared weaknesses and the attacking types nobody resists.
fn render_team(frame: &mut Frame, app: &App, area: Rect) {
    let theme = app.theme;
    let Some(compare) = &app.compare else {
        return;
    };
    let mut lines = vec![
        Line::default(),
        Line::styled("Team matchups", theme.heading()),
    ];
    match &app.type_chart {
        Loadable::Loaded(chart) => {
            let team = chart.team(&compare.team_types());
            let mut weak = vec![Span::styled("weak (2+ members)  ", theme.dim())];
            if team.shared_weaknesses.is_empty() {
                weak.push(Span::styled("—", theme.dim()));
            }
            for (t, count) in &team.shared_weaknesses {
                weak.push(Span::styled(format!(" {t} "), theme::type_badge(t)));
                weak.push(Span::raw(format!("×{count}  ")));
            }
            lines.push(Line::from(weak));
            let mut open = vec![Span::styled("nobody resists     ", theme.dim())];
            if team.unresisted.is_empty() {
                open.push(Span::styled("—", theme.dim()));
            }
            for t in &team.unresisted {
                open.push(Span::styled(format!(" {t} "), theme::type_badge(t)));
                open.push(Span::raw(" "));
            }
            lines.push(Line::from(open));
        }
        Loadable::Failed(err) => {
            lines.push(Line::styled(
                format!("✗ type chart: {err} (r retries)"),
                theme.error(),
            ));
        }
        _ => lines.push(Line::styled("loading the type chart…", theme.dim())),
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}
