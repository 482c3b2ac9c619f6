//! Pokémon names as people know them: display names per content language, and names as people
//! type them (`Mr. Mime`, `mr mime`, `Farfetch’d`, `Flabébé`, `Nidoran♀`, `ミュウ`).
//!
//! The live API's Pokémon index has slugs only (`mr-mime`, `nidoran-f`); a display name lives
//! in each species (`pokemon-species/{id}`), and fetching 1025 species at start is not an
//! option. So apidex ships a name table (`assets/names.json.gz`, made by
//! `assets/make_snapshot.py` from PokeAPI's own data): every species' names in the content
//! languages, its default Pokémon and its legendary/mythical/baby flags. A species page fetched
//! from the API uses its own `names` instead (see [`lang::pick`]).

pub mod fold;
pub mod lang;
pub mod suggest;
pub mod table;
pub mod typed;

pub use fold::fold;
pub use lang::Lang;
pub use table::{NameTable, SpeciesFlag};

/// The display name for the Pokémon or species with dex id `id`, with its slug when that is
/// not just the name folded: `Pikachu`, `ピカチュウ (pikachu)`, `Giratina (giratina-altered)`.
/// The slug alone when the table has no name (forms, ids past the table).
pub fn labelled(id: u32, slug: &str, lang: Lang) -> String {
    match NameTable::bundled().display(id, lang) {
        Some(name) => with_slug(name, slug),
        None => slug.to_owned(),
    }
}

/// `name`, followed by `(slug)` when the slug says something the name does not.
pub fn with_slug(name: &str, slug: &str) -> String {
    if fold(name) == fold(slug) {
        name.to_owned()
    } else {
        format!("{name} ({slug})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_carry_the_slug_where_it_helps() {
        assert_eq!(labelled(25, "pikachu", Lang::En), "Pikachu");
        assert_eq!(labelled(25, "pikachu", Lang::Ja), "ピカチュウ (pikachu)");
        assert_eq!(labelled(122, "mr-mime", Lang::En), "Mr. Mime");
        assert_eq!(
            labelled(487, "giratina-altered", Lang::En),
            "Giratina (giratina-altered)"
        );
        assert_eq!(
            labelled(10_080, "pikachu-rock-star", Lang::Ja),
            "pikachu-rock-star"
        );
    }
}
