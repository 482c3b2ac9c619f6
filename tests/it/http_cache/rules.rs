//! HTTP caching by RFC 9111, against a local server that sends the headers: `Age`, `Expires`,
//! `Vary` (and `Vary: *`), `no-store`, `no-cache`, `must-revalidate`, `s-maxage` (ignored: apidex
//! is a private cache), and hostile `Age` values. Revalidation, the heuristic, stale answers, old
//! cache files and clocks: `http_cache/revalidation.rs`.

#![allow(clippy::unwrap_used)]

use std::time::Duration;

use apidex::api::origin::Origin;
use apidex::store::responses::{CachedResponse, StoredHeaders};
use rfc_cache::{DAY, HOUR, PIKACHU, now, other_variant, setup};

use crate::support::fixture;
use crate::support::http_date;
use crate::support::rfc_cache;

// --- Age ---------------------------------------------------------------------------------------

#[tokio::test]
async fn a_response_23_hours_old_behind_a_cdn_is_fresh_for_one_more_hour_not_a_day() {
    let s = setup(
        "age",
        &[("Cache-Control", "public, max-age=86400"), ("Age", "82800")],
        DAY,
    )
    .await;
    assert_eq!(s.get().await, Origin::Network);
    let Origin::Cache { age } = s.get().await else {
        panic!("a fresh hit expected");
    };
    assert_eq!(s.server.request_count(), 1);
    // The age shown counts the 23 h the response spent upstream.
    assert!(age >= Duration::from_secs(82_800) && age < DAY, "{age:?}");
    // What is left of its lifetime is the hour: the same response a full day old is stale.
    let stale = setup(
        "age-full",
        &[("Cache-Control", "public, max-age=86400"), ("Age", "86400")],
        DAY,
    )
    .await;
    stale.get().await;
    assert_eq!(stale.get().await, Origin::Network);
    assert_eq!(stale.server.request_count(), 2);
}

#[tokio::test]
async fn hostile_age_values_neither_crash_nor_extend_freshness() {
    // Larger than any clock: counts as 2^31 s (68 years), so the response is stale at once.
    for age in ["18446744073709551615", "99999999999999999999999"] {
        let s = setup(
            format!("age-huge-{}", age.len()),
            &[("Cache-Control", "max-age=86400"), ("Age", age)],
            DAY,
        )
        .await;
        s.get().await;
        assert_eq!(s.get().await, Origin::Network, "Age: {age}");
    }
    // Not a number: ignored, as an invalid field is; max-age alone decides.
    for age in ["-5", "soon", "1e9"] {
        let s = setup(
            format!("age-garbage-{age}"),
            &[("Cache-Control", "max-age=86400"), ("Age", age)],
            DAY,
        )
        .await;
        s.get().await;
        assert!(
            matches!(s.get().await, Origin::Cache { age } if age < HOUR),
            "Age: {age}"
        );
    }
}

// --- Expires -------------------------------------------------------------------------------

#[tokio::test]
async fn expires_is_honoured_relative_to_the_servers_date() {
    // The server's clock is a year ahead; its Expires is an hour after its Date: an hour.
    let ahead = now() + 365 * DAY;
    let s = setup(
        "expires",
        &[
            ("Date", &http_date(ahead)),
            ("Expires", &http_date(ahead + HOUR)),
        ],
        Duration::ZERO,
    )
    .await;
    s.get().await;
    assert!(matches!(s.get().await, Origin::Cache { .. }));
    assert_eq!(
        s.server.request_count(),
        1,
        "fresh for the hour Expires gives"
    );

    // Already expired by its own Date, even with a long TTL: the TTL is only a fallback.
    for expires in [
        http_date(now() - HOUR),
        "0".to_owned(),
        "garbage".to_owned(),
    ] {
        let s = setup(
            format!("expired-{}", expires.len()),
            &[("Date", &http_date(now())), ("Expires", &expires)],
            DAY,
        )
        .await;
        s.get().await;
        assert_eq!(s.get().await, Origin::Network, "Expires: {expires}");
    }

    // max-age outranks Expires.
    let s = setup(
        "expires-max-age",
        &[
            ("Cache-Control", "max-age=3600"),
            ("Expires", &http_date(now() - HOUR)),
        ],
        Duration::ZERO,
    )
    .await;
    s.get().await;
    assert!(matches!(s.get().await, Origin::Cache { .. }));
}

// --- Vary ----------------------------------------------------------------------------------

#[tokio::test]
async fn vary_matches_the_request_apidex_sends_and_nothing_else() {
    // The JSONPlaceholder replica's Vary: the same request again is a hit.
    let s = setup(
        "vary",
        &[
            ("Cache-Control", "max-age=3600"),
            ("Vary", "Origin, Accept-Encoding"),
        ],
        Duration::ZERO,
    )
    .await;
    s.get().await;
    assert!(matches!(s.get().await, Origin::Cache { .. }));
    assert_eq!(s.server.request_count(), 1);
    // What Vary is checked against is what was sent.
    assert_eq!(
        s.server.request_header(PIKACHU, "accept-encoding"),
        vec![Some("gzip".to_owned())]
    );

    // A response stored for a request with another Accept-Encoding (as an older apidex that did
    // not ask for gzip would have stored it) is not used, fresh or stale.
    let s = setup("vary-other", &[], Duration::ZERO).await;
    s.store
        .put(
            &s.url(),
            &CachedResponse {
                body: fixture("pokeapi/pokemon/25.json"),
                status: 200,
                fetched_at: now(),
                etag: None,
                max_age: Some(HOUR),
                headers: Some(StoredHeaders {
                    request: b"accept: */*\r\naccept-encoding: identity\r\n".to_vec(),
                    response: b"cache-control: max-age=3600\r\nvary: Accept-Encoding\r\n".to_vec(),
                }),
            },
        )
        .unwrap();
    assert_eq!(s.get().await, Origin::Network);
    // (The answer just stored is written behind; it goes first.)
    s.store.flush().await;
    s.store.put(&s.url(), &other_variant()).unwrap();
    s.fail();
    assert!(s.clients.pokeapi.pokemon("pikachu").await.is_err());
}

#[tokio::test]
async fn vary_star_is_never_answered_from_the_cache() {
    let s = setup(
        "vary-star",
        &[("Cache-Control", "max-age=3600"), ("Vary", "*")],
        DAY,
    )
    .await;
    s.get().await;
    assert_eq!(s.get().await, Origin::Network);
    assert_eq!(s.server.request_count(), 2);
}

// --- no-store, no-cache, must-revalidate, s-maxage -------------------------------------------

#[tokio::test]
async fn no_store_is_never_stored() {
    let s = setup("no-store", &[("Cache-Control", "no-store")], DAY).await;
    s.get().await;
    s.store.flush().await;
    assert_eq!(s.store.stats().unwrap().entries, 0);
    assert_eq!(s.get().await, Origin::Network);
}

#[tokio::test]
async fn no_cache_revalidates_every_time_and_may_still_answer_stale_when_the_server_fails() {
    let s = setup(
        "no-cache",
        &[("Cache-Control", "no-cache"), ("ETag", "W/\"124-abc\"")],
        DAY,
    )
    .await;
    s.get().await;
    assert!(matches!(s.get().await, Origin::Cache { .. }));
    assert!(matches!(s.get().await, Origin::Cache { .. }));
    assert_eq!(s.server.request_count(), 3, "asked every time");
    assert_eq!(s.server.not_modified(), 2, "and confirmed by 304s");
    assert_eq!(
        s.server.request_header(PIKACHU, "if-none-match")[1..],
        [Some("W/\"124-abc\"".into()), Some("W/\"124-abc\"".into())]
    );
    s.fail();
    assert!(matches!(s.get().await, Origin::Stale { .. }));
}

#[tokio::test]
async fn must_revalidate_is_revalidated_and_never_served_stale() {
    let s = setup(
        "must-revalidate",
        &[
            ("Cache-Control", "max-age=0, must-revalidate"),
            ("ETag", "\"v1\""),
        ],
        DAY,
    )
    .await;
    s.get().await;
    assert!(matches!(s.get().await, Origin::Cache { .. }));
    assert_eq!(s.server.not_modified(), 1);
    s.fail();
    let err = s.clients.pokeapi.pokemon("pikachu").await.unwrap_err();
    assert!(err.to_string().contains("503"), "{err}");
}

#[tokio::test]
async fn s_maxage_is_ignored_by_a_private_cache() {
    // The Dog API's headers: five minutes for a private cache, not the CDN's ten.
    let s = setup(
        "s-maxage",
        &[
            ("Cache-Control", "public, max-age=300, s-maxage=600"),
            ("Age", "400"),
        ],
        DAY,
    )
    .await;
    s.get().await;
    assert_eq!(s.get().await, Origin::Network);
    // s-maxage alone gives no lifetime here: the TTL decides (zero: stale at once).
    let s = setup(
        "s-maxage-alone",
        &[("Cache-Control", "s-maxage=86400")],
        Duration::ZERO,
    )
    .await;
    s.get().await;
    assert_eq!(s.get().await, Origin::Network);
}
