//! The list's rows: a batch in progress, search highlights, the selected row's and the type
//! badges' styles, marks, and the selected row's id.

use super::builders::{loaded_app, type_str};
use apidex::model::Source;
use apidex::msg::{Effect, Msg};

use super::{draw, find, find_in, pikachu_app, row_text};
use crate::support::screen::without_tab_bar;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};

#[test]
fn batch_in_progress() {
    let mut app = pikachu_app();
    app.update(Msg::Top);
    // bulbasaur, ivysaur, venusaur, charmander, charmeleon.
    for _ in 0..5 {
        app.update(Msg::ToggleMark);
    }
    let effects = app.update(Msg::Confirm);
    // (And the first item's page: the detail pane follows the batch's selection.)
    let [Effect::FetchBatch { req, items, .. }, ..] = effects.as_slice() else {
        panic!("expected a FetchBatch first, got {effects:?}");
    };
    assert_eq!(items.len(), 5);
    let req = *req;
    let source = Source::Pokemon;
    for index in 0..4 {
        app.update(Msg::BatchItemStarted { source, req, index });
    }
    app.update(Msg::BatchItemLoaded {
        source,
        req,
        index: 0,
        result: Ok(Some("grass/poison · total 318".to_owned())),
    });
    app.update(Msg::BatchItemLoaded {
        source,
        req,
        index: 2,
        result: Ok(None),
    });
    app.update(Msg::BatchItemLoaded {
        source,
        req,
        index: 3,
        result: Err(apidex::api::ApiError::Status {
            url: "https://pokeapi.co/api/v2/pokemon/charmander".to_owned(),
            code: 500,
        }),
    });
    // ivysaur (1) is in flight, charmeleon (4) still queued.
    app.update(Msg::Move(1));
    let terminal = draw(&mut app, 100, 30);
    let screen = terminal.backend().to_string();
    assert!(screen.contains("batch · 3 of 5"), "{screen}");
    // The failed row names its status once, then the URL.
    assert!(screen.contains("HTTP 500 — https://"), "{screen}");
    assert!(!screen.contains("HTTP 500 — HTTP 500"), "{screen}");
    insta::assert_snapshot!("batch_in_progress", without_tab_bar(terminal.backend()));
}

#[test]
fn search_highlights_char() {
    let mut app = loaded_app();
    app.update(Msg::FocusSearch);
    type_str(&mut app, "char");
    let terminal = draw(&mut app, 100, 30);
    insta::assert_snapshot!(
        "search_highlights_char",
        without_tab_bar(terminal.backend())
    );

    // The matched letters are drawn in the match style; the rest of the title is not.
    let buffer = terminal.backend().buffer();
    let (x, y) = find(buffer, "charmeleon").unwrap();
    for i in 0..4 {
        let cell = &buffer[(x + i, y)];
        assert_eq!(cell.fg, Color::Yellow, "{:?} at {}", cell.symbol(), x + i);
        assert!(cell.modifier.contains(Modifier::BOLD));
    }
    for i in 4..10 {
        let cell = &buffer[(x + i, y)];
        assert_ne!(cell.fg, Color::Yellow, "{:?} at {}", cell.symbol(), x + i);
    }
}

#[test]
fn selected_row_and_type_badge_styles() {
    let mut app = pikachu_app();
    let terminal = draw(&mut app, 100, 30);
    let buffer = terminal.backend().buffer();

    // The selected row (pikachu) is highlighted across the list's width, the others are not.
    let list = app.areas.list;
    let (x, y) = find_in(buffer, list, "#25 pikachu").unwrap();
    let selected = &buffer[(x + 4, y)];
    assert_eq!(selected.bg, Color::DarkGray);
    assert!(selected.modifier.contains(Modifier::BOLD));
    assert_eq!(buffer[(list.x + 1, y)].bg, Color::DarkGray, "row start");
    assert_eq!(buffer[(list.right() - 2, y)].bg, Color::DarkGray, "row end");
    let (x, y) = find(buffer, "#24 arbok").unwrap();
    assert_ne!(buffer[(x + 4, y)].bg, Color::DarkGray);

    // The electric badge has the electric colour, with dark text for contrast.
    let (x, y) = find(buffer, " electric ").unwrap();
    for i in 0..10 {
        let cell = &buffer[(x + i, y)];
        assert_eq!(cell.bg, Color::Rgb(0xF7, 0xD0, 0x2C), "at {}", x + i);
        assert_eq!(cell.fg, Color::Black);
    }
    // The heading is bold in the accent colour.
    let (x, y) = find(buffer, "#25 pikachu  Mouse").unwrap();
    assert_eq!(buffer[(x, y)].fg, Color::Cyan);
    assert!(buffer[(x, y)].modifier.contains(Modifier::BOLD));
    // The active tab is highlighted.
    let (x, y) = find(buffer, "1 Pokémon").unwrap();
    assert_eq!(buffer[(x, y)].bg, Color::Cyan);
    assert_ne!(
        buffer[(find(buffer, "2 Posts").unwrap().0, y)].bg,
        Color::Cyan
    );
}

#[test]
fn marked_rows_show_a_mark() {
    let mut app = loaded_app();
    app.update(Msg::ToggleMark);
    let terminal = draw(&mut app, 100, 30);
    let buffer = terminal.backend().buffer();
    let list = app.areas.list;
    let (_, y) = find_in(buffer, list, "#1 bulbasaur").unwrap();
    let mark = &buffer[(list.x + 1, y)];
    assert_eq!(mark.symbol(), "●");
    assert_eq!(mark.fg, Color::Magenta);
    let (_, y) = find_in(buffer, list, "#2 ivysaur").unwrap();
    assert_eq!(
        buffer[(list.x + 1, y)].symbol(),
        " ",
        "ivysaur is not marked"
    );
    assert!(row_text(buffer, 2).contains("Pokémon (1351) · 1 marked"));
}

#[test]
fn the_selected_rows_id_stays_readable() {
    let mut app = pikachu_app();
    let terminal = draw(&mut app, 100, 30);
    let buffer = terminal.backend().buffer();
    let (x, y) = find_in(buffer, app.areas.list, "#25 pikachu").unwrap();
    let id = &buffer[(x, y)];
    assert_eq!(id.bg, Color::DarkGray, "on the selection");
    assert_ne!(id.fg, id.bg, "not the selection's own colour");
    assert_ne!(id.fg, Color::DarkGray);
    // Other rows keep their dim ids.
    let (x, y) = find_in(buffer, app.areas.list, "#24 arbok").unwrap();
    assert_eq!(buffer[(x, y)].fg, Color::DarkGray);

    // So does the batch view's selected row: "queued" is readable on the selection.
    app.update(Msg::ToggleMark);
    app.update(Msg::ToggleMark);
    app.update(Msg::Confirm);
    let terminal = draw(&mut app, 100, 30);
    let buffer = terminal.backend().buffer();
    let (x, y) = find_in(buffer, app.areas.list, "queued").unwrap();
    assert_eq!(
        buffer[(x, y)].bg,
        Color::DarkGray,
        "the first row is selected"
    );
    assert_ne!(buffer[(x, y)].fg, Color::DarkGray);
    let below = Rect {
        y: y + 1,
        height: app.areas.list.bottom() - (y + 1),
        ..app.areas.list
    };
    let (x, y) = find_in(buffer, below, "queued").unwrap();
    assert_eq!(buffer[(x, y)].fg, Color::DarkGray, "the next row stays dim");
}
