//! Running the real binary: with nothing of the user's environment, to its end without a pipe
//! that could fill (stderr goes through a file, and a binary that does not exit in time is
//! killed and fails the test), and reading what it printed.

use std::fs::File;
use std::path::Path;
use std::process::{Command, ExitStatus, Output};
use std::time::{Duration, Instant};

/// Only there so a bug cannot hang the test run.
pub const RUN_LIMIT: Duration = Duration::from_secs(60);

/// Runs `command` to its end, stderr captured in `dir`; returns its status and stderr.
pub fn finish(mut command: Command, dir: &Path) -> (ExitStatus, String) {
    let log = dir.join("stderr.txt");
    command.stderr(File::create(&log).unwrap());
    let mut child = command.spawn().unwrap();
    let deadline = Instant::now() + RUN_LIMIT;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("the binary did not exit within {RUN_LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    (status, std::fs::read_to_string(&log).unwrap())
}

/// `cmd` without the `APIDEX_*` variables of the environment the tests run in (the developer's
/// own settings must not change what a test sees).
pub fn without_apidex_env(cmd: &mut assert_cmd::Command) -> &mut assert_cmd::Command {
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("APIDEX_") {
            cmd.env_remove(name);
        }
    }
    cmd
}

/// What the binary wrote to stdout, which must be UTF-8.
pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

/// What the binary wrote to stderr, which must be UTF-8.
pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

/// The exit code of a binary that exited (not killed by a signal).
pub fn code(output: &Output) -> i32 {
    output.status.code().expect("exited normally")
}
