//! The sources, one per tab, and the keys that name an item in each: the three built in, then
//! every registered one ([`crate::sources::RECORDS`]).

use super::BreedName;
use crate::sources::{KeyKind, RECORDS, RecordSpec};

/// A data source, shown as one tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Source {
    /// PokeAPI: every Pokémon.
    Pokemon,
    /// JSONPlaceholder: every post.
    Posts,
    /// Dog API: every breed.
    Dogs,
    /// A registered source ([`crate::sources::RECORDS`]).
    Record(RecordId),
}

/// A registered source: its place in [`crate::sources::RECORDS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RecordId(u8);

// A `RecordId` is a `u8`: a registry that outgrew it would not compile.
const _: () = assert!(RECORDS.len() <= u8::MAX as usize);

impl RecordId {
    /// What the source is.
    pub fn spec(self) -> &'static RecordSpec {
        &RECORDS[usize::from(self.0)]
    }

    /// Every registered source, in tab order.
    pub fn all() -> impl Iterator<Item = Self> {
        // Within `u8`: checked at compile time above.
        (0..RECORDS.len()).filter_map(|i| u8::try_from(i).ok().map(Self))
    }

    /// Its place in [`crate::sources::RECORDS`].
    pub fn index(self) -> usize {
        usize::from(self.0)
    }

    /// The registered source whose id is `id` (`berry`).
    pub fn find(id: &str) -> Option<Self> {
        Self::all().find(|r| r.spec().id == id)
    }

    /// Turns what a user typed into this source's key for an item, or `None` when it can be
    /// none (not a number where the keys are numbers, blank, or only dots).
    pub fn key_for(self, typed: &str) -> Option<String> {
        let typed = typed.trim();
        let key = match self.spec().item.key_kind {
            KeyKind::Number => typed
                .trim_start_matches('#')
                .parse::<u64>()
                .ok()?
                .to_string(),
            KeyKind::Slug => typed
                .split_whitespace()
                .collect::<Vec<_>>()
                .join("-")
                .to_lowercase(),
        };
        // Only dots can never be requested: a URL resolves `..` (however it is spelled) as the
        // parent folder, so the request would refuse it after the other keys were fetched.
        let requestable = !key.is_empty() && !key.chars().all(|c| c == '.');
        requestable.then_some(key)
    }
}

impl Source {
    /// How many sources are built in (Pokémon, Posts, Dogs).
    pub const BUILT_IN: usize = 3;

    /// How many sources there are: the three built in and the registered ones.
    pub const COUNT: usize = Self::BUILT_IN + RECORDS.len();

    /// Every source, in tab order: the built-in ones, then the registered ones.
    pub const ALL: [Self; Self::COUNT] = {
        let mut all = [Self::Pokemon; Self::COUNT];
        all[1] = Self::Posts;
        all[2] = Self::Dogs;
        let mut i = 0;
        while i < RECORDS.len() {
            // Within `u8`: checked at compile time beside `RecordId`.
            #[allow(clippy::cast_possible_truncation)]
            let id = RecordId(i as u8);
            all[Self::BUILT_IN + i] = Self::Record(id);
            i += 1;
        }
        all
    };

    /// The tab's title.
    pub fn title(self) -> &'static str {
        match self {
            Self::Pokemon => "Pokémon",
            Self::Posts => "Posts",
            Self::Dogs => "Dogs",
            Self::Record(r) => r.spec().title,
        }
    }

    /// The API's name, for the status bar.
    pub fn api_name(self) -> &'static str {
        match self {
            Self::Pokemon => "PokeAPI",
            Self::Posts => "JSONPlaceholder",
            Self::Dogs => "Dog API",
            Self::Record(r) => r.spec().api_name,
        }
    }

    /// What a notice about the source's list names: the API for a built-in source, the tab for
    /// a registered one (berries are on PokeAPI too: their list loading must not clear a notice
    /// about the Pokémon list).
    pub fn subject(self) -> &'static str {
        match self {
            Self::Record(r) => r.spec().title,
            builtin => builtin.api_name(),
        }
    }

    /// Position in [`Source::ALL`].
    pub const fn index(self) -> usize {
        match self {
            Self::Pokemon => 0,
            Self::Posts => 1,
            Self::Dogs => 2,
            Self::Record(r) => Self::BUILT_IN + r.0 as usize,
        }
    }

    /// The next source's tab in tab-bar order ([`super::TabId`]), past the Live tab, wrapping
    /// around.
    #[must_use]
    pub fn next(self) -> Self {
        self.step(super::TabId::next)
    }

    /// The previous source's tab in tab-bar order, past the Live tab, wrapping around.
    #[must_use]
    pub fn prev(self) -> Self {
        self.step(super::TabId::prev)
    }

    /// The source's tab `step` away, one more step past Live (which is one tab).
    fn step(self, step: fn(super::TabId) -> super::TabId) -> Self {
        let mut tab = step(super::TabId::Source(self));
        if tab == super::TabId::Live {
            tab = step(tab);
        }
        match tab {
            super::TabId::Source(source) => source,
            super::TabId::Live => self,
        }
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
            Self::Record(r) => r.key_for(query).map(|key| ItemKey::Record(r, key)),
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
    /// An item of a registered source, by its key in the source's item path.
    Record(RecordId, String),
}

impl ItemKey {
    /// The tab this item is shown in.
    pub fn source(&self) -> Source {
        match self {
            Self::Pokemon(_) | Self::Ability(_) | Self::Type(_) | Self::Move(_) => Source::Pokemon,
            Self::Post(_) | Self::User(_) => Source::Posts,
            Self::Breed(_) => Source::Dogs,
            Self::Record(r, _) => Source::Record(*r),
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
            Self::Record(r, key) => format!("{}:{key}", r.spec().id),
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
            other => Self::Record(RecordId::find(other)?, value.to_owned()),
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
            Self::Record(_, key) => key.clone(),
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
            Self::Record(r, key) => write!(f, "{} {key}", r.spec().id),
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
            ItemKey::Record(RecordId::find("berry").unwrap(), "cheri".into()),
        ];
        for key in keys {
            assert_eq!(ItemKey::from_stored(&key.to_stored()), Some(key));
        }
        for bad in [
            "",
            "pokemon:",
            "post:x",
            "planet:earth",
            "nocolon",
            "berry:",
        ] {
            assert_eq!(ItemKey::from_stored(bad), None, "{bad}");
        }
    }

    #[test]
    fn registered_sources_follow_the_built_in_ones_and_name_no_built_in_kind() {
        let built_in = [
            "pokemon", "ability", "type", "post", "user", "breed", "move",
        ];
        let mut seen = Vec::new();
        for (n, record) in RecordId::all().enumerate() {
            let spec = record.spec();
            assert_eq!(Source::ALL[3 + n], Source::Record(record));
            assert_eq!(Source::Record(record).index(), 3 + n);
            assert!(
                !built_in.contains(&spec.id),
                "{} is a built-in kind",
                spec.id
            );
            assert!(
                spec.id.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{}: lower-case letters and _ only (it names settings and variables)",
                spec.id
            );
            assert!(!seen.contains(&spec.id), "{} registered twice", spec.id);
            seen.push(spec.id);
        }
        assert_eq!(Source::ALL.len(), Source::COUNT);
    }

    #[test]
    fn typed_keys_of_a_registered_source() {
        let berry = RecordId::find("berry").unwrap();
        assert_eq!(berry.key_for("  Cheri "), Some("cheri".into()));
        assert_eq!(berry.key_for("Big  Root"), Some("big-root".into()));
        assert_eq!(berry.key_for("   "), None);
        assert_eq!(
            Source::Record(berry).key_for_query("Oran"),
            Some(ItemKey::Record(berry, "oran".into()))
        );
    }
}
