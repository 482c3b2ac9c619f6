//! A hostile second look at the registry of sources (#12): what a user clicking a narrow tab
//! bar, a server paging its list without end, and a mistyped setting each get.
#![allow(clippy::unwrap_used)] // tests: a panic is how they fail

use apidex::app::{App, Hosts};
use apidex::fetch;
use apidex::fetch::record::MAX_ENTRIES;
use apidex::model::{RecordId, Source, TabId};
use apidex::msg::{LiveMsg, Msg};
use apidex::sources::{Home, MAX_PAGES};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::Value;

use crate::support::process::{code, stderr, stdout, without_apidex_env};
use crate::support::records::{self, list_path};
use crate::support::{Reply, Served, TestServer, clients, url_flags};

/// The tab bar as drawn at `width` cells.
fn bar(app: &mut App, width: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, 20)).unwrap();
    terminal.draw(|f| apidex::ui::draw(f, app)).unwrap();
    let buffer = terminal.backend().buffer();
    (0..width).map(|x| buffer[(x, 0)].symbol()).collect()
}

/// The column of tab `digit`'s key in `bar` (cells, not bytes: `é` is one).
fn column_of(bar: &str, digit: usize) -> u16 {
    let key = format!(" {digit} ");
    let at = bar
        .find(&key)
        .unwrap_or_else(|| panic!("no {key:?} in {bar:?}"));
    u16::try_from(bar[..at].chars().count() + 1).unwrap()
}

#[test]
fn a_click_on_a_tab_while_live_is_shown_opens_the_tab_drawn_there() {
    let last = Source::ALL[Source::COUNT - 1];
    for width in [40, 50, 60] {
        for target in Source::ALL {
            let (mut app, _) = App::new(Hosts::default());
            app.update(Msg::SelectTab(last));
            app.update(Msg::Live(LiveMsg::Show));
            let drawn = bar(&mut app, width);
            let x = column_of(&drawn, TabId::Source(target).index() + 1);
            app.update(Msg::Click { x, y: 0 });
            assert!(!app.live.shown, "{width}: {target:?} clicked in {drawn:?}");
            assert_eq!(app.active, target, "{width}: clicked at {x} in {drawn:?}");
        }
        // A click past the last tab is on no tab: Live stays.
        let (mut app, _) = App::new(Hosts::default());
        app.update(Msg::Live(LiveMsg::Show));
        let drawn = bar(&mut app, width);
        let end: usize = app.tab_slots(width).iter().map(|s| s.width()).sum();
        if end < usize::from(width) {
            app.update(Msg::Click {
                x: u16::try_from(end).unwrap(),
                y: 0,
            });
            assert!(app.live.shown, "{width}: a click past {drawn:?}");
        }
        // And Live's own slot opens it from any tab.
        let (mut app, _) = App::new(Hosts::default());
        app.update(Msg::SelectTab(last));
        bar(&mut app, width);
        let slots = app.tab_slots(width);
        let live_at: usize = slots
            .iter()
            .take_while(|s| s.tab != TabId::Live)
            .map(|s| s.width())
            .sum();
        app.update(Msg::Click {
            x: u16::try_from(live_at + 1).unwrap(),
            y: 0,
        });
        assert!(app.live.shown, "{width}");
    }
}

/// `record`'s list body (its fixture) holding `items` and linking `next`.
fn list_page(record: RecordId, items: &[Value], next: Value) -> String {
    let list = &record.spec().list;
    let mut page: Value = serde_json::from_slice(&records::body(record, "list")).unwrap();
    *page.pointer_mut(list.items).unwrap() = Value::Array(items.to_vec());
    *page.pointer_mut(list.next.unwrap()).unwrap() = next;
    page.to_string()
}

fn fixture_items(record: RecordId) -> Vec<Value> {
    let list: Value = serde_json::from_slice(&records::body(record, "list")).unwrap();
    list.pointer(record.spec().list.items)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

#[tokio::test]
async fn a_next_page_already_read_ends_the_list_instead_of_repeating_it() {
    for record in RecordId::all().filter(|r| r.spec().list.next.is_some()) {
        let items = fixture_items(record);
        let server = TestServer::start().await;
        let first = format!("{}{}", server.url(), list_path(record));
        let two = format!("{}/page-two", records::base_path(record));
        // The first page links itself: read once, its items once.
        server.route(
            &list_path(record),
            Reply::json(list_page(record, &items[..2], first.clone().into())),
        );
        let clients = clients(&server);
        let listed = fetch::list(&clients, Source::Record(record)).await.unwrap();
        assert_eq!(server.request_count(), 1, "{}", record.spec().id);
        assert_eq!(listed.len(), 2, "{}: no item twice", record.spec().id);

        // One → two → one: each read once.
        let to_two = format!("{}{two}", server.url());
        server.route(
            &list_path(record),
            Reply::json(list_page(record, &items[..1], to_two.into())),
        );
        server.route(
            &two,
            Reply::json(list_page(record, &items[1..2], first.into())),
        );
        let before = server.request_count();
        let listed = fetch::list(&clients, Source::Record(record)).await.unwrap();
        assert_eq!(server.request_count() - before, 2);
        assert_eq!(listed.len(), 2);

        // Pages that each link a new one still stop at MAX_PAGES.
        let path = |n: usize| format!("{}/page-{n}", records::base_path(record));
        server.route(
            &list_path(record),
            Reply::json(list_page(
                record,
                &items[..1],
                server_url(&server, &path(1)),
            )),
        );
        for n in 1..=MAX_PAGES {
            let next = server_url(&server, &path(n + 1));
            server.route(&path(n), Reply::json(list_page(record, &items[..1], next)));
        }
        let before = server.request_count();
        fetch::list(&clients, Source::Record(record)).await.unwrap();
        assert_eq!(server.request_count() - before, MAX_PAGES);
    }
}

fn server_url(server: &TestServer, path: &str) -> Value {
    Value::String(format!("{}{path}", server.url()))
}

#[tokio::test]
async fn a_list_that_is_full_asks_for_no_more_pages() {
    for record in RecordId::all().filter(|r| r.spec().list.next.is_some()) {
        let template = fixture_items(record)[0].clone();
        let key = record.spec().list.key;
        // A first page of MAX_ENTRIES items, each with a key of its own, linking a second.
        let items: Vec<Value> = (0..MAX_ENTRIES)
            .map(|n| {
                let mut item = template.clone();
                *item.pointer_mut(key).unwrap() = Value::String(format!("k{n}"));
                item
            })
            .collect();
        let server = TestServer::start().await;
        let two = format!("{}/page-two", records::base_path(record));
        server.route(
            &list_path(record),
            Reply::json(list_page(record, &items, server_url(&server, &two))),
        );
        server.route(
            &two,
            Reply::json(list_page(record, &items[..1], Value::Null)),
        );
        let clients = clients(&server);
        let listed = fetch::list(&clients, Source::Record(record)).await.unwrap();
        assert_eq!(listed.len(), MAX_ENTRIES);
        assert!(
            !server.requests().iter().any(|r| r.contains("page-two")),
            "{}: a full list asked for {:?}",
            record.spec().id,
            server.requests()
        );
    }
}

#[test]
fn a_bad_source_url_variable_is_refused_like_a_bad_base_url_variable() {
    let dir = tempfile::tempdir().unwrap();
    for record in RecordId::all() {
        let variable = format!("APIDEX_{}_URL", record.spec().id.to_uppercase());
        let run = |value: &str, args: &[&str]| {
            let mut cmd = assert_cmd::Command::cargo_bin("apidex").unwrap();
            without_apidex_env(&mut cmd)
                .env("APIDEX_CONFIG", dir.path().join("none.toml"))
                .env(&variable, value)
                .args(args)
                .args(["config", "show"])
                .output()
                .unwrap()
        };
        // As `APIDEX_POKEAPI_URL=notaurl` is: a usage error naming the variable, not a silent
        // fall back to the live API.
        for bad in ["notaurl", "ftp://example.com"] {
            let out = run(bad, &[]);
            assert_eq!(code(&out), 2, "{variable}={bad}: {}", stdout(&out));
            assert!(stderr(&out).contains(&variable), "{}", stderr(&out));
            assert!(stdout(&out).is_empty());
        }
        // Empty is unset; the flag wins over the variable (which is then not read).
        assert_eq!(code(&run("", &[])), 0);
        let flag = format!("{}=http://127.0.0.1:1/x", record.spec().id);
        let out = run("notaurl", &["--source-url", &flag]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        assert!(stdout(&out).contains("http://127.0.0.1:1/x"));
        // A good one is in effect.
        let out = run("http://127.0.0.1:2/y", &[]);
        assert!(
            stdout(&out).contains("http://127.0.0.1:2/y"),
            "{}",
            stdout(&out)
        );
    }
}

/// A page of `home`'s own, as `apidex get` arguments.
fn home_item(home: Home) -> &'static [&'static str] {
    match home {
        Home::PokeApi => &["get", "pokemon", "pikachu"],
        Home::JsonPlaceholder => &["get", "post", "1"],
        Home::DogApi | Home::Own(_) => &["get", "breeds"],
    }
}

#[test]
fn a_registered_sources_ttl_is_its_own_not_its_hosts() {
    let server = Served::fixtures();
    for record in RecordId::all() {
        let spec = record.spec();
        let (home_ttl, home) = match spec.home {
            Home::PokeApi => ("pokeapi", home_item(spec.home)),
            Home::JsonPlaceholder => ("jsonplaceholder", home_item(spec.home)),
            Home::DogApi => ("dogapi", home_item(spec.home)),
            Home::Own(_) => continue,
        };
        let key = records::fixture_keys(record)[0].clone();
        let own: Vec<&str> = vec!["get", spec.id, &key];
        // Requests the second of two runs makes (the first fills the cache).
        let second_run_asks = |config: &str, args: &[&str]| {
            let dir = tempfile::tempdir().unwrap();
            let file = dir.path().join("config.toml");
            std::fs::write(&file, config).unwrap();
            let run = || {
                let mut cmd = assert_cmd::Command::cargo_bin("apidex").unwrap();
                let out = without_apidex_env(&mut cmd)
                    .env("APIDEX_CONFIG", &file)
                    .env("APIDEX_CACHE_DIR", dir.path())
                    .args(url_flags(&server))
                    .args(args)
                    .output()
                    .unwrap();
                assert_eq!(code(&out), 0, "{args:?}: {}", stderr(&out));
            };
            run();
            let before = server.request_count();
            run();
            server.request_count() - before
        };
        // The source's TTL of 0 makes its own pages stale at once, and nothing else's: the
        // home's pages keep the default day.
        let zero = format!("[sources.{}]\nttl = 0\n", spec.id);
        assert!(
            second_run_asks(&zero, &own) > 0,
            "{}: its TTL of 0",
            spec.id
        );
        assert_eq!(second_run_asks(&zero, home), 0, "{}: {home:?}", spec.id);
        // And the home's TTL of 0 leaves a source with a TTL of its own fresh.
        let home_zero = format!("[ttl]\n{home_ttl} = 0\n[sources.{}]\nttl = 24\n", spec.id);
        assert!(
            second_run_asks(&home_zero, home) > 0,
            "{home:?}: its home's 0"
        );
        assert_eq!(
            second_run_asks(&home_zero, &own),
            0,
            "{}: its own 24 h",
            spec.id
        );
    }
}
