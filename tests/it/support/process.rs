//! Running the real binary to its end without a pipe that could fill: stderr goes through a
//! file, and a binary that does not exit in time is killed and fails the test.

use std::fs::File;
use std::path::Path;
use std::process::{Command, ExitStatus};
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
