//! The config file, key bindings, theme and log: defaults from the bundled file, a user file
//! over them field by field, flags and environment over both, bad files reported by line,
//! rebound keys reaching the keymap, a theme colour reaching the screen, and fetch failures
//! reaching the log file.
#![allow(clippy::unwrap_used)]

use config_cli::{apidex, config_file, get, globals, show, stderr, stdout};

use std::path::Path;
use std::time::Duration;

use apidex::app::{App, Focus, Hosts};
use apidex::config::{self, Config};
use apidex::keymap::{KeyAction, Keymap, to_msg};
use apidex::msg::Msg;
use apidex::ui::theme::Theme;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;

use crate::support::config_cli;
use crate::support::{Reply, TestServer, fixture_server};

// --- defaults and layering ----------------------------------------------------------------------

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

// --- bad files ----------------------------------------------------------------------------------

#[test]
fn a_syntax_error_names_the_line_and_the_defaults_are_used() {
    let file = config_file(
        "syntax",
        "[http]\nconcurrency = 3\ntimeout = = 5\n[ttl]\ndefault = 1\n",
    );
    let output = apidex(&file).args(["config", "show"]).output().unwrap();
    assert!(output.status.success(), "the command goes on");
    let err = stderr(&output);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains(&format!("{} line 3:", file.display())),
        "{err}"
    );
    assert!(err.contains("using the defaults"), "{err}");
    let shown: toml::Table = toml::from_str(&stdout(&output)).unwrap();
    assert_eq!(get(&shown, "http", "concurrency").as_integer(), Some(8));
    assert_eq!(get(&shown, "ttl", "default").as_float(), Some(24.0));
}

#[test]
fn a_wrong_type_or_range_names_the_line() {
    for (text, line, what) in [
        (
            "# apidex\n[http]\nconcurrency = \"many\"\n",
            3,
            "invalid type",
        ),
        ("[http]\nretries = 99\n", 2, "retries must be 0 to 10"),
        ("[sources]\n\npokeapi_url = \"ftp://x\"\n", 3, "ftp"),
        ("[htp]\nconcurrency = 2\n", 1, "unknown field"),
    ] {
        let loaded = config::parse(text, Path::new("/etc/apidex.toml"));
        assert_eq!(loaded.config, Config::default(), "{text}");
        assert_eq!(loaded.problems.len(), 1, "{text}");
        let problem = &loaded.problems[0];
        assert!(
            problem.starts_with(&format!("/etc/apidex.toml line {line}: ")),
            "{problem}"
        );
        assert!(problem.contains(what), "{problem}");
        assert!(!problem.contains('\n'), "{problem}");
    }
}

#[test]
fn a_missing_file_is_no_config_and_no_problem() {
    let loaded = config::load(Some(Path::new("/nonexistent/apidex/config.toml")));
    assert!(loaded.problems.is_empty());
    assert_eq!(loaded.config, Config::default());
}

#[test]
fn the_browser_notice_names_the_file_briefly() {
    let problems = vec![
        "/home/me/.config/apidex/config.toml line 3: oops".to_owned(),
        "/home/me/.config/apidex/config.toml line 9: again".to_owned(),
    ];
    let notice = config::notice(
        &problems,
        Some(Path::new("/home/me/.config/apidex/config.toml")),
    );
    assert_eq!(
        notice.as_deref(),
        Some("config.toml line 3: oops (and 1 more)")
    );
    assert_eq!(config::notice(&[], None), None);
}

// --- key bindings -------------------------------------------------------------------------------

fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}

/// A fresh app and the keymap the loop would own for `config`.
fn app_with(config: &Config) -> (App, Keymap) {
    let (app, _) = App::new(Hosts::default());
    (app, config.clone().over(Config::bundled()).keymap())
}

#[test]
fn rebound_keys_reach_the_keymap() {
    let text = "[keys]\n\"j\" = \"page_down\"\n\"ctrl-d\" = \"page_down\"\n\"x\" = \"quit\"\n\"q\" = \"none\"\n\"f2\" = \"toggle_help\"\n";
    let loaded = config::parse(text, Path::new("config.toml"));
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let (app, keymap) = app_with(&loaded.config);
    let none = KeyModifiers::NONE;
    assert!(matches!(
        to_msg(&keymap, &app, &key(KeyCode::Char('j'), none)),
        Some(Msg::Page(1))
    ));
    assert!(matches!(
        to_msg(
            &keymap,
            &app,
            &key(KeyCode::Char('d'), KeyModifiers::CONTROL)
        ),
        Some(Msg::Page(1))
    ));
    assert!(matches!(
        to_msg(&keymap, &app, &key(KeyCode::Char('x'), none)),
        Some(Msg::Quit)
    ));
    assert!(to_msg(&keymap, &app, &key(KeyCode::Char('q'), none)).is_none());
    // Defaults not mentioned stay.
    assert!(matches!(
        to_msg(&keymap, &app, &key(KeyCode::Char('k'), none)),
        Some(Msg::Move(-1))
    ));
    // Ctrl-C always quits.
    assert!(matches!(
        to_msg(
            &keymap,
            &app,
            &key(KeyCode::Char('c'), KeyModifiers::CONTROL)
        ),
        Some(Msg::Quit)
    ));
    // While typing a search, characters are text, but other keys keep their bindings.
    let (mut typing, _) = app_with(&loaded.config);
    typing.focus = Focus::Search;
    assert!(matches!(
        to_msg(&keymap, &typing, &key(KeyCode::Char('x'), none)),
        Some(Msg::SearchInput('x'))
    ));
    assert!(matches!(
        to_msg(&keymap, &typing, &key(KeyCode::F(2), none)),
        Some(Msg::ToggleHelp)
    ));
    // The help and the hints follow.
    assert_eq!(
        keymap.help_keys(apidex::keymap::HelpKeys::Actions(&[KeyAction::PageDown])),
        "j PgDn Ctrl-D"
    );
    assert_eq!(
        keymap.hint(&[KeyAction::Quit], "quit", false).as_deref(),
        Some("x quit")
    );
}

#[test]
fn unknown_actions_and_keys_are_reported_by_line_and_skipped() {
    let text = "[keys]\n\"j\" = \"page_down\"\n\"k\" = \"frobnicate\"\n\"hyper-z\" = \"quit\"\n";
    let loaded = config::parse(text, Path::new("config.toml"));
    assert_eq!(loaded.problems.len(), 2, "{:?}", loaded.problems);
    assert!(
        loaded.problems[0].starts_with("config.toml line 4: unknown key \"hyper-z\"")
            || loaded.problems[1].starts_with("config.toml line 4: unknown key \"hyper-z\""),
        "{:?}",
        loaded.problems
    );
    assert!(
        loaded
            .problems
            .iter()
            .any(|p| p.starts_with("config.toml line 3: unknown action \"frobnicate\"")),
        "{:?}",
        loaded.problems
    );
    // The good binding still applies; the bad ones leave the defaults.
    let (app, keymap) = app_with(&loaded.config);
    assert!(matches!(
        to_msg(&keymap, &app, &key(KeyCode::Char('j'), KeyModifiers::NONE)),
        Some(Msg::Page(1))
    ));
    assert!(matches!(
        to_msg(&keymap, &app, &key(KeyCode::Char('k'), KeyModifiers::NONE)),
        Some(Msg::Move(-1))
    ));
}

#[test]
fn a_bad_binding_is_reported_by_the_binary_which_goes_on() {
    let file = config_file("badkey", "[keys]\n\"x\" = \"frobnicate\"\n");
    let output = apidex(&file).args(["config", "show"]).output().unwrap();
    assert!(output.status.success());
    let err = stderr(&output);
    assert!(
        err.contains("line 2: unknown action \"frobnicate\""),
        "{err}"
    );
    assert!(!stdout(&output).contains("frobnicate"));
}

#[test]
fn keys_are_bound_per_mode_and_the_readme_example_keeps_search_clear() {
    let text = "[keys]\n\"ctrl-u\" = \"page_up\"\n\"f2\" = \"toggle_help\"\n\
                [search_keys]\n\"ctrl-k\" = \"search_clear\"\n\"f2\" = \"none\"\n";
    let loaded = config::parse(text, Path::new("config.toml"));
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let (app, keymap) = app_with(&loaded.config);
    let (mut typing, _) = app_with(&loaded.config);
    typing.focus = Focus::Search;
    let ctrl = |c| key(KeyCode::Char(c), KeyModifiers::CONTROL);
    let f2 = key(KeyCode::F(2), KeyModifiers::NONE);
    assert!(matches!(
        to_msg(&keymap, &app, &ctrl('u')),
        Some(Msg::Page(-1))
    ));
    assert!(matches!(
        to_msg(&keymap, &typing, &ctrl('u')),
        Some(Msg::SearchClear)
    ));
    assert!(matches!(
        to_msg(&keymap, &typing, &ctrl('k')),
        Some(Msg::SearchClear)
    ));
    assert!(to_msg(&keymap, &app, &ctrl('k')).is_none());
    assert!(matches!(to_msg(&keymap, &app, &f2), Some(Msg::ToggleHelp)));
    assert!(
        to_msg(&keymap, &typing, &f2).is_none(),
        "unbound while typing"
    );
}

#[test]
fn a_search_binding_that_cannot_work_is_reported_and_config_show_reads_back() {
    let file = config_file(
        "searchkeys",
        "[keys]\n\"ctrl-u\" = \"page_up\"\n[search_keys]\n\"j\" = \"quit\"\n\"f3\" = \"first\"\n\"f4\" = \"toggle_help\"\n",
    );
    let output = apidex(&file).args(["config", "show"]).output().unwrap();
    assert!(output.status.success());
    let err = stderr(&output);
    assert!(
        err.contains("line 4: search_keys: \"j\" types into the search box"),
        "{err}"
    );
    assert!(
        err.contains("line 5: search_keys: \"first\" does nothing while typing"),
        "{err}"
    );
    let shown = stdout(&output);
    assert!(shown.contains("[search_keys]"), "{shown}");
    assert!(shown.contains("ctrl-u = \"search_clear\""), "{shown}");
    assert!(shown.contains("f4 = \"toggle_help\""), "{shown}");
    // What `config show` prints is a file that gives the same keymap.
    let printed = config::parse(&shown, Path::new("shown.toml"));
    assert!(printed.problems.is_empty(), "{:?}", printed.problems);
    let original = config::parse(&std::fs::read_to_string(&file).unwrap(), Path::new("f"));
    assert_eq!(
        printed.config.over(Config::bundled()).keymap(),
        original.config.over(Config::bundled()).keymap()
    );
}

#[test]
fn hints_name_the_keys_as_bound() {
    let text =
        "[keys]\n\"x\" = \"quit\"\n\"q\" = \"none\"\n\"f1\" = \"toggle_help\"\n\"?\" = \"none\"\n";
    let loaded = config::parse(text, Path::new("config.toml"));
    let (mut app, keymap) = app_with(&loaded.config);
    app.live.shown = true;
    let chrome = apidex::ui::Chrome {
        theme: Theme::default(),
        keymap,
    };
    let mut terminal = Terminal::new(TestBackend::new(120, 12)).unwrap();
    terminal
        .draw(|frame| apidex::ui::draw_with(frame, &mut app, &chrome))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let status: String = (0..120).map(|x| buffer[(x, 11)].symbol()).collect();
    assert!(status.contains("x quit"), "{status}");
    assert!(status.contains("F1 help"), "{status}");
    assert!(
        !status.contains("q quit") && !status.contains("? help"),
        "{status}"
    );
}

#[test]
fn one_key_spelled_twice_is_reported_and_the_last_in_the_file_wins() {
    // "Ctrl-U" sorts before "ctrl-u": the file's order decides, not the spelling's.
    let text = "[keys]\n\"ctrl-u\" = \"quit\"\n\"Ctrl-U\" = \"page_up\"\n";
    let loaded = config::parse(text, Path::new("config.toml"));
    assert_eq!(loaded.problems.len(), 1, "{:?}", loaded.problems);
    assert!(
        loaded.problems[0]
            .starts_with("config.toml line 2: keys: \"ctrl-u\" names the same key as \"Ctrl-U\""),
        "{:?}",
        loaded.problems
    );
    let (app, keymap) = app_with(&loaded.config);
    let ctrl_u = key(KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert!(matches!(
        to_msg(&keymap, &app, &ctrl_u),
        Some(Msg::Page(-1))
    ));
    // The other order: the lower-case spelling last, so it is the one used.
    let text = "[keys]\n\"Ctrl-U\" = \"page_up\"\n\"ctrl-u\" = \"quit\"\n";
    let loaded = config::parse(text, Path::new("config.toml"));
    assert_eq!(loaded.problems.len(), 1, "{:?}", loaded.problems);
    let (app, keymap) = app_with(&loaded.config);
    assert!(matches!(to_msg(&keymap, &app, &ctrl_u), Some(Msg::Quit)));
}

// --- theme --------------------------------------------------------------------------------------

#[test]
fn a_theme_colour_reaches_the_screen() {
    let loaded = config::parse(
        "[theme]\naccent = \"#123456\"\nerror = \"light-red\"\nok = \"no-such-colour\"\n",
        Path::new("config.toml"),
    );
    assert_eq!(loaded.problems.len(), 1, "{:?}", loaded.problems);
    assert!(loaded.problems[0].starts_with("config.toml line 4: theme.ok: unknown colour"));
    let theme = loaded.config.over(Config::bundled()).theme();
    assert_eq!(
        theme.ok,
        Theme::default().ok,
        "a bad colour keeps the default"
    );

    let (mut app, _) = App::new(Hosts::default());
    let chrome = apidex::ui::Chrome {
        theme,
        keymap: Keymap::default(),
    };
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal
        .draw(|frame| apidex::ui::draw_with(frame, &mut app, &chrome))
        .unwrap();
    // The active tab's title is drawn on the accent colour.
    let cell = &terminal.backend().buffer()[(1, 0)];
    assert_eq!(cell.symbol(), "1");
    assert_eq!(cell.style().bg, Some(Color::Rgb(0x12, 0x34, 0x56)));
    // And the default theme draws it as before.
    let (mut plain, _) = App::new(Hosts::default());
    terminal
        .draw(|frame| apidex::ui::draw(frame, &mut plain))
        .unwrap();
    assert_eq!(
        terminal.backend().buffer()[(1, 0)].style().bg,
        Some(Color::Cyan)
    );
}

// --- log ----------------------------------------------------------------------------------------

#[test]
fn a_failed_fetch_is_logged_to_the_log_file() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = runtime.block_on(TestServer::start());
    // A name the bundled offline snapshot does not know either, so the failure stands.
    server.route("/api/v2/pokemon/no-such-mon", Reply::status(500));
    let file = config_file("log", "[http]\nretries = 1\n");
    let log = file.with_file_name("apidex.log");
    let output = apidex(&file)
        .env("APIDEX_NO_CACHE", "1")
        .env("APIDEX_POKEAPI_URL", format!("{}/api/v2", server.url()))
        .args(["get", "pokemon", "no-such-mon"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    // Nothing of the log on the terminal.
    assert!(
        !stderr(&output).contains("fetch failed"),
        "{}",
        stderr(&output)
    );
    let logged = std::fs::read_to_string(&log).unwrap();
    let failed = logged
        .lines()
        .find(|l| l.contains("fetch failed"))
        .unwrap_or_else(|| panic!("no failure in the log:\n{logged}"));
    assert!(failed.contains("WARN"), "{failed}");
    assert!(failed.contains("/api/v2/pokemon/no-such-mon"), "{failed}");
    assert!(failed.contains("500"), "{failed}");
    assert!(logged.contains("retrying"), "{logged}");
    assert!(!logged.contains('\u{1b}'), "no colour codes");
    drop(server);
}

#[test]
fn apidex_log_off_writes_no_log() {
    let file = config_file("logoff", "");
    let log = file.with_file_name("apidex.log");
    let output = apidex(&file)
        .env("APIDEX_LOG", "off")
        .args(["config", "path"])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(!log.exists());
}
