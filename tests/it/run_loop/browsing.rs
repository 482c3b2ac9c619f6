//! Browsing through the real loop: searching, batches, posts, following links, pictures, the
//! comparison, notices and quitting.

use std::io;
use std::time::Duration;

use apidex::app::{App, Hosts};
use apidex::event::{EffectRunner, run};
use apidex::model::Source;
use apidex::msg::Msg;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use tokio::sync::mpsc;

use crate::support::driver::{LIMIT, run_app, run_app_with};
use crate::support::screen::SharedBackend;
use crate::support::{TestServer, clients, fixture_server};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn typing_a_name_and_enter_shows_its_detail() {
    let server = fixture_server().await;
    run_app(clients(&server), 100, 30, |s| async move {
        s.wait_for_text("#1 Bulbasaur").await;
        s.key(KeyCode::Char('/'));
        s.type_text("pika");
        s.wait_for_text("/ pika").await;
        s.key(KeyCode::Enter);
        s.wait_for("pikachu's detail", |screen| {
            screen.contains("#25 Pikachu  Mouse Pokémon")
                && screen.contains("electric")
                && screen.contains("static — Has a 30% chance of paralyzing")
                && screen.contains("lightning-rod (hidden)")
                && screen.contains("Speed     90")
        })
        .await;
    })
    .await;
    let requests = server.requests();
    assert!(requests.contains(&"/api/v2/pokemon/pikachu".to_owned()));
    assert!(requests.contains(&"/api/v2/pokemon-species/pikachu".to_owned()));
    assert!(requests.contains(&"/api/v2/ability/static".to_owned()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_marked_items_are_fetched_together_and_all_arrive() {
    let server = fixture_server().await;
    // Slow answers make "in flight together" observable at the server.
    server.set_delay(Duration::from_millis(150));
    let app = run_app(clients(&server), 100, 30, |s| async move {
        s.wait_for_text("#1 Bulbasaur  Seed Pokémon").await;
        for _ in 0..3 {
            s.key(KeyCode::Char(' '));
        }
        s.wait_for_text("3 marked").await;
        s.key(KeyCode::Enter);
        s.wait_for_text("batch · 3 of 3").await;
    })
    .await;
    assert!(
        server.overlapped(&[
            "/api/v2/pokemon/bulbasaur",
            "/api/v2/pokemon/ivysaur",
            "/api/v2/pokemon/venusaur",
        ]),
        "the three batch requests were not in flight together: {:?}",
        server.requests()
    );
    let batch = app.tabs[Source::Pokemon.index()].batch.as_ref().unwrap();
    // bulbasaur has a fixture; ivysaur and venusaur do not, so the server answers 404.
    let statuses: Vec<String> = batch
        .items
        .iter()
        .map(|i| format!("{:?}", i.status))
        .collect();
    assert!(statuses[0].starts_with("Done"), "{statuses:?}");
    assert_eq!(statuses[1], "NotFound");
    assert_eq!(statuses[2], "NotFound");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_name_shows_not_found_with_suggestions() {
    let server = fixture_server().await;
    run_app(clients(&server), 100, 30, |s| async move {
        s.wait_for_text("#1 Bulbasaur").await;
        s.key(KeyCode::Char('/'));
        s.type_text("pikachuuz");
        s.wait_for_text("no match").await;
        s.key(KeyCode::Enter);
        // The suggestion is a row of its own: "pikachu" alone, not the query that contains it.
        s.wait_for("not found with a suggestion", |screen| {
            screen.contains("not found: pikachuuz")
                && screen.contains("did you mean")
                && screen
                    .lines()
                    .any(|line| line.split('│').any(|cell| cell.trim() == "Pikachu"))
        })
        .await;
    })
    .await;
    assert!(
        server
            .requests()
            .contains(&"/api/v2/pokemon/pikachuuz".to_owned())
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn posts_tab_shows_a_post_with_author_and_comments() {
    let server = fixture_server().await;
    run_app(clients(&server), 100, 40, |s| async move {
        s.wait_for_text("#1 Bulbasaur").await;
        s.key(KeyCode::Tab);
        s.wait_for("post 1 with author and comments", |screen| {
            screen.contains("#1 sunt aut facere")
                && screen.contains("Leanne Graham (@Bret) <Sincere@april.biz>")
                && screen.contains("Comments (5)")
                && screen.contains("<Eliseo@gardner.biz>")
        })
        .await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn q_ends_the_loop_while_input_is_still_open() {
    let server = TestServer::start().await;
    let mut terminal = Terminal::new(SharedBackend::new(80, 24)).unwrap();
    let (key_tx, mut key_rx) = mpsc::unbounded_channel::<io::Result<Event>>();
    let input = futures_util::stream::poll_fn(move |cx| key_rx.poll_recv(cx));
    let (msg_tx, msg_rx) = mpsc::unbounded_channel();
    let mut runner = EffectRunner::new(clients(&server), msg_tx);
    let (mut app, _) = App::new(Hosts::default());
    key_tx
        .send(Ok(Event::Key(KeyEvent::new(
            KeyCode::Char('q'),
            KeyModifiers::NONE,
        ))))
        .unwrap();
    // `key_tx` stays alive: only `q` can end the loop.
    tokio::time::timeout(
        LIMIT,
        run(&mut terminal, &mut app, input, &mut runner, msg_rx),
    )
    .await
    .expect("q did not end the loop")
    .unwrap();
    assert!(app.should_quit());
    drop(key_tx);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn following_an_ability_to_another_pokemon_and_back_twice() {
    let server = fixture_server().await;
    run_app(clients(&server), 110, 40, |s| async move {
        s.wait_for_text("#1 Bulbasaur").await;
        s.key(KeyCode::Char('/'));
        s.type_text("pikachu");
        s.key(KeyCode::Enter);
        s.wait_for_text("#25 Pikachu  Mouse Pokémon").await;
        // In the detail pane ↓ walks the links: the electric type, then the ability static.
        s.key(KeyCode::Down);
        s.key(KeyCode::Down);
        s.key(KeyCode::Enter);
        s.wait_for_text("Pokémon with static").await;
        s.wait_for_text("pikachu › static").await;
        // pikachu, then raichu.
        s.key(KeyCode::Down);
        s.key(KeyCode::Down);
        s.key(KeyCode::Enter);
        s.wait_for_text("#26 Raichu  Mouse Pokémon").await;
        s.wait_for_text("pikachu › static › raichu").await;
        s.key(KeyCode::Backspace);
        s.wait_for_text("Pokémon with static").await;
        s.key(KeyCode::Backspace);
        s.wait_for("pikachu again, with no breadcrumb", |screen| {
            screen.contains("#25 Pikachu  Mouse Pokémon") && !screen.contains("pikachu › static")
        })
        .await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pikachus_sprite_is_drawn_beside_its_page() {
    let server = fixture_server().await;
    crate::support::mount_local_sprites(&server);
    let screen = std::sync::Arc::new(std::sync::Mutex::new(None));
    let seen = screen.clone();
    run_app_with(clients(&server), 110, 40, true, |s| async move {
        s.wait_for_text("#1 Bulbasaur").await;
        s.key(KeyCode::Char('/'));
        s.type_text("pikachu");
        s.key(KeyCode::Enter);
        s.wait_for_text("#25 Pikachu  Mouse Pokémon").await;
        s.wait_for("the sprite in half-blocks", |screen| {
            screen.matches('▀').count() > 20
        })
        .await;
        *seen.lock().unwrap() = Some(s.screen.buffer());
    })
    .await;
    let buffer = screen.lock().unwrap().take().unwrap();
    let yellow = buffer.content().iter().any(|cell| {
        matches!(cell.fg, ratatui::style::Color::Rgb(r, g, b) if r > 180 && g > 150 && b < 120)
            || matches!(cell.bg, ratatui::style::Color::Rgb(r, g, b) if r > 180 && g > 150 && b < 120)
    });
    assert!(yellow, "pikachu's yellow is on screen");
    assert!(
        server
            .requests()
            .contains(&"/sprites/pokemon/25.png".to_owned())
    );
}

#[tokio::test(start_paused = true)]
async fn a_notice_expires_when_its_time_is_up() {
    let server = fixture_server().await;
    let (msg_tx, mut msg_rx) = mpsc::unbounded_channel();
    let mut runner = EffectRunner::new(clients(&server), msg_tx);
    let (mut app, _) = App::new(Hosts::default());
    app.update(Msg::ToggleMark);
    // `c` with nothing marked: an error notice, and its expiry asked for.
    let effects = app.update(Msg::Compare);
    assert!(app.notice.is_some());
    for effect in effects {
        runner.run(effect);
    }
    // Paused time runs ahead to the expiry once nothing else is waiting.
    let started = tokio::time::Instant::now();
    let msg = msg_rx.recv().await.unwrap();
    assert!(matches!(msg, Msg::NoticeExpired { .. }), "{msg:?}");
    assert_eq!(started.elapsed(), apidex::app::notice::ERROR_LIFETIME);
    app.update(msg);
    assert!(app.notice.is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn six_pokemon_compared_at_80_by_24_scroll_to_their_team_matchups() {
    let server = fixture_server().await;
    crate::support::mount_local_sprites(&server);
    run_app_with(clients(&server), 80, 24, true, |s| async move {
        s.wait_for_text("#1 Bulbasaur").await;
        // bulbasaur, charmander, squirtle, pikachu, raichu, eevee (rows 0, 3, 6, 24, 25, 132).
        let mut row = 0;
        for target in [0, 3, 6, 24, 25, 132] {
            for _ in row..target {
                s.key(KeyCode::Char('j'));
            }
            s.key(KeyCode::Char(' '));
            row = target + 1;
        }
        s.wait_for_text("6 marked").await;
        s.key(KeyCode::Char('c'));
        s.wait_for("six names, apart", |screen| {
            [
                "Bulbasaur ",
                "Charmander ",
                "Squirtle ",
                "Pikachu ",
                "Raichu ",
                "Eevee ",
            ]
            .iter()
            .all(|name| screen.contains(name))
                && screen.contains("↓ more")
                // The cards, sprites and type chart have all arrived (the status bar counts
                // what is in flight).
                && !screen.contains("loading")
        })
        .await;
        s.key(KeyCode::PageDown);
        s.key(KeyCode::End);
        s.wait_for("the team matchups", |screen| {
            screen.contains("Team matchups")
                && screen.contains("nobody resists")
                && screen.contains("↑ more")
        })
        .await;
        // And back up with k / Home.
        s.key(KeyCode::Home);
        s.wait_for("the top again", |screen| !screen.contains("↑ more"))
            .await;
    })
    .await;
}

/// #13: a term typed letter by letter asks for the term, not for every prefix on the way
/// (`ability:o`, `ability:ov`… each a 404).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_term_typed_letter_by_letter_is_fetched_once() {
    let server = fixture_server().await;
    run_app(clients(&server), 100, 30, |s| async move {
        s.wait_for_text("#1 Bulbasaur").await;
        s.key(KeyCode::Char('/'));
        s.type_text("ability:blaze");
        // Blaze's Pokémon only: Charmander's line, no Bulbasaur.
        s.wait_for("the term's members", |screen| {
            screen.contains("#4 Charmander") && !screen.contains("#1 Bulbasaur")
        })
        .await;
    })
    .await;
    // (The page shown asks for its own abilities too: only the typed ones count.)
    let asked: Vec<String> = server
        .requests()
        .into_iter()
        .filter_map(|r| r.strip_prefix("/api/v2/ability/").map(str::to_owned))
        .filter(|name| "blaze".starts_with(name.as_str()))
        .collect();
    assert_eq!(asked, vec!["blaze".to_owned()]);
}
