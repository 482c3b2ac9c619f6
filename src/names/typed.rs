//! Names as people type them, for `apidex get pokemon|species` and the browser's search:
//! `'Mr. Mime'`, `Farfetch’d`, `ミュウ` are looked up in the bundled name table and sent as the
//! API's slugs; a miss names the closest names.

use super::{Lang, NameTable};

/// How many names "did you mean" offers.
const SUGGESTIONS: usize = 3;

/// The `/pokemon/{…}` segment for what was typed: an id as is, a known name (any language,
/// folded) as its species' default Pokémon (`giratina` → `giratina-altered`), anything else as
/// typed (forms such as `pikachu-rock-star`, which the table does not list).
pub fn pokemon(typed: &str) -> String {
    resolve(typed, |s| s.default_pokemon.clone())
}

/// The `/pokemon-species/{…}` segment for what was typed (as [`pokemon`], the species slug).
pub fn species(typed: &str) -> String {
    resolve(typed, |s| s.slug.clone())
}

fn resolve(typed: &str, slug: impl Fn(&super::table::SpeciesNames) -> String) -> String {
    let trimmed = typed.trim();
    if trimmed.parse::<u32>().is_ok() {
        return trimmed.to_owned();
    }
    NameTable::bundled()
        .lookup(trimmed)
        .map_or_else(|| typed.to_owned(), slug)
}

/// "did you mean" for a name not found, in `lang` and English: empty when nothing is close.
pub fn suggestions(typed: &str, lang: Lang) -> Vec<String> {
    if typed.trim().parse::<u32>().is_ok() {
        return Vec::new();
    }
    NameTable::bundled().suggest(typed, lang, SUGGESTIONS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_names_become_slugs() {
        assert_eq!(pokemon("Mr. Mime"), "mr-mime");
        assert_eq!(pokemon("Type: Null"), "type-null");
        assert_eq!(pokemon("Nidoran♀"), "nidoran-f");
        assert_eq!(pokemon("Giratina"), "giratina-altered");
        assert_eq!(species("Giratina"), "giratina");
        assert_eq!(pokemon(" 25 "), "25");
        assert_eq!(pokemon("pikachu-rock-star"), "pikachu-rock-star");
        assert_eq!(pokemon("missingno"), "missingno");
    }
}
