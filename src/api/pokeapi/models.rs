//! PokeAPI resources, with only the fields apidex shows. Unknown fields are ignored and optional
//! ones default, so a response with more (or fewer optional) fields still decodes.

use serde::Deserialize;

pub use super::evolution::{ChainLink, EvolutionChain, EvolutionDetail};
pub use super::moves::{Move, PokemonMove, VersionGroupDetail};

/// A link to another resource: `{"name": "static", "url": ".../ability/9/"}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct NamedResource {
    /// The resource's name.
    pub name: String,
    /// Its URL (absolute on the live API).
    pub url: String,
}

impl NamedResource {
    /// The numeric id at the end of the URL (`.../pokemon/25/` → 25).
    pub fn id(&self) -> Option<u32> {
        id_from_url(&self.url)
    }
}

/// The numeric id at the end of a PokeAPI resource URL, with or without a trailing slash.
pub fn id_from_url(url: &str) -> Option<u32> {
    url.trim_end_matches('/').rsplit('/').next()?.parse().ok()
}

/// A link without a name: `{"url": ".../evolution-chain/10/"}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ApiLink {
    /// The linked resource's URL.
    pub url: String,
}

/// `GET /pokemon/{name or id}`.
#[derive(Debug, Clone, Deserialize)]
pub struct Pokemon {
    /// National dex id (forms have ids above 10000).
    pub id: u32,
    /// Lower-case name, e.g. `pikachu`.
    pub name: String,
    /// Height in decimetres.
    #[serde(default)]
    pub height: u32,
    /// Weight in hectograms.
    #[serde(default)]
    pub weight: u32,
    /// Experience gained for defeating it; missing for some forms.
    #[serde(default)]
    pub base_experience: Option<u32>,
    /// Its types, by slot.
    #[serde(default)]
    pub types: Vec<PokemonType>,
    /// Base stats (hp, attack, …).
    #[serde(default)]
    pub stats: Vec<PokemonStat>,
    /// Abilities, hidden ones included.
    #[serde(default)]
    pub abilities: Vec<PokemonAbility>,
    /// Sprite URLs.
    #[serde(default)]
    pub sprites: Sprites,
    /// The species this Pokémon belongs to.
    pub species: Option<NamedResource>,
    /// The moves it can learn, with how and when, per version group.
    #[serde(default)]
    pub moves: Vec<PokemonMove>,
}

impl Pokemon {
    /// Type names in slot order.
    pub fn type_names(&self) -> Vec<&str> {
        let mut types: Vec<&PokemonType> = self.types.iter().collect();
        types.sort_by_key(|t| t.slot);
        types.into_iter().map(|t| t.kind.name.as_str()).collect()
    }

    /// Sum of all base stats (in `u64`: stats come from outside and their sum must not
    /// overflow, however large they are).
    pub fn base_stat_total(&self) -> u64 {
        self.stats.iter().map(|s| u64::from(s.base_stat)).sum()
    }
}

/// One of a Pokémon's types.
#[derive(Debug, Clone, Deserialize)]
pub struct PokemonType {
    /// 1 for the primary type, 2 for the secondary.
    #[serde(default)]
    pub slot: u8,
    /// The type itself.
    #[serde(rename = "type")]
    pub kind: NamedResource,
}

/// One base stat.
#[derive(Debug, Clone, Deserialize)]
pub struct PokemonStat {
    /// The value, 1–255.
    pub base_stat: u32,
    /// Which stat (`hp`, `attack`, `special-defense`, …).
    pub stat: NamedResource,
}

/// One of a Pokémon's abilities.
#[derive(Debug, Clone, Deserialize)]
pub struct PokemonAbility {
    /// The ability.
    pub ability: NamedResource,
    /// Whether it is the hidden ability.
    #[serde(default)]
    pub is_hidden: bool,
    /// Its slot.
    #[serde(default)]
    pub slot: u8,
}

/// Sprite URLs; any of them may be `null`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Sprites {
    /// The default front sprite.
    #[serde(default)]
    pub front_default: Option<String>,
    /// The shiny front sprite.
    #[serde(default)]
    pub front_shiny: Option<String>,
}

/// `GET /pokemon-species/{name or id}`.
#[derive(Debug, Clone, Deserialize)]
pub struct Species {
    /// Species id (same as the default Pokémon's).
    pub id: u32,
    /// Lower-case name.
    pub name: String,
    /// Display names per language ("Pikachu", "ピカチュウ").
    #[serde(default)]
    pub names: Vec<LocalName>,
    /// Category per language, e.g. "Mouse Pokémon".
    #[serde(default)]
    pub genera: Vec<Genus>,
    /// Pokédex entries per game and language.
    #[serde(default)]
    pub flavor_text_entries: Vec<FlavorText>,
    /// Link to its evolution chain.
    #[serde(default)]
    pub evolution_chain: Option<ApiLink>,
    /// The generation that introduced it.
    #[serde(default)]
    pub generation: Option<NamedResource>,
    /// Legendary Pokémon.
    #[serde(default)]
    pub is_legendary: bool,
    /// Mythical Pokémon.
    #[serde(default)]
    pub is_mythical: bool,
}

/// A display name in one language.
#[derive(Debug, Clone, Deserialize)]
pub struct LocalName {
    /// The name.
    pub name: String,
    /// Its language.
    pub language: NamedResource,
}

/// A genus in one language.
#[derive(Debug, Clone, Deserialize)]
pub struct Genus {
    /// The text.
    pub genus: String,
    /// Its language.
    pub language: NamedResource,
}

/// A Pokédex or in-game description in one language.
#[derive(Debug, Clone, Deserialize)]
pub struct FlavorText {
    /// The text, with the game's hard line breaks.
    pub flavor_text: String,
    /// Its language.
    pub language: NamedResource,
}

/// `GET /ability/{name or id}`.
#[derive(Debug, Clone, Deserialize)]
pub struct Ability {
    /// Ability id.
    pub id: u32,
    /// Lower-case name.
    pub name: String,
    /// Display names per language.
    #[serde(default)]
    pub names: Vec<LocalName>,
    /// Effect descriptions per language.
    #[serde(default)]
    pub effect_entries: Vec<EffectEntry>,
    /// In-game descriptions (used when no effect entry exists, as for newer abilities).
    #[serde(default)]
    pub flavor_text_entries: Vec<FlavorText>,
    /// Pokémon that can have it.
    #[serde(default)]
    pub pokemon: Vec<AbilityPokemon>,
}

/// An effect description in one language.
#[derive(Debug, Clone, Deserialize)]
pub struct EffectEntry {
    /// The long description.
    #[serde(default)]
    pub effect: String,
    /// The one-line description.
    #[serde(default)]
    pub short_effect: String,
    /// Its language.
    pub language: NamedResource,
}

/// A Pokémon that can have an ability.
#[derive(Debug, Clone, Deserialize)]
pub struct AbilityPokemon {
    /// Whether the ability is hidden for this Pokémon.
    #[serde(default)]
    pub is_hidden: bool,
    /// The Pokémon.
    pub pokemon: NamedResource,
}

/// `GET /type/{name or id}`.
#[derive(Debug, Clone, Deserialize)]
pub struct Type {
    /// Type id.
    pub id: u32,
    /// Lower-case name.
    pub name: String,
    /// Damage multipliers against and from other types.
    #[serde(default)]
    pub damage_relations: DamageRelations,
    /// Pokémon of this type.
    #[serde(default)]
    pub pokemon: Vec<TypePokemon>,
}

/// Which types this type hits or is hit by for double, half or no damage.
#[derive(Debug, Clone, Default, Deserialize)]
#[allow(clippy::struct_field_names)] // the API's own names
pub struct DamageRelations {
    /// Types that deal double damage to this one.
    #[serde(default)]
    pub double_damage_from: Vec<NamedResource>,
    /// Types this one deals double damage to.
    #[serde(default)]
    pub double_damage_to: Vec<NamedResource>,
    /// Types that deal half damage to this one.
    #[serde(default)]
    pub half_damage_from: Vec<NamedResource>,
    /// Types this one deals half damage to.
    #[serde(default)]
    pub half_damage_to: Vec<NamedResource>,
    /// Types that deal no damage to this one.
    #[serde(default)]
    pub no_damage_from: Vec<NamedResource>,
    /// Types this one deals no damage to.
    #[serde(default)]
    pub no_damage_to: Vec<NamedResource>,
}

/// A Pokémon of a type.
#[derive(Debug, Clone, Deserialize)]
pub struct TypePokemon {
    /// The slot the type takes for that Pokémon.
    #[serde(default)]
    pub slot: u8,
    /// The Pokémon.
    pub pokemon: NamedResource,
}

/// A paged list: `GET /pokemon?limit=100000` gives every Pokémon in one page.
#[derive(Debug, Clone, Deserialize)]
pub struct NamedList {
    /// Total number of resources.
    #[serde(default)]
    pub count: u32,
    /// This page.
    #[serde(default)]
    pub results: Vec<NamedResource>,
}

/// One entry of the Pokémon index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexEntry {
    /// Dex id (parsed from the entry's URL).
    pub id: u32,
    /// Lower-case name.
    pub name: String,
}

impl NamedList {
    /// The entries with their ids; entries whose URL has no id are skipped.
    pub fn entries(&self) -> Vec<IndexEntry> {
        self.results
            .iter()
            .filter_map(|r| {
                Some(IndexEntry {
                    id: r.id()?,
                    name: r.name.clone(),
                })
            })
            .collect()
    }
}

/// Collapses runs of whitespace (PokeAPI texts contain `\n` and form feeds from the games'
/// text boxes) into single spaces.
pub fn fold_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The species a resource lists: `GET /pokemon-color/{name}`, `/pokemon-habitat/{name}`.
#[derive(Debug, Clone, Deserialize)]
pub struct SpeciesMembers {
    /// The species.
    #[serde(default)]
    pub pokemon_species: Vec<NamedResource>,
}

/// `GET /generation/{id}`: the species a generation introduced.
#[derive(Debug, Clone, Deserialize)]
pub struct Generation {
    /// Generation id (1 = Red/Blue).
    pub id: u32,
    /// Name, e.g. `generation-i`.
    pub name: String,
    /// Species introduced in it.
    #[serde(default)]
    pub pokemon_species: Vec<NamedResource>,
}
