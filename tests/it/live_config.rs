//! The config file's `[live]` (#15): the Live tab's URL and buffer and the cap on one message,
//! checked like every setting (a bad value is named with its line and the default used), and
//! resolved flag > environment > file > default. The cap reaches `apidex watch` (against the
//! test WebSocket server) unless `--max-frame-kb` says otherwise.
#![allow(clippy::unwrap_used)]

use apidex::config::{self, Config};
use config_cli::{apidex, config_file, get, globals, show, stderr, stdout};

use crate::support::config_cli;
use crate::support::ws::{BIG_FRAME, WsServer};

const FILE: &str =
    "[live]\nurl = \"ws://file.example/subscribe\"\nbuffer = 500\nmax_frame_kb = 64\n";

#[test]
fn without_a_setting_the_defaults_are_shown() {
    let file = config_file("live-defaults", "");
    let shown = show(&mut apidex(&file));
    assert_eq!(
        get(&shown, "live", "url").as_str(),
        Some(apidex::live::DEFAULT_URL)
    );
    assert_eq!(get(&shown, "live", "buffer").as_integer(), Some(10_000));
    assert_eq!(get(&shown, "live", "max_frame_kb").as_integer(), Some(1000));
}

#[test]
fn the_file_is_used_and_environment_then_flags_win_over_it() {
    let file = config_file("live-layers", FILE);
    let shown = show(&mut apidex(&file));
    assert_eq!(
        get(&shown, "live", "url").as_str(),
        Some("ws://file.example/subscribe")
    );
    assert_eq!(get(&shown, "live", "buffer").as_integer(), Some(500));
    assert_eq!(get(&shown, "live", "max_frame_kb").as_integer(), Some(64));

    let shown = show(
        apidex(&file)
            .env("APIDEX_LIVE_URL", "wss://env.example/x")
            .env("APIDEX_LIVE_BUFFER", "700"),
    );
    assert_eq!(
        get(&shown, "live", "url").as_str(),
        Some("wss://env.example/x")
    );
    assert_eq!(get(&shown, "live", "buffer").as_integer(), Some(700));

    let shown = show(
        apidex(&file)
            .env("APIDEX_LIVE_URL", "wss://env.example/x")
            .env("APIDEX_LIVE_BUFFER", "700")
            .args(["--live-url", "ws://flag.example/y", "--live-buffer", "900"]),
    );
    assert_eq!(
        get(&shown, "live", "url").as_str(),
        Some("ws://flag.example/y")
    );
    assert_eq!(get(&shown, "live", "buffer").as_integer(), Some(900));
    // Parsed in code, the same layers.
    let loaded = config::parse(FILE, std::path::Path::new("c.toml"));
    let live = globals(&["--live-buffer", "20"], loaded.config)
        .settings()
        .live;
    assert_eq!(
        (live.url.as_str(), live.buffer, live.max_frame),
        ("ws://file.example/subscribe", 20, 64_000)
    );
}

#[test]
fn bad_file_values_are_named_with_their_line_and_the_defaults_used() {
    for (text, what) in [
        (
            "[live]\nurl = \"https://example.com\"\n",
            "not a WebSocket URL",
        ),
        ("[live]\nurl = \"nonsense\"\n", "not a URL"),
        (
            "[live]\nbuffer = 5\n",
            "buffer must be 10 to 1000000, not 5",
        ),
        ("[live]\nbuffer = -1\n", "line"),
        (
            "[live]\nmax_frame_kb = 0\n",
            "max_frame_kb must be 1 to 1000000",
        ),
        ("[live]\nspeed = 3\n", "speed"),
    ] {
        let file = config_file("live-bad", text);
        let output = apidex(&file).args(["config", "show"]).output().unwrap();
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(0), "{text}: {err}");
        assert!(err.contains(what) && err.contains("line"), "{text}: {err}");
        let shown: toml::Table = toml::from_str(&stdout(&output)).unwrap();
        assert_eq!(
            get(&shown, "live", "buffer").as_integer(),
            Some(10_000),
            "{text}"
        );
        assert_eq!(
            get(&shown, "live", "url").as_str(),
            Some(apidex::live::DEFAULT_URL),
            "{text}"
        );
    }
    // Built in code past the checks: the defaults, not a panic.
    let mut built = Config::default();
    built.live.url = Some("http://x".into());
    built.live.buffer = Some(0);
    built.live.max_frame_kb = Some(0);
    let live = globals(&[], built).settings().live;
    assert_eq!(live.url, apidex::live::DEFAULT_URL);
    assert_eq!(live.buffer, 10_000);
    assert_eq!(live.max_frame, apidex::live::DEFAULT_MAX_FRAME);
}

#[test]
fn bad_flag_and_environment_values_are_usage_errors() {
    let file = config_file("live-bad-flags", "");
    for (env, flag, what) in [
        (
            None,
            Some(("--live-buffer", "5")),
            "buffer must be 10 to 1000000",
        ),
        (Some(("APIDEX_LIVE_BUFFER", "abc")), None, "not a number"),
        (
            None,
            Some(("--live-url", "http://x")),
            "not a WebSocket URL",
        ),
    ] {
        let mut cmd = apidex(&file);
        if let Some((name, value)) = env {
            cmd.env(name, value);
        }
        if let Some((name, value)) = flag {
            cmd.args([name, value]);
        }
        let output = cmd.args(["config", "show"]).output().unwrap();
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{err}");
        assert!(err.contains(what), "{err}");
    }
}

#[test]
fn the_files_frame_cap_reaches_watch_and_the_flag_wins_over_it() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = runtime.block_on(WsServer::start());
    // The second frame is 1.1 MB: over the default 1 MB cap, under the file's 2 MB.
    let url = server.url("/subscribe?big=2");
    let file = config_file("live-frame-cap", "[live]\nmax_frame_kb = 2000\n");
    let run = |extra: &[&str]| {
        apidex(&file)
            .args(["watch", &url])
            .args(extra)
            .output()
            .unwrap()
    };
    let output = run(&["--count", "2"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let out = stdout(&output);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1].len(), BIG_FRAME + 2, "the big frame printed");
    assert!(!stderr(&output).contains("refused"), "{}", stderr(&output));
    // `--max-frame-kb 1000` over the file: refused (on every resume: the server sends it
    // again as each connection's second frame), so only the small events are printed.
    let output = run(&["--duration", "1", "--max-frame-kb", "1000"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).contains("refused a"), "{}", stderr(&output));
    assert!(stdout(&output).lines().all(|l| l.len() < 10_000));
}
