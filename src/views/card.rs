//! What the compare view shows of one Pokémon.

use crate::views::bounds::Rows;

/// What the compare view shows of one Pokémon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PokemonCard {
    /// Dex id.
    pub id: u32,
    /// Name (the slug).
    pub name: String,
    /// The display name in the content language, from the bundled name table (`None`: a form,
    /// or a species newer than the table).
    pub display: Option<String>,
    /// Types in slot order.
    pub types: Vec<String>,
    /// Base stats: name and value (cut to [`MAX_STATS`](crate::views::bounds::MAX_STATS)).
    pub stats: Rows<(String, u32)>,
    /// Default sprite.
    pub sprite_url: Option<String>,
    /// Shiny sprite.
    pub shiny_url: Option<String>,
}

impl PokemonCard {
    /// The sprite to show (shiny where asked for and present).
    pub fn sprite(&self, shiny: bool) -> Option<&str> {
        crate::views::pick_sprite(self.sprite_url.as_deref(), self.shiny_url.as_deref(), shiny)
    }

    /// The name the card shows: the display name, else the slug.
    pub fn label(&self) -> &str {
        self.display.as_deref().unwrap_or(&self.name)
    }
}
