//! The theme reaching the screen, and the log file (written on a failure, not at all when off).

use config_cli::{apidex, config_file, stderr};

use std::path::Path;

use apidex::app::{App, Hosts};
use apidex::config::{self, Config};
use apidex::keymap::Keymap;
use apidex::ui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;

use crate::support::config_cli;
use crate::support::{Reply, TestServer};

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
