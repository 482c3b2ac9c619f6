//! `--verbose`, `apidex completions` and `apidex man`, running the built binary against the local
//! fixture server (#14).
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;

use crate::support::process::{stderr, stdout};
use crate::support::{Reply, Served, TestServer, base_urls};

/// Only there so a bug cannot hang the test run.
const RUN_LIMIT: Duration = Duration::from_secs(60);

/// `apidex` pointed at `server`, with its own cache in `cache`, no config file and no log of the
/// user's.
fn apidex(server: &TestServer, cache: &Path) -> Command {
    let [poke, jph, dog] = base_urls(server);
    let mut cmd = Command::cargo_bin("apidex").unwrap();
    cmd.env_remove("APIDEX_NO_CACHE")
        .env_remove("APIDEX_OFFLINE")
        .env("APIDEX_CONFIG", cache.join("no-config.toml"))
        .env("APIDEX_LOG_FILE", cache.join("apidex.log"))
        .env("APIDEX_CACHE_DIR", cache)
        .args(["--pokeapi-url", &poke, "--jsonplaceholder-url", &jph])
        .args(["--dogapi-url", &dog])
        .timeout(RUN_LIMIT);
    cmd
}

#[test]
fn verbose_names_the_request_the_retry_and_the_cache_decision() {
    let server = Served::fixtures();
    // The first answer fails; the retry gets the real one.
    server.queue(
        "/api/v2/pokemon/pikachu",
        vec![Reply::status(503).header("retry-after", "0")],
    );
    let cache = tempfile::tempdir().unwrap();
    let first = apidex(&server, cache.path())
        .args(["--verbose", "get", "pokemon", "pikachu"])
        .output()
        .unwrap();
    assert!(first.status.success(), "{}", stderr(&first));
    let log = stderr(&first);
    let url = format!("{}/api/v2/pokemon/pikachu", server.url());
    let lines: Vec<&str> = log.lines().collect();
    assert!(
        lines.iter().all(|l| l.starts_with("apidex: ")),
        "every line is prefixed: {log}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("retry 1 of 3") && l.contains("HTTP 503") && l.contains(&url)),
        "the retry: {log}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&format!("apidex: GET {url} → 200, "))
                && l.contains(" bytes, ")
                && l.ends_with(" ms")),
        "the request: {log}"
    );
    assert!(
        lines.contains(&format!("apidex: cache: stored {url}").as_str()),
        "the cache decision: {log}"
    );
    // The data itself is still only on stdout.
    assert!(stdout(&first).contains("Pikachu"));
    assert!(!stdout(&first).contains("apidex:"));

    let second = apidex(&server, cache.path())
        .args(["--verbose", "get", "pokemon", "pikachu"])
        .output()
        .unwrap();
    let log = stderr(&second);
    assert!(
        log.lines()
            .any(|l| l.starts_with(&format!("apidex: cache: fresh hit for {url} (fetched "))),
        "the second run is a cache hit: {log}"
    );
    assert!(!log.contains("GET "), "and makes no request: {log}");
}

#[test]
fn verbose_shows_no_store_and_redirects_and_quiet_runs_say_nothing() {
    let server = Served::fixtures();
    let moved = format!("{}/posts/1", server.url());
    server.route(
        "/old/post",
        Reply::status(301).header("location", moved.clone()),
    );
    server.route(
        "/private",
        Reply::json(r#"{"id": 1}"#).header("cache-control", "no-store"),
    );
    let cache = tempfile::tempdir().unwrap();
    let old = format!("{}/old/post", server.url());
    let private = format!("{}/private", server.url());
    let out = apidex(&server, cache.path())
        .args(["-v", "fetch", &old, &private])
        .output()
        .unwrap();
    let log = stderr(&out);
    assert!(out.status.success(), "{log}");
    assert!(
        log.contains(&format!("apidex: redirect: {old} → {moved}\n")),
        "{log}"
    );
    assert!(
        log.contains(&format!(
            "apidex: cache: not stored {private} (Cache-Control: no-store)"
        )),
        "{log}"
    );
    let quiet = apidex(&server, cache.path())
        .args(["fetch", &private])
        .output()
        .unwrap();
    assert_eq!(stderr(&quiet), "", "without --verbose nothing is logged");
}

/// Each shell's script is generated; bash's (and zsh's, where zsh is installed) parses.
#[test]
fn completions_for_every_shell() {
    let server_free = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = Command::cargo_bin("apidex")
            .unwrap()
            .env("APIDEX_CONFIG", server_free.path().join("none.toml"))
            .env("APIDEX_LOG_FILE", server_free.path().join("apidex.log"))
            .args(["completions", shell])
            .timeout(RUN_LIMIT)
            .output()
            .unwrap();
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        assert!(script.contains("apidex"), "{shell}");
        assert!(script.contains("verbose"), "{shell}: the flags are in it");
        let file = server_free.path().join(format!("apidex.{shell}"));
        std::fs::write(&file, &script).unwrap();
        let checker = match shell {
            "bash" => "bash",
            "zsh" => "zsh",
            _ => continue,
        };
        match std::process::Command::new(checker)
            .arg("-n")
            .arg(&file)
            .output()
        {
            Ok(check) => assert!(
                check.status.success(),
                "{checker} -n: {}",
                String::from_utf8_lossy(&check.stderr)
            ),
            Err(err) if shell == "zsh" => {
                eprintln!("skipped: zsh -n on the zsh completions (zsh not found: {err})");
            }
            Err(err) => panic!("{checker}: {err}"),
        }
    }
    let bad = Command::cargo_bin("apidex")
        .unwrap()
        .args(["completions", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(
        bad.status.code(),
        Some(2),
        "an unknown shell is a usage error"
    );
}

#[test]
fn man_prints_a_subcommands_own_page_and_refuses_an_unknown_one() {
    let out = Command::cargo_bin("apidex")
        .unwrap()
        .args(["man", "watch"])
        .timeout(RUN_LIMIT)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let page = stdout(&out);
    assert!(page.contains(".TH apidex-watch 1"), "{page}");
    // Its own options are on it.
    for option in ["count", "duration", "send"] {
        assert!(page.contains(&format!("\\-\\-{option}")), "{option}");
    }
    let bad = Command::cargo_bin("apidex")
        .unwrap()
        .args(["man", "nope"])
        .timeout(RUN_LIMIT)
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("one of: get, fetch"),
        "{}",
        stderr(&bad)
    );
    assert!(stdout(&bad).is_empty());
}

#[test]
fn man_page_is_roff_with_every_subcommand() {
    let out = Command::cargo_bin("apidex")
        .unwrap()
        .arg("man")
        .timeout(RUN_LIMIT)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let page = stdout(&out);
    // roff's own preamble (defining the apostrophe) may come first; the first macro after it
    // is the title.
    let first = page
        .lines()
        .find(|l| !l.starts_with(".ie ") && !l.starts_with(".el "))
        .unwrap();
    assert!(first.starts_with(".TH apidex 1"), "{first}");
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH OPTIONS", ".SH SUBCOMMANDS"] {
        assert!(page.contains(section), "{section}");
    }
    for word in ["completions", "verbose", "get"] {
        assert!(page.contains(word), "{word}");
    }
}

#[test]
fn verbose_shows_revalidation_and_a_stale_answer() {
    let server = Served::fixtures();
    let url = format!("{}/posts/1", server.url());
    server.route(
        "/posts/1",
        Reply::json(crate::support::fixture("jsonplaceholder/posts-1.json"))
            .header("ETag", "\"v1\""),
    );
    let cache = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        apidex(&server, cache.path())
            .args(["--verbose", "--ttl", "0", "--retries", "0"])
            .args(args)
            .output()
            .unwrap()
    };
    assert!(run(&["get", "post", "1"]).status.success());
    // Out of date at once (--ttl 0): asked again with its ETag, the server says 304.
    let log = stderr(&run(&["get", "post", "1"]));
    // The 304 brought no body: the size shown is the cached body's, and says so.
    let size = crate::support::fixture("jsonplaceholder/posts-1.json").len();
    assert!(
        log.contains(&format!(
            "apidex: GET {url} → 304 (not modified), cached body {size} bytes, "
        )),
        "{log}"
    );
    assert!(
        log.contains(&format!(
            "apidex: cache: revalidated {url} (304: the copy fetched "
        )),
        "{log}"
    );
    // The server fails now: the out-of-date copy answers, and the log says why.
    server.route("/posts/1", Reply::status(503));
    let out = run(&["get", "post", "1"]);
    let log = stderr(&out);
    assert!(out.status.success(), "{log}");
    assert!(
        log.contains(&format!("apidex: cache: stale answer for {url} (fetched ")),
        "{log}"
    );
    assert!(log.contains("the network failed: HTTP 503"), "{log}");
    // No GET line claims the stale copy came over the network (the 503 retries say what did).
    assert!(!log.contains(&format!("GET {url} → 200")), "{log}");
}

#[test]
fn verbose_counts_the_body_a_404_came_with() {
    let server = Served::fixtures();
    let url = format!("{}/posts/999", server.url());
    server.route(
        "/posts/999",
        Reply {
            status: 404,
            ..Reply::json(b"{\"error\": \"no\"}".to_vec())
        },
    );
    let cache = tempfile::tempdir().unwrap();
    let out = apidex(&server, cache.path())
        .args(["--verbose", "get", "post", "999"])
        .output()
        .unwrap();
    let log = stderr(&out);
    assert!(
        log.contains(&format!("apidex: GET {url} → 404, 15 bytes, ")),
        "{log}"
    );
}
