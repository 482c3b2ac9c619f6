//! The Live tab's buffer under a hostile stream (#15 findings): messages of any size stay
//! within the byte budget, a paused or scrolled view keeps its rows on a fast stream, the
//! counts are running totals, and the title keeps its numbers in sight when the reason is long.
#![allow(clippy::unwrap_used)]

use std::sync::Arc;

use apidex::app::live::DEFAULT_BYTE_BUDGET;
use apidex::app::{App, Hosts};
use apidex::live::FrameKind;
use apidex::msg::{LiveMsg, LiveRow, LiveStatus, Msg};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// An app on the Live tab of session 1, live, with a buffer of `capacity` messages.
fn live_app(capacity: usize) -> App {
    let (mut app, _) = App::new(Hosts::default());
    "ws://127.0.0.1:9/subscribe".clone_into(&mut app.live.url);
    app.live.capacity = capacity;
    app.update(Msg::Live(LiveMsg::Show));
    status(&mut app, LiveStatus::Live);
    app
}

fn status(app: &mut App, status: LiveStatus) {
    app.update(Msg::Live(LiveMsg::Status { session: 1, status }));
}

fn rows(n: usize, bytes: usize, kind: FrameKind) -> Vec<LiveRow> {
    (0..n)
        .map(|i| LiveRow {
            summary: format!("row {i}"),
            text: Arc::from(format!("\"{}\"", "f".repeat(bytes))),
            kind,
        })
        .collect()
}

fn receive(app: &mut App, rows: Vec<LiveRow>) {
    app.update(Msg::Live(LiveMsg::Received {
        session: 1,
        rows,
        refused: 0,
        rate: 50.0,
    }));
}

/// The numbers of the rows shown.
fn shown(app: &App) -> Vec<u64> {
    app.live.visible().iter().map(|(n, _)| *n).collect()
}

fn draw(app: &mut App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| apidex::ui::draw(f, app)).unwrap();
    crate::support::screen::buffer_text(terminal.backend().buffer())
}

#[test]
fn near_cap_messages_stay_within_the_byte_budget() {
    let mut app = live_app(10_000);
    // 100 messages of 900 kB (the hostile /fat stream): 90 MB if the count were the only bound.
    for _ in 0..10 {
        receive(&mut app, rows(10, 900_000, FrameKind::Json));
    }
    let live = &app.live;
    assert!(live.bytes <= DEFAULT_BYTE_BUDGET, "{}", live.bytes);
    let held: usize = live.rows.iter().map(|(_, r)| r.text.len()).sum();
    assert!(held <= DEFAULT_BYTE_BUDGET, "{held}");
    assert_eq!(
        live.rows.len() as u64 + live.dropped,
        100,
        "the rest dropped, counted"
    );
    assert_eq!(
        live.rows.back().map(|(n, _)| *n),
        Some(100),
        "the newest kept"
    );
}

#[test]
fn paused_on_a_fast_stream_the_rows_shown_stay_and_the_overflow_is_missed() {
    let mut app = live_app(100);
    receive(&mut app, rows(60, 10, FrameKind::Json));
    app.update(Msg::Live(LiveMsg::TogglePause));
    let before = shown(&app);
    // 3.5 s at 50 messages a second, and more.
    for _ in 0..20 {
        receive(&mut app, rows(25, 10, FrameKind::Json));
    }
    assert_eq!(shown(&app), before, "what the user looks at stays put");
    assert_eq!(app.live.missed, 500 - 40);
    let screen = draw(&mut app, 100, 12);
    assert!(!screen.contains("waiting for messages"), "{screen}");
    assert!(
        // "new": the 40 kept past the pause (the buffer had room for them), not the 460 missed.
        screen.contains("paused · 40 new · 460 missed (held)"),
        "{screen}"
    );
    // Following again, the stream moves on from where the buffer stopped.
    app.update(Msg::Live(LiveMsg::TogglePause));
    receive(&mut app, rows(1, 10, FrameKind::Json));
    assert_eq!(app.live.rows.len(), 100);
    assert_eq!(app.live.rows.back().map(|(n, _)| *n), Some(561));
}

#[test]
fn scrolled_up_the_selected_row_is_not_dropped_from_under_the_user() {
    let mut app = live_app(100);
    receive(&mut app, rows(100, 10, FrameKind::Json));
    app.update(Msg::Live(LiveMsg::Move(-3)));
    let selected = app.live.selected;
    assert_eq!(selected, Some(97));
    let before = shown(&app);
    receive(&mut app, rows(300, 10, FrameKind::Json));
    assert_eq!(app.live.selected, selected);
    assert_eq!(shown(&app), before, "the view does not slide");
    app.update(Msg::Live(LiveMsg::Bottom));
    receive(&mut app, rows(1, 10, FrameKind::Json));
    assert_eq!(
        app.live.rows.back().map(|(n, _)| *n),
        Some(401),
        "following again"
    );
}

#[test]
fn not_json_and_binary_are_running_totals_counted_apart() {
    let mut app = live_app(5);
    receive(&mut app, rows(3, 10, FrameKind::NotJson));
    receive(&mut app, rows(2, 10, FrameKind::Binary));
    receive(&mut app, rows(10, 10, FrameKind::Json));
    let title = draw(&mut app, 120, 10);
    assert!(
        title.contains("3 not JSON · 2 binary"),
        "dropped ones still count: {title}"
    );
    app.update(Msg::Live(LiveMsg::Clear));
    let title = draw(&mut app, 120, 10);
    assert!(
        title.contains("3 not JSON · 2 binary"),
        "and cleared ones: {title}"
    );
}

#[test]
fn a_long_reconnect_reason_never_hides_the_counts() {
    let mut app = live_app(100);
    receive(&mut app, rows(30, 10, FrameKind::Json));
    receive(&mut app, rows(2, 10, FrameKind::NotJson));
    let reason = format!("server closed: 1011 {}", "overloaded ".repeat(20));
    status(
        &mut app,
        LiveStatus::Reconnecting {
            reason,
            delay: std::time::Duration::from_secs(4),
        },
    );
    for width in [100, 40] {
        let screen = draw(&mut app, width, 10);
        let title = screen.lines().nth(2).unwrap();
        assert!(title.contains(" 32 received"), "{width}: {title}");
        assert!(title.contains('…'), "the reason cut: {title}");
    }
    let wide = draw(&mut app, 100, 10);
    assert!(
        wide.contains("2 not JSON · reconnecting in 4 s (server closed"),
        "{wide}"
    );
}
