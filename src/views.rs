//! What the TUI shows, built from API resources by [`crate::fetch`].
//!
//! UI code never sees API types: these view models hold exactly what is drawn, and every string in
//! them has already been through [`crate::sanitize`], so nothing from the network reaches the
//! terminal raw.

use crate::api::dogapi::models::BreedName;
use crate::app::source::ItemKey;

/// One row of a tab's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListEntry {
    /// What to fetch when the row is opened.
    pub key: ItemKey,
    /// The searchable title (a Pokémon's name, a post's title, a breed's name).
    pub title: String,
    /// Shown dim before the title (`#25`).
    pub tag: Option<String>,
    /// Shown dim after the title (a post's author, a breed's sub-breed count).
    pub secondary: Option<String>,
    /// For a sub-breed: its breed, so the unfiltered list can indent it under the breed.
    pub parent: Option<String>,
    /// A numeric id, so typing `25` finds #25 first.
    pub id: Option<u32>,
}

/// A fetched item, ready to draw in the detail pane.
#[derive(Debug, Clone, PartialEq)]
pub enum Detail {
    /// A Pokémon.
    Pokemon(PokemonDetail),
    /// A post.
    Post(PostDetail),
    /// A dog breed.
    Breed(BreedDetail),
}

/// A part of a detail that needed its own request: it may have failed while the rest loaded.
pub type Part<T> = Result<T, String>;

/// A Pokémon with its species text and its abilities' effects.
#[derive(Debug, Clone, PartialEq)]
pub struct PokemonDetail {
    /// Dex id.
    pub id: u32,
    /// Name.
    pub name: String,
    /// Category, e.g. "Mouse Pokémon" (from the species).
    pub genus: Option<String>,
    /// Type names in slot order.
    pub types: Vec<String>,
    /// Height in decimetres.
    pub height_dm: u32,
    /// Weight in hectograms.
    pub weight_hg: u32,
    /// Base stats: name and value.
    pub stats: Vec<(String, u32)>,
    /// Abilities with their effects.
    pub abilities: Vec<AbilityInfo>,
    /// The latest English Pokédex entry (from the species).
    pub flavor: Part<Option<String>>,
    /// Default front sprite URL.
    pub sprite_url: Option<String>,
}

/// An ability as shown under a Pokémon.
#[derive(Debug, Clone, PartialEq)]
pub struct AbilityInfo {
    /// Name.
    pub name: String,
    /// Whether it is the hidden ability.
    pub hidden: bool,
    /// Its one-line effect.
    pub effect: Part<Option<String>>,
}

/// A post with its author and comments.
#[derive(Debug, Clone, PartialEq)]
pub struct PostDetail {
    /// Post id.
    pub id: u32,
    /// Title.
    pub title: String,
    /// Body.
    pub body: String,
    /// Author's user id.
    pub user_id: u32,
    /// The author, fetched (`None` if the user does not exist).
    pub author: Part<Option<Author>>,
    /// The comments, fetched.
    pub comments: Part<Vec<CommentView>>,
}

/// A post's author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    /// Full name.
    pub name: String,
    /// Handle.
    pub username: String,
    /// Email.
    pub email: String,
    /// Company name.
    pub company: Option<String>,
}

/// One comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentView {
    /// Subject.
    pub name: String,
    /// Commenter's email.
    pub email: String,
    /// Body.
    pub body: String,
}

/// A breed with one random image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BreedDetail {
    /// The breed (or sub-breed).
    pub breed: BreedName,
    /// Its sub-breeds, from the breed list.
    pub sub_breeds: Vec<String>,
    /// A random image's URL.
    pub image_url: String,
}
