//! `r` refreshes any page (README): a page that loaded fine, fresh in the cache for a day, is
//! asked for again — conditionally, with its `ETag` — in the rich page and in the JSON view.
//! The real loop, keys in, the local server counting what it is asked.
#![allow(clippy::unwrap_used)]

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use apidex::api::{CachePolicy, Clients, Http, HttpOptions};
use apidex::event::EffectRunner;
use apidex::msg::{Effect, JsonMsg, Msg};
use apidex::store::Store;
use crossterm::event::KeyCode;

use crate::support::driver::{run_app, run_app_configured};
use crate::support::settle::until;
use crate::support::{Reply, TestServer, fixture, fixture_server};

const DAY: Duration = Duration::from_secs(86_400);

/// Clients with a cache in `dir` that keeps answers a day.
fn cached_clients(server: &TestServer, dir: &std::path::Path) -> Clients {
    let http = Http::new(HttpOptions {
        retries: 0,
        ..HttpOptions::default()
    })
    .unwrap()
    .with_cache(CachePolicy {
        store: Store::open(dir, 10_000_000).unwrap(),
        default_ttl: DAY,
        ttl_by_host: HashMap::new(),
    });
    Clients::from_http(http, crate::support::endpoints(server))
}

/// How often the server was asked for `target`.
fn asked(server: &TestServer, target: &str) -> usize {
    server.requests().iter().filter(|t| *t == target).count()
}

/// Bulbasaur's page is on screen, loaded (not being fetched).
fn shown(screen: &str) -> bool {
    screen.contains("overgrow") && !screen.contains("fetching…")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r_on_a_page_that_loaded_fine_asks_the_server_again_with_its_etag() {
    const PAGE: &str = "/api/v2/pokemon/bulbasaur";
    let server = fixture_server().await;
    server.route(
        PAGE,
        Reply::json(fixture("pokeapi/pokemon/1.json"))
            .header("Cache-Control", "max-age=86400")
            .header("ETag", "\"b1\""),
    );
    let dir = tempfile::tempdir().unwrap();
    let server = &server;
    run_app(
        cached_clients(server, dir.path()),
        100,
        30,
        |s| async move {
            s.wait_for("the page", shown).await;
            assert_eq!(asked(server, PAGE), 1);
            s.key(KeyCode::Char('r'));
            // Fresh for a day in the cache, and asked for anyway.
            until("the refresh's request", || asked(server, PAGE) == 2).await;
            // A second `r`, once the 304 put the page back, asks again: no one-off.
            until("the 304", || server.not_modified() >= 1).await;
            s.wait_for("the page shown again", shown).await;
            s.key(KeyCode::Char('r'));
            until("the second refresh", || asked(server, PAGE) == 3).await;
        },
    )
    .await;
    let sent = server.request_header(PAGE, "if-none-match");
    assert_eq!(sent[0], None, "{sent:?}");
    // With the validator: an unchanged page costs a 304.
    assert_eq!(sent[1].as_deref(), Some("\"b1\""), "{sent:?}");
    assert_eq!(sent[2].as_deref(), Some("\"b1\""), "{sent:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r_in_the_json_view_asks_the_server_again_with_its_etag() {
    const DOC: &str = "/misc/doc.json";
    let server = fixture_server().await;
    server.route(
        DOC,
        Reply::json(b"{\"refreshed\": \"not yet\"}".to_vec())
            .header("Cache-Control", "max-age=86400")
            .header("ETag", "\"d1\""),
    );
    let dir = tempfile::tempdir().unwrap();
    let url = format!("{}{DOC}", server.url());
    // As `apidex open URL` starts: the view opened before the loop runs.
    let opened = Arc::new(Mutex::new(Vec::new()));
    let keep = opened.clone();
    let configure = move |app: &mut apidex::app::App| {
        *keep.lock().unwrap() = app.update(Msg::Json(JsonMsg::OpenUrl(url)));
    };
    let start = move |runner: &mut EffectRunner, effects: Vec<Effect>| {
        let more = std::mem::take(&mut *opened.lock().unwrap());
        for effect in effects.into_iter().chain(more) {
            runner.run(effect);
        }
    };
    let server = &server;
    run_app_configured(
        cached_clients(server, dir.path()),
        (100, 30),
        false,
        configure,
        start,
        |s| async move {
            s.wait_for_text("not yet").await;
            assert_eq!(asked(server, DOC), 1);
            server.route(
                DOC,
                Reply::json(b"{\"refreshed\": \"yes\"}".to_vec())
                    .header("Cache-Control", "max-age=86400")
                    .header("ETag", "\"d2\""),
            );
            s.key(KeyCode::Char('r'));
            // Fresh for a day in the cache, asked for anyway, and the new body is shown.
            s.wait_for_text("\"yes\"").await;
        },
    )
    .await;
    assert_eq!(asked(server, DOC), 2);
    let sent = server.request_header(DOC, "if-none-match");
    assert_eq!(sent[1].as_deref(), Some("\"d1\""), "{sent:?}");
}
