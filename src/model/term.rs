//! One search term of the Pokémon tab (`type:water`, `gen:1`, `legendary`); the parser lives
//! with the search state in `app::terms`.

use crate::names::SpeciesFlag;

/// One search term.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Term {
    /// Pokémon of a type (`type:water`), from the type endpoint's member list.
    Type(String),
    /// Species introduced in a generation (`gen:1`), from the generation endpoint.
    Gen(u32),
    /// National dex ids in a range (`dex:1-151`, or `dex:25`).
    Dex(u32, u32),
    /// Pokémon that can have an ability (`ability:static`).
    Ability(String),
    /// Species of a Pokédex colour (`color:red`).
    Color(String),
    /// Species of a habitat (`habitat:cave`).
    Habitat(String),
    /// Legendary, mythical or baby species (`legendary`, `is:mythical`).
    Flag(SpeciesFlag),
}

impl Term {
    /// Whether this term needs a member list from the API.
    pub fn is_remote(&self) -> bool {
        !matches!(self, Self::Dex(..))
    }
}

impl std::fmt::Display for Term {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Type(name) => write!(f, "type:{name}"),
            Self::Gen(n) => write!(f, "gen:{n}"),
            Self::Dex(a, b) => write!(f, "dex:{a}-{b}"),
            Self::Ability(name) => write!(f, "ability:{name}"),
            Self::Color(name) => write!(f, "color:{name}"),
            Self::Habitat(name) => write!(f, "habitat:{name}"),
            Self::Flag(flag) => f.write_str(flag_word(*flag)),
        }
    }
}

/// The word a flag term is typed as.
pub fn flag_word(flag: SpeciesFlag) -> &'static str {
    match flag {
        SpeciesFlag::Legendary => "legendary",
        SpeciesFlag::Mythical => "mythical",
        SpeciesFlag::Baby => "baby",
    }
}

/// The member standing for a species in a term's list: `#id` (its default Pokémon's id).
pub fn species_member(id: u32) -> String {
    format!("#{id}")
}
