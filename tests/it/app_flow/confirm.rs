//! Enter in the search box: opening the best match, fetching what was typed, close names when
//! nothing is found, and waiting for a term that is still loading.

use apidex::app::loadable::Loadable;

use super::builders::{
    api_error, detail_fetch, list_req, loaded_app, new_app, pokemon_entries, selected_row,
    shown_titles, type_str,
};
use super::{detail_state, pokemon};
use apidex::app::Focus;
use apidex::model::Source;
use apidex::msg::{Effect, Msg};

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
