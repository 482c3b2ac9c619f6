//! The real binary, run under a pseudo-terminal: whether it quits with `q` or panics inside the
//! loop, the terminal is left as it was found — main screen, cooked mode with echo, no mouse
//! capture, a visible cursor — and a panic's report is printed where the user can read it.
//!
//! Python's standard library provides the pseudo-terminal (`os.openpty`); python3 is on every
//! machine these tests run on. Without it the tests fail, saying so. The base URLs point at
//! 127.0.0.1 ports where nothing listens, so no request leaves the machine.
#![allow(clippy::unwrap_used)]

use std::process::Command;

/// Runs the binary on a 100×30 pseudo-terminal; in mode `quit` types `q` once the first frame is
/// on screen. Prints one JSON object: exit status, the terminal's settings before and after, and
/// everything the binary wrote (hex).
const PTY_SCRIPT: &str = r#"
import fcntl, json, os, select, struct, subprocess, sys, termios, time

binary, mode = sys.argv[1], sys.argv[2]
master, slave = os.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
before = termios.tcgetattr(slave)

def controlling_terminal():
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)

child = subprocess.Popen(
    [binary, "--no-images"],
    stdin=slave, stdout=slave, stderr=slave,
    start_new_session=True, preexec_fn=controlling_terminal,
)
out = bytearray()
typed = False
# A guard against hanging for ever, not a measurement: the binary needs well under a second.
limit = time.monotonic() + 60
while True:
    if time.monotonic() > limit:
        child.kill()
        child.wait()
        print(json.dumps({"error": "the binary did not exit within 60 s", "output": out.hex()}))
        sys.exit(3)
    ready, _, _ = select.select([master], [], [], 0.1)
    if ready:
        out += os.read(master, 65536)
    entered = out.find(b"\x1b[?1049h")
    if mode == "quit" and not typed and entered >= 0 and b"apidex" in out[entered:]:
        os.write(master, b"q")
        typed = True
    # The parent holds the slave open, so reads never see end-of-file: stop once the child has
    # exited and its output is drained.
    if child.poll() is not None and not ready:
        break
after = termios.tcgetattr(slave)
print(json.dumps({
    "status": child.returncode,
    "typed": typed,
    "canonical": bool(after[3] & termios.ICANON),
    "echo": bool(after[3] & termios.ECHO),
    "unchanged": after == before,
    "output": out.hex(),
}))
"#;

/// What one run under the pseudo-terminal showed.
#[allow(clippy::struct_excessive_bools)] // independent facts the script reported
struct PtyRun {
    status: i64,
    typed: bool,
    canonical: bool,
    echo: bool,
    unchanged: bool,
    output: Vec<u8>,
}

impl PtyRun {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.output).into_owned()
    }

    /// Byte offset of the last occurrence of `needle`.
    fn last(&self, needle: &str) -> Option<usize> {
        self.output
            .windows(needle.len())
            .rposition(|w| w == needle.as_bytes())
    }

    /// Whether the last `off` sequence comes after the last `on` one (and `on` was sent).
    fn turned_off(&self, on: &str, off: &str) -> bool {
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

/// Runs the binary (`mode`: `quit` types `q`, `wait` types nothing) with `APIDEX_TEST_PANIC`
/// set to `panic`, if any.
fn run_in_pty(mode: &str, panic: Option<&str>) -> PtyRun {
    let dead = format!("http://127.0.0.1:{}", dead_port());
    // Never the user's own cache or export directory.
    let dir = std::env::temp_dir().join(format!(
        "apidex-panic-restore-{}-{mode}-{}",
        std::process::id(),
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
    let output = command.output().unwrap_or_else(|err| {
        panic!("python3 is needed to run the binary under a pseudo-terminal: {err}")
    });
    let _ = std::fs::remove_dir_all(&dir);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "the pty script failed ({}):\n{stdout}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    let report: serde_json::Value = serde_json::from_str(stdout.trim())
        .unwrap_or_else(|err| panic!("pty script output is not JSON ({err}): {stdout}"));
    let hex = report["output"].as_str().unwrap();
    let output = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect();
    PtyRun {
        status: report["status"].as_i64().unwrap(),
        typed: report["typed"].as_bool().unwrap(),
        canonical: report["canonical"].as_bool().unwrap(),
        echo: report["echo"].as_bool().unwrap(),
        unchanged: report["unchanged"].as_bool().unwrap(),
        output,
    }
}

// crossterm's sequences: the alternate screen, mouse capture (1000 is the first mode it turns
// on and the last it turns off), and the cursor.
const ENTER_ALTERNATE: &str = "\x1b[?1049h";
const LEAVE_ALTERNATE: &str = "\x1b[?1049l";
const MOUSE_ON: &str = "\x1b[?1000h";
const MOUSE_OFF: &str = "\x1b[?1000l";
const SGR_MOUSE_OFF: &str = "\x1b[?1006l";
const HIDE_CURSOR: &str = "\x1b[?25l";
const SHOW_CURSOR: &str = "\x1b[?25h";

/// Everything a restored terminal needs, whichever way the binary ended.
fn assert_restored(run: &PtyRun) {
    let screen = run.text();
    assert!(
        run.last(ENTER_ALTERNATE).is_some(),
        "never entered the alternate screen:\n{screen:?}"
    );
    assert!(screen.contains("apidex"), "no frame was drawn:\n{screen:?}");
    assert!(
        run.turned_off(ENTER_ALTERNATE, LEAVE_ALTERNATE),
        "the alternate screen was not left:\n{screen:?}"
    );
    assert!(
        run.turned_off(MOUSE_ON, MOUSE_OFF) && run.last(SGR_MOUSE_OFF).is_some(),
        "mouse capture was not turned off:\n{screen:?}"
    );
    assert!(
        run.turned_off(HIDE_CURSOR, SHOW_CURSOR),
        "the cursor was left hidden:\n{screen:?}"
    );
    assert!(
        run.canonical && run.echo,
        "the terminal was left in raw mode (canonical: {}, echo: {})",
        run.canonical,
        run.echo
    );
    assert!(
        run.unchanged,
        "the terminal's settings differ from before the run"
    );
}

#[test]
fn q_quits_with_status_0_and_restores_the_terminal() {
    let run = run_in_pty("quit", None);
    assert!(
        run.typed,
        "the first frame never appeared:\n{:?}",
        run.text()
    );
    assert_eq!(run.status, 0, "exit status; output:\n{:?}", run.text());
    assert_restored(&run);
    assert!(!run.text().contains("panicked"), "{:?}", run.text());
}

#[test]
fn a_panic_in_the_loop_restores_the_terminal_and_reports_it() {
    let run = run_in_pty("wait", Some("1"));
    assert_ne!(run.status, 0, "a panic must not exit 0:\n{:?}", run.text());
    assert_restored(&run);
    // The report is readable: written after the alternate screen was left, not into it.
    let screen = run.text();
    let left = run.last(LEAVE_ALTERNATE).unwrap();
    let message = "a deliberate panic after the first frame";
    let reported = run
        .output
        .windows(message.len())
        .rposition(|w| w == message.as_bytes())
        .unwrap_or_else(|| panic!("the panic message was not printed:\n{screen:?}"));
    assert!(
        reported > left,
        "the panic report went to the alternate screen, which was then cleared:\n{screen:?}"
    );
    assert!(screen.contains("panicked"), "{screen:?}");
}

#[test]
fn a_panic_in_a_background_task_leaves_the_browser_running_and_is_reported_at_exit() {
    // The task panics before the loop reads a key; `q` still quits (the terminal is still in
    // raw mode: a restored, line-buffered terminal would hold the `q` back for ever).
    let run = run_in_pty("quit", Some("task"));
    assert!(
        run.typed,
        "the first frame never appeared:\n{:?}",
        run.text()
    );
    assert_restored(&run);
    let screen = run.text();
    assert_eq!(
        screen.matches(LEAVE_ALTERNATE).count(),
        1,
        "the screen was torn down while the browser ran:\n{screen:?}"
    );
    // Reported after the terminal is restored, and the exit status says something went wrong.
    let left = run.last(LEAVE_ALTERNATE).unwrap();
    let message = "a deliberate panic in a background task";
    let reported = run
        .output
        .windows(message.len())
        .rposition(|w| w == message.as_bytes())
        .unwrap_or_else(|| panic!("the panic was not reported:\n{screen:?}"));
    assert!(reported > left, "{screen:?}");
    assert_ne!(run.status, 0, "{screen:?}");
}
