//! The HTTP cache in front of the clients: fresh hits, misses, expiry, max-age, revalidation,
//! stale answers when the network fails, offline, and a page left mid-request.

use std::collections::HashMap;
use std::time::{Duration, SystemTime};

use apidex::api::origin::{Cause, Origin};
use apidex::api::{CachePolicy, Clients, Http, HttpOptions};
use apidex::store::Store;
use apidex::store::responses::CachedResponse;

use super::{PIKACHU, cached_clients, temp_dir, with_origins};
use crate::support::{Reply, TestServer, fixture, fixture_server};

#[tokio::test]
async fn a_fresh_hit_makes_no_request() {
    let server = fixture_server().await;
    let store = Store::open(&temp_dir("hit"), 10_000_000).unwrap();
    let clients = cached_clients(&server, &store, Duration::from_secs(3600));
    let (first, origins) = with_origins(clients.pokeapi.pokemon("pikachu")).await;
    assert_eq!(first.unwrap().unwrap().data.id, 25);
    assert_eq!(origins, vec![Origin::Network]);
    assert_eq!(server.request_count(), 1);

    let (second, origins) = with_origins(clients.pokeapi.pokemon("pikachu")).await;
    let second = second.unwrap().unwrap();
    assert_eq!(
        second.raw_json().as_bytes(),
        fixture("pokeapi/pokemon/25.json").as_slice()
    );
    assert!(matches!(origins[..], [Origin::Cache { .. }]), "{origins:?}");
    assert_eq!(server.request_count(), 1, "a cache hit makes zero requests");
    // Written behind the answer: on disk once flushed.
    store.flush().await;
    assert_eq!(store.stats().unwrap().entries, 1);
}

#[tokio::test]
async fn a_miss_fetches_and_404s_are_not_cached() {
    let server = fixture_server().await;
    let store = Store::open(&temp_dir("miss"), 10_000_000).unwrap();
    let clients = cached_clients(&server, &store, Duration::from_secs(3600));
    assert!(
        clients
            .pokeapi
            .pokemon("missingno")
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        clients
            .pokeapi
            .pokemon("missingno")
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(server.request_count(), 2);
    assert_eq!(store.stats().unwrap().entries, 0);
}

#[tokio::test]
async fn an_expired_entry_is_fetched_again() {
    let server = fixture_server().await;
    let store = Store::open(&temp_dir("expiry"), 10_000_000).unwrap();
    // A zero TTL: every entry is stale at once.
    let clients = cached_clients(&server, &store, Duration::ZERO);
    clients.pokeapi.pokemon("pikachu").await.unwrap();
    let (again, origins) = with_origins(clients.pokeapi.pokemon("pikachu")).await;
    assert!(again.unwrap().is_some());
    assert_eq!(origins, vec![Origin::Network]);
    assert_eq!(server.request_count(), 2);
}

#[tokio::test]
async fn the_servers_max_age_outranks_the_default_ttl() {
    let server = fixture_server().await;
    server.route(
        PIKACHU,
        Reply::json(fixture("pokeapi/pokemon/25.json"))
            .header("Cache-Control", "public, max-age=86400"),
    );
    let store = Store::open(&temp_dir("max-age"), 10_000_000).unwrap();
    let clients = cached_clients(&server, &store, Duration::ZERO);
    clients.pokeapi.pokemon("pikachu").await.unwrap();
    clients.pokeapi.pokemon("pikachu").await.unwrap();
    assert_eq!(server.request_count(), 1, "max-age=86400 keeps it fresh");
    // no-store is never kept.
    server.route(
        "/api/v2/pokemon/eevee",
        Reply::json(fixture("pokeapi/pokemon/133.json")).header("Cache-Control", "no-store"),
    );
    clients.pokeapi.pokemon("eevee").await.unwrap();
    store.flush().await;
    assert_eq!(store.stats().unwrap().entries, 1);
}

#[tokio::test]
async fn a_stale_entry_is_revalidated_with_its_etag() {
    let server = fixture_server().await;
    server.route(
        PIKACHU,
        Reply::json(fixture("pokeapi/pokemon/25.json")).header("ETag", "\"v1\""),
    );
    let store = Store::open(&temp_dir("etag"), 10_000_000).unwrap();
    let clients = cached_clients(&server, &store, Duration::ZERO);
    clients.pokeapi.pokemon("pikachu").await.unwrap();
    let url = format!("{}{PIKACHU}", server.url());
    let before = store.get(&url).unwrap().unwrap().fetched_at;

    let (again, origins) = with_origins(clients.pokeapi.pokemon("pikachu")).await;
    assert_eq!(again.unwrap().unwrap().data.name, "pikachu");
    assert_eq!(server.not_modified(), 1, "answered 304 to If-None-Match");
    assert_eq!(
        origins,
        vec![Origin::Cache {
            age: Duration::ZERO
        }]
    );
    // The 304 refreshed the entry's time.
    assert!(store.get(&url).unwrap().unwrap().fetched_at >= before);
}

#[tokio::test]
async fn when_the_network_fails_the_stale_entry_is_served_and_said_so() {
    let server = fixture_server().await;
    let store = Store::open(&temp_dir("stale"), 10_000_000).unwrap();
    // Put an entry three hours old.
    let url = format!("{}{PIKACHU}", server.url());
    store
        .put(
            &url,
            &CachedResponse {
                body: fixture("pokeapi/pokemon/25.json"),
                status: 200,
                fetched_at: SystemTime::now() - Duration::from_secs(3 * 3600),
                etag: None,
                max_age: Some(Duration::from_secs(60)),
                headers: None,
            },
        )
        .unwrap();
    server.route(PIKACHU, Reply::status(503));
    let clients = cached_clients(&server, &store, Duration::from_secs(60));
    let (result, origins) = with_origins(clients.pokeapi.pokemon("pikachu")).await;
    assert_eq!(result.unwrap().unwrap().data.id, 25);
    let [Origin::Stale { age, .. }] = origins[..] else {
        panic!("expected a stale answer: {origins:?}");
    };
    assert!(age >= Duration::from_secs(3 * 3600));
    assert_eq!(
        Origin::Stale {
            age,
            cause: Cause::Unreachable
        }
        .badge()
        .unwrap(),
        "offline · cached 3 h ago"
    );
    // A client error is an answer, not a network failure: it is not papered over.
    server.route(PIKACHU, Reply::status(400));
    assert!(clients.pokeapi.pokemon("pikachu").await.is_err());
}

#[tokio::test]
async fn offline_answers_from_the_cache_and_never_touches_the_network() {
    let server = fixture_server().await;
    let store = Store::open(&temp_dir("offline"), 10_000_000).unwrap();
    cached_clients(&server, &store, Duration::ZERO)
        .pokeapi
        .pokemon("pikachu")
        .await
        .unwrap();
    let http = Http::new(HttpOptions {
        offline: true,
        ..HttpOptions::default()
    })
    .unwrap()
    .with_cache(CachePolicy {
        store: store.clone(),
        default_ttl: Duration::ZERO,
        ttl_by_host: HashMap::new(),
    });
    let clients = Clients::from_http(http, crate::support::endpoints(&server));
    let before = server.request_count();
    assert!(clients.pokeapi.pokemon("pikachu").await.unwrap().is_some());
    let err = clients.pokeapi.pokemon("eevee").await.unwrap_err();
    assert!(err.to_string().contains("offline"), "{err}");
    assert_eq!(server.request_count(), before);
}

/// #16: a page the user leaves while its request is on the wire is not killed mid-answer (which
/// closes its connection and throws the body away): it finishes into the cache, so coming back
/// asks nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_left_while_its_request_is_on_the_wire_still_lands_in_the_cache() {
    let server = fixture_server().await;
    server.route(
        "/api/v2/pokemon/bulbasaur",
        Reply::json(fixture("pokeapi/pokemon/1.json")).delayed(Duration::from_millis(300)),
    );
    let store = Store::open(&temp_dir("left"), 10_000_000).unwrap();
    let clients = cached_clients(&server, &store, Duration::from_secs(3600));
    let page = format!("{}/api/v2/pokemon/bulbasaur", server.url());
    let asked = |server: &TestServer| {
        server
            .requests()
            .iter()
            .filter(|r| r.as_str() == "/api/v2/pokemon/bulbasaur")
            .count()
    };
    let (probe, watched) = (store.clone(), &server);
    crate::support::driver::run_app(clients, 100, 30, |s| async move {
        s.wait_for_text("#1 Bulbasaur").await;
        crate::support::settle::until("bulbasaur asked", || asked(watched) == 1).await;
        // On to the next Pokémon while bulbasaur's answer is still on its way.
        s.key(crossterm::event::KeyCode::Down);
        s.wait_for_text("#2 Ivysaur").await;
        crate::support::settle::until("bulbasaur's answer cached", || {
            probe.get(&page).is_ok_and(|hit| hit.is_some())
        })
        .await;
        s.key(crossterm::event::KeyCode::Up);
        s.wait_for_text("Base stats").await;
    })
    .await;
    assert_eq!(asked(&server), 1, "{:?}", server.requests());
}
