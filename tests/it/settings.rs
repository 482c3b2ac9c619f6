//! Settings that must not hurt: every out-of-range flag or file value is a message (never a
//! panic), a config file is read only up to 1 MiB, text from the file reaches neither terminal
//! nor log raw; the data directory's resolution; `cache clear` keeping bookmarks.
#![allow(clippy::unwrap_used)]

use config_cli::{apidex, config_file, get, globals, scratch, show, stderr, stdout};

use std::path::Path;
use std::time::Duration;

use apidex::config::{self, Config};

use crate::support::config_cli;

// --- bad values: a message, never a panic -----------------------------------------------------

#[test]
fn out_of_range_flags_are_usage_errors_not_panics() {
    let file = config_file("bad-flags", "");
    for (flag, value, what) in [
        (
            "--max-rps",
            "5e-20",
            "max_rps must be 0 (no cap) or 0.01 to 10000",
        ),
        ("--max-rps", "1e300", "max_rps must be"),
        ("--max-rps", "nan", "max_rps must be"),
        ("--max-rps", "-3", "max_rps must be"),
        ("--timeout", "1e30", "timeout must be 0.001 to 3600 seconds"),
        ("--timeout", "1e-300", "timeout must be"),
        ("--connect-timeout", "inf", "connect_timeout must be"),
        ("--ttl", "-1", "ttl must be 0 to 8760 hours, not -1"),
        ("--ttl", "1e300", "ttl must be"),
        ("--concurrency", "100000", "concurrency must be 1 to 256"),
        ("--retries", "11", "retries must be 0 to 10"),
        ("--cache-max-mb", "0", "max_mb must be 1 to 100000"),
        ("--max-body-mb", "abc", "not a number"),
    ] {
        let output = apidex(&file)
            .args([flag, value, "config", "show"])
            .output()
            .unwrap();
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{flag} {value}: {err}");
        assert!(err.contains(what), "{flag} {value}: {err}");
        assert!(!err.contains("panicked"), "{flag} {value}: {err}");
    }
}

#[test]
fn out_of_range_file_values_are_named_and_the_defaults_used() {
    for (text, what) in [
        ("[http]\nmax_rps = 1e-300\n", "max_rps must be"),
        ("[http]\nmax_rps = 5e-20\n", "not 5e-20"),
        ("[http]\ntimeout = 1e30\n", "timeout must be"),
        ("[ttl]\ndefault = -1\n", "ttl must be"),
        ("[ttl]\npokeapi = inf\n", "ttl must be"),
        ("[cache]\nmax_mb = 0\n", "max_mb must be"),
    ] {
        let file = config_file("bad-file", text);
        let output = apidex(&file).args(["config", "show"]).output().unwrap();
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(0), "{text}: {err}");
        assert!(err.contains(what) && err.contains("line"), "{text}: {err}");
        // The defaults, not the bad value.
        let shown: toml::Table = toml::from_str(&stdout(&output)).unwrap();
        assert_eq!(
            get(&shown, "http", "max_rps").as_float(),
            Some(0.0),
            "{text}"
        );
    }
    // Parsed in code, then resolved: the same bounds hold without a panic.
    let loaded = config::parse("[http]\nmax_rps = 1e-300\n", Path::new("c.toml"));
    let settings = globals(&[], loaded.config).settings();
    assert_eq!(settings.http.min_interval, None);
    let mut built = Config::default();
    built.http.max_rps = Some(1e-300);
    built.http.timeout = Some(f64::NAN);
    built.http.concurrency = Some(0);
    built.ttl.default = Some(1e300);
    built.cache.max_mb = Some(0);
    let settings = globals(&[], built).settings();
    let builtin = apidex::api::HttpOptions::default();
    assert_eq!(settings.http.min_interval, None);
    assert_eq!(settings.http.timeout, builtin.timeout);
    assert_eq!(settings.http.concurrency, builtin.concurrency);
    assert_eq!(settings.ttl, Duration::from_secs(24 * 3600));
    assert_eq!(settings.cache_max_mb, 200);
}

#[test]
fn a_config_file_that_never_ends_is_refused_quickly() {
    let scratch = scratch("dev-zero");
    let output = apidex(Path::new("/dev/zero"))
        .env("APIDEX_CACHE_DIR", scratch.join("cache"))
        .env("APIDEX_LOG_FILE", scratch.join("apidex.log"))
        .args(["config", "show"])
        .output()
        .unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(
        err.contains("/dev/zero") && err.contains("larger than 1024 KiB"),
        "{err}"
    );
    assert!(err.contains("using the defaults"), "{err}");
    // A file just over the limit is refused the same way; one under it is read.
    let big = config_file("big", &format!("# {}\n", "x".repeat(1024 * 1024)));
    let loaded = config::load(Some(&big));
    assert!(
        loaded.problems[0].contains("larger than"),
        "{:?}",
        loaded.problems
    );
    let fine = config_file(
        "fine",
        &format!("# {}\n[http]\nretries = 2\n", "x".repeat(900_000)),
    );
    assert_eq!(config::load(Some(&fine)).config.http.retries, Some(2));
}

#[test]
fn a_config_fifo_is_refused_without_waiting_for_a_writer() {
    let dir = scratch("fifo");
    let fifo = dir.join("config.toml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    // Nobody ever writes to it: a read would wait for ever (the command's time limit fails it).
    let output = apidex(&fifo)
        .env("APIDEX_CACHE_DIR", dir.join("cache"))
        .env("APIDEX_LOG_FILE", dir.join("apidex.log"))
        .args(["config", "show"])
        .output()
        .unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(err.contains("a pipe or socket, not a config file"), "{err}");
}

#[test]
fn escape_sequences_in_the_file_reach_neither_terminal_nor_log_raw() {
    let file = config_file("escapes", "\"\\u001b]0;pwned\\u0007\" = 1\n");
    let log = file.with_file_name("apidex.log");
    let output = apidex(&file).args(["config", "path"]).output().unwrap();
    let err = stderr(&output);
    assert!(err.contains("\\x1b]0;pwned\\x07"), "{err}");
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err}");
    let logged = std::fs::read_to_string(&log).unwrap();
    assert!(logged.contains("\\x1b]0;pwned\\x07"), "{logged}");
    assert!(
        !logged.contains('\u{1b}') && !logged.contains('\u{7}'),
        "{logged}"
    );
}

// --- the data directory ----------------------------------------------------------------------

#[test]
fn the_data_directory_follows_flag_environment_and_file() {
    let file = config_file("data-dir", "[data]\ndir = \"/from/the/file\"\n");
    let shown = show(apidex(&file).env_remove("APIDEX_DATA_DIR"));
    assert_eq!(get(&shown, "data", "dir").as_str(), Some("/from/the/file"));
    let shown = show(apidex(&file).env("APIDEX_DATA_DIR", "/from/env"));
    assert_eq!(get(&shown, "data", "dir").as_str(), Some("/from/env"));
    let shown = show(
        apidex(&file)
            .env("APIDEX_DATA_DIR", "/from/env")
            .args(["--data-dir", "/from/flag"]),
    );
    assert_eq!(get(&shown, "data", "dir").as_str(), Some("/from/flag"));
    // Not the cache directory: deleting that must not take bookmarks along.
    let settings = globals(&[], Config::default()).settings();
    assert_ne!(settings.data_dir, settings.cache_dir);
}

#[test]
fn cache_clear_keeps_bookmarks_even_from_the_old_single_database() {
    use apidex::store::Store;
    use apidex::store::marks::Remembered;
    let file = config_file("clear", "");
    let scratch = file.parent().unwrap().to_owned();
    let (cache, data) = (scratch.join("cache"), scratch.join("data"));
    let pikachu = Remembered {
        key: "pokemon:pikachu".into(),
        label: "pikachu".into(),
    };
    Store::open_user_data(&data, None)
        .unwrap()
        .toggle_bookmark(&pikachu)
        .unwrap();
    // The old single database in the cache directory: a response and a bookmark not moved yet.
    std::fs::create_dir_all(&cache).unwrap();
    let legacy = cache.join(apidex::store::FILE_NAME);
    rusqlite::Connection::open(&legacy)
        .unwrap()
        .execute_batch(
            "CREATE TABLE responses (url TEXT PRIMARY KEY, body BLOB NOT NULL,
                 status INTEGER NOT NULL, fetched_at INTEGER NOT NULL, etag TEXT,
                 max_age INTEGER, last_used INTEGER NOT NULL, size INTEGER NOT NULL);
             CREATE TABLE bookmarks (key TEXT PRIMARY KEY, label TEXT NOT NULL,
                 created INTEGER NOT NULL);
             INSERT INTO responses VALUES ('u', x'7b7d', 200, 0, NULL, NULL, 1, 2);
             INSERT INTO bookmarks VALUES ('post:1', 'post 1', 1);",
        )
        .unwrap();
    let output = apidex(&file)
        .env("APIDEX_DATA_DIR", &data)
        .args(["cache", "clear"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("removed 1 cached responses"),
        "{}",
        stdout(&output)
    );
    let store = Store::open_user_data(&data, Some(&legacy)).unwrap();
    let keys: Vec<String> = store
        .bookmarks()
        .unwrap()
        .into_iter()
        .map(|r| r.key)
        .collect();
    assert_eq!(keys, vec![pikachu.key, "post:1".to_owned()]);
}
