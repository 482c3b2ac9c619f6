//! Fault injection: retries with backoff, `Retry-After`, what is never retried, body and
//! redirect caps, the rate cap, and a batch under a 30 % failure rate — all against the local
//! server, which fails on purpose.

#![allow(clippy::unwrap_used)]

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use apidex::api::pokeapi::Endpoint;
use apidex::api::pokeapi::models::Pokemon;
use apidex::api::{ApiError, HttpOptions, retry};
use futures_util::StreamExt;

use crate::support::{Fault, Reply, TestServer, clients_with, fixture, fixture_server};

/// Fast retries, so the tests do not wait for real backoffs.
fn quick(retries: u32) -> HttpOptions {
    HttpOptions {
        retries,
        retry_base: Duration::from_millis(5),
        timeout: Duration::from_millis(400),
        ..HttpOptions::default()
    }
}

const PIKACHU: &str = "/api/v2/pokemon/pikachu";

fn count(server: &TestServer, target: &str) -> usize {
    server.requests().iter().filter(|t| *t == target).count()
}

#[tokio::test]
async fn transient_failures_are_retried_until_one_succeeds() {
    let server = fixture_server().await;
    server.queue(
        PIKACHU,
        vec![
            Reply::status(503),
            Reply::fault(Fault::Close),
            Reply::fault(Fault::Truncate),
        ],
    );
    let clients = clients_with(&server, quick(3));
    let pikachu = clients.pokeapi.pokemon("pikachu").await.unwrap().unwrap();
    assert_eq!(pikachu.data.id, 25);
    assert_eq!(count(&server, PIKACHU), 4);
}

#[tokio::test]
async fn a_hanging_server_is_retried_after_each_timeout_then_reported() {
    let server = fixture_server().await;
    server.route(PIKACHU, Reply::fault(Fault::Hang));
    let clients = clients_with(&server, quick(2));
    let err = clients.pokeapi.pokemon("pikachu").await.unwrap_err();
    assert!(matches!(err, ApiError::Timeout { .. }), "{err:?}");
    assert_eq!(count(&server, PIKACHU), 3);
}

#[tokio::test]
async fn retries_give_up_with_the_last_error() {
    let server = fixture_server().await;
    server.route(PIKACHU, Reply::status(502));
    let clients = clients_with(&server, quick(3));
    let err = clients.pokeapi.pokemon("pikachu").await.unwrap_err();
    assert!(matches!(err, ApiError::Status { code: 502, .. }), "{err:?}");
    assert_eq!(count(&server, PIKACHU), 4);
    // With retries off, one request only.
    let clients = clients_with(&server, quick(0));
    clients.pokeapi.pokemon("pikachu").await.unwrap_err();
    assert_eq!(count(&server, PIKACHU), 5);
}

#[tokio::test]
async fn client_errors_other_than_429_are_not_retried() {
    let server = fixture_server().await;
    for code in [400, 401, 403, 410] {
        let target = format!("/api/v2/pokemon/c{code}");
        server.route(&target, Reply::status(code));
        let clients = clients_with(&server, quick(3));
        let err = clients
            .pokeapi
            .pokemon(&format!("c{code}"))
            .await
            .unwrap_err();
        assert!(
            matches!(err, ApiError::Status { code: c, .. } if c == code),
            "{err:?}"
        );
        assert_eq!(count(&server, &target), 1, "{code} was retried");
    }
    // 404 is an answer ("not found"), asked once.
    let clients = clients_with(&server, quick(3));
    assert!(
        clients
            .pokeapi
            .pokemon("missingno")
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(count(&server, "/api/v2/pokemon/missingno"), 1);
    // A malformed body is not retried either: asking again would get the same answer.
    server.route(PIKACHU, Reply::fault(Fault::Malformed));
    let err = clients.pokeapi.pokemon("pikachu").await.unwrap_err();
    assert!(matches!(err, ApiError::Decode { .. }), "{err:?}");
    assert_eq!(count(&server, PIKACHU), 1);
}

#[tokio::test]
async fn too_many_requests_waits_for_retry_after() {
    let server = fixture_server().await;
    server.queue(PIKACHU, vec![Reply::status(429).header("Retry-After", "1")]);
    let clients = clients_with(&server, quick(3));
    let started = tokio::time::Instant::now();
    let pikachu = clients.pokeapi.pokemon("pikachu").await.unwrap().unwrap();
    assert_eq!(pikachu.data.name, "pikachu");
    assert_eq!(count(&server, PIKACHU), 2);
    // Not a timing benchmark: the retry must not have come before the second the server asked
    // for (the 5 ms backoff alone would have been far quicker).
    assert!(started.elapsed() >= Duration::from_secs(1));
}

#[tokio::test]
async fn each_retry_is_reported_to_the_tasks_observer() {
    let server = fixture_server().await;
    server.queue(PIKACHU, vec![Reply::status(500), Reply::status(503)]);
    let clients = clients_with(&server, quick(3));
    let seen = Arc::new(std::sync::Mutex::new(Vec::new()));
    let record = seen.clone();
    let observer: retry::RetryObserver =
        Arc::new(move |n, of| record.lock().unwrap().push((n, of)));
    let result = retry::observe(observer, clients.pokeapi.pokemon("pikachu")).await;
    assert!(result.unwrap().is_some());
    assert_eq!(*seen.lock().unwrap(), vec![(1, 3), (2, 3)]);
}

#[tokio::test]
async fn bodies_over_the_cap_are_refused() {
    let server = TestServer::start().await;
    let big = format!(
        "{{\"id\": 1, \"name\": \"{}\"}}",
        "x".repeat(3 * 1024 * 1024)
    );
    server.route("/api/v2/pokemon/big", Reply::json(big));
    let options = HttpOptions {
        max_body: 1024 * 1024,
        ..quick(3)
    };
    let clients = clients_with(&server, options);
    let err = clients.pokeapi.pokemon("big").await.unwrap_err();
    assert!(
        matches!(err, ApiError::TooLarge { limit_mb: 1, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("larger than the 1 MB limit"));
    // Not retried: it would be just as large again.
    assert_eq!(count(&server, "/api/v2/pokemon/big"), 1);
    // Under the cap, the same body is fine.
    let clients = clients_with(&server, quick(0));
    assert!(clients.pokeapi.pokemon("big").await.unwrap().is_some());
}

#[tokio::test]
async fn redirects_are_followed_but_capped() {
    let server = fixture_server().await;
    let base = server.url();
    server.route(
        "/api/v2/pokemon/old-name",
        Reply::status(301).header("Location", format!("{base}{PIKACHU}")),
    );
    let clients = clients_with(&server, quick(0));
    let moved = clients.pokeapi.pokemon("old-name").await.unwrap().unwrap();
    assert_eq!(moved.data.name, "pikachu");
    // A loop of redirects ends in an error, not a hang.
    server.route(
        "/api/v2/pokemon/loop",
        Reply::status(302).header("Location", format!("{base}/api/v2/pokemon/loop")),
    );
    let err = clients.pokeapi.pokemon("loop").await.unwrap_err();
    assert!(err.to_string().contains("redirect"), "{err}");
    assert!(count(&server, "/api/v2/pokemon/loop") <= 6);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_rate_cap_spaces_requests_to_one_host() {
    let server = fixture_server().await;
    let options = HttpOptions {
        min_interval: Some(Duration::from_millis(50)),
        concurrency: 8,
        ..quick(0)
    };
    let clients = clients_with(&server, options);
    let started = tokio::time::Instant::now();
    let names: Vec<String> = ["1", "4", "7", "25", "133"].map(String::from).to_vec();
    let results = clients.pokeapi.pokemon_many(names).await;
    assert!(results.iter().all(|r| matches!(r, Ok(Some(_)))));
    // Five requests at one per 50 ms take at least 200 ms, however many may be in flight.
    assert!(started.elapsed() >= Duration::from_millis(200));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_batch_of_50_under_30_percent_failures_accounts_for_every_item() {
    let server = fixture_server().await;
    server.set_chaos(0.3, 2026);
    let clients = clients_with(&server, quick(3));
    let names: Vec<String> = (0..50)
        .map(|i| ["1", "4", "7", "25", "133"][i % 5].to_owned())
        .collect();
    let results: Vec<(usize, apidex::api::Fetched<Pokemon>)> = clients
        .pokeapi
        .resource_stream(Endpoint::Pokemon, names)
        .collect()
        .await;
    assert_eq!(results.len(), 50, "none lost");
    let indices: HashSet<usize> = results.iter().map(|(i, _)| *i).collect();
    assert_eq!(indices.len(), 50, "none duplicated");
    let fetched = results
        .iter()
        .filter(|(_, r)| matches!(r, Ok(Some(_))))
        .count();
    let failed: Vec<&ApiError> = results
        .iter()
        .filter_map(|(_, r)| r.as_ref().err())
        .collect();
    assert_eq!(
        fetched + failed.len(),
        50,
        "every item is fetched or failed with a reason"
    );
    // With three retries an item fails only if four tries in a row fail.
    assert!(fetched >= 45, "only {fetched} fetched: {failed:?}");
    assert!(failed.iter().all(|e| e.is_transient()), "{failed:?}");
    // Failures happened and were retried: more requests than items.
    assert!(server.request_count() > 50);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retrying_is_shown_on_the_batch_item() {
    use apidex::app::{App, Hosts};
    use apidex::event::EffectRunner;
    use apidex::model::Source;
    use apidex::msg::{Effect, Msg};

    let server = fixture_server().await;
    server.queue(
        "/api/v2/pokemon/bulbasaur",
        vec![Reply::status(503), Reply::status(503)],
    );
    let clients = clients_with(&server, quick(3));
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let mut runner = EffectRunner::new(clients, tx);
    let (mut app, _) = App::new(Hosts::default());
    let index = serde_json::from_slice::<apidex::api::pokeapi::models::NamedList>(&fixture(
        "pokeapi/pokemon-index.json",
    ))
    .unwrap();
    // Load the list by hand, mark bulbasaur, start the batch.
    let list_req = app.tabs[0].list.entries.clone();
    let apidex::app::loadable::Loadable::Loading { req } = list_req else {
        panic!("list should be loading");
    };
    let entries = index
        .entries()
        .into_iter()
        .map(|e| apidex::views::ListEntry {
            title: e.name.clone(),
            tag: Some(format!("#{}", e.id)),
            secondary: None,
            parent: None,
            id: Some(e.id),
            key: apidex::model::ItemKey::Pokemon(e.name),
        })
        .collect();
    app.update(Msg::ListLoaded {
        source: Source::Pokemon,
        req,
        result: Ok(entries),
    });
    app.update(Msg::ToggleMark);
    for effect in app.update(Msg::Confirm) {
        if matches!(effect, Effect::FetchBatch { .. }) {
            runner.run(effect);
        }
    }
    let attempts = AtomicU32::new(0);
    let mut done = false;
    while !done {
        let msg = tokio::time::timeout(Duration::from_secs(10), rx.recv())
            .await
            .expect("batch messages")
            .unwrap();
        if let Msg::Retrying { attempt, of, .. } = &msg {
            attempts.store(*attempt, Ordering::SeqCst);
            assert_eq!(*of, 3);
        }
        let retrying_before = matches!(msg, Msg::Retrying { .. });
        done = matches!(msg, Msg::BatchItemLoaded { .. });
        app.update(msg);
        if retrying_before {
            let item = &app.tabs[0].batch.as_ref().unwrap().items[0];
            assert!(item.retry.is_some(), "the item shows its retry");
        }
    }
    assert_eq!(attempts.load(Ordering::SeqCst), 2);
    let item = &app.tabs[0].batch.as_ref().unwrap().items[0];
    assert!(
        matches!(item.status, apidex::app::tab::BatchStatus::Done(_)),
        "{:?}",
        item.status
    );
}
