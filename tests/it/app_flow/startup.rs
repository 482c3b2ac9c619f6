//! Start-up and list loading: what the first messages fetch, which list results land, and
//! that stale results (an older request id) are dropped; the loading counts.

use apidex::app::loadable::Loadable;

use super::builders::{
    api_error, detail_fetch, list_req, loaded_app, new_app, pokemon_detail, pokemon_entries,
    post_entries, selected_row, settle_type_chart,
};
use super::{builders, detail_state, pokemon};
use apidex::app::Focus;
use apidex::model::RequestId;
use apidex::model::Source;
use apidex::msg::{Effect, Msg};

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
