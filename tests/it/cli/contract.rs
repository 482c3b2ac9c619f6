//! The command line's output contract, branch by branch (README, "Output rules"): `--json`
//! carries API bodies only; outside `--offline` the bundled snapshot never stands in for an
//! answer; a stale cached body answers only when the network fails, and is named on stderr with
//! its age; `--offline` names every item the snapshot answered, as abridged.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::process::Output;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

use crate::support::process::{code, stderr};
use crate::support::{Reply, TestServer, base_urls, fixture, fixture_server};

/// Only there so a bug cannot hang the test run.
const RUN_LIMIT: Duration = Duration::from_secs(60);

/// A fixture server (until [`Contract::stop`]), its runtime, and a cache directory of the
/// test's own.
struct Contract {
    server: Option<TestServer>,
    bases: [String; 3],
    cache: PathBuf,
    runtime: tokio::runtime::Runtime,
}

impl Contract {
    fn new() -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let server = runtime.block_on(fixture_server());
        let cache = std::env::temp_dir().join(format!(
            "apidex-contract-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&cache);
        Self {
            bases: base_urls(&server),
            server: Some(server),
            cache,
            runtime,
        }
    }

    fn server(&self) -> &TestServer {
        self.server.as_ref().unwrap()
    }

    /// Stops the server: its port refuses connections from now on.
    fn stop(&mut self) {
        let server = self.server.take();
        let _guard = self.runtime.enter();
        drop(server);
        // The accept loop ends on the runtime: wait until the port really refuses.
        let addr = self.bases[1].trim_start_matches("http://").to_owned();
        for _ in 0..200 {
            if std::net::TcpStream::connect(&addr).is_err() {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!("the server at {addr} did not stop");
    }

    fn run(&self, args: &[&str]) -> Output {
        let [poke, jph, dog] = &self.bases;
        Command::cargo_bin("apidex")
            .unwrap()
            .env_remove("APIDEX_OFFLINE")
            .env_remove("APIDEX_NO_CACHE")
            .env("APIDEX_CONFIG", self.cache.join("no-config.toml"))
            .env("APIDEX_LOG_FILE", self.cache.join("apidex.log"))
            .env("APIDEX_CACHE_DIR", &self.cache)
            .args(["--pokeapi-url", poke, "--jsonplaceholder-url", jph])
            .args(["--dogapi-url", dog, "--retries", "1"])
            .args(args)
            .timeout(RUN_LIMIT)
            .output()
            .unwrap()
    }
}

impl Drop for Contract {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.cache);
    }
}

/// stdout as one JSON array.
fn array(output: &Output) -> Vec<Value> {
    match serde_json::from_slice(&output.stdout) {
        Ok(Value::Array(items)) => items,
        other => panic!("stdout is not a JSON array ({other:?}): {}", stderr(output)),
    }
}

/// The fixture body of pikachu as the API sent it.
fn pikachu() -> Value {
    serde_json::from_slice(&fixture("pokeapi/pokemon/25.json")).unwrap()
}

#[test]
fn from_the_network_the_body_is_exact_and_nothing_is_noted() {
    let contract = Contract::new();
    let out = contract.run(&["get", "pokemon", "pikachu", "--json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(array(&out), vec![pikachu()]);
    assert!(!stderr(&out).contains("note"), "{}", stderr(&out));
}

#[test]
fn a_fresh_cache_answers_without_a_request_and_without_a_note() {
    let contract = Contract::new();
    assert_eq!(code(&contract.run(&["get", "pokemon", "pikachu"])), 0);
    let before = contract.server().request_count();
    let out = contract.run(&["get", "pokemon", "pikachu", "--json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(array(&out), vec![pikachu()]);
    assert_eq!(
        contract.server().request_count(),
        before,
        "a fresh entry asks no one"
    );
    assert!(!stderr(&out).contains("note"), "{}", stderr(&out));
}

#[test]
fn a_stale_cached_body_answers_a_dead_server_and_is_named_with_its_age() {
    let mut contract = Contract::new();
    assert_eq!(code(&contract.run(&["get", "pokemon", "pikachu"])), 0);
    contract.stop();
    // `--ttl 0`: the entry is out of date at once, so the network is tried first — and fails.
    let out = contract.run(&["--ttl", "0", "get", "pokemon", "pikachu", "25", "--json"]);
    assert_eq!(code(&out), 1, "25 was never cached: {}", stderr(&out));
    assert_eq!(array(&out), vec![pikachu(), Value::Null]);
    let err = stderr(&out);
    assert!(
        err.contains(
            "note: pokemon pikachu: the network failed (cannot connect): answered from the cache, fetched just now"
        ),
        "{err}"
    );
    assert!(err.contains("pokemon 25: cannot connect"), "{err}");
}

#[test]
fn outside_offline_the_snapshot_never_stands_in() {
    let mut contract = Contract::new();
    contract.stop();
    // Pikachu is in the snapshot, but a script asked the API: it gets the failure.
    let out = contract.run(&["get", "pokemon", "pikachu", "--json"]);
    assert_eq!(code(&out), 1);
    assert_eq!(array(&out), vec![Value::Null]);
    let err = stderr(&out);
    assert!(err.contains("pokemon pikachu: cannot connect"), "{err}");
    assert!(!err.contains("snapshot"), "{err}");
    // The same for lists and readable output.
    let out = contract.run(&["list", "pokemon"]);
    assert_eq!(code(&out), 1);
    assert!(out.stdout.is_empty());
}

#[test]
fn a_failing_server_is_a_failure_not_the_snapshot() {
    let contract = Contract::new();
    contract
        .server()
        .route("/api/v2/pokemon/pikachu", Reply::status(503));
    let out = contract.run(&["get", "pokemon", "pikachu", "--json"]);
    assert_eq!(code(&out), 1);
    assert_eq!(array(&out), vec![Value::Null]);
    assert!(stderr(&out).contains("HTTP 503"), "{}", stderr(&out));
}

#[test]
fn offline_names_every_snapshot_answer_as_abridged() {
    let mut contract = Contract::new();
    contract.stop();
    let out = contract.run(&[
        "--offline",
        "get",
        "pokemon",
        "pikachu",
        "1",
        "700",
        "--json",
    ]);
    assert_eq!(code(&out), 1, "700 is not in the snapshot");
    let items = array(&out);
    assert_eq!(items[0]["name"], "pikachu");
    assert_eq!(items[1]["name"], "bulbasaur");
    assert_eq!(items[2], Value::Null);
    let err = stderr(&out);
    for item in ["pokemon pikachu", "pokemon 1"] {
        assert!(
            err.contains(&format!(
                "note: {item}: offline: answered from the bundled snapshot, which is abridged"
            )),
            "{item}: {err}"
        );
    }
    assert!(err.contains("pokemon 700: offline"), "{err}");
    let out = contract.run(&["--offline", "list", "posts"]);
    assert_eq!(code(&out), 0);
    assert!(stderr(&out).contains("note: list posts: offline: answered from the bundled snapshot"));
}

#[test]
fn offline_names_cached_answers_with_their_age() {
    let mut contract = Contract::new();
    assert_eq!(code(&contract.run(&["get", "post", "1"])), 0);
    contract.stop();
    let out = contract.run(&["--offline", "--ttl", "0", "get", "post", "1", "--json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let body: Value = serde_json::from_slice(&fixture("jsonplaceholder/posts-1.json")).unwrap();
    assert_eq!(
        array(&out),
        vec![body],
        "the cached body is the API's, not the snapshot's"
    );
    assert!(
        stderr(&out).contains("note: post 1: offline: answered from the cache, fetched just now"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn ndjson_prints_one_body_per_line_in_argument_order_with_null_for_misses() {
    let contract = Contract::new();
    let out = contract.run(&["get", "pokemon", "25", "missingno", "1", "--ndjson"]);
    assert_eq!(code(&out), 1, "missingno is not found");
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert_eq!(lines[0], pikachu());
    assert_eq!(lines[1], Value::Null);
    assert_eq!(lines[2]["name"], "bulbasaur");
    let out = contract.run(&[
        "fetch",
        "--ndjson",
        &format!("{}/posts/1", contract.bases[1]),
    ]);
    assert_eq!(code(&out), 0);
    let line: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(line["id"], 1);
}

#[test]
fn each_item_is_printed_as_soon_as_it_and_those_before_it_are_done() {
    use std::io::BufRead;

    let contract = Contract::new();
    // The second item takes a long time: the first must be out well before the run ends.
    contract.server().route(
        "/api/v2/pokemon/1",
        Reply::json(fixture("pokeapi/pokemon/1.json")).delayed(Duration::from_secs(20)),
    );
    let [poke, jph, dog] = &contract.bases;
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("apidex"))
        .env("APIDEX_CONFIG", contract.cache.join("no-config.toml"))
        .env("APIDEX_LOG_FILE", contract.cache.join("apidex.log"))
        .env("APIDEX_CACHE_DIR", &contract.cache)
        .args(["--pokeapi-url", poke, "--jsonplaceholder-url", jph])
        .args(["--dogapi-url", dog, "get", "pokemon", "25", "1", "--ndjson"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let still_running = child.try_wait().unwrap().is_none();
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(serde_json::from_str::<Value>(&first).unwrap(), pikachu());
    assert!(
        still_running,
        "pikachu was printed only after the slow item finished"
    );
}

#[test]
fn json_output_is_the_same_array_whatever_the_order_items_finish_in() {
    let contract = Contract::new();
    // The first item finishes last.
    contract.server().route(
        "/api/v2/pokemon/25",
        Reply::json(fixture("pokeapi/pokemon/25.json")).delayed(Duration::from_millis(300)),
    );
    let out = contract.run(&["get", "pokemon", "25", "1", "4", "--json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let names: Vec<Value> = array(&out).iter().map(|p| p["name"].clone()).collect();
    assert_eq!(names, ["pikachu", "bulbasaur", "charmander"]);
}

#[test]
fn a_failed_single_document_is_null_in_json() {
    let mut contract = Contract::new();
    contract.stop();
    let out = contract.run(&["get", "breeds", "--json"]);
    assert_eq!(code(&out), 1);
    let value: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value, Value::Null);
    assert!(stderr(&out).contains("breed list"), "{}", stderr(&out));
}

#[test]
fn ndjson_is_one_line_per_item_even_when_the_server_pretty_prints() {
    let contract = Contract::new();
    let out = contract.run(&["get", "post", "1", "2", "--ndjson"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    let first: Value = serde_json::from_str(lines[0]).unwrap();
    let body: Value = serde_json::from_slice(&fixture("jsonplaceholder/posts-1.json")).unwrap();
    assert_eq!(first, body, "the same value, on one line");
}
