//! The binary's usage contract: inputs that can never be requested are usage errors (exit 2,
//! nothing sent), a missing sub-resource is "not found" (exit 1), and `--help` lists the global
//! options once while each subcommand shows its own.
#![allow(clippy::unwrap_used)]

use std::process::Output;

use assert_cmd::Command;

use crate::support::process::RUN_LIMIT;
use crate::support::process::{code, stderr, stdout, without_apidex_env};
use crate::support::{Reply, Served, base_urls};

struct Fixture {
    server: Served,
    /// This test's own cache, data and config: tests run in parallel, and one cache shared
    /// by them is sometimes locked by another's write ("cache disabled" on stderr).
    scratch: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Self {
        Self {
            server: Served::fixtures(),
            scratch: tempfile::tempdir().unwrap(),
        }
    }

    /// Runs `apidex ARGS` with every source pointed at this server and no user state.
    fn run(&self, args: &[&str]) -> Output {
        let [poke, jph, dog] = base_urls(&self.server);
        let scratch = self.scratch.path();
        let mut cmd = Command::cargo_bin("apidex").unwrap();
        without_apidex_env(&mut cmd);
        cmd.env("APIDEX_CONFIG", scratch.join("no-config.toml"))
            .env("APIDEX_CACHE_DIR", scratch.join("cache"))
            .env("APIDEX_DATA_DIR", scratch.join("data"))
            .env("APIDEX_LOG", "off")
            .args(["--pokeapi-url", &poke, "--jsonplaceholder-url", &jph])
            .args(["--dogapi-url", &dog])
            .args(args)
            .timeout(RUN_LIMIT)
            .output()
            .unwrap()
    }
}

#[test]
fn inputs_that_can_never_be_requested_exit_2_before_any_request() {
    let fx = Fixture::new();
    for args in [
        &["get", "pokemon", ""][..],
        &["get", "pokemon", "pikachu", "  "],
        &["get", "ability", ".."],
        &["get", "dog", "/afghan"],
        &["fetch", "notaurl"],
        &["fetch", "ftp://example.com/x.json"],
        &["--no-images", "open", "notaurl"],
    ] {
        let out = fx.run(args);
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "{args:?}: {}", stdout(&out));
        assert!(
            stderr(&out).contains("invalid"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    assert_eq!(fx.server.request_count(), 0, "{:?}", fx.server.requests());
}

#[test]
fn comments_of_a_missing_post_are_not_found() {
    let fx = Fixture::new();
    // As the live API does: an empty list for any post id, existing or not.
    fx.server.route("/posts/999/comments", Reply::json("[]"));
    let out = fx.run(&["get", "comments", "--post", "999"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(out.stdout.is_empty(), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("not found: comments of post 999"),
        "{}",
        stderr(&out)
    );

    let out = fx.run(&["get", "comments", "--post", "999", "--post", "1", "--json"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let items: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(items[0].is_null(), "{items}");
    assert_eq!(items[1][0]["postId"], 1, "{items}");
}

#[test]
fn a_post_without_comments_is_found_and_empty() {
    let fx = Fixture::new();
    // Post 2 exists (fixture) and, here, has no comments.
    fx.server.route("/posts/2/comments", Reply::json("[]"));
    let out = fx.run(&["get", "comments", "--post", "2", "--json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), "[[]]");
    assert_eq!(stderr(&out), "");
}

#[test]
fn globals_are_listed_once_and_subcommands_show_their_own() {
    let fx = Fixture::new();
    let top = fx.run(&["--help"]);
    assert_eq!(code(&top), 0);
    let top = stdout(&top);
    for line in [
        "--pokeapi-url <URL>",
        "--offline",
        "Browser options:",
        "--export-dir <DIR>",
    ] {
        assert!(top.contains(line), "{line}:\n{top}");
    }
    let sub = fx.run(&["get", "pokemon", "--help"]);
    assert_eq!(code(&sub), 0);
    let sub = stdout(&sub);
    let own = sub.find("--json").expect("own options listed");
    assert!(sub[..own].contains("Options:"), "{sub}");
    for line in ["--pokeapi-url <URL>", "--export-dir", "--cache-dir <DIR>"] {
        assert!(!sub.contains(line), "{line}:\n{sub}");
    }
    assert!(sub.contains("Global options: see `apidex --help`"), "{sub}");
    // Hidden is not gone: a global after the subcommand still works.
    let out = fx.run(&["get", "post", "1", "--offline", "--json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(fx.server.request_count(), 0, "--offline was honoured");
}
