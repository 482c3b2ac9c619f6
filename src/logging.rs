//! Logging to a file, never to the screen: `apidex.log` in the platform's data directory
//! (`~/.local/share/apidex` on Linux), or the file `APIDEX_LOG_FILE` names. `APIDEX_LOG` sets the
//! level (`error`, `warn`, `info` — the default —, `debug`, `trace`, or `off`).
//!
//! Log lines carry text from outside — error messages, URLs, API data — and people read logs
//! with `tail -f` on a terminal, so every line is sanitised like the screen is
//! ([`crate::sanitize::line`]): the writer itself escapes control characters, ESC included, in
//! each line it is given, so no call site can forget.

use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::Mutex;

use tracing::level_filters::LevelFilter;
use tracing_subscriber::fmt::MakeWriter;

/// The variable naming the log file.
pub const FILE_ENV: &str = "APIDEX_LOG_FILE";
/// The variable setting the level.
pub const LEVEL_ENV: &str = "APIDEX_LOG";
/// The log file's name in the data directory.
pub const FILE_NAME: &str = "apidex.log";
/// A log file larger than this at start-up is moved to `apidex.log.old` (one generation kept).
const ROTATE_BYTES: u64 = 4 * 1024 * 1024;

/// Where the log goes: `APIDEX_LOG_FILE`, else `apidex.log` in `APIDEX_DATA_DIR`, else in the
/// platform's data directory.
pub fn path() -> Option<PathBuf> {
    std::env::var_os(FILE_ENV)
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("APIDEX_DATA_DIR")
                .filter(|p| !p.is_empty())
                .map(|d| PathBuf::from(d).join(FILE_NAME))
        })
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
        .with_writer(Sanitizing(Mutex::new(file)))
        .try_init()
        .map_err(|err| err.to_string())?;
    Ok(Some(path))
}

/// Makes writers that sanitise what they are given (see [`Sanitized`]).
#[derive(Debug)]
pub struct Sanitizing<M>(pub M);

impl<'a, M: MakeWriter<'a>> MakeWriter<'a> for Sanitizing<M> {
    type Writer = Sanitized<M::Writer>;

    fn make_writer(&'a self) -> Self::Writer {
        Sanitized(self.0.make_writer())
    }
}

/// A writer that escapes every control character (ESC, BEL, CR, line breaks…) in each write
/// but a final newline. The formatter writes one whole event per call, so each event stays one
/// line, and nothing in it can drive the terminal of whoever reads the log.
#[derive(Debug)]
pub struct Sanitized<W>(pub W);

impl<W: Write> Write for Sanitized<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        let (body, end) = match text.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (&*text, ""),
        };
        let safe = crate::sanitize::line(body);
        let mut line = String::with_capacity(safe.len() + 1);
        line.push_str(&safe);
        line.push_str(end);
        self.0.write_all(line.as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_from_outside_reach_the_log_escaped() {
        let file = tempfile::NamedTempFile::new().unwrap();
        let writer = Sanitizing(Mutex::new(file.reopen().unwrap()));
        let subscriber = tracing_subscriber::fmt()
            .with_ansi(false)
            .with_writer(writer)
            .finish();
        tracing::subscriber::with_default(subscriber, || {
            let error = "title \u{1b}]0;pwned\u{7} and\nA FORGED LINE";
            tracing::warn!(%error, "export failed");
        });
        let logged = std::fs::read_to_string(file.path()).unwrap();
        assert!(logged.contains("\\x1b]0;pwned\\x07"), "{logged}");
        assert!(
            !logged.contains('\u{1b}') && !logged.contains('\u{7}'),
            "{logged}"
        );
        // One event, one line: a newline inside the data cannot forge another entry.
        assert_eq!(logged.lines().count(), 1, "{logged}");
        assert!(logged.ends_with('\n'));
    }
}
