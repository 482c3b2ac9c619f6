//! What apidex knows about each server, and what it does with it: a server that refuses
//! connections is asked once, then answered for at once from the snapshot (no retry waits); a
//! probe notices when it is back; a server answering 503 is "failing", not "offline"; `r`
//! (a forced request) always goes to the network.
#![allow(clippy::unwrap_used)]

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use apidex::api::connectivity::{self, Reach};
use apidex::api::origin::{Cause, Origin};
use apidex::api::retry;
use apidex::api::{Clients, Endpoints, Http, HttpOptions};
use apidex::snapshot::Snapshot;
use crossterm::event::KeyCode;
use reqwest::Url;

use crate::support::driver::{LIMIT, run_app};
use crate::support::{Reply, TestServer, closed_port, fixture, fixture_server_at};

/// Clients for the three sources on `port`, with the bundled snapshot as fallback, as the
/// browser has them. Retries would wait 5 s each: any retry against a dead server would show.
fn clients_at(port: u16) -> Clients {
    let origin = format!("http://127.0.0.1:{port}");
    let endpoints = Endpoints::parse(
        &format!("{origin}/api/v2"),
        &origin,
        &format!("{origin}/api"),
    )
    .unwrap();
    let http = Http::new(HttpOptions {
        retries: 3,
        retry_base: Duration::from_secs(5),
        ..HttpOptions::default()
    })
    .unwrap()
    .with_fallback(Arc::new(Snapshot::bundled(&endpoints)));
    Clients::from_http(http, endpoints)
}

fn pokeapi_url(port: u16) -> Url {
    Url::parse(&format!("http://127.0.0.1:{port}/api/v2/pokemon/1")).unwrap()
}

/// Runs `fut`, counting the retries it makes.
async fn counting_retries<F: Future>(fut: F) -> (F::Output, u32) {
    let retries = Arc::new(AtomicU32::new(0));
    let seen = retries.clone();
    let observer: retry::RetryObserver = Arc::new(move |_, _| {
        seen.fetch_add(1, Ordering::SeqCst);
    });
    let output = retry::observe(observer, fut).await;
    (output, retries.load(Ordering::SeqCst))
}

/// Waits (up to [`LIMIT`]) until `port`'s server has the state `check` wants.
async fn wait_for_state(clients: &Clients, port: u16, check: impl Fn(&Reach) -> bool) {
    let url = pokeapi_url(port);
    let deadline = tokio::time::Instant::now() + LIMIT;
    loop {
        let state = clients.http.connectivity().state(&url);
        if check(&state) {
            return;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the server's state stayed {state:?}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn a_refused_server_is_asked_once_then_answered_for_at_once() {
    let port = closed_port();
    let clients = clients_at(port);
    let (first, retries) = counting_retries(clients.pokeapi.pokemon("pikachu")).await;
    assert_eq!(
        first.unwrap().unwrap().origin,
        Origin::Snapshot {
            cause: Cause::Unreachable
        }
    );
    assert_eq!(retries, 0, "a refused connection is not retried");
    assert!(
        clients
            .http
            .connectivity()
            .state(&pokeapi_url(port))
            .is_unreachable()
    );
    // Not in the snapshot: the error says the server was not asked at all.
    let (second, retries) = counting_retries(clients.pokeapi.pokemon("700")).await;
    let err = second.unwrap_err().to_string();
    assert!(
        err.contains("not requested: the server could not be reached"),
        "{err}"
    );
    assert_eq!(retries, 0);
    // A forced request (what `r` sends) really tries.
    let forced = connectivity::forced(clients.pokeapi.pokemon("700")).await;
    let err = forced.unwrap_err().to_string();
    assert!(err.contains("Connection refused"), "{err}");
    assert!(!err.contains("not requested"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_probe_notices_when_a_server_comes_back() {
    let port = closed_port();
    let clients = clients_at(port);
    let mut changes = clients.http.connectivity().watch();
    let _ = clients.pokeapi.pokemon("pikachu").await;
    assert!(changes.has_changed().unwrap());
    assert!(
        changes
            .borrow_and_update()
            .values()
            .all(Reach::is_unreachable)
    );
    let server = fixture_server_at(port).await;
    // Nothing else asks the server: only the probe can bring it back.
    wait_for_state(&clients, port, |s| *s == Reach::Online).await;
    assert!(changes.borrow_and_update().is_empty());
    let pikachu = clients.pokeapi.pokemon("pikachu").await.unwrap().unwrap();
    assert_eq!(pikachu.origin, Origin::Network);
    assert!(server.request_count() >= 2, "the probe and the request");
}

#[tokio::test]
async fn a_server_answering_503_is_failing_until_it_answers_again() {
    let server = TestServer::start().await;
    let port: u16 = server.url().rsplit(':').next().unwrap().parse().unwrap();
    let http = Http::new(HttpOptions {
        retries: 1,
        retry_base: Duration::from_millis(1),
        ..HttpOptions::default()
    })
    .unwrap();
    server.route("/api/v2/pokemon/1", Reply::status(503));
    let url = pokeapi_url(port);
    let err = http.get_bytes(url.clone()).await.unwrap_err();
    assert!(err.to_string().contains("HTTP 503"), "{err}");
    assert_eq!(
        http.connectivity().state(&url),
        Reach::Failing { code: 503 },
        "failing, which the status bar says as `PokeAPI: HTTP 503`, not `offline`"
    );
    server.route(
        "/api/v2/pokemon/1",
        Reply::json(fixture("pokeapi/pokemon/1.json")),
    );
    assert!(http.get_bytes(url.clone()).await.unwrap().is_some());
    assert_eq!(http.connectivity().state(&url), Reach::Online);
}

/// The status line: the screen's last row.
fn status_line(screen: &str) -> &str {
    screen.lines().last().unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_browser_says_offline_opens_pages_from_the_snapshot_and_refreshes_when_back() {
    let port = closed_port();
    let clients = clients_at(port);
    let http = clients.http.clone();
    run_app(clients, 110, 40, |s| async move {
        s.wait_for("the list from the snapshot, offline", |screen| {
            screen.contains("#1 Bulbasaur  Seed Pokémon")
                && screen.contains("bundled snapshot")
                && status_line(screen).contains("offline")
        })
        .await;
        // The next page comes from the snapshot too, with no request in flight: the server is
        // known to be down, so nothing waits through retries (which would take 5 s each).
        s.key(KeyCode::Char('j'));
        s.wait_for("ivysaur from the snapshot", |screen| {
            screen.contains("#2 Ivysaur")
                && !screen.contains("retrying")
                && !status_line(screen).contains("loading")
        })
        .await;
        let server = fixture_server_at(port).await;
        // The probe finds it; the status line stops saying offline, and the list and the page
        // are fetched again from the network (their snapshot badges go).
        s.wait_for("online again, list and page refreshed", |screen| {
            !status_line(screen).contains("offline")
                && !screen.contains("bundled snapshot")
                && screen.contains("Pokémon (1351)")
                && screen.contains("#2 Ivysaur")
        })
        .await;
        assert!(
            server
                .requests()
                .contains(&"/api/v2/pokemon?limit=100000".to_owned()),
            "the list was fetched again: {:?}",
            server.requests()
        );
    })
    .await;
    assert_eq!(http.connectivity().state(&pokeapi_url(port)), Reach::Online);
}

#[tokio::test]
async fn one_url_that_times_out_does_not_make_the_server_unreachable() {
    let server = TestServer::start().await;
    server.route(
        "/api/v2/pokemon/2",
        Reply::fault(crate::support::Fault::Hang),
    );
    server.route(
        "/api/v2/pokemon/1",
        Reply::json(fixture("pokeapi/pokemon/1.json")),
    );
    let http = Http::new(HttpOptions {
        retries: 1,
        retry_base: Duration::from_millis(1),
        timeout: Duration::from_millis(300),
        ..HttpOptions::default()
    })
    .unwrap();
    let slow = Url::parse(&format!("{}/api/v2/pokemon/2", server.url())).unwrap();
    let err = http.get_bytes(slow.clone()).await.unwrap_err();
    assert!(err.to_string().contains("timed out"), "{err}");
    assert_eq!(http.connectivity().state(&slow), Reach::Online);
    // The server's other URLs are still asked, and answer.
    let fine = Url::parse(&format!("{}/api/v2/pokemon/1", server.url())).unwrap();
    assert!(http.get_bytes(fine).await.unwrap().is_some());
}
