//! Moving through the list and the detail pane: bounds, the debounced detail fetch, scrolling,
//! first/last link, paging by what was drawn.

use super::builders::{bulbasaur_in_focus, detail_fetch, loaded_app, pokemon_detail, selected_row};
use super::pokemon;
use apidex::app::Focus;
use apidex::model::{ItemKey, Source};
use apidex::msg::Msg;

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
