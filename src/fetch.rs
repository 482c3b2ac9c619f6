//! Fetching what the TUI shows — lists, detail pages (a resource plus what it links to), batch
//! summaries, the type chart, search-term sets and pictures — mapped to [`crate::views`] with
//! every string sanitised.

mod detail;
mod extras;
pub mod json;
mod list;
pub mod record;
mod shown;
mod summary;

pub use detail::detail;
pub use extras::{card, picture, raw, term_members, type_chart};
pub use list::{breed_entries, list, pokemon_entries, post_entries};
pub use summary::summary;
