//! Terminal sizes: narrow layouts, a detail pane scrolled to its end, a terminal too small, and
//! degenerate sizes.

use super::builders::{loaded_app, type_str};
use apidex::msg::Msg;

use super::{draw, pikachu_app};
use crate::support::screen::without_tab_bar;

#[test]
fn narrow_shows_the_list_only() {
    let mut app = pikachu_app();
    let terminal = draw(&mut app, 60, 20);
    assert_eq!(app.areas.detail.area(), 0);
    insta::assert_snapshot!("narrow_list_only", without_tab_bar(terminal.backend()));
}

#[test]
fn narrow_shows_the_detail_only_once_opened() {
    let mut app = pikachu_app();
    assert!(app.update(Msg::Confirm).is_empty(), "pikachu is loaded");
    let terminal = draw(&mut app, 60, 20);
    assert_eq!(app.areas.list.area(), 0);
    insta::assert_snapshot!("narrow_detail_only", without_tab_bar(terminal.backend()));

    // FocusDetail (l) shows it as well; h goes back to the list.
    app.update(Msg::FocusList);
    let terminal = draw(&mut app, 60, 20);
    assert!(terminal.backend().to_string().contains("#25 pikachu"));
    assert_eq!(app.areas.detail.area(), 0);
    app.update(Msg::FocusDetail);
    draw(&mut app, 60, 20);
    assert_eq!(app.areas.list.area(), 0);
}

#[test]
fn detail_scrolls_and_clamps_to_its_content() {
    let mut app = pikachu_app();
    app.update(Msg::Confirm);
    draw(&mut app, 60, 20);
    // PgDn always scrolls (arrows walk the page's links); far past the end, it stops there.
    for _ in 0..10 {
        app.update(Msg::Page(1));
    }
    let terminal = draw(&mut app, 60, 20);
    let scroll = app.tab().detail.scroll;
    assert!(scroll > 0 && scroll < 100, "clamped to {scroll}");
    let screen = terminal.backend().to_string();
    assert!(screen.contains("[image:"), "the end is shown: {screen}");
    insta::assert_snapshot!(
        "narrow_detail_scrolled_to_bottom",
        without_tab_bar(terminal.backend())
    );
    // One more page changes nothing.
    app.update(Msg::Page(1));
    draw(&mut app, 60, 20);
    assert_eq!(app.tab().detail.scroll, scroll);
    app.update(Msg::Top);
    assert_eq!(app.tab().detail.link, Some(0), "g goes to the first link");
}

#[test]
fn tiny_terminal_says_so() {
    let mut app = pikachu_app();
    let terminal = draw(&mut app, 30, 8);
    let screen = terminal.backend().to_string();
    assert!(screen.contains("terminal too small"), "{screen}");
    assert_eq!(app.areas, apidex::app::Areas::default());
    insta::assert_snapshot!("too_small", without_tab_bar(terminal.backend()));
}

#[test]
fn degenerate_sizes_do_not_panic() {
    for (width, height) in [
        (1, 1),
        (2, 1),
        (1, 2),
        (40, 1),
        (1, 40),
        (0, 0),
        (40, 10),
        (80, 10),
    ] {
        for help in [false, true] {
            let mut app = pikachu_app();
            app.help = help;
            draw(&mut app, width, height);
            let mut app = loaded_app();
            app.help = help;
            app.update(Msg::FocusSearch);
            type_str(&mut app, "char");
            draw(&mut app, width, height);
        }
    }
    // And the batch view at the smallest size that lays out.
    let mut app = pikachu_app();
    app.update(Msg::MarkAll);
    app.update(Msg::Confirm);
    draw(&mut app, 40, 10);
    draw(&mut app, 80, 10);
}
