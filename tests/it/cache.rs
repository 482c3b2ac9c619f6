//! The response cache: hits make no request, expiry and `ETag` revalidation, stale answers when
//! the network fails, the size cap, corruption recovery and two writers at once.

#![allow(clippy::unwrap_used)]

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use apidex::api::origin::{self, Cause, Origin};
use apidex::api::{CachePolicy, Clients, Http, HttpOptions};
use apidex::store::Store;
use apidex::store::responses::CachedResponse;

use crate::support::{Reply, TestServer, fixture, fixture_server};

const PIKACHU: &str = "/api/v2/pokemon/pikachu";

/// A fresh directory for one test's database.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("apidex-cache-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn cached_clients(server: &TestServer, store: &Store, ttl: Duration) -> Clients {
    let endpoints = crate::support::endpoints(server);
    let options = HttpOptions {
        retries: 0,
        timeout: Duration::from_millis(500),
        ..HttpOptions::default()
    };
    let http = Http::new(options).unwrap().with_cache(CachePolicy {
        store: store.clone(),
        default_ttl: ttl,
        ttl_by_host: HashMap::new(),
    });
    Clients::from_http(http, endpoints)
}

/// Runs `work`, returning its output and the origins its responses reported.
async fn with_origins<F: std::future::Future>(work: F) -> (F::Output, Vec<Origin>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = seen.clone();
    let output = origin::observe(Arc::new(move |o| record.lock().unwrap().push(o)), work).await;
    let origins = seen.lock().unwrap().clone();
    (output, origins)
}

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

#[test]
fn the_size_cap_evicts_the_least_recently_used() {
    let store = Store::open(&temp_dir("evict"), 2_500).unwrap();
    let entry = |n: u8| CachedResponse {
        body: vec![n; 1_000],
        status: 200,
        fetched_at: SystemTime::now(),
        etag: None,
        max_age: None,
        headers: None,
    };
    store.put("u1", &entry(1)).unwrap();
    store.put("u2", &entry(2)).unwrap();
    // Using u1 makes u2 the least recently used.
    assert!(store.get("u1").unwrap().is_some());
    store.put("u3", &entry(3)).unwrap();
    let stats = store.stats().unwrap();
    assert!(stats.bytes <= 2_500, "{stats:?}");
    assert!(
        store.get("u2").unwrap().is_none(),
        "the least recently used went first"
    );
    assert!(store.get("u1").unwrap().is_some());
    assert!(store.get("u3").unwrap().is_some());
}

#[test]
fn a_corrupt_database_is_moved_aside_and_rebuilt() {
    let dir = temp_dir("corrupt");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(apidex::store::FILE_NAME);
    std::fs::write(&file, b"this is not an SQLite database, it is a bad day").unwrap();
    let store = Store::open(&dir, 1_000_000).unwrap();
    let warning = store.warning.clone().expect("a warning");
    assert!(warning.contains("moved to"), "{warning}");
    // It works, and the bad file is kept beside it.
    store
        .put(
            "u",
            &CachedResponse {
                body: b"{}".to_vec(),
                status: 200,
                fetched_at: SystemTime::now(),
                etag: None,
                max_age: None,
                headers: None,
            },
        )
        .unwrap();
    assert!(store.get("u").unwrap().is_some());
    let aside = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .any(|e| e.file_name().to_string_lossy().contains("corrupt-"));
    assert!(aside);
}

#[test]
fn two_processes_writing_at_once_do_not_corrupt_it() {
    let dir = temp_dir("concurrent");
    // Two handles with their own connections, like two apidex processes.
    let a = Store::open(&dir, 100_000_000).unwrap();
    let b = Store::open(&dir, 100_000_000).unwrap();
    let data = dir.join("data");
    let (da, db) = (
        Store::open_user_data(&data, None).unwrap(),
        Store::open_user_data(&data, None).unwrap(),
    );
    let writer = |(store, user): (Store, Store), prefix: &'static str| {
        std::thread::spawn(move || {
            for i in 0..200 {
                let entry = CachedResponse {
                    body: format!("{{\"n\":{i}}}").into_bytes(),
                    status: 200,
                    fetched_at: SystemTime::now(),
                    etag: None,
                    max_age: None,
                    headers: None,
                };
                store.put(&format!("{prefix}{i}"), &entry).unwrap();
                user.record_search(&format!("{prefix}{i}")).unwrap();
            }
        })
    };
    let (ta, tb) = (writer((a, da), "a"), writer((b, db), "b"));
    ta.join().unwrap();
    tb.join().unwrap();
    let check = Store::open(&dir, 100_000_000).unwrap();
    assert!(check.warning.is_none());
    assert_eq!(check.stats().unwrap().entries, 400);
    let user = Store::open_user_data(&data, None).unwrap();
    assert!(user.warning.is_none());
    // Only the 50 most recent are kept, the very last write first.
    let searches = user.searches().unwrap();
    assert_eq!(searches.len(), 50);
    assert!(
        ["a199", "b199"].contains(&searches[0].as_str()),
        "{searches:?}"
    );
}

#[test]
fn bookmarks_history_and_searches_survive_a_restart() {
    use apidex::store::marks::Remembered;
    let dir = temp_dir("marks");
    {
        let store = Store::open_user_data(&dir, None).unwrap();
        let pikachu = Remembered {
            key: "pokemon:pikachu".into(),
            label: "pikachu".into(),
        };
        assert!(store.toggle_bookmark(&pikachu).unwrap());
        store.record_visit(&pikachu).unwrap();
        store
            .record_visit(&Remembered {
                key: "post:1".into(),
                label: "post 1".into(),
            })
            .unwrap();
        store.record_visit(&pikachu).unwrap();
        store.record_search("char").unwrap();
        store.record_search("type:ghost").unwrap();
    }
    let store = Store::open_user_data(&dir, None).unwrap();
    let bookmarks: Vec<String> = store
        .bookmarks()
        .unwrap()
        .into_iter()
        .map(|r| r.key)
        .collect();
    assert_eq!(bookmarks, vec!["pokemon:pikachu"]);
    let history: Vec<String> = store
        .history()
        .unwrap()
        .into_iter()
        .map(|r| r.key)
        .collect();
    assert_eq!(
        history,
        vec!["pokemon:pikachu", "post:1"],
        "newest first, no duplicates"
    );
    assert_eq!(store.searches().unwrap(), vec!["type:ghost", "char"]);
    // Toggling again removes it.
    assert!(
        !store
            .toggle_bookmark(&Remembered {
                key: "pokemon:pikachu".into(),
                label: "pikachu".into()
            })
            .unwrap()
    );
    assert!(store.bookmarks().unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_export_replaces_the_old_file_whole_or_not_at_all() {
    let dir = temp_dir("export");
    let path = dir.join("out.json");
    // `-o` writes into an existing directory; it does not create one.
    std::fs::create_dir_all(&dir).unwrap();
    apidex::export::write_atomic(&path, b"{\"old\": true}")
        .await
        .unwrap();
    // Whole or not at all: the new file is written beside the old one and renamed over it. A
    // reader that opened the old file before still reads all of it afterwards, and the path
    // names another file (an in-place rewrite would truncate the reader's file and keep it).
    let mut before = std::fs::File::open(&path).unwrap();
    let old_inode = std::os::unix::fs::MetadataExt::ino(&before.metadata().unwrap());
    let new = format!("{{\"new\": \"{}\"}}", "x".repeat(3_000_000));
    apidex::export::write_atomic(&path, new.as_bytes())
        .await
        .unwrap();
    let mut old = String::new();
    std::io::Read::read_to_string(&mut before, &mut old).unwrap();
    assert_eq!(old, "{\"old\": true}", "the old file was changed in place");
    let new_inode = std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(&path).unwrap());
    assert_ne!(old_inode, new_inode, "the path still names the old file");
    assert_eq!(std::fs::read(&path).unwrap(), new.as_bytes());
    // No temporary file is left beside it.
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("out.json")]);
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
