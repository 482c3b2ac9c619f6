//! The binary offline: `get` and `list` answered from the bundled snapshot, and what it lacks or
//! a refused connection reported clearly.

use std::path::PathBuf;
use std::process::Output;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

use super::dead_bases;
use crate::support::process::{code, stderr, stdout};

/// Upper bound for one run of the binary; only there so a bug cannot hang the test run.
const RUN_LIMIT: Duration = Duration::from_secs(60);

/// An empty cache directory of this test's own (removed when dropped).
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "apidex-offline-tests-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        Self(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs `apidex ARGS` with every base URL pointing where nothing listens, a fresh cache, and no
/// inherited apidex variables.
fn run(args: &[&str]) -> Output {
    let cache = TempDir::new();
    let [poke, jph, dog] = dead_bases();
    Command::cargo_bin("apidex")
        .unwrap()
        .env_remove("APIDEX_POKEAPI_URL")
        .env_remove("APIDEX_JSONPLACEHOLDER_URL")
        .env_remove("APIDEX_DOGAPI_URL")
        .env_remove("APIDEX_NO_CACHE")
        .env_remove("APIDEX_OFFLINE")
        // Never the developer's own config file or log.
        .env("APIDEX_CONFIG", cache.0.join("no-config.toml"))
        .env("APIDEX_LOG", "off")
        .args(["--pokeapi-url", &poke])
        .args(["--jsonplaceholder-url", &jph])
        .args(["--dogapi-url", &dog])
        .arg("--cache-dir")
        .arg(&cache.0)
        .args(args)
        .timeout(RUN_LIMIT)
        .output()
        .unwrap()
}

/// Asserts a run succeeded and returns its stdout.
fn ok(output: &Output) -> String {
    assert_eq!(code(output), 0, "stderr: {}", stderr(output));
    stdout(output)
}

#[test]
fn get_pokemon_by_name_offline_prints_the_snapshot_json() {
    let out = run(&["--offline", "get", "pokemon", "pikachu", "--json"]);
    let text = ok(&out);
    let value: Value = serde_json::from_str(&text).unwrap();
    let items = value.as_array().expect("one JSON array");
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["name"], "pikachu");
    assert_eq!(items[0]["id"], 25);
    // Links are the live API's, as it writes them.
    assert_eq!(
        items[0]["species"]["url"],
        "https://pokeapi.co/api/v2/pokemon-species/25/"
    );
}

#[test]
fn get_by_id_and_in_any_case_offline() {
    assert!(ok(&run(&["--offline", "get", "pokemon", "25"])).contains("#25 Pikachu"));
    assert!(ok(&run(&["--offline", "get", "pokemon", " Bulbasaur "])).contains("#1 Bulbasaur"));
    assert!(ok(&run(&["--offline", "get", "species", "mew"])).contains("#151 Mew"));
    assert!(ok(&run(&["--offline", "get", "ability", "static"])).contains("static"));
    assert!(ok(&run(&["--offline", "get", "type", "electric"])).contains("electric"));
}

#[test]
fn get_post_and_user_offline() {
    let post = ok(&run(&["--offline", "get", "post", "1"]));
    assert!(post.starts_with("#1 sunt aut facere"), "{post}");
    let user = ok(&run(&["--offline", "get", "user", "1"]));
    assert!(user.contains("Leanne Graham"), "{user}");
    let comments = ok(&run(&["--offline", "get", "comments", "--post", "1"]));
    assert!(comments.contains("Eliseo@gardner.biz"), "{comments}");
}

#[test]
fn list_pokemon_offline() {
    let text = ok(&run(&["--offline", "list", "pokemon"]));
    assert_eq!(text.lines().count(), 1351);
    assert!(text.lines().any(|l| l == "25 Pikachu"), "{text}");
}

#[test]
fn list_breeds_posts_and_users_offline() {
    let breeds = ok(&run(&["--offline", "list", "breeds"]));
    assert!(
        breeds.lines().any(|l| l == "australian/shepherd"),
        "{breeds}"
    );
    assert_eq!(
        ok(&run(&["--offline", "list", "posts"])).lines().count(),
        100
    );
    assert_eq!(
        ok(&run(&["--offline", "list", "users"])).lines().count(),
        10
    );
}

#[test]
fn what_the_snapshot_lacks_fails_with_a_clear_message() {
    let out = run(&["--offline", "get", "pokemon", "700"]);
    assert_eq!(code(&out), 1);
    assert!(out.stdout.is_empty(), "{}", stdout(&out));
    let err = stderr(&out);
    assert!(err.contains("offline"), "{err}");
    assert!(
        err.contains("neither cached nor in the bundled snapshot"),
        "{err}"
    );
    // In a batch, the others are still answered.
    let out = run(&["--offline", "get", "pokemon", "25", "700", "--json"]);
    assert_eq!(code(&out), 1);
    let value: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value[0]["name"], "pikachu");
    assert!(value[1].is_null());
}

#[test]
fn a_refused_connection_is_a_failure_on_the_command_line() {
    // Not offline: the request is made and refused. The snapshot holds pikachu, but a script
    // asked the API: it must not get the abridged copy in its place (tests/it/cli/contract.rs).
    for name in ["pikachu", "700"] {
        let out = run(&["--retries", "0", "get", "pokemon", name]);
        assert_eq!(code(&out), 1);
        assert!(stdout(&out).is_empty());
        assert!(stderr(&out).contains("cannot connect"), "{}", stderr(&out));
    }
}
