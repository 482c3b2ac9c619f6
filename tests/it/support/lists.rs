//! The three tabs' lists built from the real fixtures by the production mapping
//! (`apidex::fetch::{pokemon_entries, post_entries, breed_entries}`), and the type chart from
//! the real types, for tests that feed results to `App::update` without a server.
//!
//! Pokémon are listed by slug (an empty name table): the snapshots and the `update` tests read
//! slugs, and display names have their own tests (`names.rs`, over the real fetch).

use apidex::api::dogapi::models::{BreedList, Envelope};
use apidex::api::jsonplaceholder::models::{Post, User};
use apidex::api::pokeapi::models::{NamedList, Type};
use apidex::fetch;
use apidex::matchups::TypeChart;
use apidex::model::Source;
use apidex::names::{Lang, NameTable};
use apidex::views::ListEntry;

use super::{TYPE_IDS, fixture_json};

/// Every Pokémon of the real index (1351), as the Pokémon tab lists them (by slug).
pub fn pokemon_entries() -> Vec<ListEntry> {
    let index: NamedList = fixture_json("pokeapi/pokemon-index.json");
    fetch::pokemon_entries(&index, &NameTable::default(), Lang::En)
}

/// Every post (100), with its author's name, as the Posts tab lists them.
pub fn post_entries() -> Vec<ListEntry> {
    let posts: Vec<Post> = fixture_json("jsonplaceholder/posts.json");
    let users: Vec<User> = fixture_json("jsonplaceholder/users.json");
    fetch::post_entries(posts, &users)
}

/// Every breed, each followed by its sub-breeds, as the Dogs tab lists them.
pub fn breed_entries() -> Vec<ListEntry> {
    let list: Envelope<BreedList> = fixture_json("dogapi/breeds-list-all.json");
    fetch::breed_entries(list.message)
}

/// The list `source`'s tab shows.
pub fn entries_for(source: Source) -> Vec<ListEntry> {
    match source {
        Source::Pokemon => pokemon_entries(),
        Source::Posts => post_entries(),
        Source::Dogs => breed_entries(),
        Source::Record(record) => {
            let list: serde_json::Value =
                serde_json::from_slice(&super::records::body(record, "list")).expect("JSON");
            fetch::record::record_entries(record, [&list])
        }
    }
}

/// The type chart from every type fixture (ids 1–19, 10001, 10002, in that order), as
/// `apidex::fetch::type_chart` builds it from the API.
pub fn type_chart() -> TypeChart {
    let types: Vec<Type> = TYPE_IDS
        .iter()
        .map(|id| fixture_json(&format!("pokeapi/type/{id}.json")))
        .collect();
    TypeChart::from_types(&types)
}
