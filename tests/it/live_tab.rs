//! The Live tab (#15): the real loop and runner against the test WebSocket server
//! (`tests/it/support/ws.rs`, replaying generated Jetstream events), and the tab's state and
//! picture fed directly. Waits are on what the screen shows, never on elapsed time.
#![allow(clippy::unwrap_used)]

use std::sync::Arc;

use apidex::app::{App, Hosts};
use apidex::live::summary::Summarizer;
use apidex::live::{Frame, FrameKind};
use apidex::msg::{Effect, LiveEffect, LiveMsg, LiveRow, LiveStatus, Msg};
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::support::driver::run_app_configured;
use crate::support::screen::without_tab_bar;
use crate::support::ws::{self, WsServer};
use crate::support::{clients, fixture_server};

/// The title's received count, read off the screen.
/// The Live tab's default key.
fn live_key() -> char {
    char::from(b'1' + u8::try_from(apidex::model::TabId::Live.index()).unwrap())
}

fn received(screen: &str) -> u64 {
    let at = screen.find(" received").unwrap_or(0);
    let digits: String = screen[..at]
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit() || *c == ' ')
        .collect::<String>()
        .chars()
        .rev()
        .filter(char::is_ascii_digit)
        .collect();
    digits.parse().unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn messages_stream_in_while_keys_pause_filter_and_open_them() {
    let http = fixture_server().await;
    let server = WsServer::start().await;
    let url = server.url("/subscribe?endless=1&gap_ms=2");
    let server = &server;
    let start = |runner: &mut apidex::event::EffectRunner, effects: Vec<Effect>| {
        for effect in effects {
            runner.run(effect);
        }
    };
    let app = run_app_configured(
        clients(&http),
        (110, 30),
        false,
        |app| app.live.url = url.clone(),
        start,
        |s| async move {
            s.wait_for_text("1 Pokémon").await;
            assert!(
                server.requests().is_empty(),
                "nothing connects before the tab opens"
            );
            s.key(KeyCode::Char(live_key()));
            s.wait_for("more than 40 received", |t| received(t) > 40)
                .await;
            // Paused: the rows stay, the count of new ones grows while keys go on working.
            s.key(KeyCode::Char('p'));
            s.wait_for_text("paused · ").await;
            s.wait_for("new messages while paused", |t| {
                t.contains("paused · ") && !t.contains("paused · 0 new")
            })
            .await;
            s.type_text("/follow");
            s.wait_for_text("/ follow").await;
            s.wait_for("a filtered count", |t| t.contains(" shown"))
                .await;
            let screen = s.screen.text();
            let rows: Vec<&str> = screen
                .lines()
                .skip(3)
                .filter(|l| l.contains("  "))
                .collect();
            assert!(
                rows.iter().filter(|l| l.contains("feed.post")).count() == 0,
                "only follows shown:\n{screen}"
            );
            s.key(KeyCode::Enter);
            s.key(KeyCode::Char('p'));
            s.wait_for("following again", |t| !t.contains("paused"))
                .await;
            // Enter: the newest follow in the JSON view; Esc comes back to the stream.
            s.key(KeyCode::Enter);
            s.wait_for_text("\"app.bsky.graph.follow\"").await;
            s.key(KeyCode::Esc);
            s.wait_for_text(" msg/s").await;
            s.key(KeyCode::Char('c'));
            s.key(KeyCode::Char('q'));
        },
    )
    .await;
    assert!(app.live.received > 40);
    assert_eq!(server.requests().len(), 1, "one connection, no reconnect");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn send_goes_out_on_the_stream_and_the_echo_comes_back() {
    let http = fixture_server().await;
    let server = WsServer::start().await;
    let url = server.url("/echo");
    let start = |_: &mut apidex::event::EffectRunner, _: Vec<Effect>| {};
    run_app_configured(
        clients(&http),
        (100, 20),
        false,
        |app| app.live.url = url.clone(),
        start,
        |s| async move {
            s.key(KeyCode::Char(live_key()));
            s.wait_for_text(" msg/s").await;
            s.key(KeyCode::Char('S'));
            s.type_text("hello");
            s.key(KeyCode::Enter);
            s.wait_for_text("not JSON: Echo: hello").await;
            s.key(KeyCode::Char('q'));
        },
    )
    .await;
}

/// An app on the Live tab, connected (the effect is checked, not run).
fn live_app(capacity: usize) -> App {
    let (mut app, _) = App::new(Hosts::default());
    "ws://127.0.0.1:9/subscribe".clone_into(&mut app.live.url);
    app.live.capacity = capacity;
    let effects = app.update(Msg::Live(LiveMsg::Show));
    assert_eq!(
        effects,
        [Effect::Live(LiveEffect::Connect {
            session: 1,
            url: "ws://127.0.0.1:9/subscribe".to_owned(),
            max_frame: apidex::live::DEFAULT_MAX_FRAME,
        })]
    );
    app.update(Msg::Live(LiveMsg::Status {
        session: 1,
        status: LiveStatus::Live,
    }));
    app
}

/// Summary rows of the first `n` fixture events, as the runner makes them.
fn fixture_rows(n: usize) -> Vec<LiveRow> {
    let mut summarizer = Summarizer::default();
    ws::events()
        .into_iter()
        .take(n)
        .map(|text| {
            let frame = Frame {
                time_us: Some(ws::time_us(&text)),
                text,
                kind: FrameKind::Json,
            };
            LiveRow {
                summary: summarizer.summary(&frame),
                text: Arc::from(frame.text.as_str()),
                kind: frame.kind,
            }
        })
        .collect()
}

fn receive(app: &mut App, session: u64, rows: Vec<LiveRow>) {
    app.update(Msg::Live(LiveMsg::Received {
        session,
        rows,
        refused: 0,
        rate: 48.0,
    }));
}

#[test]
fn the_bounded_buffer_drops_the_oldest_and_counts_them() {
    let mut app = live_app(10);
    receive(&mut app, 1, fixture_rows(25));
    assert_eq!(app.live.rows.len(), 10);
    assert_eq!(app.live.rows.front().map(|(n, _)| *n), Some(16));
    assert_eq!((app.live.received, app.live.dropped), (25, 15));
    // A stale session's messages are not this one's.
    receive(&mut app, 7, fixture_rows(3));
    assert_eq!(app.live.received, 25);
}

#[test]
fn pause_freezes_the_rows_and_counts_what_came_meanwhile() {
    let mut app = live_app(100);
    receive(&mut app, 1, fixture_rows(5));
    app.update(Msg::Live(LiveMsg::TogglePause));
    receive(&mut app, 1, fixture_rows(3));
    assert_eq!(app.live.visible().len(), 5, "frozen at the pause");
    assert_eq!(app.live.new_since_pause(), 3);
    assert!(apidex_title(&app).contains("paused · 3 new"));
    app.update(Msg::Live(LiveMsg::TogglePause));
    assert_eq!(app.live.visible().len(), 8);
    // Scrolled away from the newest, new messages do not move the selection.
    app.update(Msg::Live(LiveMsg::Move(-2)));
    let selected = app.live.selected;
    receive(&mut app, 1, fixture_rows(3));
    assert_eq!(app.live.selected, selected);
    app.update(Msg::Live(LiveMsg::Bottom));
    assert_eq!(app.live.selected, None, "following the newest again");
}

/// The tab's title, from a drawn screen.
fn apidex_title(app: &App) -> String {
    draw(app, 100, 12)
        .lines()
        .take(3)
        .collect::<Vec<_>>()
        .join("\n")
}

fn draw(app: &App, width: u16, height: u16) -> String {
    // Drawing needs the app mutably (it records areas); a fresh copy of the state is not
    // possible, so the test draws a clone of the rows into a second app.
    let (mut copy, _) = App::new(Hosts::default());
    copy.live.shown = true;
    copy.live.url.clone_from(&app.live.url);
    copy.live.status.clone_from(&app.live.status);
    copy.live.rows.clone_from(&app.live.rows);
    copy.live.received = app.live.received;
    copy.live.dropped = app.live.dropped;
    copy.live.missed = app.live.missed;
    copy.live.not_json = app.live.not_json;
    copy.live.binary = app.live.binary;
    copy.live.refused = app.live.refused;
    copy.live.rate = app.live.rate;
    copy.live.paused_at = app.live.paused_at;
    copy.live.selected = app.live.selected;
    copy.live.filter.clone_from(&app.live.filter);
    copy.live.session = app.live.session;
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| apidex::ui::draw(f, &mut copy)).unwrap();
    crate::support::screen::buffer_text(terminal.backend().buffer())
}

#[test]
fn the_live_tab_at_100_by_16() {
    let mut app = live_app(10_000);
    receive(&mut app, 1, fixture_rows(12));
    app.live.received = 12_034;
    app.update(Msg::Live(LiveMsg::Received {
        session: 1,
        rows: vec![LiveRow {
            summary: "not JSON: {not json\\x1b]0;PWNED\\x07".to_owned(),
            text: Arc::from("{not json\u{1b}]0;PWNED\u{7}"),
            kind: FrameKind::NotJson,
        }],
        refused: 2,
        rate: 48.0,
    }));
    insta::assert_snapshot!(without_tab_bar(&draw(&app, 100, 16)));
}

#[test]
fn the_live_tab_fits_a_tiny_terminal_and_says_when_it_reconnects() {
    let mut app = live_app(100);
    receive(&mut app, 1, fixture_rows(30));
    app.update(Msg::Live(LiveMsg::Status {
        session: 1,
        status: LiveStatus::Reconnecting {
            reason: "server closed: 1011 overloaded".to_owned(),
            delay: std::time::Duration::from_millis(3500),
        },
    }));
    let screen = draw(&app, 40, 10);
    let live_key = format!("{} Live", live_key());
    assert!(screen.contains(&live_key), "{screen}");
    let wide = draw(&app, 120, 10);
    assert!(
        wide.contains("reconnecting in 4 s (server closed: 1011 overloaded)"),
        "{wide}"
    );
}
