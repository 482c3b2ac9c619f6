//! The vocabulary every layer speaks: sources and the keys that name their items, search terms,
//! request ids, the saved lists and what a JSON view shows.
//!
//! It sits below `app`, `ui`, `cli`, `event` and `fetch` and depends on none of them (nor on
//! `reqwest`, `tokio` or the terminal); `tests/it/layers/` keeps it that way.

mod breed;
mod json;
mod request;
mod saved;
mod source;
mod tab;
pub mod term;

pub use self::breed::BreedName;
pub use self::json::JsonTarget;
pub use self::request::RequestId;
pub use self::saved::SavedKind;
pub use self::source::{ItemKey, RecordId, Source};
pub use self::tab::TabId;
pub use self::term::Term;
