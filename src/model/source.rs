//! The three sources, one per tab, and the keys that name an item in each.

use super::BreedName;

/// A data source, shown as one tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Source {
    /// PokeAPI: every Pokémon.
    Pokemon,
    /// JSONPlaceholder: every post.
    Posts,
    /// Dog API: every breed.
    Dogs,
}

impl Source {
    /// Every source, in tab order.
    pub const ALL: [Self; 3] = [Self::Pokemon, Self::Posts, Self::Dogs];

    /// The tab's title.
    pub fn title(self) -> &'static str {
        match self {
            Self::Pokemon => "Pokémon",
            Self::Posts => "Posts",
            Self::Dogs => "Dogs",
        }
    }

    /// The API's name, for the status bar.
    pub fn api_name(self) -> &'static str {
        match self {
            Self::Pokemon => "PokeAPI",
            Self::Posts => "JSONPlaceholder",
            Self::Dogs => "Dog API",
        }
    }

    /// The first tab.
    pub const FIRST: Self = Self::ALL[0];

    /// The last tab (the Live tab comes after it).
    pub const LAST: Self = Self::ALL[Self::ALL.len() - 1];

    /// Position in [`Source::ALL`].
    pub fn index(self) -> usize {
        match self {
            Self::Pokemon => 0,
            Self::Posts => 1,
            Self::Dogs => 2,
        }
    }

    /// The next tab, wrapping around.
    #[must_use]
    pub fn next(self) -> Self {
        Self::ALL[(self.index() + 1) % Self::ALL.len()]
    }

    /// The previous tab, wrapping around.
    #[must_use]
    pub fn prev(self) -> Self {
        Self::ALL[(self.index() + Self::ALL.len() - 1) % Self::ALL.len()]
    }

    /// Turns what a user typed into the key of an item to fetch, or `None` when this source
    /// cannot have such an item (a post "id" that is not a number).
    pub fn key_for_query(self, query: &str) -> Option<ItemKey> {
        let query = query.trim();
        if query.is_empty() {
            return None;
        }
        match self {
            // `Mr. Mime`, `ミュウ`: the API knows slugs (`mr-mime`, `mew`); `ピカチ` can be none.
            Self::Pokemon => crate::names::typed::pokemon(query).map(ItemKey::Pokemon),
            Self::Posts => query
                .trim_start_matches('#')
                .parse()
                .ok()
                .map(ItemKey::Post),
            Self::Dogs => Some(ItemKey::Breed(BreedName::parse(query))),
        }
    }
}

/// What names one item, enough to fetch it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ItemKey {
    /// A Pokémon by name (or id as typed).
    Pokemon(String),
    /// An ability by name.
    Ability(String),
    /// A type by name.
    Type(String),
    /// A post by id.
    Post(u32),
    /// A user by id.
    User(u32),
    /// A breed or sub-breed.
    Breed(BreedName),
    /// A move by name.
    Move(String),
}

impl ItemKey {
    /// The tab this item is shown in.
    pub fn source(&self) -> Source {
        match self {
            Self::Pokemon(_) | Self::Ability(_) | Self::Type(_) | Self::Move(_) => Source::Pokemon,
            Self::Post(_) | Self::User(_) => Source::Posts,
            Self::Breed(_) => Source::Dogs,
        }
    }

    /// The key as stored in bookmarks and history: `pokemon:pikachu`, `post:1`, `breed:hound/afghan`.
    pub fn to_stored(&self) -> String {
        match self {
            Self::Pokemon(name) => format!("pokemon:{name}"),
            Self::Ability(name) => format!("ability:{name}"),
            Self::Type(name) => format!("type:{name}"),
            Self::Post(id) => format!("post:{id}"),
            Self::User(id) => format!("user:{id}"),
            Self::Breed(breed) => format!("breed:{breed}"),
            Self::Move(name) => format!("move:{name}"),
        }
    }

    /// Reads a key written by [`ItemKey::to_stored`]; `None` for anything else.
    pub fn from_stored(stored: &str) -> Option<Self> {
        let (kind, value) = stored.split_once(':')?;
        if value.is_empty() {
            return None;
        }
        Some(match kind {
            "pokemon" => Self::Pokemon(value.to_owned()),
            "ability" => Self::Ability(value.to_owned()),
            "type" => Self::Type(value.to_owned()),
            "post" => Self::Post(value.parse().ok()?),
            "user" => Self::User(value.parse().ok()?),
            "breed" => Self::Breed(BreedName::parse(value)),
            "move" => Self::Move(value.to_owned()),
            _ => return None,
        })
    }

    /// A short name for the breadcrumb (`pikachu › static › pikachu`).
    pub fn crumb(&self) -> String {
        match self {
            Self::Pokemon(name) | Self::Ability(name) | Self::Type(name) | Self::Move(name) => {
                name.clone()
            }
            Self::Post(id) => format!("post {id}"),
            Self::User(id) => format!("user {id}"),
            Self::Breed(breed) => breed.to_string(),
        }
    }
}

impl std::fmt::Display for ItemKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Pokemon(name) => f.write_str(name),
            Self::Ability(name) => write!(f, "ability {name}"),
            Self::Type(name) => write!(f, "type {name}"),
            Self::Post(id) => write!(f, "post {id}"),
            Self::User(id) => write!(f, "user {id}"),
            Self::Breed(breed) => breed.fmt(f),
            Self::Move(name) => write!(f, "move {name}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_keys_round_trip() {
        let keys = [
            ItemKey::Pokemon("mr-mime".into()),
            ItemKey::Ability("static".into()),
            ItemKey::Type("electric".into()),
            ItemKey::Post(7),
            ItemKey::User(1),
            ItemKey::Breed(BreedName::parse("hound/afghan")),
            ItemKey::Breed(BreedName::parse("akita")),
            ItemKey::Move("thunder-shock".into()),
        ];
        for key in keys {
            assert_eq!(ItemKey::from_stored(&key.to_stored()), Some(key));
        }
        for bad in ["", "pokemon:", "post:x", "planet:earth", "nocolon"] {
            assert_eq!(ItemKey::from_stored(bad), None, "{bad}");
        }
    }
}
