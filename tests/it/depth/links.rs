//! What a Pokémon page links to and shows: types, abilities and evolution in display order,
//! matchups from the chart, search terms, shiny pictures.

use apidex::app::loadable::Loadable;
use apidex::model::ItemKey;
use apidex::model::Term;
use apidex::msg::{Effect, Msg};
use apidex::views::Detail;

use super::{open, started};
use crate::support::settle::settle_strict as settle;

#[tokio::test]
async fn pokemon_page_links_types_abilities_and_evolution_in_display_order() {
    let (mut app, clients, _server) = started().await;
    open(&mut app, &clients, "pikachu").await;
    let Loadable::Loaded(Detail::Pokemon(p)) = &app.tab().detail.state else {
        panic!("pikachu expected");
    };
    let tree = p
        .evolution
        .as_ref()
        .expect("a chain")
        .as_ref()
        .expect("a tree");
    let members: Vec<(&str, &str)> = tree
        .members()
        .iter()
        .map(|n| (n.name.as_str(), n.how.as_str()))
        .collect();
    assert_eq!(
        members,
        [
            ("pichu", ""),
            ("pikachu", "level up, high friendship"),
            ("raichu", "use thunder-stone or use thunder-stone, in alola")
        ]
    );
    // The level-up moves follow (tests/it/moves.rs).
    assert_eq!(
        app.links()[..6],
        [
            ItemKey::Type("electric".into()),
            ItemKey::Ability("static".into()),
            ItemKey::Ability("lightning-rod".into()),
            ItemKey::Pokemon("pichu".into()),
            ItemKey::Pokemon("pikachu".into()),
            ItemKey::Pokemon("raichu".into()),
        ]
    );
    // The type chart was asked for once, and is here.
    assert!(matches!(app.type_chart, Loadable::Loaded(_)));
}

#[tokio::test]
async fn matchups_on_the_page_come_from_the_chart() {
    let (mut app, clients, _server) = started().await;
    open(&mut app, &clients, "bulbasaur").await;
    let Loadable::Loaded(chart) = &app.type_chart else {
        panic!("chart expected");
    };
    let m = chart.matchups(&["grass".to_owned(), "poison".to_owned()]);
    assert_eq!(m.x2, vec!["fire", "flying", "ice", "psychic"]);
    assert_eq!(m.quarter, vec!["grass"]);
}

#[tokio::test]
async fn search_terms_fetch_member_lists_once_and_combine() {
    let (mut app, clients, server) = started().await;
    server.route(
        "/api/v2/type/ghost",
        crate::support::Reply::json(crate::support::fixture("pokeapi/type/8.json")),
    );
    let mut effects = app.update(Msg::FocusSearch);
    for c in "type:ghost gen:1".chars() {
        effects.extend(app.update(Msg::SearchInput(c)));
    }
    // Each term is asked for once, however many keystrokes passed through it.
    let terms: Vec<&Term> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::FetchTerm { term, .. } => Some(term),
            _ => None,
        })
        .collect();
    assert!(terms.contains(&&Term::Type("ghost".into())));
    assert!(terms.contains(&&Term::Gen(1)));
    let pending = app.tab().list.pending_term.clone();
    assert!(pending.is_some(), "the list waits for the member lists");
    let effects: Vec<Effect> = effects
        .into_iter()
        .filter(|e| matches!(e, Effect::FetchTerm { term, .. } if *term == Term::Type("ghost".into()) || *term == Term::Gen(1)))
        .collect();
    settle(&mut app, &clients, effects).await;
    let list = &app.tab().list;
    let shown: Vec<&str> = list
        .shown
        .iter()
        .map(|s| list.all()[s.entry].title.as_str())
        .collect();
    assert_eq!(shown, vec!["Gastly", "Haunter", "Gengar"]);

    // Free text narrows further; dex ranges need no request.
    let effects = app.update(Msg::SearchInput(' '));
    assert!(
        effects
            .iter()
            .all(|e| !matches!(e, Effect::FetchTerm { .. }))
    );
    app.update(Msg::SearchClear);
    let effects: Vec<Effect> = "dex:1-3"
        .chars()
        .flat_map(|c| app.update(Msg::SearchInput(c)))
        .collect();
    assert!(
        effects
            .iter()
            .all(|e| !matches!(e, Effect::FetchTerm { .. }))
    );
    let list = &app.tab().list;
    assert_eq!(list.shown.len(), 3);
}

#[tokio::test]
async fn an_unknown_term_value_is_plain_text_not_an_error() {
    let (mut app, clients, _server) = started().await;
    let mut effects = app.update(Msg::FocusSearch);
    for c in "type:nosuch".chars() {
        effects.extend(app.update(Msg::SearchInput(c)));
    }
    let effects: Vec<Effect> = effects
        .into_iter()
        .filter(
            |e| matches!(e, Effect::FetchTerm { term, .. } if *term == Term::Type("nosuch".into())),
        )
        .collect();
    settle(&mut app, &clients, effects).await;
    assert!(app.tab().list.pending_term.is_none());
    assert!(app.notice.is_none(), "{:?}", app.notice);
    // As plain text it matches nothing, and Enter would fetch it as a name.
    assert!(app.tab().list.shown.is_empty());
}

#[tokio::test]
async fn shiny_toggle_and_pictures_follow_the_page() {
    let (mut app, clients, server) = started().await;
    crate::support::mount_local_sprites(&server);
    app.images_enabled = true;
    open(&mut app, &clients, "pikachu").await;
    let wanted = app.wanted_images();
    assert_eq!(wanted.len(), 1);
    assert!(wanted[0].0.ends_with("/sprites/pokemon/25.png") && wanted[0].1);
    // Shiny wants the shiny sprite.
    app.update(Msg::ToggleShiny);
    assert!(
        app.wanted_images()[0]
            .0
            .ends_with("/sprites/pokemon/shiny/25.png")
    );
    // Moving to another page drops the picture that was still loading.
    app.update(Msg::FocusList);
    let effects = app.update(Msg::Move(1));
    let cancelled = effects
        .iter()
        .any(|e| matches!(e, Effect::CancelImage { url } if url.ends_with("shiny/25.png")));
    assert!(cancelled, "{effects:?}");
}
