//! The loop when things go wrong: a hanging or stopped server, retries, timeouts, offline with
//! nothing cached, tasks that panic or are aborted, a term that failed to load.

use std::time::Duration;

use apidex::api::{Clients, HttpOptions};
use apidex::event::EffectRunner;
use apidex::model::Source;
use apidex::msg::{Effect, Msg};
use crossterm::event::KeyCode;
use tokio::sync::mpsc;

use crate::support::driver::{LIMIT, run_app, run_app_starting};
use crate::support::{Fault, Reply, clients, clients_with, fixture_server};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keys_keep_working_while_a_server_hangs() {
    let server = fixture_server().await;
    // PokeAPI's index never answers; the other tabs must still work.
    server.route("/api/v2/pokemon?limit=100000", Reply::fault(Fault::Hang));
    run_app(clients(&server), 100, 30, |s| async move {
        s.wait_for_text("loading from PokeAPI").await;
        s.key(KeyCode::Char('2'));
        s.wait_for("the posts list and post 1", |screen| {
            screen.contains("Posts (100)") && screen.contains("Leanne Graham (@Bret)")
        })
        .await;
        s.key(KeyCode::Char('3'));
        s.wait_for_text("└ shepherd").await;
        s.key(KeyCode::Char('1'));
        s.wait_for_text("loading from PokeAPI").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stopped_server_shows_a_clear_error_and_other_tabs_work() {
    // Bind and drop a listener: nothing listens on that port any more.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let server = fixture_server().await;
    let dead = format!("http://127.0.0.1:{port}");
    let [_, jph, dog] = crate::support::base_urls(&server);
    let endpoints = apidex::api::Endpoints::parse(&format!("{dead}/api/v2"), &jph, &dog).unwrap();
    let clients = Clients::new(endpoints, HttpOptions::default()).unwrap();
    run_app(clients, 100, 30, |s| async move {
        s.wait_for("a connection error", |screen| {
            screen.contains("could not load the list") && screen.contains("cannot connect")
        })
        .await;
        // The other sources are unaffected.
        s.key(KeyCode::Char('2'));
        s.wait_for_text("Posts (100)").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r_retries_a_failed_list() {
    let server = fixture_server().await;
    server.route("/api/v2/pokemon?limit=100000", Reply::status(503));
    run_app(clients(&server), 100, 30, |s| async move {
        s.wait_for_text("HTTP 503").await;
        // The server recovers; `r` asks again.
        server.route(
            "/api/v2/pokemon?limit=100000",
            Reply::json(crate::support::fixture("pokeapi/pokemon-index.json")),
        );
        s.key(KeyCode::Char('r'));
        s.wait_for_text("Pokémon (1351)").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_timeout_is_reported_in_the_detail_pane() {
    let server = fixture_server().await;
    server.route("/api/v2/pokemon/bulbasaur", Reply::fault(Fault::Hang));
    let options = HttpOptions {
        timeout: Duration::from_millis(300),
        ..HttpOptions::default()
    };
    run_app(clients_with(&server, options), 100, 30, |s| async move {
        s.wait_for_text("timed out after 0.3 s").await;
        s.wait_for_text("r retries").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offline_with_nothing_cached_the_browser_opens_on_the_bundled_snapshot() {
    use std::sync::Arc;

    use apidex::api::{Endpoints, Http};
    use apidex::snapshot::Snapshot;

    // No server at all: every base URL points where nothing listens.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let dead = format!("http://127.0.0.1:{port}");
    let endpoints =
        Endpoints::parse(&format!("{dead}/api/v2"), &dead, &format!("{dead}/api")).unwrap();
    let http = Http::new(HttpOptions {
        offline: true,
        ..HttpOptions::default()
    })
    .unwrap()
    .with_fallback(Arc::new(Snapshot::bundled(&endpoints)));
    let clients = Clients::from_http(http, endpoints);
    run_app(clients, 110, 40, |s| async move {
        s.wait_for("the index and bulbasaur from the snapshot", |screen| {
            screen.contains("Pokémon (1351)")
                && screen.contains("#1 Bulbasaur  Seed Pokémon")
                && screen.contains("offline · bundled snapshot")
                && screen.contains("offline")
        })
        .await;
        s.key(KeyCode::Char('2'));
        s.wait_for_text("Posts (100)").await;
        s.wait_for_text("Leanne Graham (@Bret)").await;
    })
    .await;
}

/// A fetch with a bug in it.
fn buggy_fetch() -> Msg {
    panic!("deliberate test panic")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_task_that_panics_turns_its_pane_into_an_error_and_the_app_goes_on() {
    let server = fixture_server().await;
    // The Pokémon list's task panics (a bug); the other lists load as usual.
    let start = |runner: &mut EffectRunner, effects: Vec<Effect>| {
        for effect in effects {
            if matches!(
                effect,
                Effect::FetchList {
                    source: Source::Pokemon,
                    ..
                }
            ) {
                runner.spawn_for(&effect, async { buggy_fetch() });
            } else {
                runner.run(effect);
            }
        }
    };
    let app = run_app_starting(clients(&server), (100, 30), false, start, |s| async move {
        s.wait_for_text("internal error: deliberate test panic")
            .await;
        // The app goes on: another tab works.
        s.key(KeyCode::Char('2'));
        s.wait_for_text("Posts (100)").await;
    })
    .await;
    let pokemon = &app.tabs[Source::Pokemon.index()].list.entries;
    assert!(
        matches!(pokemon, apidex::app::loadable::Loadable::Failed(err) if err.to_string() == "internal error: deliberate test panic"),
        "{pokemon:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_aborted_task_reports_nothing() {
    let server = fixture_server().await;
    // A task aborted on purpose (its pane moved on) is not a failure: it reports nothing.
    let (msg_tx, mut msg_rx) = mpsc::unbounded_channel();
    let runner = EffectRunner::new(clients(&server), msg_tx);
    let effect = Effect::FetchTypeChart {
        req: apidex::model::RequestId(1),
    };
    let task = runner.spawn_for(&effect, async {
        tokio::time::sleep(Duration::from_secs(60)).await;
        Msg::Resize
    });
    task.abort();
    drop(runner);
    // Every sender is gone once the aborted task is dropped: the channel closes empty.
    let received = tokio::time::timeout(LIMIT, msg_rx.recv()).await.unwrap();
    assert!(received.is_none(), "{received:?}");
}

/// #13: a term that could not load says so in the empty list, not "no match".
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_term_that_failed_to_load_says_so() {
    let server = fixture_server().await;
    server.route("/api/v2/pokemon-color/red", Reply::status(503));
    let options = HttpOptions {
        retries: 0,
        ..HttpOptions::default()
    };
    let app = run_app(clients_with(&server, options), 100, 30, |s| async move {
        s.wait_for_text("#1 Bulbasaur").await;
        s.key(KeyCode::Char('/'));
        s.type_text("color:red");
        s.wait_for_text("✗ color:red could not load").await;
        // Enter says why again, rather than fetching the text as a name ("not found").
        s.key(KeyCode::Enter);
    })
    .await;
    assert!(
        app.notice
            .as_deref()
            .is_some_and(|n| n.starts_with("color:red could not load")),
        "{:?}",
        app.notice
    );
    assert!(
        !matches!(
            &app.tab().detail.state,
            apidex::app::loadable::Loadable::NotFound { query, .. } if query == "color:red"
        ),
        "{:?}",
        app.tab().detail.state
    );
}
