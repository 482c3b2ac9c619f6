//! The back trail: walking links and back, per tab, a new trail from the list, and a page shown
//! again from memory.

use apidex::app::Focus;
use apidex::app::loadable::Loadable;
use apidex::model::{ItemKey, Source};
use apidex::msg::{Effect, Msg};
use apidex::views::Detail;

use super::{follow, open, shown_key, started};
use crate::support::settle::settle_strict as settle;

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
