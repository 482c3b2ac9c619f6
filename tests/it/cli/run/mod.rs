//! The `apidex` binary end to end, against the fixture server: output formats, exit statuses,
//! error reporting, and terminal safety of what it prints.
//!
//! Split by subcommand and by kind of failure; the fixture server and the runners are here.
#![allow(clippy::unwrap_used)]

use std::process::Output;
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

use crate::support::Served;
use crate::support::process::stdout;

mod failures;
mod flags;
mod get;
mod hostile;
mod list;

/// Upper bound for one run of the binary; only there so a bug cannot hang the test run.
const RUN_LIMIT: Duration = Duration::from_secs(60);

/// A fixture server (with the runtime that drives it) for the binary to talk to.
struct Fixture {
    server: Served,
}

impl Fixture {
    fn new() -> Self {
        Self {
            server: Served::fixtures(),
        }
    }

    /// An empty server (every path 404s).
    fn empty() -> Self {
        Self {
            server: Served::empty(),
        }
    }

    /// `apidex` with the three base URLs pointed at this server.
    fn cmd(&self) -> Command {
        let mut cmd = bare();
        cmd.args(crate::support::url_flags(&self.server));
        cmd
    }

    /// Runs `apidex ARGS` against this server.
    fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().unwrap()
    }
}

/// `apidex` with no base URL flags, none of the URL variables inherited, and a time limit.
fn bare() -> Command {
    let mut cmd = Command::cargo_bin("apidex").unwrap();
    cmd.env_remove("APIDEX_POKEAPI_URL")
        .env_remove("APIDEX_JSONPLACEHOLDER_URL")
        .env_remove("APIDEX_DOGAPI_URL")
        .env_remove("APIDEX_NO_CACHE")
        .env_remove("APIDEX_OFFLINE")
        .env_remove("APIDEX_NO_IMAGES")
        // English whatever the machine's locale (`--lang` tests say theirs).
        .env_remove("APIDEX_LANG")
        .env("LC_ALL", "C.UTF-8")
        // Never the user's config file (a file that does not exist is no config) nor their log.
        .env(
            "APIDEX_CONFIG",
            std::env::temp_dir().join(format!(
                "apidex-cli-tests-{}-no-config.toml",
                std::process::id()
            )),
        )
        .env(
            "APIDEX_LOG_FILE",
            std::env::temp_dir().join(format!("apidex-cli-tests-{}.log", std::process::id())),
        )
        // Never the user's own cache: one per test process, under the temp directory.
        .env(
            "APIDEX_CACHE_DIR",
            std::env::temp_dir().join(format!("apidex-cli-tests-{}", std::process::id())),
        )
        .timeout(RUN_LIMIT);
    cmd
}

/// stdout parsed as one JSON array.
fn json_array(output: &Output) -> Vec<Value> {
    let value: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|err| {
        panic!("stdout is not JSON ({err}): {}", stdout(output));
    });
    match value {
        Value::Array(items) => items,
        other => panic!("stdout is not a JSON array: {other}"),
    }
}
