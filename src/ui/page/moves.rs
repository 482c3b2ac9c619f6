//! Moves on the pages: a Pokémon's level-up list (each move a link to its page) and a move's own
//! page.
//!
//! ```text
//! Level-up moves (scarlet-violet)
//! Lv   1  nuzzle
//! Lv   4  thunder-wave
//! Evo     thunder-punch
//! ```

use ratatui::text::Line;

use super::Builder;
use crate::ui::theme;
use crate::views::{LevelUpMoves, MoveDetail};

/// The "Level-up moves" section; learned at level 0 means on evolving (`Evo`).
pub(super) fn level_up(b: &mut Builder, list: &LevelUpMoves) {
    b.heading(&format!("Level-up moves ({})", list.version_group));
    for (level, name) in &list.moves {
        let label = if *level == 0 {
            format!("{:<8}", "Evo")
        } else {
            format!("Lv {level:>3}  ")
        };
        b.span(label, b.theme.dim());
        b.link(name.clone());
        b.end_line();
    }
    b.more(list.moves.more(), "moves");
}

/// A move's page: its name, type and class, numbers and effect.
pub(super) fn page(b: &mut Builder, m: &MoveDetail) {
    let title = m
        .display
        .as_deref()
        .map_or_else(|| m.name.clone(), |d| crate::names::with_slug(d, &m.name));
    b.span(format!("#{} {title}", m.id), b.theme.heading());
    b.end_line();
    if let Some(kind) = &m.kind {
        let index = b.page.links;
        if b.selected == Some(index) {
            b.link(format!(" {kind} "));
        } else {
            b.page.links += 1;
            b.span(format!(" {kind} "), theme::type_badge(kind));
        }
    }
    if let Some(class) = &m.damage_class {
        b.span(format!("  {class}"), b.theme.dim());
    }
    b.end_line();
    let number =
        |n: Option<u32>, unit: &str| n.map_or_else(|| "—".to_owned(), |n| format!("{n}{unit}"));
    b.line(Line::raw(format!(
        "power {}   accuracy {}   PP {}",
        number(m.power, ""),
        number(m.accuracy, "%"),
        number(m.pp, "")
    )));
    if let Some(effect) = &m.effect {
        b.blank();
        b.line(Line::raw(effect.clone()));
    }
}
