//! Where settings come from: the bundled defaults, the user's file, the environment and flags,
//! in that order of precedence.

use config_cli::{apidex, config_file, get, globals, show, stderr, stdout};

use std::path::Path;
use std::time::Duration;

use apidex::config::{self, Config};
use apidex::ui::theme::Theme;
use ratatui::style::Color;

use crate::support::config_cli;
use crate::support::fixture_server;

#[test]
fn defaults_parse_from_the_bundled_file() {
    let bundled = Config::bundled();
    assert_eq!(
        bundled.sources.pokeapi_url.as_deref(),
        Some("https://pokeapi.co/api/v2")
    );
    assert_eq!(bundled.http.concurrency, Some(8));
    assert_eq!(bundled.http.timeout, Some(10.0));
    assert_eq!(bundled.cache.max_mb, Some(200));
    assert_eq!(bundled.ttl.default, Some(24.0));
    assert_eq!(
        bundled.ttl.pokeapi, None,
        "per-source TTLs are off by default"
    );
    assert_eq!(bundled.theme(), Theme::default());
    assert_eq!(bundled.keymap(), apidex::keymap::Keymap::default());

    let settings = globals(&[], Config::default()).settings();
    let builtin = apidex::api::HttpOptions::default();
    assert_eq!(settings.http.concurrency, builtin.concurrency);
    assert_eq!(settings.http.timeout, builtin.timeout);
    assert_eq!(settings.http.connect_timeout, builtin.connect_timeout);
    assert_eq!(settings.http.retries, builtin.retries);
    assert_eq!(settings.http.max_body, builtin.max_body);
    assert_eq!(settings.http.min_interval, None);
    assert_eq!(settings.cache_max_mb, 200);
    assert_eq!(settings.ttl, Duration::from_secs(24 * 3600));
    assert!(settings.ttl_by_host().is_empty());
}

#[test]
fn a_user_file_overrides_only_what_it_sets() {
    let text = "[http]\nconcurrency = 3\n\n[ttl]\npokeapi = 2\n\n[theme]\naccent = \"#102030\"\n";
    let loaded = config::parse(text, Path::new("config.toml"));
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let settings = globals(&[], loaded.config.clone()).settings();
    assert_eq!(settings.http.concurrency, 3);
    assert_eq!(
        settings.http.timeout,
        Duration::from_secs(10),
        "left as it was"
    );
    assert_eq!(
        settings.endpoints.pokeapi.as_str(),
        "https://pokeapi.co/api/v2"
    );
    assert_eq!(
        settings.ttl_by_host().get("pokeapi.co"),
        Some(&Duration::from_secs(2 * 3600))
    );
    assert_eq!(settings.ttl_by_host().len(), 1);
    let theme = loaded.config.over(Config::bundled()).theme();
    assert_eq!(theme.accent, Color::Rgb(0x10, 0x20, 0x30));
    assert_eq!(theme.error, Theme::default().error);
}

#[test]
fn flags_win_over_the_file() {
    let loaded = config::parse(
        "[http]\nconcurrency = 3\ntimeout = 7\n[ui]\nimages = true\n",
        Path::new("config.toml"),
    );
    let settings = globals(&["--concurrency", "5", "--no-images"], loaded.config).settings();
    assert_eq!(settings.http.concurrency, 5);
    assert_eq!(settings.http.timeout, Duration::from_secs(7));
    assert!(!settings.images);
}

#[test]
fn precedence_is_flag_then_environment_then_file_then_default() {
    let file = config_file(
        "precedence",
        "[sources]\npokeapi_url = \"http://file.test/api/v2\"\ndogapi_url = \"http://file.test/dog\"\n\n[http]\nconcurrency = 3\n",
    );
    // The file over the defaults.
    let shown = show(&mut apidex(&file));
    assert_eq!(
        get(&shown, "sources", "pokeapi_url").as_str(),
        Some("http://file.test/api/v2")
    );
    assert_eq!(
        get(&shown, "sources", "jsonplaceholder_url").as_str(),
        Some("https://jsonplaceholder.typicode.com")
    );
    assert_eq!(get(&shown, "http", "concurrency").as_integer(), Some(3));
    assert_eq!(get(&shown, "http", "retries").as_integer(), Some(3));
    // The environment over the file.
    let shown = show(apidex(&file).env("APIDEX_POKEAPI_URL", "http://env.test/api/v2"));
    assert_eq!(
        get(&shown, "sources", "pokeapi_url").as_str(),
        Some("http://env.test/api/v2")
    );
    assert_eq!(
        get(&shown, "sources", "dogapi_url").as_str(),
        Some("http://file.test/dog")
    );
    // A flag over the environment.
    let shown = show(
        apidex(&file)
            .env("APIDEX_POKEAPI_URL", "http://env.test/api/v2")
            .args([
                "--pokeapi-url",
                "http://flag.test/api/v2",
                "--concurrency",
                "5",
            ]),
    );
    assert_eq!(
        get(&shown, "sources", "pokeapi_url").as_str(),
        Some("http://flag.test/api/v2")
    );
    assert_eq!(get(&shown, "http", "concurrency").as_integer(), Some(5));
    // Every binding is spelled out.
    assert_eq!(get(&shown, "keys", "j").as_str(), Some("select_next"));
    assert_eq!(get(&shown, "theme", "accent").as_str(), Some("cyan"));
}

#[test]
fn config_path_follows_the_flag_and_the_environment() {
    let file = config_file("path", "");
    let output = apidex(&file).args(["config", "path"]).output().unwrap();
    assert!(output.status.success());
    assert_eq!(stdout(&output).trim(), file.display().to_string());
    let other = file.with_file_name("other.toml");
    let output = apidex(&file)
        .args(["--config", other.to_str().unwrap(), "config", "path"])
        .output()
        .unwrap();
    assert_eq!(stdout(&output).trim(), other.display().to_string());
}

#[test]
fn a_base_url_set_only_in_the_file_is_used() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = runtime.block_on(fixture_server());
    let [poke, jph, dog] = crate::support::base_urls(&server);
    let file = config_file(
        "server",
        &format!(
            "[sources]\npokeapi_url = \"{poke}\"\njsonplaceholder_url = \"{jph}\"\ndogapi_url = \"{dog}\"\n"
        ),
    );
    let output = apidex(&file)
        .args(["get", "pokemon", "pikachu", "--json"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("\"pikachu\""));
    assert_eq!(server.request_count(), 1);
    drop(server);
}
