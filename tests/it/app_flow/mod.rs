//! The browser's state machine, driven the way the event loop drives it: messages in, state and
//! effects out. No network and no clock: list and detail results are simulated with the request ids
//! the app handed out in its effects, and lists are built from the real fixtures by
//! `apidex::fetch`'s own mapping (`crate::support::lists`).
//!
//! Split by area: one submodule per part of the browser (start-up, search, confirm, failures,
//! moving, batch, tabs, posts, help, mouse, keys, notices); the builders they share are here.
#![allow(clippy::unwrap_used, clippy::too_many_lines)]

use apidex::app::App;
use apidex::app::loadable::Loadable;
use apidex::model::RequestId;
use apidex::model::{ItemKey, Source};
use apidex::msg::{Effect, Msg};
use builders::selected_key;

mod batch;
mod confirm;
mod failures;
mod help;
mod keys;
mod mouse;
mod mouse_covered;
mod moving;
mod notices;
mod posts;
mod search;
mod startup;
mod tabs;

/// Builders for these tests, beside the shared ones (`crate::support`: the fixtures' lists by the
/// production mapping, request ids picked out of effects).
mod builders {
    use apidex::api::ApiError;
    use apidex::api::dogapi::models::BreedName;
    use apidex::app::App;
    use apidex::app::loadable::Loadable;
    use apidex::matchups::TypeChart;
    use apidex::model::ItemKey;
    use apidex::msg::Msg;
    use apidex::views::{AbilityInfo, Detail, PokemonDetail};

    pub use crate::support::app::{detail_fetch, list_req, loaded_app, new_app, type_str};
    pub use crate::support::lists::{breed_entries, entries_for, pokemon_entries, post_entries};

    /// A breed name.
    pub fn breed(name: &str, sub: Option<&str>) -> BreedName {
        BreedName {
            breed: name.to_owned(),
            sub: sub.map(str::to_owned),
        }
    }

    /// A server error, as a fetch would report it.
    pub fn api_error(path: &str) -> ApiError {
        ApiError::Status {
            url: format!("https://pokeapi.co/api/v2/{path}"),
            code: 503,
        }
    }

    /// A small but real-looking Pokémon detail.
    pub fn pokemon_detail(id: u32, name: &str) -> Detail {
        Detail::Pokemon(PokemonDetail {
            id,
            name: name.to_owned(),
            display: None,
            genus: None,
            types: vec!["normal".to_owned()],
            height_dm: 10,
            weight_hg: 100,
            stats: vec![("hp".to_owned(), 50)].into(),
            abilities: vec![AbilityInfo {
                name: "run-away".to_owned(),
                hidden: false,
                effect: Ok(None),
            }]
            .into(),
            flavor: Ok(None),
            sprite_url: None,
            shiny_url: None,
            evolution: Ok(None),
            moves: None,
        })
    }

    /// Answers the type chart request a loaded Pokémon page sets off (with an empty chart), so
    /// nothing is left loading.
    pub fn settle_type_chart(app: &mut App) {
        if let Loadable::Loading { req } = app.type_chart {
            app.update(Msg::TypeChartLoaded {
                req,
                result: Ok(TypeChart::default()),
            });
        }
        assert!(matches!(app.type_chart, Loadable::Loaded(_)));
    }

    /// The Pokémon tab with Bulbasaur's page loaded (it links its type and ability), the type
    /// chart settled and the focus on the page.
    pub fn bulbasaur_in_focus() -> App {
        let (mut app, fetch) = loaded_app();
        app.update(Msg::DetailLoaded {
            source: apidex::model::Source::Pokemon,
            req: fetch.req,
            key: fetch.key,
            result: Ok(Some(pokemon_detail(1, "bulbasaur"))),
        });
        settle_type_chart(&mut app);
        app.update(Msg::FocusDetail);
        app
    }

    /// The first `n` titles shown in the active tab's list.
    pub fn shown_titles(app: &App, n: usize) -> Vec<String> {
        let list = &app.tab().list;
        (0..n.min(list.shown.len()))
            .map(|row| list.entry_at(row).unwrap().title.clone())
            .collect()
    }

    /// The selected row of the active tab's list.
    pub fn selected_row(app: &App) -> Option<usize> {
        app.tab().list.state.selected()
    }

    /// The key of the active tab's selected entry.
    pub fn selected_key(app: &App) -> Option<ItemKey> {
        app.tab().list.selected().map(|e| e.key.clone())
    }
}

fn pokemon(name: &str) -> ItemKey {
    ItemKey::Pokemon(name.to_owned())
}

/// The detail pane's state in the active tab.
fn detail_state(app: &App) -> &Loadable<apidex::views::Detail> {
    &app.tab().detail.state
}

/// The effects inside `Effect::Forced` (what `r` asks for goes to the network for real); panics
/// on any effect that is not forced.
fn forced(effects: Vec<Effect>) -> Vec<Effect> {
    effects
        .into_iter()
        .map(|effect| match effect {
            Effect::Forced(inner) => *inner,
            other => panic!("r must force its requests to the network, got {other:?}"),
        })
        .collect()
}

/// Marks squirtle, then bulbasaur, then pikachu, and presses Enter.
fn start_batch(app: &mut App) -> (RequestId, Vec<(usize, ItemKey)>) {
    app.update(Msg::Move(6));
    app.update(Msg::ToggleMark); // squirtle
    app.update(Msg::Top);
    app.update(Msg::ToggleMark); // bulbasaur
    app.update(Msg::Move(23));
    assert_eq!(selected_key(app), Some(pokemon("pikachu")));
    app.update(Msg::ToggleMark);
    let effects = app.update(Msg::Confirm);
    match effects.as_slice() {
        [
            Effect::FetchBatch {
                source: Source::Pokemon,
                req,
                items,
            },
            // The detail pane follows the batch's selected row (the first), not the list's.
            Effect::FetchDetail { key, .. },
        ] if *key == items[0].1 => (*req, items.clone()),
        // …unless the pane has that page already.
        [
            Effect::FetchBatch {
                source: Source::Pokemon,
                req,
                items,
            },
        ] if app.tab().detail.key.as_ref() == Some(&items[0].1) => (*req, items.clone()),
        other => panic!("expected a FetchBatch and the first item's page, got {other:?}"),
    }
}

fn draw(app: &mut App, width: u16, height: u16) {
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| apidex::ui::draw(f, app)).unwrap();
}
