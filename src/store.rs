//! The on-disk store: one SQLite database (WAL mode) holding the response cache, bookmarks,
//! history and recent searches.
//!
//! Every method here blocks; async callers run them with `spawn_blocking` so neither the UI nor
//! the runtime's workers ever wait on disk. A corrupt or unreadable database is moved aside and
//! a fresh one created, with a warning — never a crash. Two apidex processes may share the file:
//! SQLite's locking plus a busy timeout serialise their writes.

pub mod marks;
pub mod responses;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rusqlite::Connection;

/// File name of the database inside the cache directory.
pub const FILE_NAME: &str = "apidex.sqlite3";

/// Default cap on cached response bodies: 200 MB.
pub const DEFAULT_MAX_BYTES: u64 = 200 * 1000 * 1000;

/// Something went wrong with the store.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cache {path}: {reason}")]
pub struct StoreError {
    /// The database file.
    pub path: String,
    /// What SQLite or the file system said.
    pub reason: String,
}

/// A handle to the database; clones share the connection.
#[derive(Debug, Clone)]
pub struct Store {
    conn: Arc<Mutex<Connection>>,
    path: PathBuf,
    max_bytes: u64,
    /// What happened while opening (a corrupt file moved aside), for the user to see once.
    pub warning: Option<String>,
}

const SCHEMA: &str = "
    CREATE TABLE IF NOT EXISTS responses (
        url        TEXT PRIMARY KEY,
        body       BLOB NOT NULL,
        status     INTEGER NOT NULL,
        fetched_at INTEGER NOT NULL,
        etag       TEXT,
        max_age    INTEGER,
        last_used  INTEGER NOT NULL,
        size       INTEGER NOT NULL
    );
    -- Covers eviction and the size total without reading rows: `size` is stored after the
    -- body, so reaching it in the table means walking the body's overflow pages.
    CREATE INDEX IF NOT EXISTS responses_lru ON responses (last_used, size, url);
    DROP INDEX IF EXISTS responses_last_used;
    CREATE TABLE IF NOT EXISTS bookmarks (
        key     TEXT PRIMARY KEY,
        label   TEXT NOT NULL,
        created INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS history (
        id    INTEGER PRIMARY KEY AUTOINCREMENT,
        key   TEXT NOT NULL,
        label TEXT NOT NULL,
        at    INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS searches (
        query TEXT PRIMARY KEY,
        at    INTEGER NOT NULL
    );
";

impl Store {
    /// Opens (or creates) the database in `dir`, keeping cached bodies under `max_bytes`.
    ///
    /// # Errors
    /// Only when no database can be created at all (the directory is not writable); a corrupt
    /// file is moved aside and replaced instead.
    pub fn open(dir: &Path, max_bytes: u64) -> Result<Self, StoreError> {
        let path = dir.join(FILE_NAME);
        let error = |reason: String| StoreError {
            path: path.display().to_string(),
            reason,
        };
        std::fs::create_dir_all(dir).map_err(|e| error(e.to_string()))?;
        let (conn, warning) = match open_checked(&path) {
            Ok(conn) => (conn, None),
            Err(reason) => {
                // Keep the bad file for inspection; start afresh.
                let aside = path.with_extension(format!("corrupt-{}", unix_now()));
                let _ = std::fs::rename(&path, &aside);
                for suffix in ["-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
                let conn = open_checked(&path).map_err(error)?;
                let warning = format!(
                    "the cache at {} was unreadable ({reason}); it was moved to {} and a new one started",
                    path.display(),
                    aside.display()
                );
                (conn, Some(warning))
            }
        };
        Ok(Self {
            conn: Arc::new(Mutex::new(conn)),
            path,
            max_bytes,
            warning,
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The cap on cached bodies, in bytes.
    pub fn max_bytes(&self) -> u64 {
        self.max_bytes
    }

    fn conn(&self) -> MutexGuard<'_, Connection> {
        // A poisoned lock means a panic mid-call; SQLite's own transactions keep the file sane.
        self.conn.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn error(&self, err: &rusqlite::Error) -> StoreError {
        StoreError {
            path: self.path.display().to_string(),
            reason: err.to_string(),
        }
    }
}

/// Opens the file, checks it is a usable database and sets it up.
fn open_checked(path: &Path) -> Result<Connection, String> {
    let conn = Connection::open(path).map_err(|e| e.to_string())?;
    // Another apidex may hold a write lock for a moment: wait instead of failing.
    conn.busy_timeout(Duration::from_secs(5))
        .map_err(|e| e.to_string())?;
    conn.pragma_update(None, "journal_mode", "WAL")
        .map_err(|e| e.to_string())?;
    conn.pragma_update(None, "synchronous", "NORMAL")
        .map_err(|e| e.to_string())?;
    // Reading the schema is enough to tell a database from anything else, and costs nothing
    // however big the cache is (a full integrity check read all 200 MB at every start).
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |row| {
        row.get::<_, i64>(0)
    })
    .map_err(|e| e.to_string())?;
    conn.execute_batch(SCHEMA).map_err(|e| e.to_string())?;
    Ok(conn)
}

/// Seconds since the Unix epoch, now.
pub fn unix_now() -> i64 {
    unix(SystemTime::now())
}

/// Seconds since the Unix epoch at `time`.
pub fn unix(time: SystemTime) -> i64 {
    time.duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}
