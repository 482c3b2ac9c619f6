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
pub mod table;

pub use fold::fold;
pub use lang::Lang;
pub use table::{NameTable, SpeciesFlag};
