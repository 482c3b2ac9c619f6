//! Where stdout goes: a reader that goes away ends the command quietly, a stdout that cannot be
//! written is an error, and the browser refuses to start without a terminal, leaving stdout
//! untouched. Against the fixture server; no request leaves the machine.
#![allow(clippy::unwrap_used)]

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::support::process::finish;
use crate::support::pty;
use crate::support::{Served, base_urls};

/// A fixture server with the runtime that drives it; both live as long as the test.
struct Fixture {
    server: Served,
    dir: PathBuf,
}

impl Fixture {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("apidex-pipes-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Self {
            server: Served::fixtures(),
            dir,
        }
    }

    /// `apidex ARGS` pointed at this server, with a scratch cache, config and log.
    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_apidex"));
        command
            .args(crate::support::url_flags(&self.server))
            .args(args);
        scratch_env(&mut command, &self.dir);
        command
    }

    /// The shell command line for `apidex ARGS` against this server (for pipelines).
    fn shell_line(&self, args: &str) -> String {
        let [poke, jph, dog] = base_urls(&self.server);
        format!(
            "'{}' --pokeapi-url '{poke}' --jsonplaceholder-url '{jph}' --dogapi-url '{dog}' {args}",
            env!("CARGO_BIN_EXE_apidex")
        )
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Never the user's cache, config file, log or terminal settings.
fn scratch_env(command: &mut Command, dir: &Path) {
    command
        .env("APIDEX_CACHE_DIR", dir.join("cache"))
        .env("APIDEX_CONFIG", dir.join("no-config.toml"))
        .env("APIDEX_LOG_FILE", dir.join("apidex.log"))
        .env("APIDEX_EXPORT_DIR", dir.join("exports"))
        .env_remove("APIDEX_POKEAPI_URL")
        .env_remove("APIDEX_JSONPLACEHOLDER_URL")
        .env_remove("APIDEX_DOGAPI_URL")
        .env_remove("APIDEX_OFFLINE")
        .env_remove("APIDEX_NO_CACHE")
        .env_remove("RUST_BACKTRACE")
        .env_remove("RUST_LIB_BACKTRACE");
}

#[test]
fn a_reader_that_went_away_ends_the_command_quietly_with_141() {
    let fx = Fixture::new("closed");
    for args in [
        &["list", "pokemon"][..],
        &["get", "pokemon", "pikachu"],
        &["--help"],
    ] {
        // The read end is closed before the binary starts, so its write must fail.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let mut command = fx.command(args);
        command.stdin(Stdio::null()).stdout(writer);
        let (status, stderr) = finish(command, &fx.dir);
        assert_eq!(status.code(), Some(141), "{args:?}; stderr: {stderr}");
        assert_eq!(stderr, "", "{args:?}: a closed pipe is not worth a message");
    }
}

#[test]
fn head_gets_one_line_and_no_backtrace() {
    let fx = Fixture::new("head");
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!("{} | head -1", fx.shell_line("list pokemon")))
        .stdin(Stdio::null())
        .stdout(File::create(fx.dir.join("stdout.txt")).unwrap());
    scratch_env(&mut command, &fx.dir);
    let (status, stderr) = finish(command, &fx.dir);
    assert!(status.success(), "{status}; stderr: {stderr}");
    let out = std::fs::read_to_string(fx.dir.join("stdout.txt")).unwrap();
    assert_eq!(out, "1 Bulbasaur\n");
    assert_eq!(stderr, "");
}

#[test]
fn a_stdout_that_cannot_be_written_is_reported_and_exits_1() {
    let fx = Fixture::new("full");
    let [poke, ..] = base_urls(&fx.server);
    let url = format!("{poke}/pokemon/25");
    for args in [
        &["list", "pokemon"][..],
        &["get", "pokemon", "pikachu"],
        &["get", "--json", "pokemon", "pikachu"],
        &["fetch", &url],
        &["config", "show"],
        &["cache", "path"],
        &["--help"],
        &["--version"],
    ] {
        let mut command = fx.command(args);
        let full = File::options().write(true).open("/dev/full").unwrap();
        command.stdin(Stdio::null()).stdout(full);
        let (status, stderr) = finish(command, &fx.dir);
        assert_eq!(status.code(), Some(1), "{args:?}; stderr: {stderr}");
        assert!(
            stderr.contains("apidex: cannot write output: No space left on device"),
            "{args:?}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

#[test]
fn the_browser_refuses_to_start_when_stdout_is_not_a_terminal() {
    let fx = Fixture::new("no-tty");
    let mut command = fx.command(&["--no-images"]);
    command
        .stdin(Stdio::null())
        .stdout(File::create(fx.dir.join("stdout.txt")).unwrap());
    let (status, stderr) = finish(command, &fx.dir);
    assert_eq!(status.code(), Some(2), "stderr: {stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(
        stderr.starts_with("apidex: the browser needs a terminal, but stdout is not one"),
        "{stderr}"
    );
    let out = std::fs::read(fx.dir.join("stdout.txt")).unwrap();
    assert!(
        out.is_empty(),
        "wrote to stdout: {:?}",
        String::from_utf8_lossy(&out)
    );
}

#[test]
fn the_browser_refuses_to_start_when_stdin_is_not_a_terminal() {
    let fx = Fixture::new("no-tty-stdin");
    let run = pty::run_with_stdin_null(|command| scratch_env(command, &fx.dir));
    let text = String::from_utf8_lossy(&run.output);
    assert_eq!(run.status, 2, "{text:?}");
    assert!(
        text.starts_with("apidex: the browser needs a terminal, but stdin is not one"),
        "{text:?}"
    );
    // The pty turns "\n" into "\r\n": one line all the same.
    assert_eq!(text.trim_end().lines().count(), 1, "{text:?}");
    assert!(
        !run.output.contains(&0x1b),
        "escape sequences written: {text:?}"
    );
    assert!(run.unchanged, "the terminal's settings changed");
}
