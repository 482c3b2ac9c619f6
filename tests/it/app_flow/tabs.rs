//! Tabs: each keeps its own query, selection and marks; a tab whose list arrives late; what a
//! breed fetch carries from its list.

use super::builders::{
    breed, detail_fetch, list_req, loaded_app, new_app, pokemon_entries, selected_key, type_str,
};
use super::{builders, pokemon};
use apidex::app::Focus;
use apidex::model::{ItemKey, Source, TabId};
use apidex::msg::Msg;

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
    for expected in TabId::ALL.iter().cycle().skip(1).take(TabId::COUNT) {
        app.update(Msg::NextTab);
        assert_eq!(app.shown_tab(), *expected);
    }
    for expected in TabId::ALL.iter().rev().take(TabId::COUNT) {
        app.update(Msg::PrevTab);
        assert_eq!(app.shown_tab(), *expected);
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
