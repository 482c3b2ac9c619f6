//! The Posts tab: queries are post ids, and what is typed that cannot be one.

use apidex::app::loadable::Loadable;

use super::builders::{
    breed, bulbasaur_in_focus, detail_fetch, loaded_app, selected_key, type_str,
};
use super::{detail_state, pokemon};
use apidex::app::Focus;
use apidex::model::{ItemKey, Source};
use apidex::msg::Msg;

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
