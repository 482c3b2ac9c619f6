//! Driving `App::update` by hand, the way the event loop does: a fresh app, the request ids out
//! of its effects, lists delivered from the fixtures, keys typed into the search box.

use apidex::app::{App, Hosts};
use apidex::model::RequestId;
use apidex::model::{ItemKey, Source};
use apidex::msg::{Effect, Msg};

use super::lists::entries_for;

/// A fresh app and the effects `App::new` returned, with the live hosts for the status bar.
pub fn new_app() -> (App, Vec<Effect>) {
    let live = apidex::api::Endpoints::live().expect("the live base URLs parse");
    App::new(Hosts::from_fn(|source| live.base(source).host().to_owned()))
}

/// The request id of the `FetchList` for `source`.
pub fn list_req(effects: &[Effect], source: Source) -> RequestId {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::FetchList { source: s, req } if *s == source => Some(*req),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no FetchList for {source:?} in {effects:?}"))
}

/// A `FetchDetail` effect, unpacked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetailFetch {
    /// The tab asking.
    pub source: Source,
    /// The request id its answer must carry.
    pub req: RequestId,
    /// What it asks for.
    pub key: ItemKey,
    /// A breed's sub-breeds, passed along from the list.
    pub sub_breeds: Vec<String>,
    /// Whether the runner waits for the cursor to rest first.
    pub debounce: bool,
}

/// The one effect in `effects`, which must be a `FetchDetail`.
pub fn detail_fetch(effects: &[Effect]) -> DetailFetch {
    match effects {
        [
            Effect::FetchDetail {
                source,
                req,
                key,
                sub_breeds,
                debounce,
            },
        ] => DetailFetch {
            source: *source,
            req: *req,
            key: key.clone(),
            sub_breeds: sub_breeds.clone(),
            debounce: *debounce,
        },
        other => panic!("expected exactly one FetchDetail, got {other:?}"),
    }
}

/// An app with every list loaded (the background tabs first, then the Pokémon tab), and the
/// non-debounced detail fetch the Pokémon list triggered.
pub fn loaded_app() -> (App, DetailFetch) {
    let (mut app, effects) = new_app();
    for source in background_sources() {
        let more = app.update(Msg::ListLoaded {
            source,
            req: list_req(&effects, source),
            result: Ok(entries_for(source)),
        });
        assert!(more.is_empty(), "a background tab fetched: {more:?}");
    }
    let more = app.update(Msg::ListLoaded {
        source: Source::Pokemon,
        req: list_req(&effects, Source::Pokemon),
        result: Ok(entries_for(Source::Pokemon)),
    });
    let fetch = detail_fetch(&more);
    (app, fetch)
}

/// Every source but the first tab's (Pokémon), whose lists load in the background.
pub fn background_sources() -> impl Iterator<Item = Source> {
    Source::ALL.into_iter().filter(|s| *s != Source::Pokemon)
}

/// Types `text` into the search box, one key at a time; every effect, in order.
pub fn type_str(app: &mut App, text: &str) -> Vec<Effect> {
    text.chars()
        .flat_map(|c| app.update(Msg::SearchInput(c)))
        .collect()
}
