//! The `apidex` binary end to end, against the fixture server: output formats, exit statuses,
//! error reporting, and terminal safety of what it prints.
#![allow(clippy::unwrap_used)]

use std::process::Output;
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

use crate::support::process::{code, stderr, stdout};
use crate::support::{Fault, Reply, Served, base_urls, closed_port, fixture};

/// Upper bound for one run of the binary; only there so a bug cannot hang the test run.
const RUN_LIMIT: Duration = Duration::from_secs(60);

/// A fixture server (with the runtime that drives it) for the binary to talk to.
struct Fixture {
    server: Served,
}

impl Fixture {
    fn new() -> Self {
        Self {
            server: Served::fixtures(),
        }
    }

    /// An empty server (every path 404s).
    fn empty() -> Self {
        Self {
            server: Served::empty(),
        }
    }

    /// `apidex` with the three base URLs pointed at this server.
    fn cmd(&self) -> Command {
        let mut cmd = bare();
        cmd.args(crate::support::url_flags(&self.server));
        cmd
    }

    /// Runs `apidex ARGS` against this server.
    fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().unwrap()
    }
}

/// `apidex` with no base URL flags, none of the URL variables inherited, and a time limit.
fn bare() -> Command {
    let mut cmd = Command::cargo_bin("apidex").unwrap();
    cmd.env_remove("APIDEX_POKEAPI_URL")
        .env_remove("APIDEX_JSONPLACEHOLDER_URL")
        .env_remove("APIDEX_DOGAPI_URL")
        .env_remove("APIDEX_NO_CACHE")
        .env_remove("APIDEX_OFFLINE")
        .env_remove("APIDEX_NO_IMAGES")
        // English whatever the machine's locale (`--lang` tests say theirs).
        .env_remove("APIDEX_LANG")
        .env("LC_ALL", "C.UTF-8")
        // Never the user's config file (a file that does not exist is no config) nor their log.
        .env(
            "APIDEX_CONFIG",
            std::env::temp_dir().join(format!(
                "apidex-cli-tests-{}-no-config.toml",
                std::process::id()
            )),
        )
        .env(
            "APIDEX_LOG_FILE",
            std::env::temp_dir().join(format!("apidex-cli-tests-{}.log", std::process::id())),
        )
        // Never the user's own cache: one per test process, under the temp directory.
        .env(
            "APIDEX_CACHE_DIR",
            std::env::temp_dir().join(format!("apidex-cli-tests-{}", std::process::id())),
        )
        .timeout(RUN_LIMIT);
    cmd
}

/// stdout parsed as one JSON array.
fn json_array(output: &Output) -> Vec<Value> {
    let value: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|err| {
        panic!("stdout is not JSON ({err}): {}", stdout(output));
    });
    match value {
        Value::Array(items) => items,
        other => panic!("stdout is not a JSON array: {other}"),
    }
}

// ---------------------------------------------------------------------------------------------
// get pokemon

#[test]
fn get_pokemon_json_mixes_found_and_missing() {
    let fx = Fixture::new();
    let out = fx.run(&["get", "pokemon", "pikachu", "25", "missingno", "--json"]);
    assert_eq!(code(&out), 1, "stderr: {}", stderr(&out));
    let items = json_array(&out);
    assert_eq!(items.len(), 3);
    assert_eq!(items[0]["name"], "pikachu");
    assert_eq!(items[1]["name"], "pikachu");
    assert_eq!(items[1]["id"], 25);
    assert!(items[2].is_null(), "{}", items[2]);
    let err = stderr(&out);
    assert!(err.contains("missingno"), "{err}");
    assert!(err.contains("not found"), "{err}");
    assert!(
        !err.contains("pikachu"),
        "only the missing item is reported: {err}"
    );
}

#[test]
fn get_pokemon_readable() {
    let fx = Fixture::new();
    let out = fx.run(&["get", "pokemon", "pikachu", "eevee"]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("#25 Pikachu"), "{text}");
    assert!(text.contains("electric"), "{text}");
    assert!(text.contains("lightning-rod (hidden)"), "{text}");
    assert!(text.contains("#133 Eevee"), "{text}");
    // Argument order is kept.
    assert!(text.find("#25 Pikachu") < text.find("#133 Eevee"), "{text}");
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
}

#[test]
fn get_pokemon_json_is_the_fixture_as_is() {
    let fx = Fixture::new();
    let out = fx.run(&["get", "pokemon", "pikachu", "--json"]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    let items = json_array(&out);
    let expected: Value = serde_json::from_slice(&fixture("pokeapi/pokemon/25.json")).unwrap();
    assert_eq!(items, vec![expected]);
    // Byte for byte, too: the raw body inside one array.
    let mut exact = b"[".to_vec();
    exact.extend(fixture("pokeapi/pokemon/25.json"));
    exact.extend(b"]\n");
    assert!(out.stdout == exact, "stdout is not the fixture verbatim");
}

#[test]
fn get_other_pokeapi_resources() {
    let fx = Fixture::new();
    let out = fx.run(&["get", "ability", "static"]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("#9 Static\n"), "{text}");
    assert!(text.contains("Has a 30% chance of paralyzing"), "{text}");

    let out = fx.run(&["get", "species", "pikachu"]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("#25 Pikachu — Mouse Pokémon\n"), "{text}");
    assert!(text.contains("evolution-chain/10/"), "{text}");

    let out = fx.run(&["get", "type", "electric"]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("#13 electric\n"), "{text}");
    assert!(text.contains("0× to      ground"), "{text}");
}

#[test]
fn environment_variables_set_the_base_urls() {
    let fx = Fixture::new();
    let [poke, jph, dog] = base_urls(&fx.server);
    let run = |args: &[&str]| {
        bare()
            .env("APIDEX_POKEAPI_URL", &poke)
            .env("APIDEX_JSONPLACEHOLDER_URL", &jph)
            .env("APIDEX_DOGAPI_URL", &dog)
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(&["get", "pokemon", "pikachu"]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    assert!(stdout(&out).contains("#25 Pikachu"));
    let out = run(&["get", "post", "1"]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    assert!(stdout(&out).starts_with("#1 sunt aut facere"));
    let out = run(&["list", "breeds"]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    assert!(stdout(&out).lines().any(|l| l == "australian/shepherd"));
    assert!(fx.server.request_count() >= 3, "{:?}", fx.server.requests());
}

#[test]
fn flags_override_environment_variables() {
    let fx = Fixture::new();
    let [poke, ..] = base_urls(&fx.server);
    let dead = format!("http://127.0.0.1:{}/api/v2", closed_port());
    let out = bare()
        .env("APIDEX_POKEAPI_URL", &dead)
        .args(["--pokeapi-url", &poke, "get", "pokemon", "pikachu"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    assert!(stdout(&out).contains("#25 Pikachu"));
}

// ---------------------------------------------------------------------------------------------
// list

#[test]
fn list_pokemon() {
    let fx = Fixture::new();
    let out = fx.run(&["list", "pokemon"]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1351);
    // Display names (#13), the slug beside where it is more than the name folded; forms keep
    // their slugs.
    assert!(lines.contains(&"25 Pikachu"));
    assert!(lines.contains(&"122 Mr. Mime"), "{:?}", &lines[121]);
    assert_eq!(lines[0], "1 Bulbasaur");
    assert_eq!(lines[1350], "10326 meowstic-female-mega");
    let ja = stdout(&fx.run(&["--lang", "ja", "list", "pokemon"]));
    assert!(
        ja.lines().any(|l| l == "25 ピカチュウ  pikachu"),
        "{ja:.200}"
    );
}

#[test]
fn list_posts_users_and_breeds() {
    let fx = Fixture::new();
    let out = fx.run(&["list", "posts"]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 100);
    assert_eq!(
        text.lines().next(),
        Some("1 sunt aut facere repellat provident occaecati excepturi optio reprehenderit")
    );

    let out = fx.run(&["list", "users"]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 10);
    assert_eq!(text.lines().next(), Some("1 Leanne Graham (@Bret)"));

    let out = fx.run(&["list", "breeds"]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.contains(&"australian/shepherd"), "{text}");
    assert!(lines.contains(&"australian/kelpie"), "{text}");
    assert!(lines.contains(&"australian"), "{text}");
    assert!(lines.contains(&"affenpinscher"), "{text}");
}

#[test]
fn list_against_the_wrong_server_fails() {
    let fx = Fixture::empty();
    let out = fx.run(&["list", "posts"]);
    assert_eq!(code(&out), 1);
    assert!(out.stdout.is_empty(), "{}", stdout(&out));
    let err = stderr(&out);
    assert!(err.contains("HTTP 404"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// JSONPlaceholder and the Dog API

#[test]
fn get_post_json() {
    let fx = Fixture::new();
    let out = fx.run(&["get", "post", "1", "--json"]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    let items = json_array(&out);
    let expected: Value = serde_json::from_slice(&fixture("jsonplaceholder/posts-1.json")).unwrap();
    assert_eq!(items, vec![expected]);
}

#[test]
fn get_user_todo_and_comments() {
    let fx = Fixture::new();
    let out = fx.run(&["get", "user", "1"]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("#1 Leanne Graham (@Bret)\n"), "{text}");
    assert!(text.contains("Romaguera-Crona"), "{text}");
    assert!(text.contains("Sincere@april.biz"), "{text}");

    let out = fx.run(&["get", "todo", "1"]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    assert_eq!(stdout(&out), "#1 [ ] delectus aut autem (user 1)\n");

    let out = fx.run(&["get", "comments", "--post", "1"]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    let text = stdout(&out);
    let headers: Vec<&str> = text.lines().filter(|l| l.starts_with('#')).collect();
    assert_eq!(headers.len(), 5, "{text}");
    assert_eq!(
        headers[0],
        "#1 id labore ex et quam laborum <Eliseo@gardner.biz>"
    );
}

#[test]
fn get_missing_post_exits_1() {
    let fx = Fixture::new();
    let out = fx.run(&["get", "post", "2", "999"]);
    assert_eq!(code(&out), 1);
    let text = stdout(&out);
    assert!(text.starts_with("#2 qui est esse\n"), "{text}");
    let err = stderr(&out);
    assert!(err.contains("not found: post 999"), "{err}");
}

#[test]
fn get_breeds_and_dog_images() {
    let fx = Fixture::new();
    let out = fx.run(&["get", "breeds"]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.lines().any(|l| l == "australian: kelpie, shepherd"),
        "{text}"
    );
    assert!(text.lines().any(|l| l == "affenpinscher"), "{text}");

    let out = fx.run(&["get", "breeds", "--json"]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    let value: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["message"]["australian"][1], "shepherd");

    let out = fx.run(&["get", "dog", "hound/afghan", "--count", "3"]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(
        lines
            .iter()
            .all(|l| l.starts_with("https://images.dog.ceo/breeds/hound-afghan/")),
        "{text}"
    );

    let out = fx.run(&["get", "dog", "nope"]);
    assert_eq!(code(&out), 1);
    assert!(out.stdout.is_empty(), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("not found: breed nope"),
        "{}",
        stderr(&out)
    );
}

// ---------------------------------------------------------------------------------------------
// fetch

#[test]
fn fetch_urls() {
    let fx = Fixture::new();
    let url = format!("{}/api/v2/pokemon/25", fx.server.url());
    let out = fx.run(&["fetch", &url]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    let items = json_array(&out);
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["name"], "pikachu");

    let missing = format!("{}/api/v2/pokemon/0", fx.server.url());
    let out = fx.run(&["fetch", &url, &missing]);
    assert_eq!(code(&out), 1);
    let items = json_array(&out);
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["id"], 25);
    assert!(items[1].is_null(), "{items:?}");
    let err = stderr(&out);
    assert!(err.contains("not found: URL"), "{err}");
    // A URL that is no URL is a usage error (tests/it/cli/usage.rs).
}

// ---------------------------------------------------------------------------------------------
// usage errors, failures and exit statuses

#[test]
fn usage_errors_exit_2() {
    let fx = Fixture::new();
    for args in [
        &["get", "pokemon"][..],
        &["--concurrency", "0", "get", "pokemon", "pikachu"],
        &["--timeout", "abc", "get", "pokemon", "pikachu"],
        &["--timeout", "0", "get", "pokemon", "pikachu"],
        &["get", "post", "one"],
        &["list", "nothing"],
        &["get", "dog", "hound", "--count", "0"],
    ] {
        let out = fx.run(args);
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "{args:?}: {}", stdout(&out));
        assert!(!stderr(&out).is_empty(), "{args:?}");
    }
    // A bad base URL is a usage error too, whether given as a flag or in the environment.
    let out = bare()
        .args(["--pokeapi-url", "not-a-url", "get", "pokemon", "pikachu"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("not-a-url"), "{}", stderr(&out));
    let out = bare()
        .env("APIDEX_POKEAPI_URL", "ftp://example.com")
        .args(["get", "pokemon", "pikachu"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    // None of these reached the server.
    assert_eq!(fx.server.request_count(), 0, "{:?}", fx.server.requests());
}

#[test]
fn a_server_error_exits_1_and_names_the_status() {
    let fx = Fixture::new();
    // Sylveon (#700) is not in the bundled snapshot, which would otherwise answer for it.
    fx.server
        .route("/api/v2/pokemon/sylveon", Reply::status(500));
    let out = fx.run(&["get", "pokemon", "sylveon", "eevee"]);
    assert_eq!(code(&out), 1);
    let err = stderr(&out);
    assert!(err.contains("HTTP 500"), "{err}");
    assert!(err.contains("sylveon"), "{err}");
    // The other item is still printed.
    let text = stdout(&out);
    assert!(text.contains("#133 Eevee"), "{text}");
    assert!(!text.contains("500"), "{text}");
}

#[test]
fn a_refused_connection_exits_1() {
    let base = format!("http://127.0.0.1:{}/api/v2", closed_port());
    // Not in the bundled snapshot (see tests/it/offline.rs for what is).
    let out = bare()
        .args(["--pokeapi-url", &base, "get", "pokemon", "sylveon"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 1);
    assert!(out.stdout.is_empty(), "{}", stdout(&out));
    let err = stderr(&out);
    assert!(err.contains("cannot connect"), "{err}");
}

#[test]
fn a_password_in_a_base_url_is_never_printed_nor_logged() {
    let base = format!("http://user:s3cretpw@127.0.0.1:{}/api/v2", closed_port());
    let log = std::env::temp_dir().join(format!("apidex-pw-{}.log", std::process::id()));
    let _ = std::fs::remove_file(&log);
    let out = bare()
        .env("APIDEX_LOG_FILE", &log)
        .args([
            "--pokeapi-url",
            &base,
            "--verbose",
            "get",
            "pokemon",
            "sylveon",
        ])
        .output()
        .unwrap();
    assert_eq!(code(&out), 1);
    let err = stderr(&out);
    assert!(
        err.contains("cannot connect to http://user@127.0.0.1"),
        "{err}"
    );
    assert!(!err.contains("s3cretpw"), "{err}");
    let logged = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(
        logged.contains("server unreachable"),
        "the log was written: {logged}"
    );
    assert!(!logged.contains("s3cretpw"), "{logged}");
    let _ = std::fs::remove_file(&log);
}

#[test]
fn a_hanging_server_times_out() {
    let fx = Fixture::new();
    fx.server
        .route("/api/v2/pokemon/sylveon", Reply::fault(Fault::Hang));
    let out = fx.run(&["--timeout", "0.3", "get", "pokemon", "sylveon"]);
    assert_eq!(code(&out), 1);
    let err = stderr(&out);
    assert!(err.contains("timed out"), "{err}");
}

#[test]
fn stdout_carries_only_data_when_items_fail() {
    let fx = Fixture::new();
    fx.server
        .route("/api/v2/pokemon/broken", Reply::status(500));

    // Readable: nothing at all for a lone missing item.
    let out = fx.run(&["get", "pokemon", "missingno"]);
    assert_eq!(code(&out), 1);
    assert!(out.stdout.is_empty(), "{}", stdout(&out));
    assert!(stderr(&out).contains("missingno"));

    // Readable: only the found item's summary.
    let out = fx.run(&["get", "pokemon", "missingno", "pikachu", "broken"]);
    assert_eq!(code(&out), 1);
    let text = stdout(&out);
    assert!(text.starts_with("#25 Pikachu\n"), "{text}");
    for noise in ["missingno", "broken", "not found", "HTTP", "apidex:"] {
        assert!(!text.contains(noise), "{noise:?} on stdout: {text}");
    }
    let err = stderr(&out);
    assert!(err.contains("missingno") && err.contains("broken"), "{err}");

    // JSON: still one valid array, null where items failed.
    let out = fx.run(&["get", "pokemon", "broken", "pikachu", "missingno", "--json"]);
    assert_eq!(code(&out), 1);
    let items = json_array(&out);
    assert_eq!(items.len(), 3);
    assert!(items[0].is_null());
    assert_eq!(items[1]["id"], 25);
    assert!(items[2].is_null());
}

#[test]
fn help_works_at_every_level() {
    for args in [
        &["--help"][..],
        &["get", "--help"],
        &["get", "pokemon", "--help"],
        &["list", "--help"],
        &["fetch", "--help"],
    ] {
        let out = bare().args(args).output().unwrap();
        assert_eq!(code(&out), 0, "{args:?}: {}", stderr(&out));
        let text = stdout(&out);
        assert!(text.contains("Usage:"), "{args:?}: {text}");
    }
    let text = stdout(&bare().arg("--help").output().unwrap());
    for sub in ["get", "list", "fetch", "--pokeapi-url", "--concurrency"] {
        assert!(text.contains(sub), "{sub} missing from --help: {text}");
    }
    let text = stdout(&bare().args(["get", "--help"]).output().unwrap());
    for sub in ["pokemon", "post", "breeds", "dog", "--json"] {
        assert!(text.contains(sub), "{sub} missing from get --help: {text}");
    }
    let text = stdout(&bare().args(["get", "pokemon", "--help"]).output().unwrap());
    assert!(text.contains("NAME_OR_ID"), "{text}");
}

// ---------------------------------------------------------------------------------------------
// terminal safety

/// A post whose strings try to retitle (OSC 0 … BEL) and clear (CSI 2 J) the terminal; the
/// control characters are JSON escapes in the body, as a real API would send them.
const HOSTILE_POST: &str = r#"{"userId":1,"id":1,"title":"evil \u001b]0;pwned\u0007 title \u001b[2J end","body":"first line\u001b[31m red\nsecond line"}"#;

fn has_raw_controls(bytes: &[u8]) -> bool {
    bytes.iter().any(|&b| b == 0x1b || b == 0x07)
}

#[test]
fn hostile_strings_are_escaped_in_readable_output() {
    let fx = Fixture::new();
    fx.server
        .route("/posts/1", Reply::json(HOSTILE_POST.as_bytes().to_vec()));
    let out = fx.run(&["get", "post", "1"]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    assert!(
        !has_raw_controls(&out.stdout),
        "raw control bytes on stdout"
    );
    let text = stdout(&out);
    assert!(
        text.contains(r"#1 evil \x1b]0;pwned\x07 title \x1b[2J end"),
        "{text}"
    );
    assert!(text.contains(r"first line\x1b[31m red"), "{text}");
    // The body's real line break is kept as a line break.
    assert!(text.contains("\n  second line\n"), "{text}");

    // The list view goes through the same escaping.
    fx.server.route(
        "/posts",
        Reply::json(format!("[{HOSTILE_POST}]").into_bytes()),
    );
    let out = fx.run(&["list", "posts"]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    assert!(
        !has_raw_controls(&out.stdout),
        "raw control bytes on stdout"
    );
    assert_eq!(
        stdout(&out),
        "1 evil \\x1b]0;pwned\\x07 title \\x1b[2J end\n"
    );
}

#[test]
fn hostile_strings_stay_escaped_in_json_output() {
    let fx = Fixture::new();
    fx.server
        .route("/posts/1", Reply::json(HOSTILE_POST.as_bytes().to_vec()));
    let out = fx.run(&["get", "post", "1", "--json"]);
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    assert!(
        !has_raw_controls(&out.stdout),
        "raw control bytes on stdout"
    );
    assert!(stdout(&out).contains(r"\u001b]0;pwned\u0007"));
    let items = json_array(&out);
    assert_eq!(
        items[0]["title"],
        "evil \u{1b}]0;pwned\u{7} title \u{1b}[2J end"
    );
}

#[test]
fn hostile_names_are_escaped_on_stderr() {
    let fx = Fixture::new();
    let out = fx.run(&["get", "pokemon", "\u{1b}]0;pwned\u{7}"]);
    assert_eq!(code(&out), 1);
    assert!(
        !has_raw_controls(&out.stderr),
        "raw control bytes on stderr"
    );
    let err = stderr(&out);
    assert!(
        err.contains(r"not found: pokemon \x1b]0;pwned\x07"),
        "{err}"
    );
    // It can be no PokeAPI slug: not found without a request (no `HTTP 400` to earn).
    assert_eq!(fx.server.requests(), Vec::<String>::new());
}

#[test]
fn whole_list_failures_are_named_on_stderr() {
    let fx = Fixture::empty();
    let out = fx.run(&["get", "breeds"]);
    assert_eq!(code(&out), 1);
    assert!(out.stdout.is_empty(), "{}", stdout(&out));
    let err = stderr(&out);
    let url = format!("{}/api/breeds/list/all", fx.server.url());
    assert_eq!(err, format!("apidex: breed list: HTTP 404 from {url}\n"));

    let out = fx.run(&["list", "users"]);
    assert_eq!(code(&out), 1);
    let err = stderr(&out);
    let url = format!("{}/users", fx.server.url());
    assert_eq!(err, format!("apidex: list users: HTTP 404 from {url}\n"));
}
