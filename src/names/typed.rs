//! Names as people type them, for `apidex get pokemon|species` and the browser's search:
//! `'Mr. Mime'`, `Farfetch’d`, `ミュウ` are looked up in the bundled name table and sent as the
//! API's slugs; a miss names the closest names.
//!
//! PokeAPI's slugs are `[a-z0-9-]+`: a name that is in no table and folds to no such text
//! (`ピカチ`, `a/b`, `mew#x`, `😀`) cannot be on the server, so it is "not found" without a
//! request; sending it only earned an `HTTP 400` with a percent-encoded URL and no suggestion.

use super::table::SpeciesNames;
use super::{Lang, NameTable};

/// How many names "did you mean" offers.
const SUGGESTIONS: usize = 3;

/// The `/pokemon/{…}` segment for what was typed: an id as is, a known name (any language,
/// folded) as its species' default Pokémon (`giratina` → `giratina-altered`), other slug-shaped
/// text as a slug (forms such as `pikachu-rock-star`, which the table does not list). `None`
/// when it can be no Pokémon at all: not found, without asking the server.
pub fn pokemon(typed: &str) -> Option<String> {
    resolve(typed, |s| s.default_pokemon.clone())
}

/// The `/pokemon-species/{…}` segment for what was typed (as [`pokemon`], the species slug).
pub fn species(typed: &str) -> Option<String> {
    resolve(typed, |s| s.slug.clone())
}

fn resolve(typed: &str, slug: impl Fn(&SpeciesNames) -> String) -> Option<String> {
    // Control characters are never part of a name: dropped here, for the CLI and the browser
    // alike (the fold drops them anyway; this keeps the slug path in step).
    let cleaned: String = typed.chars().filter(|c| !c.is_control()).collect();
    let trimmed = cleaned.trim();
    if trimmed.parse::<u32>().is_ok() {
        return Some(trimmed.to_owned());
    }
    match NameTable::bundled().lookup(trimmed) {
        Some(found) => Some(slug(found)),
        None => slug_shaped(trimmed),
    }
}

/// `text` as a PokeAPI slug when it is one already, give or take case and spaces
/// (`Pikachu Rock Star` → `pikachu-rock-star`); `None` otherwise.
pub fn slug_shaped(text: &str) -> Option<String> {
    let lower = text.trim().to_lowercase();
    let joined = lower.split_whitespace().collect::<Vec<_>>().join("-");
    let shaped = !joined.is_empty()
        && joined
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    shaped.then_some(joined)
}

/// "did you mean" for a Pokémon not found, by display name in `lang` (and English), each with
/// its slug where that helps: `ピカチュウ (pikachu)`. Never the name asked; empty when nothing
/// is close.
pub fn suggestions(typed: &str, lang: Lang) -> Vec<String> {
    labels(typed, lang, |s| &s.default_pokemon)
}

/// As [`suggestions`], with species slugs (`Giratina (giratina)`, not `giratina-altered`).
pub fn species_suggestions(typed: &str, lang: Lang) -> Vec<String> {
    labels(typed, lang, |s| &s.slug)
}

fn labels(typed: &str, lang: Lang, slug: impl Fn(&SpeciesNames) -> &String) -> Vec<String> {
    if typed.trim().parse::<u32>().is_ok() {
        return Vec::new();
    }
    NameTable::bundled()
        .suggest(typed, lang, SUGGESTIONS)
        .into_iter()
        .map(|s| match s.name(lang) {
            Some(name) => super::with_slug(name, slug(s)),
            None => slug(s).clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_names_become_slugs() {
        let some = |s: &str| Some(s.to_owned());
        assert_eq!(pokemon("Mr. Mime"), some("mr-mime"));
        assert_eq!(pokemon("Type: Null"), some("type-null"));
        assert_eq!(pokemon("Nidoran♀"), some("nidoran-f"));
        assert_eq!(pokemon("Giratina"), some("giratina-altered"));
        assert_eq!(species("Giratina"), some("giratina"));
        assert_eq!(pokemon(" 25 "), some("25"));
        assert_eq!(pokemon("pikachu-rock-star"), some("pikachu-rock-star"));
        assert_eq!(pokemon("Pikachu Rock Star"), some("pikachu-rock-star"));
        assert_eq!(pokemon("missingno"), some("missingno"));
        assert_eq!(pokemon("ぴかちゅう"), some("pikachu"));
        assert_eq!(pokemon("Mr Mim"), some("mr-mim"));
    }

    #[test]
    fn what_can_be_no_slug_is_not_requested() {
        for typed in ["ピカチ", "ピカチュ", "😀", "مرحبا", "a/b", "mew#x", "x.y"] {
            assert_eq!(pokemon(typed), None, "{typed}");
            assert_eq!(species(typed), None, "{typed}");
        }
    }

    #[test]
    fn control_characters_are_dropped_the_same_everywhere() {
        assert_eq!(pokemon("pika\u{1}chu"), Some("pikachu".to_owned()));
        assert_eq!(
            pokemon("pikachu-rock\u{7}-star"),
            Some("pikachu-rock-star".to_owned())
        );
        assert_eq!(pokemon("mew\u{1b}[x"), None);
    }

    #[test]
    fn suggestions_are_display_names_never_the_name_asked() {
        let ja = suggestions("ピカチュ", Lang::Ja);
        assert_eq!(ja.first().map(String::as_str), Some("ピカチュウ (pikachu)"));
        let en = suggestions("Mr Mim", Lang::En);
        assert_eq!(en.first().map(String::as_str), Some("Mr. Mime"));
        let nido = suggestions("nidoran", Lang::En);
        assert!(nido.contains(&"Nidoran♀".to_owned()), "{nido:?}");
        assert!(!suggestions("bulbasaur", Lang::En).contains(&"Bulbasaur".to_owned()));
        assert_eq!(
            species_suggestions("giratna", Lang::En)
                .first()
                .map(String::as_str),
            Some("Giratina")
        );
    }
}
