//! The real binary, run under a pseudo-terminal by a small python3 script: what it wrote, the
//! terminal's settings when it stopped and when it ended, and its exit status. The one pty
//! driver: the browser's way out and its signals (`run_in_pty`), and its refusal to start when
//! stdin is not a terminal (`run_with_stdin_null`).
//!
//! Python's standard library provides the pseudo-terminal (`os.openpty`); python3 is on every
//! machine these tests run on. Without it the tests fail, saying so. The base URLs point at
//! 127.0.0.1 ports where nothing listens, so no request leaves the machine.
#![allow(clippy::unwrap_used)] // test support: a panic is how a test fails

use std::process::Command;

/// Runs the binary on a 100×30 pseudo-terminal and acts once the first frame is on screen, as
/// `mode` says:
/// - `quit`: types `q`; `wait`: does nothing (a panic test ends by itself);
/// - `signal:TERM` (`HUP`, `QUIT`, `INT`): sends that signal;
/// - `hangup`: closes the terminal (its master side), as closing a terminal window does;
///   `hangup:wrapped` does so with the binary under a shell that ignores SIGHUP, once it is
///   idle, so only the hang-up itself can tell it;
/// - `suspend:key` (types Ctrl-Z) or `suspend:signal` (sends SIGTSTP): waits until the binary
///   has stopped, notes what the terminal looks like then, sends SIGCONT, waits for a new frame
///   on the alternate screen and types `q`;
/// - `suspend:kill`: types Ctrl-Z, waits until the binary has stopped, then sends SIGTERM and
///   SIGCONT (what a shell's `kill %1` does).
///
/// Prints one JSON object: exit status (negative: killed by that signal), the terminal's
/// settings before and after, those when it stopped, and everything the binary wrote (hex).
const PTY_SCRIPT: &str = include_str!("pty/browser.py");

/// The terminal's settings at one moment.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Line-buffered (cooked) input.
    pub canonical: bool,
    /// Typed characters echoed.
    pub echo: bool,
    /// Exactly the settings from before the binary started.
    pub unchanged: bool,
}

/// What one run under the pseudo-terminal showed.
pub struct PtyRun {
    /// Exit status; negative when a signal killed the process.
    pub status: i64,
    /// Whether the script typed its `q`.
    pub typed: bool,
    /// The terminal's settings after the binary ended.
    pub after: Settings,
    /// When the binary stopped (suspend modes): the settings then and how much it had written.
    pub stop: Option<(Settings, usize)>,
    /// Everything the binary wrote.
    pub output: Vec<u8>,
}

impl PtyRun {
    /// Everything written, as text.
    pub fn text(&self) -> String {
        Written(&self.output).text()
    }

    /// Everything written.
    pub fn written(&self) -> Written<'_> {
        Written(&self.output)
    }
}

/// Bytes the binary wrote (all of them, or up to some moment).
#[derive(Clone, Copy)]
pub struct Written<'a>(pub &'a [u8]);

impl Written<'_> {
    /// As text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(self.0).into_owned()
    }

    /// Byte offset of the first occurrence of `needle`.
    pub fn first(&self, needle: &str) -> Option<usize> {
        self.0
            .windows(needle.len())
            .position(|w| w == needle.as_bytes())
    }

    /// Byte offset of the last occurrence of `needle`.
    pub fn last(&self, needle: &str) -> Option<usize> {
        self.0
            .windows(needle.len())
            .rposition(|w| w == needle.as_bytes())
    }

    /// Whether the last `off` sequence comes after the last `on` one (and `on` was sent).
    pub fn turned_off(&self, on: &str, off: &str) -> bool {
        match (self.last(on), self.last(off)) {
            (Some(on), Some(off)) => off > on,
            _ => false,
        }
    }
}

/// A port on 127.0.0.1 where nothing listens.
fn dead_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// Runs the binary in `mode` (see [`PTY_SCRIPT`]) with `APIDEX_TEST_PANIC` set to `panic`, if
/// any.
pub fn run_in_pty(mode: &str, panic: Option<&str>) -> PtyRun {
    let dead = format!("http://127.0.0.1:{}", dead_port());
    // Never the user's own cache or export directory.
    let dir = std::env::temp_dir().join(format!(
        "apidex-pty-{}-{}-{}",
        std::process::id(),
        mode.replace(':', "-"),
        panic.unwrap_or("none")
    ));
    let mut command = Command::new("python3");
    command
        .arg("-c")
        .arg(PTY_SCRIPT)
        .arg(env!("CARGO_BIN_EXE_apidex"))
        .arg(mode)
        .env("TERM", "xterm-256color")
        .env_remove("TMUX")
        .env("APIDEX_LANG", "en")
        // The report without a backtrace: shorter to read in a failure message.
        .env_remove("RUST_BACKTRACE")
        .env_remove("RUST_LIB_BACKTRACE")
        .env("APIDEX_POKEAPI_URL", format!("{dead}/api/v2"))
        .env("APIDEX_JSONPLACEHOLDER_URL", &dead)
        .env("APIDEX_DOGAPI_URL", format!("{dead}/api"))
        .env("APIDEX_CACHE_DIR", dir.join("cache"))
        .env("APIDEX_DATA_DIR", dir.join("data"))
        .env("APIDEX_EXPORT_DIR", dir.join("exports"))
        // Never the developer's own config file or log.
        .env("APIDEX_CONFIG", dir.join("no-config.toml"))
        .env("APIDEX_LOG_FILE", dir.join("apidex.log"))
        .env_remove("APIDEX_OFFLINE")
        .env_remove("APIDEX_NO_CACHE");
    match panic {
        Some(how) => command.env("APIDEX_TEST_PANIC", how),
        None => command.env_remove("APIDEX_TEST_PANIC"),
    };
    let report = report(&mut command);
    let _ = std::fs::remove_dir_all(&dir);
    let output = unhex(&report["output"]);
    let settings = |value: &serde_json::Value| Settings {
        canonical: value["canonical"].as_bool().unwrap(),
        echo: value["echo"].as_bool().unwrap(),
        unchanged: value["unchanged"].as_bool().unwrap(),
    };
    let stop = &report["stop"];
    PtyRun {
        status: report["status"].as_i64().unwrap(),
        typed: report["typed"].as_bool().unwrap(),
        after: settings(&report),
        stop: (!stop.is_null()).then(|| {
            (
                settings(stop),
                usize::try_from(stop["at"].as_u64().unwrap()).unwrap(),
            )
        }),
        output,
    }
}

/// Runs the browser with its stdout and stderr on a pseudo-terminal but stdin from /dev/null;
/// prints the exit status, whether the terminal's settings changed and what was written (hex).
const STDIN_NOT_A_TERMINAL: &str = include_str!("pty/stdin_null.py");

/// What [`run_with_stdin_null`] saw.
pub struct StdinRun {
    /// The exit status.
    pub status: i64,
    /// Everything the binary wrote to the terminal.
    pub output: Vec<u8>,
    /// Whether the terminal's settings were the same after the run as before.
    pub unchanged: bool,
}

/// Runs the browser with stdout and stderr on a pseudo-terminal and stdin from /dev/null (see
/// [`STDIN_NOT_A_TERMINAL`]), its environment set by `env`.
pub fn run_with_stdin_null(env: impl FnOnce(&mut Command)) -> StdinRun {
    let mut command = Command::new("python3");
    command
        .arg("-c")
        .arg(STDIN_NOT_A_TERMINAL)
        .arg(env!("CARGO_BIN_EXE_apidex"));
    env(&mut command);
    let report = report(&mut command);
    StdinRun {
        status: report["status"].as_i64().unwrap(),
        output: unhex(&report["output"]),
        unchanged: report["unchanged"].as_bool().unwrap(),
    }
}

/// Runs `command` (python3 with one of the scripts above) and parses the JSON object it prints.
fn report(command: &mut Command) -> serde_json::Value {
    let output = command.output().unwrap_or_else(|err| {
        panic!("python3 is needed to run the binary under a pseudo-terminal: {err}")
    });
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "the pty script failed ({}):\n{stdout}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_str(stdout.trim())
        .unwrap_or_else(|err| panic!("pty script output is not JSON ({err}): {stdout}"))
}

/// The bytes a report's hex string stands for.
fn unhex(hex: &serde_json::Value) -> Vec<u8> {
    let hex = hex.as_str().expect("a hex string");
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect()
}

// crossterm's sequences: the alternate screen, mouse capture (1000 is the first mode it turns
// on and the last it turns off), and the cursor.
/// Enters the alternate screen.
pub const ENTER_ALTERNATE: &str = "\x1b[?1049h";
/// Leaves the alternate screen.
pub const LEAVE_ALTERNATE: &str = "\x1b[?1049l";
/// The first mouse-capture mode crossterm turns on.
pub const MOUSE_ON: &str = "\x1b[?1000h";
/// The matching off.
pub const MOUSE_OFF: &str = "\x1b[?1000l";
/// The last mouse mode crossterm turns off (SGR reporting).
pub const SGR_MOUSE_OFF: &str = "\x1b[?1006l";
/// Bracketed paste on (a paste arrives as one event).
pub const PASTE_ON: &str = "\x1b[?2004h";
/// Bracketed paste off.
pub const PASTE_OFF: &str = "\x1b[?2004l";
/// Hides the cursor.
pub const HIDE_CURSOR: &str = "\x1b[?25l";
/// Shows the cursor.
pub const SHOW_CURSOR: &str = "\x1b[?25h";
/// Clears the whole screen (a full redraw starts with it).
pub const CLEAR_ALL: &str = "\x1b[2J";

/// Everything a restored terminal needs, given what was written up to then and the terminal's
/// settings at that moment.
pub fn assert_restored(written: Written<'_>, settings: Settings) {
    let screen = written.text();
    assert!(
        written.last(ENTER_ALTERNATE).is_some(),
        "never entered the alternate screen:\n{screen:?}"
    );
    assert!(screen.contains("apidex"), "no frame was drawn:\n{screen:?}");
    assert!(
        written.turned_off(ENTER_ALTERNATE, LEAVE_ALTERNATE),
        "the alternate screen was not left:\n{screen:?}"
    );
    assert!(
        written.turned_off(MOUSE_ON, MOUSE_OFF) && written.turned_off(MOUSE_ON, SGR_MOUSE_OFF),
        "mouse capture was not turned off:\n{screen:?}"
    );
    assert!(
        written.turned_off(PASTE_ON, PASTE_OFF),
        "bracketed paste was left on:\n{screen:?}"
    );
    assert!(
        written.turned_off(HIDE_CURSOR, SHOW_CURSOR),
        "the cursor was left hidden:\n{screen:?}"
    );
    assert!(
        settings.canonical && settings.echo,
        "the terminal was left in raw mode (canonical: {}, echo: {})",
        settings.canonical,
        settings.echo
    );
    assert!(
        settings.unchanged,
        "the terminal's settings differ from before the run"
    );
}
