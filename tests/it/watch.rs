//! `apidex watch`: the real binary against the test WebSocket server (`tests/it/support/ws.rs`,
//! replaying generated Jetstream events from `tests/fixtures/jetstream/`). Counts, sends,
//! reconnects that resume with the cursor (no gap, no repeat), garbage, binary, oversized and
//! cut frames, refusals and their exit codes, and a reader that goes away.
#![allow(clippy::unwrap_used)]

use std::fs::File;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use crate::support::process::finish;
use crate::support::ws::{self, BIG_FRAME, WsServer};

/// The test server with the runtime that drives it, and a scratch directory.
struct Fixture {
    server: WsServer,
    runtime: tokio::runtime::Runtime,
    dir: PathBuf,
}

impl Fixture {
    fn new(name: &str) -> Self {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let server = runtime.block_on(WsServer::start());
        let dir = std::env::temp_dir().join(format!("apidex-watch-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Self {
            server,
            runtime,
            dir,
        }
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_apidex"));
        command.arg("watch").args(args);
        scratch_env(&mut command, &self.dir);
        command
    }

    /// Runs `apidex watch ARGS`; returns the exit code, stdout lines and stderr.
    fn run(&self, args: &[&str]) -> (Option<i32>, Vec<String>, String) {
        let mut command = self.command(args);
        let out = self.dir.join("stdout.txt");
        command
            .stdin(Stdio::null())
            .stdout(File::create(&out).unwrap());
        let (status, stderr) = finish(command, &self.dir);
        let code = status.code();
        let stdout = std::fs::read_to_string(&out).unwrap();
        (code, stdout.lines().map(str::to_owned).collect(), stderr)
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn scratch_env(command: &mut Command, dir: &std::path::Path) {
    command
        .env("APIDEX_CACHE_DIR", dir.join("cache"))
        .env("APIDEX_CONFIG", dir.join("no-config.toml"))
        .env("APIDEX_LOG_FILE", dir.join("apidex.log"))
        .env_remove("APIDEX_CA_CERT")
        .env_remove("RUST_BACKTRACE")
        .env_remove("RUST_LIB_BACKTRACE");
}

fn times(lines: &[String]) -> Vec<u64> {
    lines.iter().map(|l| ws::time_us(l)).collect()
}

#[test]
fn count_prints_that_many_messages_as_sent_and_exits_0() {
    let fx = Fixture::new("count");
    let (code, lines, stderr) = fx.run(&[&fx.server.url("/subscribe"), "--count", "5"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(lines, ws::events()[..5].to_vec());
    assert_eq!(stderr, "apidex: 5 messages\n");
}

#[test]
fn duration_ends_a_quiet_stream_with_0_after_everything_it_sent() {
    let fx = Fixture::new("duration");
    let (code, lines, stderr) = fx.run(&[&fx.server.url("/subscribe"), "--duration", "1"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        lines,
        ws::events(),
        "every fixture event, then quiet until the deadline"
    );
}

#[test]
fn sends_go_out_after_connecting_and_echoes_print_as_json_strings() {
    let fx = Fixture::new("echo");
    let url = fx.server.url("/echo");
    let args = [&url, "--send", "hello", "--send", "wo\"rld", "--count", "2"];
    let (code, lines, stderr) = fx.run(&args);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(lines, [r#""Echo: hello""#, r#""Echo: wo\"rld""#]);
    let (_, raw, _) = fx.run(&[&url, "--send", "hello", "--count", "1", "--raw"]);
    assert_eq!(raw, ["Echo: hello"]);
}

#[test]
fn a_dropped_connection_resumes_at_the_cursor_without_gap_or_repeat() {
    let fx = Fixture::new("resume");
    // The server drops every connection after 4 messages and replays the cursor's own event
    // (as Jetstream does: "at or after"): the client must skip that one.
    let url = fx
        .server
        .url("/subscribe?wantedCollections=x&drop_after=4&repeat=1");
    let (code, lines, stderr) = fx.run(&[&url, "--count", "12"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(lines, ws::events()[..12].to_vec(), "no gap, no repeat");
    let times = times(&lines);
    assert!(times.windows(2).all(|w| w[0] < w[1]), "{times:?}");
    let requests = fx.server.requests();
    assert_eq!(
        requests[0],
        "/subscribe?wantedCollections=x&drop_after=4&repeat=1"
    );
    // Resumed just after the last event each connection delivered, the user's parameters kept.
    let after = ws::time_us(&ws::events()[3]) + 1;
    assert_eq!(
        requests[1],
        format!("/subscribe?wantedCollections=x&drop_after=4&repeat=1&cursor={after}")
    );
    assert!(
        stderr.contains("server closed: 1011 test server: drop_after reached; reconnecting in"),
        "{stderr}"
    );
    assert!(
        stderr.contains("repeated after a resume and dropped"),
        "{stderr}"
    );
}

#[test]
fn garbage_binary_and_oversized_frames_are_counted_and_the_stream_goes_on() {
    let fx = Fixture::new("garbage");
    // Per connection: an event, garbage, a binary frame, an event, then a frame over the cap
    // (which ends the connection: it is resumed past the last good event).
    let url = fx.server.url("/subscribe?garbage=2&binary=3&big=5");
    let (code, lines, stderr) = fx.run(&[&url, "--count", "5"]);
    assert_eq!(code, Some(0), "{stderr}");
    let events = ws::events();
    let garbage = r#""{not json\u001b]0;PWNED\u0007""#;
    assert_eq!(
        lines,
        [&events[0], garbage, &events[1], &events[2], garbage],
        "garbage as a JSON string (the escape escaped), binary skipped, the big frame refused"
    );
    let refusal = format!("refused a {}-byte frame", BIG_FRAME + 2);
    assert_eq!(
        stderr.matches(&refusal).count(),
        1,
        "one line for it: {stderr}"
    );
    assert!(
        stderr.ends_with(
            "apidex: 5 messages, 2 not JSON, 1 binary frame skipped, 1 refused over the size cap, \
             1 reconnect\n"
        ),
        "{stderr}"
    );
    // A bigger cap lets the frame through.
    let (code, lines, _) = fx.run(&[&url, "--count", "5", "--max-frame-kb", "2000"]);
    assert_eq!(code, Some(0));
    assert_eq!(lines[3].len(), BIG_FRAME + 2);
}

#[test]
fn a_server_dying_mid_frame_is_a_lost_connection_resumed() {
    let fx = Fixture::new("cut");
    let (code, lines, stderr) = fx.run(&[&fx.server.url("/subscribe?cut=3"), "--count", "4"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(lines, ws::events()[..4].to_vec());
    assert!(stderr.contains("reconnecting in"), "{stderr}");
}

#[test]
fn refusals_exit_1_naming_why_and_bad_urls_2() {
    let fx = Fixture::new("refused");
    let closed = format!("ws://127.0.0.1:{}/subscribe", crate::support::closed_port());
    let (silent, task) = fx.runtime.block_on(ws::silent_server());
    let cases = [
        (
            fx.server.url("/nope"),
            "the server answered HTTP 404 instead of upgrading",
        ),
        (fx.server.url("/refuse"), "server closed: 1008 not allowed"),
        (closed, "cannot connect"),
        (silent, "no answer to the upgrade within 0.5 s"),
    ];
    for (url, why) in cases {
        let (code, lines, stderr) = fx.run(&["--timeout", "0.5", &url, "--count", "1"]);
        assert_eq!(code, Some(1), "{url}: {stderr}");
        assert!(lines.is_empty());
        assert!(stderr.contains(why), "{url}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "one line says why: {stderr}");
    }
    task.abort();
    for url in ["https://example.com/", "ws://", "not a url"] {
        let (code, _, stderr) = fx.run(&[url]);
        assert_eq!(code, Some(2), "{url}: {stderr}");
    }
}

#[test]
fn a_reader_that_went_away_ends_the_watch_quietly_with_141() {
    let fx = Fixture::new("pipe");
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let mut command = fx.command(&[&fx.server.url("/subscribe")]);
    command.stdin(Stdio::null()).stdout(writer);
    let (status, stderr) = finish(command, &fx.dir);
    let code = status.code();
    assert_eq!(code, Some(141), "{stderr}");
    assert_eq!(stderr, "");
}

#[test]
fn head_gets_one_line_of_an_endless_stream_and_nothing_on_stderr() {
    let fx = Fixture::new("head");
    let url = fx.server.url("/subscribe?endless=1");
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!(
            "{{ '{}' watch '{url}'; echo $? > '{}'; }} | head -1",
            env!("CARGO_BIN_EXE_apidex"),
            fx.dir.join("status").display()
        ))
        .stdin(Stdio::null())
        .stdout(File::create(fx.dir.join("stdout.txt")).unwrap());
    scratch_env(&mut command, &fx.dir);
    let (status, stderr) = finish(command, &fx.dir);
    let code = status.code();
    assert_eq!(code, Some(0), "{stderr}");
    let out = std::fs::read_to_string(fx.dir.join("stdout.txt")).unwrap();
    assert_eq!(out.lines().collect::<Vec<_>>(), [ws::events()[0].as_str()]);
    assert_eq!(stderr, "");
    let status = std::fs::read_to_string(fx.dir.join("status")).unwrap();
    assert_eq!(status.trim(), "141", "the watch itself ended with 141");
}

#[test]
fn a_resume_that_carries_one_event_a_connection_still_moves_on() {
    let fx = Fixture::new("one-each");
    // Every connection brings one event and closes: resuming at the last one's own time
    // would bring that one back each time, and the stream would never move.
    let url = fx.server.url("/subscribe?drop_after=1");
    let (code, lines, stderr) = fx.run(&[&url, "--count", "5"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(lines, ws::events()[..5].to_vec(), "{stderr}");
    let second = ws::time_us(&ws::events()[0]) + 1;
    assert_eq!(
        fx.server.requests()[1],
        format!("/subscribe?drop_after=1&cursor={second}"),
        "one microsecond after the last delivered"
    );
    assert!(!stderr.contains("repeated"), "{stderr}");
}

#[test]
fn time_going_backwards_on_a_live_connection_is_passed_on() {
    let fx = Fixture::new("back");
    let (code, lines, stderr) = fx.run(&[&fx.server.url("/subscribe?back=3"), "--count", "4"]);
    assert_eq!(code, Some(0), "{stderr}");
    let events = ws::events();
    assert_eq!(lines, [&*events[0], &events[1], &events[0], &events[2]]);
    assert_eq!(
        stderr, "apidex: 4 messages\n",
        "nothing dropped, nothing called a repeat"
    );
}

#[test]
fn binary_frames_holding_json_are_skipped_too_and_bad_utf8_is_counted() {
    let fx = Fixture::new("binjson");
    let (code, lines, stderr) = fx.run(&[&fx.server.url("/subscribe?binjson=2"), "--count", "2"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        lines,
        ws::events()[..2].to_vec(),
        "the binary frame not printed"
    );
    assert_eq!(stderr, "apidex: 2 messages, 1 binary frame skipped\n");
    let url = fx.server.url("/subscribe?badutf8=2");
    let (code, lines, stderr) = fx.run(&[&url, "--count", "2"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(lines, ws::events()[..2].to_vec());
    assert!(
        stderr.contains("apidex: a text frame was not valid UTF-8; reconnecting in"),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("apidex: 2 messages, 1 not valid UTF-8, 1 reconnect\n"),
        "{stderr}"
    );
}
