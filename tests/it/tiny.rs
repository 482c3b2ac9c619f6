//! Tiny terminals: every screen — a loaded list, a page, a batch, the compare view, the help
//! overlay — drawn at 0×0, 1×1, 20×6 and 39×9 (below the minimum: the "terminal too small"
//! note, as much of it as fits), 40×10 (the minimum: the full layout) and a narrow 60×20 with
//! the detail pane focused. Nothing panics, and each size shows what it should.
#![allow(clippy::unwrap_used)]

use apidex::api::Clients;
use apidex::app::{App, Areas, Focus, Hosts};
use apidex::model::Source;
use apidex::msg::Msg;
use apidex::ui::{MIN_HEIGHT, MIN_WIDTH};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::support::screen::area_text as text;
use crate::support::settle::settle;
use crate::support::{TestServer, fixture_server};

/// Applies `msgs` in order, settling what each asks for.
async fn apply(app: &mut App, clients: &Clients, msgs: Vec<Msg>) {
    for msg in msgs {
        let effects = app.update(msg);
        settle(app, clients, effects).await;
    }
}

/// The screens to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Screen {
    List,
    Page,
    Batch,
    Compare,
    Help,
}

/// An app showing `screen`, with data from the fixture server.
async fn app_showing(screen: Screen) -> (App, Clients, TestServer) {
    let server = fixture_server().await;
    let clients = crate::support::clients(&server);
    let (mut app, effects) = App::new(Hosts::default());
    settle(&mut app, &clients, effects).await;
    let msgs = match screen {
        Screen::List => vec![],
        Screen::Page => {
            let mut msgs = vec![Msg::FocusSearch];
            msgs.extend("pikachu".chars().map(Msg::SearchInput));
            msgs.push(Msg::Confirm);
            msgs
        }
        // bulbasaur, ivysaur and venusaur (only bulbasaur has a fixture: two are not found).
        Screen::Batch => vec![
            Msg::ToggleMark,
            Msg::ToggleMark,
            Msg::ToggleMark,
            Msg::Confirm,
        ],
        // bulbasaur, charmander and squirtle.
        Screen::Compare => vec![
            Msg::ToggleMark,
            Msg::Move(2),
            Msg::ToggleMark,
            Msg::Move(2),
            Msg::ToggleMark,
            Msg::Compare,
        ],
        Screen::Help => vec![Msg::ToggleHelp],
    };
    apply(&mut app, &clients, msgs).await;
    match screen {
        Screen::List => assert!(app.tab().list.entries.loaded().is_some()),
        Screen::Page => assert!(app.tab().detail.state.loaded().is_some()),
        Screen::Batch => assert_eq!(app.tab().batch.as_ref().unwrap().finished(), 3),
        Screen::Compare => assert!(
            app.compare
                .as_ref()
                .unwrap()
                .cards
                .iter()
                .all(|(_, c)| c.loaded().is_some())
        ),
        Screen::Help => assert!(app.help),
    }
    (app, clients, server)
}

fn draw(app: &mut App, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| apidex::ui::draw(frame, app)).unwrap();
    terminal.backend().buffer().clone()
}

/// Below the minimum: the note, as much as fits, and no areas for the mouse to hit.
fn assert_too_small(app: &mut App, width: u16, height: u16) {
    let buffer = draw(app, width, height);
    let screen = text(&buffer, buffer.area);
    assert_eq!(app.areas, Areas::default(), "{width}×{height}");
    match (width, height) {
        (0, _) | (_, 0) => assert!(buffer.content().is_empty()),
        (1, 1) => assert_eq!(screen, "t\n"),
        _ => {
            assert!(
                screen.contains("terminal too small"),
                "{width}×{height}:\n{screen}"
            );
            assert!(screen.contains("need 40×10"), "{width}×{height}:\n{screen}");
            assert!(
                screen.contains(&format!("{width}×{height}")),
                "{width}×{height}:\n{screen}"
            );
            assert!(screen.contains("q quits"), "{width}×{height}:\n{screen}");
            // Nothing of the browser is drawn.
            assert!(!screen.contains('│'), "{width}×{height}:\n{screen}");
        }
    }
}

/// Draws `screen` at every size and checks what each shows.
async fn check_every_size(which: Screen) {
    let (mut app, clients, _server) = app_showing(which).await;
    for (width, height) in [(0, 0), (1, 1), (20, 6), (39, 9), (39, 10), (40, 9)] {
        assert_too_small(&mut app, width, height);
    }

    // The minimum: the full layout, one pane at a time (below 80 columns).
    let buffer = draw(&mut app, MIN_WIDTH, MIN_HEIGHT);
    let screen = text(&buffer, buffer.area);
    assert!(
        !screen.contains("terminal too small"),
        "40×10 is enough:\n{screen}"
    );
    if which != Screen::Help {
        // (The help overlay covers everything at this size.)
        // Every tab's key, and the active tab named (the others may shrink to their key).
        let top = text(&buffer, Rect::new(0, 0, MIN_WIDTH, 1));
        for n in 1..=apidex::model::Source::COUNT + 1 {
            assert!(top.contains(&format!(" {n} ")), "tab {n}: {top}");
        }
        let active = if app.live.shown {
            "Live"
        } else {
            app.active.title()
        };
        assert!(top.contains(active), "the tab bar names {active}: {top}");
        let status = text(&buffer, Rect::new(0, MIN_HEIGHT - 1, MIN_WIDTH, 1));
        assert!(status.contains("PokeAPI"), "the status bar: {status}");
    }
    let body = Rect::new(0, 2, MIN_WIDTH, MIN_HEIGHT - 3);
    let pane = if app.focus == Focus::Detail {
        app.areas.detail
    } else {
        app.areas.list
    };
    assert_eq!(pane, body, "one pane takes the body:\n{screen}");
    match which {
        Screen::List => assert!(text(&buffer, body).contains("#1 Bulbasaur"), "{screen}"),
        Screen::Page => assert!(text(&buffer, body).contains("#25 Pikachu"), "{screen}"),
        Screen::Batch => assert!(text(&buffer, body).contains("batch · 3 of 3"), "{screen}"),
        Screen::Compare => {
            let body_text = text(&buffer, body);
            // Three names in 31 columns: cut short, without their ids.
            assert!(
                body_text.contains("compare") && body_text.contains("Bulbasa…"),
                "{screen}"
            );
        }
        Screen::Help => assert!(
            screen.contains(" keys ") && screen.contains("Esc or ? closes"),
            "{screen}"
        ),
    }
    if which != Screen::Help && which != Screen::Compare {
        // The pane's frame is whole: corners where they belong.
        assert_eq!(buffer[(0, 2)].symbol(), "┌", "{screen}");
        assert_eq!(buffer[(MIN_WIDTH - 1, 2)].symbol(), "┐", "{screen}");
        assert_eq!(buffer[(0, MIN_HEIGHT - 2)].symbol(), "└", "{screen}");
        assert_eq!(
            buffer[(MIN_WIDTH - 1, MIN_HEIGHT - 2)].symbol(),
            "┘",
            "{screen}"
        );
    }

    // Narrow, with the detail pane focused: it takes the whole body.
    if which == Screen::Help {
        apply(&mut app, &clients, vec![Msg::Back]).await;
        assert!(!app.help);
    }
    apply(&mut app, &clients, vec![Msg::FocusDetail]).await;
    if which == Screen::Help {
        apply(&mut app, &clients, vec![Msg::ToggleHelp]).await;
    }
    assert_eq!(app.focus, Focus::Detail);
    let buffer = draw(&mut app, 60, 20);
    let screen = text(&buffer, buffer.area);
    assert!(app.areas.list.is_empty(), "the list is hidden:\n{screen}");
    assert_eq!(app.areas.detail, Rect::new(0, 2, 60, 17), "{screen}");
    let detail = text(&buffer, app.areas.detail);
    match which {
        Screen::List => assert!(detail.contains("#1 Bulbasaur  Seed Pokémon"), "{screen}"),
        Screen::Page => assert!(detail.contains("#25 Pikachu  Mouse Pokémon"), "{screen}"),
        // The page of the batch's selected row (its first), not the list's.
        Screen::Batch => assert!(detail.contains("#1 Bulbasaur"), "{screen}"),
        Screen::Compare => assert!(
            // Compare cards show display names, as the list and pages do.
            detail.contains("#1 Bulbasaur") && detail.contains("#7 Squirtle"),
            "the comparison stays over the body:\n{screen}"
        ),
        // Too short for every binding: how to close it stays on the border.
        Screen::Help => {
            assert!(screen.contains(" keys "), "{screen}");
            assert!(screen.contains("Esc or ? closes"), "{screen}");
        }
    }
}

#[tokio::test]
async fn a_loaded_list_at_tiny_sizes() {
    // Boxed: the whole app lives in the future.
    Box::pin(check_every_size(Screen::List)).await;
}

#[tokio::test]
async fn a_page_at_tiny_sizes() {
    // Boxed: the whole app lives in the future.
    Box::pin(check_every_size(Screen::Page)).await;
}

#[tokio::test]
async fn a_batch_at_tiny_sizes() {
    // Boxed: the whole app lives in the future.
    Box::pin(check_every_size(Screen::Batch)).await;
}

#[tokio::test]
async fn the_compare_view_at_tiny_sizes() {
    // Boxed: the whole app lives in the future.
    Box::pin(check_every_size(Screen::Compare)).await;
}

#[tokio::test]
async fn the_help_overlay_at_tiny_sizes() {
    // Boxed: the whole app lives in the future.
    Box::pin(check_every_size(Screen::Help)).await;
}

#[tokio::test]
async fn a_page_of_every_source_at_40_by_10() {
    let (mut app, clients, _server) = app_showing(Screen::List).await;
    for source in Source::ALL {
        apply(
            &mut app,
            &clients,
            vec![Msg::SelectTab(source), Msg::FocusDetail],
        )
        .await;
        let buffer = draw(&mut app, MIN_WIDTH, MIN_HEIGHT);
        let screen = text(&buffer, buffer.area);
        assert!(!app.tab().detail.state.is_loading(), "{screen}");
        assert_eq!(app.areas.detail.width, MIN_WIDTH, "{screen}");
        // Scrolling to the very end and drawing again stays inside the pane.
        apply(&mut app, &clients, vec![Msg::Page(1), Msg::Bottom]).await;
        let buffer = draw(&mut app, MIN_WIDTH, MIN_HEIGHT);
        assert_eq!(buffer.area, Rect::new(0, 0, MIN_WIDTH, MIN_HEIGHT));
    }
}
