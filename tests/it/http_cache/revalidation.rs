//! HTTP caching by RFC 9111, against a local server: heuristic freshness from `Last-Modified`
//! capped at the TTL, 304s that update the stored headers, stale answers on errors with their
//! whole age, cache files from before the headers were kept, and clocks in the future.

#![allow(clippy::unwrap_used)]

use std::time::{Duration, SystemTime};

use apidex::api::origin::Origin;
use apidex::store::Store;
use apidex::store::responses::{CachedResponse, StoredHeaders};
use rfc_cache::{DAY, HOUR, PIKACHU, Setup, clients, now, other_variant, setup, temp_dir};

use crate::support::rfc_cache;
use crate::support::{Reply, TestServer, fixture, http_date};

// --- heuristic freshness and the TTL ---------------------------------------------------------

#[tokio::test]
async fn last_modified_gives_a_heuristic_lifetime_capped_at_the_ttl() {
    // Unchanged for 100 days: a tenth of that (10 days) is more than the TTL's hour: an hour.
    let s = setup(
        "heuristic-old",
        &[
            ("Date", &http_date(now())),
            ("Last-Modified", &http_date(now() - 100 * DAY)),
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
        &[("Last-Modified", &modified)],
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
            ("Date", &http_date(now())),
            ("Last-Modified", &http_date(now() - Duration::from_secs(5))),
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
        &[("Cache-Control", "max-age=0"), ("ETag", "\"v1\"")],
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
        &[("Cache-Control", "max-age=60"), ("Age", "7200")],
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
    let s = setup("future", &[("Cache-Control", "max-age=60")], DAY).await;
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
