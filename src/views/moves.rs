//! Moves as the pages draw them: a Pokémon's level-up list and a move's own page.

use crate::api::pokeapi::models::PokemonMove;
use crate::api::pokeapi::moves::latest_level_up;
use crate::views::bounds::{MAX_ROWS, Rows, short};

/// The moves a Pokémon learns by level in the newest version group it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LevelUpMoves {
    /// The version group (`scarlet-violet`).
    pub version_group: String,
    /// Level (0: on evolving) and move slug, by level; cut to [`MAX_ROWS`].
    pub moves: Rows<(u32, String)>,
}

impl LevelUpMoves {
    /// The list from a Pokémon's `moves`; `None` when it learns nothing by level.
    pub fn from_moves(moves: &[PokemonMove]) -> Option<Self> {
        let (group, rows) = latest_level_up(moves)?;
        Some(Self {
            version_group: short(group),
            moves: Rows::map(&rows, MAX_ROWS, |m| (m.level, short(m.name))),
        })
    }
}

/// A move's page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoveDetail {
    /// Move id.
    pub id: u32,
    /// The slug.
    pub name: String,
    /// The display name in the content language (`None`: the API has none).
    pub display: Option<String>,
    /// Its type (a link), if the API gives one.
    pub kind: Option<String>,
    /// `physical`, `special` or `status`.
    pub damage_class: Option<String>,
    /// Base power.
    pub power: Option<u32>,
    /// Percent chance to hit.
    pub accuracy: Option<u32>,
    /// Power points.
    pub pp: Option<u32>,
    /// Its effect in the content language.
    pub effect: Option<String>,
}
