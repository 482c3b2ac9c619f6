//! HTTP caching by RFC 9111, against a local server that sends the headers: `Age`, `Expires`,
//! `Vary`, `no-store`, `no-cache`, `must-revalidate`, `s-maxage` (ignored: apidex is a private
//! cache), heuristic freshness from `Last-Modified` capped at the TTL, 304s that update the
//! stored headers, stale answers on errors with their full age, cache files from before the
//! headers were kept, and hostile values (a huge or negative `Age`, garbage dates, `Vary: *`,
//! clocks in the future).

#![allow(clippy::unwrap_used)]

mod common;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use apidex::api::origin::{self, Origin};
use apidex::api::{CachePolicy, Clients, Endpoints, Http, HttpOptions};
use apidex::store::Store;
use apidex::store::responses::{CachedResponse, StoredHeaders};
use common::{Reply, TestServer, fixture, http_date};

const PIKACHU: &str = "/api/v2/pokemon/pikachu";
const HOUR: Duration = Duration::from_secs(3600);
const DAY: Duration = Duration::from_secs(86_400);

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("apidex-rfc-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn clients(server: &TestServer, store: &Store, ttl: Duration) -> Clients {
    let [poke, jph, dog] = common::base_urls(server);
    let http = Http::new(HttpOptions {
        retries: 0,
        timeout: Duration::from_secs(2),
        ..HttpOptions::default()
    })
    .unwrap()
    .with_cache(CachePolicy {
        store: store.clone(),
        default_ttl: ttl,
        ttl_by_host: HashMap::new(),
    });
    Clients::from_http(http, Endpoints::parse(&poke, &jph, &dog).unwrap())
}

/// A server answering pikachu with `headers`, a store, and clients with `ttl`.
async fn setup(name: impl AsRef<str>, headers: &[(&'static str, String)], ttl: Duration) -> Setup {
    let server = TestServer::start().await;
    let mut reply = Reply::json(fixture("pokeapi/pokemon/25.json"));
    for (name, value) in headers {
        reply = reply.header(name, value.clone());
    }
    server.route(PIKACHU, reply);
    let store = Store::open(&temp_dir(name.as_ref()), 10_000_000).unwrap();
    let clients = clients(&server, &store, ttl);
    Setup {
        server,
        store,
        clients,
    }
}

struct Setup {
    server: TestServer,
    store: Store,
    clients: Clients,
}

impl Setup {
    /// Gets pikachu; returns where the answer came from.
    async fn get(&self) -> Origin {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let record = seen.clone();
        let result = origin::observe(
            Arc::new(move |o| record.lock().unwrap().push(o)),
            self.clients.pokeapi.pokemon("pikachu"),
        )
        .await;
        assert_eq!(result.unwrap().unwrap().data.id, 25);
        let origins = seen.lock().unwrap().clone();
        assert_eq!(origins.len(), 1, "{origins:?}");
        origins[0]
    }

    fn url(&self) -> String {
        format!("{}{PIKACHU}", self.server.url())
    }

    /// Makes the server fail pikachu from now on.
    fn fail(&self) {
        self.server.route(PIKACHU, Reply::status(503));
    }
}

fn now() -> SystemTime {
    SystemTime::now()
}

// --- Age ---------------------------------------------------------------------------------------

#[tokio::test]
async fn a_response_23_hours_old_behind_a_cdn_is_fresh_for_one_more_hour_not_a_day() {
    let s = setup(
        "age",
        &[
            ("Cache-Control", "public, max-age=86400".into()),
            ("Age", "82800".into()),
        ],
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
        &[
            ("Cache-Control", "public, max-age=86400".into()),
            ("Age", "86400".into()),
        ],
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
            &[
                ("Cache-Control", "max-age=86400".into()),
                ("Age", age.into()),
            ],
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
            &[
                ("Cache-Control", "max-age=86400".into()),
                ("Age", age.into()),
            ],
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
            ("Date", http_date(ahead)),
            ("Expires", http_date(ahead + HOUR)),
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
            &[("Date", http_date(now())), ("Expires", expires.clone())],
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
            ("Cache-Control", "max-age=3600".into()),
            ("Expires", http_date(now() - HOUR)),
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
            ("Cache-Control", "max-age=3600".into()),
            ("Vary", "Origin, Accept-Encoding".into()),
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

fn other_variant() -> CachedResponse {
    CachedResponse {
        body: fixture("pokeapi/pokemon/25.json"),
        status: 200,
        fetched_at: now() - 2 * HOUR,
        etag: None,
        max_age: Some(HOUR),
        headers: Some(StoredHeaders {
            request: b"accept: */*\r\naccept-encoding: identity\r\n".to_vec(),
            response: b"cache-control: max-age=3600\r\nvary: Accept-Encoding\r\n".to_vec(),
        }),
    }
}

#[tokio::test]
async fn vary_star_is_never_answered_from_the_cache() {
    let s = setup(
        "vary-star",
        &[
            ("Cache-Control", "max-age=3600".into()),
            ("Vary", "*".into()),
        ],
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
    let s = setup("no-store", &[("Cache-Control", "no-store".into())], DAY).await;
    s.get().await;
    s.store.flush().await;
    assert_eq!(s.store.stats().unwrap().entries, 0);
    assert_eq!(s.get().await, Origin::Network);
}

#[tokio::test]
async fn no_cache_revalidates_every_time_and_may_still_answer_stale_when_the_server_fails() {
    let s = setup(
        "no-cache",
        &[
            ("Cache-Control", "no-cache".into()),
            ("ETag", "W/\"124-abc\"".into()),
        ],
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
            ("Cache-Control", "max-age=0, must-revalidate".into()),
            ("ETag", "\"v1\"".into()),
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
            ("Cache-Control", "public, max-age=300, s-maxage=600".into()),
            ("Age", "400".into()),
        ],
        DAY,
    )
    .await;
    s.get().await;
    assert_eq!(s.get().await, Origin::Network);
    // s-maxage alone gives no lifetime here: the TTL decides (zero: stale at once).
    let s = setup(
        "s-maxage-alone",
        &[("Cache-Control", "s-maxage=86400".into())],
        Duration::ZERO,
    )
    .await;
    s.get().await;
    assert_eq!(s.get().await, Origin::Network);
}

// --- heuristic freshness and the TTL ---------------------------------------------------------

#[tokio::test]
async fn last_modified_gives_a_heuristic_lifetime_capped_at_the_ttl() {
    // Unchanged for 100 days: a tenth of that (10 days) is more than the TTL's hour: an hour.
    let s = setup(
        "heuristic-old",
        &[
            ("Date", http_date(now())),
            ("Last-Modified", http_date(now() - 100 * DAY)),
        ],
        HOUR,
    )
    .await;
    s.get().await;
    assert!(matches!(s.get().await, Origin::Cache { .. }));
    assert_eq!(s.server.request_count(), 1);
    // With a zero TTL the cap is zero: asked again, with If-Modified-Since, answered 304.
    let modified = http_date(now() - 100 * DAY);
    let s = setup(
        "heuristic-capped",
        &[("Last-Modified", modified.clone())],
        Duration::ZERO,
    )
    .await;
    s.get().await;
    assert!(matches!(s.get().await, Origin::Cache { .. }));
    assert_eq!(s.server.not_modified(), 1);
    assert_eq!(
        s.server.request_header(PIKACHU, "if-modified-since"),
        vec![None, Some(modified)]
    );
    // Changed a moment ago: the heuristic gives (almost) nothing, whatever the TTL.
    let s = setup(
        "heuristic-new",
        &[
            ("Date", http_date(now())),
            ("Last-Modified", http_date(now() - Duration::from_secs(5))),
        ],
        DAY,
    )
    .await;
    s.get().await;
    assert!(matches!(s.get().await, Origin::Cache { .. }));
    assert_eq!(s.server.request_count(), 2, "revalidated");
    // No lifetime and no Last-Modified: the TTL.
    let s = setup("ttl", &[], HOUR).await;
    s.get().await;
    assert!(matches!(s.get().await, Origin::Cache { .. }));
    assert_eq!(s.server.request_count(), 1);
}

// --- 304 and stale-on-error ------------------------------------------------------------------

#[tokio::test]
async fn a_304_refreshes_the_entry_and_its_headers() {
    let s = setup(
        "304",
        &[
            ("Cache-Control", "max-age=0".into()),
            ("ETag", "\"v1\"".into()),
        ],
        DAY,
    )
    .await;
    s.get().await;
    // The server now says an hour; its 304 carries that, and the stored entry takes it.
    s.server.route(
        PIKACHU,
        Reply::json(fixture("pokeapi/pokemon/25.json"))
            .header("Cache-Control", "max-age=3600")
            .header("ETag", "\"v1\""),
    );
    assert!(matches!(s.get().await, Origin::Cache { .. }));
    assert_eq!(s.server.not_modified(), 1);
    assert!(matches!(s.get().await, Origin::Cache { .. }));
    assert_eq!(
        s.server.request_count(),
        2,
        "fresh for the hour the 304 gave"
    );
    let stored = s.store.get(&s.url()).unwrap().unwrap();
    let headers = String::from_utf8(stored.headers.unwrap().response).unwrap();
    assert!(headers.contains("cache-control: max-age=3600"), "{headers}");
}

#[tokio::test]
async fn a_stale_answer_on_error_shows_its_whole_age() {
    let s = setup(
        "stale",
        &[
            ("Cache-Control", "max-age=60".into()),
            ("Age", "7200".into()),
        ],
        DAY,
    )
    .await;
    s.get().await;
    s.fail();
    let Origin::Stale { age, .. } = s.get().await else {
        panic!("a stale answer expected");
    };
    assert!(age >= 2 * HOUR && age < 3 * HOUR, "{age:?}");
}

// --- old cache files and clocks --------------------------------------------------------------

#[tokio::test]
async fn a_cache_from_before_the_headers_is_migrated_and_its_rows_still_work() {
    let dir = temp_dir("v1");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(apidex::store::FILE_NAME);
    let server = TestServer::start().await;
    server.route(
        PIKACHU,
        Reply::json(fixture("pokeapi/pokemon/25.json")).header("ETag", "\"v1\""),
    );
    let url = format!("{}{PIKACHU}", server.url());
    {
        // A version-1 cache: no header columns; one row a day old with an ETag.
        let conn = rusqlite::Connection::open(&file).unwrap();
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             CREATE TABLE responses (url TEXT PRIMARY KEY, body BLOB NOT NULL,
                 status INTEGER NOT NULL, fetched_at INTEGER NOT NULL, etag TEXT,
                 max_age INTEGER, last_used INTEGER NOT NULL, size INTEGER NOT NULL);
             PRAGMA user_version = 1;",
        )
        .unwrap();
        let body = fixture("pokeapi/pokemon/25.json");
        let day_ago = now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap()
            .as_secs()
            - 86_400;
        conn.execute(
            "INSERT INTO responses VALUES (?1, ?2, 200, ?3, '\"v1\"', 3600, 1, ?4)",
            rusqlite::params![url, body, i64::try_from(day_ago).unwrap(), body.len()],
        )
        .unwrap();
    }
    let store = Store::open(&dir, 10_000_000).unwrap();
    assert!(store.warning.is_none(), "{:?}", store.warning);
    let old = store.get(&url).unwrap().unwrap();
    assert!(old.headers.is_none());
    let version: i64 = rusqlite::Connection::open(&file)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 2);
    // Its max-age has run out: revalidated with its ETag, confirmed, and kept with headers.
    let s = Setup {
        clients: clients(&server, &store, DAY),
        server,
        store,
    };
    assert!(matches!(s.get().await, Origin::Cache { .. }));
    assert_eq!(s.server.not_modified(), 1);
    assert!(s.store.get(&url).unwrap().unwrap().headers.is_some());
}

#[test]
fn headers_left_behind_by_an_older_version_rewriting_the_row_are_not_used() {
    let dir = temp_dir("mixed");
    let store = Store::open(&dir, 10_000_000).unwrap();
    let mut entry = other_variant();
    entry.fetched_at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
    store.put("u", &entry).unwrap();
    assert!(store.get("u").unwrap().unwrap().headers.is_some());
    // What a version-1 apidex does on a 304: a new time and max-age, headers untouched.
    rusqlite::Connection::open(dir.join(apidex::store::FILE_NAME))
        .unwrap()
        .execute(
            "UPDATE responses SET fetched_at = 2000000, max_age = 60 WHERE url = 'u'",
            [],
        )
        .unwrap();
    let row = store.get("u").unwrap().unwrap();
    assert!(row.headers.is_none(), "{row:?}");
    assert_eq!(row.max_age, Some(Duration::from_secs(60)));
}

#[tokio::test]
async fn an_entry_from_the_future_is_not_trusted_to_be_fresh() {
    // Stored while the clock was a day ahead, then the clock was put right.
    let s = setup("future", &[("Cache-Control", "max-age=60".into())], DAY).await;
    s.store
        .put(
            &s.url(),
            &CachedResponse {
                body: fixture("pokeapi/pokemon/25.json"),
                status: 200,
                fetched_at: now() + DAY,
                etag: None,
                max_age: Some(Duration::from_secs(60)),
                headers: Some(StoredHeaders {
                    request: b"accept: */*\r\naccept-encoding: gzip\r\n".to_vec(),
                    response: b"cache-control: max-age=60\r\n".to_vec(),
                }),
            },
        )
        .unwrap();
    assert_eq!(s.get().await, Origin::Network);
}
