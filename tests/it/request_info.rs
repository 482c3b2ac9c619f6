//! `i` (the request behind the page) and `O` (open it in the browser), #14: the real loop and the
//! real client against the local fixture server, with a response cache in a temporary
//! directory; no browser is ever started.
#![allow(clippy::unwrap_used)]

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use apidex::api::dogapi::models::BreedName;
use apidex::api::{CachePolicy, Clients, Http, HttpOptions};
use apidex::app::loadable::Loadable;
use apidex::app::{App, Hosts};
use apidex::event::EffectRunner;
use apidex::event::browser::Opener;
use apidex::model::Source;
use apidex::msg::{Effect, Msg};
use apidex::store::Store;
use apidex::views::{BreedDetail, Detail};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use crate::support::driver::run_app;
use crate::support::{TestServer, fixture_server};

fn cached_clients(server: &TestServer, store: &Store) -> Clients {
    let endpoints = crate::support::endpoints(server);
    let http = Http::new(HttpOptions::default())
        .unwrap()
        .with_cache(CachePolicy {
            store: store.clone(),
            default_ttl: Duration::from_secs(24 * 3600),
            ttl_by_host: HashMap::new(),
        });
    Clients::from_http(http, endpoints)
}

/// Opens pikachu's page through the search, presses `i`, and returns the screen once the
/// overlay shows `expect`, with the app as the loop left it.
async fn pikachu_info(clients: Clients, expect: &'static str) -> (String, App) {
    let seen = Arc::new(Mutex::new(String::new()));
    let shown = seen.clone();
    let app = run_app(clients, 120, 50, |s| async move {
        s.key(KeyCode::Char('/'));
        s.type_text("pikachu");
        // The page follows the selection; Enter once it is shown opens it without a second
        // fetch (Enter on a page still loading would restart its fetch, racing the first).
        s.wait_for_text("#25 Pikachu  Mouse Pokémon").await;
        s.key(KeyCode::Enter);
        s.key(KeyCode::Char('i'));
        s.wait_for_text(expect).await;
        *shown.lock().unwrap() = s.screen.text();
    })
    .await;
    let screen = seen.lock().unwrap().clone();
    (screen, app)
}

#[tokio::test]
async fn i_shows_the_network_answer_then_the_cached_one_with_its_age() {
    let server = fixture_server().await;
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), 50_000_000).unwrap();
    let url = format!("{}/api/v2/pokemon/pikachu", server.url());

    let (screen, app) = pikachu_info(cached_clients(&server, &store), " request ").await;
    assert!(screen.contains(&format!("GET {url}")), "{screen}");
    assert!(screen.contains("status     200 OK"), "{screen}");
    assert!(screen.contains("origin     network"), "{screen}");
    assert!(screen.contains("cache      stored"), "{screen}");
    assert!(screen.contains("redirect   none"), "{screen}");
    // The server's own headers, as it sent them.
    assert!(screen.contains("Response headers"), "{screen}");
    assert!(screen.contains("content-type"), "{screen}");
    assert!(screen.contains("application/json"), "{screen}");
    // The page's other requests are listed too.
    assert!(
        screen.contains("Also fetched for this page (4)"),
        "{screen}"
    );
    assert!(
        screen.contains("/api/v2/pokemon-species/pikachu"),
        "{screen}"
    );
    // `O` asks for the page's own URL.
    let mut app = app;
    let effects = app.update(Msg::OpenPage);
    assert!(
        effects.contains(&Effect::OpenInBrowser { url: url.clone() }),
        "{effects:?}"
    );

    // Two minutes later (the cached copy made older), a second session answers from the cache.
    let mut entry = store.get(&url).unwrap().expect("pikachu was cached");
    entry.fetched_at = SystemTime::now() - Duration::from_secs(125);
    store.put(&url, &entry).unwrap();
    let served_before = server.request_count();
    let (screen, _) = pikachu_info(
        cached_clients(&server, &store),
        "origin     cache (fresh, 2 min old)",
    )
    .await;
    assert!(
        screen.contains("status     200 OK (as cached: no request was made)"),
        "{screen}"
    );
    // The headers it was stored with, said to be those.
    assert!(
        screen.contains("Response headers (as stored with the cached copy)"),
        "{screen}"
    );
    assert!(screen.contains("content-type"), "{screen}");
    assert!(
        !server
            .requests()
            .iter()
            .skip(served_before)
            .any(|r| r.contains("/pokemon/pikachu")),
        "the page itself was not requested again"
    );
}

#[tokio::test]
async fn i_and_o_keys_and_a_page_seen_again_keeps_its_record() {
    let server = fixture_server().await;
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), 50_000_000).unwrap();
    let (_, mut app) = pikachu_info(cached_clients(&server, &store), "origin     network").await;
    let key = |c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    // The overlay is open: `i` closes it, and Esc does too.
    assert!(app.request.open);
    assert!(matches!(
        apidex::keymap::to_msg(&apidex::keymap::Keymap::default(), &app, &key('i')),
        Some(Msg::ShowRequest)
    ));
    assert!(matches!(
        apidex::keymap::to_msg(&apidex::keymap::Keymap::default(), &app, &key('O')),
        Some(Msg::OpenPage)
    ));
    app.update(Msg::Back);
    assert!(!app.request.open, "Esc closes it");
    // Away and back: the page comes from the recently shown pages, with the record that built
    // it, marked as shown again.
    app.update(Msg::FocusList);
    app.update(Msg::Move(1));
    app.update(Msg::Move(-1));
    let requests = app.tab().detail.requests.clone().expect("a record");
    assert!(requests.again, "{requests:?}");
    assert_eq!(
        requests.main().unwrap().url,
        format!("{}/api/v2/pokemon/pikachu", server.url())
    );
    app.update(Msg::ShowRequest);
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 50)).unwrap();
    terminal.draw(|f| apidex::ui::draw(f, &mut app)).unwrap();
    let screen = crate::support::screen::buffer_text(terminal.backend().buffer());
    assert!(
        screen.contains("shown again from memory: no request was made this time"),
        "{screen}"
    );
}

/// The app only when a page is shown, with `Detail::Breed` whose photo is `image_url`.
fn dogs_app(image_url: &str) -> App {
    let (mut app, _) = App::new(Hosts::default());
    app.update(Msg::SelectTab(Source::Dogs));
    app.tabs[Source::Dogs.index()].detail.state = Loadable::Loaded(Detail::Breed(BreedDetail {
        breed: BreedName::parse("hound/afghan"),
        sub_breeds: Vec::new().into(),
        image_url: image_url.to_owned(),
    }));
    app
}

#[test]
fn o_opens_a_breeds_photo_and_only_web_urls() {
    let photo = "https://images.dog.ceo/breeds/hound-afghan/n02088094_1003.jpg";
    let mut app = dogs_app(photo);
    assert_eq!(
        app.update(Msg::OpenPage),
        vec![
            Effect::OpenInBrowser {
                url: photo.to_owned()
            },
            Effect::ExpireNotice {
                id: 1,
                after: apidex::app::notice::INFO_LIFETIME
            }
        ]
    );
    let mut app = dogs_app("file:///etc/passwd");
    let effects = app.update(Msg::OpenPage);
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::OpenInBrowser { .. })),
        "{effects:?}"
    );
    assert!(app.notice.as_deref().unwrap().contains("not a web URL"));
    // Nothing shown yet: nothing to open.
    let (mut app, _) = App::new(Hosts::default());
    let effects = app.update(Msg::OpenPage);
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::OpenInBrowser { .. }))
    );
    assert!(app.notice.is_some());
}

#[tokio::test]
async fn the_runner_opens_through_the_launcher_it_was_given_and_none_by_default() {
    let server = TestServer::start().await;
    let url = "http://127.0.0.1:9/page".to_owned();
    let opened = Arc::new(Mutex::new(Vec::<String>::new()));
    let record = opened.clone();
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let mut runner = EffectRunner::new(crate::support::clients(&server), tx).with_opener(
        Opener::new(move |url| {
            record.lock().unwrap().push(url.to_owned());
            Ok(())
        }),
    );
    runner.run(Effect::OpenInBrowser { url: url.clone() });
    let msg = loop {
        match tokio::time::timeout(Duration::from_secs(10), rx.recv()).await {
            Ok(Some(msg @ Msg::BrowserOpened { .. })) => break msg,
            Ok(Some(_)) => {}
            other => panic!("no answer: {other:?}"),
        }
    };
    assert!(matches!(&msg, Msg::BrowserOpened { url: u, result: Ok(()) } if *u == url));
    assert_eq!(*opened.lock().unwrap(), vec![url.clone()]);

    // A runner given no launcher opens nothing, and says why.
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let mut runner = EffectRunner::new(crate::support::clients(&server), tx);
    runner.run(Effect::OpenInBrowser { url: url.clone() });
    let msg = loop {
        match tokio::time::timeout(Duration::from_secs(10), rx.recv()).await {
            Ok(Some(msg @ Msg::BrowserOpened { .. })) => break msg,
            Ok(Some(_)) => {}
            other => panic!("no answer: {other:?}"),
        }
    };
    let Msg::BrowserOpened { result, .. } = msg else {
        unreachable!()
    };
    assert!(result.unwrap_err().contains("no browser"));
}

/// A JSON view answered from a stale copy because the server failed says so on its border,
/// and `i` says the request was made and failed, not that none was (#14).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stale_json_view_says_so_and_i_says_the_request_failed() {
    let server = fixture_server().await;
    let store = Store::open(
        &std::env::temp_dir().join(format!("apidex-info-stale-{}", std::process::id())),
        10_000_000,
    )
    .unwrap();
    let path = "/stale/thing";
    server.queue(
        path,
        vec![
            crate::support::Reply::json(r#"{"kept": "from before"}"#)
                .header("Cache-Control", "max-age=0"),
            crate::support::Reply::status(500),
        ],
    );
    let url = format!("{}{path}", server.url());
    let options = HttpOptions {
        retries: 0,
        ..HttpOptions::default()
    };
    let http = Http::new(options).unwrap().with_cache(CachePolicy {
        store: store.clone(),
        default_ttl: Duration::from_secs(24 * 3600),
        ttl_by_host: HashMap::new(),
    });
    let clients = Clients::from_http(http, crate::support::endpoints(&server));
    run_app(clients, 120, 40, |s| async move {
        for _ in 0..2 {
            s.key(KeyCode::Char('o'));
            s.type_text(&url);
            s.key(KeyCode::Enter);
            s.wait_for_text(r#""kept": "from before""#).await;
        }
        s.wait_for_text("cache (stale").await;
        s.key(KeyCode::Char('i'));
        s.wait_for_text("(as cached: the server's own answer failed)")
            .await;
    })
    .await;
    assert_eq!(
        server
            .requests()
            .iter()
            .filter(|r| r.as_str() == path)
            .count(),
        2
    );
}
