//! The help overlay and quitting: help swallows keys, results still land under it, it scrolls,
//! and quit works from anywhere.

use super::builders::{detail_fetch, loaded_app, pokemon_detail, selected_row};
use super::{detail_state, draw, pokemon};
use apidex::app::Focus;
use apidex::model::Source;
use apidex::msg::Msg;

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
