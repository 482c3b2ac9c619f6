//! RFC 9111 against a hostile server: directive names in any case (`No-Store`, `MAX-AGE`), a
//! `max-age` past 2^31, and what `--offline` says of a cached copy it may not serve.

#![allow(clippy::unwrap_used)]

use std::collections::HashMap;
use std::time::Duration;

use apidex::api::origin::Origin;
use apidex::api::{CachePolicy, Clients, Http, HttpOptions};
use apidex::store::responses::{CachedResponse, StoredHeaders};
use rfc_cache::{DAY, HOUR, Setup, now, other_variant, setup};

use crate::support::fixture;
use crate::support::rfc_cache;

/// Clients over `s`'s store that never touch the network (`--offline`).
fn offline(s: &Setup) -> Clients {
    let http = Http::new(HttpOptions {
        offline: true,
        retries: 0,
        ..HttpOptions::default()
    })
    .unwrap()
    .with_cache(CachePolicy {
        store: s.store.clone(),
        default_ttl: DAY,
        ttl_by_host: HashMap::new(),
    });
    Clients::from_http(http, crate::support::endpoints(&s.server))
}

/// What `--offline` says of pikachu.
async fn offline_error(s: &Setup) -> String {
    s.store.flush().await;
    let requests = s.server.request_count();
    let err = offline(s).pokeapi.pokemon("pikachu").await.unwrap_err();
    assert_eq!(
        s.server.request_count(),
        requests,
        "offline asked the server"
    );
    err.to_string()
}

// --- directive names are case-insensitive (RFC 9111 §5.2) -------------------------------------

#[tokio::test]
async fn no_store_in_any_case_is_never_stored_nor_served_offline() {
    for value in [
        "No-Store",
        "NO-STORE, max-age=3600",
        "max-age=3600, No-Store",
    ] {
        let s = setup(
            format!("nostore-{}", value.len()),
            &[("Cache-Control", value)],
            DAY,
        )
        .await;
        assert_eq!(s.get().await, Origin::Network);
        s.store.flush().await;
        assert_eq!(s.store.stats().unwrap().entries, 0, "{value}");
        assert!(s.store.get(&s.url()).unwrap().is_none(), "{value}");
        assert_eq!(s.get().await, Origin::Network, "{value}");
        let err = offline_error(&s).await;
        assert!(err.contains("neither cached nor"), "{value}: {err}");
    }
}

#[tokio::test]
async fn no_cache_in_any_case_revalidates_every_time() {
    let s = setup(
        "nocache-case",
        &[("Cache-Control", "No-Cache"), ("ETag", "\"v1\"")],
        DAY,
    )
    .await;
    s.get().await;
    s.get().await;
    // The long TTL is no lifetime for a response that says no-cache: asked again, with its ETag.
    assert_eq!(s.server.request_count(), 2);
    let sent = s.server.request_header(rfc_cache::PIKACHU, "if-none-match");
    assert_eq!(sent.last().unwrap().as_deref(), Some("\"v1\""), "{sent:?}");
}

#[tokio::test]
async fn must_revalidate_in_any_case_is_not_served_stale() {
    let s = setup(
        "mustreval-case",
        &[("Cache-Control", "Max-Age=0, Must-Revalidate")],
        DAY,
    )
    .await;
    s.get().await;
    s.store.flush().await;
    s.fail();
    assert!(s.clients.pokeapi.pokemon("pikachu").await.is_err());
}

#[tokio::test]
async fn max_age_in_capitals_is_the_lifetime_not_the_ttl() {
    // No TTL at all: only the server's MAX-AGE can make the second ask a cache hit.
    let s = setup(
        "maxage-case",
        &[("Cache-Control", "MAX-AGE=3600")],
        Duration::ZERO,
    )
    .await;
    s.get().await;
    assert!(matches!(s.get().await, Origin::Cache { .. }));
    assert_eq!(s.server.request_count(), 1);
    // And the column older versions read says the same hour.
    s.store.flush().await;
    let entry = s.store.get(&s.url()).unwrap().unwrap();
    assert_eq!(entry.max_age, Some(HOUR));
}

// --- delta-seconds past 2^31 (RFC 9111 §1.2.2) -----------------------------------------------

#[tokio::test]
async fn a_max_age_past_2_to_the_31_is_taken_as_2_to_the_31() {
    for value in [
        "max-age=99999999999999999999",
        "max-age=\"99999999999999999999\"",
        "max-age=18446744073709551616",
        "max-age=2147483649",
    ] {
        let s = setup(
            format!("maxage-huge-{}", value.len()),
            &[("Cache-Control", value)],
            Duration::ZERO,
        )
        .await;
        s.get().await;
        assert!(
            matches!(s.get().await, Origin::Cache { .. }),
            "{value} is fresh for 68 years"
        );
        assert_eq!(s.server.request_count(), 1, "{value}");
        s.store.flush().await;
        let entry = s.store.get(&s.url()).unwrap().unwrap();
        assert_eq!(entry.max_age, Some(Duration::from_secs(1 << 31)), "{value}");
    }
}

// --- --offline says why a cached copy cannot answer -------------------------------------------

#[tokio::test]
async fn offline_says_the_copy_needs_revalidation() {
    let s = setup(
        "offline-mustreval",
        &[("Cache-Control", "max-age=0, must-revalidate")],
        DAY,
    )
    .await;
    s.get().await;
    let err = offline_error(&s).await;
    assert!(
        err.contains("is cached, but the server requires revalidation (must-revalidate)"),
        "{err}"
    );
    assert!(!err.contains("neither cached"), "{err}");
}

#[tokio::test]
async fn offline_says_the_copy_answered_another_request() {
    let s = setup("offline-vary", &[], DAY).await;
    s.store.put(&s.url(), &other_variant()).unwrap();
    let err = offline_error(&s).await;
    assert!(
        err.contains("is cached for a different request (Vary)"),
        "{err}"
    );

    let star = setup("offline-vary-star", &[], DAY).await;
    let entry = CachedResponse {
        body: fixture("pokeapi/pokemon/25.json"),
        status: 200,
        fetched_at: now(),
        etag: None,
        max_age: Some(HOUR),
        headers: Some(StoredHeaders {
            request: b"accept: */*\r\naccept-encoding: gzip\r\n".to_vec(),
            response: b"cache-control: max-age=3600\r\nvary: *\r\n".to_vec(),
        }),
    };
    star.store.put(&star.url(), &entry).unwrap();
    let err = offline_error(&star).await;
    assert!(err.contains("Vary: *"), "{err}");
    assert!(!err.contains("neither cached"), "{err}");
}
