//! Pokémon, ability and type pages.

use ratatui::text::Line;

use super::{Builder, PageContext, stat_bar};
use crate::app::loadable::Loadable;
use crate::matchups::TypeChart;
use crate::ui::theme;
use crate::views::{AbilityDetail, PokemonDetail, TypeDetail};

pub(super) fn pokemon(b: &mut Builder, p: &PokemonDetail, cx: PageContext<'_>) {
    let title = p
        .display
        .as_deref()
        .map_or_else(|| p.name.clone(), |d| crate::names::with_slug(d, &p.name));
    b.span(format!("#{} {title}", p.id), b.theme.heading());
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
    b.more(p.stats.more(), "stats (not in the total)");
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
    b.more(p.abilities.more(), "abilities");

    match &p.evolution {
        Ok(Some(tree)) => super::evolution::tree(b, tree),
        Ok(None) => {}
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
    if let Some(moves) = &p.moves {
        super::moves::level_up(b, moves);
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

pub(super) fn ability(b: &mut Builder, a: &AbilityDetail) {
    b.line(Line::styled(
        format!("#{} {}", a.id, a.name),
        b.theme.heading(),
    ));
    if let Some(effect) = &a.effect {
        b.blank();
        b.line(Line::raw(effect.clone()));
    }
    b.heading(&format!("Pokémon with {} ({})", a.name, a.pokemon.total()));
    for (name, hidden) in &a.pokemon {
        b.raw("  ");
        b.link(name.clone());
        if *hidden {
            b.span(" (hidden)", b.theme.dim());
        }
        b.end_line();
    }
    b.more(a.pokemon.more(), "Pokémon");
}

pub(super) fn type_(b: &mut Builder, t: &TypeDetail) {
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
    b.heading(&format!("Pokémon ({})", t.pokemon.total()));
    for name in &t.pokemon {
        b.raw("  ");
        b.link(name.clone());
        b.end_line();
    }
    b.more(t.pokemon.more(), "Pokémon");
}
