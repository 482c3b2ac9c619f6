//! What a Pokémon's page and its compare card both show of it — its types and base stats —
//! cut and sanitised in one place, so the two can never disagree.

use crate::api::pokeapi::models::Pokemon;
use crate::views::bounds::{MAX_STATS, MAX_TYPES, Rows, short};

/// Its types in slot order, at most [`MAX_TYPES`].
pub(super) fn types(p: &Pokemon) -> Vec<String> {
    p.type_names()
        .iter()
        .take(MAX_TYPES)
        .map(|t| short(t))
        .collect()
}

/// Its base stats, name and value, cut to [`MAX_STATS`].
pub(super) fn stats(p: &Pokemon) -> Rows<(String, u32)> {
    Rows::map(&p.stats, MAX_STATS, |s| (short(&s.stat.name), s.base_stat))
}
