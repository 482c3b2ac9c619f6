//! The mouse: clicking rows, batch items and tabs, and the wheel scrolling what is under it.

use super::builders::{detail_fetch, loaded_app, selected_row};
use super::{draw, pokemon, start_batch};
use apidex::app::Focus;
use apidex::model::{ItemKey, Source};
use apidex::msg::Msg;

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
