//! What the TUI shows, built from API resources by the `fetch` layer.
//!
//! UI code never sees API types: these view models hold exactly what is drawn, and every string in
//! them has already been through [`crate::sanitize`], so nothing from the network reaches the
//! terminal raw. Every list and string in them is also cut to a size ([`crate::views::bounds`]): a
//! hostile answer cannot make a page too big to draw on every frame.

pub mod bounds;
mod card;
pub mod evolution;
mod fetched;
pub mod moves;
pub mod record;

pub use card::PokemonCard;
pub use evolution::EvolutionNode;
pub use fetched::Fetched;
pub use moves::{LevelUpMoves, MoveDetail};

use crate::api::dogapi::models::BreedName;
use crate::model::ItemKey;
use crate::views::bounds::Rows;

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

impl ListEntry {
    /// What the search box matches: the title, and for a post its author too (each row shows
    /// it, so `/Ervin` should find Ervin Howell's posts). The author comes after one space, so
    /// a match's positions past the title are the author's (the list pane highlights them).
    pub fn search_text(&self) -> std::borrow::Cow<'_, str> {
        match (&self.key, &self.secondary) {
            (ItemKey::Post(_), Some(author)) => format!("{} {author}", self.title).into(),
            _ => self.title.as_str().into(),
        }
    }
}

/// A fetched item, ready to draw in the detail pane.
#[derive(Debug, Clone, PartialEq)]
pub enum Detail {
    /// A Pokémon.
    Pokemon(PokemonDetail),
    /// An ability.
    Ability(AbilityDetail),
    /// A type.
    Type(TypeDetail),
    /// A post.
    Post(PostDetail),
    /// A user (a post's author).
    User(UserDetail),
    /// A dog breed.
    Breed(BreedDetail),
    /// A move.
    Move(MoveDetail),
    /// An item of a registered source.
    Record(record::RecordPage),
}

impl Detail {
    /// Every linked resource on the page, in the order the page shows them: what `Enter` can
    /// open from the detail pane.
    pub fn links(&self) -> Vec<ItemKey> {
        match self {
            Self::Pokemon(p) => {
                let mut links: Vec<ItemKey> =
                    p.types.iter().map(|t| ItemKey::Type(t.clone())).collect();
                links.extend(p.abilities.iter().map(|a| ItemKey::Ability(a.name.clone())));
                if let Ok(Some(tree)) = &p.evolution
                    && !tree.evolves_to.is_empty()
                {
                    links.extend(
                        tree.members()
                            .into_iter()
                            .map(|n| ItemKey::Pokemon(n.name.clone())),
                    );
                }
                if let Some(moves) = &p.moves {
                    links.extend(moves.moves.iter().map(|(_, m)| ItemKey::Move(m.clone())));
                }
                links
            }
            Self::Move(m) => m.kind.iter().map(|t| ItemKey::Type(t.clone())).collect(),
            Self::Ability(a) => a
                .pokemon
                .iter()
                .map(|(name, _)| ItemKey::Pokemon(name.clone()))
                .collect(),
            Self::Type(t) => t
                .relations()
                .iter()
                .flat_map(|(_, names)| names.iter().map(|n| ItemKey::Type(n.clone())))
                .chain(t.pokemon.iter().map(|n| ItemKey::Pokemon(n.clone())))
                .collect(),
            Self::Post(p) => vec![ItemKey::User(p.user_id)],
            Self::User(u) => u
                .posts
                .as_ref()
                .map(|posts| posts.iter().map(|(id, _)| ItemKey::Post(*id)).collect())
                .unwrap_or_default(),
            Self::Breed(b) => b
                .sub_breeds
                .iter()
                .map(|sub| {
                    ItemKey::Breed(BreedName {
                        breed: b.breed.breed.clone(),
                        sub: Some(sub.clone()),
                    })
                })
                .collect(),
            Self::Record(r) => r.links.iter().map(|(_, key)| key.clone()).collect(),
        }
    }

    /// The picture this page shows, if any (`shiny` picks the shiny sprite where one exists).
    pub fn picture_url(&self, shiny: bool) -> Option<&str> {
        match self {
            Self::Pokemon(p) => p.sprite(shiny),
            Self::Breed(b) if !b.image_url.is_empty() => Some(&b.image_url),
            _ => None,
        }
    }
}

/// A part of a detail that needed its own request: it may have failed while the rest loaded.
pub type Part<T> = Result<T, String>;

/// A Pokémon with its species text and its abilities' effects.
#[derive(Debug, Clone, PartialEq)]
pub struct PokemonDetail {
    /// Dex id.
    pub id: u32,
    /// Name (the slug).
    pub name: String,
    /// The display name in the content language, from the species (`None`: none known).
    pub display: Option<String>,
    /// Category, e.g. "Mouse Pokémon" (from the species).
    pub genus: Option<String>,
    /// Type names in slot order.
    pub types: Vec<String>,
    /// Height in decimetres.
    pub height_dm: u32,
    /// Weight in hectograms.
    pub weight_hg: u32,
    /// Base stats: name and value.
    pub stats: Rows<(String, u32)>,
    /// Abilities with their effects.
    pub abilities: Rows<AbilityInfo>,
    /// The latest English Pokédex entry (from the species).
    pub flavor: Part<Option<String>>,
    /// Default front sprite URL.
    pub sprite_url: Option<String>,
    /// Shiny front sprite URL.
    pub shiny_url: Option<String>,
    /// The evolution tree, from species → evolution chain (`None`: the species has none).
    pub evolution: Part<Option<Box<EvolutionNode>>>,
    /// The level-up moves of the newest version group it has (`None`: it learns none by level).
    pub moves: Option<Box<LevelUpMoves>>,
}

impl PokemonDetail {
    /// The sprite to show: the shiny one when asked for and present, else the default.
    pub fn sprite(&self, shiny: bool) -> Option<&str> {
        pick_sprite(self.sprite_url.as_deref(), self.shiny_url.as_deref(), shiny)
    }
}

/// The sprite a Pokémon's page or compare card shows: `shiny_url` when the shiny one is asked
/// for and there is one, else `default`.
pub fn pick_sprite<'a>(
    default: Option<&'a str>,
    shiny_url: Option<&'a str>,
    shiny: bool,
) -> Option<&'a str> {
    shiny_url.filter(|_| shiny).or(default)
}

/// An ability with the Pokémon that can have it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AbilityDetail {
    /// Ability id.
    pub id: u32,
    /// Name.
    pub name: String,
    /// Its effect (long form where the API has one).
    pub effect: Option<String>,
    /// Pokémon with it: name and whether it is hidden for them.
    pub pokemon: Rows<(String, bool)>,
}

/// A type with its damage relations and its Pokémon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeDetail {
    /// Type id.
    pub id: u32,
    /// Name.
    pub name: String,
    /// Types it hits for double damage.
    pub double_to: Vec<String>,
    /// Types it hits for half damage.
    pub half_to: Vec<String>,
    /// Types it cannot hurt.
    pub no_to: Vec<String>,
    /// Types hitting it for double damage.
    pub double_from: Vec<String>,
    /// Types hitting it for half damage.
    pub half_from: Vec<String>,
    /// Types that cannot hurt it.
    pub no_from: Vec<String>,
    /// Pokémon of this type.
    pub pokemon: Rows<String>,
}

impl TypeDetail {
    /// The relations as labelled groups, in the order the page shows them.
    pub fn relations(&self) -> [(&'static str, &[String]); 6] {
        [
            ("2× damage to", &self.double_to),
            ("½× damage to", &self.half_to),
            ("no damage to", &self.no_to),
            ("2× damage from", &self.double_from),
            ("½× damage from", &self.half_from),
            ("no damage from", &self.no_from),
        ]
    }
}

/// A user with their posts, todos and albums.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserDetail {
    /// User id.
    pub id: u32,
    /// Full name.
    pub name: String,
    /// Handle.
    pub username: String,
    /// Email.
    pub email: String,
    /// Phone.
    pub phone: String,
    /// Website.
    pub website: String,
    /// City.
    pub city: Option<String>,
    /// Company name.
    pub company: Option<String>,
    /// Their posts: id and title.
    pub posts: Part<Rows<(u32, String)>>,
    /// Their todos: title and whether done.
    pub todos: Part<Rows<(String, bool)>>,
    /// Their albums' titles.
    pub albums: Part<Rows<String>>,
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
    pub comments: Part<Rows<CommentView>>,
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
    pub sub_breeds: Rows<String>,
    /// A random image's URL.
    pub image_url: String,
}
