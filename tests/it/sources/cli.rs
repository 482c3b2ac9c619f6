//! Every registered source on the command line: `apidex get <id>`, `apidex list <plural>`, and
//! the flag, variable and config table that move it.

use std::time::Duration;

use apidex::fetch;
use apidex::model::RecordId;
use apidex::sources::Home;
use assert_cmd::Command;
use serde_json::Value;

use super::{fixture_entries, json, missing_key};
use crate::support::process::{code, stderr, stdout, without_apidex_env};
use crate::support::records::{self, body, fixture_keys};
use crate::support::{Served, TestServer, url_flags};

/// `apidex` against `server`, with no setting of the environment's and a cache of its own.
fn apidex(server: &TestServer, cache: &std::path::Path) -> Command {
    let mut cmd = bare(cache);
    cmd.args(url_flags(server));
    cmd
}

/// `apidex` with no base URL flags, no setting of the environment's, a cache of its own.
fn bare(cache: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("apidex").unwrap();
    without_apidex_env(&mut cmd)
        .env("APIDEX_CONFIG", cache.join("no-config.toml"))
        .env("APIDEX_CACHE_DIR", cache)
        .env("APIDEX_LOG_FILE", cache.join("log"))
        .env("LC_ALL", "C.UTF-8")
        .timeout(Duration::from_secs(60));
    cmd
}

#[test]
fn the_command_line_gets_and_lists_each_source() {
    let server = Served::fixtures();
    let dir = tempfile::tempdir().unwrap();
    for record in RecordId::all() {
        let spec = record.spec();
        let keys = fixture_keys(record);
        let out = apidex(&server, dir.path())
            .args(["get", spec.id])
            .args(&keys)
            .args([missing_key(record), "--json"])
            .output()
            .unwrap();
        assert_eq!(code(&out), 1, "one missing: {}", stderr(&out));
        let mut expected: Vec<Value> = keys.iter().map(|k| json(&body(record, k))).collect();
        expected.push(Value::Null);
        assert_eq!(json(&out.stdout), Value::Array(expected), "{}", spec.id);
        assert!(stderr(&out).contains("not found"), "{}", stderr(&out));

        let out = apidex(&server, dir.path())
            .args(["get", spec.id, &keys[0]])
            .output()
            .unwrap();
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        let page = fetch::record::record_page(record, &json(&body(record, &keys[0])));
        assert!(stdout(&out).contains(&page.heading), "{}", stdout(&out));

        let out = apidex(&server, dir.path())
            .args(["list", spec.plural])
            .output()
            .unwrap();
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        let entries = fixture_entries(record);
        assert_eq!(stdout(&out).lines().count(), entries.len());
        assert!(
            stdout(&out)
                .lines()
                .next()
                .unwrap()
                .ends_with(&entries[0].title)
        );

        let out = apidex(&server, dir.path())
            .args(["get", spec.id, "   "])
            .output()
            .unwrap();
        assert_eq!(
            code(&out),
            2,
            "a blank key is a usage error: {}",
            stderr(&out)
        );
    }
    let out = apidex(&server, dir.path())
        .args(["--source-url", "nope=http://127.0.0.1:1", "list", "posts"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("no registered source `nope`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_source_url_setting_moves_that_source_alone() {
    let server = Served::fixtures();
    let other = Served::fixtures();
    let dir = tempfile::tempdir().unwrap();
    for record in RecordId::all() {
        let spec = record.spec();
        let url = format!("{}{}", other.url(), records::base_path(record));
        let before = (server.request_count(), other.request_count());
        // The flag, the variable and the config file's table each move it to the other server.
        let config = dir.path().join("config.toml");
        std::fs::write(&config, format!("[sources.{}]\nurl = \"{url}\"\n", spec.id)).unwrap();
        let ways: [(&str, Vec<String>); 3] = [
            (
                "flag",
                vec!["--source-url".into(), format!("{}={url}", spec.id)],
            ),
            ("variable", Vec::new()),
            (
                "config",
                vec!["--config".into(), config.display().to_string()],
            ),
        ];
        for (way, args) in ways {
            // The built-in sources' flags only: a `--source-url` would win over the others.
            let mut cmd = bare(dir.path());
            let [poke, jph, dog] = crate::support::base_urls(&server);
            cmd.args([
                "--pokeapi-url",
                &poke,
                "--jsonplaceholder-url",
                &jph,
                "--dogapi-url",
                &dog,
            ]);
            cmd.arg("--no-cache")
                .args(&args)
                .args(["list", spec.plural]);
            if way == "variable" {
                cmd.env(format!("APIDEX_{}_URL", spec.id.to_uppercase()), &url);
            }
            let out = cmd.output().unwrap();
            assert_eq!(code(&out), 0, "{way}: {}", stderr(&out));
        }
        assert_eq!(
            server.request_count(),
            before.0,
            "{}: nothing asked of its home",
            spec.id
        );
        assert_eq!(other.request_count(), before.1 + 3);
        // Following its home: moved with it.
        if !matches!(spec.home, Home::Own(_)) {
            let out = apidex(&other, dir.path())
                .args(["--no-cache", "list", spec.plural])
                .output()
                .unwrap();
            assert_eq!(code(&out), 0, "{}", stderr(&out));
        }
    }
    // An unknown table is refused like any unknown setting, with its name.
    let config = dir.path().join("bad.toml");
    std::fs::write(&config, "[sources.nope]\nurl = \"http://127.0.0.1:1\"\n").unwrap();
    let out = apidex(&server, dir.path())
        .args(["--config", &config.display().to_string(), "config", "show"])
        .output()
        .unwrap();
    assert!(stderr(&out).contains("nope"), "{}", stderr(&out));
}

/// A key that can never be requested (only dots: a URL resolves `..` as the parent folder) is
/// a usage error refused before any request, as `get ability ..` is, not a failed item found
/// out after the other keys were fetched.
#[test]
fn a_key_of_only_dots_is_a_usage_error_before_any_request() {
    let server = Served::empty();
    let dir = tempfile::tempdir().unwrap();
    for record in RecordId::all() {
        let id = record.spec().id;
        let good = fixture_keys(record)[0].clone();
        for dots in ["..", ".", " ... "] {
            let out = apidex(&server, dir.path())
                .args(["get", id, &good, dots])
                .output()
                .unwrap();
            assert_eq!(code(&out), 2, "{id} {dots:?}: {}", stderr(&out));
            assert!(stdout(&out).is_empty(), "{id} {dots:?}: {}", stdout(&out));
        }
    }
    assert_eq!(server.request_count(), 0, "a request was made");
}
