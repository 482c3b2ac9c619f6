//! The cache cannot be poisoned: a body is stored only once it decoded as what was asked for,
//! a stored body that no longer decodes is dropped and fetched anew, and a redirect to another
//! host is refused rather than followed and cached under the trusted URL.
#![allow(clippy::unwrap_used)]

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use apidex::api::origin::Origin;
use apidex::api::{CachePolicy, Clients, Http, HttpOptions};
use apidex::store::Store;
use apidex::store::responses::CachedResponse;

use crate::support::{Fault, Reply, TestServer, fixture};

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("apidex-poison-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn cached_clients(server: &TestServer, store: &Store) -> Clients {
    let endpoints = crate::support::endpoints(server);
    let http = Http::new(HttpOptions {
        retries: 0,
        ..HttpOptions::default()
    })
    .unwrap()
    .with_cache(CachePolicy {
        store: store.clone(),
        default_ttl: Duration::from_secs(86_400),
        ttl_by_host: HashMap::new(),
    });
    Clients::from_http(http, endpoints)
}

const BULBASAUR: &str = "/api/v2/pokemon/1";

#[tokio::test]
async fn a_malformed_answer_is_never_cached() {
    let server = TestServer::start().await;
    let good = fixture("pokeapi/pokemon/1.json");
    server.queue(BULBASAUR, vec![Reply::fault(Fault::Malformed)]);
    server.route(BULBASAUR, Reply::json(good.clone()));
    let store = Store::open(&temp_dir("malformed"), 10_000_000).unwrap();
    let clients = cached_clients(&server, &store);
    let url = format!("{}{BULBASAUR}", server.url());

    let err = clients.pokeapi.pokemon("1").await.unwrap_err();
    assert!(err.to_string().contains("unexpected response"), "{err}");
    assert!(
        store.get(&url).unwrap().is_none(),
        "the broken body was stored"
    );

    // The next request goes to the network (nothing bad is served from the cache) and works.
    let bulbasaur = clients.pokeapi.pokemon("1").await.unwrap().unwrap();
    assert_eq!(bulbasaur.origin, Origin::Network);
    assert_eq!(server.request_count(), 2);
    let stored = store.get(&url).unwrap().unwrap();
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&stored.body).unwrap(),
        serde_json::from_slice::<serde_json::Value>(&good).unwrap()
    );
}

#[tokio::test]
async fn a_cached_body_that_no_longer_decodes_is_dropped_and_fetched_anew() {
    let server = TestServer::start().await;
    server.route(BULBASAUR, Reply::json(fixture("pokeapi/pokemon/1.json")));
    let store = Store::open(&temp_dir("stale-shape"), 10_000_000).unwrap();
    let url = format!("{}{BULBASAUR}", server.url());
    // What an older apidex, or a proxy's error page, may have left behind: fresh but broken.
    store
        .put(
            &url,
            &CachedResponse {
                body: b"<html>502 Bad Gateway</html>".to_vec(),
                status: 200,
                fetched_at: SystemTime::now(),
                etag: None,
                max_age: Some(Duration::from_secs(86_400)),
                headers: None,
            },
        )
        .unwrap();
    let clients = cached_clients(&server, &store);
    let bulbasaur = clients.pokeapi.pokemon("1").await.unwrap().unwrap();
    assert_eq!(bulbasaur.data.name, "bulbasaur");
    assert_eq!(bulbasaur.origin, Origin::Network);
    assert_eq!(server.request_count(), 1);
    assert!(store.get(&url).unwrap().unwrap().body.starts_with(b"{"));
}

#[tokio::test]
async fn a_redirect_to_another_host_is_refused_and_nothing_is_cached() {
    let stranger = TestServer::start().await;
    stranger.route(BULBASAUR, Reply::json(fixture("pokeapi/pokemon/4.json")));
    let server = TestServer::start().await;
    // `localhost` is another host name than `127.0.0.1`, though the same machine.
    let elsewhere = stranger.url().replace("127.0.0.1", "localhost");
    server.route(
        BULBASAUR,
        Reply::status(302).header("Location", format!("{elsewhere}{BULBASAUR}")),
    );
    let store = Store::open(&temp_dir("redirect"), 10_000_000).unwrap();
    let clients = cached_clients(&server, &store);
    let err = clients.pokeapi.pokemon("1").await.unwrap_err().to_string();
    assert!(err.contains("redirect to another server"), "{err}");
    assert_eq!(stranger.request_count(), 0, "the stranger was never asked");
    assert!(
        store
            .get(&format!("{}{BULBASAUR}", server.url()))
            .unwrap()
            .is_none()
    );
    assert_eq!(
        server.request_count(),
        1,
        "a refused redirect is not retried"
    );
}

#[tokio::test]
async fn a_redirect_on_the_same_host_is_followed_and_cached_under_both_urls() {
    let server = TestServer::start().await;
    server.route(
        BULBASAUR,
        Reply::status(301).header("Location", format!("{}/api/v2/pokemon/1/", server.url())),
    );
    server.route(
        "/api/v2/pokemon/1/",
        Reply::json(fixture("pokeapi/pokemon/1.json")),
    );
    let store = Store::open(&temp_dir("same-host"), 10_000_000).unwrap();
    let clients = cached_clients(&server, &store);
    let bulbasaur = clients.pokeapi.pokemon("1").await.unwrap().unwrap();
    assert_eq!(bulbasaur.data.name, "bulbasaur");
    for path in [BULBASAUR, "/api/v2/pokemon/1/"] {
        let url = format!("{}{path}", server.url());
        assert!(store.get(&url).unwrap().is_some(), "{url} not cached");
    }
    // The second time, the cache answers: no request at all.
    let before = server.request_count();
    clients.pokeapi.pokemon("1").await.unwrap().unwrap();
    assert_eq!(server.request_count(), before);
}

#[tokio::test]
async fn a_redirect_to_another_port_of_the_same_host_is_refused() {
    let other = TestServer::start().await;
    other.route(BULBASAUR, Reply::json(fixture("pokeapi/pokemon/4.json")));
    let server = TestServer::start().await;
    server.route(
        BULBASAUR,
        Reply::status(302).header("Location", format!("{}{BULBASAUR}", other.url())),
    );
    let store = Store::open(&temp_dir("port"), 10_000_000).unwrap();
    let clients = cached_clients(&server, &store);
    let err = clients.pokeapi.pokemon("1").await.unwrap_err().to_string();
    assert!(err.contains("redirect to another server"), "{err}");
    assert_eq!(other.request_count(), 0);
}

#[tokio::test]
async fn bytes_the_caller_would_not_keep_are_not_cached() {
    let server = TestServer::start().await;
    server.route(
        "/page",
        Reply {
            content_type: "text/html",
            ..Reply::json(b"<html>oops</html>".to_vec())
        },
    );
    server.route("/data", Reply::json(b"{\"ok\":true}".to_vec()));
    let store = Store::open(&temp_dir("keeping"), 10_000_000).unwrap();
    let clients = cached_clients(&server, &store);
    let is_json = |body: &[u8]| serde_json::from_slice::<serde_json::Value>(body).is_ok();
    for path in ["/page", "/data"] {
        let url = reqwest::Url::parse(&format!("{}{path}", server.url())).unwrap();
        assert!(
            clients
                .http
                .get_bytes_keeping(url, is_json)
                .await
                .unwrap()
                .is_some()
        );
    }
    store.flush().await;
    assert!(
        store
            .get(&format!("{}/page", server.url()))
            .unwrap()
            .is_none()
    );
    assert!(
        store
            .get(&format!("{}/data", server.url()))
            .unwrap()
            .is_some()
    );
}
