//! Names that can be no Pokémon (`ピカチ`, `a/b`, `mew#x`, `😀`): "not found" with the closest
//! display names, without a request (PokeAPI slugs are `[a-z0-9-]+`; sending such text only
//! earned an `HTTP 400` with a percent-encoded URL). CLI and browser alike.
#![allow(clippy::unwrap_used)]

use apidex::model::{ItemKey, Source};
use apidex::names::Lang;
use assert_cmd::Command;
use crossterm::event::KeyCode;
use ratatui::buffer::Buffer;

use crate::support::driver::run_app;
use crate::support::{Reply, Served, TestServer, base_urls, clients, fixture, fixture_server};

/// The screen as a terminal shows it: a wide character covers the cell after it (the
/// `TestBackend` keeps whatever was drawn there before).
fn visible(buffer: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut skip = 0;
        for x in 0..buffer.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            skip = ratatui::text::Span::raw(symbol).width().saturating_sub(1);
            out.push_str(symbol);
        }
        out.push('\n');
    }
    out
}

fn run(server: &TestServer, args: &[&str]) -> (String, String, i32) {
    let [poke, jph, dog] = base_urls(server);
    let out = Command::cargo_bin("apidex")
        .unwrap()
        .env_remove("APIDEX_LANG")
        .env("LC_ALL", "C.UTF-8")
        .env("APIDEX_CONFIG", "/nonexistent/apidex-names-misses.toml")
        .env("APIDEX_NO_CACHE", "1")
        .args(["--pokeapi-url", &poke, "--jsonplaceholder-url", &jph])
        .args(["--dogapi-url", &dog])
        .args(args)
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

/// Requests for one Pokémon or species (not the index).
fn item_requests(server: &TestServer) -> Vec<String> {
    server
        .requests()
        .into_iter()
        .filter(|r| r.starts_with("/api/v2/pokemon/") || r.starts_with("/api/v2/pokemon-species/"))
        .collect()
}

#[test]
fn cli_names_that_can_be_no_slug_are_not_found_without_a_request() {
    let server = Served::fixtures();
    for typed in ["ピカチ", "ピカチュ", "😀", "مرحبا", "a/b", "mew#x"] {
        for command in ["pokemon", "species"] {
            let (out, err, code) = run(&server, &["--lang", "ja", "get", command, typed]);
            assert_eq!(code, 1, "{typed}: {err}");
            assert!(out.is_empty(), "{typed}: {out}");
            assert!(
                err.contains(&format!("not found: {command} {typed}")),
                "{err}"
            );
            assert!(!err.contains("HTTP 400") && !err.contains('%'), "{err}");
        }
    }
    assert_eq!(item_requests(&server), Vec::<String>::new());
    // Spaces are a slug's hyphens: `Mr Mim` asks for `mr-mim` (a 404), never `mr%20mim`.
    let (_, mim, code) = run(&server, &["get", "pokemon", "Mr Mim"]);
    assert_eq!(code, 1);
    assert_eq!(item_requests(&server), ["/api/v2/pokemon/mr-mim"]);
    assert!(mim.contains("(did you mean Mr. Mime"), "{mim}");
    // By display name in the content language, with the slug beside it.
    let (_, err, _) = run(&server, &["--lang", "ja", "get", "pokemon", "ピカチュ"]);
    assert!(err.contains("(did you mean ピカチュウ (pikachu)"), "{err}");
    let (_, err, _) = run(&server, &["get", "pokemon", "nidoran"]);
    assert!(err.contains("did you mean Nidoran♀, Nidoran♂"), "{err}");
    // Hiragana are the katakana names people mean.
    let (out, err, code) = run(&server, &["--lang", "ja", "get", "pokemon", "ぴかちゅう"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("#25 ピカチュウ (pikachu)"), "{out}");
}

#[test]
fn cli_drops_control_characters_as_the_browser_does() {
    let server = Served::fixtures();
    let (out, err, code) = run(&server, &["get", "pokemon", "pika\u{1}chu"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("#25 Pikachu"), "{out}");
    assert_eq!(
        Source::Pokemon.key_for_query("pika\u{1}chu"),
        Some(ItemKey::Pokemon("pikachu".to_owned()))
    );
    let (_, err, code) = run(&server, &["get", "pokemon", "mew\u{1b}x!"]);
    assert_eq!(code, 1);
    assert!(!err.contains("HTTP 400"), "{err}");
    assert_eq!(Source::Pokemon.key_for_query("mew\u{1b}x!"), None);
}

#[test]
fn cli_never_suggests_the_name_asked() {
    // A server that has nothing at all: every item 404s.
    let server = Served::empty();
    let (_, err, code) = run(&server, &["get", "pokemon", "bulbasaur"]);
    assert_eq!(code, 1);
    assert_eq!(
        err.trim_end(),
        "apidex: not found: pokemon bulbasaur",
        "{err}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browser_misses_are_not_found_with_suggestions_and_no_request() {
    let server = fixture_server().await;
    run_app(
        clients(&server).with_lang(Lang::Ja),
        100,
        30,
        |s| async move {
            let shows = |text: &'static str| {
                let screen = s.screen.clone();
                async move {
                    screen
                        .wait_for(text, crate::support::driver::LIMIT, |_| {
                            visible(&screen.buffer()).contains(text)
                        })
                        .await;
                }
            };
            shows("#1 フシギダネ").await;
            s.key(KeyCode::Char('/'));
            s.type_text("ピカチx");
            s.key(KeyCode::Enter);
            shows("✗ not found: ピカチx").await;
            shows("  ピカチュウ").await;
            assert!(!s.screen.text().contains("HTTP 400"));
            // Hiragana find the katakana name.
            s.key(KeyCode::Esc);
            s.key(KeyCode::Char('/'));
            s.type_text("ぴかちゅう");
            s.key(KeyCode::Enter);
            shows("#25 ピカチュウ").await;
        },
    )
    .await;
    assert!(
        !item_requests(&server).iter().any(|r| r.contains('%')),
        "{:?}",
        server.requests()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browser_never_suggests_the_name_asked() {
    let server = TestServer::start().await;
    server.route(
        "/api/v2/pokemon?limit=100000",
        Reply::json(fixture("pokeapi/pokemon-index.json")),
    );
    run_app(clients(&server), 100, 30, |s| async move {
        s.wait_for_text("#1 Bulbasaur").await;
        s.key(KeyCode::Enter);
        s.wait_for_text("✗ not found: bulbasaur").await;
        assert!(
            !s.screen.text().contains("did you mean"),
            "{}",
            s.screen.text()
        );
    })
    .await;
}

#[test]
fn an_empty_apidex_lang_is_unset() {
    let server = Served::fixtures();
    let [poke, ..] = base_urls(&server);
    let out = Command::cargo_bin("apidex")
        .unwrap()
        .env("APIDEX_LANG", "")
        .env("LC_ALL", "ja_JP.UTF-8")
        .env("APIDEX_CONFIG", "/nonexistent/apidex-names-misses.toml")
        .env("APIDEX_NO_CACHE", "1")
        .args(["--pokeapi-url", &poke, "get", "pokemon", "25"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    // Unset: the locale decides.
    assert!(
        String::from_utf8_lossy(&out.stdout).starts_with("#25 ピカチュウ"),
        "{stderr}"
    );
}
