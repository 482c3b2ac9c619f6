//! The bundled name table (`assets/names.json.gz`): every species' display names, its default
//! Pokémon and its flags, with lookups by id, by slug and by any name as typed.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::fold::fold;
use super::lang::Lang;

/// The table compiled into the binary.
static BUNDLED: &[u8] = include_bytes!("../../assets/names.json.gz");

/// A species flag the API sets (`is_legendary`, `is_mythical`, `is_baby`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SpeciesFlag {
    /// Legendary Pokémon.
    Legendary,
    /// Mythical Pokémon.
    Mythical,
    /// Baby Pokémon.
    Baby,
}

impl SpeciesFlag {
    /// The letter the table uses for it.
    fn letter(self) -> char {
        match self {
            Self::Legendary => 'l',
            Self::Mythical => 'm',
            Self::Baby => 'b',
        }
    }
}

/// One species of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeciesNames {
    /// Species id (the default Pokémon has the same id).
    pub id: u32,
    /// The species' slug (`giratina`).
    pub slug: String,
    /// Its default Pokémon's slug (`giratina-altered`): what `/pokemon/{name}` knows.
    pub default_pokemon: String,
    /// Flag letters (`l`, `m`, `b`).
    flags: String,
    /// Display names by PokeAPI language code.
    names: Vec<(String, String)>,
}

impl SpeciesNames {
    /// The display name in `lang` (falling back as [`Lang::preference`] says), or `None` when
    /// the table has no name for it in any of those languages.
    pub fn name(&self, lang: Lang) -> Option<&str> {
        super::lang::pick(&self.names, lang, |(code, _)| code).map(|(_, name)| name.as_str())
    }

    /// Whether the API sets `flag` on this species.
    pub fn has(&self, flag: SpeciesFlag) -> bool {
        self.flags.contains(flag.letter())
    }
}

/// Names of every species, looked up by id, slug or any display name.
#[derive(Debug, Default)]
pub struct NameTable {
    species: Vec<SpeciesNames>,
    by_id: HashMap<u32, usize>,
    /// Folded slugs (species and default Pokémon) and display names in every language → index.
    by_folded: HashMap<String, usize>,
}

/// One species row of the asset: id, slug, default Pokémon, flags, names by language.
type Row = (u32, String, String, String, HashMap<String, String>);

/// The asset's layout: `{"species": [[id, slug, default, flags, {lang: name}], …]}`.
#[derive(Deserialize)]
struct Asset {
    species: Vec<Row>,
}

impl NameTable {
    /// The table bundled with apidex (decompressed on first use).
    pub fn bundled() -> &'static Self {
        static TABLE: OnceLock<NameTable> = OnceLock::new();
        TABLE.get_or_init(|| Self::from_gzip(BUNDLED))
    }

    /// A table from gzip-compressed JSON in the asset's layout; anything broken is an empty
    /// table (names then stay slugs).
    pub fn from_gzip(packed: &[u8]) -> Self {
        use std::io::Read;
        let mut text = Vec::new();
        if flate2::read::GzDecoder::new(packed)
            .read_to_end(&mut text)
            .is_err()
        {
            return Self::default();
        }
        serde_json::from_slice::<Asset>(&text)
            .map(Self::from_asset)
            .unwrap_or_default()
    }

    fn from_asset(asset: Asset) -> Self {
        let mut table = Self::default();
        for (id, slug, default_pokemon, flags, names) in asset.species {
            let mut names: Vec<(String, String)> = names.into_iter().collect();
            names.sort();
            table.by_id.insert(id, table.species.len());
            table.species.push(SpeciesNames {
                id,
                slug,
                default_pokemon,
                flags,
                names,
            });
        }
        // Slugs win over names, English names over the others, earlier species over later:
        // a key is taken by the first that claims it.
        let mut claim = |key: String, index: usize| {
            if !key.is_empty() {
                table.by_folded.entry(key).or_insert(index);
            }
        };
        for (i, s) in table.species.iter().enumerate() {
            claim(fold(&s.slug), i);
            claim(fold(&s.default_pokemon), i);
        }
        for (i, s) in table.species.iter().enumerate() {
            if let Some((_, name)) = s.names.iter().find(|(code, _)| code == "en") {
                claim(fold(name), i);
            }
        }
        for (i, s) in table.species.iter().enumerate() {
            for (_, name) in &s.names {
                claim(fold(name), i);
            }
        }
        table
    }

    /// How many species the table holds.
    pub fn len(&self) -> usize {
        self.species.len()
    }

    /// Whether the table is empty (as when its bytes were broken).
    pub fn is_empty(&self) -> bool {
        self.species.is_empty()
    }

    /// The species with this id.
    pub fn by_id(&self, id: u32) -> Option<&SpeciesNames> {
        self.by_id.get(&id).map(|&i| &self.species[i])
    }

    /// The species a name as typed stands for: its slug, its default Pokémon's slug or a
    /// display name in any language, folded (`Mr. Mime`, `mr mime`, `Nidoran♀`, `ミュウ`).
    pub fn lookup(&self, typed: &str) -> Option<&SpeciesNames> {
        self.by_folded.get(&fold(typed)).map(|&i| &self.species[i])
    }

    /// The display name of the Pokémon with dex id `id` in `lang`: species ids and default
    /// Pokémon ids are the same; forms (ids above 10000) have none here.
    pub fn display(&self, id: u32, lang: Lang) -> Option<&str> {
        self.by_id(id).and_then(|s| s.name(lang))
    }

    /// How a list shows Pokémon `id` (slug `slug`) in `lang`: its display name (its slug when it
    /// has none: forms), and the slug to show beside it where it is more than the name folded
    /// (`ピカチュウ  pikachu`, but `Mr. Mime` alone).
    pub fn shown<'a>(&'a self, id: u32, slug: &'a str, lang: Lang) -> (&'a str, Option<&'a str>) {
        match self.display(id, lang) {
            Some(name) if fold(name) != fold(slug) => (name, Some(slug)),
            Some(name) => (name, None),
            None => (slug, None),
        }
    }

    /// The ids of the species with `flag`.
    pub fn flagged(&self, flag: SpeciesFlag) -> impl Iterator<Item = u32> + '_ {
        self.species
            .iter()
            .filter(move |s| s.has(flag))
            .map(|s| s.id)
    }

    /// The species closest to `typed` (by slug, or by display name in `lang` or English),
    /// best first, at most `limit`, never the species `typed` itself names (a server that
    /// 404s everything must not be answered "did you mean Bulbasaur" for `bulbasaur`).
    pub fn suggest(&self, typed: &str, lang: Lang, limit: usize) -> Vec<&SpeciesNames> {
        let asked = self.lookup(typed).map(|s| s.id);
        let mut keys: Vec<(String, usize)> = Vec::new();
        for (i, s) in self.species.iter().enumerate() {
            if Some(s.id) == asked {
                continue;
            }
            keys.push((fold(&s.default_pokemon), i));
            for l in [lang, Lang::En] {
                if let Some(name) = s.name(l) {
                    keys.push((fold(name), i));
                }
            }
        }
        let found = super::suggest::closest(
            &fold(typed),
            keys.iter().map(|(k, _)| k.as_str()),
            limit * 4,
        );
        let mut out: Vec<usize> = Vec::new();
        for key in found {
            if let Some(&(_, i)) = keys.iter().find(|(k, _)| *k == key)
                && !out.contains(&i)
            {
                out.push(i);
            }
        }
        out.truncate(limit);
        out.into_iter().map(|i| &self.species[i]).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_table_has_every_species_in_every_language() {
        let table = NameTable::bundled();
        assert!(table.len() >= 1025, "{}", table.len());
        assert_eq!(table.display(25, Lang::Ja), Some("ピカチュウ"));
        assert_eq!(table.display(25, Lang::Ko), Some("피카츄"));
        assert_eq!(table.display(122, Lang::Fr), Some("M. Mime"));
        assert_eq!(table.display(122, Lang::De), Some("Pantimos"));
        assert_eq!(table.display(122, Lang::En), Some("Mr. Mime"));
        assert_eq!(table.display(10_080, Lang::En), None);
    }

    #[test]
    fn names_as_typed_find_their_pokemon() {
        let table = NameTable::bundled();
        for (typed, pokemon) in [
            ("Mr. Mime", "mr-mime"),
            ("mr mime", "mr-mime"),
            ("Farfetch’d", "farfetchd"),
            ("Farfetch'd", "farfetchd"),
            ("Flabébé", "flabebe"),
            ("Nidoran♀", "nidoran-f"),
            ("Type: Null", "type-null"),
            ("ミュウ", "mew"),
            ("Pantimos", "mr-mime"),
            ("giratina", "giratina-altered"),
            ("Deoxys", "deoxys-normal"),
        ] {
            let found = table.lookup(typed).map(|s| s.default_pokemon.as_str());
            assert_eq!(found, Some(pokemon), "{typed}");
        }
        assert!(table.lookup("missingno").is_none());
        assert!(table.lookup("...").is_none());
    }

    #[test]
    fn misses_suggest_the_closest_names() {
        let table = NameTable::bundled();
        assert_eq!(
            table
                .suggest("pikahcu", Lang::En, 3)
                .first()
                .map(|s| s.default_pokemon.as_str()),
            Some("pikachu")
        );
        assert_eq!(
            table
                .suggest("Mr Mine", Lang::En, 3)
                .first()
                .map(|s| s.default_pokemon.as_str()),
            Some("mr-mime")
        );
        assert!(table.suggest("zzzzzzzzzzzz", Lang::En, 3).is_empty());
    }

    #[test]
    fn flags_come_from_the_species() {
        let table = NameTable::bundled();
        let legendary: Vec<u32> = table.flagged(SpeciesFlag::Legendary).collect();
        assert!(legendary.contains(&150) && !legendary.contains(&151));
        assert!(table.flagged(SpeciesFlag::Mythical).any(|id| id == 151));
        assert!(table.flagged(SpeciesFlag::Baby).any(|id| id == 172));
    }

    #[test]
    fn broken_bytes_make_an_empty_table() {
        let table = NameTable::from_gzip(b"nope");
        assert!(table.is_empty());
        assert!(table.lookup("pikachu").is_none());
    }
}
