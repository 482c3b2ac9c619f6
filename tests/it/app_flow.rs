//! The browser's state machine, driven the way the event loop drives it: messages in, state and
//! effects out. No network and no clock: list and detail results are simulated with the request ids
//! the app handed out in its effects, and lists are built from the real fixtures by
//! `apidex::fetch`'s own mapping (`crate::support::lists`).
#![allow(clippy::unwrap_used, clippy::too_many_lines)]

use apidex::app::loadable::Loadable;

use apidex::app::tab::BatchStatus;
use apidex::app::{App, Focus};
use apidex::model::RequestId;
use apidex::model::{ItemKey, Source, TabId};
use apidex::msg::{Effect, Msg};
use builders::{
    api_error, breed, bulbasaur_in_focus, detail_fetch, list_req, loaded_app, new_app,
    pokemon_detail, pokemon_entries, post_entries, selected_key, selected_row, settle_type_chart,
    shown_titles, type_str,
};

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

// --- start-up and list loading ------------------------------------------------------------------

#[test]
fn new_fetches_every_list_and_waits() {
    let (app, effects) = new_app();
    assert_eq!(effects.len(), Source::COUNT, "{effects:?}");
    let sources: Vec<Source> = effects
        .iter()
        .map(|e| match e {
            Effect::FetchList { source, .. } => *source,
            other => panic!("unexpected effect {other:?}"),
        })
        .collect();
    assert_eq!(sources, Source::ALL);
    let reqs: std::collections::BTreeSet<RequestId> =
        Source::ALL.iter().map(|&s| list_req(&effects, s)).collect();
    assert_eq!(reqs.len(), Source::COUNT, "request ids must differ");
    for source in Source::ALL {
        let list = &app.tabs[source.index()].list;
        assert!(list.entries.awaits(list_req(&effects, source)));
        assert!(matches!(
            app.tabs[source.index()].detail.state,
            Loadable::Idle
        ));
    }
    assert_eq!(app.active, Source::Pokemon);
    assert_eq!(app.focus, Focus::List);
    assert!(app.is_loading());
    assert_eq!(app.in_flight(), Source::COUNT);
    assert!(app.notice.is_none());
    assert!(!app.should_quit());
}

#[test]
fn active_list_selects_first_row_and_fetches_it_at_once() {
    let (mut app, effects) = new_app();
    let more = app.update(Msg::ListLoaded {
        source: Source::Pokemon,
        req: list_req(&effects, Source::Pokemon),
        result: Ok(pokemon_entries()),
    });
    let fetch = detail_fetch(&more);
    assert_eq!(fetch.source, Source::Pokemon);
    assert_eq!(fetch.key, pokemon("bulbasaur"));
    assert!(!fetch.debounce, "the first detail must not wait");
    assert!(fetch.sub_breeds.is_empty());
    assert_eq!(app.tab().list.all().len(), 1351);
    assert_eq!(app.tab().list.shown.len(), 1351);
    assert_eq!(selected_row(&app), Some(0));
    assert_eq!(app.tab().detail.key, Some(pokemon("bulbasaur")));
    assert!(app.tab().detail.state.awaits(fetch.req));
    // The other lists are still loading, plus the detail.
    assert_eq!(app.in_flight(), Source::COUNT);
}

#[test]
fn background_list_loads_without_fetching() {
    let (mut app, effects) = new_app();
    let more = app.update(Msg::ListLoaded {
        source: Source::Posts,
        req: list_req(&effects, Source::Posts),
        result: Ok(post_entries()),
    });
    assert!(more.is_empty(), "{more:?}");
    let posts = &app.tabs[Source::Posts.index()];
    assert_eq!(posts.list.all().len(), 100);
    assert_eq!(posts.list.state.selected(), Some(0));
    assert!(matches!(posts.detail.state, Loadable::Idle));
    // The active tab is untouched.
    assert!(app.tab().list.entries.is_loading());
}

#[test]
fn stale_list_result_is_ignored() {
    let (mut app, effects) = new_app();
    let req = list_req(&effects, Source::Pokemon);
    let more = app.update(Msg::ListLoaded {
        source: Source::Pokemon,
        req: RequestId(req.0 + 100),
        result: Ok(pokemon_entries()),
    });
    assert!(more.is_empty());
    assert!(app.tab().list.entries.awaits(req), "a stale list was taken");
    // Another tab's request id does not count either.
    let more = app.update(Msg::ListLoaded {
        source: Source::Pokemon,
        req: list_req(&effects, Source::Posts),
        result: Ok(pokemon_entries()),
    });
    assert!(more.is_empty());
    assert!(app.tab().list.entries.awaits(req));

    let more = app.update(Msg::ListLoaded {
        source: Source::Pokemon,
        req,
        result: Ok(pokemon_entries()),
    });
    assert_eq!(detail_fetch(&more).key, pokemon("bulbasaur"));
    // The same answer delivered twice is not applied twice.
    let more = app.update(Msg::ListLoaded {
        source: Source::Pokemon,
        req,
        result: Ok(Vec::new()),
    });
    assert!(more.is_empty());
    assert_eq!(app.tab().list.all().len(), 1351);
}

#[test]
fn stale_detail_result_is_ignored() {
    let (mut app, first) = loaded_app();
    let second = detail_fetch(&app.update(Msg::Move(1)));
    assert_eq!(second.key, pokemon("ivysaur"));
    assert_ne!(first.req, second.req);

    // bulbasaur's answer arrives after the user moved on.
    app.update(Msg::DetailLoaded {
        source: Source::Pokemon,
        req: first.req,
        key: first.key.clone(),
        result: Ok(Some(pokemon_detail(1, "bulbasaur"))),
    });
    assert!(detail_state(&app).awaits(second.req));
    assert_eq!(app.tab().detail.key, Some(pokemon("ivysaur")));

    // So does an error for it: no notice either.
    app.update(Msg::DetailLoaded {
        source: Source::Pokemon,
        req: first.req,
        key: first.key,
        result: Err(api_error("pokemon/bulbasaur")),
    });
    assert!(detail_state(&app).awaits(second.req));
    assert!(app.notice.is_none());

    app.update(Msg::DetailLoaded {
        source: Source::Pokemon,
        req: second.req,
        key: second.key,
        result: Ok(Some(pokemon_detail(2, "ivysaur"))),
    });
    assert_eq!(
        detail_state(&app).loaded(),
        Some(&pokemon_detail(2, "ivysaur"))
    );
    // A second delivery of the same request changes nothing.
    app.update(Msg::DetailLoaded {
        source: Source::Pokemon,
        req: second.req,
        key: pokemon("ivysaur"),
        result: Ok(None),
    });
    assert!(detail_state(&app).loaded().is_some());
}

#[test]
fn the_first_pokemon_page_fetches_the_type_chart_once() {
    let (mut app, fetch) = loaded_app();
    assert!(
        matches!(app.type_chart, Loadable::Idle),
        "not before a page"
    );
    let effects = app.update(Msg::DetailLoaded {
        source: Source::Pokemon,
        req: fetch.req,
        key: fetch.key,
        result: Ok(Some(pokemon_detail(1, "bulbasaur"))),
    });
    let [Effect::FetchTypeChart { req }] = effects.as_slice() else {
        panic!("expected one FetchTypeChart, got {effects:?}");
    };
    assert!(app.type_chart.awaits(*req));
    // The next page does not ask again.
    let next = detail_fetch(&app.update(Msg::Move(1)));
    let effects = app.update(Msg::DetailLoaded {
        source: Source::Pokemon,
        req: next.req,
        key: next.key,
        result: Ok(Some(pokemon_detail(2, "ivysaur"))),
    });
    assert!(effects.is_empty(), "{effects:?}");
    settle_type_chart(&mut app);
    assert!(!app.is_loading());
}

// --- search -------------------------------------------------------------------------------------

#[test]
fn typing_char_filters_and_highlights_the_matched_letters() {
    let (mut app, _) = loaded_app();
    assert!(app.update(Msg::FocusSearch).is_empty());
    assert_eq!(app.focus, Focus::Search);
    type_str(&mut app, "char");
    let list = &app.tab().list;
    assert_eq!(list.query, "char");
    assert_eq!(
        shown_titles(&app, 3),
        ["charmander", "charmeleon", "charizard"]
    );
    for row in 0..3 {
        assert_eq!(list.shown[row].highlights, [0, 1, 2, 3], "row {row}");
    }
    // Every match contains c, h, a, r in that order, and nothing else is shown.
    assert!(list.shown.len() < 30, "{} shown", list.shown.len());
    for shown in &list.shown {
        let title: Vec<char> = list.all()[shown.entry].title.chars().collect();
        let picked: String = shown
            .highlights
            .iter()
            .map(|&i| title[i as usize].to_ascii_lowercase())
            .collect();
        assert_eq!(picked, "char", "{title:?}");
    }
    assert_eq!(selected_row(&app), Some(0));
    assert_eq!(selected_key(&app), Some(pokemon("charmander")));
}

#[test]
fn typing_fetches_debounced_only_when_the_selected_entry_changes() {
    let (mut app, _) = loaded_app();
    app.update(Msg::FocusSearch);
    let mut fetched = Vec::new();
    for c in "charm".chars() {
        let before = selected_key(&app);
        let effects = app.update(Msg::SearchInput(c));
        let after = selected_key(&app);
        if before == after {
            assert!(effects.is_empty(), "{c:?}: {effects:?}");
        } else {
            let fetch = detail_fetch(&effects);
            assert!(fetch.debounce, "typing must debounce");
            assert_eq!(Some(fetch.key.clone()), after);
            fetched.push(fetch.key);
        }
    }
    // 'c' moves the selection from bulbasaur to charmander; "har" and "m" keep it there.
    assert_eq!(fetched, [pokemon("charmander")]);
    assert!(app.tab().detail.state.is_loading());
}

#[test]
fn typing_an_id_puts_that_pokemon_first_and_backspace_widens_again() {
    let (mut app, _) = loaded_app();
    app.update(Msg::FocusSearch);
    let effects = type_str(&mut app, "25");
    assert_eq!(shown_titles(&app, 1), ["pikachu"]);
    assert_eq!(
        app.tab().list.entry_at(0).unwrap().tag.as_deref(),
        Some("#25")
    );
    // The last fetch asked for pikachu.
    assert_eq!(
        detail_fetch(&effects[effects.len() - 1..]).key,
        pokemon("pikachu")
    );
    let narrow = app.tab().list.shown.len();

    let effects = app.update(Msg::SearchBackspace);
    assert_eq!(app.tab().list.query, "2");
    assert_eq!(shown_titles(&app, 1), ["ivysaur"], "#2 comes first");
    assert!(app.tab().list.shown.len() >= narrow);
    assert_eq!(detail_fetch(&effects).key, pokemon("ivysaur"));

    app.update(Msg::SearchBackspace);
    assert_eq!(app.tab().list.query, "");
    assert_eq!(app.tab().list.shown.len(), 1351);
    assert_eq!(shown_titles(&app, 1), ["bulbasaur"]);
    assert_eq!(app.focus, Focus::Search);

    // "#25" works as well.
    type_str(&mut app, "#25");
    assert_eq!(shown_titles(&app, 1), ["pikachu"]);
}

#[test]
fn backspace_widens_a_fuzzy_filter() {
    let (mut app, _) = loaded_app();
    app.update(Msg::FocusSearch);
    type_str(&mut app, "charm");
    let narrow: Vec<usize> = app.tab().list.shown.iter().map(|s| s.entry).collect();
    app.update(Msg::SearchBackspace);
    let wide: Vec<usize> = app.tab().list.shown.iter().map(|s| s.entry).collect();
    assert!(
        wide.len() > narrow.len(),
        "{} vs {}",
        wide.len(),
        narrow.len()
    );
    assert!(narrow.iter().all(|e| wide.contains(e)), "char ⊇ charm");
    // charizard does not match "charm" but matches "char" again.
    let charizard = app
        .tab()
        .list
        .all()
        .iter()
        .position(|e| e.title == "charizard");
    assert!(!narrow.contains(&charizard.unwrap()));
    assert_eq!(
        shown_titles(&app, 3),
        ["charmander", "charmeleon", "charizard"]
    );
}

#[test]
fn esc_in_search_clears_the_query_and_returns_to_the_list() {
    let (mut app, _) = loaded_app();
    app.update(Msg::FocusSearch);
    type_str(&mut app, "char");
    let effects = app.update(Msg::Back);
    assert_eq!(app.focus, Focus::List);
    assert_eq!(app.tab().list.query, "");
    assert_eq!(app.tab().list.shown.len(), 1351);
    assert_eq!(selected_row(&app), Some(0));
    // Row 0 is bulbasaur again, while the pane was fetching charmander.
    assert_eq!(detail_fetch(&effects).key, pokemon("bulbasaur"));
}

#[test]
fn opening_and_leaving_an_empty_search_keeps_the_selection() {
    let (mut app, _) = loaded_app();
    app.update(Msg::Move(5));
    let key = selected_key(&app);
    assert_eq!(key, Some(pokemon("charizard")));
    app.update(Msg::FocusSearch);
    assert!(app.update(Msg::SearchBackspace).is_empty());
    assert_eq!(selected_key(&app), key);
    assert!(app.update(Msg::SearchClear).is_empty());
    assert_eq!(selected_key(&app), key);
    assert!(app.update(Msg::Back).is_empty());
    assert_eq!(app.focus, Focus::List);
    assert_eq!(
        selected_row(&app),
        Some(5),
        "Esc from an empty search moved"
    );
}

#[test]
fn confirm_in_search_opens_the_best_match() {
    let (mut app, _) = loaded_app();
    app.update(Msg::FocusSearch);
    let typed = type_str(&mut app, "char");
    let pending = detail_fetch(&typed);
    assert_eq!(pending.key, pokemon("charmander"));
    assert!(pending.debounce);

    // A debounced fetch for charmander is waiting out its delay: Enter means now, so it is
    // replaced by an immediate one (the runner aborts the first).
    let now = detail_fetch(&app.update(Msg::Confirm));
    assert_eq!(now.key, pokemon("charmander"));
    assert!(!now.debounce);
    assert_ne!(now.req, pending.req);
    assert_eq!(app.focus, Focus::Detail);
    assert!(app.tab().detail.state.awaits(now.req));
    assert!(!app.tab().detail.state.awaits(pending.req));
}

#[test]
fn confirm_in_search_refetches_a_failed_match_at_once() {
    let (mut app, _) = loaded_app();
    app.update(Msg::FocusSearch);
    let pending = detail_fetch(&type_str(&mut app, "char"));
    app.update(Msg::DetailLoaded {
        source: Source::Pokemon,
        req: pending.req,
        key: pending.key,
        result: Err(api_error("pokemon/charmander")),
    });
    let fetch = detail_fetch(&app.update(Msg::Confirm));
    assert_eq!(fetch.key, pokemon("charmander"));
    assert!(!fetch.debounce, "Enter must not wait");
    assert_ne!(fetch.req, pending.req);
    assert_eq!(app.focus, Focus::Detail);
}

#[test]
fn confirm_without_a_match_fetches_exactly_what_was_typed() {
    let (mut app, _) = loaded_app();
    app.update(Msg::FocusSearch);
    type_str(&mut app, "  MissingNo ");
    assert!(app.tab().list.shown.is_empty());
    assert_eq!(selected_row(&app), None);
    let fetch = detail_fetch(&app.update(Msg::Confirm));
    assert_eq!(fetch.key, pokemon("missingno"), "trimmed and lower-cased");
    assert!(!fetch.debounce);
    assert_eq!(fetch.source, Source::Pokemon);
    assert_eq!(app.focus, Focus::Detail);
    assert_eq!(app.tab().detail.key, Some(pokemon("missingno")));
    assert!(app.tab().detail.state.awaits(fetch.req));
}

#[test]
fn confirm_on_an_empty_search_with_an_empty_list_goes_back_to_the_list() {
    let (mut app, effects) = new_app();
    // The list is still loading: nothing is shown, nothing typed.
    app.update(Msg::FocusSearch);
    assert!(app.update(Msg::Confirm).is_empty());
    assert_eq!(app.focus, Focus::List);
    // Once it loads, the first row is fetched as usual.
    let more = app.update(Msg::ListLoaded {
        source: Source::Pokemon,
        req: list_req(&effects, Source::Pokemon),
        result: Ok(pokemon_entries()),
    });
    assert_eq!(detail_fetch(&more).key, pokemon("bulbasaur"));
}

#[test]
fn not_found_offers_close_names_from_the_list() {
    let (mut app, _) = loaded_app();
    app.update(Msg::FocusSearch);
    // A typo that fuzzy-matches nothing in the list.
    type_str(&mut app, "pikaxhu");
    assert!(app.tab().list.shown.is_empty());
    let fetch = detail_fetch(&app.update(Msg::Confirm));
    assert_eq!(fetch.key, pokemon("pikaxhu"));
    app.update(Msg::DetailLoaded {
        source: Source::Pokemon,
        req: fetch.req,
        key: fetch.key,
        result: Ok(None),
    });
    let Loadable::NotFound { query, suggestions } = detail_state(&app) else {
        panic!("expected NotFound, got {:?}", detail_state(&app));
    };
    assert_eq!(query, "pikaxhu");
    assert_eq!(suggestions.first().map(String::as_str), Some("pikachu"));
    assert!(suggestions.len() <= 5);
    assert!(app.notice.is_none(), "not found is not an error");
    assert!(!app.is_loading());
}

#[test]
fn an_extra_letter_still_fuzzy_matches_a_form_name() {
    // "pikachuu" is a subsequence of "pikachu-unova-cap": Enter opens that form, it does not ask
    // the API for "pikachuu".
    let (mut app, _) = loaded_app();
    app.update(Msg::FocusSearch);
    type_str(&mut app, "pikachuu");
    assert_eq!(shown_titles(&app, 5), ["pikachu-unova-cap"]);
    app.update(Msg::Confirm);
    assert_eq!(app.tab().detail.key, Some(pokemon("pikachu-unova-cap")));
}

#[test]
fn detail_error_fails_the_pane_and_sets_the_notice() {
    let (mut app, fetch) = loaded_app();
    let err = api_error("pokemon/bulbasaur");
    app.update(Msg::DetailLoaded {
        source: Source::Pokemon,
        req: fetch.req,
        key: fetch.key,
        result: Err(err.clone()),
    });
    let Loadable::Failed(got) = detail_state(&app) else {
        panic!("expected Failed, got {:?}", detail_state(&app));
    };
    assert_eq!(got, &err);
    let notice = app.notice.as_deref().unwrap();
    assert!(notice.starts_with("bulbasaur: "), "{notice}");
    assert!(notice.contains("HTTP 503"), "{notice}");
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

#[test]
fn retry_refetches_a_failed_detail() {
    let (mut app, fetch) = loaded_app();
    // Nothing failed yet: r does nothing.
    assert!(app.update(Msg::Retry).is_empty());
    app.update(Msg::DetailLoaded {
        source: Source::Pokemon,
        req: fetch.req,
        key: fetch.key.clone(),
        result: Err(api_error("pokemon/bulbasaur")),
    });
    let again = detail_fetch(&forced(app.update(Msg::Retry)));
    assert_eq!(again.key, fetch.key);
    assert_ne!(again.req, fetch.req);
    assert!(!again.debounce);
    assert!(detail_state(&app).awaits(again.req));
    // While it is loading, r does not pile up requests.
    assert!(app.update(Msg::Retry).is_empty());
}

#[test]
fn retry_refetches_a_failed_list() {
    let (mut app, effects) = new_app();
    let req = list_req(&effects, Source::Pokemon);
    let more = app.update(Msg::ListLoaded {
        source: Source::Pokemon,
        req,
        result: Err(api_error("pokemon?limit=100000")),
    });
    assert!(
        more.iter()
            .all(|e| matches!(e, Effect::ExpireNotice { .. })),
        "nothing to select in a failed list: {more:?}"
    );
    assert!(matches!(app.tab().list.entries, Loadable::Failed(_)));
    let notice = app.notice.clone().unwrap();
    assert!(notice.starts_with("PokeAPI: HTTP 503"), "{notice}");

    let retry = forced(app.update(Msg::Retry));
    let [Effect::FetchList { source, req: again }] = retry.as_slice() else {
        panic!("expected one FetchList, got {retry:?}");
    };
    assert_eq!(*source, Source::Pokemon);
    assert_ne!(*again, req);
    assert!(app.tab().list.entries.awaits(*again));
    // The old request's late answer is dropped.
    assert!(
        app.update(Msg::ListLoaded {
            source: Source::Pokemon,
            req,
            result: Ok(pokemon_entries()),
        })
        .is_empty()
    );
    assert!(app.tab().list.entries.is_loading());

    let more = app.update(Msg::ListLoaded {
        source: Source::Pokemon,
        req: *again,
        result: Ok(pokemon_entries()),
    });
    assert_eq!(detail_fetch(&more).key, pokemon("bulbasaur"));
}

// --- moving -------------------------------------------------------------------------------------

#[test]
fn moving_stays_in_bounds_and_debounces_the_detail() {
    let (mut app, _) = loaded_app();
    assert!(app.update(Msg::Move(-1)).is_empty(), "already at the top");
    assert_eq!(selected_row(&app), Some(0));

    let fetch = detail_fetch(&app.update(Msg::Move(1)));
    assert_eq!(fetch.key, pokemon("ivysaur"));
    assert!(fetch.debounce);
    assert_eq!(selected_row(&app), Some(1));
    assert_eq!(
        detail_fetch(&app.update(Msg::Move(1))).key,
        pokemon("venusaur")
    );
    assert_eq!(
        detail_fetch(&app.update(Msg::Move(-1))).key,
        pokemon("ivysaur")
    );

    let last = app.tab().list.all().last().unwrap().key.clone();
    let fetch = detail_fetch(&app.update(Msg::Bottom));
    assert_eq!(fetch.key, last);
    assert_eq!(selected_row(&app), Some(1350));
    assert!(app.update(Msg::Move(1)).is_empty(), "already at the bottom");
    assert!(app.update(Msg::Move(1000)).is_empty());
    assert_eq!(selected_row(&app), Some(1350));

    let fetch = detail_fetch(&app.update(Msg::Top));
    assert_eq!(fetch.key, pokemon("bulbasaur"));
    assert!(fetch.debounce);
    assert_eq!(selected_row(&app), Some(0));
    assert!(app.update(Msg::Top).is_empty());
    assert!(app.update(Msg::Move(-1000)).is_empty());

    // Moving back to an item that is still loading does not fetch it twice.
    app.update(Msg::Move(1));
    let back = app.update(Msg::Move(-1));
    assert_eq!(detail_fetch(&back).key, pokemon("bulbasaur"));
    let fetch = detail_fetch(&back);
    app.update(Msg::DetailLoaded {
        source: Source::Pokemon,
        req: fetch.req,
        key: fetch.key,
        result: Ok(Some(pokemon_detail(1, "bulbasaur"))),
    });
    // Reopening a loaded item costs nothing.
    assert!(app.update(Msg::Confirm).is_empty());
    assert_eq!(app.focus, Focus::Detail);
}

#[test]
fn moving_in_the_detail_pane_scrolls_it() {
    let (mut app, _) = loaded_app();
    app.update(Msg::FocusDetail);
    assert_eq!(app.focus, Focus::Detail);
    assert!(app.update(Msg::Move(3)).is_empty());
    assert_eq!(app.tab().detail.scroll, 3);
    assert_eq!(selected_row(&app), Some(0), "the list selection stays");
    app.update(Msg::Move(-10));
    assert_eq!(app.tab().detail.scroll, 0);
    app.update(Msg::Bottom);
    assert_eq!(app.tab().detail.scroll, u16::MAX, "clamped by the view");
    app.update(Msg::Top);
    assert_eq!(app.tab().detail.scroll, 0);
    app.update(Msg::FocusList);
    assert_eq!(app.focus, Focus::List);
}

#[test]
fn first_and_last_pick_the_first_and_last_link_on_a_page() {
    let mut app = bulbasaur_in_focus();
    // The page links its type and its ability.
    assert_eq!(
        app.links(),
        [
            ItemKey::Type("normal".to_owned()),
            ItemKey::Ability("run-away".to_owned())
        ]
    );
    assert_eq!(app.tab().detail.link, None);
    app.update(Msg::Top);
    assert_eq!(app.tab().detail.link, Some(0), "g: the first link");
    app.update(Msg::Bottom);
    assert_eq!(app.tab().detail.link, Some(1), "G: the last link");
    app.update(Msg::Top);
    assert_eq!(app.tab().detail.link, Some(0));

    // From no selection, G goes to the last link too, and j / k to the first / last.
    for (msg, expected) in [
        (Msg::Bottom, 1),
        (Msg::Top, 0),
        (Msg::Move(1), 0),
        (Msg::Move(-1), 1),
    ] {
        // Away and back: the page comes from the cache with no link selected.
        app.update(Msg::FocusList);
        app.update(Msg::Move(1));
        assert!(app.update(Msg::Move(-1)).is_empty(), "bulbasaur is cached");
        app.update(Msg::FocusDetail);
        assert_eq!(app.tab().detail.link, None);
        let label = format!("{msg:?}");
        app.update(msg);
        assert_eq!(app.tab().detail.link, Some(expected), "{label}");
    }
    assert_eq!(selected_row(&app), Some(0));
}

#[test]
fn page_moves_by_what_the_last_draw_showed() {
    let (mut app, _) = loaded_app();
    // Never drawn: a page is one row.
    app.update(Msg::Page(1));
    assert_eq!(selected_row(&app), Some(1));
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
    terminal.draw(|f| apidex::ui::draw(f, &mut app)).unwrap();
    let page = usize::from(app.areas.list_page);
    assert!(page > 10, "page {page}");
    app.update(Msg::Page(1));
    assert_eq!(selected_row(&app), Some(1 + page));
    app.update(Msg::Page(-1));
    app.update(Msg::Page(-1));
    assert_eq!(selected_row(&app), Some(0));
}

// --- marks and batches --------------------------------------------------------------------------

#[test]
fn marks_toggle_move_on_and_clear_with_esc() {
    let (mut app, _) = loaded_app();
    let fetch = detail_fetch(&app.update(Msg::ToggleMark));
    assert_eq!(fetch.key, pokemon("ivysaur"), "marking moves on");
    assert!(fetch.debounce);
    assert_eq!(selected_row(&app), Some(1));
    app.update(Msg::ToggleMark);
    assert_eq!(
        app.tab().list.marks.iter().copied().collect::<Vec<_>>(),
        [0, 1]
    );
    // Back on bulbasaur, Space unmarks it.
    app.update(Msg::Top);
    app.update(Msg::ToggleMark);
    assert_eq!(
        app.tab().list.marks.iter().copied().collect::<Vec<_>>(),
        [1]
    );

    assert!(app.update(Msg::Back).is_empty());
    assert!(app.tab().list.marks.is_empty());
    assert_eq!(app.focus, Focus::List);
}

#[test]
fn mark_all_marks_every_shown_row() {
    let (mut app, _) = loaded_app();
    app.update(Msg::FocusSearch);
    type_str(&mut app, "char");
    app.update(Msg::FocusList);
    assert!(app.update(Msg::MarkAll).is_empty());
    let list = &app.tab().list;
    let shown: std::collections::BTreeSet<usize> = list.shown.iter().map(|s| s.entry).collect();
    assert_eq!(list.marks, shown);
    assert_eq!(list.marks.len(), list.shown.len());

    // Esc clears the marks first, then the filter.
    app.update(Msg::Back);
    assert!(app.tab().list.marks.is_empty());
    assert_eq!(app.tab().list.query, "char");
    app.update(Msg::Back);
    assert_eq!(app.tab().list.query, "");
    assert_eq!(app.focus, Focus::List);
}

#[test]
fn marking_from_the_detail_pane_moves_the_list_selection() {
    let (mut app, _) = loaded_app();
    app.update(Msg::FocusDetail);
    let fetch = detail_fetch(&app.update(Msg::ToggleMark));
    assert_eq!(fetch.key, pokemon("ivysaur"));
    app.update(Msg::ToggleMark);
    app.update(Msg::ToggleMark);
    assert_eq!(
        app.tab().list.marks.iter().copied().collect::<Vec<_>>(),
        [0, 1, 2],
        "Space Space Space marks three in a row"
    );
    assert_eq!(selected_row(&app), Some(3));
    assert_eq!(app.tab().detail.scroll, 0, "marking does not scroll");
    assert_eq!(app.focus, Focus::Detail);
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

#[test]
fn confirm_with_marks_starts_a_batch_in_list_order() {
    let (mut app, _) = loaded_app();
    let (req, items) = start_batch(&mut app);
    assert_eq!(
        items,
        [
            (0, pokemon("bulbasaur")),
            (1, pokemon("squirtle")),
            (2, pokemon("pikachu")),
        ]
    );
    assert_eq!(app.tab().list.marks.len(), 3, "the marks stay");
    assert_eq!(app.focus, Focus::List);
    let batch = app.tab().batch.as_ref().unwrap();
    let labels: Vec<&str> = batch.items.iter().map(|i| i.label.as_str()).collect();
    assert_eq!(labels, ["#1 bulbasaur", "#7 squirtle", "#25 pikachu"]);
    assert!(batch.items.iter().all(|i| i.status == BatchStatus::Queued));
    assert!(batch.items.iter().all(|i| i.req == req));
    assert_eq!(batch.state.selected(), Some(0));
    assert_eq!(batch.finished(), 0);
    assert!(batch.is_running());
    assert!(app.is_loading());
}

#[test]
fn batch_items_report_progress_and_stale_results_are_dropped() {
    let (mut app, fetch) = loaded_app();
    app.update(Msg::DetailLoaded {
        source: Source::Pokemon,
        req: fetch.req,
        key: fetch.key,
        result: Ok(Some(pokemon_detail(1, "bulbasaur"))),
    });
    let (req, _) = start_batch(&mut app);
    // Marking moved the selection on and fetched that row's detail; let it arrive.
    if let Loadable::Loading { req: detail_req } = app.tab().detail.state {
        let key = app.tab().detail.key.clone().unwrap();
        app.update(Msg::DetailLoaded {
            source: Source::Pokemon,
            req: detail_req,
            key,
            result: Ok(Some(pokemon_detail(26, "raichu"))),
        });
    }
    settle_type_chart(&mut app);
    assert!(app.is_loading(), "queued items count as loading");
    assert_eq!(app.in_flight(), 0, "but not as in flight");

    for index in 0..3 {
        app.update(Msg::BatchItemStarted {
            source: Source::Pokemon,
            req,
            index,
        });
    }
    let batch = app.tab().batch.as_ref().unwrap();
    assert!(
        batch
            .items
            .iter()
            .all(|i| i.status == BatchStatus::InFlight)
    );
    assert_eq!(app.in_flight(), 3);

    let stale = RequestId(req.0 + 1000);
    app.update(Msg::BatchItemLoaded {
        source: Source::Pokemon,
        req: stale,
        index: 0,
        result: Ok(Some("stale".to_owned())),
    });
    app.update(Msg::BatchItemLoaded {
        source: Source::Posts,
        req,
        index: 0,
        result: Ok(Some("wrong tab".to_owned())),
    });
    app.update(Msg::BatchItemLoaded {
        source: Source::Pokemon,
        req,
        index: 7,
        result: Ok(Some("no such index".to_owned())),
    });
    assert_eq!(app.tab().batch.as_ref().unwrap().finished(), 0);

    app.update(Msg::BatchItemLoaded {
        source: Source::Pokemon,
        req,
        index: 0,
        result: Ok(Some("grass/poison · total 318".to_owned())),
    });
    app.update(Msg::BatchItemLoaded {
        source: Source::Pokemon,
        req,
        index: 1,
        result: Ok(None),
    });
    assert!(app.notice.is_none());
    app.update(Msg::BatchItemLoaded {
        source: Source::Pokemon,
        req,
        index: 2,
        result: Err(api_error("pokemon/pikachu")),
    });
    let batch = app.tab().batch.as_ref().unwrap();
    let statuses: Vec<&BatchStatus> = batch.items.iter().map(|i| &i.status).collect();
    assert_eq!(
        statuses,
        [
            &BatchStatus::Done("grass/poison · total 318".to_owned()),
            &BatchStatus::NotFound,
            &BatchStatus::Failed(api_error("pokemon/pikachu")),
        ]
    );
    assert_eq!(batch.finished(), 3);
    assert!(!batch.is_running());
    assert!(!app.is_loading());
    assert_eq!(app.in_flight(), 0);
    let notice = app.notice.as_deref().unwrap();
    assert!(notice.starts_with("#25 pikachu: HTTP 503"), "{notice}");

    // A late "started" does not turn a finished item back into in-flight.
    app.update(Msg::BatchItemStarted {
        source: Source::Pokemon,
        req,
        index: 0,
    });
    assert!(matches!(
        app.tab().batch.as_ref().unwrap().items[0].status,
        BatchStatus::Done(_)
    ));
}

#[test]
fn batch_retry_requeues_only_failures_under_a_new_request() {
    let (mut app, _) = loaded_app();
    let (old, _) = start_batch(&mut app);
    let load = |app: &mut App, req, index, result| {
        app.update(Msg::BatchItemLoaded {
            source: Source::Pokemon,
            req,
            index,
            result,
        });
    };
    load(&mut app, old, 0, Err(api_error("pokemon/bulbasaur")));
    app.update(Msg::BatchItemStarted {
        source: Source::Pokemon,
        req: old,
        index: 1,
    });
    load(&mut app, old, 2, Err(api_error("pokemon/pikachu")));

    let effects = forced(app.update(Msg::Retry));
    let [
        Effect::FetchBatch {
            source: Source::Pokemon,
            req: new,
            items,
        },
    ] = effects.as_slice()
    else {
        panic!("expected one FetchBatch, got {effects:?}");
    };
    let new = *new;
    assert_ne!(new, old);
    assert_eq!(
        items,
        &[(0, pokemon("bulbasaur")), (2, pokemon("pikachu"))],
        "only the failures, at their positions"
    );
    let batch = app.tab().batch.as_ref().unwrap();
    assert_eq!(batch.items[0].status, BatchStatus::Queued);
    assert_eq!(batch.items[0].req, new);
    assert_eq!(batch.items[1].status, BatchStatus::InFlight, "untouched");
    assert_eq!(batch.items[1].req, old);
    assert_eq!(batch.items[2].req, new);

    // A late answer from the first attempt for a retried item is dropped…
    load(&mut app, old, 0, Ok(Some("late".to_owned())));
    assert_eq!(
        app.tab().batch.as_ref().unwrap().items[0].status,
        BatchStatus::Queued
    );
    // …while the first attempt's item that was still in flight is still accepted.
    load(&mut app, old, 1, Ok(Some("water · total 314".to_owned())));
    // And the new attempt's answers land.
    load(
        &mut app,
        new,
        0,
        Ok(Some("grass/poison · total 318".to_owned())),
    );
    load(
        &mut app,
        new,
        2,
        Ok(Some("electric · total 320".to_owned())),
    );
    let batch = app.tab().batch.as_ref().unwrap();
    assert_eq!(
        batch.items[0].status,
        BatchStatus::Done("grass/poison · total 318".to_owned())
    );
    assert_eq!(
        batch.items[1].status,
        BatchStatus::Done("water · total 314".to_owned())
    );
    assert_eq!(batch.finished(), 3);
    // Nothing failed: r does nothing.
    assert!(app.update(Msg::Retry).is_empty());
}

#[test]
fn batch_view_moves_opens_items_and_closes_with_esc() {
    let (mut app, _) = loaded_app();
    start_batch(&mut app);
    let list_row = selected_row(&app);

    // Marks are left alone while the batch view is open.
    assert!(app.update(Msg::ToggleMark).is_empty());
    assert!(app.update(Msg::MarkAll).is_empty());
    assert_eq!(app.tab().list.marks.len(), 3);

    // The detail pane follows the batch's selection, debounced like the list's.
    let fetch = detail_fetch(&app.update(Msg::Move(1)));
    assert_eq!(fetch.key, pokemon("squirtle"));
    assert!(fetch.debounce);
    assert_eq!(app.tab().batch.as_ref().unwrap().state.selected(), Some(1));
    app.update(Msg::Move(10));
    assert_eq!(app.tab().batch.as_ref().unwrap().state.selected(), Some(2));
    app.update(Msg::Move(-1));
    assert_eq!(selected_row(&app), list_row, "the list selection stays");

    let fetch = detail_fetch(&app.update(Msg::Confirm));
    assert_eq!(fetch.key, pokemon("squirtle"));
    assert!(!fetch.debounce);
    assert_eq!(app.focus, Focus::Detail);

    // Esc leaves the detail, then closes the batch: the pane follows the list again.
    assert!(app.update(Msg::Back).is_empty());
    assert_eq!(app.focus, Focus::List);
    assert!(app.tab().batch.is_some());
    let effects = app.update(Msg::Back);
    assert_eq!(
        effects[0],
        Effect::CancelBatch {
            source: Source::Pokemon
        }
    );
    assert_eq!(
        detail_fetch(&effects[1..]).key,
        pokemon("raichu"),
        "{effects:?}"
    );
    assert!(app.tab().batch.is_none());
    // The marks survive closing the batch; a second Esc clears them.
    assert_eq!(app.tab().list.marks.len(), 3);
    assert!(app.update(Msg::Back).is_empty());
    assert!(app.tab().list.marks.is_empty());
    assert!(app.update(Msg::Back).is_empty(), "nothing left to close");
}

// --- tabs ---------------------------------------------------------------------------------------

#[test]
fn tabs_keep_their_own_query_selection_and_marks() {
    let (mut app, _) = loaded_app();
    app.update(Msg::FocusSearch);
    type_str(&mut app, "char");

    // Posts has never shown a detail: switching fetches its selection at once.
    let fetch = detail_fetch(&app.update(Msg::NextTab));
    assert_eq!(app.active, Source::Posts);
    assert_eq!(app.focus, Focus::List, "switching leaves the search box");
    assert_eq!(fetch.source, Source::Posts);
    assert_eq!(fetch.key, ItemKey::Post(1));
    assert!(!fetch.debounce);
    assert_eq!(app.tab().list.query, "");
    app.update(Msg::Move(2));
    app.update(Msg::ToggleMark);
    assert_eq!(selected_key(&app), Some(ItemKey::Post(4)));

    // Back on Pokémon: the filter and its selection are as they were, nothing is refetched.
    assert!(app.update(Msg::PrevTab).is_empty());
    assert_eq!(app.active, Source::Pokemon);
    assert_eq!(app.tab().list.query, "char");
    assert_eq!(selected_key(&app), Some(pokemon("charmander")));
    assert!(app.tab().list.marks.is_empty());

    // Dogs, never shown: fetched.
    let fetch = detail_fetch(&app.update(Msg::SelectTab(Source::Dogs)));
    assert_eq!(fetch.source, Source::Dogs);
    assert_eq!(fetch.key, ItemKey::Breed(breed("affenpinscher", None)));

    assert!(app.update(Msg::SelectTab(Source::Posts)).is_empty());
    assert_eq!(selected_key(&app), Some(ItemKey::Post(4)));
    assert_eq!(
        app.tab().list.marks.iter().copied().collect::<Vec<_>>(),
        [2]
    );
    // Tabs go round in the tab bar's order, through the Live tab after Dogs (#15), and wrap.
    app.update(Msg::SelectTab(Source::Pokemon));
    let shown = |app: &App| {
        if app.live.shown {
            TabId::Live
        } else {
            TabId::Source(app.active)
        }
    };
    for expected in TabId::ALL.iter().cycle().skip(1).take(TabId::COUNT) {
        app.update(Msg::NextTab);
        assert_eq!(shown(&app), *expected);
    }
    for expected in TabId::ALL.iter().rev().take(TabId::COUNT) {
        app.update(Msg::PrevTab);
        assert_eq!(shown(&app), *expected);
    }
    assert_eq!(TabId::ALL[3], TabId::Live, "Live after Dogs");
}

#[test]
fn switching_to_a_tab_before_its_list_arrives_fetches_when_it_does() {
    let (mut app, effects) = new_app();
    assert!(app.update(Msg::SelectTab(Source::Dogs)).is_empty());
    let more = app.update(Msg::ListLoaded {
        source: Source::Dogs,
        req: list_req(&effects, Source::Dogs),
        result: Ok(builders::breed_entries()),
    });
    assert_eq!(
        detail_fetch(&more).key,
        ItemKey::Breed(breed("affenpinscher", None))
    );
    // The Pokémon list arriving in the background fetches nothing.
    let more = app.update(Msg::ListLoaded {
        source: Source::Pokemon,
        req: list_req(&effects, Source::Pokemon),
        result: Ok(pokemon_entries()),
    });
    assert!(more.is_empty());
    // Going there does.
    assert_eq!(
        detail_fetch(&app.update(Msg::SelectTab(Source::Pokemon))).key,
        pokemon("bulbasaur")
    );
}

#[test]
fn a_breed_fetch_carries_its_sub_breeds_from_the_list() {
    let (mut app, _) = loaded_app();
    app.update(Msg::SelectTab(Source::Dogs));
    let australian = app
        .tab()
        .list
        .shown
        .iter()
        .position(|s| app.tab().list.all()[s.entry].title == "australian")
        .unwrap();
    let fetch = detail_fetch(&app.update(Msg::Move(isize::try_from(australian).unwrap())));
    assert_eq!(fetch.key, ItemKey::Breed(breed("australian", None)));
    assert_eq!(fetch.sub_breeds, ["kelpie", "shepherd"]);
    // Its sub-breed is the next row, keyed breed/sub, with no sub-breeds of its own.
    let fetch = detail_fetch(&app.update(Msg::Move(1)));
    assert_eq!(
        fetch.key,
        ItemKey::Breed(breed("australian", Some("kelpie")))
    );
    assert!(fetch.sub_breeds.is_empty());
    assert_eq!(fetch.key.to_string(), "australian/kelpie");
}

// --- the Posts tab ------------------------------------------------------------------------------

#[test]
fn post_queries_must_be_numbers() {
    assert_eq!(Source::Posts.key_for_query("abc"), None);
    assert_eq!(Source::Posts.key_for_query(""), None);
    assert_eq!(Source::Posts.key_for_query("7"), Some(ItemKey::Post(7)));
    assert_eq!(Source::Posts.key_for_query(" #7 "), Some(ItemKey::Post(7)));
    assert_eq!(
        Source::Pokemon.key_for_query(" Pikachu "),
        Some(pokemon("pikachu"))
    );
    assert_eq!(
        Source::Dogs.key_for_query("Hound/Afghan"),
        Some(ItemKey::Breed(breed("hound", Some("afghan"))))
    );
}

#[test]
fn posts_typed_text_that_cannot_be_an_id_is_not_found_without_a_request() {
    let (mut app, _) = loaded_app();
    app.update(Msg::SelectTab(Source::Posts));
    app.update(Msg::FocusSearch);
    type_str(&mut app, "xyz");
    assert!(app.tab().list.shown.is_empty());
    let effects = app.update(Msg::Confirm);
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(app.focus, Focus::Detail);
    assert_eq!(app.tab().detail.key, None);
    let Loadable::NotFound { query, suggestions } = detail_state(&app) else {
        panic!("expected NotFound, got {:?}", detail_state(&app));
    };
    assert_eq!(query, "xyz");
    assert!(suggestions.is_empty());
    // The Pokémon tab is untouched.
    assert!(app.tabs[Source::Pokemon.index()].detail.state.is_loading());
}

#[test]
fn a_name_that_can_be_no_pokemon_is_a_new_page_without_the_last_ones_link_or_request() {
    // Found by the property test: a link selected on a page stayed selected on the not-found
    // page that replaced it (`link 3 of 0`), and so did the page's scroll and requests.
    let mut app = bulbasaur_in_focus();
    app.update(Msg::Bottom);
    assert_eq!(app.tab().detail.link, Some(1));
    app.tabs[Source::Pokemon.index()].detail.scroll = 7;
    app.update(Msg::FocusSearch);
    type_str(&mut app, "ȴ");
    assert!(app.tab().list.shown.is_empty());
    assert!(app.update(Msg::Confirm).is_empty(), "no request");
    let detail = &app.tab().detail;
    assert!(matches!(detail.state, Loadable::NotFound { .. }));
    assert!(app.links().is_empty());
    assert_eq!(detail.link, None, "no link of the page before");
    assert_eq!(detail.scroll, 0);
    assert!(detail.requests.is_none() && detail.origin.is_none());
}

#[test]
fn posts_typing_an_id_finds_that_post() {
    let (mut app, _) = loaded_app();
    app.update(Msg::SelectTab(Source::Posts));
    app.update(Msg::FocusSearch);
    let fetch = detail_fetch(&type_str(&mut app, "#7"));
    assert_eq!(fetch.key, ItemKey::Post(7));
    assert!(fetch.debounce);
    assert_eq!(app.tab().list.shown.len(), 1);
    let now = detail_fetch(&app.update(Msg::Confirm));
    assert_eq!(now.key, ItemKey::Post(7));
    assert!(!now.debounce, "Enter fetches at once");
    assert_eq!(app.focus, Focus::Detail);
    assert_eq!(app.tab().detail.key, Some(ItemKey::Post(7)));

    // Without the '#' too.
    app.update(Msg::FocusSearch);
    app.update(Msg::SearchClear);
    type_str(&mut app, "7");
    assert_eq!(selected_key(&app), Some(ItemKey::Post(7)));
}

#[test]
fn posts_an_id_past_the_list_is_fetched_as_typed() {
    let (mut app, _) = loaded_app();
    app.update(Msg::SelectTab(Source::Posts));
    app.update(Msg::FocusSearch);
    type_str(&mut app, "#101");
    assert!(app.tab().list.shown.is_empty());
    let fetch = detail_fetch(&app.update(Msg::Confirm));
    assert_eq!(fetch.source, Source::Posts);
    assert_eq!(fetch.key, ItemKey::Post(101));
    assert!(!fetch.debounce);
}

// --- loading counts, help, quit -----------------------------------------------------------------

#[test]
fn loading_counts_follow_outstanding_requests() {
    let (mut app, effects) = new_app();
    assert_eq!(app.in_flight(), Source::COUNT);
    for source in crate::support::app::background_sources() {
        app.update(Msg::ListLoaded {
            source,
            req: list_req(&effects, source),
            result: Ok(builders::entries_for(source)),
        });
    }
    assert_eq!(app.in_flight(), 1);
    let fetch = detail_fetch(&app.update(Msg::ListLoaded {
        source: Source::Pokemon,
        req: list_req(&effects, Source::Pokemon),
        result: Ok(pokemon_entries()),
    }));
    assert_eq!(app.in_flight(), 1, "the list is in, its detail is loading");
    assert!(app.is_loading());
    // A second tab's detail adds one.
    let posts = detail_fetch(&app.update(Msg::NextTab));
    assert_eq!(app.in_flight(), 2);
    app.update(Msg::DetailLoaded {
        source: Source::Pokemon,
        req: fetch.req,
        key: fetch.key,
        result: Ok(Some(pokemon_detail(1, "bulbasaur"))),
    });
    // A background tab's detail lands too; the Pokémon page asked for the type chart (for
    // matchups), which counts as loading like everything else.
    assert!(app.type_chart.is_loading());
    assert_eq!(app.in_flight(), 2);
    assert!(app.is_loading());
    settle_type_chart(&mut app);
    app.update(Msg::DetailLoaded {
        source: Source::Posts,
        req: posts.req,
        key: posts.key,
        result: Ok(None),
    });
    assert_eq!(app.in_flight(), 0);
    assert!(!app.is_loading());
    // Ticks only move the spinner.
    app.update(Msg::Tick);
    app.update(Msg::Tick);
    assert_eq!(app.spinner, 2);
}

#[test]
fn help_swallows_keys_until_closed() {
    let (mut app, _) = loaded_app();
    app.update(Msg::ToggleHelp);
    assert!(app.help);
    assert!(app.update(Msg::Move(1)).is_empty());
    assert!(app.update(Msg::NextTab).is_empty());
    assert!(app.update(Msg::ToggleMark).is_empty());
    assert_eq!(selected_row(&app), Some(0));
    assert_eq!(app.active, Source::Pokemon);
    assert!(app.tab().list.marks.is_empty());
    assert!(app.update(Msg::Back).is_empty());
    assert!(!app.help);
    assert_eq!(app.focus, Focus::List);
    // Now keys work again; ? toggles the overlay, Enter closes it too.
    assert_eq!(
        detail_fetch(&app.update(Msg::Move(1))).key,
        pokemon("ivysaur")
    );
    app.update(Msg::ToggleHelp);
    app.update(Msg::ToggleHelp);
    assert!(!app.help);
    app.update(Msg::ToggleHelp);
    assert!(app.update(Msg::Confirm).is_empty());
    assert!(!app.help);
    assert_eq!(app.focus, Focus::List, "Enter only closed the help");
}

#[test]
fn results_still_land_while_help_is_open() {
    let (mut app, fetch) = loaded_app();
    app.update(Msg::ToggleHelp);
    app.update(Msg::DetailLoaded {
        source: Source::Pokemon,
        req: fetch.req,
        key: fetch.key,
        result: Ok(Some(pokemon_detail(1, "bulbasaur"))),
    });
    // Results are not intents: they must not be swallowed by the overlay.
    assert!(
        detail_state(&app).loaded().is_some(),
        "{:?}",
        detail_state(&app)
    );
}

#[test]
fn quit_sets_should_quit_even_from_help() {
    let (mut app, _) = loaded_app();
    assert!(!app.should_quit());
    app.update(Msg::ToggleHelp);
    assert!(app.update(Msg::Quit).is_empty());
    assert!(app.should_quit());
}

// --- mouse --------------------------------------------------------------------------------------

fn draw(app: &mut App, width: u16, height: u16) {
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| apidex::ui::draw(f, app)).unwrap();
}

#[test]
fn clicking_a_list_row_selects_it() {
    let (mut app, _) = loaded_app();
    draw(&mut app, 100, 30);
    let list = app.areas.list;
    // The third row of the list (rows start under the border).
    let fetch = detail_fetch(&app.update(Msg::Click {
        x: list.x + 5,
        y: list.y + 3,
    }));
    assert_eq!(selected_row(&app), Some(2));
    assert_eq!(fetch.key, pokemon("venusaur"));
    assert!(fetch.debounce);
    // Clicking the top border selects nothing new.
    assert!(
        app.update(Msg::Click {
            x: list.x + 5,
            y: list.y,
        })
        .is_empty()
    );
    assert_eq!(selected_row(&app), Some(2));
    // Nor does the bottom border (it would be the row just below the visible ones).
    assert!(
        app.update(Msg::Click {
            x: list.x + 5,
            y: list.y + list.height - 1,
        })
        .is_empty()
    );
    assert_eq!(selected_row(&app), Some(2));
    // A click on the detail pane gives it focus.
    let detail = app.areas.detail;
    app.update(Msg::Click {
        x: detail.x + 2,
        y: detail.y + 2,
    });
    assert_eq!(app.focus, Focus::Detail);
}

#[test]
fn clicking_a_batch_row_selects_that_item() {
    let (mut app, _) = loaded_app();
    start_batch(&mut app);
    draw(&mut app, 100, 30);
    let list = app.areas.list;
    // Border, then the gauge, then the items: item 1 (squirtle) is on the fourth line.
    let y = list.y + 3;
    app.update(Msg::Click { x: list.x + 5, y });
    let batch = app.tab().batch.as_ref().unwrap();
    assert_eq!(batch.state.selected(), Some(1), "clicked {y}");
    // Clicking the gauge does not select an item.
    app.update(Msg::Click {
        x: list.x + 5,
        y: list.y + 1,
    });
    assert_eq!(app.tab().batch.as_ref().unwrap().state.selected(), Some(1));
}

#[test]
fn clicking_a_tab_switches_to_it() {
    let (mut app, _) = loaded_app();
    draw(&mut app, 100, 30);
    // " 1 Pokémon │ 2 Posts │ 3 Dogs": "Posts" starts at column 15.
    let fetch = detail_fetch(&app.update(Msg::Click { x: 16, y: 0 }));
    assert_eq!(app.active, Source::Posts);
    assert_eq!(fetch.key, ItemKey::Post(1));
    app.update(Msg::Click { x: 24, y: 0 });
    assert_eq!(app.active, Source::Dogs);
    app.update(Msg::Click { x: 2, y: 0 });
    assert_eq!(app.active, Source::Pokemon);
}

#[test]
fn the_wheel_scrolls_what_is_under_it_without_moving_focus() {
    let (mut app, _) = loaded_app();
    draw(&mut app, 100, 30);
    let list = app.areas.list;
    let detail = app.areas.detail;
    let fetch = detail_fetch(&app.update(Msg::Wheel {
        x: list.x + 2,
        y: list.y + 2,
        delta: 3,
    }));
    assert_eq!(selected_row(&app), Some(3));
    assert_eq!(fetch.key, pokemon("charmander"));
    assert_eq!(app.focus, Focus::List);
    app.update(Msg::Wheel {
        x: detail.x + 2,
        y: detail.y + 2,
        delta: 3,
    });
    assert_eq!(app.tab().detail.scroll, 3);
    assert_eq!(selected_row(&app), Some(3));
    assert_eq!(app.focus, Focus::List);
}

// --- keys ---------------------------------------------------------------------------------------

mod keys {
    use apidex::app::{App, Focus};
    /// The keys as the loop maps them with the default keymap.
    fn to_msg(app: &App, event: &Event) -> Option<Msg> {
        apidex::keymap::to_msg(&apidex::keymap::Keymap::default(), app, event)
    }
    use apidex::msg::Msg;
    use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

    use super::builders::new_app;

    fn key(code: KeyCode) -> Event {
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    fn ctrl(c: char) -> Event {
        Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
    }

    fn app_with_focus(focus: Focus) -> App {
        let (mut app, _) = new_app();
        app.focus = focus;
        app
    }

    #[test]
    fn q_quits_in_the_list_but_types_in_search() {
        let list = app_with_focus(Focus::List);
        let search = app_with_focus(Focus::Search);
        let q = key(KeyCode::Char('q'));
        assert!(matches!(to_msg(&list, &q), Some(Msg::Quit)));
        assert!(matches!(to_msg(&search, &q), Some(Msg::SearchInput('q'))));
        // So do the other letter commands.
        for c in ['j', 'k', 'a', 'r', '/', ' ', '1', '?'] {
            assert!(
                matches!(to_msg(&search, &key(KeyCode::Char(c))), Some(Msg::SearchInput(t)) if t == c),
                "{c:?}"
            );
        }
        assert!(matches!(
            to_msg(&list, &key(KeyCode::Char('j'))),
            Some(Msg::Move(1))
        ));
        assert!(matches!(
            to_msg(&list, &key(KeyCode::Char('/'))),
            Some(Msg::FocusSearch)
        ));
        assert!(matches!(
            to_msg(&list, &key(KeyCode::Char(' '))),
            Some(Msg::ToggleMark)
        ));
        assert!(matches!(
            to_msg(&list, &key(KeyCode::Char('2'))),
            Some(Msg::SelectTab(apidex::model::Source::Posts))
        ));
    }

    #[test]
    fn ctrl_c_always_quits() {
        for focus in [Focus::List, Focus::Search, Focus::Detail] {
            let app = app_with_focus(focus);
            assert!(
                matches!(to_msg(&app, &ctrl('c')), Some(Msg::Quit)),
                "{focus:?}"
            );
        }
        let mut app = app_with_focus(Focus::List);
        app.help = true;
        assert!(matches!(to_msg(&app, &ctrl('c')), Some(Msg::Quit)));
    }

    #[test]
    fn arrows_enter_and_esc_work_in_every_focus() {
        for focus in [Focus::List, Focus::Search, Focus::Detail] {
            let app = app_with_focus(focus);
            assert!(matches!(
                to_msg(&app, &key(KeyCode::Down)),
                Some(Msg::Move(1))
            ));
            assert!(matches!(
                to_msg(&app, &key(KeyCode::Up)),
                Some(Msg::Move(-1))
            ));
            assert!(matches!(
                to_msg(&app, &key(KeyCode::Enter)),
                Some(Msg::Confirm)
            ));
            assert!(matches!(to_msg(&app, &key(KeyCode::Esc)), Some(Msg::Back)));
            assert!(matches!(
                to_msg(&app, &key(KeyCode::Tab)),
                Some(Msg::NextTab)
            ));
        }
    }

    #[test]
    fn search_editing_keys() {
        let search = app_with_focus(Focus::Search);
        assert!(matches!(
            to_msg(&search, &key(KeyCode::Backspace)),
            Some(Msg::SearchBackspace)
        ));
        assert!(matches!(
            to_msg(&search, &ctrl('u')),
            Some(Msg::SearchClear)
        ));
        assert!(to_msg(&search, &ctrl('x')).is_none());
        let alt = Event::Key(KeyEvent::new(KeyCode::Char('x'), KeyModifiers::ALT));
        assert!(to_msg(&search, &alt).is_none());
        // Outside the search box, Backspace goes back a page and Ctrl-U means nothing.
        let list = app_with_focus(Focus::List);
        assert!(matches!(
            to_msg(&list, &key(KeyCode::Backspace)),
            Some(Msg::HistoryBack)
        ));
        assert!(to_msg(&list, &ctrl('u')).is_none());
    }

    #[test]
    fn key_releases_are_ignored() {
        let list = app_with_focus(Focus::List);
        let mut release = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        assert!(to_msg(&list, &Event::Key(release)).is_none());
        let mut release = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        release.kind = KeyEventKind::Release;
        assert!(to_msg(&list, &Event::Key(release)).is_none());
        // Repeats count, like presses.
        let mut repeat = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
        repeat.kind = KeyEventKind::Repeat;
        assert!(matches!(
            to_msg(&list, &Event::Key(repeat)),
            Some(Msg::Move(1))
        ));
    }

    #[test]
    fn with_help_open_search_keys_are_commands() {
        // Help can be open while the search box has focus only through messages, but the
        // keymap still hands keys to the overlay then, so Esc and ? can close it.
        let mut app = app_with_focus(Focus::Search);
        app.help = true;
        assert!(matches!(
            to_msg(&app, &key(KeyCode::Char('?'))),
            Some(Msg::ToggleHelp)
        ));
    }

    #[test]
    fn resize_redraws() {
        let app = app_with_focus(Focus::List);
        assert!(matches!(
            to_msg(&app, &Event::Resize(80, 24)),
            Some(Msg::Resize)
        ));
        assert!(to_msg(&app, &Event::FocusGained).is_none());
    }
}

// --- promises (issue #10) -----------------------------------------------------------------------

/// The one `ExpireNotice` in `effects`: the notice's number and lifetime.
fn expiry(effects: &[Effect]) -> (u64, std::time::Duration) {
    let found: Vec<_> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::ExpireNotice { id, after } => Some((*id, *after)),
            _ => None,
        })
        .collect();
    match found.as_slice() {
        [one] => *one,
        other => panic!("expected one ExpireNotice, got {other:?} in {effects:?}"),
    }
}

#[test]
fn a_newer_notice_replaces_an_older_one_and_each_expires() {
    let (mut app, _) = loaded_app();
    // `c` with one mark: an error notice.
    app.update(Msg::ToggleMark);
    let (first, lifetime) = expiry(&app.update(Msg::Compare));
    assert!(app.notice.as_deref().unwrap().contains("mark 2 to 6"));
    assert_eq!(lifetime, apidex::app::notice::ERROR_LIFETIME);

    // `e` then exports the marked item: the success replaces the error at once…
    let effects = app.update(Msg::Export);
    assert!(effects.iter().any(|e| matches!(e, Effect::Export { .. })));
    let (second, lifetime) = expiry(&effects);
    assert!(app.notice.is_none(), "{:?}", app.notice);
    assert_eq!(app.info.as_deref(), Some("exporting bulbasaur…"));
    assert_eq!(lifetime, apidex::app::notice::INFO_LIFETIME);
    let path = std::path::PathBuf::from("/tmp/exports/apidex-bulbasaur-1.json");
    let (third, _) = expiry(&app.update(Msg::Exported(Ok(path))));
    assert_eq!(
        app.info.as_deref(),
        Some("exported to /tmp/exports/apidex-bulbasaur-1.json")
    );
    assert!(first < second && second < third);

    // …and the older notices' time running out does not take the newest away.
    app.update(Msg::NoticeExpired { id: first });
    app.update(Msg::NoticeExpired { id: second });
    assert!(app.info.is_some());
    // Its own does.
    assert!(app.update(Msg::NoticeExpired { id: third }).is_empty());
    assert!(app.info.is_none() && app.notice.is_none());
}

#[test]
fn an_error_notice_does_not_follow_the_user_to_another_tab() {
    let (mut app, _) = loaded_app();
    app.update(Msg::ToggleMark);
    app.update(Msg::Compare);
    assert!(app.notice.is_some());
    app.update(Msg::NextTab);
    assert!(app.notice.is_none());
    // A notice set again (the same words) after a change is new: it gets a lifetime again.
    app.update(Msg::PrevTab);
    expiry(&app.update(Msg::Compare));
}

#[test]
fn enter_while_a_term_loads_waits_and_opens_the_first_match_when_it_arrives() {
    let (mut app, _) = loaded_app();
    app.update(Msg::FocusSearch);
    let mut effects = Vec::new();
    for c in "gen:3".chars() {
        effects.extend(app.update(Msg::SearchInput(c)));
    }
    let (term, req) = effects
        .iter()
        .find_map(|e| match e {
            Effect::FetchTerm { term, req } => Some((term.clone(), *req)),
            _ => None,
        })
        .unwrap();
    assert_eq!(term, apidex::model::Term::Gen(3));
    // Enter before the members arrive fetches nothing (not `/pokemon/gen%3A3`).
    let effects = app.update(Msg::Confirm);
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::FetchDetail { .. })),
        "{effects:?}"
    );
    assert!(app.tab().list.open_when_ready);
    assert_eq!(app.focus, Focus::Search);

    let effects = app.update(Msg::TermLoaded {
        term,
        req,
        result: Ok(Some(vec!["treecko".to_owned(), "torchic".to_owned()])),
    });
    let fetch = detail_fetch(&effects);
    assert_eq!(fetch.key, pokemon("treecko"), "the best match, dex order");
    assert!(!fetch.debounce, "Enter means now");
    assert_eq!(app.focus, Focus::Detail);
    assert!(!app.tab().list.open_when_ready);
}

#[test]
fn typing_after_an_early_enter_cancels_the_wait() {
    let (mut app, _) = loaded_app();
    app.update(Msg::FocusSearch);
    let mut effects = Vec::new();
    for c in "gen:3".chars() {
        effects.extend(app.update(Msg::SearchInput(c)));
    }
    app.update(Msg::Confirm);
    app.update(Msg::SearchBackspace);
    assert!(!app.tab().list.open_when_ready);
}

#[test]
fn slash_selects_a_kept_query_so_typing_replaces_it() {
    let (mut app, _) = loaded_app();
    app.update(Msg::FocusSearch);
    type_str(&mut app, "char");
    app.update(Msg::FocusList);
    assert_eq!(app.tab().list.query, "char");

    // `/` again: the kept query is selected, and the first key replaces it.
    app.update(Msg::FocusSearch);
    assert!(app.tab().list.query_selected);
    app.update(Msg::SearchInput('p'));
    assert_eq!(app.tab().list.query, "p");
    assert!(!app.tab().list.query_selected);
    type_str(&mut app, "ika");
    assert_eq!(shown_titles(&app, 1), ["pikachu"]);

    // End (SearchEdit) keeps it to edit instead; Backspace on a selection empties it.
    app.update(Msg::FocusList);
    app.update(Msg::FocusSearch);
    app.update(Msg::SearchEdit);
    app.update(Msg::SearchInput('!'));
    assert_eq!(app.tab().list.query, "pika!");
    app.update(Msg::FocusList);
    app.update(Msg::FocusSearch);
    app.update(Msg::SearchBackspace);
    assert_eq!(app.tab().list.query, "");
}

#[test]
fn cursor_keys_while_typing_keep_the_query_to_edit() {
    use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    let (mut app, _) = loaded_app();
    app.update(Msg::FocusSearch);
    let key = |code, modifiers| Event::Key(KeyEvent::new(code, modifiers));
    for event in [
        key(KeyCode::End, KeyModifiers::NONE),
        key(KeyCode::Home, KeyModifiers::NONE),
        key(KeyCode::Right, KeyModifiers::NONE),
        key(KeyCode::Char('a'), KeyModifiers::CONTROL),
        key(KeyCode::Char('e'), KeyModifiers::CONTROL),
    ] {
        assert!(
            matches!(
                apidex::keymap::to_msg(&apidex::keymap::Keymap::default(), &app, &event),
                Some(Msg::SearchEdit)
            ),
            "{event:?}"
        );
    }
    // Outside the search box, End is still "last".
    app.update(Msg::FocusList);
    let end = key(KeyCode::End, KeyModifiers::NONE);
    assert!(matches!(
        apidex::keymap::to_msg(&apidex::keymap::Keymap::default(), &app, &end),
        Some(Msg::Bottom)
    ));
}

#[test]
fn r_does_not_retry_a_400_but_does_a_503_and_a_429() {
    let (mut app, fetch) = loaded_app();
    let bad_request = apidex::api::ApiError::Status {
        url: "https://pokeapi.co/api/v2/pokemon/bulbasaur".to_owned(),
        code: 400,
    };
    app.update(Msg::DetailLoaded {
        source: Source::Pokemon,
        req: fetch.req,
        key: fetch.key.clone(),
        result: Err(bad_request.clone()),
    });
    assert!(!apidex::app::loadable::worth_retrying(&bad_request));
    let effects = app.update(Msg::Retry);
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::FetchDetail { .. })),
        "a 400 is the same answer again: {effects:?}"
    );
    for code in [408, 429, 500, 503] {
        let err = apidex::api::ApiError::Status {
            url: String::new(),
            code,
        };
        assert!(apidex::app::loadable::worth_retrying(&err), "{code}");
    }
    for code in [401, 403, 405, 410, 422] {
        let err = apidex::api::ApiError::Status {
            url: String::new(),
            code,
        };
        assert!(!apidex::app::loadable::worth_retrying(&err), "{code}");
    }
}

#[test]
fn a_panicked_task_fails_the_pane_that_waited_for_it() {
    use apidex::event::EffectRunner;
    let (mut app, fetch) = loaded_app();
    let effect = Effect::FetchDetail {
        source: Source::Pokemon,
        req: fetch.req,
        key: fetch.key.clone(),
        sub_breeds: vec![],
        debounce: false,
    };
    for msg in EffectRunner::failure_for(&effect, "index out of bounds") {
        app.update(msg);
    }
    let Loadable::Failed(err) = detail_state(&app) else {
        panic!("{:?}", detail_state(&app));
    };
    assert_eq!(err.to_string(), "internal error: index out of bounds");
    assert!(!app.is_loading());

    // A batch's items each fail, and nothing is left queued.
    let (req, items) = start_batch(&mut app);
    let effect = Effect::FetchBatch {
        source: Source::Pokemon,
        req,
        items,
    };
    for msg in EffectRunner::failure_for(&effect, "boom") {
        app.update(msg);
    }
    let batch = app.tab().batch.as_ref().unwrap();
    assert!(!batch.is_running());
    assert!(batch.items.iter().all(
        |i| matches!(&i.status, BatchStatus::Failed(e) if e.to_string() == "internal error: boom")
    ));
    // Effects nobody waits for have nothing to report.
    assert!(
        EffectRunner::failure_for(
            &Effect::CancelBatch {
                source: Source::Pokemon
            },
            "x"
        )
        .is_empty()
    );
}

#[test]
fn the_help_overlay_scrolls_with_the_movement_keys() {
    let (mut app, _) = loaded_app();
    app.update(Msg::ToggleHelp);
    draw(&mut app, 80, 24);
    let max = app.help_scroll.max;
    assert!(max > 0, "the help is taller than 80×24");
    app.update(Msg::Move(1));
    assert_eq!(app.help_scroll.offset, 1);
    app.update(Msg::Bottom);
    assert_eq!(app.help_scroll.offset, max);
    app.update(Msg::Move(5));
    assert_eq!(app.help_scroll.offset, max, "not past the end");
    app.update(Msg::Page(-1));
    assert!(app.help_scroll.offset < max);
    app.update(Msg::Top);
    assert_eq!(app.help_scroll.offset, 0);
    app.update(Msg::Wheel {
        x: 0,
        y: 0,
        delta: 3,
    });
    assert_eq!(app.help_scroll.offset, 3);
    // The list underneath did not move.
    assert_eq!(selected_row(&app), Some(0));
    // Closed and opened again, it starts at the top.
    app.update(Msg::ToggleHelp);
    app.update(Msg::ToggleHelp);
    assert_eq!(app.help_scroll.offset, 0);
}
