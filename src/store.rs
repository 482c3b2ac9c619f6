//! The on-disk stores: two SQLite databases (WAL mode), kept apart because they are worth
//! different things.
//!
//! - The **response cache** ([`Store::open`], `apidex.sqlite3` in the cache directory) is
//!   disposable: anything in it can be fetched again.
//! - The **user's data** ([`Store::open_user_data`], `apidex-data.sqlite3` in the data
//!   directory) holds bookmarks, history and recent searches, which nothing can bring back.
//!
//! Every method here blocks; async callers run them with `spawn_blocking` so neither the UI nor
//! the runtime's workers ever wait on disk. Opening tells damage from trouble: a locked, full,
//! read-only or unopenable database is an error for this run (the caller goes on without it and
//! says so) and is left exactly as it is; only a file SQLite calls "not a database", or one that
//! fails its integrity check, is moved aside — and for the user's data only after every row that
//! can still be read has been copied into a fresh database (see `open`). Two apidex processes
//! may share a file: SQLite's locking plus a busy timeout serialise their writes.

pub mod marks;
mod migrate;
mod open;
pub mod responses;
mod salvage;
mod writer;

use responses::from_unix;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rusqlite::Connection;

/// File name of the response cache inside the cache directory.
pub const FILE_NAME: &str = "apidex.sqlite3";

/// File name of the user's data (bookmarks, history, searches) inside the data directory.
pub const DATA_FILE_NAME: &str = "apidex-data.sqlite3";

/// Default cap on cached response bodies: 200 MB.
pub const DEFAULT_MAX_BYTES: u64 = 200 * 1000 * 1000;

/// How long an open or a write waits for another process's lock before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Something went wrong with a store.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {reason}")]
pub struct StoreError {
    /// The database file.
    pub path: String,
    /// What SQLite or the file system said.
    pub reason: String,
}

/// Which database a [`Store`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The response cache: disposable.
    Cache,
    /// Bookmarks, history and searches: the user's own.
    UserData,
}

/// A handle to one database; clones share the connection.
#[derive(Debug, Clone)]
pub struct Store {
    conn: Arc<Mutex<Connection>>,
    path: PathBuf,
    kind: Kind,
    max_bytes: u64,
    /// The cache's writer thread (none for the user's data, or when it could not start).
    writer: Option<Arc<writer::Writer>>,
    /// What happened while opening (a damaged file moved aside, a read-only disk), for the user
    /// to see once.
    pub warning: Option<String>,
}

impl Store {
    /// Opens (or creates) the response cache in `dir`, keeping cached bodies under `max_bytes`.
    ///
    /// # Errors
    /// When the database cannot be used this run: locked by another program for longer than
    /// [`BUSY_TIMEOUT`], a full or read-only disk, an unwritable directory. The file is left as
    /// it is. A damaged file is moved aside and replaced instead (with a warning).
    pub fn open(dir: &Path, max_bytes: u64) -> Result<Self, StoreError> {
        Self::open_cache(dir, max_bytes, BUSY_TIMEOUT)
    }

    /// [`Store::open`], waiting at most `busy_timeout` for other processes' locks.
    ///
    /// # Errors
    /// As [`Store::open`].
    pub fn open_cache(
        dir: &Path,
        max_bytes: u64,
        busy_timeout: Duration,
    ) -> Result<Self, StoreError> {
        let (conn, warning) = open::open(&dir.join(FILE_NAME), Kind::Cache, busy_timeout)?;
        let mut store = Self::new(conn, dir.join(FILE_NAME), Kind::Cache, max_bytes, warning);
        store.writer = writer::Writer::start(&store).map(Arc::new);
        Ok(store)
    }

    /// Stores `response` for `url` behind the caller: queued for the cache's writer thread
    /// (waiting only while its queue is full), visible to lookups at once. Without a writer,
    /// written now on a blocking thread. Failures only cost future cache hits.
    pub async fn put_behind(&self, url: String, response: responses::CachedResponse) {
        if let Some(writer) = &self.writer {
            writer.put(url, response).await;
        } else {
            let store = self.clone();
            let _ = tokio::task::spawn_blocking(move || store.put(&url, &response)).await;
        }
    }

    /// Waits until every response queued with [`Store::put_behind`] is on disk (before the
    /// process exits). Returns a note when some could not be written since the last flush (a
    /// full disk, say): `3 responses could not be cached: the disk is full`.
    pub async fn flush(&self) -> Option<String> {
        let (count, reason) = self.writer.as_ref()?.flush().await?;
        let what = if count == 1 { "response" } else { "responses" };
        Some(format!("{count} {what} could not be cached: {reason}"))
    }

    /// Opens (or creates) the user's data in `dir`. The first time, bookmarks, history and
    /// searches are moved over from `legacy`, the single database older versions kept in the
    /// cache directory (see `migrate`).
    ///
    /// # Errors
    /// When the database can be neither written nor read. When it can only be read (a
    /// read-only or full disk, say), it opens read-only with a warning.
    pub fn open_user_data(dir: &Path, legacy: Option<&Path>) -> Result<Self, StoreError> {
        Self::open_user_data_with(dir, legacy, BUSY_TIMEOUT)
    }

    /// [`Store::open_user_data`], waiting at most `busy_timeout` for other processes' locks.
    ///
    /// # Errors
    /// As [`Store::open_user_data`].
    pub fn open_user_data_with(
        dir: &Path,
        legacy: Option<&Path>,
        busy_timeout: Duration,
    ) -> Result<Self, StoreError> {
        let path = dir.join(DATA_FILE_NAME);
        let (conn, mut warning) = open::open(&path, Kind::UserData, busy_timeout)?;
        if let Some(legacy) = legacy.filter(|l| *l != path) {
            let note = migrate::from_legacy(&conn, legacy, busy_timeout);
            warning = match (warning, note) {
                (Some(a), Some(b)) => Some(format!("{a}; {b}")),
                (a, b) => a.or(b),
            };
        }
        Ok(Self::new(conn, path, Kind::UserData, 0, warning))
    }

    fn new(
        conn: Connection,
        path: PathBuf,
        kind: Kind,
        max_bytes: u64,
        warning: Option<String>,
    ) -> Self {
        Self {
            conn: Arc::new(Mutex::new(conn)),
            path,
            kind,
            max_bytes,
            writer: None,
            warning,
        }
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Which database this is.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// The cap on cached bodies, in bytes (0 for the user's data).
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
            reason: open::describe(err),
        }
    }

    /// An error unless this is the `wanted` database: bookmarks asked of the cache (or responses
    /// of the user's data) are a programming error, reported rather than a panic.
    fn require(&self, wanted: Kind) -> Result<(), StoreError> {
        if self.kind == wanted {
            return Ok(());
        }
        Err(StoreError {
            path: self.path.display().to_string(),
            reason: format!(
                "this is the {:?} database, not the {wanted:?} one",
                self.kind
            ),
        })
    }
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
