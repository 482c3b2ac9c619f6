//! Links, history, compare, matchups and search terms, at the `update` level, with real data:
//! effects are carried out by the real fetch functions against the local fixture server, and
//! their results fed back, until the app asks for nothing more.

#![allow(clippy::unwrap_used)]

use apidex::api::Clients;
use apidex::app::loadable::Loadable;
use apidex::app::{App, Focus, Hosts};
use apidex::model::Term;
use apidex::model::{ItemKey, Source};
use apidex::msg::{Effect, Msg};
use apidex::views::Detail;

use crate::support::screen::without_tab_bar;
use crate::support::settle::settle_strict as settle;

/// An app with every list loaded from the fixture server.
async fn started() -> (App, Clients, crate::support::TestServer) {
    let server = crate::support::fixture_server().await;
    let clients = crate::support::clients(&server);
    let (mut app, effects) = App::new(Hosts::default());
    settle(&mut app, &clients, effects).await;
    (app, clients, server)
}

fn shown_key(app: &App) -> Option<ItemKey> {
    app.tab().detail.key.clone()
}

async fn open(app: &mut App, clients: &Clients, text: &str) {
    let mut effects = app.update(Msg::FocusSearch);
    for c in text.chars() {
        effects.extend(app.update(Msg::SearchInput(c)));
    }
    effects.extend(app.update(Msg::Confirm));
    settle(app, clients, effects).await;
}

/// Selects the link named `name` on the current page and opens it.
async fn follow(app: &mut App, clients: &Clients, target: &ItemKey) {
    let links = app.links();
    let index = links
        .iter()
        .position(|l| l == target)
        .unwrap_or_else(|| panic!("{target:?} is not a link on this page: {links:?}"));
    app.update(Msg::FocusDetail);
    let mut effects = Vec::new();
    for _ in 0..=index {
        effects.extend(app.update(Msg::Move(1)));
    }
    assert_eq!(app.tab().detail.link, Some(index));
    effects.extend(app.update(Msg::Confirm));
    settle(app, clients, effects).await;
}

#[tokio::test]
async fn walk_from_pikachu_to_static_to_raichu_and_back_twice() {
    let (mut app, clients, server) = started().await;
    open(&mut app, &clients, "pikachu").await;
    assert_eq!(shown_key(&app), Some(ItemKey::Pokemon("pikachu".into())));
    assert_eq!(app.focus, Focus::Detail);

    follow(&mut app, &clients, &ItemKey::Ability("static".into())).await;
    assert!(matches!(
        app.tab().detail.state,
        Loadable::Loaded(Detail::Ability(_))
    ));
    assert_eq!(app.tab().detail.breadcrumb(3), vec!["pikachu", "static"]);

    follow(&mut app, &clients, &ItemKey::Pokemon("raichu".into())).await;
    assert_eq!(shown_key(&app), Some(ItemKey::Pokemon("raichu".into())));
    assert_eq!(
        app.tab().detail.breadcrumb(3),
        vec!["pikachu", "static", "raichu"]
    );

    // Back twice: the pages come from the cache, with no request.
    let before = server.request_count();
    let effects = app.update(Msg::HistoryBack);
    assert!(
        effects
            .iter()
            .all(|e| !matches!(e, Effect::FetchDetail { .. })),
        "{effects:?}"
    );
    assert_eq!(shown_key(&app), Some(ItemKey::Ability("static".into())));
    app.update(Msg::HistoryBack);
    assert_eq!(shown_key(&app), Some(ItemKey::Pokemon("pikachu".into())));
    assert!(matches!(
        app.tab().detail.state,
        Loadable::Loaded(Detail::Pokemon(_))
    ));
    assert_eq!(server.request_count(), before);

    // Forward again, then a new link drops the forward history.
    app.update(Msg::HistoryForward);
    assert_eq!(shown_key(&app), Some(ItemKey::Ability("static".into())));
    assert_eq!(
        app.tab().detail.forward,
        vec![ItemKey::Pokemon("raichu".into())]
    );
    follow(&mut app, &clients, &ItemKey::Pokemon("pikachu".into())).await;
    assert!(app.tab().detail.forward.is_empty());
    assert_eq!(
        app.tab().detail.breadcrumb(3),
        vec!["pikachu", "static", "pikachu"]
    );
}

#[tokio::test]
async fn history_is_per_tab_and_survives_switching_tabs() {
    let (mut app, clients, _server) = started().await;
    open(&mut app, &clients, "pikachu").await;
    follow(&mut app, &clients, &ItemKey::Type("electric".into())).await;
    let effects = app.update(Msg::SelectTab(Source::Posts));
    settle(&mut app, &clients, effects).await;
    // The post's author is a link to the user page.
    follow(&mut app, &clients, &ItemKey::User(1)).await;
    let Loadable::Loaded(Detail::User(user)) = &app.tab().detail.state else {
        panic!("user page expected: {:?}", app.tab().detail.state);
    };
    assert_eq!(user.name, "Leanne Graham");
    assert!(user.posts.as_ref().is_ok_and(|p| p.len() == 10));
    assert_eq!(app.tab().detail.back, vec![ItemKey::Post(1)]);

    app.update(Msg::SelectTab(Source::Pokemon));
    assert_eq!(shown_key(&app), Some(ItemKey::Type("electric".into())));
    app.update(Msg::HistoryBack);
    assert_eq!(shown_key(&app), Some(ItemKey::Pokemon("pikachu".into())));
}

#[tokio::test]
async fn choosing_from_the_list_starts_a_new_trail() {
    let (mut app, clients, _server) = started().await;
    open(&mut app, &clients, "pikachu").await;
    follow(&mut app, &clients, &ItemKey::Ability("static".into())).await;
    // There is a trail to drop…
    assert_eq!(
        app.tab().detail.back,
        vec![ItemKey::Pokemon("pikachu".into())]
    );
    app.update(Msg::FocusList);
    let effects = app.update(Msg::Move(1));
    settle(&mut app, &clients, effects).await;
    // …and choosing another Pokémon shows it with none.
    let chosen = shown_key(&app);
    assert!(
        matches!(&chosen, Some(ItemKey::Pokemon(name)) if name != "pikachu"),
        "{chosen:?}"
    );
    assert!(app.tab().detail.back.is_empty());
}

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
async fn compare_needs_two_to_six_marks_and_fetches_each_card() {
    let (mut app, clients, _server) = started().await;
    // One mark is not enough.
    app.update(Msg::ToggleMark);
    // Nothing is fetched; only the notice's expiry is scheduled.
    let effects = app.update(Msg::Compare);
    assert!(
        matches!(&effects[..], [Effect::ExpireNotice { .. }]),
        "{effects:?}"
    );
    assert!(app.compare.is_none());
    assert!(
        app.notice
            .as_deref()
            .is_some_and(|n| n.contains("mark 2 to 6"))
    );
    // bulbasaur (marked), then charmander and squirtle.
    app.update(Msg::Move(2));
    app.update(Msg::ToggleMark);
    app.update(Msg::Move(2));
    app.update(Msg::ToggleMark);
    let effects = app.update(Msg::Compare);
    assert!(
        matches!(&effects[..], [Effect::FetchCards { items, .. }] if items.len() == 3),
        "{effects:?}"
    );
    settle(&mut app, &clients, effects).await;
    let compare = app.compare.as_ref().unwrap();
    let names: Vec<&str> = compare
        .cards
        .iter()
        .map(|(_, c)| c.loaded().unwrap().name.as_str())
        .collect();
    assert_eq!(names, vec!["bulbasaur", "charmander", "squirtle"]);
    // Esc closes it; the marks stay.
    app.update(Msg::Back);
    assert!(app.compare.is_none());
    assert_eq!(app.tab().list.marks.len(), 3);
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

#[tokio::test]
async fn compare_view_of_three_starters_snapshot() {
    let (mut app, clients, _server) = started().await;
    // bulbasaur, charmander, squirtle: ids 1, 4, 7.
    for msg in [
        Msg::ToggleMark,
        Msg::Move(2),
        Msg::ToggleMark,
        Msg::Move(2),
        Msg::ToggleMark,
        Msg::Compare,
    ] {
        let effects = app.update(msg);
        settle(&mut app, &clients, effects).await;
    }
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 24)).unwrap();
    terminal
        .draw(|frame| apidex::ui::draw(frame, &mut app))
        .unwrap();
    insta::assert_snapshot!(
        "compare_three_starters",
        without_tab_bar(terminal.backend())
    );
    // The best of each row is drawn in the "best" style: squirtle's defence (65), for one.
    let buffer = terminal.backend().buffer();
    let text = crate::support::screen::buffer_text(buffer);
    let row = text.lines().position(|l| l.contains("Defense")).unwrap();
    let col = text.lines().nth(row).unwrap().chars().collect::<Vec<_>>();
    let at = col.windows(2).position(|w| w == ['6', '5']).unwrap();
    let cell = &buffer[(u16::try_from(at).unwrap(), u16::try_from(row).unwrap())];
    assert_eq!(
        cell.style().fg,
        apidex::ui::theme::Theme::default().best().fg
    );
}

/// #13: a page shown again from the recently shown pages counts as opened again: it goes to
/// the top of the history like a page fetched anew (clearing the history and reopening a page
/// seen this session lists it).
#[tokio::test]
async fn a_page_shown_again_from_memory_is_recorded_in_the_history() {
    let (mut app, clients, _server) = started().await;
    open(&mut app, &clients, "pikachu").await;
    follow(&mut app, &clients, &ItemKey::Ability("static".into())).await;
    // Back to pikachu: from memory, no request, and remembered (with a store).
    app.saved.enabled = true;
    let effects = app.update(Msg::HistoryBack);
    assert_eq!(shown_key(&app), Some(ItemKey::Pokemon("pikachu".into())));
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::RecordVisit { item } if item.key == "pokemon:pikachu")),
        "{effects:?}"
    );
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::FetchDetail { .. })),
        "{effects:?}"
    );
}
