//! Running `apidex` against a config file of the test's own: scratch directories, the command
//! with no `APIDEX_*` variables inherited, and `config show` parsed. Shared by
//! `config.rs`, `settings.rs` and `live_config.rs`.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use apidex::cli::Cli;
use apidex::config::Config;
use assert_cmd::Command;
use clap::Parser;

use super::process::without_apidex_env;
pub use super::process::{stderr, stdout};

/// Upper bound for one run of the binary.
pub const RUN_LIMIT: Duration = Duration::from_secs(60);

/// A directory of its own under the temp directory, emptied first.
pub fn scratch(name: &str) -> PathBuf {
    // The test binary's name and the pid keep two runs at once apart; within one run the tests
    // using this name their directories apart.
    let binary = std::env::current_exe()
        .ok()
        .and_then(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .unwrap_or_default();
    let dir = std::env::temp_dir().join(format!("apidex-{binary}-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes `text` as `config.toml` in a fresh scratch directory and returns its path.
pub fn config_file(name: &str, text: &str) -> PathBuf {
    let path = scratch(name).join("config.toml");
    std::fs::write(&path, text).unwrap();
    path
}

/// `apidex` with no `APIDEX_*` variables from the environment, the given config file, and the
/// cache, data and log in scratch space.
pub fn apidex(config: &Path) -> Command {
    let scratch = config.parent().unwrap().to_owned();
    let mut cmd = Command::cargo_bin("apidex").unwrap();
    without_apidex_env(&mut cmd);
    cmd.env("APIDEX_CONFIG", config)
        .env("APIDEX_CACHE_DIR", scratch.join("cache"))
        .env("APIDEX_DATA_DIR", scratch.join("data"))
        .env("APIDEX_LOG_FILE", scratch.join("apidex.log"))
        .timeout(RUN_LIMIT);
    cmd
}

/// `apidex config show`, parsed.
pub fn show(cmd: &mut Command) -> toml::Table {
    let output = cmd.args(["config", "show"]).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    toml::from_str(&stdout(&output)).unwrap()
}

pub fn get<'a>(table: &'a toml::Table, section: &str, key: &str) -> &'a toml::Value {
    &table[section][key]
}

/// Settings resolved from flags only (no environment: every flag given explicitly where it
/// matters) over `config`.
pub fn globals(args: &[&str], config: Config) -> apidex::cli::Globals {
    let mut cli =
        Cli::try_parse_from(std::iter::once("apidex").chain(args.iter().copied())).unwrap();
    cli.globals.config = config;
    cli.globals
}
