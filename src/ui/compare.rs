//! The compare view: marked Pokémon side by side, the best value in each row highlighted, and
//! what threatens them as a team.
//!
//! The names stay on top; everything under them scrolls when it does not fit (six Pokémon at
//! 80×24 do not), with `↓ more` on the border. Names are shortened and types stacked to fit
//! narrow columns.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::fit;
use super::page::stat_label;
use super::picture;
use super::status_bar::SPINNER;
use super::theme::{self, Theme};
use crate::app::compare::Compare;
use crate::app::loadable::Loadable;
use crate::keymap::KeyAction;
use crate::sanitize::line;
use crate::ui::Screen;
use crate::views::PokemonCard;
use crate::views::bounds::{MAX_LINE, clip};

mod team;

/// Width of the row labels on the left.
const LABEL: u16 = 9;
/// Rows for sprites.
const SPRITE_HEIGHT: u16 = 8;

/// Draws the comparison over `area`, clamping its scroll to what fits.
pub fn render(frame: &mut Frame, app: &mut Screen<'_>, area: Rect) {
    let closes = app
        .keymap
        .labels(&[KeyAction::Back, KeyAction::Compare], " or ");
    let block = Block::bordered()
        .title(format!(" compare · {closes} closes "))
        .border_style(app.theme.border(true));
    let inner = block.inner(area);
    let [header, body] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
    // Sprites only when wholly in sight: a terminal graphics protocol cannot draw part of a
    // picture, it would spill over what is below.
    let sprite_rows = if app.images_enabled && body.height >= SPRITE_HEIGHT {
        SPRITE_HEIGHT
    } else {
        0
    };
    // Everything under the names, drawn off screen first: then any rows of it can be shown.
    let text = match &app.compare {
        Some(compare) => render_body(app, compare, body.width),
        None => return,
    };
    // The sprites scroll away as one row: offset 0 shows them above the text, offset n ≥ 1
    // shows the text from its row n - 1.
    let text_rows = usize::from(text.area.height);
    let height = usize::from(body.height);
    let content = if sprite_rows > 0 {
        let max = text_rows.saturating_sub(height) + 1;
        let max = if text_rows + usize::from(sprite_rows) > height {
            max
        } else {
            0
        };
        max + height
    } else {
        text_rows
    };
    let Some(compare) = app.compare.as_mut() else {
        return;
    };
    compare.scroll.fit(content, body.height);
    let scroll = compare.scroll;
    let mut block = block;
    if let Some(more) = scroll.indicator() {
        // `↑↓ PgDn`: the keys that scroll it, as bound.
        let arrows = app
            .keymap
            .labels(&[KeyAction::SelectPrev, KeyAction::SelectNext], "");
        let page = app.keymap.labels(&[KeyAction::PageDown], "");
        let keys = [arrows, page].join(" ");
        block = block.title_bottom(
            Line::styled(format!(" {more} · {keys} "), app.theme.heading()).right_aligned(),
        );
    }
    frame.render_widget(block, area);
    let Some(compare) = &app.compare else {
        return;
    };
    let cards: Vec<Option<&PokemonCard>> = compare.cards.iter().map(|(_, c)| c.loaded()).collect();
    render_names(frame, app, compare, header);

    if sprite_rows > 0 && scroll.offset == 0 {
        let sprites = Rect {
            height: sprite_rows,
            ..body
        };
        for (card, cell) in cards.iter().zip(columns(sprites, cards.len())) {
            if let Some(url) = card.and_then(|c| c.sprite(app.shiny)) {
                picture::render(frame, &app.theme, app.images.get(url), cell);
            }
        }
    }
    let (top, first) = match (sprite_rows, scroll.offset) {
        (0, offset) => (0, offset),
        (rows, 0) => (rows, 0),
        (_, offset) => (0, offset - 1),
    };
    let buffer = frame.buffer_mut();
    for (row, source_row) in (top..body.height).zip(first..text.area.height) {
        for x in 0..body.width.min(text.area.width) {
            buffer[(body.x + x, body.y + row)] = text[(x, source_row)].clone();
        }
    }
}

/// The columns of one row, after the labels.
fn columns(row: Rect, n: usize) -> Vec<Rect> {
    let n = u32::try_from(n.max(1)).unwrap_or(1);
    let [_, rest] = Layout::horizontal([Constraint::Length(LABEL), Constraint::Fill(1)]).areas(row);
    Layout::horizontal(vec![Constraint::Ratio(1, n); n as usize])
        .split(rest)
        .to_vec()
}

/// `#25 pikachu` when every loaded name fits its column so (with a cell to spare before the
/// next), else names alone, cut short with `…` where even that does not fit.
fn fit_names(cards: &[(u32, String)], width: usize) -> Vec<String> {
    let room = width.saturating_sub(1);
    // Measured in cells: display names can be CJK (`ピカチュウ` is 10 cells).
    let with_ids = cards
        .iter()
        .all(|(id, name)| fit::width(&format!("#{id} {name}")) <= room);
    cards
        .iter()
        .map(|(id, name)| {
            if with_ids {
                format!("#{id} {name}")
            } else {
                fit::ellipsised(name, room)
            }
        })
        .collect()
}

fn render_names(frame: &mut Frame, app: &Screen<'_>, compare: &Compare, area: Rect) {
    let theme = app.theme;
    let spinner = SPINNER[app.spinner % SPINNER.len()];
    let cells = columns(area, compare.cards.len());
    let width = cells
        .iter()
        .map(|c| usize::from(c.width))
        .min()
        .unwrap_or(0);
    let loaded: Vec<(u32, String)> = compare
        .cards
        .iter()
        .filter_map(|(_, c)| c.loaded())
        .map(|c| (c.id, line(c.label()).into_owned()))
        .collect();
    let mut names = fit_names(&loaded, width).into_iter();
    for ((key, card), cell) in compare.cards.iter().zip(cells) {
        // The key is the name as the list had it from the API: sanitised for the screen.
        let key = line(&clip(&key.to_string(), MAX_LINE)).into_owned();
        let text = match card {
            Loadable::Loaded(_) => Line::styled(names.next().unwrap_or_default(), theme.heading()),
            Loadable::Loading { .. } | Loadable::Idle => Line::raw(format!("{spinner} {key}")),
            Loadable::NotFound { .. } => Line::styled(format!("✗ {key} not found"), theme.error()),
            Loadable::Failed(err) => Line::styled(
                format!("✗ {key}: {}", line(&err.to_string())),
                theme.error(),
            ),
        };
        frame.render_widget(text, cell);
    }
}

/// The table and the team lines, `width` wide, in a buffer as tall as they are.
fn render_body(app: &Screen<'_>, compare: &Compare, width: u16) -> Buffer {
    let cards: Vec<Option<&PokemonCard>> = compare.cards.iter().map(|(_, c)| c.loaded()).collect();
    let n = cards.len();
    let cell = columns(Rect::new(0, 0, width, 1), n)
        .iter()
        .map(|c| c.width)
        .min()
        .unwrap_or(0);
    // Types side by side when every card's fit its column, else one a row.
    let badges = |c: &PokemonCard| c.types.iter().map(|t| t.chars().count() + 3).sum::<usize>();
    let stacked = cards
        .iter()
        .flatten()
        .any(|c| badges(c).saturating_sub(1) > usize::from(cell));
    let type_rows = if stacked {
        cards
            .iter()
            .flatten()
            .map(|c| c.types.len())
            .max()
            .unwrap_or(1)
    } else {
        1
    };
    let stats = cards
        .iter()
        .flatten()
        .map(|c| c.stats.len())
        .max()
        .unwrap_or(0);
    // Stats the cards left out ([`crate::views::bounds::MAX_STATS`]) get one line under the total.
    let more = more_stats(&cards);
    let table_rows = if cards.iter().flatten().next().is_some() {
        type_rows + stats + 1 + usize::from(more > 0)
    } else {
        0
    };
    let team = team::lines(app, compare, usize::from(width));
    let height = u16::try_from(table_rows + team.len()).unwrap_or(u16::MAX);
    let mut buffer = Buffer::empty(Rect::new(0, 0, width, height));
    let table = Rect::new(0, 0, width, u16::try_from(table_rows).unwrap_or(0));
    render_table(&mut buffer, &app.theme, &cards, table, type_rows, stacked);
    let team_area = Rect::new(0, table.height, width, height - table.height);
    Paragraph::new(team).render(team_area, &mut buffer);
    buffer
}

/// Types, then one row per stat and a total; the best value of each row highlighted.
fn render_table(
    buf: &mut Buffer,
    theme: &Theme,
    cards: &[Option<&PokemonCard>],
    area: Rect,
    type_rows: usize,
    stacked: bool,
) {
    let Some(first) = cards.iter().flatten().next() else {
        return;
    };
    let stat_names: Vec<String> = first.stats.iter().map(|(name, _)| name.clone()).collect();
    // Rows and columns by arithmetic, not a layout solver: its cost grows faster than the
    // number of rows.
    let rows: Vec<Rect> = (0..area.height)
        .map(|i| Rect {
            y: area.y + i,
            height: 1,
            ..area
        })
        .collect();
    let first_row = Rect { height: 1, ..area };
    let cells_of_first = columns(first_row, cards.len());
    let cells = |row: Rect| cells_of_first.iter().map(move |c| Rect { y: row.y, ..*c });

    if let Some(row) = rows.first() {
        Line::styled("types", theme.dim()).render(*row, buf);
    }
    for (i, row) in rows.iter().take(type_rows).enumerate() {
        for (card, cell) in cards.iter().zip(cells(*row)) {
            let Some(card) = card else { continue };
            let types: Vec<&String> = if stacked {
                card.types.get(i).into_iter().collect()
            } else {
                card.types.iter().collect()
            };
            let mut spans = Vec::new();
            for t in types {
                spans.push(Span::styled(format!(" {t} "), theme::type_badge(t)));
                spans.push(Span::raw(" "));
            }
            Line::from(spans).render(cell, buf);
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
    for ((label, values), row) in row_values.iter().zip(rows.iter().skip(type_rows)) {
        // In its own column: a long label would show between the values.
        let label_cell = Rect {
            width: LABEL.min(row.width),
            ..*row
        };
        Line::raw(cut(label, usize::from(LABEL) - 1)).render(label_cell, buf);
        let best = values.iter().flatten().max().copied();
        for (v, cell) in values.iter().zip(cells(*row)) {
            let Some(v) = v else { continue };
            let is_best = Some(*v) == best && values.iter().flatten().count() > 1;
            let (style, marker) = if is_best {
                (theme.best(), " ★")
            } else {
                (ratatui::style::Style::new(), "")
            };
            Line::styled(format!("{v:>3}{marker}"), style).render(cell, buf);
        }
    }
    let more = more_stats(cards);
    if more > 0
        && let Some(row) = rows.get(type_rows + row_values.len())
    {
        Line::styled(
            format!("… {more} more stats (not in the total)"),
            theme.dim(),
        )
        .render(*row, buf);
    }
}

/// `label`, cut to `max` characters with `…`.
fn cut(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        return label.to_owned();
    }
    let mut cut: String = label.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// The most stats any card left out.
fn more_stats(cards: &[Option<&PokemonCard>]) -> usize {
    cards
        .iter()
        .flatten()
        .map(|c| c.stats.more())
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_fitted_in_cells_not_characters() {
        let cards = [(25, "ピカチュウ".to_owned()), (1, "Bulbasaur".to_owned())];
        // `#25 ピカチュウ` is 14 cells: with room for it, ids stay.
        assert_eq!(fit_names(&cards, 15), ["#25 ピカチュウ", "#1 Bulbasaur"]);
        // 8 cells wide (7 of room): the CJK name is cut to 6 cells and `…`, not 7 characters.
        let cut = fit_names(&cards, 8);
        assert_eq!(cut, ["ピカチ…", "Bulbas…"]);
        assert!(cut.iter().all(|n| fit::width(n) <= 7), "{cut:?}");
    }
}
