//! Logging to a file, never to the screen: `apidex.log` in the platform's data directory
//! (`~/.local/share/apidex` on Linux), or the file `APIDEX_LOG_FILE` names. `APIDEX_LOG` sets the
//! level (`error`, `warn`, `info` — the default —, `debug`, `trace`, or `off`).

use std::fs::OpenOptions;
use std::path::PathBuf;
use std::sync::Mutex;

use tracing::level_filters::LevelFilter;

/// The variable naming the log file.
pub const FILE_ENV: &str = "APIDEX_LOG_FILE";
/// The variable setting the level.
pub const LEVEL_ENV: &str = "APIDEX_LOG";
/// The log file's name in the data directory.
pub const FILE_NAME: &str = "apidex.log";
/// A log file larger than this at start-up is moved to `apidex.log.old` (one generation kept).
const ROTATE_BYTES: u64 = 4 * 1024 * 1024;

/// Where the log goes: `APIDEX_LOG_FILE`, else `apidex.log` in the platform's data directory.
pub fn path() -> Option<PathBuf> {
    std::env::var_os(FILE_ENV)
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            directories::ProjectDirs::from("", "", "apidex").map(|d| d.data_dir().join(FILE_NAME))
        })
}

/// The level `APIDEX_LOG` asks for (info when unset or unreadable).
fn level() -> LevelFilter {
    std::env::var(LEVEL_ENV)
        .ok()
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or(LevelFilter::INFO)
}

/// Sends `tracing` events to the log file for the rest of the process. Returns the file's path,
/// or `None` when logging is off (`APIDEX_LOG=off`, or no data directory).
///
/// # Errors
/// When the file cannot be opened; apidex then runs without a log.
pub fn init() -> Result<Option<PathBuf>, String> {
    let level = level();
    let Some(path) = path().filter(|_| level != LevelFilter::OFF) else {
        return Ok(None);
    };
    let fail = |err: std::io::Error| format!("cannot write the log {}: {err}", path.display());
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    if std::fs::metadata(&path).is_ok_and(|m| m.len() > ROTATE_BYTES) {
        let _ = std::fs::rename(&path, path.with_extension("log.old"));
    }
    let file = OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .map_err(fail)?;
    tracing_subscriber::fmt()
        .with_ansi(false)
        .with_max_level(level)
        .with_writer(Mutex::new(file))
        .try_init()
        .map_err(|err| err.to_string())?;
    Ok(Some(path))
}
